/// The weights of one stakeholder or perspective.
///
/// Weights are given per group of siblings in the criteria tree (the top-level criteria form one
/// group, the children of each criterion another) and only their ratios within a group matter.
/// How they are given is the ``WeightingMethod``: direct numbers, SWING points, a ranking, or AHP
/// pairwise judgements. A group without any input gets equal weights; a group with input must
/// cover all its members (AHP: through connected judgements).
public struct WeightSet: Equatable, Sendable {
    public var id: String
    public var name: String
    /// The id of the ``DecisionMaker`` whose weights these are, if any.
    public var owner: String?
    public var description: String?
    public var method: WeightingMethod
    /// Raw weight (direct) or points (SWING) per criterion id, non-negative. Unused by the other methods.
    public var weights: [String: Double]

    public init(id: String, name: String, owner: String? = nil, description: String? = nil, method: WeightingMethod = .direct, weights: [String: Double] = [:]) {
        self.id = id
        self.name = name
        self.owner = owner
        self.description = description
        self.method = method
        self.weights = weights
    }
}

/// How a weight set's weights are elicited.
public enum WeightingMethod: Equatable, Sendable {
    /// Numbers per criterion, normalised within each group.
    case direct
    /// SWING points: in each group the most important swing has 100, the others 0–100.
    case swing
    /// A ranking of criteria from most to least important (ties share a place); each group takes
    /// the order of its own members and the formula turns positions into weights.
    case rankOrder(RankOrderFormula, ranking: [[String]])
    /// AHP pairwise judgements between siblings; see ``PairwiseComparison``.
    case pairwise([Judgement])
}
