/// PROMETHEE I and II (Brans & Vincke 1985; Brans & Mareschal 2005).
///
/// Conventions: per criterion a ``PreferenceFunction`` of `d = g(a) − g(b)` (negated for cost
/// criteria); `π(a,b) = Σ_j w_j P_j(a,b)` with weights summing to 1; flows normalised by
/// `n − 1`: `φ+(a) = Σ_b π(a,b)/(n−1)`, `φ−(a) = Σ_b π(b,a)/(n−1)`, net flow `φ = φ+ − φ−`.
/// PROMETHEE II ranks by φ. PROMETHEE I: a is preferred to b when `φ+(a) ≥ φ+(b)` and
/// `φ−(a) ≤ φ−(b)` with one strict; indifferent when both equal; otherwise incomparable.
///
/// Speed: for the five piecewise-linear functions the flows come from sorted values and running
/// sums, in O(n log n) per criterion instead of the textbook O(n²). The Gaussian function is summed
/// over pairs, skipping pairs further apart than 9 s, where `exp(−d²/2s²) < 3·10⁻¹⁸` counts as 0.
/// ``reference(_:)`` is the textbook computation, kept to check the fast one.
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
        var order = Array(0..<n)
        var sorted = [Double](repeating: 0, count: n)
        var prefix = [Double](repeating: 0, count: n + 1)
        var colPlus = [Double](repeating: 0, count: n), colMinus = colPlus
        for j in 0..<m {
            let w = matrix.weights[j]
            guard w > 0 else { continue }
            let sign = matrix.benefit[j] ? 1.0 : -1.0
            for i in 0..<n { g[i] = sign * matrix.values[i * m + j] }
            order.sort { g[$0] < g[$1] }
            for k in 0..<n {
                sorted[k] = g[order[k]]
                prefix[k + 1] = prefix[k] + sorted[k]
            }
            switch matrix.preferences[j] {
            case .gaussian(let s):
                gaussianFlows(sorted, s: s, plus: &colPlus, minus: &colMinus)
            case let f:
                linearFlows(sorted, prefix, f, plus: &colPlus, minus: &colMinus)
            }
            for k in 0..<n {
                plus[order[k]] += w * colPlus[k]
                minus[order[k]] += w * colMinus[k]
            }
        }
        return finish(plus, minus, n: n)
    }

    private static func finish(_ plus: [Double], _ minus: [Double], n: Int) -> Result {
        let scale = n > 1 ? 1 / Double(n - 1) : 0
        let p = plus.map { $0 * scale }, q = minus.map { $0 * scale }
        let net = zip(p, q).map { $0 - $1 }
        return Result(positive: p, negative: q, net: net, ranking: Mavt.rank(net))
    }

    /// Σ_b F(y_k − y_b) and Σ_b F(y_b − y_k) for each position k of the sorted values `y`, for
    /// the piecewise-linear preference functions, with pointers that only move forward.
    static func linearFlows(_ y: [Double], _ prefix: [Double], _ f: PreferenceFunction, plus: inout [Double], minus: inout [Double]) {
        let n = y.count
        var q = 0.0, p = 0.0
        switch f {
        case .usual: break
        case .uShape(let t): q = t; p = t
        case .vShape(let t): p = t
        case let .level(a, b), let .linear(a, b): q = a; p = b
        case .gaussian: return
        }
        // lb(v): first index with y ≥ v; ub(v): first index with y > v.
        var lbP = 0, lbQ = 0, lbZ = 0, ubZ = 0, ubQ = 0, ubP = 0
        func sum(_ from: Int, _ to: Int) -> Double { prefix[to] - prefix[from] }
        for k in 0..<n {
            let x = y[k]
            while lbP < n && y[lbP] < x - p { lbP += 1 }
            while lbQ < n && y[lbQ] < x - q { lbQ += 1 }
            while lbZ < n && y[lbZ] < x { lbZ += 1 }
            while ubZ < n && y[ubZ] <= x { ubZ += 1 }
            while ubQ < n && y[ubQ] <= x + q { ubQ += 1 }
            while ubP < n && y[ubP] <= x + p { ubP += 1 }
            let below = Double(lbP), above = Double(n - ubP) // |d| > p: full preference
            switch f {
            case .usual:
                plus[k] = Double(lbZ)
                minus[k] = Double(n - ubZ)
            case .uShape:
                plus[k] = Double(lbQ)
                minus[k] = Double(n - ubQ)
            case .vShape:
                // 0 < d ≤ p: d / p
                plus[k] = below + (Double(lbZ - lbP) * x - sum(lbP, lbZ)) / p
                minus[k] = above + (sum(ubZ, ubP) - Double(ubP - ubZ) * x) / p
            case .level:
                plus[k] = below + 0.5 * Double(lbQ - lbP)
                minus[k] = above + 0.5 * Double(ubP - ubQ)
            case .linear:
                // q < d ≤ p: (d − q)/(p − q)
                plus[k] = below + (Double(lbQ - lbP) * (x - q) - sum(lbP, lbQ)) / (p - q)
                minus[k] = above + (sum(ubQ, ubP) - Double(ubP - ubQ) * (x + q)) / (p - q)
            case .gaussian: break
            }
        }
    }

    /// Gaussian flows over sorted values: pairs within 9 s are summed, pairs further apart count as 1.
    static func gaussianFlows(_ y: [Double], s: Double, plus: inout [Double], minus: inout [Double]) {
        let n = y.count
        let cutoff = 9 * s
        let c = -0.5 / (s * s)
        for k in 0..<n { plus[k] = 0; minus[k] = 0 }
        var far = 0 // first index b with y_k − y_b ≤ cutoff
        for k in 0..<n {
            let x = y[k]
            while far < k && x - y[far] > cutoff { far += 1 }
            // b < far: d > cutoff, preference 1 for k over b.
            plus[k] += Double(far)
            var b = k - 1
            while b >= far {
                let d = x - y[b]
                if d > 0 {
                    let pref = 1 - _exp(c * d * d)
                    plus[k] += pref
                    minus[b] += pref
                }
                b -= 1
            }
        }
        // minus for the far pairs: each b is beaten fully by every k with y_k − y_b > cutoff.
        var hi = 0
        for b in 0..<n {
            while hi < n && y[hi] - y[b] <= cutoff { hi += 1 }
            minus[b] += Double(n - hi)
        }
    }

    /// The textbook O(n² m) computation, to check the fast one.
    public static func reference(_ matrix: DecisionMatrix) -> Result {
        let n = matrix.optionCount, m = matrix.criterionCount
        var plus = [Double](repeating: 0, count: n), minus = plus
        for a in 0..<n {
            for b in 0..<n where a != b {
                var pi = 0.0
                for j in 0..<m {
                    let d = (matrix.benefit[j] ? 1 : -1) * (matrix.values[a * m + j] - matrix.values[b * m + j])
                    pi += matrix.weights[j] * matrix.preferences[j].preference(d)
                }
                plus[a] += pi
                minus[b] += pi
            }
        }
        return finish(plus, minus, n: n)
    }
}
