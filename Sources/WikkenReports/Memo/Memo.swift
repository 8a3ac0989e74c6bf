import WikkenCore

/// The board memo (*bestuursnotitie*) as sections of blocks, independent of the output format.
/// ``MemoHTML`` and ``MemoMarkdown`` render it.
public struct Memo: Sendable {
    public var language: Language
    public var title: String
    public var subtitle: String
    public var sections: [Section]

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var blocks: [Block]

        public init(id: String, title: String, blocks: [Block]) {
            self.id = id
            self.title = title
            self.blocks = blocks
        }
    }

    /// A document of the same kind made from other material (e.g. the veerkracht report).
    public init(language: Language, title: String, subtitle: String, sections: [Section]) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    public enum Block: Sendable {
        case paragraph(String)
        case list([String])
        case table(caption: String, header: [String], rows: [[String]], numericColumns: Set<Int>)
        case chart(Chart)
        /// A story: its text, who told it and when, what it is about, its stance, why it was chosen,
        /// and whether it contradicts a number that matters.
        case story(text: String, source: String, about: String, stance: String, reason: String, tension: Bool)
        case definitions([(String, String)])
    }

    /// Everything the memo is made from.
    public struct Input: Sendable {
        public var dossier: Dossier
        public var result: MavtResult
        /// The weight set the advice follows (index into `result.weightSets`).
        public var weightSet: Int
        public var methods: MethodComparison?
        public var smaa: (result: Smaa.Result, settings: Smaa.Settings)?
        /// yyyy-mm-dd, the day the memo was made.
        public var date: String
        /// SHA-256 of the dossier as canonical JSON.
        public var contentHash: String
        public var language: Language

        public init(dossier: Dossier, result: MavtResult, weightSet: Int = 0, methods: MethodComparison? = nil,
                    smaa: (result: Smaa.Result, settings: Smaa.Settings)? = nil, date: String, contentHash: String, language: Language = .nl) {
            self.dossier = dossier
            self.result = result
            self.weightSet = weightSet
            self.methods = methods
            self.smaa = smaa
            self.date = date
            self.contentHash = contentHash
            self.language = language
        }
    }

    public init(_ input: Input) {
        self = MemoBuilder(input).build()
    }

    /// The contributions chart of one weight set alone (as section 5 draws it for the memo's own
    /// set), from an analysis already made; `id` keeps several on one page apart.
    public static func contributionChart(_ dossier: Dossier, _ result: MavtResult, weightSet: Int, id: String, language: Language = .nl) -> Chart {
        MemoBuilder(Input(dossier: dossier, result: result, weightSet: weightSet, date: "", contentHash: "", language: language)).contributionChart(id: id)
    }
}

/// Builds the memo's sections from the analysis, the explanation facts and the stories.
struct MemoBuilder {
    let input: Input
    typealias Input = Memo.Input
    let d: Dossier
    let r: MavtResult
    let set: WeightSetResult
    let facts: ExplanationFacts
    let text: ExplanationText
    let nl: Bool
    let language: Language
    /// Deciding with partners, once for the memo (its section and the decision record); nil
    /// without two partners.
    let partnerAnalysis: PartnerAnalysis?

    init(_ input: Input) {
        self.input = input
        d = input.dossier
        r = input.result
        set = input.result.weightSets[input.weightSet]
        facts = Explanation.facts(input.dossier, input.result, weightSet: input.weightSet, methods: input.methods)
        language = input.language
        nl = input.language == .nl
        text = ExplanationText(dossier: input.dossier, result: input.result, facts: facts, language: input.language)
        partnerAnalysis = try? PartnerAnalysis.analyse(input.dossier, missingRule: input.result.missingRule)
    }

    func num(_ x: Double, _ decimals: Int = 1) -> String { NumberText.rounded(x, decimals: decimals, language: language) }
    func pct(_ x: Double) -> String { NumberText.compact(x * 100, decimals: 0, language: language) + "%" }
    func option(_ i: Int) -> String { d.options[i].name }
    func criterionName(_ id: String) -> String { d.criterion(id)?.name ?? id }

