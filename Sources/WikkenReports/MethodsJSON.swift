import WikkenCore

/// Every method's result per weight set, with rank correlations, for scripts — and the working a
/// textbook prints (`working`), so that a worked example can be followed step by step, and the
/// conventions of every method (`conventions`).
public enum MethodsJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var options: [String]
        public var weightSets: [WeightSetEntry]
        public var conventions: [String: String]
    }

    /// The decision matrix the methods share, and each method's intermediate results. Matrices
    /// are rows per option (columns per criterion, or per option for π).
    public struct Working: Codable, Equatable {
        public var criteria: [String]
        public var benefit: [Bool]
        public var weights: [Double]
        public var values: [[Double]]
        public var topsis: TopsisWorking
        public var promethee: PrometheeWorking
        public var vikor: VikorWorking
    }

    public struct TopsisWorking: Codable, Equatable {
        public var normalised: [[Double]]
        public var weighted: [[Double]]
        public var ideal: [Double]
        public var antiIdeal: [Double]
        public var distanceToIdeal: [Double]
        public var distanceToAntiIdeal: [Double]
        public var closeness: [Double]
    }

    public struct PrometheeWorking: Codable, Equatable {
        public struct Function: Codable, Equatable {
            public var function: String
            public var thresholds: [String: Double]
            public var tolerance: Double
        }
        public var functions: [Function]
        /// π(a, b); left out (nil) above ``MethodsJSON/preferenceMatrixLimit`` options.
        public var preferenceMatrix: [[Double]]?
        public var criterionNetFlows: [[Double]]
        public var positive: [Double]
        public var negative: [Double]
        public var net: [Double]
    }

    public struct VikorWorking: Codable, Equatable {
        public var best: [Double]
        public var worst: [Double]
        public var dq: Double
    }

    /// Above this many options the π matrix (n² numbers) is left out of the JSON.
    public static let preferenceMatrixLimit = 200

    /// Each method's conventions, as stated in its code documentation and `docs/methods.md`.
    public static let conventions: [String: String] = [
        "mavt": "values 0–100 per criterion (linear between worst and best unless the scale says otherwise), weights normalised within each group, weighted sum",
        "ahp": "values 0–100 read as a ratio scale; distributive divides each criterion by its sum, ideal by its best; weighted sum",
        "promethee": "P_j of d = g(a) − g(b) (negated for cost criteria); π(a,b) = Σ w_j P_j; φ+ and φ− divided by (n − 1); φ = φ+ − φ−; a difference within 1e-9 (relative to the criterion's thresholds and values) of 0 or a threshold counts as equal to it",
        "topsis": "vector normalisation x / √(Σ x²) (a zero column stays 0), weighted, Euclidean distances to ideal and anti-ideal, closeness D− / (D+ + D−) (0.5 when all options are equal)",
        "vikor": "regret w (f* − f) / (f* − f^) (0 when f* = f^); S sum, R max; Q = v (S − S*)/(S^ − S*) + (1 − v)(R − R*)/(R^ − R*); DQ = 1/(n − 1); C1 Q(A2) − Q(A1) ≥ DQ, C2 A1 best by S or R; both hold: A1; only C2 fails: A1 and A2; C1 fails (alone or with C2): every option with Q − Q(A1) < DQ; conditions allow 1e-12",
        "ties": "totals within 1e-9 count as tied (shared place) in every method; PROMETHEE I compares φ+ and φ− within 1e-12",
        "agreement": "Spearman's ρ with average ranks for ties; Kendall's τ-b",
    ]

    public struct WeightSetEntry: Codable, Equatable {
        public var id: String
        public var methods: [MethodEntry]
        public var prometheeI: PrometheeI
        public var vikor: VikorDetail
        public var spearman: [String: [String: Double?]]
        public var kendall: [String: [String: Double?]]
        public var working: Working
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
                spearman: matrix(c.spearman), kendall: matrix(c.kendall),
                working: working(c.matrix)
            )
        }, conventions: conventions)
    }

    /// PROMETHEE's working: the textbook O(n² m) computation up to ``preferenceMatrixLimit``
    /// options; above it (π is left out anyway) the same numbers from the fast path, so that a
    /// large dossier costs O(n log n) per criterion: each criterion's own net flow is the net flow
    /// of that criterion alone with weight 1.
    public static func prometheeWorking(_ matrix: DecisionMatrix) -> Promethee.Working {
        let n = matrix.optionCount, m = matrix.criterionCount
        guard n > preferenceMatrixLimit else { return Promethee.working(matrix) }
        let whole = Promethee.analyse(matrix)
        var profile = [Double](repeating: 0, count: n * m)
        for j in 0..<m {
            let single = DecisionMatrix(options: matrix.options, criteria: [matrix.criteria[j]], values: matrix.column(j),
                                        benefit: [matrix.benefit[j]], weights: [1], preferences: [matrix.preferences[j]])
            for (i, flow) in Promethee.analyse(single).net.enumerated() { profile[i * m + j] = flow }
        }
        return Promethee.Working(preference: [], criterionNetFlows: profile, positive: whole.positive, negative: whole.negative,
                                 net: whole.net, tolerances: (0..<m).map { Promethee.tolerance(matrix, criterion: $0) })
    }

    static func working(_ matrix: DecisionMatrix) -> Working {
        let n = matrix.optionCount, m = matrix.criterionCount
        func rows(_ flat: [Double], _ width: Int) -> [[Double]] { (0..<n).map { Array(flat[($0 * width)..<(($0 + 1) * width)]) } }
        let t = Topsis.working(matrix), p = prometheeWorking(matrix), v = Vikor.bounds(matrix)
        return Working(
            criteria: matrix.criteria, benefit: matrix.benefit, weights: matrix.weights, values: rows(matrix.values, m),
            topsis: TopsisWorking(normalised: rows(t.normalised, m), weighted: rows(t.weighted, m), ideal: t.ideal, antiIdeal: t.antiIdeal,
                                  distanceToIdeal: t.distanceToIdeal, distanceToAntiIdeal: t.distanceToAntiIdeal, closeness: t.closeness),
            promethee: PrometheeWorking(
                functions: matrix.preferences.enumerated().map { j, f in
                    .init(function: f.fileName, thresholds: Dictionary(firstValues: f.thresholds.map { ($0.0, $0.1) }), tolerance: p.tolerances[j])
                },
                preferenceMatrix: n <= preferenceMatrixLimit ? rows(p.preference, n) : nil,
                criterionNetFlows: rows(p.criterionNetFlows, m), positive: p.positive, negative: p.negative, net: p.net),
            vikor: VikorWorking(best: v.best, worst: v.worst, dq: v.dq))
    }
}
