/// Weights from a ranking of criteria (surrogate weights), for when people can order criteria by
/// importance but not give numbers. Positions count from 1 (most important).
///
/// - **ROC**, rank order centroid (Barron & Barrett 1996): `w_k = (1/n) Σ_{i=k}^{n} 1/i`, the centre
///   of the set of weight vectors that respect the order.
/// - **rank sum** (Stillwell, Seaver & Edwards 1981): `w_k = 2(n + 1 − k) / (n(n + 1))`.
/// - **rank reciprocal** (Stillwell et al. 1981): `w_k = (1/k) / Σ_i 1/i`.
///
/// Criteria tied in the ranking share the average of the weights of the positions they occupy.
public enum RankOrderFormula: String, Sendable, CaseIterable {
    case rankOrderCentroid
    case rankSum
    case rankReciprocal

    /// Weights for positions 1…n (summing to 1).
    public func weights(count n: Int) -> [Double] {
        guard n > 0 else { return [] }
        let N = Double(n)
        switch self {
        case .rankOrderCentroid:
            return (1...n).map { k in (k...n).reduce(0.0) { $0 + 1 / Double($1) } / N }
        case .rankSum:
            return (1...n).map { k in 2 * (N + 1 - Double(k)) / (N * (N + 1)) }
        case .rankReciprocal:
            let h = (1...n).reduce(0.0) { $0 + 1 / Double($1) }
            return (1...n).map { 1 / Double($0) / h }
        }
    }

    /// Weights for a ranking with ties: `ranking[i]` lists the criteria sharing place i.
    public func weights(for ranking: [[String]]) -> [String: Double] {
        let n = ranking.reduce(0) { $0 + $1.count }
        let positional = weights(count: n)
        var result: [String: Double] = [:]
        var position = 0
        for tier in ranking {
            let share = positional[position..<(position + tier.count)].reduce(0, +) / Double(tier.count)
            for id in tier { result[id] = share }
            position += tier.count
        }
        return result
    }
}

/// SWING weighting (von Winterfeldt & Edwards 1986): imagine every criterion at its worst; the
/// swing to best that matters most gets 100 points, each other swing points relative to it. The
/// weight of a criterion is its points divided by the sum of points in its group.
public enum Swing {
    /// Validates that the largest swing in a group has 100 points and all points lie in 0–100.
    public static func isValidGroup(_ points: [Double]) -> Bool {
        points.allSatisfy { (0...100).contains($0) } && points.max() == 100
    }
}
