import Foundation

/// A partner that sends a delegation (several people) weighs as one: **AIJ**, aggregation of
/// individual judgements (Forman & Peniwati 1998, *EJOR* 108(1)). Each criterion's weight is the
/// geometric mean of the members' weights, renormalised to sum 1; a pairwise judgement is the
/// geometric mean of the members' ratios (Aczél & Saaty 1983: the only mean that keeps
/// reciprocity, so the combined judgements still form a reciprocal matrix).
///
/// A member's zero weight makes the criterion's combined weight zero (the geometric mean's
/// nature, shown, not hidden). A delegation of one is that member.
public enum Delegation {
    /// The combined weights of members' weight rows (same criteria, same order); nil when there
    /// are no members, rows differ in length, a weight is negative or not finite, or every
    /// combined weight is zero.
    public static func combinedWeights(_ members: [[Double]]) -> [Double]? {
        guard let n = members.first?.count, n > 0, members.allSatisfy({ $0.count == n }),
              members.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else { return nil }
        let k = Double(members.count)
        // Means of logarithms, not products: a delegation of twenty does not underflow.
        let means = (0..<n).map { c -> Double in
            members.contains { $0[c] == 0 } ? 0 : exp(members.reduce(0) { $0 + log($1[c]) } / k)
        }
        let total = means.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        return means.map { $0 / total }
    }

    /// The combined ratio of members' judgements of the same pair (each > 0); nil otherwise.
    public static func combinedJudgement(_ ratios: [Double]) -> Double? {
        guard !ratios.isEmpty, ratios.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        return exp(ratios.reduce(0) { $0 + log($1) } / Double(ratios.count))
    }
}
