import WikkenCore

/// Deciding with partners as text: each partner's own result first, then the lenses side by
/// side (with a sentence where they disagree), agreement with its stated thresholds, fallback
/// bargaining step by step, and the flip test.
public struct PartnerText {
    public var dossier: Dossier
    public var analysis: PartnerAnalysis
    public var language: Language

    public init(dossier: Dossier, analysis: PartnerAnalysis, language: Language = .nl) {
        self.dossier = dossier
        self.analysis = analysis
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func num(_ x: Double, _ d: Int = 1) -> String { NumberText.rounded(x, decimals: d, language: language) }
    private func option(_ i: Int) -> String { analysis.optionNames[i] }
    private func options(_ list: [Int]) -> String { language.list(list.map(option)) }
    private func partner(_ i: Int) -> String { analysis.partners[i].name }

    public static func lensName(_ lens: GroupRanking.Lens, _ language: Language) -> String {
        let nl = language == .nl
        switch lens {
        case .weightedTotal: return nl ? "Gewogen totaal (AIP)" : "Weighted total (AIP)"
        case .borda: return "Borda"
        case .copeland: return "Copeland"
        case .medianRank: return nl ? "Mediaanrang" : "Median rank"
        }
    }

    public func render() -> String {
        var lines = [(nl ? "Afwegen met partners — " : "Deciding with partners — ") + dossier.title, ""]
        let g = analysis.group
        let weights = g.weights.map { NumberText.percent($0, language: language) }
        let equal = g.equalWeights

        lines.append(nl ? "1. Ieder zijn eigen uitkomst" : "1. Each partner's own result")
        for partner in analysis.partners {
            let order = partner.ranks.indices.sorted { (partner.ranks[$0], $0) < (partner.ranks[$1], $1) }
            let via = partner.weightSets.count > 1
                ? (nl ? " (delegatie van \(partner.weightSets.count) wegingen, samengevoegd met AIJ)" : " (delegation of \(partner.weightSets.count) weight sets, combined by AIJ)")
                : ""
            let own = dossier.criteria.filter { $0.owner == partner.id }.map(\.name)
            let extra = own.isEmpty ? "" : nl ? " (met eigen criterium \(language.list(own)), dat alleen hier telt)" : " (with own criterion \(language.list(own)), counted only here)"
            lines.append("   \(partner.name)\(via)\(extra): " + order.map { "\(partner.ranks[$0]). \(option($0)) \(num(partner.totals[$0]))" }.joined(separator: " · "))
        }
        if !analysis.withoutWeights.isEmpty {
            let names = analysis.withoutWeights.map { id in dossier.decisionMakers.first { $0.id == id }?.name ?? id }
            lines.append(nl ? "   Zonder eigen weging, dus niet meegeteld: \(language.list(names))."
                            : "   Without a weight set of their own, so not counted: \(language.list(names)).")
        }
        lines.append("")

        lines.append(nl ? "2. Samen bekeken, door vier lenzen" : "2. Combined, through four lenses")
        lines.append(nl ? "   Gewicht per partner: " + (equal ? "gelijk (elke partner telt even zwaar, los van het aantal mensen)" : zip(analysis.partners, weights).map { "\($0.name) \($1)" }.joined(separator: ", "))
                        : "   Weight per partner: " + (equal ? "equal (each partner counts the same, whatever its number of people)" : zip(analysis.partners, weights).map { "\($0.name) \($1)" }.joined(separator: ", ")))
        for lens in GroupRanking.Lens.allCases {
            let s = g.scores(lens)
            let order = s.indices.sorted { lens.higherIsBetter ? (s[$0], -$0) > (s[$1], -$1) : (s[$0], $0) < (s[$1], $1) }
            lines.append("   \(Self.lensName(lens, language)): " + order.map { "\(option($0)) \(num(s[$0], lens == .copeland ? 0 : 1))" }.joined(separator: " · "))
        }
        lines += lensVerdict().map { "   " + $0 }
        lines.append("")

        lines.append(nl ? "3. Overeenstemming" : "3. Agreement")
        lines.append("   " + agreement())
        for pair in analysis.pairs {
            let tau = pair.tau.map { num($0, 2) } ?? (nl ? "niet te bepalen" : "undefined")
            lines.append("   \(partner(pair.a)) – \(partner(pair.b)): τ = \(tau)")
        }
        let leafNames = analysis.leafIDs.map { dossier.criterion($0)?.name ?? $0 }
        if let widest = analysis.weightSpread.indices.max(by: { analysis.weightSpread[$0].range < analysis.weightSpread[$1].range }) {
            let s = analysis.weightSpread[widest]
            lines.append(nl ? "   De gewichten liggen het verst uiteen bij \(leafNames[widest]): van \(NumberText.percent(s.lowest, language: language)) tot \(NumberText.percent(s.highest, language: language))."
                            : "   Weights lie furthest apart on \(leafNames[widest]): from \(NumberText.percent(s.lowest, language: language)) to \(NumberText.percent(s.highest, language: language)).")
        }
        lines.append("")

        lines.append(nl ? "4. Waar iedereen mee kan leven (terugvalonderhandeling, Brams & Kilgour 2001)" : "4. What everyone can live with (fallback bargaining, Brams & Kilgour 2001)")
        for step in analysis.fallback.steps {
            let sets = step.acceptable.enumerated().map { "\(partner($0.offset)) {\($0.element.map(option).joined(separator: "; "))}" }.joined(separator: ", ")
            let common = step.common.isEmpty ? (nl ? "nog niets gemeenschappelijk" : "nothing in common yet") : (nl ? "gemeenschappelijk: " : "in common: ") + options(step.common)
            lines.append(nl ? "   Stap \(step.depth): \(sets) — \(common)" : "   Step \(step.depth): \(sets) — \(common)")
        }
        lines.append("   " + fallbackOutcome())
        lines += dissent().map { "   " + $0 }
        lines.append("")

        lines.append(nl ? "5. Wat de keuze omdraait" : "5. What flips the choice")
        lines += firstFor().map { "   " + $0 }
        lines.append("   " + flip())
        lines.append("   " + criterionFlip())
        return lines.joined(separator: "\n") + "\n"
    }

    /// Kendall's W with its label and thresholds, as one sentence.
    public func agreement() -> String {
        if let w = analysis.kendallW, let level = analysis.level {
            return nl ? "Kendalls W = \(num(w, 2)): \(level.dutch) (drempels: vanaf 0,7 hoog, vanaf 0,5 matig, daaronder laag; Schmidt 1997)."
                      : "Kendall's W = \(num(w, 2)): \(Self.englishLevel(level)) (thresholds: from 0.7 high, from 0.5 moderate, below low; Schmidt 1997)."
        }
        return nl ? "Kendalls W is niet te bepalen: elke partner zet alle opties gelijk." : "Kendall's W is undefined: every partner ties all options."
    }

    /// The Condorcet winner (or its absence) and whether the lenses agree on first place.
    public func lensVerdict() -> [String] {
        let g = analysis.group
        var lines: [String] = []
        if let c = g.condorcetWinner {
            lines.append(nl ? "\(option(c)) wint van elke andere optie als je de partners paarsgewijs laat kiezen (Condorcetwinnaar)."
                            : "\(option(c)) beats every other option when the partners choose pair by pair (Condorcet winner).")
        } else {
            lines.append(nl ? "Geen optie wint van alle andere in paarsgewijze keuzes (geen Condorcetwinnaar)."
                            : "No option beats all others pair by pair (no Condorcet winner).")
        }
        if let disputed = g.disputedFirst {
            let firsts = GroupRanking.Lens.allCases.map { "\(Self.lensName($0, language)): \(options(g.first($0)))" }.joined(separator: "; ")
            lines.append(nl ? "Let op: de lenzen zijn het niet eens over de eerste plaats (\(firsts)). Het gesprek gaat over \(options(disputed))."
                            : "Note: the lenses disagree on first place (\(firsts)). The discussion is about \(options(disputed)).")
        } else {
            lines.append(nl ? "Alle lenzen zetten \(options(g.first(.weightedTotal))) eerst." : "Every lens puts \(options(g.first(.weightedTotal))) first.")
        }
        return lines
    }

    /// What fallback bargaining ends with, and at which depth.
    public func fallbackOutcome() -> String {
        let outcome = analysis.fallback.outcome
        guard let depth = analysis.fallback.steps.last?.depth, !outcome.isEmpty else {
            return nl ? "Door de bezwaren is er geen optie waar iedereen mee kan leven." : "Because of the objections no option is acceptable to everyone."
        }
        if depth == 1 {
            return nl ? "Iedere partner zet \(options(outcome)) zelf al eerst." : "Every partner already puts \(options(outcome)) first."
        }
        return nl ? "Als iedere partner \(depth - 1) plaats\(depth == 2 ? "" : "en") toegeeft, kan iedereen leven met \(options(outcome))."
                  : "When every partner gives way \(depth - 1) place\(depth == 2 ? "" : "s"), everyone can live with \(options(outcome))."
    }

    /// The dissent register: every objection with its reason, and the options nobody objects to.
    public func dissent() -> [String] {
        guard !analysis.objections.isEmpty else { return [] }
        var lines = analysis.objections.map { o in
            let reason = o.reason.map { ": \($0)" } ?? (nl ? " (zonder reden, alleen voor deze berekening)" : " (no reason, for this run only)")
            return nl ? "Bezwaar van \(partner(o.partner)) tegen \(option(o.option))\(reason)" : "Objection of \(partner(o.partner)) to \(option(o.option))\(reason)"
        }
        let free = analysis.unobjected
        lines.append(free.isEmpty
            ? (nl ? "Tegen elke optie heeft minstens één partner bezwaar." : "Every option has at least one objection.")
            : (nl ? "Niemand heeft bezwaar tegen \(options(free))." : "Nobody objects to \(options(free))."))
        return lines
    }

    /// Per option, the partners whose own result puts it first.
    public func firstFor() -> [String] {
        analysis.optionIDs.indices.compactMap { i in
            let who = analysis.group.partnersPreferring(i)
            guard !who.isEmpty else { return nil }
            return nl ? "\(option(i)) staat eerst bij \(language.list(who.map(partner)))." : "\(option(i)) comes first for \(language.list(who.map(partner)))."
        }
    }

    /// The smallest shift of partner weight that changes the combined first place.
    public func flip() -> String {
        let g = analysis.group
        if let f = g.flip {
            return nl ? "Weegt \(partner(f.partner)) zwaarder, van \(NumberText.percent(g.weights[f.partner], language: language)) naar \(NumberText.percent(f.partnerWeight, language: language)), dan komt \(option(f.challenger)) gelijk met \(options(g.first(.weightedTotal))) in het gewogen totaal."
                      : "If \(partner(f.partner)) weighs more, from \(NumberText.percent(g.weights[f.partner], language: language)) to \(NumberText.percent(f.partnerWeight, language: language)), \(option(f.challenger)) ties with \(options(g.first(.weightedTotal))) in the weighted total."
        }
        return nl ? "Geen verschuiving van gewicht tussen partners verandert de eerste plaats van het gewogen totaal."
                  : "No shift of weight between partners changes the weighted total's first place."
    }

    /// The smallest change of one criterion's combined weight that ties the first two.
    public func criterionFlip() -> String {
        guard let f = analysis.criterionFlip else {
            return nl ? "Geen verandering van het gewicht van één criterium in de gezamenlijke weging maakt de eerste twee gelijk."
                      : "No change of one criterion's weight in the combined weighing ties the first two."
        }
        let name = dossier.criterion(f.criterion)?.name ?? f.criterion
        let now = NumberText.percent(f.weight, language: language), at = NumberText.percent(f.tiesAt, language: language)
        return nl ? "Samen wegen de partners \(name.lowercased()) voor \(now); bij \(at) komt \(option(f.challenger)) gelijk met \(option(f.first)) (de kleinste verandering van één gewicht die dat doet; de andere gewichten schuiven naar verhouding mee)."
                  : "Together the partners weigh \(name.lowercased()) at \(now); at \(at) \(option(f.challenger)) ties with \(option(f.first)) (the smallest change of one weight that does so; the other weights follow in proportion)."
    }

    static func englishLevel(_ level: Agreement.Level) -> String {
        switch level {
        case .high: return "high agreement"
        case .moderate: return "moderate agreement"
        case .low: return "low agreement"
        }
    }
}

/// Deciding with partners for scripts: the same facts as ``PartnerText``, with the conventions.
public enum PartnerJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var options: [String]
        public var partners: [Partner]
        public var withoutWeights: [String]
        public var withoutOwner: [String]
        public var partnerWeights: [String: Double]
        public var lenses: [String: [Double]]
        public var first: [String: [String]]
        public var condorcetWinner: String?
        public var disputedFirst: [String]?
        public var kendallW: Double?
        public var agreement: String?
        public var pairs: [Pair]
        public var fallback: [Step]
        public var fallbackOutcome: [String]
        public var flip: Flip?
        public var criterionFlip: CriterionFlip?
        public var combinedWeights: [String: Double]
        public var objections: [ObjectionEntry]
        public var unobjected: [String]
        public var conventions: [String: String]
    }

    public struct Partner: Codable, Equatable {
        public var id: String
        public var name: String
        public var weightSets: [String]
        public var totals: [Double]
        public var ranks: [Int]
    }

    public struct Pair: Codable, Equatable {
        public var a: String
        public var b: String
        public var kendallTau: Double?
    }

    public struct Step: Codable, Equatable {
        public var depth: Int
        public var acceptable: [String: [String]]
        public var common: [String]
    }

    public struct ObjectionEntry: Codable, Equatable {
        public var partner: String
        public var option: String
        public var reason: String?
    }

    public struct CriterionFlip: Codable, Equatable {
        public var criterion: String
        public var weight: Double
        public var tiesAt: Double
        public var first: String
        public var challenger: String
    }

    public struct Flip: Codable, Equatable {
        public var partner: String
        public var challenger: String
        public var partnerWeight: Double
    }

    public static let conventions: [String: String] = [
        "partner": "a decision maker (besluitvormers) that owns at least one weight set (eigenaar); several sets form a delegation, combined by AIJ: geometric mean of each leaf's global weight, renormalised",
        "gewogen-totaal": "AIP: Σ w_p · total_p over partners, partner weights normalised to 1, equal by default",
        "borda": "Σ w_p · (n − average rank_p), ties share their ranks",
        "copeland": "pairwise wins − losses, a win when the partners preferring an option weigh more",
        "mediaanrang": "weighted median of the ranks (lower is better); exactly half averages with the next rank",
        "kendallW": "12·S / (m²(n³ − n) − m·Σ(t³ − t)), average ranks for ties; labels: ≥ 0.7 hoog, ≥ 0.5 matig, else laag (Schmidt 1997)",
        "objections": "the dossier's positions (standpunten) marked bezwaar, each with its reason, plus --bezwaar for one run; an objection keeps the option out of that partner's acceptable set",
        "fallback": "Brams & Kilgour (2001): every partner adds its next place at each depth (ties together), objections never acceptable; the outcome is what all accept first",
        "criterionFlip": "one criterion's combined global weight set to x, the other leaves rescaled in proportion (as in wikken gevoeligheid); the x nearest to now at which the weighted total's first two tie",
        "combinedWeights": "per leaf Σ w_p · W_p,leaf over the partners; a partner's own criteria (eigenaar, MAMCA) weigh only in its own weight sets",
        "flip": "weight moved towards one partner, w(t) = (1 − t)·w + t·e_p; the smallest t at which another option ties for first in the weighted total",
    ]

    public static func document(_ dossier: Dossier, _ a: PartnerAnalysis) -> Document {
        let g = a.group
        let ids = a.optionIDs
        let pid = a.partners.map(\.id)
        return Document(
            dossier: dossier.id, options: ids,
            partners: a.partners.map { Partner(id: $0.id, name: $0.name, weightSets: $0.weightSets, totals: $0.totals, ranks: $0.ranks) },
            withoutWeights: a.withoutWeights, withoutOwner: a.withoutOwner,
            partnerWeights: Dictionary(uniqueKeysWithValues: zip(pid, g.weights)),
            lenses: Dictionary(uniqueKeysWithValues: GroupRanking.Lens.allCases.map { ($0.rawValue, g.scores($0)) }),
            first: Dictionary(uniqueKeysWithValues: GroupRanking.Lens.allCases.map { ($0.rawValue, g.first($0).map { ids[$0] }) }),
            condorcetWinner: g.condorcetWinner.map { ids[$0] }, disputedFirst: g.disputedFirst?.map { ids[$0] },
            kendallW: a.kendallW, agreement: a.level?.rawValue,
            pairs: a.pairs.map { Pair(a: pid[$0.a], b: pid[$0.b], kendallTau: $0.tau) },
            fallback: a.fallback.steps.map { s in
                Step(depth: s.depth, acceptable: Dictionary(uniqueKeysWithValues: zip(pid, s.acceptable.map { $0.map { ids[$0] } })), common: s.common.map { ids[$0] })
            },
            fallbackOutcome: a.fallback.outcome.map { ids[$0] },
            flip: g.flip.map { Flip(partner: pid[$0.partner], challenger: ids[$0.challenger], partnerWeight: $0.partnerWeight) },
            criterionFlip: a.criterionFlip.map { CriterionFlip(criterion: $0.criterion, weight: $0.weight, tiesAt: $0.tiesAt, first: ids[$0.first], challenger: ids[$0.challenger]) },
            combinedWeights: Dictionary(uniqueKeysWithValues: zip(a.leafIDs, a.combinedLeafWeights)),
            objections: a.objections.map { ObjectionEntry(partner: pid[$0.partner], option: ids[$0.option], reason: $0.reason) },
            unobjected: a.unobjected.map { ids[$0] },
            conventions: conventions)
    }
}
