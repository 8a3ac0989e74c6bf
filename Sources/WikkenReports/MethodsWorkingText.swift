import WikkenCore

/// The working of TOPSIS, PROMETHEE and VIKOR as readable tables (`wikken methoden --werking`),
/// so that a worked example can be followed step by step; the same numbers as `--json`'s `working`.
extension MethodsText {
    public func renderWorking() -> String {
        var lines: [String] = []
        for c in comparisons { lines += working(c) + [""] }
        return lines.joined(separator: "\n") + "\n"
    }

    func working(_ c: MethodComparison) -> [String] {
        let nl = language == .nl
        let m = c.matrix, n = m.optionCount, k = m.criterionCount
        func num(_ x: Double) -> String { NumberText.rounded(x, decimals: 4, language: language) }
        func name(_ i: Int) -> String { clip(dossier.options[i].name, 28) }
        let criteria = m.criteria.map { clip(dossier.criterion($0)?.name ?? $0, 14) }
        let setName = dossier.weightSet(c.weightSet)?.name ?? c.weightSet
        let numeric = Set(1...(k + 3))
        var lines = ["", (nl ? "Werking per methode — weging " : "Working per method — weight set ") + setName, ""]

        let t = Topsis.working(m)
        lines.append(nl ? "TOPSIS: gewogen genormaliseerde waarden v = w · x / √(Σ x²), afstand tot ideaal (D+) en anti-ideaal (D−), C = D− / (D+ + D−)"
                        : "TOPSIS: weighted normalised values v = w · x / √(Σ x²), distance to ideal (D+) and anti-ideal (D−), C = D− / (D+ + D−)")
        var rows = (0..<n).map { i in [name(i)] + (0..<k).map { num(t.weighted[i * k + $0]) } + [num(t.distanceToIdeal[i]), num(t.distanceToAntiIdeal[i]), num(t.closeness[i])] }
        rows.append([nl ? "ideaal" : "ideal"] + t.ideal.map(num) + ["", "", ""])
        rows.append([nl ? "anti-ideaal" : "anti-ideal"] + t.antiIdeal.map(num) + ["", "", ""])
        lines += table(header: [nl ? "Optie" : "Option"] + criteria + ["D+", "D−", "C"], rows: rows, rightAligned: numeric).map { "  " + $0 }
        lines.append("")

        let p = MethodsJSON.prometheeWorking(m)
        lines.append(nl ? "PROMETHEE: netto stroom per criterium φ_j, samen gewogen φ = Σ w_j φ_j; φ+ en φ− over alle criteria"
                        : "PROMETHEE: net flow per criterion φ_j, weighted together φ = Σ w_j φ_j; φ+ and φ− over all criteria")
        let flows = (0..<n).map { i in [name(i)] + (0..<k).map { num(p.criterionNetFlows[i * k + $0]) } + [num(p.positive[i]), num(p.negative[i]), num(p.net[i])] }
        lines += table(header: [nl ? "Optie" : "Option"] + criteria + ["φ+", "φ−", "φ"], rows: flows, rightAligned: numeric).map { "  " + $0 }
        lines.append("")

        let v = Vikor.bounds(m), r = c.vikor
        lines.append(nl ? "VIKOR (v = \(num(r.v))): beste f* en slechtste f^ per criterium; S (groepsnut), R (grootste spijt), Q (lager is beter)"
                        : "VIKOR (v = \(num(r.v))): best f* and worst f^ per criterion; S (group utility), R (largest regret), Q (lower is better)")
        lines += table(header: ["", "f*", "f^"], rows: (0..<k).map { [criteria[$0], num(v.best[$0]), num(v.worst[$0])] }, rightAligned: [1, 2]).map { "  " + $0 }
        lines += table(header: [nl ? "Optie" : "Option", "S", "R", "Q"], rows: (0..<n).map { [name($0), num(r.s[$0]), num(r.r[$0]), num(r.q[$0])] }, rightAligned: [1, 2, 3]).map { "  " + $0 }
        lines.append("  " + (nl ? "C1 voldoende voorsprong (Q(A2) − Q(A1) ≥ DQ = \(num(v.dq))): \(r.acceptableAdvantage ? "ja" : "nee"); C2 stabiel (A1 ook beste op S of R): \(r.acceptableStability ? "ja" : "nee")."
                                : "C1 acceptable advantage (Q(A2) − Q(A1) ≥ DQ = \(num(v.dq))): \(r.acceptableAdvantage ? "yes" : "no"); C2 acceptable stability (A1 also best by S or R): \(r.acceptableStability ? "yes" : "no")."))
        lines.append("  " + (nl ? "Compromis: " : "Compromise: ") + r.compromise.map { dossier.options[$0].name }.joined(separator: ", "))
        return lines
    }
}
