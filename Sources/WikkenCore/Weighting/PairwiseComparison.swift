import Foundation

/// AHP pairwise comparison of the elements of one group (criteria under one parent, or options on
/// one criterion), on Saaty's 1–9 scale.
///
/// Conventions:
/// - `a_ij` says how many times more important element i is than j; `a_ji = 1 / a_ij`.
/// - **Priorities**: the principal right eigenvector, normalised to sum 1, by power iteration to a
///   change below 1e-13 (Saaty 1977).
/// - **Incomplete matrices** (missing judgements): Harker's method (Harker 1987): a missing `a_ij`
///   becomes 0 and each diagonal entry becomes 1 + the number of missing judgements in its row; the
///   principal eigenvector of that matrix gives the priorities. The comparisons must connect all
///   elements.
/// - **Consistency**: `λmax` of the completed matrix (missing entries filled with `w_i / w_j`),
///   `CI = (λmax − n)/(n − 1)`, `CR = CI / RI(n)` with Saaty's random index table (Saaty 1980,
///   *The Analytic Hierarchy Process*): n = 3…10: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
///   CR ≤ 0.10 counts as acceptable. For n ≤ 2 the judgements are always consistent and CR = 0.
///   For n > 10 published tables disagree, so no CR is given (`nil`): split such a group.
public struct PairwiseComparison: Sendable, Equatable {
    /// The element ids, in order.
    public var elements: [String]
    /// `matrix[i][j]`: the judgement of i over j; `nil` where missing (the diagonal is 1).
    public var matrix: [[Double?]]

    public init(elements: [String], matrix: [[Double?]]) {
        self.elements = elements
        self.matrix = matrix
    }

    /// Builds the reciprocal matrix from judgements "a is `value` times as important as b".
    public init(elements: [String], judgements: [Judgement]) {
        let index = Dictionary(firstValues: elements.enumerated().map { ($1, $0) })
        var m = [[Double?]](repeating: [Double?](repeating: nil, count: elements.count), count: elements.count)
        for i in elements.indices { m[i][i] = 1 }
        for j in judgements {
            guard let a = index[j.more], let b = index[j.less] else { continue }
            m[a][b] = j.value
            m[b][a] = 1 / j.value
        }
        self.init(elements: elements, matrix: m)
    }

    public var count: Int { elements.count }
    public var isComplete: Bool { matrix.allSatisfy { $0.allSatisfy { $0 != nil } } }

    /// Saaty's random index for a matrix of order n (n ≤ 2: 0; n > 10: nil).
    public static func randomIndex(_ n: Int) -> Double? {
        n >= 0 && n < randomIndexTable.count ? randomIndexTable[n] : nil
    }

    /// Saaty's (1980) random indices RI for orders 0…10, as used for CR = CI / RI.
    public static let randomIndexTable: [Double] = [0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]

    public static let randomIndexTableName = "Saaty (1980)"

    /// True when every element is linked to every other through judgements.
    public var isConnected: Bool {
        guard count > 1 else { return true }
        var seen: Set<Int> = [0], stack = [0]
        while let i = stack.popLast() {
            for j in 0..<count where j != i && matrix[i][j] != nil && !seen.contains(j) {
                seen.insert(j)
                stack.append(j)
            }
        }
        return seen.count == count
    }

