/// Fallback bargaining (Brams & Kilgour 2001, "Fallback bargaining", *Group Decision and
/// Negotiation* 10(4): 287–316): every partner descends its own ranking one place at a time, all
/// at once, until some option is acceptable to all — it lies within every partner's top so far.
/// Those options are the outcome (several when they reach everyone at the same depth); the depth
/// says how far everyone had to give way.
///
/// Ties: a partner's top-k holds every option whose competition rank (1 + the number of options
/// strictly better) is at most k, so options tied with the k-th come in together. Options a
/// partner objects to (*bezwaar*) are never acceptable to that partner, so the descent can end
/// without an outcome; then ``Result/outcome`` is empty and every step is shown.
public enum FallbackBargaining {
    public struct Step: Sendable, Equatable {
        /// 1 = every partner's first choice.
        public var depth: Int
        /// Per partner, the options acceptable at this depth.
        public var acceptable: [[Int]]
        /// Options acceptable to every partner at this depth.
        public var common: [Int]
    }

    public struct Result: Sendable, Equatable {
        public var steps: [Step]
        public var outcome: [Int] { steps.last?.common ?? [] }
    }

    /// - Parameters:
    ///   - values: per partner, one value per option (higher is better).
    ///   - vetoed: per partner, the options it objects to (never acceptable to it).
    public static func run(values: [[Double]], vetoed: [Set<Int>] = [], tolerance: Double = 1e-9) -> Result {
        guard let n = values.first?.count, n > 0, !values.isEmpty else { return Result(steps: []) }
        let competitionRanks = values.map { row in
            row.indices.map { i in 1 + row.indices.filter { row[$0] - row[i] > tolerance }.count }
        }
        var steps: [Step] = []
        for depth in 1...n {
            let acceptable = competitionRanks.enumerated().map { p, ranks in
                ranks.indices.filter { ranks[$0] <= depth && !(p < vetoed.count && vetoed[p].contains($0)) }
            }
            let common = acceptable.dropFirst().reduce(Set(acceptable[0])) { $0.intersection($1) }.sorted()
            steps.append(Step(depth: depth, acceptable: acceptable, common: common))
            if !common.isEmpty { break }
        }
        return Result(steps: steps)
    }
}
