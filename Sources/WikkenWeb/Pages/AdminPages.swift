/// The organiser's page: organisations, users and the account log.
struct AdminPage: PageModel {
    static let template = Template.beheer
    struct Organisation: Encodable {
        var id: String
        var naam: String
    }

    struct UserRow: Encodable {
        var id: String
        var naam: String
        var email: String
        var rol: String
        var organisatie: String
        var actief: Bool
        var zelf: Bool
    }

    struct LogLine: Encodable {
        /// Date and time in Europe/Amsterdam.
        var wanneer: String
        var wie: String
        var wat: String
        var over: String
    }

    var titel = "Beheer"
    var csrf: String
    var organisaties: [Organisation]
    var gebruikers: [UserRow]
    var logboek: [LogLine]
    var heeftLogboek: Bool
    var melding: String?
    var fout: String?
}

/// The organiser's network page: editions, partner periods, newsletter list, retention.
struct NetworkAdminPage: PageModel {
    static let template = Template.beheerNetwerk
    struct EditionRow: Encodable {
        var id: String
        var naam: String
        var sessies: Int
        var open: Bool
    }

    struct OrganisationRow: Encodable {
        var id: String
        var naam: String
        var perioden: String
        var domein = ""
    }

    var titel = "Netwerkbeheer"
    var csrf: String
    var edities: [EditionRow]
    var organisaties: [OrganisationRow]
    var nieuwsbrief: Int
    var bewaartermijn: Int
    var melding: String?
    var fout: String?
    /// Organisations typed in at a registration, waiting to be confirmed or merged.
    struct ProposedRow: Encodable {
        var id: String
        var naam: String
        var domein: String
    }
    var voorgesteld: [ProposedRow] = []
    var heeftVoorgesteld = false
    /// Known organisations (to merge into, and their e-mail domains).
    var bekend: [ProposedRow] = []
}

/// The organiser's dashboard of one edition: sessions, seats, intakes, waitlist, fees, flags.
struct EditionAdminPage: PageModel {
    static let template = Template.beheerEditie
    /// One line of a list on the dashboard, linking to the registration's own page.
    struct Registration: Encodable {
        var id: String
        var href: String
        var naam: String
        var email: String
        var organisatie: String?
        var status: String
        var volgorde: Int
        var bijdrage: String
        var betaald: Bool
        var zoekt: String?
        var intakeOp: String?
        var signalen: String?
        var geanonimiseerd: Bool
        /// Just saved on its own page: the list came back to this row.
        var opgeslagen: Bool
    }

    /// A filter of the registrations list with its count ("Intake te plannen (5)").
    struct Filter: Encodable {
        var href: String
        var tekst: String
        var actief: Bool
    }

    struct SessionRow: Encodable {
        var id: String
        var nummer: Int
        var datum: String
        var datumTekst: String
        var begin: String
        var eind: String
        var plaats: String?
        var plaatsTekst: String
        var thema: String?
        var agenda: String?
        var plaatsen: Int
        var bezet: Int
        var vrij: Int
        var versie: Int
        var editie: String
    }

    var titel: String
    var id: String
    var naam: String
    var omschrijving: String?
    var open: Bool
    var csrf: String
    var sessies: [SessionRow]
    var capaciteit: Int
    var bezet: Int
    var intakes: [Registration]
    var wachtlijst: [Registration]
    var bijdragen: [Registration]
    var filters: [Filter]
    /// "intake te plannen of te houden: 5 van 21".
    var lijstKop: String
    /// The filter in effect (nil: all), carried to the CSV link and back from a registration's page.
    var toon: String?
    var aanmeldingen: [Registration]
    var heeftAanmeldingen: Bool
    var signalen: [String]
    var openBedrag: String
    /// Non-partners not yet admitted: what follows on admission, said apart from what is due.
    var naToelating: String?
    var melding: String?
    var fout: String?
}

/// One registration on its own page: everything about it, its next step, payment, history and mail.
struct RegistrationAdminPage: PageModel {
    static let template = Template.beheerAanmelding
    struct Next: Encodable {
        var waarde: String
        var tekst: String
    }

    struct Event: Encodable {
        var wanneer: String
        var wat: String
        var door: String
    }

    struct Mail: Encodable {
        var href: String
        var onderwerp: String
        var status: String
        var wanneer: String
    }

    var titel: String
    var id: String
    var editieID: String
    var editie: String
    var csrf: String
    /// The list filter to return to (nil: all).
    var toon: String?
    var terug: String
    var naam: String
    var email: String
    var telefoon: String?
    var organisatie: String?
    var functie: String?
    var status: String
    var volgorde: Int
    var bijdrage: String
    var betaalbaar: Bool
    var betaald: Bool
    var zoekt: String?
    var brengt: String?
    var intakeOp: String?
    var notities: String?
    var signalen: [String]
    var volgende: [Next]
    var kanVerder: Bool
    var geanonimiseerd: Bool
    var geschiedenis: [Event]
    var post: [Mail]
}

/// The form of an instrument card.
struct InstrumentFormPage: PageModel {
    static let template = Template.instrumentBewerken
    var titel: String
    var kop: String
    var id: String
    var csrf: String
    var naam: String?
    var samenvatting: String?
    var wanneer: String?
    var stappen: String?
    var valkuilen: String?
    var netwerk: Bool
    var fout: String?
}

/// The organiser's outbox: every message the network wrote, and one message with its text.
struct OutboxPage: PageModel {
    static let template = Template.post
    struct Row: Encodable {
        var id: String
        var gemaakt: String
        var aan: String
        var onderwerp: String
        var soort: String
        var status: String
        var pogingen: Int
        var reden: String
    }

    struct Message: Encodable {
        var id: String
        var onderwerp: String
        var aan: String
        var soort: String
        var status: String
        var verzonden: String?
        var pogingen: Int
        var reden: String?
        var aanmelding: String?
        var tekst: String
        var opnieuw: Bool
    }

    var titel = "Uitgaande post"
    var csrf: String
    var geenVerzending: Bool
    var opdracht: String
    var telling: String
    var heeftBerichten: Bool
    var aantal: Int
    var berichten: [Row]
    var bericht: Message?
    var melding: String?
}