    /// Priorities, consistency and the completed matrix. Requires a connected matrix.
    public func analyse() -> PairwiseResult {
        let n = count
        guard n > 1 else {
            return PairwiseResult(priorities: Array(repeating: 1, count: n), lambdaMax: Double(n), consistencyIndex: 0, consistencyRatio: 0, completed: matrix.map { $0.map { $0 ?? 1 } })
        }
        // Harker's matrix: 0 for a missing judgement, diagonal 1 + missing count in the row.
        var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            var missing = 0
            for j in 0..<n where j != i {
                if let v = matrix[i][j] { h[i][j] = v } else { missing += 1 }
            }
            h[i][i] = 1 + Double(missing)
        }
        let w = Self.principalEigenvector(h)
        var completed = h
        for i in 0..<n { for j in 0..<n { completed[i][j] = i == j ? 1 : (matrix[i][j] ?? w[i] / w[j]) } }
        let lambda = Self.lambdaMax(completed, w)
        let ci = max(0, (lambda - Double(n)) / Double(n - 1))
        let cr = Self.randomIndex(n).map { $0 > 0 ? ci / $0 : 0 }
        return PairwiseResult(priorities: w, lambdaMax: lambda, consistencyIndex: ci, consistencyRatio: cr, completed: completed)
    }

    /// Power iteration from the row geometric means; normalised to sum 1.
    static func principalEigenvector(_ a: [[Double]]) -> [Double] {
        let n = a.count
        var w = a.map { row in row.reduce(1.0) { $0 * max($1, 1e-300) } }.map { pow($0, 1 / Double(n)) }
        var sum = w.reduce(0, +)
        for i in 0..<n { w[i] /= sum }
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<1000 {
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += a[i][j] * w[j] }
                next[i] = s
            }
            sum = next.reduce(0, +)
            var change = 0.0
            for i in 0..<n {
                let v = next[i] / sum
                change = max(change, abs(v - w[i]))
                w[i] = v
            }
            if change < 1e-13 { break }
        }
        return w
    }

    static func lambdaMax(_ a: [[Double]], _ w: [Double]) -> Double {
        let n = a.count
        var total = 0.0
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += a[i][j] * w[j] }
            total += s / w[i]
        }
        return total / Double(n)
    }

    /// The judgements whose change would lower CR most: for each given judgement, the value on
    /// Saaty's scale (1/9…9) that gives the lowest CR when only that judgement changes, and that CR;
    /// best improvement first. Only changes that lower CR are listed.
    public func mostInconsistent(limit: Int = 3) -> [JudgementSuggestion] {
        let base = analyse()
        guard let baseCR = base.consistencyRatio, baseCR > 0 else { return [] }
        var suggestions: [JudgementSuggestion] = []
        for i in 0..<count {
            for j in 0..<count where i != j {
                guard let current = matrix[i][j], current >= 1 else { continue } // each pair once, from the side ≥ 1
                var best: (value: Double, cr: Double)? = nil
                var changed = self
                for proposed in SaatyScale.values where abs(proposed - current) > 1e-9 {
                    changed.matrix[i][j] = proposed
                    changed.matrix[j][i] = 1 / proposed
                    if let cr = changed.analyse().consistencyRatio, cr < (best?.cr ?? baseCR - 1e-12) { best = (proposed, cr) }
                }
                if let best {
                    suggestions.append(JudgementSuggestion(more: elements[i], less: elements[j], current: current, suggested: best.value, consistencyRatioAfter: best.cr))
                }
            }
        }
        return Array(suggestions.sorted { $0.consistencyRatioAfter < $1.consistencyRatioAfter }.prefix(limit))
    }
}

/// "`more` is `value` times as important as `less`" (value in 1/9…9).
public struct Judgement: Sendable, Equatable {
    public var more: String
    public var less: String
    public var value: Double

    public init(_ more: String, _ less: String, _ value: Double) {
        self.more = more
        self.less = less
        self.value = value
    }
}

public struct PairwiseResult: Sendable, Equatable {
    /// Priorities of the elements, summing to 1.
    public var priorities: [Double]
    public var lambdaMax: Double
    public var consistencyIndex: Double
    /// `nil` for groups larger than 10 (no agreed random index).
    public var consistencyRatio: Double?
    /// The reciprocal matrix with missing judgements filled in from the priorities.
    public var completed: [[Double]]

    /// Saaty's rule of thumb: CR ≤ 0.10.
    public var isAcceptable: Bool { (consistencyRatio ?? 1) <= 0.10 + 1e-12 }
}

/// A judgement to reconsider, with the value that would make the comparisons most consistent.
public struct JudgementSuggestion: Sendable, Equatable {
    public var more: String
    public var less: String
    public var current: Double
    /// On the Saaty scale: 1…9 or 1/2…1/9 (then `less` is in fact more important).
    public var suggested: Double
    public var consistencyRatioAfter: Double
}

/// Saaty's fundamental scale with Dutch verbal labels.
public enum SaatyScale {
    /// The values 1/9 … 1 … 9.
    public static let values: [Double] = (2...9).reversed().map { 1 / Double($0) } + (1...9).map(Double.init)

    public static func nearest(to x: Double) -> Double {
        // Nearest on a logarithmic scale, as the judgements are ratios.
        values.min { abs(log($0) - log(x)) < abs(log($1) - log(x)) }!
    }

    /// Dutch labels for 1, 3, 5, 7, 9 (even numbers lie between two labels).
    public static let dutchLabels: [(Double, String)] = [
        (1, "even belangrijk"),
        (3, "iets belangrijker"),
        (5, "belangrijker"),
        (7, "veel belangrijker"),
        (9, "extreem veel belangrijker"),
    ]

    public static let englishLabels: [(Double, String)] = [
        (1, "equally important"),
        (3, "moderately more important"),
        (5, "strongly more important"),
        (7, "very strongly more important"),
        (9, "extremely more important"),
    ]

    /// The value of a Dutch (or English) label, if it is one.
    public static func value(ofLabel label: String) -> Double? {
        let l = label.lowercased()
        return (dutchLabels + englishLabels).first { $0.1 == l }?.0
    }

    /// The label for a value ≥ 1 ("tussen iets belangrijker en belangrijker" for 4).
    public static func label(for value: Double, language: Language) -> String {
        let labels = language == .nl ? dutchLabels : englishLabels
        if let exact = labels.first(where: { abs($0.0 - value) < 1e-9 }) { return exact.1 }
        if let lower = labels.last(where: { $0.0 < value }), let upper = labels.first(where: { $0.0 > value }) {
            return language == .nl ? "tussen \(lower.1) en \(upper.1)" : "between \(lower.1) and \(upper.1)"
        }
        return NumberText.plain(value)
    }
}
