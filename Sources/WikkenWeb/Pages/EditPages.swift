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

/// One step of building a dossier in the browser (*stap voor stap*); exactly one of the step
/// parts (`vraag`, `opties`, …) is set.
struct StepPage: PageModel {
    static let template = Template.stap
    struct StepLink: Encodable {
        var nummer: Int
        var naam: String
        /// nil before the dossier exists (step 1 of a new one).
        var href: String?
        var huidig: Bool
        var klaar: Bool
    }

    struct Question: Encodable {
        var titel: String?
        var vraag: String?
        var context: String?
    }

    struct Lines: Encodable {
        var lijst: String?
    }

    struct ScaleRow: Encodable {
        var id: String
        var naam: String
        var onder: String?
        var getal: Bool
        var niveaus: Bool
        var eenheid: String?
        var hoger: Bool
        var lager: Bool
        var slechtst: String?
        var best: String?
        var niveauLijst: String?
    }

    struct Grid: Encodable {
        struct Column: Encodable {
            var id: String
            var naam: String
            var hint: String
        }
        struct Cell: Encodable {
            var veld: String
            var waarde: String?
            var label: String
            /// The id of the datalist with the levels, on a qualitative scale.
            var niveaus: String?
        }
        struct Row: Encodable {
            var naam: String
            var cellen: [Cell]
        }
        struct LevelList: Encodable {
            var id: String
            var niveaus: [String]
        }
        var kolommen: [Column]
        var rijen: [Row]
        var niveaulijsten: [LevelList]
        var export: String
    }

    struct Weights: Encodable {
        struct Link: Encodable {
            var naam: String
            var href: String
        }
        struct Weight: Encodable {
            var criterium: String
            var naam: String
            var inspring: String
            var waarde: String?
        }
        var bestaand: [Link]
        var heeftBestaand: Bool
        var naam: String?
        var gewichten: [Weight]
    }

    var titel: String
    var id: String?
    var csrf: String
    var versie: Int?
    var stappen: [StepLink]
    var kop: String
    var actie: String
    var probleem: ProblemBox?
    var melding: String?
    var vraag: Question?
    var opties: Lines?
    var criteria: Lines?
    var schalen: [ScaleRow]?
    var heeftSchalen = false
    var geenCriteria = false
    var scores: Grid?
    var wegingen: Weights?
    /// The name of the next step, for the button; nil on the last.
    var volgende: String?
}

/// A rank order or AHP judgements of one weight set, on a form.
struct JudgementPage: PageModel {
    static let template = Template.oordelen
    struct RankItem: Encodable {
        var id: String
        var naam: String
        var plaats: Int
    }
    struct Choice: Encodable {
        var waarde: String
        var tekst: String
        var gekozen: Bool
    }
    struct Pair: Encodable {
        var veld: String
        var vraag: String
        var keuzes: [Choice]
    }
    struct Coaching: Encodable {
        var tekst: String
        var goed: Bool
        var gewichten: String
        var tip: String?
    }
    struct Group: Encodable {
        var kop: String
        var items: [RankItem] = []
        var paren: [Pair] = []
        var coaching: Coaching?
        var aantal: Int
    }

    var titel: String
    var id: String
    var wegingID: String
    var naam: String
    var csrf: String
    var versie: Int
    var probleem: ProblemBox?
    var gecontroleerd: Bool
    var rangorde = false
    var ahp = false
    var groepen: [Group] = []
}
