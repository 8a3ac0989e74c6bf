import WikkenCore

/// For an area under pressure: a decision dossier pre-filled with the usual intervention
/// options and criteria, ready to weigh (scores missing with a reason until the team scores
/// them), with the signal's reasons as context and a weight set per party.
public enum Interventions {
    public static let notScored = "nog niet gescoord"

    public static let options: [(id: String, name: String, description: String)] = [
        ("voorraad-differentieren", "Voorraad differentiëren", "Meer variatie in de woningen: verkopen, liberaliseren of middenhuur toevoegen, zodat de buurt gemengder wordt."),
        ("spreiden-bij-toewijzing", "Spreiden bij toewijzing", "Minder aandachtsgroepen in deze buurt huisvesten en meer in buurten met ruimte (zie de toewijzingsplanner)."),
        ("sociaal-beheer", "Sociaal beheer", "Meer huismeesters, buurtbeheerders en vaste aanspreekpunten; snel reageren op overlast."),
        ("zorg-en-begeleiding", "Zorg en begeleiding", "Begeleiding van kwetsbare huurders met het wijkteam en zorgpartners, ook na de eerste maanden."),
        ("fysieke-leefomgeving", "Fysieke leefomgeving", "Openbare ruimte, entrees, verlichting en groen verbeteren met de gemeente."),
        ("armoede-en-schulden", "Armoede en schulden", "Vroegsignalering van betalingsachterstanden en schuldhulp met de gemeente."),
        ("niets-extra", "Niets extra doen", "Het nulalternatief: de huidige aanpak voortzetten. Om elke optie mee te vergelijken."),
    ]

    public static func dossier(for signal: AreaSignal, area: Area, rules: IndicatorRules = IndicatorRules()) -> Dossier {
        let five = Scale.qualitative(.fivePoint)
        let criteria = [
            Criterion(id: "veerkracht", name: "Effect op de veerkracht", children: [
                Criterion(id: "overlast", name: "Minder overlast en onveiligheid", scale: five),
                Criterion(id: "samenhang", name: "Meer sociale samenhang", scale: five),
                Criterion(id: "kansen", name: "Kansen voor aandachtsgroepen", description: "Blijven de mensen die een huis nodig hebben goed gehuisvest?", scale: five),
            ]),
            Criterion(id: "uitvoerbaarheid", name: "Uitvoerbaarheid", children: [
                Criterion(id: "kosten", name: "Kosten", scale: .qualitative(QualitativeScale(levels: ["hoog", "gemiddeld", "laag"]))),
                Criterion(id: "tijd", name: "Tijd tot effect", scale: .qualitative(QualitativeScale(levels: ["jaren", "een jaar", "maanden"]))),
                Criterion(id: "draagvlak", name: "Draagvlak bij bewoners en partners", scale: five),
            ]),
        ]
        let leaves = criteria.flatMap(\.children)
        let missing = Dictionary(uniqueKeysWithValues: leaves.map { ($0.id, Score.missing(notScored)) })
        var context = "Band ‘\(signal.band.rawValue)’ in de veerkrachtmonitor. Waarom:\n" + signal.why.map { "- \($0)" }.joined(separator: "\n")
        for indicator in [Indicator.bijstand, .corporatie, .leefbaarometer, .overlast] {
            let v = rules.value(indicator, in: area)
            context += "\n- \(indicator.label): " + (v.number.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? (v.reason ?? "onbekend"))
        }
        return Dossier(
            id: "interventies-" + area.code.text.lowercased(), title: "Interventies in \(area.name)",
            question: "Wat doen we om de veerkracht van \(area.name) te herstellen?", context: context,
            decisionMakers: [DecisionMaker(id: "corporatie", name: "Corporatie", role: "besluit"), DecisionMaker(id: "gemeente", name: "Gemeente", role: "partner"),
                             DecisionMaker(id: "bewoners", name: "Bewonersorganisatie", role: "adviesrecht")],
            options: options.map { Option(id: $0.id, name: $0.name, description: $0.description, scores: missing) },
            criteria: criteria,
            weightSets: [
                WeightSet(id: "corporatie", name: "Corporatie", owner: "corporatie", description: "Gelijke gewichten om mee te beginnen."),
                WeightSet(id: "gemeente", name: "Gemeente", owner: "gemeente", description: "Gelijke gewichten om mee te beginnen."),
                WeightSet(id: "bewoners", name: "Bewoners", owner: "bewoners", description: "Gelijke gewichten om mee te beginnen."),
            ]
        )
    }
}
