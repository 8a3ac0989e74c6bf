import WikkenCore

/// The weights of each weight set as a tree with local and global shares, how they were elicited,
/// and for AHP the consistency per group and the judgements worth reconsidering.
public struct WeightsText {
    public var dossier: Dossier
    public var language: Language

    public init(dossier: Dossier, language: Language = .nl) {
        self.dossier = dossier
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func pct(_ x: Double) -> String { NumberText.rounded(x * 100, decimals: 1, language: language) + "%" }
    private func num(_ x: Double, _ d: Int = 3) -> String { NumberText.rounded(x, decimals: d, language: language) }
    private func name(_ id: String?) -> String {
        guard let id else { return nl ? "Hoofdcriteria" : "Top-level criteria" }
        return dossier.criterion(id)?.name ?? id
    }

    public func render() -> String {
        var lines = [(nl ? "Wegingen — " : "Weight sets — ") + dossier.title, ""]
        for set in dossier.weightSets {
            lines += section(set)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public func methodDescription(_ method: WeightingMethod) -> String {
        switch method {
        case .direct:
            return nl ? "direct: getallen per criterium, binnen elke groep omgerekend naar procenten" : "direct: numbers per criterion, turned into percentages within each group"
        case .swing:
            return nl ? "SWING: per groep krijgt de belangrijkste verbetering van slechtst naar best 100 punten, de andere punten in verhouding" : "SWING: in each group the most important swing from worst to best gets 100 points, the others points relative to it"
        case .rankOrder(let formula, _):
            let f: String
            switch formula {
            case .rankOrderCentroid: f = nl ? "ROC (rank order centroid, Barron & Barrett 1996)" : "ROC (rank order centroid, Barron & Barrett 1996)"
            case .rankSum: f = nl ? "rangsom (Stillwell e.a. 1981)" : "rank sum (Stillwell et al. 1981)"
            case .rankReciprocal: f = nl ? "omgekeerde rang (Stillwell e.a. 1981)" : "rank reciprocal (Stillwell et al. 1981)"
            }
            return nl ? "rangorde: criteria geordend van belangrijk naar minder belangrijk, gewichten volgens \(f)" : "ranking: criteria ordered by importance, weights by \(f)"
        case .pairwise:
            return nl ? "AHP: paarsgewijs vergelijken op de schaal van Saaty (1–9), prioriteiten uit de eigenvector" : "AHP: pairwise comparison on Saaty's scale (1–9), priorities from the eigenvector"
        }
    }

    func section(_ set: WeightSet) -> [String] {
        let weights = NormalisedWeights(set, criteria: dossier.criteria)
        var title = (nl ? "Weging: " : "Weight set: ") + set.name
        if let owner = set.owner, let maker = dossier.decisionMakers.first(where: { $0.id == owner }) {
            title += nl ? " — van \(maker.name)" : " — of \(maker.name)"
        }
        var lines = [title, String(repeating: "-", count: min(72, title.count))]
        lines.append((nl ? "Methode: " : "Method: ") + methodDescription(set.method))
        var rows: [[String]] = []
        let equalGroups = Set(weights.groups.filter(\.equal).map { $0.parent ?? "" })
        func visit(_ c: Criterion, depth: Int, parent: String?) {
            let mark = equalGroups.contains(parent ?? "") && weights.groups.first(where: { $0.parent == parent })?.members.count ?? 0 > 1 ? " °" : ""
            rows.append([String(repeating: "  ", count: depth) + c.name + mark, pct(weights.local[c.id] ?? 0), pct(weights.global[c.id] ?? 0)])
            for child in c.children { visit(child, depth: depth + 1, parent: c.id) }
        }
        dossier.criteria.forEach { visit($0, depth: 0, parent: nil) }
        lines += table(header: [nl ? "Criterium" : "Criterion", nl ? "In groep" : "In group", nl ? "Van totaal" : "Of total"], rows: rows, rightAligned: [1, 2]).map { "  " + $0 }
        if !equalGroups.isEmpty, rows.contains(where: { $0[0].hasSuffix(" °") }) {
            lines.append("  ° " + (nl ? "Geen invoer voor deze groep: gelijk verdeeld." : "No input for this group: equal weights."))
        }
        let ahpGroups = weights.groups.filter { $0.pairwise != nil }
        if !ahpGroups.isEmpty {
            lines.append("")
            lines.append(nl ? "  Consistentie van de oordelen (CR ≤ 0,10 is aanvaardbaar; random index van \(PairwiseComparison.randomIndexTableName)):" : "  Consistency of the judgements (CR ≤ 0.10 is acceptable; random index of \(PairwiseComparison.randomIndexTableName)):")
            lines.append(nl
                ? "  Wat betekent dit? CR (de consistentieratio) meet hoe tegenstrijdig de oordelen zijn, zoals ‘A weegt zwaarder dan B, B zwaarder dan C, maar C zwaarder dan A’; tot 0,10 zijn ze bruikbaar. λmax en CI zijn de tussenstappen van die berekening."
                : "  What does this mean? CR (the consistency ratio) measures how contradictory the judgements are, such as ‘A over B, B over C, but C over A’; up to 0.10 they are usable. λmax and CI are the steps of that computation.")
            for g in ahpGroups {
                guard let r = g.pairwise else { continue }
                var s = "  - \(name(g.parent)): λmax \(num(r.lambdaMax)), CI \(num(r.consistencyIndex)), "
                if let cr = r.consistencyRatio {
                    s += "CR \(num(cr)) (n = \(g.members.count)): " + (r.isAcceptable ? (nl ? "aanvaardbaar" : "acceptable") : (nl ? "te inconsistent" : "too inconsistent"))
                } else {
                    s += nl ? "geen CR: meer dan 10 elementen; splits de groep" : "no CR: more than 10 elements; split the group"
                }
                if let c = g.comparison, !c.isComplete { s += nl ? "; ontbrekende oordelen aangevuld (Harker)" : "; missing judgements completed (Harker)" }
                lines.append(s + ".")
                // Suggestions only where the judgements are too inconsistent to use.
                for suggestion in r.isAcceptable ? [] : g.comparison?.mostInconsistent(limit: 2) ?? [] {
                    lines.append("    " + describe(suggestion))
                }
            }
        }
        return lines
    }

    func describe(_ s: JudgementSuggestion) -> String {
        let (more, less, value) = s.suggested >= 1 ? (s.more, s.less, s.suggested) : (s.less, s.more, 1 / s.suggested)
        let now = "\(NumberText.plain(s.current)) (\(SaatyScale.label(for: s.current, language: language)))"
        let proposal = "'\(name(more))' \(NumberText.plain(value.rounded())) (\(SaatyScale.label(for: value.rounded(), language: language))) \(nl ? "t.o.v." : "over") '\(name(less))'"
        return nl
            ? "Heroverweeg '\(name(s.more))' t.o.v. '\(name(s.less))': nu \(now). Met \(proposal) wordt CR \(num(s.consistencyRatioAfter))."
            : "Reconsider '\(name(s.more))' over '\(name(s.less))': now \(now). With \(proposal) CR becomes \(num(s.consistencyRatioAfter))."
    }
}
