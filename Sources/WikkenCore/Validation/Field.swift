/// The dossier's field names as files, forms and the API spell them (Dutch, format version 1).
/// Problem paths use these names, so a message points at what the user wrote.
public enum Field {
    public static let formatVersion = "wikken"
    public static let id = "id"
    public static let title = "titel"
    public static let question = "vraag"
    public static let context = "context"
    public static let organisation = "organisatie"
    public static let decisionMakers = "besluitvormers"
    public static let criteria = "criteria"
    public static let options = "opties"
    public static let weightSets = "wegingen"
    public static let narratives = "verhalen"
    public static let decision = "besluit"
    public static let missingRule = "ontbrekend"
    public static let positions = "standpunten"
    public static let partnerWeighing = "partnerweging"
    public static let delegates = "afgevaardigden"
    public static let partner = "partner"
    public static let mark = "oordeel"
    public static let reason = "reden"

    public static let name = "naam"
    public static let role = "rol"
    public static let description = "omschrijving"
    public static let scale = "schaal"
    public static let children = "subcriteria"
    public static let preference = "voorkeur"
    public static let preferenceFunction = "functie"

    public static let scaleKind = "soort"
    public static let unit = "eenheid"
    public static let direction = "richting"
    public static let worst = "slechtst"
    public static let best = "best"
    public static let points = "punten"
    public static let levels = "niveaus"
    public static let values = "waarden"

    public static let scores = "scores"
    public static let value = "waarde"
    public static let low = "laag"
    public static let high = "hoog"
    public static let missing = "ontbreekt"
    public static let source = "bron"
    public static let note = "toelichting"

    public static let owner = "eigenaar"
    public static let weights = "gewichten"
    public static let method = "methode"
    public static let ranking = "rangorde"
    public static let formula = "formule"
    public static let judgements = "oordelen"

    public static let text = "tekst"
    public static let teller = "verteller"
    public static let date = "datum"
    public static let option = "optie"
    public static let criterion = "criterium"
    public static let stance = "houding"

    public static let status = "status"
    public static let decidedBy = "door"
    public static let reviewDate = "herzien"
    public static let chosenOption = "gekozen"

    // Enumerations as spelled in files
    public static let numeric = "numeriek"
    public static let qualitative = "kwalitatief"
}

/// An enumeration with one spelling per case in files (`hoger-is-beter`, `ondersteunt`, …).
public protocol FileSpelled: CaseIterable {
    var fileName: String { get }
}

extension FileSpelled {
    /// The case spelled `fileName` in files, if any.
    public init?(fileName: String) {
        guard let value = Self.allCases.first(where: { $0.fileName == fileName }) else { return nil }
        self = value
    }

    /// Every spelling, for "expected one of" messages.
    public static var fileNames: [String] { allCases.map(\.fileName) }
}

extension RankOrderFormula: FileSpelled {
    public var fileName: String {
        switch self {
        case .rankOrderCentroid: return "roc"
        case .rankSum: return "rangsom"
        case .rankReciprocal: return "omgekeerde-rang"
        }
    }
}

extension PreferenceFunction {
    /// As spelled in files: `gewoon`, `u-vorm`, `v-vorm`, `niveau`, `lineair`, `gauss`.
    public var fileName: String {
        switch self {
        case .usual: return "gewoon"
        case .uShape: return "u-vorm"
        case .vShape: return "v-vorm"
        case .level: return "niveau"
        case .linear: return "lineair"
        case .gaussian: return "gauss"
        }
    }

    public static let fileNames = ["gewoon", "u-vorm", "v-vorm", "niveau", "lineair", "gauss"]

    /// The thresholds each function needs, by file name.
    public static func thresholdNames(for fileName: String) -> [String] {
        switch fileName {
        case "u-vorm": return ["q"]
        case "v-vorm": return ["p"]
        case "niveau", "lineair": return ["q", "p"]
        case "gauss": return ["s"]
        default: return []
        }
    }

    /// Builds a function from its file name and thresholds (which must be present).
    public init?(fileName: String, thresholds t: [String: Double]) {
        switch fileName {
        case "gewoon": self = .usual
        case "u-vorm": guard let q = t["q"] else { return nil }; self = .uShape(q: q)
        case "v-vorm": guard let p = t["p"] else { return nil }; self = .vShape(p: p)
        case "niveau": guard let q = t["q"], let p = t["p"] else { return nil }; self = .level(q: q, p: p)
        case "lineair": guard let q = t["q"], let p = t["p"] else { return nil }; self = .linear(q: q, p: p)
        case "gauss": guard let s = t["s"] else { return nil }; self = .gaussian(s: s)
        default: return nil
        }
    }
}

extension WeightingMethod {
    /// As spelled in files: `direct`, `swing`, `rangorde`, `ahp`.
    public var fileName: String {
        switch self {
        case .direct: return "direct"
        case .swing: return "swing"
        case .rankOrder: return "rangorde"
        case .pairwise: return "ahp"
        }
    }

    public static let fileNames = ["direct", "swing", "rangorde", "ahp"]
}

extension Direction: FileSpelled {
    public var fileName: String { self == .higherIsBetter ? "hoger-is-beter" : "lager-is-beter" }
}

extension Narrative.Stance: FileSpelled {
    public var fileName: String {
        switch self {
        case .supports: return "ondersteunt"
        case .contradicts: return "weerspreekt"
        case .nuances: return "nuanceert"
        }
    }
}

extension DecisionRecord.Status: FileSpelled {
    public var fileName: String {
        switch self {
        case .draft: return "concept"
        case .decided: return "besloten"
        case .superseded: return "vervangen"
        }
    }
}
