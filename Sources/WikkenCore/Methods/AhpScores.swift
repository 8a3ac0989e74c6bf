/// AHP synthesis on the dossier's scores: each leaf's values (0–100, from the value functions)
/// are read as a ratio scale and turned into option priorities per criterion, then weighted.
///
/// - **distributive** mode: `p_ij = v_ij / Σ_i v_ij` (priorities per criterion sum to 1);
/// - **ideal** mode: `p_ij = v_ij / max_i v_ij` (the best option per criterion gets 1), which
///   keeps rankings stable when options are added (Belton & Gear 1983; Saaty 1994).
/// A column of zeros gives every option an equal share. Totals are `Σ_j w_j p_ij`.
///
/// Note: value scores are interval scales; reading them as ratios (0 = no value at all) is an
/// assumption of this mode, stated in the output.
public enum AhpScores {
    public enum Mode: String, Sendable, CaseIterable {
        case distributive, ideal
    }

    public struct Result: Sendable, Equatable {
        public var mode: Mode
        public var priorities: [Double]
        public var ranking: [RankEntry]
    }

    /// `values` row-major option × leaf on 0–100; `weights` global leaf weights.
    public static func analyse(values: [Double], options n: Int, weights: [Double], mode: Mode) -> Result {
        let m = weights.count
        var totals = [Double](repeating: 0, count: n)
        for j in 0..<m {
            var sum = 0.0, best = 0.0
            for i in 0..<n { sum += values[i * m + j]; best = max(best, values[i * m + j]) }
            let denominator = mode == .distributive ? sum : best
            for i in 0..<n {
                let p = denominator > 0 ? values[i * m + j] / denominator : (mode == .distributive ? 1 / Double(n) : 1)
                totals[i] += weights[j] * p
            }
        }
        return Result(mode: mode, priorities: totals, ranking: Mavt.rank(totals))
    }
}