    func build() -> Memo {
        let title = (nl ? "Bestuursnotitie: " : "Board memo: ") + d.title
        var subtitle = d.organisation.map { $0 + " · " } ?? ""
        subtitle += (nl ? "Gemaakt op " : "Made on ") + input.date
        let main = [question(), advice(), criteria(), options(), results(), whatFlips(), partners(), stories(), uncertainties(), decision(), sources()].compactMap { $0 }
        // Numbered in order, so a section that only some dossiers have keeps the numbers straight.
        let numbered = main.enumerated().map { k, section in Memo.Section(id: section.id, title: "\(k + 1). \(section.title)", blocks: section.blocks) }
        return Memo(language: language, title: title, subtitle: subtitle, sections: numbered + [annex()])
    }

    // MARK: - Sections

    func question() -> Memo.Section {
        var blocks: [Memo.Block] = [.paragraph(d.question)]
        if let context = d.context { blocks += context.split(separator: "\n\n").map { .paragraph($0.replacingNewlines()) } }
        return .init(id: "vraag", title: nl ? "De vraag" : "The question", blocks: blocks)
    }

    func advice() -> Memo.Section {
        var blocks: [Memo.Block] = [.paragraph(text.advice())]
        // The rule for missing scores belongs with the advice it shaped, not only under uncertainties.
        let missing = facts.scores.filter { if case .missing = $0.kind { return true } else { return false } }.count
        if missing > 0 {
            let total = d.options.count * d.leafCriteria.count
            blocks.append(.paragraph(nl
                ? "Let op: \(missing == 1 ? "1 van de \(total) scores ontbreekt" : "\(missing) van de \(total) scores ontbreken"). \(missingNote) Met alle scores ingevuld kan het advies anders uitvallen."
                : "Note: \(missing) of the \(total) scores \(missing == 1 ? "is" : "are") missing. \(missingNote) With every score filled in, the advice may differ."))
        }
        var why = [text.why()].compactMap { $0 } + [text.flip()]
        why += text.agreement()
        blocks.append(.list(why))
        blocks.append(.paragraph(nl
            ? "Dit advies volgt uit de afweging hieronder. Het bestuur beslist; de cijfers en verhalen helpen die beslissing te onderbouwen en uit te leggen."
            : "This advice follows from the weighing below. The board decides; the numbers and stories help to support and explain that decision."))
        return .init(id: "advies", title: nl ? "Advies" : "Advice", blocks: blocks)
    }

    func criteria() -> Memo.Section {
        var rows: [[String]] = []
        func visit(_ c: Criterion, depth: Int) {
            let indent = String(repeating: "— ", count: depth)
            var row = [indent + c.name, c.description ?? ""]
            row += r.weightSets.map { pct($0.weights.global[c.id] ?? 0) }
            rows.append(row)
            c.children.forEach { visit($0, depth: depth + 1) }
        }
        d.criteria.forEach { visit($0, depth: 0) }
        let header = [nl ? "Criterium" : "Criterion", nl ? "Wat we meten" : "What we measure"] + r.weightSets.map { (nl ? "Gewicht " : "Weight ") + $0.name }
        var blocks: [Memo.Block] = [
            .paragraph(nl
                ? "We wegen de opties op de criteria hieronder. Elke betrokken partij heeft een eigen weging; de gewichten tellen op tot 100%."
                : "We weigh the options on the criteria below. Each party has its own weight set; the weights add up to 100%."),
            .table(caption: nl ? "Criteria en gewichten per weging (aandeel in het totaal)" : "Criteria and weights per weight set (share of the total)",
                   header: header, rows: rows, numericColumns: Set(2..<header.count)),
        ]
        blocks.append(.chart(weightsChart()))
        return .init(id: "criteria", title: nl ? "Doelen en criteria" : "Objectives and criteria", blocks: blocks)
    }

    func options() -> Memo.Section {
        .init(id: "opties", title: nl ? "De opties" : "The options",
              blocks: [.definitions(d.options.map { ($0.name, $0.description ?? "") })])
    }

