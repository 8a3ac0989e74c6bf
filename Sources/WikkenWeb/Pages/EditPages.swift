/// The form of one option and its scores.
struct OptionPage: PageModel {
    static let template = Template.optie
    struct Level: Encodable {
        var niveau: String
        var gekozen: Bool
    }

    struct Leaf: Encodable {
        var id: String
        var naam: String
        var hint: String
        var waarde: String?
        var laag: String?
        var hoog: String?
        var reden: String?
        var bron: String?
        var toelichting: String?
        /// On a qualitative scale: the levels, with the typed one chosen (nil for numbers).
        var kwalitatief: Bool
        var niveausWaarde: [Level]?
        var niveausLaag: [Level]?
        var niveausHoog: [Level]?
    }

    var titel: String
    var id: String
    var optieID: String
    var nieuw: Bool
    var kop: String
    var naam: String?
    var omschrijving: String?
    var csrf: String
    var versie: Int
    var criteria: [Leaf]
    var probleem: ProblemBox?
}

/// The form of one criterion: name, description, scale and, for a new one, what each weight set
/// needs to stay complete.
struct CriterionPage: PageModel {
    static let template = Template.criterium
    struct Choice: Encodable {
        var waarde: String
        var tekst: String
        var gekozen: Bool
    }

    /// What one weight set needs for a new criterion: a weight, nothing (last in a ranking) or an
    /// AHP judgement.
    struct WeightSetNeed: Encodable {
        var veld: String
        var naam: String
        var uitleg: String
        var gewicht = false
        var rang = false
        var oordeel = false
        var waarde: String?
        var keuzes: [Choice]?
    }

    var titel: String
    var id: String
    var criteriumID: String
    var nieuw: Bool
    var csrf: String
    var versie: Int
    var naam: String?
    var omschrijving: String?
    var blad: Bool
    var soortGetal: Bool
    var soortNiveaus: Bool
    var eenheid: String?
    var hogerBeter: Bool
    var lagerBeter: Bool
    var slechtst: String?
    var best: String?
    var niveaus: String?
    var kop: String
    var knikpunten = false
    var eigenWaarden = false
    var onderdelen: String?
    var ouder: String?
    var wegingen: [WeightSetNeed] = []
    var probleem: ProblemBox?
}

/// The form of one weight set: name, owner, description; for a new one, where it starts.
struct WeightSetPage: PageModel {
    static let template = Template.weging
    struct Choice: Encodable {
        var id: String
        var naam: String
        var gekozen: Bool
    }

    var titel: String
    var id: String
    var wegingID: String
    var nieuw: Bool
    var csrf: String
    var versie: Int
    var kop: String
    var naam: String?
    var omschrijving: String?
    var eigenaars: [Choice]
    var methode: String?
    var starts: [Choice]?
    var probleem: ProblemBox?
}
