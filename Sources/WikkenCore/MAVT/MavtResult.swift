/// The outcome of a MAVT analysis: values per option and leaf, and per weight set the totals,
/// contributions and ranking.
public struct MavtResult: Sendable {
    /// Option ids in dossier order; indices below refer to this order.
    public var optionIDs: [String]
    /// Leaf-criterion ids, depth first; indices below refer to this order.
    public var leafIDs: [String]
    /// Leaf indices under each criterion id (a leaf lists itself).
    public var leavesUnder: [String: [Int]]
    public var valueFunctions: [ValueFunction]
    public var missingRule: MissingRule
    /// Row-major option × leaf values (0–100); `nil` where the score is missing.
    public var values: [Double?]
    /// The value interval of each score (equal to the value without a range).
    public var valueLow: [Double?]
    public var valueHigh: [Double?]
    public var weightSets: [WeightSetResult]
    public var warnings: [AnalysisWarning]

    public func value(option: Int, leaf: Int) -> Double? { values[option * leafIDs.count + leaf] }

    public func weightSet(_ id: String) -> WeightSetResult? { weightSets.first { $0.id == id } }
}

/// Totals, contributions and ranking under one weight set.
public struct WeightSetResult: Sendable {
    public var id: String
    public var name: String
    public var weights: NormalisedWeights
    /// Global weight of each leaf (sums to 1).
    public var leafWeights: [Double]
    /// Total value (0–100) per option, in dossier order.
    public var totals: [Double]
    /// The lowest and highest total the score ranges allow.
    public var totalLow: [Double]
    public var totalHigh: [Double]
    /// Row-major option × leaf contributions; each option's row sums to its total.
    public var contributions: [Double]
    /// Whether the missing-score rule changed the option's total.
    public var affectedByMissing: [Bool]
    /// Options from best to worst.
    public var ranking: [RankEntry]

    public func contribution(option: Int, leaf: Int) -> Double { contributions[option * leafWeights.count + leaf] }

    /// The contribution of a criterion (the sum over its leaves) to an option's total.
    public func contribution(option: Int, criterion: String, in result: MavtResult) -> Double {
        (result.leavesUnder[criterion] ?? []).reduce(0) { $0 + contribution(option: option, leaf: $1) }
    }

    /// The ranking position of each option, in dossier order.
    public var rankOfOption: [Int] {
        var ranks = Array(repeating: 0, count: totals.count)
        for entry in ranking { ranks[entry.option] = entry.rank }
        return ranks
    }
}

/// One place in a ranking. Ties share a rank (competition ranking: 1, 2, 2, 4).
public struct RankEntry: Sendable, Equatable {
    public var option: Int
    public var rank: Int
    public var total: Double
    /// True when another option has the same total (within 1e-9).
    public var tied: Bool

    public init(option: Int, rank: Int, total: Double, tied: Bool) {
        self.option = option
        self.rank = rank
        self.total = total
        self.tied = tied
    }
}

/// Something the reader of an analysis should know.
public enum AnalysisWarning: Sendable, Equatable {
    /// Every option scores the same on this leaf: it does not help to choose.
    case constantCriterion(String)
    /// The missing-score rule was applied to this score.
    case missingScoreHandled(option: String, criterion: String, rule: MissingRule)
}

public enum MavtError: Error, Sendable, Equatable {
    /// The dossier has errors; analyses run only on valid dossiers.
    case invalidDossier([DossierProblem])
    /// Scores are missing and the rule is ``MissingRule/refuse``: (option id, criterion id) pairs.
    case missingScores([MissingScore])
    /// The missing-score rule does not apply to this method (``MissingRule/renormalise`` is MAVT only).
    case ruleNotSupported(MissingRule)
}

public struct MissingScore: Sendable, Equatable {
    public var option: String
    public var criterion: String
    public var reason: String?

    public init(option: String, criterion: String, reason: String? = nil) {
        self.option = option
        self.criterion = criterion
        self.reason = reason
    }
}
