import WikkenCore

/// Weights per weight set for scripts: the method, local and global weights, and per group how
/// the weights were derived (AHP: λmax, CI, CR and suggestions).
public enum WeightsJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var weightSets: [WeightSetEntry]
    }

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
                        acceptable: r.isAcceptable, complete: g.comparison?.isComplete ?? true,
                        suggestions: (g.comparison?.mostInconsistent() ?? []).map {
                            Suggestion(more: $0.more, less: $0.less, current: $0.current, suggested: $0.suggested, consistencyRatioAfter: $0.consistencyRatioAfter)
                        })
                })
            })
        })
    }
}
