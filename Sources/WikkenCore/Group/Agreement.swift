/// How far partners agree, in three measures with plain labels. No significance tests: with three
/// to six partners they say little, and the network's question is "how far apart are we", not
/// "is this chance".
///
/// - **Kendall's W** (coefficient of concordance) over the partners' rankings, with the tie
///   correction: W = 12·S / (m²(n³ − n) − m·Σⱼ Tⱼ), S = Σᵢ (Rᵢ − R̄)², Rᵢ the sum of option i's
///   average ranks, Tⱼ = Σ (t³ − t) over partner j's groups of t tied options (Kendall & Babington
///   Smith 1939; Siegel & Castellan 1988, §9.4). 0 = no agreement, 1 = the same ranking. Undefined
///   (nil) when every partner ties every option.
/// - **Label** after Schmidt (1997, *Decision Sciences* 28(3)): W ≥ 0.7 *hoge*, W ≥ 0.5 *matige*,
///   below *lage overeenstemming* (Schmidt: 0.5 moderate, 0.7 strong agreement).
/// - **Pairs**: Kendall's τ-b and Spearman's ρ for every two partners (``RankCorrelation``).
public enum Agreement {
    public enum Level: String, Sendable, Equatable {
        case high = "hoog", moderate = "matig", low = "laag"

        public static let highFrom = 0.7, moderateFrom = 0.5

        public init(w: Double) {
            self = w >= Self.highFrom ? .high : w >= Self.moderateFrom ? .moderate : .low
        }

        /// "hoge overeenstemming", as a sentence uses it.
        public var dutch: String {
            switch self {
            case .high: return "hoge overeenstemming"
            case .moderate: return "matige overeenstemming"
            case .low: return "lage overeenstemming"
            }
        }
    }

    /// Kendall's W over rankings given as average ranks (one row per partner, 1 = best).
    public static func kendallW(ranks: [[Double]], tolerance: Double = 1e-9) -> Double? {
        let m = Double(ranks.count)
        guard ranks.count >= 2, let n = ranks.first?.count, n >= 2, ranks.allSatisfy({ $0.count == n }) else { return nil }
        let sums = (0..<n).map { i in ranks.reduce(0) { $0 + $1[i] } }
        let mean = sums.reduce(0, +) / Double(n)
        let s = sums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        var ties = 0.0
        for row in ranks {
            let sorted = row.sorted()
            var k = 0
            while k < sorted.count {
                var e = k
                while e + 1 < sorted.count, abs(sorted[e + 1] - sorted[k]) <= tolerance { e += 1 }
                let t = Double(e - k + 1)
                ties += t * t * t - t
                k = e + 1
            }
        }
        let nd = Double(n)
        let denominator = m * m * (nd * nd * nd - nd) - m * ties
        guard denominator > tolerance else { return nil }
        return min(1, max(0, 12 * s / denominator))
    }

    /// Kendall's W of values (higher is better), ranked with average ranks for ties.
    public static func kendallW(values: [[Double]], tolerance: Double = 1e-9) -> Double? {
        kendallW(ranks: values.map { RankCorrelation.averageRanks($0, tolerance: tolerance) }, tolerance: tolerance)
    }

    /// How far the partners' weights for one criterion lie apart.
    public struct Spread: Sendable, Equatable {
        public var lowest: Double
        public var highest: Double
        public var range: Double { highest - lowest }
    }

    /// Lowest and highest of each column (weights per criterion, one row per partner); nil for
    /// an empty column set.
    public static func spread(_ rows: [[Double]]) -> [Spread] {
        guard let n = rows.first?.count else { return [] }
        return (0..<n).map { c in
            let column = rows.compactMap { c < $0.count ? $0[c] : nil }
            return Spread(lowest: column.min() ?? 0, highest: column.max() ?? 0)
        }
    }
}
