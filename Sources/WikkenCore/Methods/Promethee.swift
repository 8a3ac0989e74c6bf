import WikkenKernels

/// PROMETHEE I and II (Brans & Vincke 1985; Brans & Mareschal 2005).
///
/// Conventions: per criterion a ``PreferenceFunction`` of `d = g(a) − g(b)` (negated for cost
/// criteria); `π(a,b) = Σ_j w_j P_j(a,b)` with weights summing to 1; flows normalised by
/// `n − 1`: `φ+(a) = Σ_b π(a,b)/(n−1)`, `φ−(a) = Σ_b π(b,a)/(n−1)`, net flow `φ = φ+ − φ−`.
/// PROMETHEE II ranks by φ. PROMETHEE I: a is preferred to b when `φ+(a) ≥ φ+(b)` and
/// `φ−(a) ≤ φ−(b)` with one strict; indifferent when both equal; otherwise incomparable.
///
/// Speed: for the five piecewise-linear functions the flows come from sorted values (radix sort,
/// O(n)) and running sums with pointers that only move forward: O(n) per criterion after sorting
/// instead of the textbook O(n²). The Gaussian function is summed
/// over pairs, skipping pairs further apart than 9 s, where `exp(−d²/2s²) < 3·10⁻¹⁸` counts as 0.
/// ``reference(_:)`` is the textbook computation, kept to check the fast one.
///
/// Thresholds and decimal data: a difference within ``tolerance(_:criterion:)`` of 0 or of a
/// threshold counts as equal to it, in both paths (scores 7,2 and 7,5 with q = 0,3 are exactly q
/// apart, as a person means, although 7,5 − 7,2 is not 0,3 in binary). Both paths compare the
/// difference `g(a) − g(b)` with the threshold, never a shifted value with the other one.
public enum Promethee {
    public struct Result: Sendable, Equatable {
        public var positive: [Double]
        public var negative: [Double]
        public var net: [Double]
        /// PROMETHEE II: by net flow, best first.
        public var ranking: [RankEntry]

        /// PROMETHEE I relation of option a to option b.
        public func relation(_ a: Int, _ b: Int) -> Relation {
            let eps = 1e-12
            let plus = positive[a] - positive[b], minus = negative[a] - negative[b]
            if abs(plus) <= eps && abs(minus) <= eps { return .indifferent }
            if plus >= -eps && minus <= eps { return .preferred }
            if plus <= eps && minus >= -eps { return .outranked }
            return .incomparable
        }

        /// PROMETHEE I: options that no other option is preferred to.
        public var partialOrderBest: [Int] {
            positive.indices.filter { b in !positive.indices.contains { a in a != b && relation(a, b) == .preferred } }
        }
    }

    public enum Relation: String, Sendable {
        case preferred, outranked, indifferent, incomparable
    }

    public static func analyse(_ matrix: DecisionMatrix) -> Result {
        let n = matrix.optionCount, m = matrix.criterionCount
        var plus = [Double](repeating: 0, count: n), minus = plus
        guard n > 1 else { return finish(plus, minus, n: n) }
        var g = [Double](repeating: 0, count: n)
        var sorter = RadixSorter()
        var sorted = [Double](repeating: 0, count: n)
        var prefix = [Double](repeating: 0, count: n + 1)
        var colPlus = [Double](repeating: 0, count: n), colMinus = colPlus
        for j in 0..<m {
            let w = matrix.weights[j]
            guard w > 0 else { continue }
            let sign = matrix.benefit[j] ? 1.0 : -1.0
            for i in 0..<n { g[i] = sign * matrix.values[i * m + j] }
            let order = g.withUnsafeBufferPointer { sorter.order($0) }
            for k in 0..<n {
                sorted[k] = g[Int(order[k])]
                prefix[k + 1] = prefix[k] + sorted[k]
            }
            switch matrix.preferences[j] {
            case .gaussian(let s):
                gaussianFlows(sorted, s: s, plus: &colPlus, minus: &colMinus)
            case let f:
                linearFlows(sorted, prefix, f, tolerance: tolerance(matrix, criterion: j), plus: &colPlus, minus: &colMinus)
            }
            for k in 0..<n {
                plus[Int(order[k])] += w * colPlus[k]
                minus[Int(order[k])] += w * colMinus[k]
            }
        }
        return finish(plus, minus, n: n)
    }

    /// The relative tolerance of a threshold comparison: 10⁻⁹.
    public static let relativeTolerance = 1e-9

    /// How far a difference on criterion `j` may lie from 0 or a threshold and still count as
    /// equal to it: ``relativeTolerance`` times the larger of the criterion's thresholds and its
    /// largest value in absolute terms (rounding in a difference grows with the values).
    public static func tolerance(_ matrix: DecisionMatrix, criterion j: Int) -> Double {
        var scale = matrix.preferences[j].thresholds.map { abs($0.1) }.max() ?? 0
        let m = matrix.criterionCount
        for i in 0..<matrix.optionCount { scale = max(scale, abs(matrix.values[i * m + j])) }
        return relativeTolerance * scale
    }

    private static func finish(_ plus: [Double], _ minus: [Double], n: Int) -> Result {
        let scale = n > 1 ? 1 / Double(n - 1) : 0
        let p = plus.map { $0 * scale }, q = minus.map { $0 * scale }
        let net = zip(p, q).map { $0 - $1 }
        return Result(positive: p, negative: q, net: net, ranking: Mavt.rank(net))
    }

