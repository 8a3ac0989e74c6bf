/// Combining the results of several partners (gemeente, corporatie, huurdersorganisatie) into a
/// joint view, without losing any partner's own result: the lenses of social choice side by side,
/// each named with its convention.
///
/// Input is one row of values per partner (one value per option, higher is better: the partner's
/// own MAVT totals) and one weight per partner. **Partners count equally by default** — a partner
/// is an organisation, not a head count; other partner weights are explicit and shown.
///
/// - **Gewogen totaal** (AIP, aggregation of individual priorities): Σₚ wₚ·vₚᵢ / Σₚ wₚ, the
///   weighted arithmetic mean of the partners' own totals.
/// - **Borda**: a partner gives an option n − r points for average rank r (1 = best; ties share
///   their ranks), weighted by the partner's weight. The best option gets n − 1 points from a
///   partner, the worst 0.
/// - **Copeland**: an option beats another when the partners preferring it weigh more than the
///   partners preferring the other (ties in a partner's ranking prefer neither); score = wins −
///   losses. The **Condorcet winner** beats every other option, and need not exist.
/// - **Mediaanrang**: the weighted median of the option's ranks (the rank where the cumulative
///   weight first reaches half; exactly half averages with the next rank, so equal weights give
///   the ordinary median). Lower is better.
///
/// Values closer than `tolerance` count as tied. Every result is defined for every input that
/// ``GroupRanking/init(partners:values:weights:tolerance:)`` accepts: no NaN.
public struct GroupRanking: Sendable, Equatable {
    public enum Lens: String, CaseIterable, Sendable {
        case weightedTotal = "gewogen-totaal", borda, copeland, medianRank = "mediaanrang"

        /// Whether a higher score is better under this lens.
        public var higherIsBetter: Bool { self != .medianRank }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Fewer than two partners or two options: nothing to combine.
        case tooFew(partners: Int, options: Int)
        /// A partner's row has another length than the options.
        case rowLength(partner: String, expected: Int, found: Int)
        /// A partner weight that is negative or not finite, or weights that sum to zero.
        case weight(partner: String?)
        /// A value that is not finite (a missing score must be settled before combining).
        case value(partner: String, option: Int)
    }

    public let partners: [String]
    /// Values per partner (rows) and option (columns), higher is better.
    public let values: [[Double]]
    /// Partner weights as given, and normalised to sum 1.
    public let weights: [Double]
    public let tolerance: Double

