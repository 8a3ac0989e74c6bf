import WikkenCore

/// Weights per weight set for scripts: the method, local and global weights, and per group how
/// the weights were derived (AHP: λmax, CI, CR and suggestions).
public enum WeightsJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var weightSets: [WeightSetEntry]
        public var conventions: [String: String]
    }

    public static let conventions: [String: String] = [
        "direct": "numbers per criterion, normalised within each group (a group without numbers gets equal weights); global weight = product of local weights down the tree",
        "swing": "points 0–100 per group with the most important swing at 100, normalised within the group",
        "rangorde": "places within each group (ties share a place) turned into weights by the set's formula: ROC, rank sum or rank reciprocal",
        "ahp": "principal eigenvector by power iteration from the row geometric means (to 1e-13), normalised to 1; missing judgements handled by Harker's method (0 in the matrix, 1 + the number missing on the diagonal) and completed with w_i / w_j; λmax = mean of (A w)_i / w_i; CI = max(0, (λmax − n)/(n − 1)) (clamped at 0 against rounding); CR = CI / RI with RI from Saaty (1980), none above order 10; acceptable when CR ≤ 0.10",
    ]

    public struct WeightSetEntry: Codable, Equatable {
        public var id: String
        public var name: String
        public var method: String
        public var local: [String: Double]
        public var global: [String: Double]
        public var groups: [Group]
    }

    public struct Group: Codable, Equatable {
        public var parent: String?
        public var members: [String]
        public var weights: [Double]
        public var equal: Bool
        public var ahp: AHP?
    }

    public struct AHP: Codable, Equatable {
        public var lambdaMax: Double
        public var consistencyIndex: Double
        public var consistencyRatio: Double?
        public var randomIndex: Double?
        public var randomIndexTable: String
        /// The RI per order 0…10 of that table.
        public var randomIndexValues: [Double]
        /// The judgement matrix, completed where judgements are missing (rows and columns in the order of `members`).
        public var matrix: [[Double]]
        public var acceptable: Bool
        public var complete: Bool
        public var suggestions: [Suggestion]
    }

    public struct Suggestion: Codable, Equatable {
        public var more: String
        public var less: String
        public var current: Double
        public var suggested: Double
        public var consistencyRatioAfter: Double
    }

    public static func document(_ dossier: Dossier) -> Document {
        Document(dossier: dossier.id, weightSets: dossier.weightSets.map { set in
            let w = NormalisedWeights(set, criteria: dossier.criteria)
            return WeightSetEntry(id: set.id, name: set.name, method: set.method.fileName, local: w.local, global: w.global, groups: w.groups.map { g in
                Group(parent: g.parent, members: g.members, weights: g.weights, equal: g.equal, ahp: g.pairwise.map { r in
                    AHP(lambdaMax: r.lambdaMax, consistencyIndex: r.consistencyIndex, consistencyRatio: r.consistencyRatio,
                        randomIndex: PairwiseComparison.randomIndex(g.members.count), randomIndexTable: PairwiseComparison.randomIndexTableName,
                        randomIndexValues: PairwiseComparison.randomIndexTable, matrix: r.completed,
                        acceptable: r.isAcceptable, complete: g.comparison?.isComplete ?? true,
                        suggestions: (g.comparison?.mostInconsistent() ?? []).map {
                            Suggestion(more: $0.more, less: $0.less, current: $0.current, suggested: $0.suggested, consistencyRatioAfter: $0.consistencyRatioAfter)
                        })
                })
            })
        }, conventions: conventions)
    }
}
