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

    /// The default thresholds for a normalisation: min–max scores run 0–100, so a high
    /// concentration starts at 75 and a rise at 5.
    public init(for normalisation: CompositeSpec.Normalisation) {
        if normalisation == .minMax {
            vulnerabilityLevel = 75
            vulnerabilityRise = 5
        }
    }
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
    public var corporatiebuurt: Bool?
    /// Why a number is missing (boundaries changed, no score, one year only); the text is in
    /// `AreaSignal+Text.swift`.
    public var notes: [Note]
    public var thresholds: SignalThresholds
    public var relative: Bool

    /// Why a number of an area is missing.
    public enum Note: Sendable, Equatable {
        /// The area's boundaries changed (`ind_wbi` 3): the years cannot be compared.
        case boundariesChanged
        /// One of the two years has no composite; `reason` is the composite's flag, if any.
        case vulnerabilityChangeUnknown(reason: String?)
        /// One of the two years has no Leefbaarometer score.
        case nuisanceChangeUnknown
        /// The area is not in the earlier year's data.
        case notInYear(Int)
        /// Only one year is loaded.
        case oneYearOnly
        /// No composite this year; the composite's flags say why.
        case vulnerabilityUnknown(flags: [String])
        /// No Leefbaarometer score this year.
        case nuisanceUnknown
    }
}

extension Array where Element == AreaSignal {
    /// Most pressing first: by band (onder druk, kwetsbaar, let op, …), then by concentration.
    public var mostPressingFirst: [AreaSignal] {
        sorted { ($0.band, -($0.vulnerability ?? -.infinity)) < ($1.band, -($1.vulnerability ?? -.infinity)) }
    }
}

public enum Signal {
    /// The signal per area of `spec.kind` in `later`, with the development since `earlier` when
    /// given. Areas whose boundaries changed (`ind_wbi` 3) get no development.
    public static func compute(later: AreaYear, earlier: AreaYear?, spec: CompositeSpec, thresholds: SignalThresholds = SignalThresholds(),
                               rules: IndicatorRules = IndicatorRules()) -> [AreaSignal] {
        let now = Year(later, spec, rules)
        return signals(now, earlier.map { Year($0, spec, rules) }, spec, thresholds, rules)
    }

    /// The signal for every year after the first, each against the year before; every year's
    /// composite is computed once.
    public static func series(_ years: [AreaYear], spec: CompositeSpec, thresholds: SignalThresholds = SignalThresholds(),
                              rules: IndicatorRules = IndicatorRules()) -> [[AreaSignal]] {
        let prepared = years.map { Year($0, spec, rules) }
        return prepared.indices.dropFirst().map { signals(prepared[$0], prepared[$0 - 1], spec, thresholds, rules) }
    }

    /// A year with its composite and nuisance per area (aligned with its areas of the kind),
    /// computed once.
    struct Year {
        var year: Int
        var areas: [Area]
        var scores: [CompositeScore]
        var nuisance: [Double?]
        var position: [AreaCode: Int]

        init(_ data: AreaYear, _ spec: CompositeSpec, _ rules: IndicatorRules) {
            year = data.year
            areas = data.areas.filter { $0.code.kind == spec.kind }
            scores = Composite.compute(AreaYear(year: data.year, areas: areas), spec, rules: rules)
            position = Dictionary(firstValues: areas.enumerated().map { ($0.element.code, $0.offset) })
            // Nuisance: −onv, absolute (against the national average, as the Leefbaarometer gives
            // it) or relative (minus the gemeente's mean of that year).
            let onv = areas.first?.columns.position("onv")
            var raw: [Double?] = areas.map { a in onv.flatMap { a.values[$0].number }.map { -$0 } }
            if spec.reference == .gemeente {
                var sums: [String: (Double, Int)] = [:]
                for (i, a) in areas.enumerated() { if let v = raw[i] { let s = sums[a.code.gemeente] ?? (0, 0); sums[a.code.gemeente] = (s.0 + v, s.1 + 1) } }
                for (i, a) in areas.enumerated() { if let v = raw[i], let s = sums[a.code.gemeente] { raw[i] = v - s.0 / Double(s.1) } }
            }
            nuisance = raw
        }
    }

    static func signals(_ now: Year, _ before: Year?, _ spec: CompositeSpec, _ t: SignalThresholds, _ rules: IndicatorRules) -> [AreaSignal] {
        let corporation = now.areas.first?.columns.position("p_wcorpw")
        var result: [AreaSignal] = []
        result.reserveCapacity(now.areas.count)
        for (i, area) in now.areas.enumerated() {
            let code = area.code
            let v = now.scores[i].score
            let n = now.nuisance[i]
            var notes: [AreaSignal.Note] = []
            var dv: Double?, dn: Double?
            if let before {
                if area.boundaryChange == 3 {
                    notes.append(.boundariesChanged)
                } else if let j = before.position[code] {
                    if let v, let old = before.scores[j].score { dv = v - old } else {
                        notes.append(.vulnerabilityChangeUnknown(reason: before.scores[j].flags.first ?? now.scores[i].flags.first))
                    }
                    if let n, let old = before.nuisance[j] { dn = n - old } else {
                        notes.append(.nuisanceChangeUnknown)
                    }
                } else {
                    notes.append(.notInYear(before.year))
                }
            } else {
                notes.append(.oneYearOnly)
            }
            if v == nil { notes.append(.vulnerabilityUnknown(flags: now.scores[i].flags)) }
            if n == nil { notes.append(.nuisanceUnknown) }
            let highV = v.map { $0 >= t.vulnerabilityLevel } ?? false, highN = n.map { $0 >= t.nuisanceLevel } ?? false
            let riseV = dv.map { $0 >= t.vulnerabilityRise } ?? false, riseN = dn.map { $0 >= t.nuisanceRise } ?? false
            let band: Band
            if v == nil && n == nil { band = .onbekend }
            else if riseV && riseN { band = .onderDruk }
            else if highV && highN { band = .kwetsbaar }
            else if highV || highN || riseV || riseN { band = .letOp }
            else if v == nil || n == nil { band = .onbekend }
            else { band = .geenSignaal }
            let share = corporation.flatMap { area.values[$0].number }
            result.append(AreaSignal(code: code, name: area.name, vulnerability: v, vulnerabilityChange: dv, nuisance: n, nuisanceChange: dn, band: band,
                                     corporatiebuurt: share.map { $0 > rules.corporatiebuurtShare }, notes: notes, thresholds: t, relative: spec.reference == .gemeente))
        }
        return result
    }
}
