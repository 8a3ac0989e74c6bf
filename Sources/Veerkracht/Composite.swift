/// The vulnerability composite: chosen indicators, each turned the same way (higher = more
/// vulnerable), normalised, weighted and added. Stated conventions:
///
/// - **z-score**: (x − mean) / standard deviation (population, n) over the reference areas of the
///   same kind (buurten with buurten) that have a value; then × direction.
/// - **min–max**: 100 · (x − min) / (max − min) over the reference, flipped for indicators where
///   higher means less vulnerable.
/// - **reference**: all areas of that kind in the loaded data (the *absolute* view; with the whole
///   country loaded this is the country) or the areas of the same gemeente (the *relative* view).
/// - **weights** are normalised to sum to 1 over the indicators used.
/// - **missing values**: `renormalise` leaves the indicator out for that area and spreads its
///   weight over the others (flagged per area), `refuse` makes the area's score unknown.
public struct CompositeSpec: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var indicator: Indicator
        public var weight: Double
        /// +1: a higher value counts as more vulnerable; −1: as less. Defaults to the indicator's
        /// usual direction; the user may turn it (e.g. the corporation share as a risk factor).
        public var direction: Double
        public init(_ indicator: Indicator, weight: Double, direction: Double? = nil) {
            self.indicator = indicator
            self.weight = weight
            self.direction = direction ?? indicator.vulnerableDirection
        }
    }

    public enum Normalisation: String, Sendable, CaseIterable { case zScore = "z-score", minMax = "min-max" }
    public enum Reference: String, Sendable, CaseIterable { case all = "land", gemeente }
    public enum MissingRule: String, Sendable, CaseIterable { case renormalise = "herverdelen", refuse = "weigeren" }

    public var parts: [Part]
    public var normalisation: Normalisation
    public var reference: Reference
    public var missing: MissingRule
    public var kind: AreaKind

    public init(parts: [Part], normalisation: Normalisation = .zScore, reference: Reference = .all, missing: MissingRule = .renormalise, kind: AreaKind = .buurt) {
        self.parts = parts
        self.normalisation = normalisation
        self.reference = reference
        self.missing = missing
        self.kind = kind
    }

    /// Bijstand, low incomes and the social minimum: the concentration of vulnerable households
    /// in the spirit of the Aedes Veerkracht studies (which use more sources than CBS publishes).
    public static let standard = CompositeSpec(parts: [
        Part(.bijstand, weight: 2), Part(.laagInkomen, weight: 1), Part(.sociaalMinimum, weight: 1),
    ])

    public var conventions: String {
        let norm = normalisation == .zScore ? "z-score (afwijking van het gemiddelde in standaarddeviaties)" : "min–max (0 = laagste, 100 = hoogste)"
        let ref = reference == .all ? "alle gebieden in de gegevens (absoluut)" : "de gebieden van dezelfde gemeente (relatief)"
        let miss = missing == .renormalise ? "een ontbrekend cijfer telt niet mee; zijn gewicht gaat naar de andere" : "een ontbrekend cijfer maakt de score onbekend"
        return "Normalisatie: \(norm), ten opzichte van \(ref); \(miss)."
    }
}

/// One area's composite: the score (nil when unknown), each indicator's contribution, and
/// what was missing.
public struct CompositeScore: Sendable, Equatable {
    public var code: AreaCode
    public var score: Double?
    /// Per part (same order as the spec): the normalised value times its normalised weight, or
    /// nil when the value is missing.
    public var contributions: [Double?]
    public var raw: [IndicatorValue]
    /// Sentences about missing values and redistributed weights.
    public var flags: [String]
}

public enum Composite {
    public static func compute(_ year: AreaYear, _ spec: CompositeSpec, rules: IndicatorRules = IndicatorRules()) -> [CompositeScore] {
        let areas = year.areas.filter { $0.code.kind == spec.kind }
        let values = rules.values(spec.parts.map(\.indicator), in: areas)
        // Reference statistics per part and per reference group.
        func group(_ a: Area) -> String { spec.reference == .all ? "" : a.code.gemeente }
        struct Stats { var mean = 0.0, sd = 0.0, min = 0.0, max = 0.0 }
        var members: [String: [Int]] = [:]
        for i in areas.indices { members[group(areas[i]), default: []].append(i) }
        var stats: [String: [Stats]] = [:]
        for (key, indices) in members {
            stats[key] = spec.parts.indices.map { p in
                let xs = indices.compactMap { values[$0][p].number }
                guard !xs.isEmpty else { return Stats() }
                let mean = xs.reduce(0, +) / Double(xs.count)
                let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
                return Stats(mean: mean, sd: sd, min: xs.min()!, max: xs.max()!)
            }
        }
        let totalWeight = spec.parts.map(\.weight).reduce(0, +)
        return areas.indices.map { i in
            let s = stats[group(areas[i])]!
            var normalised: [Double?] = []
            var flags: [String] = []
            for (p, part) in spec.parts.enumerated() {
                guard let x = values[i][p].number else {
                    normalised.append(nil)
                    flags.append("\(part.indicator.label): \(values[i][p].reason ?? "ontbreekt")")
                    continue
                }
                let d = part.direction
                switch spec.normalisation {
                case .zScore:
                    normalised.append(s[p].sd > 0 ? d * (x - s[p].mean) / s[p].sd : 0)
                case .minMax:
                    let span = s[p].max - s[p].min
                    let t = span > 0 ? (x - s[p].min) / span : 0.5
                    normalised.append(100 * (d > 0 ? t : 1 - t))
                }
            }
            let available = spec.parts.indices.filter { normalised[$0] != nil }
            let usedWeight = available.map { spec.parts[$0].weight }.reduce(0, +)
            var score: Double?
            var contributions = [Double?](repeating: nil, count: spec.parts.count)
            if !available.isEmpty, usedWeight > 0, spec.missing == .renormalise || available.count == spec.parts.count {
                for p in available { contributions[p] = normalised[p]! * spec.parts[p].weight / usedWeight }
                score = available.map { contributions[$0]! }.reduce(0, +)
                if available.count < spec.parts.count {
                    flags.append("score zonder \(spec.parts.count - available.count) van de \(spec.parts.count) cijfers; hun gewicht (\(Int((100 * (totalWeight - usedWeight) / totalWeight).rounded()))%) is over de andere verdeeld")
                }
            } else if spec.missing == .refuse, available.count < spec.parts.count {
                flags.append("geen score: er ontbreekt een cijfer en de regel is ‘weigeren’")
            }
            return CompositeScore(code: areas[i].code, score: score, contributions: contributions, raw: values[i], flags: flags)
        }
    }
}
