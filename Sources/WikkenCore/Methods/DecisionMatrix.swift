/// The options × leaf-criteria matrix on which TOPSIS, VIKOR, PROMETHEE and AHP work.
///
/// Columns hold, for a numeric leaf with a linear value function, the measurements themselves
/// with their direction (so TOPSIS normalises real quantities); for qualitative leaves and
/// piecewise-linear functions, the values 0–100 of the value function, higher is better.
public struct DecisionMatrix: Sendable, Equatable {
    public var options: [String]
    public var criteria: [String]
    /// Row-major: `values[i * criteria.count + j]`.
    public var values: [Double]
    /// Per criterion: true when higher is better.
    public var benefit: [Bool]
    /// Per criterion: global weight, summing to 1.
    public var weights: [Double]
    /// Per criterion: the PROMETHEE preference function.
    public var preferences: [PreferenceFunction]
    /// Per criterion: true when the column holds value points 0–100 instead of measurements.
    public var valueScale: [Bool]

    public init(options: [String], criteria: [String], values: [Double], benefit: [Bool], weights: [Double],
                preferences: [PreferenceFunction]? = nil, valueScale: [Bool]? = nil) {
        self.options = options
        self.criteria = criteria
        self.values = values
        self.benefit = benefit
        self.weights = weights
        self.preferences = preferences ?? Array(repeating: .usual, count: criteria.count)
        self.valueScale = valueScale ?? Array(repeating: false, count: criteria.count)
    }

    public var optionCount: Int { options.count }
    public var criterionCount: Int { criteria.count }

    public subscript(option i: Int, criterion j: Int) -> Double { values[i * criteria.count + j] }

    public func column(_ j: Int) -> [Double] { (0..<options.count).map { values[$0 * criteria.count + j] } }

    /// The matrix of a dossier under one weight set. Missing scores are refused, or with
    /// ``MissingRule/worst`` take the worst measurement of the column (or the scale's worst);
    /// ``MissingRule/renormalise`` applies only to MAVT.
    public static func from(_ dossier: Dossier, weightSet: WeightSet, missingRule: MissingRule = .refuse) throws(MavtError) -> DecisionMatrix {
        let errors = dossier.validate().filter { $0.severity == .error }
        guard errors.isEmpty else { throw .invalidDossier(errors) }
        let leaves = dossier.leafCriteria
        var missing: [MissingScore] = []
        for option in dossier.options {
            for leaf in leaves where option.scores[leaf.id]?.value == nil {
                missing.append(MissingScore(option: option.id, criterion: leaf.id, reason: option.scores[leaf.id]?.missingReason))
            }
        }
        if !missing.isEmpty {
            if missingRule == .refuse { throw .missingScores(missing) }
            if missingRule == .renormalise { throw .ruleNotSupported(.renormalise) }
        }
        let weights = NormalisedWeights(weightSet, criteria: dossier.criteria)
        let n = dossier.options.count, m = leaves.count
        var values = [Double](repeating: 0, count: n * m)
        var benefit = [Bool](repeating: true, count: m)
        var valueScale = [Bool](repeating: true, count: m)
        for (j, leaf) in leaves.enumerated() {
            let scores = dossier.options.map { $0.scores[leaf.id] }
            let f = ValueFunction(scale: leaf.scale!, scores: scores.compactMap { $0 })
            var measured = false
            if case .numeric(let s)? = leaf.scale, case .linear = s.valueFunction {
                measured = true
                benefit[j] = (s.direction ?? .higherIsBetter) == .higherIsBetter
            }
            valueScale[j] = !measured
            var column: [Double?] = scores.map { score in
                guard let v = score?.value else { return nil }
                if measured, case .number(let x) = v { return x }
                return f.value(v)
            }
            if column.contains(where: { $0 == nil }) {
                let known = column.compactMap { $0 }
                let worst: Double
                if measured, case .numeric(let s)? = leaf.scale {
                    worst = s.worst ?? (benefit[j] ? known.min() : known.max()) ?? 0
                } else {
                    worst = f.worstValue
                }
                column = column.map { $0 ?? worst }
            }
            for (i, x) in column.enumerated() { values[i * m + j] = x ?? 0 }  // none is nil any more
        }
        return DecisionMatrix(
            options: dossier.options.map(\.id), criteria: leaves.map(\.id), values: values, benefit: benefit,
            weights: leaves.map { weights.global[$0.id] ?? 0 },
            preferences: leaves.map { $0.preference ?? .usual }, valueScale: valueScale
        )
    }
}
