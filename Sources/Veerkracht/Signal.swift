import WikkenCore

/// The resilience signal: where a rising concentration of vulnerable households meets rising
/// nuisance and unsafety. Two axes — the development of the vulnerability composite and of
/// nuisance (Leefbaarometer `onv`, turned so that higher = more nuisance) — plus their levels,
/// classified into bands by thresholds that are all visible and editable. The defaults are
/// **assumptions** (Aedes/RIGO's exact thresholds are not public) and are labelled as such.
public struct SignalThresholds: Sendable, Equatable {
    /// Composite at or above this is a high concentration (z-score units; for min–max use e.g. 75).
    public var vulnerabilityLevel: Double = 1.0
    /// A rise of the composite by at least this between the two years is "worsening".
    public var vulnerabilityRise: Double = 0.10
    /// Nuisance (−onv) at or above this is "much nuisance" (onv at or below −0,15).
    public var nuisanceLevel: Double = 0.15
    /// A rise of nuisance (a fall of onv) by at least this is "worsening".
    public var nuisanceRise: Double = 0.05
    public var areAssumptions = true

    public init() {}
}

public enum Band: String, Sendable, CaseIterable, Comparable {
    case onderDruk = "onder druk"
    case kwetsbaar = "kwetsbaar"
    case letOp = "let op"
    case geenSignaal = "geen signaal"
    case onbekend = "onbekend"

    public var explanation: String {
        switch self {
        case .onderDruk: return "de concentratie kwetsbare huishoudens én de overlast en onveiligheid nemen toe, voorbij de drempels"
        case .kwetsbaar: return "een hoge concentratie kwetsbare huishoudens én veel overlast en onveiligheid, zonder dat beide toenemen"
        case .letOp: return "één van de vier signalen (hoge concentratie, veel overlast, stijgende concentratie, stijgende overlast)"
        case .geenSignaal: return "geen van de signalen"
        case .onbekend: return "te weinig gegevens om iets te zeggen"
        }
    }

    var order: Int { Band.allCases.firstIndex(of: self)! }
    public static func < (a: Band, b: Band) -> Bool { a.order < b.order }
}

/// One area's place on the two axes, its band and why.
public struct AreaSignal: Sendable, Equatable {
    public var code: AreaCode
    public var name: String
    public var vulnerability: Double?
    public var vulnerabilityChange: Double?
    public var nuisance: Double?
    public var nuisanceChange: Double?
    public var band: Band
    /// Plain-Dutch reasons, each with the number and the threshold it was compared with.
    public var why: [String]
    public var corporatiebuurt: Bool?
}

public enum Signal {
    /// The signal per area of `spec.kind` in `later`, with the development since `earlier` when
    /// given. Areas whose boundaries changed (`ind_wbi` 3) get no development.
    public static func compute(later: AreaYear, earlier: AreaYear?, spec: CompositeSpec, thresholds t: SignalThresholds = SignalThresholds(),
                               rules: IndicatorRules = IndicatorRules()) -> [AreaSignal] {
        let now = Dictionary(uniqueKeysWithValues: Composite.compute(later, spec, rules: rules).map { ($0.code, $0) })
        let before = earlier.map { y in Dictionary(uniqueKeysWithValues: Composite.compute(y, spec, rules: rules).map { ($0.code, $0) }) }
        let beforeAreas = earlier?.byCode ?? [:]
        // Nuisance: −onv, absolute (against the national average, as the Leefbaarometer gives it)
        // or relative (minus the gemeente's mean of that year).
        func nuisance(_ year: AreaYear) -> [AreaCode: Double] {
            var raw: [AreaCode: Double] = [:]
            for a in year.areas where a.code.kind == spec.kind { if let onv = a["onv"].number { raw[a.code] = -onv } }
            guard spec.reference == .gemeente else { return raw }
            var sums: [String: (Double, Int)] = [:]
            for (code, v) in raw { let s = sums[code.gemeente] ?? (0, 0); sums[code.gemeente] = (s.0 + v, s.1 + 1) }
            return raw.mapValues { $0 }.reduce(into: [:]) { out, e in let s = sums[e.key.gemeente]!; out[e.key] = e.value - s.0 / Double(s.1) }
        }
        let nuisanceNow = nuisance(later), nuisanceBefore = earlier.map(nuisance) ?? [:]
        func f(_ x: Double) -> String { NumberText.rounded(x, decimals: 2, language: .nl) }

        return later.areas.filter { $0.code.kind == spec.kind }.map { area in
            let code = area.code
            let v = now[code]?.score
            let n = nuisanceNow[code]
            var why: [String] = []
            var dv: Double?, dn: Double?
            let comparable = area.boundaryChange != 3
            if earlier != nil {
                if !comparable {
                    why.append("Ontwikkeling onbekend: de grenzen van dit gebied zijn veranderd (ind_wbi 3), dus de jaren zijn niet te vergelijken.")
                } else if beforeAreas[code] == nil {
                    why.append("Ontwikkeling onbekend: het gebied staat niet in het eerdere jaar.")
                } else {
                    if let v, let old = before?[code]?.score { dv = v - old } else {
                        why.append("Ontwikkeling van de concentratie onbekend: een van beide jaren heeft geen score (\((before?[code]?.flags ?? []).first ?? "cijfers ontbreken")).")
                    }
                    if let n, let old = nuisanceBefore[code] { dn = n - old } else {
                        why.append("Ontwikkeling van de overlast onbekend: geen Leefbaarometer-score in een van beide jaren.")
                    }
                }
            } else {
                why.append("Ontwikkeling onbekend: er is maar één jaar geladen.")
            }
            let highV = v.map { $0 >= t.vulnerabilityLevel }, highN = n.map { $0 >= t.nuisanceLevel }
            let riseV = dv.map { $0 >= t.vulnerabilityRise }, riseN = dn.map { $0 >= t.nuisanceRise }
            if let v { why.append("Concentratie kwetsbare huishoudens \(f(v)) (drempel \(f(t.vulnerabilityLevel))): \(highV! ? "hoog" : "niet hoog").") }
            else { why.append("Concentratie onbekend: \((now[code]?.flags ?? []).joined(separator: "; ")).") }
            if let n {
                let basis = spec.reference == .gemeente ? "ten opzichte van het gemiddelde van de gemeente" : "Leefbaarometer onv \(f(-n)), ten opzichte van het land"
                why.append("Overlast en onveiligheid \(f(n)) (\(basis); drempel \(f(t.nuisanceLevel))): \(highN! ? "veel" : "niet veel").")
            }
            else { why.append("Overlast en onveiligheid onbekend: geen Leefbaarometer-score.") }
            if let dv { why.append("Concentratie \(dv >= 0 ? "steeg" : "daalde") met \(f(abs(dv))) (drempel \(f(t.vulnerabilityRise))).") }
            if let dn { why.append("Overlast \(dn >= 0 ? "steeg" : "daalde") met \(f(abs(dn))) (drempel \(f(t.nuisanceRise))).") }
            let band: Band
            if v == nil && n == nil { band = .onbekend }
            else if riseV == true && riseN == true { band = .onderDruk }
            else if highV == true && highN == true { band = .kwetsbaar }
            else if [highV, highN, riseV, riseN].contains(true) { band = .letOp }
            else if v == nil || n == nil { band = .onbekend }
            else { band = .geenSignaal }
            return AreaSignal(code: code, name: area.name, vulnerability: v, vulnerabilityChange: dv, nuisance: n, nuisanceChange: dn, band: band, why: why,
                              corporatiebuurt: rules.isCorporatiebuurt(area))
        }
    }
}
