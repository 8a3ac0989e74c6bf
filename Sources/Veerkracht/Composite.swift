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
    /// Sentences about missing values and redistributed weights.
    public var flags: [String]
}

public enum Composite {
    public static func compute(_ year: AreaYear, _ spec: CompositeSpec, rules: IndicatorRules = IndicatorRules()) -> [CompositeScore] {
        let areas = year.areas.filter { $0.code.kind == spec.kind }
        let n = areas.count, parts = spec.parts.count
        // Column-major: one array of values per part (few allocations for many areas).
        let rows = rules.values(spec.parts.map(\.indicator), in: areas)
        var columns = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: parts)
        for i in 0..<n { for p in 0..<parts { columns[p][i] = rows[i][p].number } }
        // Reference statistics per part and per reference group.
        struct Stats { var mean = 0.0, sd = 0.0, min = 0.0, max = 0.0 }
        var groupOf = [Int](repeating: 0, count: n)
        var groups: [[Int]] = []
        if spec.reference == .all {
            groups = [Array(0..<n)]
        } else {
            var index: [String: Int] = [:]
            for i in 0..<n {
                let key = areas[i].code.gemeente
                if let g = index[key] { groupOf[i] = g; groups[g].append(i) } else { index[key] = groups.count; groupOf[i] = groups.count; groups.append([i]) }
            }
        }
        let stats: [[Stats]] = groups.map { members in
            (0..<parts).map { p in
                var sum = 0.0, count = 0, lo = Double.infinity, hi = -Double.infinity
                for i in members { if let x = columns[p][i] { sum += x; count += 1; lo = min(lo, x); hi = max(hi, x) } }
                guard count > 0 else { return Stats() }
                let mean = sum / Double(count)
                var squares = 0.0
                for i in members { if let x = columns[p][i] { squares += (x - mean) * (x - mean) } }
                return Stats(mean: mean, sd: (squares / Double(count)).squareRoot(), min: lo, max: hi)
            }
        }
        let totalWeight = spec.parts.map(\.weight).reduce(0, +)
        var result: [CompositeScore] = []
        result.reserveCapacity(n)
        for i in 0..<n {
            let s = stats[groupOf[i]]
            var contributions = [Double?](repeating: nil, count: parts)
            var flags: [String] = []
            var usedWeight = 0.0, available = 0
            for p in 0..<parts {
                guard let x = columns[p][i] else {
                    flags.append("\(spec.parts[p].indicator.label): \(rows[i][p].reason ?? "ontbreekt")")
                    continue
                }
                let d = spec.parts[p].direction
                let v: Double
                switch spec.normalisation {
                case .zScore: v = s[p].sd > 0 ? d * (x - s[p].mean) / s[p].sd : 0
                case .minMax:
                    let span = s[p].max - s[p].min
                    let t = span > 0 ? (x - s[p].min) / span : 0.5
                    v = 100 * (d > 0 ? t : 1 - t)
                }
                contributions[p] = v
                usedWeight += spec.parts[p].weight
                available += 1
            }
            var score: Double?
            if available > 0, usedWeight > 0, spec.missing == .renormalise || available == parts {
                var total = 0.0
                for p in 0..<parts { if let v = contributions[p] { let c = v * spec.parts[p].weight / usedWeight; contributions[p] = c; total += c } }
                score = total
                if available < parts {
                    flags.append("score zonder \(parts - available) van de \(parts) cijfers; hun gewicht (\(Int((100 * (totalWeight - usedWeight) / totalWeight).rounded()))%) is over de andere verdeeld")
                }
            } else {
                contributions = [Double?](repeating: nil, count: parts)
                if spec.missing == .refuse, available < parts { flags.append("geen score: er ontbreekt een cijfer en de regel is ‘weigeren’") }
            }
            result.append(CompositeScore(code: areas[i].code, score: score, contributions: contributions, flags: flags))
        }
        return result
    }
}

extension Composite {
    /// Per part of the spec: of how many areas of its kind in `year` the indicator has a value.
    public static func coverage(_ year: AreaYear, _ spec: CompositeSpec, rules: IndicatorRules = IndicatorRules()) -> (areas: Int, withValue: [Int]) {
        let areas = year.areas.filter { $0.code.kind == spec.kind }
        let rows = rules.values(spec.parts.map(\.indicator), in: areas)
        let counts = spec.parts.indices.map { p in rows.reduce(0) { $0 + ($1.indices.contains(p) && $1[p].number != nil ? 1 : 0) } }
        return (areas.count, counts)
    }

    /// What a reader must know about the composite as a whole, in Dutch: an indicator without a
    /// single value (CBS `.` everywhere) counts nowhere, so the composite rests on the others —
    /// say which, and with how much of the weight. Empty when every indicator has values.
    public static func warnings(_ year: AreaYear, _ spec: CompositeSpec, rules: IndicatorRules = IndicatorRules()) -> [String] {
        let (areas, counts) = coverage(year, spec, rules: rules)
        guard areas > 0 else { return [] }
        let empty = spec.parts.indices.filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return [] }
        let kind = spec.kind == .buurt ? "buurt" : spec.kind == .wijk ? "wijk" : "gemeente"
        let names = empty.map { "‘\(spec.parts[$0].indicator.label)’" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " en " + (names.last ?? "")
        var text = "Let op: \(list) \(names.count == 1 ? "heeft" : "hebben") in \(year.year) voor geen enkele \(kind) een cijfer (het CBS publiceerde ‘.’), dus \(names.count == 1 ? "telt dat cijfer" : "tellen die cijfers") nergens mee."
        let used = spec.parts.indices.filter { counts[$0] > 0 }
        let total = spec.parts.map(\.weight).reduce(0, +), usedWeight = used.map { spec.parts[$0].weight }.reduce(0, +)
        if used.isEmpty {
            text += " Er is dit jaar dus geen concentratie te berekenen."
        } else if total > 0, usedWeight > 0 {
            let shares = used.map { "‘\(spec.parts[$0].indicator.label)’ \(Int((100 * spec.parts[$0].weight / usedWeight).rounded()))% (gekozen \(Int((100 * spec.parts[$0].weight / total).rounded()))%)" }
            text += " De concentratie rust daardoor op " + (shares.count == 1 ? shares[0] : shares.dropLast().joined(separator: ", ") + " en " + (shares.last ?? "")) + "."
        }
        return [text]
    }
}

extension Signal {
    /// ``Composite/warnings(_:_:rules:)`` for the years a signal compares, latest first.
    public static func warnings(later: AreaYear, earlier: AreaYear?, spec: CompositeSpec, rules: IndicatorRules = IndicatorRules()) -> [String] {
        Composite.warnings(later, spec, rules: rules) + (earlier.map { Composite.warnings($0, spec, rules: rules) } ?? [])
    }
}
