/// A partner's position on one option (*standpunt*): can it accept the option, live with it, or
/// does it object? An objection (*bezwaar*) needs a reason, so the others can respond to it and
/// the decision record keeps it (Loomio's consent: every objection with its reason).
public struct Position: Equatable, Sendable {
    public enum Mark: String, CaseIterable, Sendable {
        case acceptable = "acceptabel"
        case canLiveWith = "kan-ermee-leven"
        case objection = "bezwaar"

        public static var fileNames: [String] { allCases.map(\.rawValue) }

        public var dutch: String {
            switch self {
            case .acceptable: return "acceptabel"
            case .canLiveWith: return "kan ermee leven"
            case .objection: return "bezwaar"
            }
        }
    }

    /// The id of the ``DecisionMaker`` whose position this is.
    public var partner: String
    public var option: String
    public var mark: Mark
    public var reason: String?

    public init(partner: String, option: String, mark: Mark, reason: String? = nil) {
        self.partner = partner
        self.option = option
        self.mark = mark
        self.reason = reason
    }
}
