/// The facts behind an explanation of a MAVT result, free of language: what puts the first option
/// ahead, what would flip it, where weight sets and methods agree, which missing or uncertain scores
/// matter, and which stories support or contradict the numbers. ``ExplanationText`` (reports)
/// turns them into sentences.
public struct ExplanationFacts: Sendable {
    public var weightSet: Int
    /// The first option, and every option tied with it.
    public var top: Int
    public var tiedTop: [Int]
    public var runnerUp: Int?
    /// Top option against each other option, in ranking order.
    public var comparisons: [Comparison]
    /// Top-level criteria on which the first option beats the runner-up (largest first) and on
    /// which it trails (largest first).
    public var argumentsFor: [CriterionDifference]
    public var argumentsAgainst: [CriterionDifference]
    /// Top-level criteria whose weight can change the first place, nearest threshold first.
    public var flips: [Flip]
    /// The first option per weight set (ties included), in dossier order of the weight sets.
    public var winnersPerWeightSet: [[Int]]
    /// The first option per method, when methods were compared.
    public var winnersPerMethod: [(MethodComparison.Method, [Int])]
    /// Missing and uncertain scores, with whether they could change the first place.
    public var scores: [ScoreFact]
    /// Stories, with why they matter; `chosen` ones belong in the memo.
    public var stories: [StoryFact]

    public struct Comparison: Sendable {
        public var other: Int
        public var gap: Double
        public var differences: [CriterionDifference]
    }

    /// "The first option stays first while the weight of `criterion` stays within lower…upper."
    public struct Flip: Sendable, Equatable {
        public var criterion: String
        public var weight: Double
        /// Below this global weight another option (`newTopBelow`) comes first; nil if never.
        public var lower: Double?
        public var newTopBelow: Int?
        /// Above this weight `newTopAbove` comes first; nil if never.
        public var upper: Double?
        public var newTopAbove: Int?

        /// How far the weight must move to flip the first place.
        public var distance: Double {
            min(lower.map { weight - $0 } ?? .infinity, upper.map { $0 - weight } ?? .infinity)
        }
    }

    public struct ScoreFact: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case missing(reason: String?)
            case uncertain(low: ScoreValue, high: ScoreValue)
        }
        public var option: Int
        public var criterion: String
        public var kind: Kind
        /// True when this score alone, at the unfavourable end of its range (or at best for a
        /// missing score of a challenger), could put another option first.
        public var matters: Bool

        public init(option: Int, criterion: String, kind: Kind, matters: Bool) {
            self.option = option
            self.criterion = criterion
            self.kind = kind
            self.matters = matters
        }
    }

    public struct StoryFact: Sendable, Equatable {
        public enum Reason: String, Sendable {
            /// It contradicts a number: tellen and vertellen disagree.
            case contradictsNumber
            /// It is about the option advised.
            case aboutTopOption
            /// It is about the runner-up.
            case aboutRunnerUp
            /// It is about a criterion that decides the comparison.
            case aboutDecisiveCriterion
        }
        public var narrative: Int
        public var reasons: [Reason]
        /// Whether the memo shows it.
        public var chosen: Bool { !reasons.isEmpty }
        /// A contradicting story about the advised option or a decisive criterion.
        public var isTension: Bool
    }
}
