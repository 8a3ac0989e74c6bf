import WikkenCore

/// Sentences from ``ExplanationFacts``, in Dutch (B1) or English, by templates. The advice is
/// framed as advice to the board: people decide, the analysis supports.
public struct ExplanationText {
    public var dossier: Dossier
    public var result: MavtResult
    public var facts: ExplanationFacts
    public var language: Language

    public init(dossier: Dossier, result: MavtResult, facts: ExplanationFacts, language: Language = .nl) {
        self.dossier = dossier
        self.result = result
        self.facts = facts
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func option(_ i: Int) -> String { dossier.options[i].name }
    private func pct(_ x: Double) -> String { NumberText.compact(x * 100, decimals: 0, language: language) + "%" }
    /// Points with one decimal below 10 (+1,3), whole above (+17).
    private func points(_ x: Double) -> String { NumberText.signed(x, decimals: abs(x) < 9.95 ? 1 : 0, language: language) }
    private var setName: String { result.weightSets[facts.weightSet].name }

    /// A criterion's name as it reads inside a sentence: "Betaalbaarheid" becomes "betaalbaarheid"
    /// (abbreviations such as "WOZ-waarde" stay as they are).
    func criterion(_ id: String) -> String {
        let name = dossier.criterion(id)?.name ?? id
        guard let first = name.first, let second = name.dropFirst().first, first.isUppercase, second.isLowercase else { return name }
        return first.lowercased() + name.dropFirst()
    }

    func list(_ items: [String]) -> String { language.list(items) }

    // MARK: - Sentences

    /// "Op basis van de weging 'Corporatie' adviseren wij het bestuur te kiezen voor A."
    public func advice() -> String {
        if facts.tiedTop.count > 1 {
            let names = list(facts.tiedTop.map(option))
            return nl
                ? "Op basis van de weging '\(setName)' staan \(names) gelijk bovenaan. Wij adviseren het bestuur de keuze tussen deze opties te maken op grond van de verhalen en de afwegingen hieronder."
                : "Under the weight set '\(setName)', \(names) share first place. We advise the board to choose between them on the stories and considerations below."
        }
        return nl
            ? "Op basis van de weging '\(setName)' adviseren wij het bestuur te kiezen voor \(option(facts.top))."
            : "Under the weight set '\(setName)', we advise the board to choose \(option(facts.top))."
    }

    /// The outcome of a weight set that is not the one the advice rests on: what stands first
    /// "volgens" it, without advising (one page, one advice).
    public func accordingTo() -> String {
        if facts.tiedTop.count > 1 {
            return nl ? "Volgens de weging '\(setName)' staan \(list(facts.tiedTop.map(option))) gelijk bovenaan." : "According to the weight set '\(setName)', \(list(facts.tiedTop.map(option))) share first place."
        }
        return nl ? "Volgens de weging '\(setName)' staat \(option(facts.top)) bovenaan." : "According to the weight set '\(setName)', \(option(facts.top)) comes first."
    }

    /// "A scoort hoger dan B vooral door x (+12 punten) en y (+8), ondanks een lagere score op z (−6)."
    public func why() -> String? {
        guard let b = facts.runnerUp, facts.tiedTop.count == 1 else { return nil }
        let pros = facts.argumentsFor.filter { $0.difference >= 0.5 }.prefix(2).enumerated().map { k, d in
            "\(criterion(d.criterion)) (\(points(d.difference))\(k == 0 ? (nl ? " punten" : " points") : ""))"
        }
        let cons = facts.argumentsAgainst.filter { $0.difference <= -0.5 }.prefix(2).map { "\(criterion($0.criterion)) (\(points($0.difference)))" }
        let a = option(facts.top)
        guard !pros.isEmpty else {
            return nl ? "\(a) en \(option(b)) liggen dicht bij elkaar; geen criterium maakt een groot verschil." : "\(a) and \(option(b)) are close; no criterion makes a large difference."
        }
        var sentence = nl ? "\(a) scoort hoger dan \(option(b)) vooral door \(list(pros))" : "\(a) scores higher than \(option(b)) mainly because of \(list(pros))"
        if !cons.isEmpty { sentence += nl ? ", ondanks een lagere score op \(list(cons))" : ", despite a lower score on \(list(cons))" }
        return sentence + "."
    }

    /// "A blijft bovenaan zolang x zwaarder weegt dan 18% (nu 25%)."
    public func flip() -> String {
        let a = option(facts.top)
        guard let f = facts.flips.first else {
            return nl
                ? "Geen enkel hoofdcriterium kan \(a) op zich van de eerste plaats halen, hoe zwaar of licht het ook weegt."
                : "No single top-level criterion can take first place from \(a), however heavy or light it weighs."
        }
        let c = criterion(f.criterion)
        if let lower = f.lower, (f.upper.map { $0 - f.weight } ?? .infinity) >= f.weight - lower {
            let other = f.newTopBelow.map(option) ?? ""
            return nl
                ? "\(a) blijft bovenaan zolang \(c) zwaarder weegt dan \(pct(lower)) (nu \(pct(f.weight))); weegt het lichter, dan komt \(other) bovenaan."
                : "\(a) stays first as long as \(c) weighs more than \(pct(lower)) (now \(pct(f.weight))); below that \(other) comes first."
        }
        let upper = f.upper!
        let other = f.newTopAbove.map(option) ?? ""
        return nl
            ? "\(a) blijft bovenaan zolang \(c) niet zwaarder weegt dan \(pct(upper)) (nu \(pct(f.weight))); weegt het zwaarder, dan komt \(other) bovenaan."
            : "\(a) stays first as long as \(c) weighs no more than \(pct(upper)) (now \(pct(f.weight))); above that \(other) comes first."
    }

    /// Agreement across weight sets and, when compared, across methods.
    public func agreement() -> [String] {
        var sentences: [String] = []
        let winners = facts.winnersPerWeightSet
        if winners.count > 1 {
            let distinct = Set(winners.map { Set($0) })
            if distinct.count == 1, let w = distinct.first, w.count == 1, let only = w.first {
                sentences.append(nl ? "In alle \(winners.count) wegingen staat \(option(only)) bovenaan." : "\(option(only)) ranks first in all \(winners.count) weight sets.")
            } else {
                var parts: [String] = []
                for i in dossier.options.indices {
                    let sets = result.weightSets.indices.filter { winners[$0].contains(i) }.map { "'\(result.weightSets[$0].name)'" }
                    guard !sets.isEmpty else { continue }
                    parts.append(nl ? "\(option(i)) bij \(list(sets))" : "\(option(i)) under \(list(sets))")
                }
                sentences.append(nl
                    ? "De wegingen verschillen: bovenaan staat \(list(parts)). Het gesprek gaat dus over wat zwaarder weegt."
                    : "The weight sets differ: first is \(list(parts)). So the conversation is about what matters more.")
            }
        }
        if !facts.winnersPerMethod.isEmpty {
            let n = facts.winnersPerMethod.count
            let agreeing = facts.winnersPerMethod.filter { $0.1 == [facts.top] }.map { MethodsText.label($0.0, language) }
            let others = facts.winnersPerMethod.filter { $0.1 != [facts.top] }
            if others.isEmpty {
                sentences.append(nl ? "Alle \(n) methoden zetten \(option(facts.top)) bovenaan." : "All \(n) methods rank \(option(facts.top)) first.")
            } else {
                var s = nl ? "\(agreeing.count) van de \(n) methoden zetten \(option(facts.top)) bovenaan" : "\(agreeing.count) of the \(n) methods rank \(option(facts.top)) first"
                let differing = others.map { m in "\(MethodsText.label(m.0, language)) (\(list(m.1.map(option))))" }
                s += nl ? "; anders kiezen \(list(differing))." : "; \(list(differing)) choose otherwise."
                sentences.append(s)
            }
        }
        return sentences
    }

    /// Missing and uncertain scores that could change the first place.
    public func uncertainties() -> [String] {
        let mattering = facts.scores.filter(\.matters)
        guard !mattering.isEmpty else {
            let any = !facts.scores.isEmpty
            return [nl
                ? (any ? "Geen ontbrekende of onzekere score kan op zich de eerste plaats veranderen." : "Alle scores zijn bekend en zonder bandbreedte.")
                : (any ? "No missing or uncertain score can change the first place on its own." : "All scores are known and without a range.")]
        }
        return mattering.map { s in
            let o = option(s.option), c = criterion(s.criterion), isTop = s.option == facts.top
            switch s.kind {
            case .missing(let reason):
                let why = reason.map { nl ? " (\($0))" : " (\($0))" } ?? ""
                return isTop
                    ? (nl ? "De score van \(o) op \(c) ontbreekt\(why); als die tegenvalt, verliest \(o) de eerste plaats." : "The score of \(o) on \(c) is missing\(why); if it turns out badly, \(o) loses first place.")
                    : (nl ? "De score van \(o) op \(c) ontbreekt\(why); als die meevalt, kan \(o) bovenaan komen." : "The score of \(o) on \(c) is missing\(why); if it turns out well, \(o) can come first.")
            case let .uncertain(low, high):
                let range = "\(low)–\(high)"
                return isTop
                    ? (nl ? "De score van \(o) op \(c) is onzeker (\(range)); aan de ongunstige kant verliest \(o) de eerste plaats." : "The score of \(o) on \(c) is uncertain (\(range)); at the unfavourable end \(o) loses first place.")
                    : (nl ? "De score van \(o) op \(c) is onzeker (\(range)); aan de gunstige kant kan \(o) bovenaan komen." : "The score of \(o) on \(c) is uncertain (\(range)); at the favourable end \(o) can come first.")
            }
        }
    }

    /// Why a story was chosen for the memo.
    public func reasons(_ story: ExplanationFacts.StoryFact) -> String {
        let n = dossier.narratives[story.narrative]
        let parts: [String] = story.reasons.map { r in
            switch r {
            case .contradictsNumber: return nl ? "spreekt het cijfer tegen" : "contradicts the number"
            case .aboutTopOption: return nl ? "gaat over de geadviseerde optie" : "is about the option advised"
            case .aboutRunnerUp: return nl ? "gaat over de tweede optie" : "is about the runner-up"
            case .aboutDecisiveCriterion:
                let c = n.criterion.map(criterion) ?? ""
                return nl ? "gaat over \(c), dat het verschil mee bepaalt" : "is about \(c), which helps decide the difference"
            }
        }
        return list(parts)
    }

    /// "Let op: …" for each story that contradicts a number that matters.
    public func tensions() -> [String] {
        facts.stories.filter(\.isTension).map { s in
            let n = dossier.narratives[s.narrative]
            let teller = n.teller ?? (nl ? "iemand" : "someone")
            let about: String
            switch (n.option.flatMap { id in dossier.options.firstIndex { $0.id == id } }, n.criterion) {
            case let (o?, c?): about = nl ? "het cijfer van \(option(o)) op \(criterion(c))" : "the number of \(option(o)) on \(criterion(c))"
            case let (o?, nil): about = nl ? "de cijfers van \(option(o))" : "the numbers of \(option(o))"
            case let (nil, c?): about = nl ? "de cijfers op \(criterion(c))" : "the numbers on \(criterion(c))"
            default: about = nl ? "de cijfers" : "the numbers"
            }
            return nl
                ? "Let op: \(teller) vertelt iets anders dan \(about). Tellen en vertellen lopen hier uiteen; bespreek beide."
                : "Note: \(teller) tells a different story than \(about). Counting and telling part ways here; discuss both."
        }
    }

    /// Every sentence, in the order a memo uses them.
    public func all() -> [String] {
        [advice()] + [why()].compactMap { $0 } + [flip()] + agreement() + uncertainties() + tensions()
    }
}
