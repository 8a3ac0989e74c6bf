/// The text facet of the registration rules: what the public page, the participant's page and
/// the API say. The rules themselves (``Admission/decide(edition:sessions:applicant:seatsHeld:)``)
/// return kinds.
extension Admission {
    /// The rules as the registration page states them.
    public static let rules: [String] = [
        "Is je organisatie partner van Platform31? Dan doe je gratis mee.",
        "Is je organisatie geen partner? Dan kun je één keer meedoen. Dat kost €130, eenmalig.",
        "Deed jij of iemand van je organisatie al eens mee toen de organisatie geen partner was? Dan moet je organisatie eerst partner worden voordat je je opnieuw aanmeldt.",
        "Het aantal plaatsen is beperkt. Is alles vol, dan kom je op de wachtlijst, op volgorde van aanmelding. Komt er een plaats vrij, dan krijgt de eerste op de wachtlijst die plaats.",
        "Na je aanmelding volgt een kort intakegesprek. Daarna hoor je of je bent toegelaten.",
    ]

    /// "€130" / "€130,50".
    public static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? "€\(cents / 100)" : "€\(cents / 100),\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}

extension Admission.Refusal {
    /// Why a registration was refused, in plain Dutch, naming who to turn to.
    public func message(contact: NetworkContact) -> String {
        switch self {
        case .closed: return "Aanmelden voor deze editie kan niet meer."
        case .noSessions: return "Deze editie heeft nog geen werksessies; aanmelden kan zodra ze gepland zijn."
        case .alreadyRegistered:
            return "Met dit e-mailadres ben je al aangemeld voor deze editie. Je aanmelding staat nog. Je persoonlijke link staat in de e-mail die je kreeg; kwijt? Vraag hem opnieuw aan op \(contact.baseURL)/netwerk/link."
        case .becomePartner(let edition):
            return "Jij of iemand van je organisatie deed al mee aan \(edition) toen de organisatie geen partner van Platform31 was. Een organisatie die geen partner is, doet één keer mee; opnieuw meedoen kan als je organisatie partner wordt. Vragen? Neem contact op met \(contact.sentence)."
        }
    }
}
