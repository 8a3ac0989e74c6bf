import WikkenCore

/// Every method's result per weight set, with rank correlations, for scripts.
public enum MethodsJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var options: [String]
        public var weightSets: [WeightSetEntry]
    }

    public struct WeightSetEntry: Codable, Equatable {
        public var id: String
        public var methods: [MethodEntry]
        public var prometheeI: PrometheeI
        public var vikor: VikorDetail
        public var spearman: [String: [String: Double?]]
        public var kendall: [String: [String: Double?]]
    }

    public struct MethodEntry: Codable, Equatable {
        public var method: String
        public var scores: [Double]
        public var ranks: [Int]
    }

    public struct PrometheeI: Codable, Equatable {
        public var positive: [Double]
        public var negative: [Double]
        public var best: [String]
    }

    public struct VikorDetail: Codable, Equatable {
        public var v: Double
        public var s: [Double]
        public var r: [Double]
        public var q: [Double]
        public var acceptableAdvantage: Bool
        public var acceptableStability: Bool
        public var compromise: [String]
    }

    public static func document(_ dossier: Dossier, _ comparisons: [MethodComparison]) -> Document {
        let ids = dossier.options.map(\.id)
        return Document(dossier: dossier.id, options: ids, weightSets: comparisons.map { c in
            let names = c.entries.map(\.method.rawValue)
            func matrix(_ m: [[Double?]]) -> [String: [String: Double?]] {
                Dictionary(uniqueKeysWithValues: names.indices.map { a in (names[a], Dictionary(uniqueKeysWithValues: names.indices.map { b in (names[b], m[a][b]) })) })
            }
            return WeightSetEntry(
                id: c.weightSet,
                methods: c.entries.map { e in
                    var ranks = Array(repeating: 0, count: ids.count)
                    for r in e.ranking { ranks[r.option] = r.rank }
                    return MethodEntry(method: e.method.rawValue, scores: e.scores, ranks: ranks)
                },
                prometheeI: PrometheeI(positive: c.promethee.positive, negative: c.promethee.negative, best: c.promethee.partialOrderBest.map { ids[$0] }),
                vikor: VikorDetail(v: c.vikor.v, s: c.vikor.s, r: c.vikor.r, q: c.vikor.q, acceptableAdvantage: c.vikor.acceptableAdvantage,
                                   acceptableStability: c.vikor.acceptableStability, compromise: c.vikor.compromise.map { ids[$0] }),
                spearman: matrix(c.spearman), kendall: matrix(c.kendall)
            )
        })
    }
}
