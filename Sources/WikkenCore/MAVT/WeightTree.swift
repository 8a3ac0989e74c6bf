/// A weight set normalised over the criteria tree.
///
/// Local weights are normalised within each sibling group (they sum to 1 per group; a group
/// without input gets equal weights). The global weight of a node is the product of the local
/// weights on the path from the root; the global weights of the leaves sum to 1.
public struct NormalisedWeights: Sendable, Equatable {
    /// Local (within-parent) weight per criterion id.
    public var local: [String: Double]
    /// Global weight per criterion id (parents included).
    public var global: [String: Double]
    /// How each group got its weights, in tree order (top-level group first).
    public var groups: [GroupWeights]

    /// Normalises `set` over `criteria`. The set must be valid (see ``Dossier/validate()``).
    /// Another partner's own criteria (``Criterion/owner``) weigh 0 in it, with all below them.
    public init(_ set: WeightSet, criteria: [Criterion]) {
        var local: [String: Double] = [:], global: [String: Double] = [:], groups: [GroupWeights] = []
        func group(_ siblings: [Criterion], parent: String?, parentGlobal: Double) {
            guard !siblings.isEmpty else { return }
            let g = GroupWeights(set, members: siblings.map(\.id), parent: parent)
            groups.append(g)
            for (c, l) in zip(siblings, g.weights) {
                local[c.id] = l
                global[c.id] = l * parentGlobal
            }
            for (c, l) in zip(siblings, g.weights) { group(c.children, parent: c.id, parentGlobal: l * parentGlobal) }
        }
        let weighed = Criterion.weighed(by: set.owner, in: criteria)
        group(weighed, parent: nil, parentGlobal: 1)
        // Others' own criteria: weight 0, and everything below them (their groups as if alone).
        for c in criteria where !weighed.contains(where: { $0.id == c.id }) {
            local[c.id] = 0
            global[c.id] = 0
            group(c.children, parent: c.id, parentGlobal: 0)
        }
        self.local = local
        self.global = global
        self.groups = groups
    }
}

/// The weights of one sibling group and how they were derived.
public struct GroupWeights: Sendable, Equatable {
    /// The parent criterion, or nil for the top-level group.
    public var parent: String?
    public var members: [String]
    /// Local weights of the members, summing to 1.
    public var weights: [Double]
    /// True when the group had no input and got equal weights.
    public var equal: Bool
    /// The AHP analysis, for pairwise judgements.
    public var pairwise: PairwiseResult?
    public var comparison: PairwiseComparison?

    init(_ set: WeightSet, members: [String], parent: String?) {
        self.parent = parent
        self.members = members
        let n = Double(members.count)
        var raw: [Double]? = nil
        switch set.method {
        case .direct, .swing:
            let given = members.compactMap { set.weights[$0] }
            if given.count == members.count { raw = given }
        case .rankOrder(let formula, let ranking):
            let memberSet = Set(members)
            let tiers = ranking.map { $0.filter(memberSet.contains) }.filter { !$0.isEmpty }
            if !tiers.isEmpty {
                let w = formula.weights(for: tiers)
                raw = members.map { w[$0] ?? 0 }
            }
        case .pairwise(let judgements):
            let memberSet = Set(members)
            let mine = judgements.filter { memberSet.contains($0.more) && memberSet.contains($0.less) }
            if !mine.isEmpty {
                let comparison = PairwiseComparison(elements: members, judgements: mine)
                let result = comparison.analyse()
                self.comparison = comparison
                self.pairwise = result
                raw = result.priorities
            }
        }
        if let raw, raw.reduce(0, +) > 0 {
            let sum = raw.reduce(0, +)
            weights = raw.map { $0 / sum }
            equal = false
        } else {
            weights = Array(repeating: 1 / n, count: members.count)
            equal = true
        }
    }
}
