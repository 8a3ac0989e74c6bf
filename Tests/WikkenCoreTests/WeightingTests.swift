import Testing
import WikkenCore

@Suite("AHP pairwise comparison")
struct PairwiseComparisonTests {
    /// Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process. European
    /// Journal of Operational Research 48, 9–26: the house example, Table 2 (eight criteria).
    /// Printed: priorities .173 .054 .188 .018 .031 .036 .167 .333; λmax 9.669; CI 0.238; CR 0.169.
    static let house: [[Double]] = [
        [1, 5, 3, 7, 6, 6, 1.0 / 3, 1.0 / 4],
        [1.0 / 5, 1, 1.0 / 3, 5, 3, 3, 1.0 / 5, 1.0 / 7],
        [1.0 / 3, 3, 1, 6, 3, 4, 6, 1.0 / 5],
        [1.0 / 7, 1.0 / 5, 1.0 / 6, 1, 1.0 / 3, 1.0 / 4, 1.0 / 7, 1.0 / 8],
        [1.0 / 6, 1.0 / 3, 1.0 / 3, 3, 1, 1.0 / 2, 1.0 / 5, 1.0 / 6],
        [1.0 / 6, 1.0 / 3, 1.0 / 4, 4, 2, 1, 1.0 / 5, 1.0 / 6],
        [3, 5, 1.0 / 6, 7, 5, 5, 1, 1.0 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ]

    @Test("Saaty's house example: priorities, λmax, CI and CR as printed")
    func saatyHouse() {
        let c = PairwiseComparison(elements: (1...8).map { "c\($0)" }, matrix: Self.house.map { $0.map(Optional.some) })
        let r = c.analyse()
        let printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
        for (p, q) in zip(r.priorities, printed) { #expect(abs(p - q) < 0.0005) }
        #expect(abs(r.lambdaMax - 9.669) < 0.0005)
        #expect(abs(r.consistencyIndex - 0.238) < 0.0005)
        #expect(abs(r.consistencyRatio! - 0.169) < 0.0005)
        #expect(!r.isAcceptable)
    }

    @Test("a consistent matrix gives its ratios exactly, CR 0")
    func consistent() {
        let w = [0.5, 0.3, 0.2]
        let m = w.map { a in w.map { b in Optional(a / b) } }
        let r = PairwiseComparison(elements: ["a", "b", "c"], matrix: m).analyse()
        for (p, q) in zip(r.priorities, w) { #expect(abs(p - q) < 1e-12) }
        #expect(abs(r.consistencyRatio!) < 1e-12)
    }

    @Test("Harker's method recovers a consistent matrix with a judgement missing")
    func harker() {
        let w = [0.5, 0.3, 0.2]
        var m = w.map { a in w.map { b in Optional(a / b) } }
        m[0][2] = nil
        m[2][0] = nil
        let c = PairwiseComparison(elements: ["a", "b", "c"], matrix: m)
        #expect(!c.isComplete)
        #expect(c.isConnected)
        let r = c.analyse()
        for (p, q) in zip(r.priorities, w) { #expect(abs(p - q) < 1e-12) }
        #expect(abs(r.completed[0][2] - 2.5) < 1e-12)
    }

    @Test("the judgement that breaks consistency is pointed out, with the value that repairs it")
    func mostInconsistent() {
        // Consistent with weights 8:4:2:1, except b:d, which says 1/4 instead of 4.
        let c = PairwiseComparison(elements: ["a", "b", "c", "d"], judgements: [
            Judgement("a", "b", 2), Judgement("a", "c", 4), Judgement("a", "d", 8),
            Judgement("b", "c", 2), Judgement("d", "b", 4), Judgement("c", "d", 2),
        ])
        #expect(c.analyse().consistencyRatio! > 0.1)
        let best = c.mostInconsistent(limit: 1)
        #expect(best.count == 1)
        #expect(Set([best[0].more, best[0].less]) == ["b", "d"])
        let ratio = best[0].more == "b" ? best[0].suggested : 1 / best[0].suggested
        #expect(abs(ratio - 4) < 1e-9)
        #expect(best[0].consistencyRatioAfter < 1e-9)
    }

    @Test("a disconnected set of judgements is detected")
    func disconnected() {
        let c = PairwiseComparison(elements: ["a", "b", "c", "d"], judgements: [Judgement("a", "b", 3), Judgement("c", "d", 2)])
        #expect(!c.isConnected)
    }

    @Test("Saaty labels and the nearest scale value")
    func scale() {
        #expect(SaatyScale.value(ofLabel: "iets belangrijker") == 3)
        #expect(SaatyScale.label(for: 4, language: .nl) == "tussen iets belangrijker en belangrijker")
        #expect(SaatyScale.nearest(to: 4.4) == 4)
        #expect(SaatyScale.nearest(to: 0.3) == 1.0 / 3)
        #expect(PairwiseComparison.randomIndex(11) == nil)
    }
}

@Suite("Rank-order and SWING weights")
struct RankOrderTests {
    /// Barron & Barrett (1996), Management Science 42(11), Table 1 for n = 4:
    /// ROC .5208 .2708 .1458 .0625; rank sum .4 .3 .2 .1; rank reciprocal .48 .24 .16 .12.
    @Test("published values for four criteria", arguments: [
        (RankOrderFormula.rankOrderCentroid, [0.5208, 0.2708, 0.1458, 0.0625]),
        (.rankSum, [0.4, 0.3, 0.2, 0.1]),
        (.rankReciprocal, [0.48, 0.24, 0.16, 0.12]),
    ])
    func published(formula: RankOrderFormula, expected: [Double]) {
        let w = formula.weights(count: 4)
        for (a, b) in zip(w, expected) { #expect(abs(a - b) < 0.00005) }
        #expect(abs(w.reduce(0, +) - 1) < 1e-12)
    }

    @Test("ties share the average of their positions")
    func ties() {
        let w = RankOrderFormula.rankSum.weights(for: [["a"], ["b", "c"], ["d"]])
        #expect(abs(w["b"]! - 0.25) < 1e-12)
        #expect(abs(w["c"]! - 0.25) < 1e-12)
        #expect(abs(w["a"]! - 0.4) < 1e-12)
    }

    @Test("a hierarchy takes each group's own order")
    func hierarchy() {
        let criteria = [
            Criterion(id: "a", name: "A", children: [Criterion(id: "a1", name: "A1"), Criterion(id: "a2", name: "A2")]),
            Criterion(id: "b", name: "B"),
        ]
        let set = WeightSet(id: "r", name: "R", method: .rankOrder(.rankOrderCentroid, ranking: [["a2"], ["b"], ["a"], ["a1"]]))
        let w = NormalisedWeights(set, criteria: criteria)
        #expect(abs(w.local["b"]! - 0.75) < 1e-12)
        #expect(abs(w.local["a2"]! - 0.75) < 1e-12)
        #expect(abs(w.global["a1"]! - 0.0625) < 1e-12)
    }

    @Test("SWING points are normalised like direct weights")
    func swing() {
        let criteria = [Criterion(id: "x", name: "X"), Criterion(id: "y", name: "Y")]
        let w = NormalisedWeights(WeightSet(id: "s", name: "S", method: .swing, weights: ["x": 100, "y": 60]), criteria: criteria)
        #expect(abs(w.global["x"]! - 0.625) < 1e-12)
        #expect(Swing.isValidGroup([100, 60]))
        #expect(!Swing.isValidGroup([90, 60]))
    }
}
