/// How much each criterion adds to the gap between two options' totals.
public struct CriterionDifference: Sendable, Equatable {
    public var criterion: String
    /// Contribution to option A minus contribution to option B (points on the 0–100 total scale).
    public var difference: Double
}

extension WeightSetResult {
    /// Per criterion in `criteria` (e.g. the top-level ones), contribution(a) − contribution(b),
    /// largest absolute difference first. The differences sum to total(a) − total(b) when
    /// `criteria` partitions the tree.
    public func differences(_ a: Int, _ b: Int, over criteria: [String], in result: MavtResult) -> [CriterionDifference] {
        criteria.map { c in
            CriterionDifference(criterion: c, difference: contribution(option: a, criterion: c, in: result) - contribution(option: b, criterion: c, in: result))
        }
        .sorted { abs($0.difference) > abs($1.difference) }
    }

    /// True when the total ranges of the first two options overlap, so uncertainty in the scores
    /// could swap them.
    public var topTwoOverlap: Bool {
        guard ranking.count >= 2 else { return false }
        let a = ranking[0].option, b = ranking[1].option
        return totalLow[a] < totalHigh[b] - Mavt.tieTolerance
    }
}