    func results() -> Memo.Section {
        var blocks: [Memo.Block] = [.chart(contributionChart())]
        if r.weightSets.count > 1 { blocks.append(.chart(weightSetsChart())) }
        if let s = sensitivityChart() { blocks.append(.chart(s)) }
        if let smaa = input.smaa { blocks.append(.chart(smaaChart(smaa.result, smaa.settings))) }
        if let methods = input.methods {
            let header = [nl ? "Optie" : "Option"] + methods.entries.map { MethodsText.label($0.method, language) }
            let ranks = methods.entries.map { e -> [Int] in
                var x = Array(repeating: 0, count: d.options.count)
                for entry in e.ranking { x[entry.option] = entry.rank }
                return x
            }
            blocks.append(.table(caption: nl ? "Plaats per methode (1 = beste)" : "Rank per method (1 = best)", header: header,
                                 rows: d.options.indices.map { i in [option(i)] + ranks.map { String($0[i]) } }, numericColumns: Set(1..<header.count)))
        }
        return .init(id: "uitkomsten", title: nl ? "Uitkomsten" : "Results", blocks: blocks)
    }

    func whatFlips() -> Memo.Section {
        var items: [String] = []
        for f in facts.flips.prefix(3) {
            if let lower = f.lower, let other = f.newTopBelow {
                items.append(nl ? "Weegt \(text.criterion(f.criterion)) minder dan \(pct(lower)) (nu \(pct(f.weight))), dan komt \(option(other)) bovenaan."
                                : "If \(text.criterion(f.criterion)) weighs less than \(pct(lower)) (now \(pct(f.weight))), \(option(other)) comes first.")
            }
            if let upper = f.upper, let other = f.newTopAbove {
                items.append(nl ? "Weegt \(text.criterion(f.criterion)) meer dan \(pct(upper)) (nu \(pct(f.weight))), dan komt \(option(other)) bovenaan."
                                : "If \(text.criterion(f.criterion)) weighs more than \(pct(upper)) (now \(pct(f.weight))), \(option(other)) comes first.")
            }
        }
        if items.isEmpty { items.append(text.flip()) }
        if input.result.missingRule != .renormalise {
            let sensitivity = SensitivityText(dossier: d, result: r, language: language)
            items += ScoreChange.swapping(d, r, weightSet: input.weightSet).prefix(2).map { sensitivity.describe($0) + (nl ? " — dan staan de eerste twee gelijk." : " — then the first two are level.") }
        }
        return .init(id: "omslag", title: nl ? "Wat de keuze kan omdraaien" : "What would change the choice", blocks: [.list(items)])
    }

    /// *Waar de partners verschillen*: only when at least two decision makers own a weight set.
    /// Each partner's own result as a chart with its table, then agreement, the lenses, what all
    /// can live with and what would flip the choice, in the sentences of `wikken partners`.
    func partners() -> Memo.Section? {
        guard let analysis = partnerAnalysis else { return nil }
        let words = PartnerText(dossier: d, analysis: analysis, language: language)
        let order = analysis.group.scores(.weightedTotal).enumerated().sorted { ($0.element, -$0.offset) > ($1.element, -$1.offset) }.map(\.offset)
        let names = analysis.partners.map(\.name)
        let values = order.map { i in analysis.partners.map { $0.totals[i] } }
        let summary = words.firstFor().joined(separator: " ")
        let title = nl ? "Totaal per optie in de eigen weging van elke partner" : "Total per option in each partner's own weighing"
        let svg = SVG.dots(id: "partners", title: title, summary: summary, labels: order.map(option), series: names, values: values)
        let chart = Chart(id: "partners", title: title, summary: summary, svg: svg, header: [nl ? "Optie" : "Option"] + names,
                          rows: order.enumerated().map { k, i in [option(i)] + values[k].map { num($0) } })
        let equal = analysis.group.equalWeights
        let intro = nl
            ? "Elke partner heeft eerst zelf gewogen; hieronder ieders eigen uitkomst en daarna wat ze samen laten zien. " + (equal ? "Samen telt elke partner even zwaar, los van het aantal mensen." : "")
            : "Each partner weighed on its own first; below each partner's own result, then what they show together. " + (equal ? "Together each partner counts the same, whatever its number of people." : "")
        return .init(id: "partners", title: nl ? "Waar de partners verschillen" : "Where the partners differ", blocks: [
            .paragraph(intro.trimmingCharacters(in: .whitespaces)), .chart(chart),
            .list([words.agreement()] + words.lensVerdict() + [words.fallbackOutcome()] + words.dissent() + [words.flip(), words.criterionFlip()]),
        ])
    }

