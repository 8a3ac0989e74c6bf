import WikkenCore

/// The text facet of a signal: its reasons in plain Dutch (or English), each with the number and
/// the threshold it was compared with, formatted when asked for (a whole country's signal need not
/// be spelled out). The signal itself holds only numbers and kinds.
extension AreaSignal {
    /// The reasons in Dutch, as pages, reports and the API show them.
    public var why: [String] { why(in: .nl) }

    public func why(in language: Language) -> [String] {
        let nl = language == .nl
        func f(_ x: Double) -> String { NumberText.rounded(x, decimals: 2, language: language) }
        let t = thresholds
        var lines = notes.map { $0.text(in: language) }
        if let v = vulnerability {
            lines.append(nl ? "Concentratie kwetsbare huishoudens \(f(v)) (drempel \(f(t.vulnerabilityLevel))): \(v >= t.vulnerabilityLevel ? "hoog" : "niet hoog")."
                            : "Concentration of vulnerable households \(f(v)) (threshold \(f(t.vulnerabilityLevel))): \(v >= t.vulnerabilityLevel ? "high" : "not high").")
        }
        if let n = nuisance {
            let basis = relative ? (nl ? "ten opzichte van het gemiddelde van de gemeente" : "relative to the municipality's mean")
                : (nl ? "Leefbaarometer onv \(f(-n)), ten opzichte van het land" : "Leefbaarometer onv \(f(-n)), relative to the country")
            lines.append(nl ? "Overlast en onveiligheid \(f(n)) (\(basis); drempel \(f(t.nuisanceLevel))): \(n >= t.nuisanceLevel ? "veel" : "niet veel")."
                            : "Nuisance and insecurity \(f(n)) (\(basis); threshold \(f(t.nuisanceLevel))): \(n >= t.nuisanceLevel ? "much" : "not much").")
        }
        if let dv = vulnerabilityChange {
            lines.append(nl ? "Concentratie \(dv >= 0 ? "steeg" : "daalde") met \(f(abs(dv))) (drempel \(f(t.vulnerabilityRise)))."
                            : "Concentration \(dv >= 0 ? "rose" : "fell") by \(f(abs(dv))) (threshold \(f(t.vulnerabilityRise))).")
        }
        if let dn = nuisanceChange {
            lines.append(nl ? "Overlast \(dn >= 0 ? "steeg" : "daalde") met \(f(abs(dn))) (drempel \(f(t.nuisanceRise)))."
                            : "Nuisance \(dn >= 0 ? "rose" : "fell") by \(f(abs(dn))) (threshold \(f(t.nuisanceRise))).")
        }
        lines.append(nl ? "Band ‘\(band.rawValue)’: \(band.explanation)." : "Band ‘\(band.rawValue)’: \(band.explanation).")
        return lines
    }
}

extension AreaSignal.Note {
    public func text(in language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .boundariesChanged:
            return nl ? "Ontwikkeling onbekend: de grenzen van dit gebied zijn veranderd (ind_wbi 3), dus de jaren zijn niet te vergelijken."
                : "Development unknown: this area's boundaries changed (ind_wbi 3), so the years cannot be compared."
        case .vulnerabilityChangeUnknown(let reason):
            return nl ? "Ontwikkeling van de concentratie onbekend: een van beide jaren heeft geen score (\(reason ?? "cijfers ontbreken"))."
                : "Development of the concentration unknown: one of the two years has no score (\(reason ?? "figures missing"))."
        case .nuisanceChangeUnknown:
            return nl ? "Ontwikkeling van de overlast onbekend: geen Leefbaarometer-score in een van beide jaren."
                : "Development of nuisance unknown: no Leefbaarometer score in one of the two years."
        case .notInYear(let year):
            return nl ? "Ontwikkeling onbekend: het gebied staat niet in \(year)." : "Development unknown: the area is not in \(year)."
        case .oneYearOnly:
            return nl ? "Ontwikkeling onbekend: er is maar één jaar geladen." : "Development unknown: only one year is loaded."
        case .vulnerabilityUnknown(let flags):
            return nl ? "Concentratie onbekend: \(flags.joined(separator: "; "))." : "Concentration unknown: \(flags.joined(separator: "; "))."
        case .nuisanceUnknown:
            return nl ? "Overlast en onveiligheid onbekend: geen Leefbaarometer-score." : "Nuisance and insecurity unknown: no Leefbaarometer score."
        }
    }
}
