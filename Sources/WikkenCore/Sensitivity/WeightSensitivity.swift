/// One-way weight sensitivity of a MAVT ranking.
///
/// Convention: the global weight of one criterion (a leaf or a whole branch) is set to `x`; the
/// leaves inside it keep their proportions, and all other leaves are scaled proportionally so the
/// weights still sum to 1. Every total is then a straight line in `x`:
/// `V_a(x) = x · s_a + (1 − x) · t_a`, with `s_a` the option's value on the criterion (0–100) and
/// `t_a` its value on everything else. Intervals and crossings follow from where lines meet.
public struct WeightSensitivity: Sendable {
    public struct CriterionSensitivity: Sendable, Equatable {
        public var criterion: String
        /// The criterion's current global weight.
        public var weight: Double
        /// The first option stays first for global weights in this interval (within 0–1).
        public var topStays: ClosedRange<Double>
        /// The whole ranking stays the same in this interval.
        public var rankingStays: ClosedRange<Double>
        /// The weight at which the first two options swap, if that happens within 0–1.
        public var swapFirstTwoAt: Double?
        /// The option that takes first place just outside `topStays` (below and above), if any.
        public var newTopBelow: Int?
        public var newTopAbove: Int?
        /// Per option: value on this criterion (`s`) and on the rest (`t`), both 0–100.
        public var own: [Double]
        public var rest: [Double]

        /// Where first place changes hands as this criterion's weight runs from 0 to 1: the
        /// option first at weight 0, then every weight at which another option takes over and
        /// which one (the upper envelope of the lines, left to right).
        public var firstPlace: (atZero: Int, changes: [(weight: Double, option: Int)]) {
            let n = own.count
            guard n > 0 else { return (0, []) }
            // First at 0: highest rest value; a tie goes to the steeper line (it leads just after 0).
            var leader = (0..<n).max { (rest[$0], own[$0] - rest[$0]) < (rest[$1], own[$1] - rest[$1]) } ?? 0
            let start = leader
            var x = 0.0, changes: [(Double, Int)] = []
            // Each step the leader is overtaken by a steeper line; slopes only rise, so at most n − 1 steps.
            for _ in 0..<n {
                let slope = own[leader] - rest[leader]
                var next: (x: Double, option: Int, slope: Double)?
                for a in 0..<n where a != leader {
                    let s = own[a] - rest[a]
                    guard s > slope + 1e-12 else { continue }
                    // Where a's line meets the leader's: rest_a + s_a·x = rest_L + s_L·x.
                    let meet = (rest[leader] - rest[a]) / (s - slope)
                    // The leader leads just after x (ties went to the steepest), so a steeper line
                    // meets it only later; the earliest meeting wins, and at one point the steepest.
                    guard meet > x + 1e-12 else { continue }
                    if let n = next, meet > n.x + 1e-12 || (abs(meet - n.x) <= 1e-12 && s <= n.slope) { continue }
                    next = (meet, a, s)
                }
                guard let found = next, found.x < 1 - 1e-12 else { break }
                x = max(found.x, x)
                leader = found.option
                changes.append((x, leader))
            }
            return (start, changes)
        }

        /// Totals at global weight `x`.
        public func totals(at x: Double) -> [Double] { zip(own, rest).map { x * $0 + (1 - x) * $1 } }
    }

    public var weightSet: String
    public var top: Int
    public var second: Int?
    public var criteria: [CriterionSensitivity]

    /// The smallest change of one criterion's weight that swaps the first two options.
    public var smallestSwap: CriterionSensitivity? {
        criteria.filter { $0.swapFirstTwoAt != nil }.min { abs($0.swapFirstTwoAt! - $0.weight) < abs($1.swapFirstTwoAt! - $1.weight) }
    }

    /// Sensitivity of the ranking under weight set `setIndex` of `result` for every criterion
    /// (all nodes of the tree). Requires a result without missing scores, or with the worst-value
    /// rule (the totals must be additive).
    public static func analyse(_ dossier: Dossier, _ result: MavtResult, weightSet setIndex: Int) -> WeightSensitivity {
        let set = result.weightSets[setIndex]
        let n = result.optionIDs.count, m = result.leafIDs.count
        let top = set.ranking[0].option
        let second = set.ranking.count > 1 ? set.ranking[1].option : nil
        // Weights of the leaves inside each criterion as if it had weight 1 (product of local
        // weights below it), so criteria with weight 0 still have a defined value.
        var inner: [String: [Double]] = [:]
        func visit(_ c: Criterion) -> [Double] {
            var w = [Double](repeating: 0, count: m)
            if c.isLeaf {
                w[result.leafIDs.firstIndex(of: c.id)!] = 1
            } else {
                for child in c.children {
                    let l = set.weights.local[child.id] ?? 0
                    for (j, x) in visit(child).enumerated() where x > 0 { w[j] += l * x }
                }
            }
            inner[c.id] = w
            return w
        }
        dossier.criteria.forEach { _ = visit($0) }
        let values = (0..<(n * m)).map { result.values[$0] ?? 0 }

        var out: [CriterionSensitivity] = []
        for c in dossier.allCriteria {
            let wc = set.weights.global[c.id] ?? 0
            guard wc < 1 - 1e-12 else { continue } // the only weighted criterion: nothing to trade against
            let innerW = inner[c.id]!
            var own = [Double](repeating: 0, count: n), rest = own
            for i in 0..<n {
                var s = 0.0, v = 0.0
                for j in 0..<m {
                    s += innerW[j] * values[i * m + j]
                    v += set.leafWeights[j] * values[i * m + j]
                }
                own[i] = s
                rest[i] = (v - wc * s) / (1 - wc)
            }
            // Where does line a cross line b? (nil when parallel)
            func crossing(_ a: Int, _ b: Int) -> Double? {
                let dt = rest[a] - rest[b], ds = own[a] - own[b]
                let denominator = dt - ds
                guard abs(denominator) > 1e-12 else { return nil }
                return dt / denominator
            }
            var topLo = 0.0, topHi = 1.0, rankLo = 0.0, rankHi = 1.0
            var newTopBelow: Int? = nil, newTopAbove: Int? = nil
            for a in 0..<n where a != top {
                guard let x = crossing(top, a) else { continue }
                if x < wc - 1e-12, x > topLo { topLo = x; newTopBelow = a }
                if x > wc + 1e-12, x < topHi { topHi = x; newTopAbove = a }
            }
            let order = set.ranking.map(\.option)
            for (p, a) in order.enumerated() {
                for b in order[(p + 1)...] {
                    guard let x = crossing(a, b) else { continue }
                    if x < wc - 1e-12 { rankLo = max(rankLo, x) }
                    if x > wc + 1e-12 { rankHi = min(rankHi, x) }
                }
            }
            var swap: Double? = nil
            if let second, let x = crossing(top, second), x > 1e-12, x < 1 - 1e-12, abs(x - wc) > 1e-12 { swap = x }
            out.append(CriterionSensitivity(
                criterion: c.id, weight: wc, topStays: topLo...topHi, rankingStays: rankLo...rankHi, swapFirstTwoAt: swap,
                newTopBelow: newTopBelow, newTopAbove: newTopAbove, own: own, rest: rest
            ))
        }
        return WeightSensitivity(weightSet: set.id, top: top, second: second, criteria: out)
    }
}
