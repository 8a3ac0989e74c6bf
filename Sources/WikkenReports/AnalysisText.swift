import WikkenCore

/// The MAVT analysis as plain text for a terminal: per weight set a ranking, the main
/// contributions and why the first beats the second; then the weight sets compared, the method's
/// conventions and warnings. Dutch (B1) by default, English on request.
public struct AnalysisText {
    public var dossier: Dossier
    public var result: MavtResult
    public var language: Language

    public init(dossier: Dossier, result: MavtResult, language: Language = .nl) {
        self.dossier = dossier
        self.result = result
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func num(_ x: Double) -> String { NumberText.rounded(x, decimals: 1, language: language) }
    private func signed(_ x: Double) -> String { NumberText.signed(x, decimals: 1, language: language) }
    private func name(option i: Int) -> String { dossier.options[i].name }
    private func name(criterion id: String) -> String { dossier.criterion(id)?.name ?? id }

    public func render() -> String {
        var lines: [String] = [dossier.title, (nl ? "Vraag: " : "Question: ") + dossier.question, ""]
        for set in result.weightSets { lines += section(set) + [""] }
        if result.weightSets.count > 1 { lines += comparison() + [""] }
        lines += conventions()
        let warnings = warningLines()
        if !warnings.isEmpty { lines += [""] + [nl ? "Let op:" : "Note:"] + warnings.map { "  - " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - One weight set

    func section(_ set: WeightSetResult) -> [String] {
        var lines: [String] = []
        var heading = (nl ? "Weging: " : "Weight set: ") + set.name
        if let owner = dossier.weightSet(set.id)?.owner, let maker = dossier.decisionMakers.first(where: { $0.id == owner }) {
            heading += nl ? " — van \(maker.name)" : " — of \(maker.name)"
        }
        lines += self.heading(heading)

        let top = dossier.criteria.map(\.id)
        let width = min(44, max(12, dossier.options.map(\.name.count).max() ?? 12))
        let rows = set.ranking.map { entry -> [String] in
            let i = entry.option
            let range = set.totalLow[i] == set.totalHigh[i] ? "" : "\(num(set.totalLow[i]))–\(num(set.totalHigh[i]))"
            return ["\(entry.rank)\(entry.tied ? "=" : "")", clip(name(option: i), width), num(entry.total), range]
                + top.map { num(set.contribution(option: i, criterion: $0, in: result)) }
                + [set.affectedByMissing[i] ? "*" : ""]
        }
        let header = [nl ? "#" : "#", nl ? "Optie" : "Option", nl ? "Totaal" : "Total", nl ? "Bandbreedte" : "Range"] + top + [""]
        lines += table(header: header, rows: rows, rightAligned: Set(2..<(header.count - 1))).map { "  " + $0 }
        lines.append("  " + (nl ? "Kolommen na de bandbreedte: bijdrage per hoofdcriterium in punten (samen het totaal)." : "Columns after the range: contribution per top-level criterion in points (adding up to the total)."))
        if set.affectedByMissing.contains(true) {
            lines.append("  * " + (nl ? "Met ontbrekende scores, behandeld volgens de regel '\(result.missingRule.cliName)'." : "With missing scores, handled by the rule '\(result.missingRule.cliName)'."))
        }
        lines.append("")
        lines += explanation(set).map { "  " + $0 }
        return lines
    }

    /// Why the first option leads, in sentences.
    func explanation(_ set: WeightSetResult) -> [String] {
        guard let first = set.ranking.first else { return [] }
        let a = first.option
        var sentences: [String] = []
        if set.ranking.count == 1 {
            return [nl ? "\(name(option: a)) is de enige optie: \(num(first.total)) van de 100 punten." : "\(name(option: a)) is the only option: \(num(first.total)) out of 100 points."]
        }
        let second = set.ranking[1]
        if first.tied {
            let tiedNames = set.ranking.filter { $0.rank == 1 }.map { name(option: $0.option) }
            sentences.append(nl
                ? "\(list(tiedNames)) staan gelijk bovenaan met \(num(first.total)) punten."
                : "\(list(tiedNames)) share first place with \(num(first.total)) points.")
            return sentences
        }
        let b = second.option
        sentences.append(nl
            ? "\(name(option: a)) staat bovenaan met \(num(first.total)) van de 100 punten, \(num(first.total - second.total)) punten meer dan \(name(option: b))."
            : "\(name(option: a)) ranks first with \(num(first.total)) out of 100 points, \(num(first.total - second.total)) points ahead of \(name(option: b)).")
        // Why, and what would flip it: the same facts and sentences as the board memo.
        if let index = result.weightSets.firstIndex(where: { $0.id == set.id }) {
            let facts = Explanation.facts(dossier, result, weightSet: index)
            let text = ExplanationText(dossier: dossier, result: result, facts: facts, language: language)
            if let why = text.why() { sentences.append(why) }
            if result.missingRule != .renormalise { sentences.append(text.flip()) }
        }
        if set.topTwoOverlap {
            sentences.append(nl
                ? "De bandbreedtes van de eerste twee overlappen: door de onzekerheid in de scores kan de volgorde omdraaien."
                : "The ranges of the first two overlap: the uncertainty in the scores could swap them.")
        }
        return sentences
    }

    // MARK: - Across weight sets

    func comparison() -> [String] {
        var lines = heading(nl ? "Wegingen vergeleken" : "Weight sets compared")
        let width = min(44, max(12, dossier.options.map(\.name.count).max() ?? 12))
        let header = [nl ? "Optie" : "Option"] + result.weightSets.map { clip($0.name, 18) }
        let ranks = result.weightSets.map(\.rankOfOption)
        let rows = dossier.options.indices.map { i in
            [clip(name(option: i), width)] + result.weightSets.indices.map { s in "\(ranks[s][i]) (\(num(result.weightSets[s].totals[i])))" }
        }
        lines += table(header: header, rows: rows, rightAligned: Set(1..<header.count)).map { "  " + $0 }
        lines.append("")
        let winners = result.weightSets.map { set in set.ranking.filter { $0.rank == 1 }.map(\.option) }
        let distinct = Set(winners.flatMap { $0 })
        let n = result.weightSets.count
        if distinct.count == 1, let w = distinct.first {
            lines.append("  " + (nl ? "\(name(option: w)) staat in alle \(n) wegingen bovenaan." : "\(name(option: w)) ranks first in all \(n) weight sets."))
        } else {
            for w in dossier.options.indices where distinct.contains(w) {
                let count = winners.filter { $0.contains(w) }.count
                lines.append("  " + (nl ? "\(name(option: w)) staat bovenaan in \(count) van de \(n) wegingen." : "\(name(option: w)) ranks first in \(count) of the \(n) weight sets."))
            }
            lines.append("  " + (nl ? "De wegingen leiden tot een andere keuze: het gesprek gaat over wat zwaarder weegt." : "The weight sets lead to different choices: the conversation is about what matters more."))
        }
        return lines
    }

    // MARK: - Conventions and warnings

    func conventions() -> [String] {
        var lines = heading(nl ? "Werkwijze" : "Method")
        lines.append(nl
            ? "  MAVT: elke score wordt een waarde van 0 (slechtst) tot 100 (best); het totaal is de gewogen som. Gewichten tellen binnen elke groep op tot 100%."
            : "  MAVT: each score becomes a value from 0 (worst) to 100 (best); the total is the weighted sum. Weights add up to 100% within each group.")
        for (j, id) in result.leafIDs.enumerated() {
            lines.append("  - \(name(criterion: id)): " + describe(result.valueFunctions[j], criterion: id))
        }
        return lines
    }

    func describe(_ f: ValueFunction, criterion: String) -> String {
        func num(_ x: Double) -> String { NumberText.compact(x, language: language) }
        var unit = ""
        if case .numeric(let s)? = dossier.criterion(criterion)?.scale, let u = s.unit { unit = " " + u }
        switch f.kind {
        case let .linear(worst, best, local):
            let span = "\(num(worst))\(unit) = 0, \(num(best))\(unit) = 100"
            return local
                ? (nl ? "lineair, slechtste en beste score in dit dossier (\(span))" : "linear, worst and best score in this dossier (\(span))")
                : (nl ? "lineair, vaste schaal (\(span))" : "linear, fixed scale (\(span))")
        case .constant:
            return nl ? "alle opties scoren gelijk; iedereen krijgt 100" : "all options score the same; each gets 100"
        case .piecewise(let points):
            let text = points.map { "\(num($0.measurement))\(unit) = \(num($0.value))" }.joined(separator: ", ")
            return (nl ? "stuksgewijs lineair door " : "piecewise linear through ") + text
        case let .discrete(levels, values):
            return zip(levels, values).map { "\($0) = \(num($1))" }.joined(separator: ", ")
        }
    }

    func warningLines() -> [String] {
        result.warnings.map { w in
            switch w {
            case .constantCriterion(let c):
                return nl ? "Alle opties scoren gelijk op \(name(criterion: c)); dit criterium helpt niet bij de keuze." : "All options score the same on \(name(criterion: c)); this criterion does not help to choose."
            case let .missingScoreHandled(o, c, rule):
                let optionName = dossier.option(o)?.name ?? o
                switch rule {
                case .worst: return nl ? "\(optionName) mist een score op \(name(criterion: c)); gerekend met de slechtste waarde." : "\(optionName) lacks a score on \(name(criterion: c)); counted as the worst value."
                case .renormalise: return nl ? "\(optionName) mist een score op \(name(criterion: c)); de overige gewichten zijn herverdeeld." : "\(optionName) lacks a score on \(name(criterion: c)); the other weights were rescaled."
                case .refuse: return ""
                }
            }
        }
    }

    // MARK: - Helpers

    private func heading(_ title: String) -> [String] { [title, String(repeating: "-", count: min(title.count, 72))] }

    private func list(_ items: [String]) -> String { language.list(items) }
}

func clip(_ s: String, _ width: Int) -> String { s.count <= width ? s : String(s.prefix(width - 1)) + "…" }

/// A plain-text table with aligned columns.
func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return rightAligned.contains(c) ? pad + cell : cell + pad
        }
        .joined(separator: "  ")
        .replacingTrailingSpaces()
    }
    return all.map(line)
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
