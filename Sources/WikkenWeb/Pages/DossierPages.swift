import Foundation
import WikkenStore
import WikkenReports

/// The list of dossiers an organisation may see.
struct DossierListPage: PageModel {
    static let template = Template.dossiers
    struct Row: Encodable {
        var id: String
        var titel: String
        var versie: Int
        /// The day of the last change, in Europe/Amsterdam.
        var bijgewerkt: String
        var gedeeld: Bool
        var eigenaar: String
    }

    var titel = "Dossiers"
    var dossiers: [Row]
    var magMaken: Bool
}

/// A dossier: its analysis per weight set with the explanation, stories, and (for editors) the
/// ways to change it.
struct DossierPage: PageModel {
    static let template = Template.dossier
    struct Link: Encodable {
        var id: String
        var naam: String
        var href: String?
    }

    struct TreeRow: Encodable {
        var naam: String
        var inspring: String
        var href: String
        var groep: Bool
        var erbij: String
    }

    struct Story: Encodable {
        var tekst: String
        var bron: String?
        var over: String?
        var houding: String
        var spanning: Bool
    }

    struct Weight: Encodable {
        var criterium: String
        var naam: String
        var inspring: String
        var wegingId: String
        var waarde: String?
    }

    struct Missing: Encodable {
        struct Rule: Encodable {
            var waarde: String
            var uitleg: String
            var gekozen: Bool
        }
        var tekst: String
        var regels: [Rule]
        var kiesbaar: Bool
    }

    struct WeightSetView: Encodable {
        var id: String
        var naam: String
        var zinnen: [String]
        var rangorde: [RankingRow]
        var heeftRangorde: Bool
        var bewerkbaar: Bool
        var gewichten: [Weight]
        /// The dossier's id (the set's own `id` hides the page's inside the section).
        var dossier: String
        /// The main weight set: the page's and the memo's advice follow it (the first one).
        var hoofd: Bool
        /// An editor may make this (another) set the main one.
        var maakHoofd: Bool
        /// The form of a rank order or AHP judgements (for an editor).
        var oordelen: ActionLink?
        /// The contributions chart of this (not the main) weight set, as HTML.
        var bijdragen: String?
    }

    struct ActionLink: Encodable {
        var href: String
        var tekst: String
    }

    var titel: String
    var vraag: String
    var id: String
    var versie: Int
    var csrf: String
    var wegingen: [WeightSetView]
    var gedeeldMet: String?
    var melding: String?
    /// Missing scores: how many, what the dossier's rule does with them, and (for editors) the
    /// choice of rule. Without a rule the page gives no ranking and no advice.
    var ontbrekend: Missing?
    var bewerkbaarDossier: Bool
    var opties: [Link]
    var criteria: [Link]
    var boom: [TreeRow]
    var wegingLinks: [Link]
    var verhalen: [Story]
    var deelbaar: Bool
    var organisaties: [Link]
    /// The memo's results as HTML (charts with their text and data, the methods compared), for
    /// the weight set named in `uitkomstenWeging`; nil while there is no ranking.
    var uitkomsten: String? = nil
    var uitkomstenWeging: String? = nil
    /// The working session whose case this dossier was made from.
    struct Origin: Encodable, Sendable {
        var casus: String
        var sessie: String
        var href: String
    }
    var herkomst: Origin? = nil
    /// Whether the dossier names decision makers: then it links to *Afwegen met partners*.
    var metPartners: Bool = false
}

/// Every revision of a dossier, newest first, with restore for editors.
struct HistoryPage: PageModel {
    static let template = Template.geschiedenis
    struct Row: Encodable {
        var nummer: Int
        /// Date and time in Europe/Amsterdam.
        var wanneer: String
        var wie: String
        var wat: String?
        var terugzetbaar: Bool
        /// The revision before, for the link to what changed in this one.
        var vorige: Int?
    }

    /// What changed between two revisions, field by field.
    struct Difference: Encodable {
        struct Line: Encodable {
            var waar: String
            var wat: String
            var was: String
            var werd: String
        }
        var van: Int
        var naar: Int
        var regels: [Line]
        var geen: Bool
    }

    struct Choice: Encodable {
        var nummer: Int
        var gekozen: Bool
    }

    var titel: String
    var id: String
    /// For the restore forms inside the rows.
    var dossier: String
    var csrf: String
    var huidig: Int
    var versies: [Row]
    var verschil: Difference?
    /// Whether there are two versions to compare.
    var vergelijkbaar: Bool
    var keuzesVan: [Choice]
    var keuzesNaar: [Choice]
    var verschilFout: String?
}

