import WikkenCore

/// Weight and score sensitivity per weight set, in words and a table.
public struct SensitivityText {
    public var dossier: Dossier
    public var result: MavtResult
    public var language: Language

    public init(dossier: Dossier, result: MavtResult, language: Language = .nl) {
        self.dossier = dossier
        self.result = result
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func pct(_ x: Double) -> String { NumberText.rounded(x * 100, decimals: 1, language: language) + "%" }
    private func optionName(_ i: Int) -> String { dossier.options[i].name }
    private func criterionName(_ id: String) -> String { dossier.criterion(id)?.name ?? id }

    public func render() -> String {
        var lines = [(nl ? "Gevoeligheid — " : "Sensitivity — ") + dossier.title, ""]
        for s in result.weightSets.indices {
            lines += section(s)
            lines.append("")
        }
        lines.append(nl
            ? "Werkwijze: één gewicht tegelijk verandert (aandeel in het totaal); de andere gewichten schuiven naar verhouding mee. Bij scores blijft de schaal zoals hij is."
            : "Method: one weight changes at a time (share of the total); the other weights move in proportion. For scores the scale is held as it is.")
        return lines.joined(separator: "\n") + "\n"
    }

    func section(_ index: Int) -> [String] {
        let set = result.weightSets[index]
        let title = (nl ? "Weging: " : "Weight set: ") + set.name
        var lines = [title, String(repeating: "-", count: min(72, title.count))]
        guard set.ranking.count > 1 else {
            lines.append(nl ? "  Er is maar één optie; er valt niets om te draaien." : "  There is only one option; nothing can swap.")
            return lines
        }
        let s = WeightSensitivity.analyse(dossier, result, weightSet: index)
        let a = s.top, b = s.second!
        let gap = set.totals[a] - set.totals[b]
        if gap <= Mavt.tieTolerance {
            lines.append(nl ? "  \(optionName(a)) en \(optionName(b)) staan gelijk bovenaan." : "  \(optionName(a)) and \(optionName(b)) share first place.")
        } else {
            lines.append(nl
                ? "  \(optionName(a)) staat bovenaan, \(NumberText.rounded(gap, language: language)) punten voor \(optionName(b))."
                : "  \(optionName(a)) ranks first, \(NumberText.rounded(gap, language: language)) points ahead of \(optionName(b)).")
        }
        lines.append("")
        var rows: [[String]] = []
        let depth = Dictionary(firstValues: dossier.allCriteria.map { c in (c.id, pathDepth(c.id)) })
        for c in s.criteria {
            rows.append([
                String(repeating: "  ", count: depth[c.criterion] ?? 0) + criterionName(c.criterion),
                pct(c.weight),
                "\(pct(c.topStays.lowerBound)) – \(pct(c.topStays.upperBound))",
                "\(pct(c.rankingStays.lowerBound)) – \(pct(c.rankingStays.upperBound))",
                c.swapFirstTwoAt.map(pct) ?? "—",
            ])
        }
        let header = nl
            ? ["Criterium", "Gewicht nu", "Blijft bovenaan bij", "Volgorde gelijk bij", "1 en 2 wisselen bij"]
            : ["Criterion", "Weight now", "Stays first for", "Ranking same for", "1 and 2 swap at"]
        lines += table(header: header, rows: rows, rightAligned: [1, 2, 3, 4]).map { "  " + $0 }
        lines.append("")
        // Every weight at which another option takes first place, and which (criteria where it changes).
        let takeovers = s.criteria.compactMap { c -> String? in
            let place = c.firstPlace
            guard !place.changes.isEmpty else { return nil }
            let steps = [nl ? "\(optionName(place.atZero)) vanaf 0%" : "\(optionName(place.atZero)) from 0%"]
                + place.changes.map { nl ? "\(optionName($0.option)) vanaf \(pct($0.weight))" : "\(optionName($0.option)) from \(pct($0.weight))" }
            return "  - \(criterionName(c.criterion)): " + steps.joined(separator: nl ? ", dan " : ", then ")
        }
        if !takeovers.isEmpty {
            lines.append(nl ? "  Wie staat bovenaan als één gewicht van 0% naar 100% gaat:" : "  Who ranks first as one weight goes from 0% to 100%:")
            lines += takeovers
            lines.append("")
        }
        if let best = s.smallestSwap, let x = best.swapFirstTwoAt {
            let change = NumberText.signed((x - best.weight) * 100, decimals: 1, language: language)
            lines.append(nl
                ? "  Kleinste gewichtswijziging: weegt \(criterionName(best.criterion)) \(pct(x)) in plaats van \(pct(best.weight)) (\(change) procentpunt), dan wisselen \(optionName(a)) en \(optionName(b))."
                : "  Smallest weight change: if \(criterionName(best.criterion)) weighs \(pct(x)) instead of \(pct(best.weight)) (\(change) percentage points), \(optionName(a)) and \(optionName(b)) swap.")
        } else {
            lines.append(nl
                ? "  Geen enkel gewicht op zich kan \(optionName(a)) en \(optionName(b)) laten wisselen."
                : "  No single weight can swap \(optionName(a)) and \(optionName(b)).")
        }
        let changes = ScoreChange.swapping(dossier, result, weightSet: index).prefix(3)
        if changes.isEmpty {
            lines.append(nl ? "  Geen enkele score op zich kan de eerste twee laten wisselen." : "  No single score can swap the first two.")
        } else {
            lines.append(nl ? "  Kleinste scorewijzigingen die de eerste twee gelijk zetten:" : "  Smallest score changes that bring the first two level:")
            for c in changes { lines.append("  - " + describe(c)) }
        }
        return lines
    }

    private func pathDepth(_ id: String) -> Int {
        func find(_ cs: [Criterion], _ d: Int) -> Int? {
            for c in cs {
                if c.id == id { return d }
                if let x = find(c.children, d + 1) { return x }
            }
            return nil
        }
        return find(dossier.criteria, 0) ?? 0
    }

    func describe(_ c: ScoreChange) -> String {
        var unit = ""
        if case .numeric(let s)? = dossier.criterion(c.criterion)?.scale, let u = s.unit { unit = " " + u }
        func show(_ v: ScoreValue?) -> String {
            switch v {
            case .number(let x)?: return NumberText.compact(x, decimals: 1, language: language) + unit
            case .level(let l)?: return "'\(l)'"
            case nil: return "?"
            }
        }
        return nl
            ? "\(optionName(c.option)) op \(criterionName(c.criterion)): \(show(c.toMeasurement)) in plaats van \(show(c.fromMeasurement)) (\(NumberText.signed(c.valueChange, language: language)) waardepunten)"
            : "\(optionName(c.option)) on \(criterionName(c.criterion)): \(show(c.toMeasurement)) instead of \(show(c.fromMeasurement)) (\(NumberText.signed(c.valueChange, language: language)) value points)"
    }
}

/// Sensitivity per weight set for scripts, with one-way series (totals at weights 0, 0.05, …, 1).
public enum SensitivityJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var options: [String]
        public var weightSets: [Entry]
        public var conventions: [String: String]
    }

    public static let conventions: [String: String] = [
        "weights": "one criterion's global weight set to x (0–1); the leaves inside it keep their proportions, all other leaves are scaled so the weights sum to 1; every total is then x·own + (1 − x)·rest",
        "firstPlace": "the option first at weight 0 (a tie goes to the option that leads just after 0), then every weight within 0–1 at which another option takes first place, and which",
        "scores": "per leaf the single score change of the first or second option that makes them equal, in value points and in the scale's terms (the value function held fixed; on a function that rises and falls the measurement nearest the current score)",
        "ties": "crossings closer than 1e-12 to a bound count as at the bound",
    ]

    public struct FirstPlaceChange: Codable, Equatable {
        public var weight: Double
        public var option: String
    }

    public struct Entry: Codable, Equatable {
        public var id: String
        public var top: String
        public var second: String?
        public var criteria: [CriterionEntry]
        public var scoreChanges: [ScoreChangeEntry]
    }

    public struct CriterionEntry: Codable, Equatable {
        public var criterion: String
        public var weight: Double
        public var topStays: [Double]
        public var rankingStays: [Double]
        public var swapFirstTwoAt: Double?
        /// The option first at weight 0, and every weight where first place changes hands.
        public var firstAtZero: String
        public var firstPlaceChanges: [FirstPlaceChange]
        /// `series[k]` = totals per option at weight k/20.
        public var series: [[Double]]
    }

    public struct ScoreChangeEntry: Codable, Equatable {
        public var option: String
        public var criterion: String
        public var fromValue: Double
        public var toValue: Double
        public var toMeasurement: String?
    }

    public static func document(_ dossier: Dossier, _ result: MavtResult) -> Document {
        let ids = dossier.options.map(\.id)
        return Document(dossier: dossier.id, options: ids, weightSets: result.weightSets.indices.map { k in
            let s = WeightSensitivity.analyse(dossier, result, weightSet: k)
            return Entry(
                id: result.weightSets[k].id, top: ids[s.top], second: s.second.map { ids[$0] },
                criteria: s.criteria.map { c in
                    let place = c.firstPlace
                    return CriterionEntry(criterion: c.criterion, weight: c.weight, topStays: [c.topStays.lowerBound, c.topStays.upperBound],
                                          rankingStays: [c.rankingStays.lowerBound, c.rankingStays.upperBound], swapFirstTwoAt: c.swapFirstTwoAt,
                                          firstAtZero: ids[place.atZero], firstPlaceChanges: place.changes.map { FirstPlaceChange(weight: $0.weight, option: ids[$0.option]) },
                                          series: (0...20).map { c.totals(at: Double($0) / 20) })
                },
                scoreChanges: ScoreChange.swapping(dossier, result, weightSet: k).map {
                    ScoreChangeEntry(option: ids[$0.option], criterion: $0.criterion, fromValue: $0.fromValue, toValue: $0.toValue, toMeasurement: $0.toMeasurement?.description)
                }
            )
        }, conventions: conventions)
    }
}
