/// The indicators per area, each from CBS or Leefbaarometer variables, with its unit and which
/// way means more vulnerable. Derived rates follow CBS's caution with small numbers: below a
/// minimum population the rate is suppressed (unknown, with the reason), never 0.
public enum Indicator: String, CaseIterable, Sendable, Hashable {
    case bijstand = "bijstand_per_1000"
    case corporatie = "corporatie_pct"
    case laagInkomen = "laag_inkomen_pct"
    case laagInkomenVast = "laag_inkomen_vast_pct"
    case sociaalMinimum = "sociaal_minimum_pct"
    case sesWoa = "ses_woa"
    case leefbaarometer = "lbm"
    case overlast = "lbm_onv"
    case samenhang = "lbm_soc"
    case fysiek = "lbm_fys"
    case voorzieningen = "lbm_vrz"

    public var label: String {
        switch self {
        case .bijstand: return "bijstand per 1.000 inwoners"
        case .corporatie: return "woningen van corporaties (%)"
        case .laagInkomen: return "huishoudens in de laagste 40% inkomens (%)"
        case .laagInkomenVast: return "huishoudens met een laag inkomen (%)"
        case .sociaalMinimum: return "huishoudens rond het sociaal minimum (%)"
        case .sesWoa: return "SES-WOA-score"
        case .leefbaarometer: return "Leefbaarometer-score"
        case .overlast: return "Leefbaarometer: overlast en onveiligheid"
        case .samenhang: return "Leefbaarometer: sociale samenhang"
        case .fysiek: return "Leefbaarometer: fysieke omgeving"
        case .voorzieningen: return "Leefbaarometer: voorzieningen"
        }
    }

    /// +1 when a higher value means more vulnerable (bijstand), −1 when it means less (SES,
    /// Leefbaarometer scores). The corporation share is a context indicator: +1 by default, but
    /// it is not in the default composite (owning much is not being vulnerable).
    public var vulnerableDirection: Double {
        switch self {
        case .bijstand, .corporatie, .laagInkomen, .laagInkomenVast, .sociaalMinimum: return 1
        case .sesWoa, .leefbaarometer, .overlast, .samenhang, .fysiek, .voorzieningen: return -1
        }
    }

    /// Where the value comes from, in words (for the report).
    public var source: String {
        switch self {
        case .bijstand: return "CBS kerncijfers: a_soz_wb / a_inw × 1.000"
        case .corporatie: return "CBS kerncijfers: p_wcorpw"
        case .laagInkomen: return "CBS kerncijfers: p_hh_li"
        case .laagInkomenVast: return "CBS kerncijfers: p_hh_lkk"
        case .sociaalMinimum: return "CBS kerncijfers: p_hh_osm"
        case .sesWoa: return "CBS SES-WOA: totaalscore"
        case .leefbaarometer: return "Leefbaarometer: lbm"
        case .overlast: return "Leefbaarometer: onv (afwijking van het landelijk gemiddelde)"
        case .samenhang: return "Leefbaarometer: soc"
        case .fysiek: return "Leefbaarometer: fys"
        case .voorzieningen: return "Leefbaarometer: vrz"
        }
    }

    var variable: String {
        switch self {
        case .bijstand: return "a_soz_wb"
        case .corporatie: return "p_wcorpw"
        case .laagInkomen: return "p_hh_li"
        case .laagInkomenVast: return "p_hh_lkk"
        case .sociaalMinimum: return "p_hh_osm"
        case .sesWoa: return "ses_woa_score"
        case .leefbaarometer: return "lbm"
        case .overlast: return "onv"
        case .samenhang: return "soc"
        case .fysiek: return "fys"
        case .voorzieningen: return "vrz"
        }
    }
}

/// An indicator's value in one area, with why it is missing when it is.
public struct IndicatorValue: Equatable, Sendable {
    public var cell: Cell
    /// Set when the value is suppressed or missing: the reason in plain Dutch.
    public var reason: String?

    public var number: Double? { cell.number }
}