/// Two people changed the same fields: per field the value they started from, theirs and yours,
/// and a choice. Everything else was merged already.
struct MergePage: PageModel {
    static let template = Template.samenvoegen
    /// The most fields one page asks about.
    static let maxFields = 200
    struct Field: Encodable {
        var nummer: Int
        var pad: String
        var waar: String
        var was: String
        var hun: String
        var jouw: String
    }
    var titel: String
    var id: String
    var csrf: String
    /// The revision the person started from, and the newest one the choices apply to.
    var basis: Int
    var versie: Int
    var wie: String
    /// Whether the other change was the same person's (another window).
    var zelf: Bool
    /// What the person wanted to save, as dossier JSON, carried to the answer.
    var jouw: String
    var samenvatting: String
    var velden: [Field]
}

/// A new dossier from a file or pasted text.
struct NewDossierPage: PageModel {
    static let template = Template.nieuw
    var titel = "Nieuw dossier"
    var csrf: String
    var tekst: String
    var probleem: ProblemBox?
}

/// The whole dossier as text (YAML), with the revision it was based on.
struct EditDossierPage: PageModel {
    static let template = Template.bewerken
    var titel: String
    var id: String
    var csrf: String
    var versie: Int
    var tekst: String
    var samenvatting: String?
    var probleem: ProblemBox?
}

/// Signing in.
struct SignInPage: PageModel {
    static let template = Template.inloggen
    var titel = "Inloggen"
    var email: String?
    var melding: String?
    var fout: String?
    /// The form's token, also set as a cookie.
    var csrf: String
}

/// The signed-in user's account: API keys and the password.
struct AccountPage: PageModel {
    static let template = Template.account
    var titel = "Account"
    var naam: String
    var email: String
    var rol: String
    var csrf: String
    /// A key just made, shown once.
    var nieuw: String?
    var wachtwoordFout: String?
    /// The user's keys: what for, made when, last used when (to the hour), and the way to revoke.
    var sleutels: [Key]
    var heeftSleutels: Bool
    var melding: String?

    struct Key: Encodable {
        var id: String
        var naam: String
        var gemaakt: String
        var gebruikt: String
    }
}

/// *Afwegen met partners*: each partner's own part first (its weights and its positions, the
/// forms for the parts the person may change), where every partner stands, and — once the
/// owner has opened the weighing, or for the owner — the combination and the objections.
struct PartnersPage: PageModel {
    static let template = Template.partners

    /// One partner in the overview: whether it has weighed and marked, never what.
    struct Progress: Encodable {
        var naam: String
        var organisatie: String?
        var afgevaardigden: String?
        var gewogen: Bool
        var oordelen: String
        var href: String?
        var gekozen: Bool
    }

    struct Weight: Encodable {
        var veld: String
        var label: String
        var waarde: String?
    }

    struct WeightSetForm: Encodable {
        var id: String
        var naam: String
        /// Nil for a method a partner page does not edit (ranking, pairwise).
        var gewichten: [Weight]
        var opGetallen: Bool
        var methode: String
    }

    struct Mark: Encodable {
        var waarde: String
        var naam: String
        var gekozen: Bool
    }

    struct OptionMark: Encodable {
        var id: String
        var naam: String
        var oordelen: [Mark]
        var reden: String?
    }

    /// The form for one partner's own part.
    struct PartForm: Encodable {
        var partner: String
        var naam: String
        var wegingen: [WeightSetForm]
        var opties: [OptionMark]
        /// Its own result, one line per weight set: "1. … · 2. …".
        var eigenUitkomst: [String]
        var heeftUitkomst: Bool
    }

    var titel: String
    var vraag: String
    var id: String
    var versie: Int
    var csrf: String
    var blind: Bool
    var eigenaar: Bool
    /// The owner's editors open or close the weighing.
    var magOpenen: Bool
    var melding: String?
    var partners: [Progress]
    var formulier: PartForm?
    /// Why there is no form for this person (not a partner here, or read-only).
    var geenFormulier: String?
    /// The combination (the memo's section as HTML), when the person may see it.
    var samen: String?
    /// Why the combination is not shown (blind, too few partners weighed, …).
    var samenUitleg: String?
    var bezwaren: [String]
    var heeftBezwaren: Bool
}

/// A live session's result as every view shows it: per criterion the mean points with a bar (and
/// the extremes when the group may be broken down), the text twin, and the ranking.
struct LiveResult: Encodable {
    struct Row: Encodable {
        var naam: String
        var gemiddeld: String
        /// The mean as a number for the bar (`<meter>`, 0–100).
        var waarde: String
        var spreiding: String?
    }
    var aantal: Int
    var rijen: [Row]
    var samenvatting: String
    var rangorde: [String]
    var heeftRangorde: Bool
    var klein: String?
}

