/// All methods on one dossier and weight set, side by side, with how much their rankings agree.
public struct MethodComparison: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case mavt, ahpDistributive, ahpIdeal, prometheeII, topsis, vikor
    }

    public struct Entry: Sendable {
        public var method: Method
        /// The method's own score per option (MAVT total, AHP priority, net flow, closeness, Q).
        public var scores: [Double]
        /// Scores turned so that higher is better (VIKOR's Q negated), for correlations.
        public var orientedScores: [Double]
        public var ranking: [RankEntry]
    }

    public var weightSet: String
    public var matrix: DecisionMatrix
    public var entries: [Entry]
    public var promethee: Promethee.Result
    public var vikor: Vikor.Result
    public var topsis: Topsis.Result
    /// `spearman[a][b]`, `kendall[a][b]` between entries a and b (nil when undefined).
    public var spearman: [[Double?]]
    public var kendall: [[Double?]]

    /// Runs every method. Missing scores: refused, or the worst value (``MissingRule/worst``).
    public static func run(_ dossier: Dossier, weightSet: WeightSet, missingRule: MissingRule = .refuse, vikorV: Double = 0.5) throws(MavtError) -> MethodComparison {
        var single = dossier
        single.weightSets = [weightSet]
        let matrix = try DecisionMatrix.from(dossier, weightSet: weightSet, missingRule: missingRule)
        let mavtResult = try Mavt.analyse(single, missingRule: missingRule)
        let mavt = mavtResult.weightSets[0]
        let n = matrix.optionCount, m = matrix.criterionCount
        var values = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { values[i * m + j] = mavtResult.value(option: i, leaf: j) ?? 0 } }
        let distributive = AhpScores.analyse(values: values, options: n, weights: matrix.weights, mode: .distributive)
        let ideal = AhpScores.analyse(values: values, options: n, weights: matrix.weights, mode: .ideal)
        let promethee = Promethee.analyse(matrix)
        let topsis = Topsis.analyse(matrix)
        let vikor = Vikor.analyse(matrix, v: vikorV)
        let entries = [
            Entry(method: .mavt, scores: mavt.totals, orientedScores: mavt.totals, ranking: mavt.ranking),
            Entry(method: .ahpDistributive, scores: distributive.priorities, orientedScores: distributive.priorities, ranking: distributive.ranking),
            Entry(method: .ahpIdeal, scores: ideal.priorities, orientedScores: ideal.priorities, ranking: ideal.ranking),
            Entry(method: .prometheeII, scores: promethee.net, orientedScores: promethee.net, ranking: promethee.ranking),
            Entry(method: .topsis, scores: topsis.closeness, orientedScores: topsis.closeness, ranking: topsis.ranking),
            Entry(method: .vikor, scores: vikor.q, orientedScores: vikor.q.map { -$0 }, ranking: vikor.ranking),
        ]
        let spearman = entries.map { a in entries.map { b in RankCorrelation.spearman(a.orientedScores, b.orientedScores) } }
        let kendall = entries.map { a in entries.map { b in RankCorrelation.kendallTauB(a.orientedScores, b.orientedScores) } }
        return MethodComparison(weightSet: weightSet.id, matrix: matrix, entries: entries, promethee: promethee, vikor: vikor, topsis: topsis, spearman: spearman, kendall: kendall)
    }

    /// The options ranked first by each method (ties included).
    public var winners: [Method: [Int]] {
        Dictionary(uniqueKeysWithValues: entries.map { e in (e.method, e.ranking.filter { $0.rank == 1 }.map(\.option)) })
    }
}