    func stories() -> Memo.Section {
        var blocks: [Memo.Block] = []
        let tensions = text.tensions()
        if !tensions.isEmpty { blocks.append(.list(tensions)) }
        let chosen = facts.stories.filter(\.chosen)
        if chosen.isEmpty {
            blocks.append(.paragraph(nl ? "Er zijn geen verhalen vastgelegd die over de geadviseerde keuze gaan." : "No stories were recorded about the advised choice."))
        }
        for s in chosen {
            let n = d.narratives[s.narrative]
            var about: [String] = []
            if let o = n.option, let opt = d.option(o) { about.append(opt.name) }
            if let c = n.criterion { about.append(criterionName(c)) }
            let stance = n.stance.label(input.language)
            let source = [n.teller, n.date].compactMap { $0 }.joined(separator: ", ")
            blocks.append(.story(text: n.text.trimmingTrailingNewlines().joiningWrappedLines(), source: source, about: about.joined(separator: " · "), stance: stance,
                                 reason: (nl ? "Waarom gekozen: het verhaal " : "Why chosen: the story ") + text.reasons(s) + ".", tension: s.isTension))
        }
        let others = facts.stories.count - chosen.count
        if others > 0 {
            blocks.append(.paragraph(nl ? "\(others) \(others == 1 ? "ander verhaal staat" : "andere verhalen staan") in het dossier." : "\(others) other \(others == 1 ? "story is" : "stories are") in the dossier."))
        }
        return .init(id: "verhalen", title: nl ? "Verhalen: tellen en vertellen" : "Stories: counting and telling", blocks: blocks)
    }

    func uncertainties() -> Memo.Section {
        var blocks: [Memo.Block] = [.list(text.uncertainties())]
        let missing = facts.scores.filter { if case .missing = $0.kind { return true } else { return false } }
        if !missing.isEmpty {
            let rule: String
            switch r.missingRule {
            case .refuse: rule = ""
            case .worst: rule = nl ? "Ontbrekende scores tellen als de slechtste waarde." : "Missing scores count as the worst value."
            case .renormalise: rule = nl ? "Bij ontbrekende scores zijn de gewichten over de bekende scores verdeeld." : "For missing scores the weights were spread over the known scores."
            }
            blocks.append(.paragraph(rule))
        }
        return .init(id: "onzekerheden", title: nl ? "Onzekerheden en ontbrekende gegevens" : "Uncertainties and missing data", blocks: blocks)
    }

    func decision() -> Memo.Section {
        let record = d.decision
        let status: String
        switch record?.status {
        case .decided?: status = nl ? "besloten" : "decided"
        case .superseded?: status = nl ? "vervangen" : "superseded"
        default: status = nl ? "concept" : "draft"
        }
        var pairs: [(String, String)] = [(nl ? "Status" : "Status", status)]
        if let c = record?.chosenOption, let o = d.option(c) { pairs.append((nl ? "Gekozen" : "Chosen", o.name)) }
        if let by = record?.decidedBy { pairs.append((nl ? "Besloten door" : "Decided by", by)) }
        if let date = record?.date { pairs.append((nl ? "Datum" : "Date", date)) }
        if let review = record?.reviewDate { pairs.append((nl ? "Herzien op" : "Review on", review)) }
        if let note = record?.note { pairs.append((nl ? "Toelichting" : "Note", note)) }
        if let c = record?.chosenOption, let chosen = d.options.firstIndex(where: { $0.id == c }) { pairs += dissent(about: chosen) }
        return .init(id: "besluit", title: nl ? "Besluit" : "Decision", blocks: [.definitions(pairs)])
    }