/// What a live page tells its script (``LiveHub``'s messages are compared with it) and, without
/// script, how often it refreshes itself.
struct LiveMarks: Encodable {
    var code: String
    /// The phase's raw value (`invoer`, …).
    var fase: String
    var ronde: Int
    var gesloten: String
    var klaar: String
    /// Seconds between refreshes without script; nil while the page holds a form being filled in.
    var vernieuwen: Int?
    /// When the timer ends (ISO 8601, UTC; empty without one) and the same as a Dutch clock time.
    var tot: String
    var totTekst: String?

    /// How many reasons the facilitator hid (compared with the live messages).
    var verborgen: Int

    init(_ session: LiveSessionRecord, ready: String, hidden: Int, refresh: Bool) {
        verborgen = hidden
        code = session.code
        fase = session.phase.rawValue
        ronde = session.round
        gesloten = session.closedAt == nil ? "nee" : "ja"
        klaar = ready
        vernieuwen = refresh ? 10 : nil
        tot = session.deadline ?? ""
        totTekst = session.deadline.flatMap(Timestamp.date).map(Self.clockTime)
    }

    /// "14:32", Dutch time.
    static func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}

/// Consent to the proposal (the phase *vastleggen*): the tally and the objections' reasons, on
/// every view; on the console also the hidden reasons, with a button to hide or show each.
struct LiveConsentResult: Encodable {
    struct Reason: Encodable {
        var tekst: String
        var sleutel: String
        var verborgen: Bool
    }
    var voorstel: String
    var aantal: Int
    var telling: String
    var redenen: [Reason]
    var heeftRedenen: Bool
    /// The console's moderation buttons (with its form token and the session's code).
    var moderatie: LiveModeration?
}

struct LiveModeration: Encodable {
    var csrf: String
    var code: String
}

/// `/live`: join a live session with the code, a name and an organisation or role.
struct LiveJoinPage: PageModel {
    static let template = Template.liveDeelnemen
    var titel = "Meedoen aan een live sessie"
    var code: String?
    var naam: String?
    var organisatie: String?
    var fout: String?
}

/// A participant's view on a phone: the phase, the 100-point form while input is open, then
/// the group's result.
struct LiveParticipantPage: PageModel {
    static let template = Template.live
    struct Criterion: Encodable {
        var id: String
        var naam: String
        var omschrijving: String?
        var punten: String?
    }
    var titel = "Live sessie"
    var live: LiveMarks
    var code: String
    var naam: String
    var vraag: String
    var klaar: String
    var fase: String
    var gesloten: Bool
    var invoer: Bool
    var ingeleverd: Bool
    var melding: String?
    var fout: String?
    var criteria: [Criterion]
    /// The criteria as a list to read (the phase *De criteria*), with their parts.
    var criteriaLijst: [Criterion]
    var heeftCriteriaLijst: Bool
    var opties: [String]
    var heeftOpties: Bool
    var uitkomst: LiveResult?
    var anoniem: Bool
    /// The consent form (phase *vastleggen*, open): the proposal and the participant's own mark.
    var instemmen: Bool
    var voorstel: String?
    var geenVoorstel: String?
    var markeringen: [Mark]
    var reden: String?
    var instemming: LiveConsentResult?

    struct Mark: Encodable {
        var waarde: String
        var naam: String
        var gekozen: Bool
    }
}

/// The facilitator's console: phases, who is ready, the result, recording it.
struct LiveConsolePage: PageModel {
    static let template = Template.liveLeiden
    struct Phase: Encodable {
        var waarde: String
        var naam: String
        var huidig: Bool
    }
    struct Participant: Encodable {
        var naam: String
        var organisatie: String?
        var klaar: Bool
    }
    var titel = "Live sessie leiden"
    var live: LiveMarks
    var code: String
    var dossier: String
    var dossierID: String
    var vraag: String
    var csrf: String
    var fase: String
    var ronde: Int
    var fasen: [Phase]
    var gesloten: Bool
    var anoniem: Bool
    var klaar: String
    var deelnemers: [Participant]
    var uitkomst: LiveResult?
    var instemming: LiveConsentResult?
    var magVastleggen: Bool
    var adres: String
    /// The QR code to the join address as inline SVG, when `qrencode` is installed.
    var qr: String?
}

/// The projector: the code large while people join and weigh, the result once revealed.
struct LiveProjectorPage: PageModel {
    static let template = Template.liveScherm
    var titel = "Live sessie"
    var live: LiveMarks
    var code: String
    var vraag: String
    var fase: String
    var klaar: String
    var uitkomst: LiveResult?
    var instemming: LiveConsentResult?
    var adres: String
    var toonCode: Bool
    var qr: String?
}
