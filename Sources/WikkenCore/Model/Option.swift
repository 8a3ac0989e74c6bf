/// One course of action the decision makers consider.
public struct Option: Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// Scores keyed by leaf-criterion id. A leaf absent here counts as missing without a reason.
    public var scores: [String: Score]

    public init(id: String, name: String, description: String? = nil, scores: [String: Score] = [:]) {
        self.id = id
        self.name = name
        self.description = description
        self.scores = scores
    }
}
