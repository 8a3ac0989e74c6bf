/// The veerkracht signal: the choices, the scatter with its summary, a row per buurt, and the
/// organisation's own files.
struct VeerkrachtPage: PageModel {
    static let template = Template.veerkracht
    struct Area: Encodable {
        var code: String
        var naam: String
        var band: String
        var concentratie: String
        var overlast: String
        var ontwikkeling: String
        var corporatie: String
        var href: String
    }

    struct Year: Encodable {
        var jaar: Int
        var gekozen: Bool
    }

    struct IndicatorChoice: Encodable {
        var id: String
        var naam: String
        var gewicht: String
        var omgekeerd: Bool
        var richting: String
    }

    struct BandText: Encodable {
        var naam: String
        var uitleg: String
    }

    struct StoredFile: Encodable {
        var naam: String
        var op: String
        var door: String
    }

    var titel = "Veerkracht"
    var jaar: Int
    var jaarGekozen: Bool
    var vorig: String?
    var conventies: String
    var bronnen: [String]
    var jaren: [Year]
    var melding: String?
    var jaarUitleg: String?
    /// What the reader must know about the data as a whole (an indicator without any value).
    var waarschuwingen: [String] = []
    var indicatoren: [IndicatorChoice]
    var minmax: Bool
    var relatief: Bool
    var dConcentratie: String
    var dStijging: String
    var dOverlast: String
    var dOverlastStijging: String
    var aannames: Bool
    /// The scatter as SVG, already escaped where it holds text (rendered with `{{{…}}}`).
    var grafiek: String?
    var samenvatting: String
    var gebieden: [Area]
    var banden: [BandText]
    var eigen: Bool
    var organisatie: String
    var magUploaden: Bool
    /// The organisation's saved choices in use: when and by whom (nil: the page's own or the defaults).
    var bewaard: String? = nil
    /// The choices of this view as a query, for saving them as the organisation's default.
    var keuzes: String = ""
    var csrf: String
    var bestanden: [StoredFile]
    var uploadFouten: [String]
    var heeftUploadFouten: Bool
    /// Choices that could not be used (the defaults were).
    var probleem: ProblemBox?
}

/// One area: its band with the reasons, the indicators and CBS figures.
struct AreaPage: PageModel {
    static let template = Template.gebied
    struct Indicator: Encodable {
        var naam: String
        var waarde: String
        var bron: String
    }

    struct Figure: Encodable {
        var variabele: String
        var naam: String
        var waarde: String
    }

    var titel: String
    var naam: String
    var code: String
    var gemeente: String?
    var jaar: Int
    var band: String
    var waarom: [String]
    var indicatoren: [Indicator]
    var cbs: [Figure]
    var terug: String
    var csrf: String
    var magMaken: Bool
    var query: String
    var klasse: String?
    var corporatiebuurt: String?
    /// What the vulnerability score rests on: each indicator's weight, contribution and share.
    var samenstelling: [Part]
    var samenstellingNoten: [String]
    var score: String
    var schaalUitleg: String

    struct Part: Encodable {
        var naam: String
        var gewicht: String
        var bijdrage: String
        var aandeel: String
    }
}

/// The allocation planner: the groups, the complexes as CSV, and the plan with its reasons.
/// An uploaded veerkracht file with what it would change, before it replaces anything.
struct UploadPreviewPage: PageModel {
    static let template = Template.gegevensVoorbeeld
    var titel = "Gegevens controleren"
    var bestand: String
    var soort: String
    var effect: [String]
    var token: String
    var csrf: String
}

struct AllocationPage: PageModel {
    static let template = Template.toewijzing
    struct BandRule: Encodable {
        var band: String
        var sleutel: String
        var maximum: String
        var druk: String
    }

    struct Group: Encodable {
        var id: String
        var waarde: String
    }

    struct Line: Encodable {
        var naam: String
        var buurt: String
        var band: String
        var totaal: Int
        var maximum: Int
        var perGroep: String?
        var waarom: String
    }

    var titel = "Toewijzing aandachtsgroepen"
    var csrf: String
    var groepen: [Group]
    var complexenTekst: String
    var banden: [BandRule]
    /// The maxima are the defaults: assumptions to discuss.
    var aannames: Bool
    var magBewaren: Bool
    var melding: String?
    var resultaat = false
    var jaar: Int?
    var regelsPlan: [Line] = []
    var geplaatst: String?
    var druk: Int?
    var tekort: Int?
    var knelpunten: [String] = []
    var probleem: ProblemBox?
}