public struct IndicatorRules: Sendable, Equatable {
    /// Rates per 1,000 inhabitants are suppressed below this many inhabitants (CBS rounds
    /// counts to multiples of 5, so small numbers are too coarse).
    public var minimumInhabitants: Double = 100
    /// A corporatiebuurt has more than this share of corporation dwellings (Aedes Veerkracht).
    public var corporatiebuurtShare: Double = 200.0 / 3

    public init() {}

    /// The values of `indicators` for every area of a year, with the columns looked up once.
    public func values(_ indicators: [Indicator], in areas: [Area]) -> [[IndicatorValue]] {
        guard let columns = areas.first?.columns else { return [] }
        let inhabitants = columns.position("a_inw")
        let positions = indicators.map { columns.position($0.variable) }
        return areas.map { area in
            guard area.columns === columns else { return indicators.map { value($0, in: area) } }
            return indicators.indices.map { k in
                let cell = positions[k].map { area.values[$0] } ?? .notApplicable
                if indicators[k] == .bijstand {
                    if let n = cell.number, let inw = inhabitants.flatMap({ area.values[$0].number }), inw >= minimumInhabitants {
                        return IndicatorValue(cell: .value(n / inw * 1000), reason: nil)
                    }
                    return value(.bijstand, in: area)
                }
                return cell.number != nil ? IndicatorValue(cell: cell, reason: nil) : value(indicators[k], in: area)
            }
        }
    }

    public func value(_ indicator: Indicator, in area: Area) -> IndicatorValue {
        func missing(_ cell: Cell, _ what: String?) -> IndicatorValue {
            let subject = what.map { "\($0) is " } ?? ""
            return IndicatorValue(cell: cell, reason: cell == .unknown ? "\(subject)onbekend bij het CBS (‘.’)" : "\(what.map { "\($0) staat " } ?? "")niet in de gegevens")
        }
        switch indicator {
        case .bijstand:
            let count = area["a_soz_wb"], inhabitants = area["a_inw"]
            guard let n = count.number else { return missing(count, "het aantal bijstandsuitkeringen") }
            guard let inw = inhabitants.number else { return missing(inhabitants, "het aantal inwoners") }
            guard inw >= minimumInhabitants else {
                return IndicatorValue(cell: .unknown, reason: "te weinig inwoners (\(Int(inw)), minder dan \(Int(minimumInhabitants))) voor een betrouwbaar cijfer")
            }
            return IndicatorValue(cell: .value(n / inw * 1000), reason: nil)
        default:
            let cell = area[indicator.variable]
            return cell.number == nil ? missing(cell, nil) : IndicatorValue(cell: cell, reason: nil)
        }
    }

    public func isCorporatiebuurt(_ area: Area) -> Bool? {
        area["p_wcorpw"].number.map { $0 > corporatiebuurtShare }
    }
}

/// Class labels for the Leefbaarometer total score. **Assumption**: the official class
/// boundaries of Leefbaarometer 3.0 were not available here; these defaults are equal steps
/// over the usual range of buurt scores and are shown as an assumption. Replace them with the
/// official boundaries (leefbaarometer.nl) in the configuration.
public struct LeefbaarometerClasses: Sendable, Equatable {
    /// Lower bounds, ascending, with their label; below the first bound: `lowest`.
    public var bounds: [(Double, String)]
    public var lowest: String
    public var isAssumption: Bool

    public static let assumed = LeefbaarometerClasses(
        bounds: [(3.80, "zwak"), (3.95, "voldoende"), (4.10, "ruim voldoende"), (4.25, "goed"), (4.40, "zeer goed")],
        lowest: "onvoldoende", isAssumption: true)

    public func label(_ score: Double) -> String {
        bounds.last { score >= $0.0 }?.1 ?? lowest
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.lowest == b.lowest && a.isAssumption == b.isAssumption && a.bounds.map(\.0) == b.bounds.map(\.0) && a.bounds.map(\.1) == b.bounds.map(\.1)
    }
}