    /// - Parameter weights: one per partner; nil for equal weights.
    public init(partners: [String], values: [[Double]], weights: [Double]? = nil, tolerance: Double = 1e-9) throws(Problem) {
        let n = values.first?.count ?? 0
        guard partners.count >= 2, values.count == partners.count, n >= 2 else { throw .tooFew(partners: partners.count, options: n) }
        for (p, row) in values.enumerated() {
            guard row.count == n else { throw .rowLength(partner: partners[p], expected: n, found: row.count) }
            if let bad = row.firstIndex(where: { !$0.isFinite }) { throw .value(partner: partners[p], option: bad) }
        }
        let given = weights ?? Array(repeating: 1, count: partners.count)
        guard given.count == partners.count else { throw .weight(partner: nil) }
        if let bad = given.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw .weight(partner: partners[bad]) }
        let total = given.reduce(0, +)
        guard total > 0, total.isFinite else { throw .weight(partner: nil) }
        self.partners = partners
        self.values = values
        self.weights = given.map { $0 / total }
        self.tolerance = tolerance
    }

    public var optionCount: Int { values[0].count }

    /// Whether every partner counts the same (the default).
    public var equalWeights: Bool { weights.allSatisfy { abs($0 - weights[0]) <= 1e-9 } }

    /// Average ranks (1 = best) per partner.
    public var ranks: [[Double]] { values.map { RankCorrelation.averageRanks($0, tolerance: tolerance) } }

    /// The score of every option under a lens (see ``Lens/higherIsBetter``).
    public func scores(_ lens: Lens) -> [Double] {
        let n = optionCount
        switch lens {
        case .weightedTotal:
            return (0..<n).map { i in zip(values, weights).reduce(0) { $0 + $1.1 * $1.0[i] } }
        case .borda:
            let r = ranks
            return (0..<n).map { i in zip(r, weights).reduce(0) { $0 + $1.1 * (Double(n) - $1.0[i]) } }
        case .copeland:
            let m = pairwiseMargins
            return (0..<n).map { i in Double((0..<n).reduce(0) { $0 + (m[i][$1] > tolerance ? 1 : m[i][$1] < -tolerance ? -1 : 0) }) }
        case .medianRank:
            let r = ranks
            return (0..<n).map { i in Self.weightedMedian(r.map { $0[i] }, weights: weights, tolerance: tolerance) }
        }
    }

    /// margin[i][j]: the weight of partners preferring i to j minus the weight preferring j to i.
    public var pairwiseMargins: [[Double]] {
        let n = optionCount
        var margin = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for (row, w) in zip(values, weights) {
            for i in 0..<n {
                for j in 0..<n where i != j {
                    if row[i] - row[j] > tolerance { margin[i][j] += w } else if row[j] - row[i] > tolerance { margin[i][j] -= w }
                }
            }
        }
        return margin
    }

    /// The option that beats every other one pairwise, if there is one.
    public var condorcetWinner: Int? {
        let m = pairwiseMargins
        return (0..<optionCount).first { i in (0..<optionCount).allSatisfy { j in i == j || m[i][j] > tolerance } }
    }

    /// The options first under a lens (several when tied).
    public func first(_ lens: Lens) -> [Int] {
        let s = scores(lens)
        guard let best = lens.higherIsBetter ? s.max() : s.min() else { return [] }
        return s.indices.filter { abs(s[$0] - best) <= max(tolerance, 1e-9) }
    }

    /// Whether the lenses agree on the first place; if not, the options at stake (first under
    /// some lens), in option order.
    public var disputedFirst: [Int]? {
        let firsts = Lens.allCases.map { Set(first($0)) }
        guard Set(firsts).count > 1 else { return nil }
        return firsts.reduce(Set<Int>()) { $0.union($1) }.sorted()
    }

    /// The partners whose own result puts `option` first (alone or tied).
    public func partnersPreferring(_ option: Int) -> [Int] {
        values.indices.filter { p in
            let row = values[p]
            return row.allSatisfy { row[option] - $0 >= -tolerance }
        }
    }

    /// The smallest shift of partner weight that changes the first place of the weighted total.
    ///
    /// Convention: weight moves towards one partner p, w(t) = (1 − t)·w + t·eₚ, the others keeping
    /// their proportions; the combined total is linear in t, so for the current first option a
    /// and a challenger b the margin (1 − t)·D + t·(vₚₐ − vₚᵦ) reaches zero at
    /// t = D / (D − (vₚₐ − vₚᵦ)) when partner p prefers b. The smallest t over all p and b wins;
    /// at that t, a and b tie.
    public struct Flip: Sendable, Equatable {
        public var partner: Int
        /// The option that takes over first place.
        public var challenger: Int
        /// The share of weight moved, 0…1.
        public var shift: Double
        /// The partner's weight (0…1) at which the first place changes.
        public var partnerWeight: Double
    }

    /// nil when no shift of weight towards one partner changes the first place (every partner
    /// puts the same option first), or when the first place is already tied.
    public var flip: Flip? {
        let totals = scores(.weightedTotal)
        let leaders = first(.weightedTotal)
        guard leaders.count == 1, let a = leaders.first else { return nil }
        var best: Flip?
        for p in partners.indices {
            for b in totals.indices where b != a {
                let margin = totals[a] - totals[b]
                let own = values[p][a] - values[p][b]
                guard own < -tolerance, margin > 0 else { continue }
                let t = margin / (margin - own)
                if best.map({ t < $0.shift - 1e-12 }) ?? true {
                    best = Flip(partner: p, challenger: b, shift: t, partnerWeight: (1 - t) * weights[p] + t)
                }
            }
        }
        return best
    }

    /// Weighted median of `values` with weights summing to 1 (see the type's documentation).
    static func weightedMedian(_ values: [Double], weights: [Double], tolerance: Double) -> Double {
        let order = values.indices.filter { weights[$0] > 0 }.sorted { values[$0] < values[$1] }
        var cumulative = 0.0
        for (k, index) in order.enumerated() {
            cumulative += weights[index]
            if abs(cumulative - 0.5) <= 1e-12, k + 1 < order.count { return (values[index] + values[order[k + 1]]) / 2 }
            if cumulative > 0.5 { return values[index] }
        }
        return values[order[order.count - 1]]
    }
}
