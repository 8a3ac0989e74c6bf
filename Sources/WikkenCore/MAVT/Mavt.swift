/// Multi-attribute value theory (MAVT): the hierarchical weighted sum of values.
///
/// For option *a* under weight set *W*: `V(a) = Σ_leaves w_i · v_i(x_ai)`, where `v_i` is the
/// leaf's ``ValueFunction`` (0–100) and `w_i` the leaf's global weight from ``NormalisedWeights``.
/// Totals therefore lie on 0–100. Ranges on scores give a total range `[Σ w_i·min v_i, Σ w_i·max v_i]`.
/// Ties (totals within 1e-9) share a rank. Missing scores follow the chosen ``MissingRule``.
public enum Mavt {
    public static let tieTolerance = 1e-9

    public static func analyse(_ dossier: Dossier, missingRule: MissingRule = .refuse) throws(MavtError) -> MavtResult {
        let errors = dossier.validate().filter { $0.severity == .error }
        guard errors.isEmpty else { throw .invalidDossier(errors) }

        let leaves = dossier.leafCriteria
        let n = dossier.options.count, m = leaves.count
        var warnings: [AnalysisWarning] = []

        // Look every score up once (row-major option × leaf), and collect the missing ones.
        var scores = [Score?](repeating: nil, count: n * m)
        var missing: [MissingScore] = []
        let leafIDs = leaves.map(\.id)
        for (i, option) in dossier.options.enumerated() {
            for j in 0..<m {
                let score = option.scores[leafIDs[j]]
                scores[i * m + j] = score
                if score?.value == nil {
                    missing.append(MissingScore(option: option.id, criterion: leafIDs[j], reason: score?.missingReason))
                }
            }
        }
        if !missing.isEmpty, missingRule == .refuse { throw .missingScores(missing) }

        // Values, once for all weight sets
        var functions: [ValueFunction] = []
        functions.reserveCapacity(m)
        var values = [Double?](repeating: nil, count: n * m)
        var low = values, high = values
        for (j, leaf) in leaves.enumerated() {
            let f = ValueFunction(scale: leaf.scale!, scores: (0..<n).compactMap { scores[$0 * m + j] })
            functions.append(f)
            if f.kind == .constant, n > 1 { warnings.append(.constantCriterion(leaf.id)) }
            for i in 0..<n {
                guard let score = scores[i * m + j], let v = score.value else {
                    if missingRule == .worst {
                        values[i * m + j] = f.worstValue
                        low[i * m + j] = f.worstValue
                        high[i * m + j] = f.worstValue
                    }
                    continue
                }
                let x = f.value(v)
                values[i * m + j] = x
                if score.hasRange {
                    let (a, b) = f.valueRange(low: score.low ?? v, high: score.high ?? v)
                    low[i * m + j] = a
                    high[i * m + j] = b
                } else {
                    low[i * m + j] = x
                    high[i * m + j] = x
                }
            }
        }
        for s in missing { warnings.append(.missingScoreHandled(option: s.option, criterion: s.criterion, rule: missingRule)) }
        let missingOptions = Set(missing.map(\.option))

        var leavesUnder: [String: [Int]] = [:]
        let leafIndex = Dictionary(firstValues: leaves.enumerated().map { ($1.id, $0) })
        func collect(_ c: Criterion) -> [Int] {
            let result = c.isLeaf ? (leafIndex[c.id].map { [$0] } ?? []) : c.children.flatMap(collect)
            leavesUnder[c.id] = result
            return result
        }
        dossier.criteria.forEach { _ = collect($0) }

        let sets = dossier.weightSets.map { set -> WeightSetResult in
            let weights = NormalisedWeights(set, criteria: dossier.criteria)
            let w = leaves.map { weights.global[$0.id] ?? 0 }
            var totals = [Double](repeating: 0, count: n), tLow = totals, tHigh = totals
            var contributions = [Double](repeating: 0, count: n * m)
            for i in 0..<n {
                var t = 0.0, tl = 0.0, th = 0.0, known = 0.0
                let row = i * m
                for j in 0..<m {
                    guard let v = values[row + j] else { continue }
                    let c = w[j] * v
                    contributions[row + j] = c
                    t += c
                    tl += w[j] * low[row + j]!
                    th += w[j] * high[row + j]!
                    known += w[j]
                }
                if missingRule == .renormalise, missingOptions.contains(dossier.options[i].id), known < 1 {
                    let scale = known > 0 ? 1 / known : 0
                    for j in 0..<m { contributions[row + j] *= scale }
                    t *= scale; tl *= scale; th *= scale
                }
                totals[i] = t; tLow[i] = tl; tHigh[i] = th
            }
            return WeightSetResult(
                id: set.id, name: set.name, weights: weights, leafWeights: w,
                totals: totals, totalLow: tLow, totalHigh: tHigh, contributions: contributions,
                affectedByMissing: dossier.options.map { missingOptions.contains($0.id) },
                ranking: rank(totals)
            )
        }
        return MavtResult(
            optionIDs: dossier.options.map(\.id), leafIDs: leaves.map(\.id), leavesUnder: leavesUnder,
            valueFunctions: functions, missingRule: missingRule, values: values, valueLow: low, valueHigh: high,
            weightSets: sets, warnings: warnings
        )
    }

    /// Competition ranking of totals, best first; equal totals (within ``tieTolerance``) share a
    /// rank and keep dossier order.
    public static func rank(_ totals: [Double]) -> [RankEntry] {
        let order = totals.indices.sorted { a, b in
            abs(totals[a] - totals[b]) <= tieTolerance ? a < b : totals[a] > totals[b]
        }
        var entries: [RankEntry] = []
        entries.reserveCapacity(order.count)
        for (position, i) in order.enumerated() {
            if let last = entries.last, abs(last.total - totals[i]) <= tieTolerance {
                entries.append(RankEntry(option: i, rank: last.rank, total: totals[i], tied: true))
                entries[entries.count - 2].tied = true
            } else {
                entries.append(RankEntry(option: i, rank: position + 1, total: totals[i], tied: false))
            }
        }
        return entries
    }
}
