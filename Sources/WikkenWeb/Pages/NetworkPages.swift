/// A working session as a row on the edition and participant pages.
struct SessionRow: Encodable {
    var nummer: Int
    var datum: String
    var tijd: String
    var plaats: String
    var thema: String?
    var agenda: String?
    var plaatsen: Int
}

/// An id and a name, for lists and choices.
struct NamedLink: Encodable {
    var id: String
    var naam: String
}

/// The network's editions.
struct NetworkPage: PageModel {
    static let template = Template.netwerk
    struct EditionRow: Encodable {
        var id: String
        var naam: String
        var omschrijving: String?
        var open: Bool
        var eerste: String
        var aantal: Int
    }

    var titel = "Wikken en wegen"
    var edities: [EditionRow]
}

/// An edition's public page with the registration form (no account needed).
struct EditionPage: PageModel {
    static let template = Template.editie
    struct OrganisationChoice: Encodable {
        var id: String
        var naam: String
        var gekozen: Bool
    }

    var titel: String
    var id: String
    var naam: String
    var omschrijving: String?
    var open: Bool
    var sessies: [SessionRow]
    var regels: [String]
    var partners: [String]
    var heeftPartners: Bool
    var peildatum: String?
    var organisaties: [OrganisationChoice]
    var vol: Bool
    var vrij: Int
    var capaciteit: Int
    var nieuwsbriefTekst: String
    /// What was typed, kept after a refusal.
    var typedName, typedEmail, typedPhone, typedFunction, typedOther, typedNeeds, typedBrings: String?
    var typedNewsletter: Bool
    var probleem: ProblemBox?

    enum CodingKeys: String, CodingKey {
        case titel, id, naam, omschrijving, open, sessies, regels, partners, heeftPartners, peildatum, organisaties, vol, vrij, capaciteit, nieuwsbriefTekst, probleem
        case typedName = "v-naam", typedEmail = "v-email", typedPhone = "v-telefoon", typedFunction = "v-functie", typedOther = "v-andere"
        case typedNeeds = "v-zoekt", typedBrings = "v-brengt", typedNewsletter = "v-nieuwsbrief"
    }
}

/// A participant's own page behind the personal link.
struct ParticipationPage: PageModel {
    static let template = Template.deelname
    struct Choice: Encodable {
        var id: String
        var tekst: String
    }

    struct CaseRow: Encodable {
        var titel: String
        var sessie: Int
        var href: String
        var uitkomst: String?
    }

    struct Event: Encodable {
        var wanneer: String
        var wat: String
    }

    var titel: String
    var editie: String
    var editieID: String
    var token: String
    var naam: String
    var organisatie: String?
    var status: String
    var sessies: [SessionRow]
    var uitleg: [String]
    var kanAfmelden: Bool
    var toegelaten: Bool
    var nieuwsbrief: Bool
    var nieuwsbriefTekst: String
    var verwijderingGevraagd: Bool
    var sessieKeuzes: [Choice]
    /// The sessions that have taken place: feedback is only for those.
    var geweestKeuzes: [Choice]
    /// "Na de eerste werksessie (3 februari 2027) …" while none has taken place.
    var nogGeenSessie: String?
    /// How signed feedback is shown: "Gea, Gemeente Utrecht (demo)".
    var ondertekening: String
    var instrumenten: [NamedLink]
    var casussen: [CaseRow]
    var geschiedenis: [Event]
    var melding: String?
}

/// A working session with its cases (participants and signed-in users).
struct WorkingSessionPage: PageModel {
    static let template = Template.sessie
    struct CaseRow: Encodable {
        var id: String
        var titel: String
        var vraag: String?
        var context: String?
        var organisatie: String?
        var door: String?
        var uitkomst: String?
        var instrumenten: String?
        /// The dossier's title, when the case has one.
        var dossier: String?
        var dossierHref: String?
        /// The viewer may make the dossier (organiser, or a strategist of the case's organisation).
        var maakDossier: Bool
        /// The participant viewing through her personal link brought this case and it has no
        /// dossier yet: tell her how to make one.
        var eigenCasus: Bool
        var keuzes: [NamedLink]?
    }

    var titel: String
    var editie: String
    var editieID: String
    var nummer: Int
    var datum: String
    var tijd: String
    var plaats: String
    var thema: String?
    var agenda: String?
    var casussen: [CaseRow]
    var beheer: Bool
    var csrf: String?
    /// The organiser's contact, for a participant whose organisation has no account.
    var contact: String?
}

/// The instrument library.
struct LibraryPage: PageModel {
    static let template = Template.instrumenten
    struct Card: Encodable {
        var id: String
        var naam: String
        var herkomst: String
        var samenvatting: String
    }

    var titel = "Afwegingsinstrumenten"
    var kaarten: [Card]
    var beheer: Bool
}

/// One instrument card with the cases it was tried on and the feedback per session.
struct InstrumentPage: PageModel {
    static let template = Template.instrument
    struct CaseRow: Encodable {
        var titel: String
        var organisatie: String?
    }

    struct Feedback: Encodable {
        var sessie: String
        /// "1 oordeel", "3 oordelen".
        var aantal: String
        var gemiddeld: String
        var hielp: [String]
        var hielpNiet: [String]
    }

    var titel: String
    var id: String
    var naam: String
    var herkomst: String
    var samenvatting: String
    var wanneer: String?
    var stappen: [String]
    var valkuilen: [String]
    var ingelogd: Bool
    /// "1 casus", "4 casussen".
    var aantalCasussen: String
    var casussen: [CaseRow]
    var oordelen: [Feedback]
    var beheer: Bool
}

/// "Link kwijt": asking for the personal link again by e-mail address.
struct LinkRequestPage: PageModel {
    static let template = Template.link
    var titel = "Je persoonlijke link opnieuw ontvangen"
    var email: String?
    var contact: String
    var melding: String?
    var fout: String?
}