    /// The dissent register in the decision record: every objection to the chosen option with
    /// its reason, who can only live with it, and the partners whose own first choice it is not.
    func dissent(about chosen: Int) -> [(String, String)] {
        let id = d.options[chosen].id
        func name(_ partner: String) -> String { d.decisionMakers.first { $0.id == partner }?.name ?? partner }
        var pairs: [(String, String)] = []
        for p in d.positions where p.option == id && p.mark == .objection {
            pairs.append(((nl ? "Bezwaar van " : "Objection of ") + name(p.partner), p.reason ?? ""))
        }
        let living = d.positions.filter { $0.option == id && $0.mark == .canLiveWith }
        if !living.isEmpty {
            pairs.append((nl ? "Kan ermee leven" : "Can live with it", living.map { name($0.partner) + ($0.reason.map { " (\($0))" } ?? "") }.joined(separator: "; ")))
        }
        if let analysis = partnerAnalysis {
            let others = analysis.partners.filter { $0.ranks.indices.contains(chosen) && $0.ranks[chosen] != 1 }.map { p in
                let first = p.ranks.indices.filter { p.ranks[$0] == 1 }.map { analysis.optionNames[$0] }
                return "\(p.name) (\(nl ? "eerst" : "first"): \(language.list(first)))"
            }
            if !others.isEmpty { pairs.append((nl ? "Niet hun eerste keus" : "Not their first choice", others.joined(separator: "; "))) }
        }
        return pairs
    }

    var missingNote: String {
        let anyMissing = facts.scores.contains { if case .missing = $0.kind { return true } else { return false } }
        guard anyMissing else { return nl ? "Alle scores zijn ingevuld." : "Every score is filled in." }
        switch r.missingRule {
        case .worst: return nl ? "Ontbrekende scores tellen als de slechtste waarde." : "Missing scores count as the worst value."
        case .renormalise: return nl ? "Bij ontbrekende scores zijn de gewichten over de bekende scores verdeeld." : "For missing scores the weights are spread over the known scores."
        case .refuse: return ""
        }
    }

    func sources() -> Memo.Section {
        var seen = Set<String>(), list: [String] = []
        for option in d.options {
            for leaf in r.leafIDs { if let s = option.scores[leaf]?.source, seen.insert(s).inserted { list.append(s) } }
        }
        var blocks: [Memo.Block] = []
        blocks.append(list.isEmpty ? .paragraph(nl ? "Bij de scores zijn geen bronnen vermeld." : "No sources are given with the scores.") : .list(list))
        blocks.append(.definitions([
            (nl ? "Dossier" : "Dossier", d.id),
            (nl ? "Vingerafdruk (SHA-256)" : "Fingerprint (SHA-256)", input.contentHash),
            (nl ? "Werkwijze" : "Method", nl
                ? "MAVT: gewogen som van waarden 0–100. \(missingNote)"
                : "MAVT: weighted sum of values 0–100. \(missingNote)"),
        ]))
        return .init(id: "bronnen", title: nl ? "Bronnen en vastlegging" : "Sources and record", blocks: blocks)
    }

    /// Every score as it was entered: the numbers behind the analysis, for whoever wants to check.
    func annex() -> Memo.Section {
        let leaves = d.leafCriteria
        func number(_ x: Double) -> String { nl ? NumberText.plain(x).replacingOccurrences(of: ".", with: ",") : NumberText.plain(x) }
        func text(_ v: ScoreValue) -> String {
            switch v {
            case .number(let x): return number(x)
            case .level(let l): return l
            }
        }
        let rows = d.options.map { o in
            [o.name] + leaves.map { c -> String in
                guard let score = o.scores[c.id] else { return nl ? "ontbreekt" : "missing" }
                guard let value = score.value else { return nl ? "ontbreekt" : "missing" }
                let range = score.low.flatMap { low in score.high.map { " (\(text(low))–\(text($0)))" } } ?? ""
                return text(value) + range
            }
        }
        let header = [nl ? "Optie" : "Option"] + leaves.map { c in
            if case .numeric(let s)? = c.scale, let unit = s.unit { return "\(c.name) (\(unit))" }
            return c.name
        }
        let numeric = Set(leaves.indices.filter { if case .numeric? = leaves[$0].scale { return true } else { return false } }.map { $0 + 1 })
        return .init(id: "bijlage", title: nl ? "Bijlage: de scores zoals ingevoerd" : "Annex: the scores as entered", blocks: [
            .paragraph(nl ? "Per optie de score op elk criterium, met de bandbreedte tussen haakjes." : "Per option the score on each criterion, with the range in brackets."),
            .table(caption: nl ? "Scores per optie en criterium" : "Scores per option and criterion", header: header, rows: rows, numericColumns: numeric),
        ])
    }

