/// A weight set normalised over the criteria tree.
///
/// Local weights are normalised within each sibling group (they sum to 1 per group; a group
/// without weights gets equal weights). The global weight of a node is the product of the local
/// weights on the path from the root; the global weights of the leaves sum to 1.
public struct NormalisedWeights: Sendable, Equatable {
    /// Local (within-parent) weight per criterion id.
    public var local: [String: Double]
    /// Global weight per criterion id (parents included).
    public var global: [String: Double]

    /// Normalises `set` over `criteria`. The set must be valid (see ``Dossier/validate()``).
    public init(_ set: WeightSet, criteria: [Criterion]) {
        var local: [String: Double] = [:], global: [String: Double] = [:]
        func group(_ siblings: [Criterion], parentGlobal: Double) {
            guard !siblings.isEmpty else { return }
            let raw = siblings.map { set.weights[$0.id] }
            let given = raw.allSatisfy { $0 != nil }
            let sum = given ? raw.reduce(0) { $0 + $1! } : Double(siblings.count)
            for (c, w) in zip(siblings, raw) {
                let l = given ? w! / sum : 1 / sum
                local[c.id] = l
                global[c.id] = l * parentGlobal
                group(c.children, parentGlobal: l * parentGlobal)
            }
        }
        group(criteria, parentGlobal: 1)
        self.local = local
        self.global = global
    }
}
