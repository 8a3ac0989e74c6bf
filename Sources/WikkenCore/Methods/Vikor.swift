/// VIKOR (Opricovic 1998; Opricovic & Tzeng 2004): the compromise closest to the ideal.
///
/// Conventions: per criterion best `f*` and worst `f^` over the options; the normalised regret
/// `w_i (f*_i − f_ij) / (f*_i − f^_i)` (0 when `f* = f^`); `S_j` its sum (group utility), `R_j`
/// its maximum (individual regret); `Q_j = v (S_j − S*)/(S^ − S*) + (1 − v)(R_j − R*)/(R^ − R*)`
/// (a term is 0 when its range is 0). Lower is better for S, R and Q. `v` = 0.5 by default.
///
/// Compromise solution (Opricovic & Tzeng 2004, step 5), with A1, A2 first and second by Q and
/// DQ = 1/(J − 1):
/// - C1 acceptable advantage: `Q(A2) − Q(A1) ≥ DQ`;
/// - C2 acceptable stability: A1 is also best by S or by R.
/// Both hold: A1 alone. Only C2 fails: A1 and A2. C1 fails: A1 … AM for the largest M with
/// `Q(AM) − Q(A1) < DQ`.
public enum Vikor {
    public struct Result: Sendable, Equatable {
        public var s: [Double]
        public var r: [Double]
        public var q: [Double]
        public var v: Double
        /// Options by Q, best first (lowest Q).
        public var ranking: [RankEntry]
        public var acceptableAdvantage: Bool
        public var acceptableStability: Bool
        /// Option indices in the compromise set.
        public var compromise: [Int]
    }

    public static func analyse(_ matrix: DecisionMatrix, v: Double = 0.5) -> Result {
        let n = matrix.optionCount, m = matrix.criterionCount
        var s = [Double](repeating: 0, count: n), r = s
        for j in 0..<m {
            let column = matrix.column(j)
            let best = matrix.benefit[j] ? column.max()! : column.min()!
            let worst = matrix.benefit[j] ? column.min()! : column.max()!
            let range = best - worst
            for i in 0..<n {
                let d = range == 0 ? 0 : matrix.weights[j] * (best - column[i]) / range
                s[i] += d
                r[i] = max(r[i], d)
            }
        }
        let sMin = s.min() ?? 0, sMax = s.max() ?? 0, rMin = r.min() ?? 0, rMax = r.max() ?? 0
        let q = (0..<n).map { i in
            (sMax > sMin ? v * (s[i] - sMin) / (sMax - sMin) : 0) + (rMax > rMin ? (1 - v) * (r[i] - rMin) / (rMax - rMin) : 0)
        }
        // Rank ascending by negating for the shared ranking routine.
        let ranking = Mavt.rank(q.map { -$0 }).map { RankEntry(option: $0.option, rank: $0.rank, total: -$0.total, tied: $0.tied) }
        guard n > 1 else {
            return Result(s: s, r: r, q: q, v: v, ranking: ranking, acceptableAdvantage: true, acceptableStability: true, compromise: [ranking.first?.option ?? 0])
        }
        let a1 = ranking[0].option, a2 = ranking[1].option
        let dq = 1 / Double(n - 1)
        let advantage = q[a2] - q[a1] >= dq - 1e-12
        let bestS = s.min()!, bestR = r.min()!
        let stability = abs(s[a1] - bestS) <= 1e-12 || abs(r[a1] - bestR) <= 1e-12
        let compromise: [Int]
        if !advantage {
            compromise = ranking.map(\.option).filter { q[$0] - q[a1] < dq - 1e-12 }
        } else if !stability {
            compromise = [a1, a2]
        } else {
            compromise = [a1]
        }
        return Result(s: s, r: r, q: q, v: v, ranking: ranking, acceptableAdvantage: advantage, acceptableStability: stability, compromise: compromise)
    }
}
