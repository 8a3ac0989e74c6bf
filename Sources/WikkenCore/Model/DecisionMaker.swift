/// Someone who decides or weighs: a person, a board, or a partner organisation in a joint
/// decision (gemeente, huurdersorganisatie, zorg).
public struct DecisionMaker: Equatable, Sendable {
    public var id: String
    public var name: String
    public var role: String?
    /// The organisation this decision maker speaks for (*organisatie*). In the web app its people
    /// (an organisation with the same name) edit this partner's weight sets and positions.
    public var organisation: String?
    /// The people who weigh on its behalf (*afgevaardigden*); a delegation of several has a weight
    /// set each, combined into one voice (AIJ, see ``Delegation``).
    public var delegates: [String]

    public init(id: String, name: String, role: String? = nil, organisation: String? = nil, delegates: [String] = []) {
        self.id = id
        self.name = name
        self.role = role
        self.organisation = organisation
        self.delegates = delegates
    }
}
