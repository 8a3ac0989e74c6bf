/// A person or body that takes part in the decision (board, gemeente, huurdersorganisatie).
public struct DecisionMaker: Equatable, Sendable {
    public var id: String
    public var name: String
    public var role: String?

    public init(id: String, name: String, role: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
    }
}