    // MARK: - Charts

    func contributionChart(id: String = "bijdragen") -> Chart {
        let order = set.ranking.map(\.option)
        let top = d.criteria.map(\.id)
        let values = order.map { i in top.map { set.contribution(option: i, criterion: $0, in: r) } }
        let first = order[0]
        let biggest = top.max { set.contribution(option: first, criterion: $0, in: r) < set.contribution(option: first, criterion: $1, in: r) }!
        let summary = nl
            ? "\(option(first)) heeft het hoogste totaal (\(num(set.totals[first])) van 100 punten); het grootste deel komt van \(text.criterion(biggest))."
            : "\(option(first)) has the highest total (\(num(set.totals[first])) of 100 points); most of it comes from \(text.criterion(biggest))."
        let title = nl ? "Totaal per optie, opgebouwd per criterium (weging \(set.name))" : "Total per option, built up by criterion (weight set \(set.name))"
        let svg = SVG.stackedBars(id: id, title: title, summary: summary, labels: order.map(option), series: top.map(criterionName), values: values, maximum: 100, unit: "")
        return Chart(id: id, title: title, summary: summary, svg: svg,
                     header: [nl ? "Optie" : "Option"] + top.map(criterionName) + [nl ? "Totaal" : "Total"],
                     rows: order.enumerated().map { k, i in [option(i)] + values[k].map { num($0) } + [num(set.totals[i])] })
    }

    func weightsChart() -> Chart {
        let top = d.criteria.map(\.id)
        let values = r.weightSets.map { s in top.map { (s.weights.global[$0] ?? 0) * 100 } }
        let heaviest = top.max { (set.weights.global[$0] ?? 0) < (set.weights.global[$1] ?? 0) }!
        let summary = nl
            ? "In de weging '\(set.name)' weegt \(text.criterion(heaviest)) het zwaarst (\(pct(set.weights.global[heaviest] ?? 0)))."
            : "In the weight set '\(set.name)', \(text.criterion(heaviest)) weighs most (\(pct(set.weights.global[heaviest] ?? 0)))."
        let title = nl ? "Gewichten van de hoofdcriteria per weging" : "Weights of the top-level criteria per weight set"
        let svg = SVG.stackedBars(id: "gewichten", title: title, summary: summary, labels: r.weightSets.map(\.name), series: top.map(criterionName), values: values, maximum: 100, unit: "%")
        return Chart(id: "gewichten", title: title, summary: summary, svg: svg,
                     header: [nl ? "Weging" : "Weight set"] + top.map(criterionName),
                     rows: r.weightSets.indices.map { k in [r.weightSets[k].name] + values[k].map { NumberText.compact($0, decimals: 1, language: language) + "%" } })
    }

    func weightSetsChart() -> Chart {
        let top = set.ranking.map(\.option)
        let values = top.map { i in r.weightSets.map { $0.totals[i] } }
        let winners = facts.winnersPerWeightSet
        let agree = Set(winners.map { Set($0) }).count == 1
        let summary = agree
            ? (nl ? "In alle wegingen staat \(option(facts.top)) bovenaan." : "\(option(facts.top)) ranks first in every weight set.")
            : (nl ? "De wegingen zetten niet dezelfde optie bovenaan; zie de tabel." : "The weight sets do not put the same option first; see the table.")
        let title = nl ? "Totaal per optie in elke weging" : "Total per option in each weight set"
        let svg = SVG.dots(id: "wegingen", title: title, summary: summary, labels: top.map(option), series: r.weightSets.map(\.name), values: values)
        return Chart(id: "wegingen", title: title, summary: summary, svg: svg,
                     header: [nl ? "Optie" : "Option"] + r.weightSets.map(\.name),
                     rows: top.enumerated().map { k, i in [option(i)] + values[k].map { num($0) } })
    }

