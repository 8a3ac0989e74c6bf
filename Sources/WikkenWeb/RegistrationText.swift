import WikkenNetwork
import WikkenStore

/// What a participant reads about their registration: status, waitlist place and fee. Shared by
/// the participant's page and the API.
enum RegistrationText {
    static func explain(_ r: RegistrationRecord, position: Int?) -> [String] {
        var lines: [String] = []
        switch r.status {
        case .aangemeld: lines.append("Je hebt een plaats. De organisator neemt contact met je op voor een kort intakegesprek.")
        case .intakeGepland: lines.append("Je intakegesprek is gepland\(r.intakeOn.flatMap(Day.init).map { " op \($0.dutch)" } ?? "").")
        case .intakeGehouden: lines.append("Je intakegesprek is gehouden. Je hoort binnenkort of je bent toegelaten.")
        case .toegelaten: lines.append("Je bent toegelaten. Welkom bij Wikken en wegen!")
        case .wachtlijst: lines.append("Alle plaatsen zijn bezet. Je staat op de wachtlijst\(position.map { ", op plaats \($0)" } ?? ""). Komt er een plaats vrij, dan krijg je die op volgorde van aanmelding.")
        case .afgewezen: lines.append("Je bent helaas niet toegelaten. De organisator heeft je laten weten waarom.")
        case .afgemeld: lines.append("Je bent afgemeld.")
        }
        if r.partner {
            lines.append("Je organisatie is partner van Platform31: je doet gratis mee.")
        } else if r.status != .afgemeld && r.status != .afgewezen {
            lines.append("Je organisatie is geen partner van Platform31. Meedoen kost eenmalig \(Admission.euros(r.feeCents)); je krijgt een factuur na toelating\(r.paid ? " (betaald)" : ""). Daarna kun je alleen opnieuw meedoen als je organisatie partner wordt.")
        }
        return lines
    }
}
