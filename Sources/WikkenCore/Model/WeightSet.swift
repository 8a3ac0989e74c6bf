/// The weights of one stakeholder or perspective.
///
/// Weights are given per node of the criteria tree and are normalised *within each parent*: only
/// their ratios among siblings matter. A sibling group with no weights at all gets equal weights;
/// a group with some weights given must have all of them.
public struct WeightSet: Equatable, Sendable {
    public var id: String
    public var name: String
    /// The id of the ``DecisionMaker`` whose weights these are, if any.
    public var owner: String?
    public var description: String?
    /// Raw (unnormalised) weight per criterion id, non-negative.
    public var weights: [String: Double]

    public init(id: String, name: String, owner: String? = nil, description: String? = nil, weights: [String: Double] = [:]) {
        self.id = id
        self.name = name
        self.owner = owner
        self.description = description
        self.weights = weights
    }
}