    /// Σ_b F(y_k − y_b) and Σ_b F(y_b − y_k) for each position k of the sorted values `y`, for
    /// the piecewise-linear preference functions, with pointers that only move forward.
    static func linearFlows(_ y: [Double], _ prefix: [Double], _ f: PreferenceFunction, tolerance t: Double, plus: inout [Double], minus: inout [Double]) {
        let n = y.count
        y.withUnsafeBufferPointer { y in
            prefix.withUnsafeBufferPointer { s in
                plus.withUnsafeMutableBufferPointer { plus in
                    minus.withUnsafeMutableBufferPointer { minus in
                        // For position k with value x: lb(T) is the first index whose difference
                        // x − y is no longer above T, ub(T) the first whose y − x is above T.
                        // Differences are compared with thresholds (plus the tolerance t), as in
                        // ``PreferenceFunction/preference(_:tolerance:)``; pointers only move
                        // forward as x grows, because a rounded difference is monotone.
                        switch f {
                        case .usual, .uShape:
                            let q: Double
                            if case .uShape(let t) = f { q = t } else { q = 0 }
                            let above = q + t
                            var lb = 0, ub = 0
                            for k in 0..<n {
                                let x = y[k]
                                while lb < n && x - y[lb] > above { lb &+= 1 }
                                while ub < n && y[ub] - x <= above { ub &+= 1 }
                                plus[k] = Double(lb)
                                minus[k] = Double(n &- ub)
                            }
                        case .vShape(let p):
                            // 0 < d ≤ p: d / p; beyond p: 1.
                            let aboveP = p + t
                            var lbP = 0, lbZ = 0, ubZ = 0, ubP = 0
                            for k in 0..<n {
                                let x = y[k]
                                while lbP < n && x - y[lbP] > aboveP { lbP &+= 1 }
                                while lbZ < n && x - y[lbZ] > t { lbZ &+= 1 }
                                while ubZ < n && y[ubZ] - x <= t { ubZ &+= 1 }
                                while ubP < n && y[ubP] - x <= aboveP { ubP &+= 1 }
                                plus[k] = Double(lbP) + (Double(lbZ &- lbP) * x - (s[lbZ] - s[lbP])) / p
                                minus[k] = Double(n &- ubP) + ((s[ubP] - s[ubZ]) - Double(ubP &- ubZ) * x) / p
                            }
                        case let .level(q, p), let .linear(q, p):
                            let linear: Bool
                            if case .linear = f { linear = true } else { linear = false }
                            let aboveP = p + t, aboveQ = q + t
                            var lbP = 0, lbQ = 0, ubQ = 0, ubP = 0
                            for k in 0..<n {
                                let x = y[k]
                                while lbP < n && x - y[lbP] > aboveP { lbP &+= 1 }
                                while lbQ < n && x - y[lbQ] > aboveQ { lbQ &+= 1 }
                                while ubQ < n && y[ubQ] - x <= aboveQ { ubQ &+= 1 }
                                while ubP < n && y[ubP] - x <= aboveP { ubP &+= 1 }
                                if linear {
                                    // q < d ≤ p: (d − q)/(p − q)
                                    plus[k] = Double(lbP) + (Double(lbQ &- lbP) * (x - q) - (s[lbQ] - s[lbP])) / (p - q)
                                    minus[k] = Double(n &- ubP) + ((s[ubP] - s[ubQ]) - Double(ubP &- ubQ) * (x + q)) / (p - q)
                                } else {
                                    plus[k] = Double(lbP) + 0.5 * Double(lbQ &- lbP)
                                    minus[k] = Double(n &- ubP) + 0.5 * Double(ubP &- ubQ)
                                }
                            }
                        case .gaussian:
                            break
                        }
                    }
                }
            }
        }
    }

    /// Gaussian flows over sorted values: pairs within 9 s are summed (vectorised, in
    /// `WikkenKernels`), pairs further apart count as 1.
    static func gaussianFlows(_ y: [Double], s: Double, plus: inout [Double], minus: inout [Double]) {
        y.withUnsafeBufferPointer { y in
            plus.withUnsafeMutableBufferPointer { p in
                minus.withUnsafeMutableBufferPointer { m in
                    wk_gaussian_flows(y.baseAddress!, Int32(y.count), s, p.baseAddress!, m.baseAddress!)
                }
            }
        }
    }

    /// The textbook O(n² m) computation, to check the fast one.
    public static func reference(_ matrix: DecisionMatrix) -> Result {
        let n = matrix.optionCount, m = matrix.criterionCount
        var plus = [Double](repeating: 0, count: n), minus = plus
        let tolerances = (0..<m).map { tolerance(matrix, criterion: $0) }
        for a in 0..<n {
            for b in 0..<n where a != b {
                var pi = 0.0
                for j in 0..<m {
                    let d = (matrix.benefit[j] ? 1 : -1) * (matrix.values[a * m + j] - matrix.values[b * m + j])
                    pi += matrix.weights[j] * matrix.preferences[j].preference(d, tolerance: tolerances[j])
                }
                plus[a] += pi
                minus[b] += pi
            }
        }
        return finish(plus, minus, n: n)
    }
}