    func sensitivityChart() -> Chart? {
        guard r.missingRule != .renormalise, set.ranking.count > 1 else { return nil }
        let s = WeightSensitivity.analyse(d, r, weightSet: input.weightSet)
        let topLevel = s.criteria.filter { c in d.criteria.contains { $0.id == c.criterion } }
        guard let c = topLevel.min(by: { a, b in
            let da = a.swapFirstTwoAt.map { abs($0 - a.weight) } ?? .infinity
            let db = b.swapFirstTwoAt.map { abs($0 - b.weight) } ?? .infinity
            return da < db
        }) else { return nil }
        let xs = (0...20).map { Double($0) / 20 }
        let order = set.ranking.map(\.option)
        let series = order.map { i in xs.map { c.totals(at: $0)[i] } }
        let name = text.criterion(c.criterion)
        let summary = nl
            ? "\(option(s.top)) blijft bovenaan zolang het gewicht van \(name) tussen \(pct(c.topStays.lowerBound)) en \(pct(c.topStays.upperBound)) ligt (nu \(pct(c.weight)))."
            : "\(option(s.top)) stays first while the weight of \(name) lies between \(pct(c.topStays.lowerBound)) and \(pct(c.topStays.upperBound)) (now \(pct(c.weight))."
        let title = nl ? "Totaal per optie bij een ander gewicht voor \(name)" : "Total per option at another weight for \(name)"
        let svg = SVG.lines(id: "gevoeligheid", title: title, summary: summary, series: order.map(option), points: series,
                            xLabel: nl ? "Gewicht van \(name) (de rest schuift naar verhouding mee)" : "Weight of \(name) (the rest moves in proportion)", current: c.weight)
        let shown = stride(from: 0, through: 20, by: 4)
        return Chart(id: "gevoeligheid", title: title, summary: summary, svg: svg,
                     header: [nl ? "Gewicht" : "Weight"] + order.map(option),
                     rows: shown.map { k in [pct(xs[k])] + series.map { num($0[k]) } })
    }

    func smaaChart(_ smaa: Smaa.Result, _ settings: Smaa.Settings) -> Chart {
        let n = d.options.count
        let order = d.options.indices.sorted { smaa.rankAcceptability[$0][0] > smaa.rankAcceptability[$1][0] }
        let values = order.map { i in (0..<n).map { smaa.rankAcceptability[i][$0] * 100 } }
        let best = order[0]
        let summary = nl
            ? "Bij \(NumberText.grouped(settings.samples, language: language)) willekeurige wegingen is \(option(best)) in \(pct(smaa.rankAcceptability[best][0])) van de gevallen de beste keuze."
            : "Over \(NumberText.grouped(settings.samples, language: language)) random weightings, \(option(best)) is the best choice in \(pct(smaa.rankAcceptability[best][0])) of cases."
        let title = nl ? "Kans op elke plaats (SMAA-2)" : "Chance of each place (SMAA-2)"
        let places = (1...n).map { nl ? "\($0)e plaats" : "place \($0)" }
        let svg = SVG.stackedBars(id: "smaa", title: title, summary: summary, labels: order.map(option), series: places, values: values, maximum: 100, unit: "%")
        return Chart(id: "smaa", title: title, summary: summary, svg: svg, header: [nl ? "Optie" : "Option"] + places,
                     rows: order.enumerated().map { k, i in [option(i)] + values[k].map { NumberText.compact($0, decimals: 1, language: language) + "%" } })
    }
}

extension Substring {
    func replacingNewlines() -> String { split(separator: "\n").joined(separator: " ") }
}

extension String {
    /// Single line breaks (wrapping in a YAML block) become spaces; blank lines stay as breaks.
    func joiningWrappedLines() -> String {
        split(separator: "\n\n", omittingEmptySubsequences: false).map { $0.split(separator: "\n").joined(separator: " ") }.joined(separator: "\n")
    }

    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
