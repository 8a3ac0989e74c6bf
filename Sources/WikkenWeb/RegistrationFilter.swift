import WikkenNetwork
import WikkenStore

/// Which registrations the organiser's list of an edition shows (`?toon=`): all, the working
/// lists (intakes to plan or hold, admitted non-partners who have not paid) or one status.
/// Anything else in the address shows all.
enum RegistrationFilter: String, CaseIterable, Sendable {
    case alle, intake, onbetaald
    case aangemeld, intakeGepland = "intake-gepland", intakeGehouden = "intake-gehouden", toegelaten, wachtlijst, afgewezen, afgemeld

    init(query: String?) {
        self = query.flatMap(Self.init(rawValue:)) ?? .alle
    }

    var label: String {
        switch self {
        case .alle: return "Alle"
        case .intake: return "Intake te plannen of te houden"
        case .onbetaald: return "Toegelaten, nog niet betaald"
        default: return status.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } ?? rawValue
        }
    }

    /// The one status this filter stands for, if it is one.
    var status: RegistrationStatus? { RegistrationStatus(rawValue: rawValue) }

    func includes(_ r: RegistrationRecord) -> Bool {
        switch self {
        case .alle: return true
        case .intake: return r.status == .aangemeld || r.status == .intakeGepland
        // Non-partners are invoiced after admission: only then is their contribution due.
        case .onbetaald: return r.status == .toegelaten && r.feeCents > 0 && !r.paid
        default: return r.status.rawValue == rawValue
        }
    }
}
