import Veerkracht
import WikkenCore

/// The veerkracht signal as a report in the memo's form (self-contained HTML or Markdown): a
/// summary, the scatter of the two axes with its summary sentence and data table, why each buurt
/// with a signal got its band, and every choice and assumption.
public enum VeerkrachtReport {
    /// The two axes as a scatter: one marker per area that has both numbers, shaped and coloured
    /// by band, with the thresholds as dashed lines (the report and the web page).
    public static func scatter(title: String, summary: String, signals: [AreaSignal], thresholds t: SignalThresholds, xLabel: String) -> String {
        let bands = Band.allCases
        return ScatterChart.svg(id: "veerkracht", title: title, summary: summary,
                                points: signals.compactMap { s in
                                    guard let x = s.vulnerability, let y = s.nuisance else { return nil }
                                    return .init(x: x, y: y, label: "\(s.name): \(s.band.rawValue)", group: bands.firstIndex(of: s.band)!)
                                },
                                groups: bands.map(\.rawValue), xLabel: xLabel, yLabel: "Overlast en onveiligheid (−onv)",
                                xThreshold: t.vulnerabilityLevel, yThreshold: t.nuisanceLevel)
    }

    public static func memo(place: String, year: Int, previousYear: Int?, signals: [AreaSignal], spec: CompositeSpec, thresholds t: SignalThresholds,
                            notes: [String], warnings: [String] = [], date: String) -> Memo {
        func n(_ x: Double?) -> String { x.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? "onbekend" }
        let sorted = signals.mostPressingFirst
        let counts = Band.allCases.map { b in (b, signals.filter { $0.band == b }.count) }.filter { $0.1 > 0 }
        let flagged = sorted.filter { $0.band == .onderDruk || $0.band == .kwetsbaar }
        var summary: [Memo.Block] = [
            .paragraph(counted(signals.count, "buurt", "buurten") + ": " + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + "."
                       + (previousYear.map { " Ontwikkeling sinds \($0)." } ?? " Er is één jaar geladen; de ontwikkeling is dus onbekend en ‘onder druk’ kan niet voorkomen.")),
        ] + warnings.map { .paragraph($0) }
        if !flagged.isEmpty {
            summary.append(.paragraph("Buurten waar de veerkracht onder druk staat of die kwetsbaar zijn:"))
            summary.append(.list(flagged.map { "\($0.name) (\($0.code.text)): \($0.band.rawValue), concentratie \(n($0.vulnerability)), overlast \(n($0.nuisance))" }))
        }
        let plotted = signals.filter { $0.vulnerability != nil && $0.nuisance != nil }
        let chartSummary = counted(plotted.count, "buurt", "buurten") + " met beide cijfers; rechtsboven de stippellijnen (concentratie ≥ \(n(t.vulnerabilityLevel)), overlast ≥ \(n(t.nuisanceLevel))) liggen de buurten met een hoge concentratie kwetsbare huishoudens én veel overlast."
        let chart = Chart(
            id: "veerkracht", title: "Concentratie kwetsbare huishoudens en overlast per buurt, \(year)", summary: chartSummary,
            svg: scatter(title: "Concentratie en overlast per buurt, \(year)", summary: chartSummary, signals: plotted, thresholds: t, xLabel: "Concentratie kwetsbare huishoudens"),
            header: ["Buurt", "Concentratie", "Overlast", "Band"],
            rows: sorted.map { [$0.name, n($0.vulnerability), n($0.nuisance), $0.band.rawValue] })
        let reasons: [Memo.Block] = sorted.filter { $0.band != .geenSignaal }.map { s in
            .definitions([("\(s.name) (\(s.code.text)) — \(s.band.rawValue)", s.why.joined(separator: " "))])
        }
        let choices: [Memo.Block] = [
            .paragraph("Concentratie kwetsbare huishoudens: " + spec.parts.map { "\($0.indicator.label) (gewicht \(NumberText.plain($0.weight)); \($0.indicator.source))" }.joined(separator: "; ") + "."),
            .paragraph(spec.conventions),
            .paragraph("Drempels: hoge concentratie vanaf \(n(t.vulnerabilityLevel)), stijgende concentratie vanaf \(n(t.vulnerabilityRise)), veel overlast vanaf \(n(t.nuisanceLevel)) (−onv), stijgende overlast vanaf \(n(t.nuisanceRise))."
                       + (t.areAssumptions ? " Dit zijn aannames: de precieze drempels van de Aedes-studies (RIGO 2018, 2020, 2023) zijn niet openbaar." : " Door de gebruiker gekozen.")),
            .definitions(Band.allCases.map { ($0.rawValue, $0.explanation) }),
            .list(notes + ["Kleine aantallen: een cijfer per 1.000 inwoners is onbekend bij minder dan 100 inwoners (het CBS rondt aantallen af op vijftallen).",
                           "Een onbekend cijfer (‘.’ bij het CBS) telt nooit als 0."]),
        ]
        return Memo(language: .nl, title: "Veerkrachtmonitor: \(place) \(year)", subtitle: "Gemaakt met Wikken op \(date). Bron: CBS (CC BY 4.0), Leefbaarometer.",
                    sections: [
                        .init(id: "samenvatting", title: "1. Samenvatting", blocks: summary),
                        .init(id: "assen", title: "2. De twee assen", blocks: [.chart(chart)]),
                        .init(id: "waarom", title: "3. Waarom elke buurt haar band kreeg", blocks: reasons.isEmpty ? [.paragraph("Geen buurt met een signaal.")] : reasons),
                        .init(id: "keuzes", title: "4. Keuzes en aannames", blocks: choices),
                    ])
    }
}
