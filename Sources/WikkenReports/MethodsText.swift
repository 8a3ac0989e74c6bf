import WikkenCore

/// All methods side by side for one or more weight sets: the rank (and score) per method, how much
/// the rankings agree, PROMETHEE I's incomparabilities, VIKOR's compromise, and each method's
/// conventions.
public struct MethodsText {
    public var dossier: Dossier
    public var comparisons: [MethodComparison]
    public var language: Language

    public init(dossier: Dossier, comparisons: [MethodComparison], language: Language = .nl) {
        self.dossier = dossier
        self.comparisons = comparisons
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func num(_ x: Double, _ d: Int) -> String { NumberText.rounded(x, decimals: d, language: language) }
    private func optionName(_ i: Int) -> String { dossier.options[i].name }

    public static func label(_ m: MethodComparison.Method, _ language: Language) -> String {
        switch m {
        case .mavt: return "MAVT"
        case .ahpDistributive: return language == .nl ? "AHP verdelend" : "AHP distributive"
        case .ahpIdeal: return language == .nl ? "AHP ideaal" : "AHP ideal"
        case .prometheeII: return "PROMETHEE II"
        case .topsis: return "TOPSIS"
        case .vikor: return "VIKOR"
        }
    }

    private func score(_ m: MethodComparison.Method, _ x: Double) -> String {
        switch m {
        case .mavt: return num(x, 1)
        case .prometheeII: return NumberText.signed(x, decimals: 3, language: language)
        default: return num(x, 3)
        }
    }

    public func render() -> String {
        var lines = [(nl ? "Methoden vergeleken — " : "Methods compared — ") + dossier.title, ""]
        for c in comparisons {
            lines += section(c)
            lines.append("")
        }
        lines += conventions()
        return lines.joined(separator: "\n") + "\n"
    }

    func section(_ c: MethodComparison) -> [String] {
        let set = dossier.weightSet(c.weightSet)!
        let title = (nl ? "Weging: " : "Weight set: ") + set.name
        var lines = [title, String(repeating: "-", count: min(72, title.count))]
        let width = min(40, max(12, dossier.options.map(\.name.count).max() ?? 12))
        let ranks = c.entries.map { e -> [Int] in
            var r = Array(repeating: 0, count: dossier.options.count)
            for entry in e.ranking { r[entry.option] = entry.rank }
            return r
        }
        let header = [nl ? "Optie" : "Option"] + c.entries.map { Self.label($0.method, language) }
        let rows = dossier.options.indices.map { i in
            [clip(optionName(i), width)] + c.entries.indices.map { e in "\(ranks[e][i]) (\(score(c.entries[e].method, c.entries[e].scores[i])))" }
        }
        lines += table(header: header, rows: rows, rightAligned: Set(1..<header.count)).map { "  " + $0 }
        lines.append("  " + (nl
            ? "Per methode: plaats (score). Scores: MAVT 0–100, AHP prioriteit, PROMETHEE netto stroom, TOPSIS nabijheid 0–1, VIKOR Q (lager is beter)."
            : "Per method: rank (score). Scores: MAVT 0–100, AHP priority, PROMETHEE net flow, TOPSIS closeness 0–1, VIKOR Q (lower is better)."))

        lines.append("")
        lines += agreement(c).map { "  " + $0 }
        return lines
    }

    func agreement(_ c: MethodComparison) -> [String] {
        var lines: [String] = []
        let winners = c.entries.map { e in (e.method, e.ranking.filter { $0.rank == 1 }.map(\.option)) }
        let distinct = Set(winners.map { Set($0.1) })
        if distinct.count == 1, let w = distinct.first, w.count == 1, let only = w.first {
            lines.append(nl ? "Alle methoden zetten \(optionName(only)) bovenaan." : "Every method ranks \(optionName(only)) first.")
        } else {
            for option in dossier.options.indices {
                let methods = winners.filter { $0.1.contains(option) }.map { Self.label($0.0, language) }
                guard !methods.isEmpty else { continue }
                lines.append(nl ? "\(optionName(option)) staat bovenaan bij \(join(methods))." : "\(optionName(option)) ranks first with \(join(methods)).")
            }
        }
        let pairs = c.entries.indices.flatMap { a in ((a + 1)..<c.entries.count).map { (a, $0) } }
        let rhos = pairs.compactMap { c.spearman[$0.0][$0.1].map { ($0, $0) } }.map(\.0)
        if let lowest = rhos.min(), let (a, b) = pairs.first(where: { c.spearman[$0.0][$0.1] == lowest }) {
            let verdict: String
            switch lowest {
            case 0.9...: verdict = nl ? "De rangordes zijn bijna gelijk" : "The rankings are nearly the same"
            case 0.7..<0.9: verdict = nl ? "De rangordes lijken sterk op elkaar" : "The rankings are much alike"
            case 0.4..<0.7: verdict = nl ? "De rangordes verschillen merkbaar" : "The rankings differ noticeably"
            default: verdict = nl ? "De rangordes verschillen sterk: de keuze van de methode doet ertoe" : "The rankings differ strongly: the choice of method matters"
            }
            lines.append(nl
                ? "\(verdict) (laagste Spearman ρ = \(num(lowest, 2)), tussen \(Self.label(c.entries[a].method, language)) en \(Self.label(c.entries[b].method, language))). Wat betekent ρ? Het meet hoe gelijk twee rangordes zijn: 1 is dezelfde volgorde, 0 is geen verband, −1 de omgekeerde."
                : "\(verdict) (lowest Spearman ρ = \(num(lowest, 2)), between \(Self.label(c.entries[a].method, language)) and \(Self.label(c.entries[b].method, language))). What does ρ mean? It measures how alike two rankings are: 1 is the same order, 0 no relation, −1 the reverse.")
        }
        // PROMETHEE I
        let best = c.promethee.partialOrderBest
        if best.count > 1 {
            lines.append(nl
                ? "PROMETHEE I kan \(join(best.map(optionName))) niet rangschikken: elk is op een ander punt sterker."
                : "PROMETHEE I cannot order \(join(best.map(optionName))): each is stronger on a different point.")
        } else if let b = best.first {
            lines.append(nl ? "PROMETHEE I: \(optionName(b)) wordt door geen andere optie overtroffen." : "PROMETHEE I: no other option outranks \(optionName(b)).")
        }
        // VIKOR compromise
        let v = c.vikor
        let names = join(v.compromise.map(optionName))
        if v.compromise.count == 1 {
            lines.append(nl ? "VIKOR-compromis: \(names) (voldoende voorsprong en stabiel)." : "VIKOR compromise: \(names) (acceptable advantage and stability).")
        } else if !v.acceptableAdvantage {
            lines.append(nl ? "VIKOR-compromis: \(names); de voorsprong van de eerste is te klein (minder dan \(num(1 / Double(max(1, dossier.options.count - 1)), 2)))." : "VIKOR compromise: \(names); the first's advantage is too small (below \(num(1 / Double(max(1, dossier.options.count - 1)), 2))).")
        } else {
            lines.append(nl ? "VIKOR-compromis: \(names); de eerste is niet ook de beste op S of R." : "VIKOR compromise: \(names); the first is not also best by S or R.")
        }
        return lines
    }

    func conventions() -> [String] {
        var lines = [nl ? "Werkwijze" : "Method", "---------"]
        let v = comparisons.first?.vikor.v ?? 0.5
        if nl {
            lines += [
                "  - MAVT: waarden 0–100 per criterium, gewogen som (zie 'wikken analyseer').",
                "  - AHP: de waarden 0–100 gelden als verhoudingsschaal; verdelend deelt per criterium door de som, ideaal door de beste.",
                "  - PROMETHEE II: netto stroom φ = φ+ − φ−, gedeeld door (aantal opties − 1); PROMETHEE I vergelijkt φ+ en φ− apart.",
                "  - PROMETHEE: een verschil dat op een miljardste na (10⁻⁹, relatief) gelijk is aan een drempel, telt als die drempel (7,5 − 7,2 is precies 0,3).",
                "  - TOPSIS: vectornormalisatie, Euclidische afstand tot het ideaal en het anti-ideaal.",
                "  - VIKOR: v = \(num(v, 2)); compromis met de voorwaarden voorsprong (DQ = 1/(n − 1)) en stabiliteit.",
                "  - Numerieke criteria met een lineaire waardefunctie tellen mee met hun meetwaarde; kwalitatieve en stuksgewijze met hun waarde 0–100.",
            ]
        } else {
            lines += [
                "  - MAVT: values 0–100 per criterion, weighted sum (see 'wikken analyse').",
                "  - AHP: the values 0–100 are read as a ratio scale; distributive divides by the sum per criterion, ideal by the best.",
                "  - PROMETHEE II: net flow φ = φ+ − φ−, divided by (number of options − 1); PROMETHEE I compares φ+ and φ− separately.",
                "  - PROMETHEE: a difference within a billionth (10⁻⁹, relative) of a threshold counts as that threshold (7.5 − 7.2 is exactly 0.3).",
                "  - TOPSIS: vector normalisation, Euclidean distance to the ideal and the anti-ideal.",
                "  - VIKOR: v = \(num(v, 2)); compromise with the conditions advantage (DQ = 1/(n − 1)) and stability.",
                "  - Numeric criteria with a linear value function count with their measurement; qualitative and piecewise ones with their value 0–100.",
            ]
        }
        let leaves = dossier.leafCriteria
        let described = leaves.map { leaf -> String in
            let f = leaf.preference ?? .usual
            let t = f.thresholds.map { "\($0.0) = \(NumberText.compact($0.1, language: language))" }.joined(separator: ", ")
            return "\(leaf.name): \(f.fileName)" + (t.isEmpty ? "" : " (\(t))")
        }
        lines.append((nl ? "  - Voorkeursfuncties PROMETHEE: " : "  - PROMETHEE preference functions: ") + described.joined(separator: "; ") + ".")
        return lines
    }

    private func join(_ items: [String]) -> String { language.list(items) }
}
