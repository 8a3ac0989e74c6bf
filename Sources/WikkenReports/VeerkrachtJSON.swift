import Foundation
import Veerkracht

/// The veerkracht signal and an allocation plan as JSON documents (Dutch field names), the same
/// for `wikken veerkracht … --json` and the JSON API.
public enum VeerkrachtJSON {
    struct Row: Encodable {
        var code: String, naam: String, band: String
        var concentratie: Double?, concentratieOntwikkeling: Double?, overlast: Double?, overlastOntwikkeling: Double?
        var corporatiebuurt: Bool?, waarom: [String]
    }

    struct SignalDocument: Encodable {
        var jaar: Int, vorigJaar: Int?, conventies: String
        /// What a reader must know about the data as a whole (an indicator without any value).
        var waarschuwingen: [String]
        var drempels: [String: Double], drempelsZijnAannames: Bool, gebieden: [Row]
    }

    public static func signal(year: Int, previousYear: Int?, spec: CompositeSpec, thresholds t: SignalThresholds, signals: [AreaSignal], warnings: [String]) -> String {
        let doc = SignalDocument(
            jaar: year, vorigJaar: previousYear, conventies: spec.conventions, waarschuwingen: warnings,
            drempels: ["concentratie": t.vulnerabilityLevel, "stijging": t.vulnerabilityRise, "overlast": t.nuisanceLevel, "overlastStijging": t.nuisanceRise],
            drempelsZijnAannames: t.areAssumptions,
            gebieden: signals.map { Row(code: $0.code.text, naam: $0.name, band: $0.band.rawValue, concentratie: $0.vulnerability, concentratieOntwikkeling: $0.vulnerabilityChange,
                                        overlast: $0.nuisance, overlastOntwikkeling: $0.nuisanceChange, corporatiebuurt: $0.corporatiebuurt, waarom: $0.why) })
        return encode(doc)
    }

    struct Line: Encodable { var complex: String; var band: String; var huishoudens: Int; var perGroep: [String: Int]; var maximum: Int; var waarom: String }
    struct PlanDocument: Encodable { var geplaatst: [String: Int]; var nietGeplaatst: [String: Int]; var druk: Int; var knelpunten: [String]; var complexen: [Line] }

    public static func plan(_ plan: AllocationPlan) -> String {
        encode(PlanDocument(geplaatst: plan.placed, nietGeplaatst: plan.unplaced, druk: plan.pressure, knelpunten: plan.binding,
                            complexen: plan.lines.map { Line(complex: $0.complex, band: $0.band.rawValue, huishoudens: $0.total, perGroep: $0.perGroup, maximum: $0.cap, waarom: $0.why) }))
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
