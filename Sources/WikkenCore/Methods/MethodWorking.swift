/// The intermediate results a textbook prints, so that a reader can follow a worked example
/// step by step (`wikken methoden --json`, the API). Computed separately from the fast paths,
/// in the textbook's order; the tests check that they end where the fast paths do.
extension Topsis {
    public struct Working: Sendable, Equatable {
        /// Row-major option × criterion: `r_ij = x_ij / √(Σ_i x_ij²)`.
        public var normalised: [Double]
        /// Row-major: `v_ij = w_j r_ij`.
        public var weighted: [Double]
        /// Per criterion: the best and worst weighted value (max/min by direction).
        public var ideal: [Double]
        public var antiIdeal: [Double]
        /// Per option: `D+`, `D−` and the closeness `D− / (D+ + D−)`.
        public var distanceToIdeal: [Double]
        public var distanceToAntiIdeal: [Double]
        public var closeness: [Double]
    }

    public static func working(_ matrix: DecisionMatrix) -> Working {
        let n = matrix.optionCount, m = matrix.criterionCount
        var normalised = [Double](repeating: 0, count: n * m)
        for j in 0..<m {
            let norm = (0..<n).reduce(0.0) { $0 + matrix.values[$1 * m + j] * matrix.values[$1 * m + j] }.squareRoot()
            for i in 0..<n { normalised[i * m + j] = norm > 0 ? matrix.values[i * m + j] / norm : 0 }
        }
        let weighted = (0..<(n * m)).map { normalised[$0] * matrix.weights[$0 % max(m, 1)] }
        var ideal = [Double](repeating: 0, count: m), antiIdeal = ideal
        for j in 0..<m {
            let column = (0..<n).map { weighted[$0 * m + j] }
            ideal[j] = (matrix.benefit[j] ? column.max() : column.min()) ?? 0
            antiIdeal[j] = (matrix.benefit[j] ? column.min() : column.max()) ?? 0
        }
        var plus = [Double](repeating: 0, count: n), minus = plus, closeness = plus
        for i in 0..<n {
            plus[i] = (0..<m).reduce(0.0) { $0 + (weighted[i * m + $1] - ideal[$1]) * (weighted[i * m + $1] - ideal[$1]) }.squareRoot()
            minus[i] = (0..<m).reduce(0.0) { $0 + (weighted[i * m + $1] - antiIdeal[$1]) * (weighted[i * m + $1] - antiIdeal[$1]) }.squareRoot()
            closeness[i] = plus[i] + minus[i] > 0 ? minus[i] / (plus[i] + minus[i]) : 0.5
        }
        return Working(normalised: normalised, weighted: weighted, ideal: ideal, antiIdeal: antiIdeal,
                       distanceToIdeal: plus, distanceToAntiIdeal: minus, closeness: closeness)
    }
}

extension Promethee {
    public struct Working: Sendable, Equatable {
        /// Row-major option × option: `π(a,b) = Σ_j w_j P_j(a,b)` (0 on the diagonal).
        public var preference: [Double]
        /// Row-major option × criterion: each criterion's own net flow
        /// `φ_j(a) = Σ_b (P_j(a,b) − P_j(b,a)) / (n − 1)`, so that `φ(a) = Σ_j w_j φ_j(a)` (the
        /// profile GAIA draws).
        public var criterionNetFlows: [Double]
        public var positive: [Double]
        public var negative: [Double]
        public var net: [Double]
        /// Per criterion, the tolerance used at its thresholds (see ``Promethee/tolerance(_:criterion:)``).
        public var tolerances: [Double]

        public init(preference: [Double], criterionNetFlows: [Double], positive: [Double], negative: [Double], net: [Double], tolerances: [Double]) {
            self.preference = preference
            self.criterionNetFlows = criterionNetFlows
            self.positive = positive
            self.negative = negative
            self.net = net
            self.tolerances = tolerances
        }
    }

    /// The textbook computation with every intermediate: O(n² m).
    public static func working(_ matrix: DecisionMatrix) -> Working {
        let n = matrix.optionCount, m = matrix.criterionCount
        let tolerances = (0..<m).map { tolerance(matrix, criterion: $0) }
        var pi = [Double](repeating: 0, count: n * n), profile = [Double](repeating: 0, count: n * m)
        let scale = n > 1 ? 1 / Double(n - 1) : 0
        for a in 0..<n {
            for b in 0..<n where a != b {
                for j in 0..<m {
                    let d = (matrix.benefit[j] ? 1 : -1) * (matrix.values[a * m + j] - matrix.values[b * m + j])
                    let p = matrix.preferences[j].preference(d, tolerance: tolerances[j])
                    pi[a * n + b] += matrix.weights[j] * p
                    profile[a * m + j] += p * scale
                    profile[b * m + j] -= p * scale
                }
            }
        }
        let positive = (0..<n).map { a in (0..<n).reduce(0.0) { $0 + pi[a * n + $1] } * scale }
        let negative = (0..<n).map { a in (0..<n).reduce(0.0) { $0 + pi[$1 * n + a] } * scale }
        return Working(preference: pi, criterionNetFlows: profile, positive: positive, negative: negative,
                       net: zip(positive, negative).map { $0 - $1 }, tolerances: tolerances)
    }
}

extension Vikor {
    /// Per criterion the best and worst value `f*`, `f^` (by direction), and the threshold
    /// `DQ = 1/(n − 1)` of the acceptable advantage.
    public static func bounds(_ matrix: DecisionMatrix) -> (best: [Double], worst: [Double], dq: Double) {
        let m = matrix.criterionCount
        var best = [Double](repeating: 0, count: m), worst = best
        for j in 0..<m {
            let column = matrix.column(j)
            best[j] = (matrix.benefit[j] ? column.max() : column.min()) ?? 0
            worst[j] = (matrix.benefit[j] ? column.min() : column.max()) ?? 0
        }
        return (best, worst, matrix.optionCount > 1 ? 1 / Double(matrix.optionCount - 1) : 0)
    }
}
