import Foundation
import Testing
import WikkenCore
import _WikkenTestSupport

/// The example used throughout Papathanasiou, J. & Ploskas, N. (2018), *Multiple Criteria
/// Decision Aid: Methods, Examples and Python Implementations*, Springer: six options, four
/// benefit criteria, weights 0.4, 0.3, 0.1, 0.2.
enum Papathanasiou {
    static let values: [[Double]] = [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]
    static func matrix(preference: PreferenceFunction = .usual) -> DecisionMatrix {
        DecisionMatrix(options: (1...6).map { "a\($0)" }, criteria: ["c1", "c2", "c3", "c4"], values: values.flatMap { $0 },
                       benefit: [true, true, true, true], weights: [0.4, 0.3, 0.1, 0.2],
                       preferences: Array(repeating: preference, count: 4))
    }
}

@Suite("TOPSIS, VIKOR and PROMETHEE against published examples")
struct PublishedMethodTests {
    /// Papathanasiou & Ploskas (2018), ch. 1 (TOPSIS), vector normalisation: closeness
    /// 0.387, 0.327, 0.391, 0.615, 0.868, 0.493.
    @Test("TOPSIS closeness")
    func topsis() {
        let r = Topsis.analyse(Papathanasiou.matrix())
        for (a, b) in zip(r.closeness, [0.387, 0.327, 0.391, 0.615, 0.868, 0.493]) { #expect(abs(a - b) < 0.0005) }
        #expect(r.ranking.map(\.option) == [4, 3, 5, 2, 0, 1])
    }

    /// Papathanasiou & Ploskas (2018), ch. 2 (VIKOR), v = 0.625: Q = 0.640, 1.000, 0.693, 0.271,
    /// 0.000, 0.694.
    @Test("VIKOR Q and the compromise")
    func vikor() {
        let r = Vikor.analyse(Papathanasiou.matrix(), v: 0.625)
        for (a, b) in zip(r.q, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694]) { #expect(abs(a - b) < 0.0005) }
        // a5 leads by Q; Q(a4) − Q(a5) = 0.271 ≥ DQ = 1/5, and a5 has the lowest S: a5 alone.
        #expect(r.ranking.first?.option == 4)
        #expect(r.acceptableAdvantage && r.acceptableStability)
        #expect(r.compromise == [4])
    }

    /// Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making*, Springer: the fighter
    /// aircraft example. Four aircraft on maximum speed (Mach), ferry range (NM), maximum payload
    /// (lb), acquisition cost ($10⁶, a cost), reliability and manoeuvrability (qualitative, coded
    /// 3 low, 5 average, 7 high, 9 very high); weights .2 .1 .1 .1 .2 .3. The book tabulates every
    /// step to four decimals (closeness to three); the expected values below are those steps
    /// recomputed from the book's data independently (numpy) and rounded the same way (where the
    /// book rounds its intermediates first, its last digit can differ by one). A reader follows
    /// the example from Wikken's working: the same tables, in the same order.
    @Test("TOPSIS step by step: Hwang & Yoon's fighter aircraft")
    func topsisHwangYoon() {
        let m = DecisionMatrix(options: ["A1", "A2", "A3", "A4"], criteria: ["snelheid", "bereik", "lading", "kosten", "betrouwbaarheid", "wendbaarheid"],
                               values: [2.0, 1500, 20000, 5.5, 5, 9,
                                        2.5, 2700, 18000, 6.5, 3, 5,
                                        1.8, 2000, 21000, 4.5, 7, 7,
                                        2.2, 1800, 20000, 5.0, 5, 5],
                               benefit: [true, true, true, false, true, true], weights: [0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
        let w = Topsis.working(m)
        func printed(_ got: [Double], _ book: [Double], _ digits: Double = 4) {
            #expect(got.count == book.count)
            for (a, b) in zip(got, book) { #expect(abs(a - b) <= 0.5 * pow(10, -digits) + 1e-12, "\(a) printed as \(b)") }
        }
        printed(w.normalised, [0.4671, 0.3662, 0.5056, 0.5069, 0.4811, 0.6708,
                               0.5839, 0.6591, 0.4550, 0.5990, 0.2887, 0.3727,
                               0.4204, 0.4882, 0.5308, 0.4147, 0.6736, 0.5217,
                               0.5139, 0.4394, 0.5056, 0.4608, 0.4811, 0.3727])
        printed(w.weighted, [0.0934, 0.0366, 0.0506, 0.0507, 0.0962, 0.2012,
                             0.1168, 0.0659, 0.0455, 0.0599, 0.0577, 0.1118,
                             0.0841, 0.0488, 0.0531, 0.0415, 0.1347, 0.1565,
                             0.1028, 0.0439, 0.0506, 0.0461, 0.0962, 0.1118])
        printed(w.ideal, [0.1168, 0.0659, 0.0531, 0.0415, 0.1347, 0.2012])
        printed(w.antiIdeal, [0.0841, 0.0366, 0.0455, 0.0599, 0.0577, 0.1118])
        printed(w.distanceToIdeal, [0.0546, 0.1197, 0.0580, 0.1009])
        printed(w.distanceToAntiIdeal, [0.0984, 0.0439, 0.0920, 0.0458])
        printed(w.closeness, [0.643, 0.268, 0.614, 0.312], 3)
        // The order the book concludes: A1, A3, A4, A2; the fast path agrees.
        #expect(Topsis.analyse(m).ranking.map(\.option) == [0, 2, 3, 1])
    }

    /// VIKOR's step 5 when a condition fails, by hand (v = 0.5).
    /// 1. Only C1 fails: A = (4, 4, 1), B = (2, 4, 3), C = (4, 0, 4), weights .5 .3 .2. Regrets
    ///    w (f* − f)/(f* − f^): A (0, 0, .2), B (.5, 0, .0667), C (0, .3, 0): S = (.2, .5667, .3),
    ///    R = (.2, .5, .3); Q = (0, 1, .3030). Q(C) − Q(A) < DQ = ½, A is best by S and R:
    ///    every option with Q − Q(A) < ½ is in the set: A and C.
    /// 2. Both fail: A = (3, 2, 0), B = (0, 1, 0), C = (3, 1, 1), D = (4, 0, 4): S = (.325, .85,
    ///    .425, .3), R = (.2, .5, .15, .3), Q = (.0942, 1, .1136, .2143); A leads by Q but not by
    ///    S (D) or R (C), and Q(C) − Q(A) < DQ = ⅓: the rule of C1 applies, every option with
    ///    Q − Q(A) < ⅓: A, C, D (not B).
    /// 3. Only C2 fails (seven options, three criteria, weights .4 .3 .3): G = (4, 1, 4) leads by
    ///    Q = .0696 (S .305, R .225), C = (5, 0, 4) follows at .25 ≥ DQ = ⅙, but the lowest S is
    ///    C's .3 and the lowest R is E's .2: G and C.
    @Test("VIKOR step 5 when a condition fails: C1 only, both, C2 only")
    func vikorConditions() {
        func vikor(_ rows: [[Double]], _ weights: [Double]) -> Vikor.Result {
            Vikor.analyse(DecisionMatrix(options: rows.indices.map { "o\($0)" }, criteria: weights.indices.map { "c\($0)" }, values: rows.flatMap { $0 },
                                         benefit: weights.map { _ in true }, weights: weights))
        }
        let one = vikor([[4, 4, 1], [2, 4, 3], [4, 0, 4]], [0.5, 0.3, 0.2])
        for (a, b) in zip(one.q, [0, 1, 0.3030]) { #expect(abs(a - b) < 0.0001) }
        #expect(!one.acceptableAdvantage && one.acceptableStability && one.compromise == [0, 2])
        let both = vikor([[3, 2, 0], [0, 1, 0], [3, 1, 1], [4, 0, 4]], [0.5, 0.3, 0.2])
        for (a, b) in zip(both.s + both.r + both.q, [0.325, 0.85, 0.425, 0.3, 0.2, 0.5, 0.15, 0.3, 0.0942, 1, 0.1136, 0.2143]) { #expect(abs(a - b) < 0.0001) }
        #expect(!both.acceptableAdvantage && !both.acceptableStability && both.compromise == [0, 2, 3])
        let stability = vikor([[2, 2, 2], [0, 2, 3], [5, 0, 4], [2, 4, 1], [3, 2, 2], [2, 2, 3], [4, 1, 4]], [0.4, 0.3, 0.3])
        #expect(abs(stability.q[6] - 0.0696) < 0.0001 && abs(stability.q[2] - 0.25) < 1e-12)
        #expect(stability.acceptableAdvantage && !stability.acceptableStability && stability.compromise == [6, 2])
    }

    /// Papathanasiou & Ploskas (2018), ch. 3 (PROMETHEE), linear preference function with q = 1,
    /// p = 2 on every criterion: net flows −0.26, −0.52, −0.22, 0.36, 0.70, −0.06.
    @Test("PROMETHEE II net flows")
    func promethee() {
        let r = Promethee.analyse(Papathanasiou.matrix(preference: .linear(q: 1, p: 2)))
        for (a, b) in zip(r.net, [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06]) { #expect(abs(a - b) < 0.005) }
        #expect(r.ranking.map(\.option) == [4, 3, 5, 2, 0, 1])
    }
}

@Suite("PROMETHEE fast flows equal the textbook computation")
struct PrometheeAgreementTests {
    static let functions: [PreferenceFunction] = [.usual, .uShape(q: 3), .vShape(p: 7), .level(q: 2, p: 6), .linear(q: 1.5, p: 8), .gaussian(s: 4)]

    @Test("random matrices with ties and cost criteria", arguments: functions)
    func agreement(function: PreferenceFunction) {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<20 {
            let n = 2 + trial * 3, m = 3
            // Values on a coarse grid, so ties and exact threshold distances occur.
            let values = (0..<(n * m)).map { _ in Double(rng.next() % 21) }
            let matrix = DecisionMatrix(options: (0..<n).map { "o\($0)" }, criteria: ["a", "b", "c"], values: values,
                                        benefit: [true, false, true], weights: [0.5, 0.3, 0.2], preferences: [function, function, .usual])
            let fast = Promethee.analyse(matrix), slow = Promethee.reference(matrix)
            for i in 0..<n {
                #expect(abs(fast.positive[i] - slow.positive[i]) < 1e-12)
                #expect(abs(fast.negative[i] - slow.negative[i]) < 1e-12)
            }
        }
    }

    /// Issue 14: scores 7,2 and 7,5 with q = 0,3 lie exactly q apart for a person, but 7,5 − 7,2
    /// is 0,30000000000000027 in binary: the fast path (which compared 7,2 < 7,5 − 0,3) and the
    /// reference (which compared 7,5 − 7,2 > 0,3) disagreed by a whole preference. A difference
    /// within the tolerance of a threshold now counts as equal to it, in both.
    @Test("decimal scores exactly a threshold apart: the difference counts as equal to it, fast and reference alike", arguments: functions)
    func decimalThresholds(function: PreferenceFunction) {
        let threshold: Double
        switch function {
        case .uShape(let q): threshold = q / 10
        case .level(let q, _), .linear(let q, _): threshold = q / 10
        case .vShape(let p): threshold = p / 10
        default: threshold = 0.3
        }
        let f: PreferenceFunction
        switch function {
        case .uShape: f = .uShape(q: threshold)
        case .level: f = .level(q: threshold, p: threshold * 2)
        case .linear: f = .linear(q: threshold, p: threshold * 2)
        case .vShape: f = .vShape(p: threshold)
        default: f = function
        }
        var rng = SeededGenerator(seed: 14)
        for trial in 0..<30 {
            let n = 3 + trial % 9
            // Decimal grids of step `threshold / 3`, shifted: many pairs exactly q or p apart on paper.
            let values = (0..<(n * 2)).map { _ in 7.2 + Double(rng.next() % 12) * threshold / 3 }
            let matrix = DecisionMatrix(options: (0..<n).map { "o\($0)" }, criteria: ["a", "b"], values: values,
                                        benefit: [true, false], weights: [0.6, 0.4], preferences: [f, f])
            let fast = Promethee.analyse(matrix), slow = Promethee.reference(matrix)
            for i in 0..<n {
                #expect(abs(fast.positive[i] - slow.positive[i]) < 1e-9, "\(f) trial \(trial)")
                #expect(abs(fast.negative[i] - slow.negative[i]) < 1e-9, "\(f) trial \(trial)")
            }
        }
        // By hand: 7,5 is exactly q = 0,3 above 7,2, so a u-shape gives no preference at all.
        let pair = DecisionMatrix(options: ["a", "b"], criteria: ["c"], values: [7.5, 7.2], benefit: [true], weights: [1], preferences: [.uShape(q: 0.3)])
        #expect(Promethee.analyse(pair).net == [0, 0] && Promethee.reference(pair).net == [0, 0])
        let level = DecisionMatrix(options: ["a", "b"], criteria: ["c"], values: [7.5, 7.2], benefit: [true], weights: [1], preferences: [.level(q: 0.1, p: 0.3)])
        #expect(Promethee.analyse(level).net == [0.5, -0.5] && Promethee.reference(level).net == [0.5, -0.5])
    }

    @Test("PROMETHEE I: preference, indifference and incomparability")
    func partialOrder() {
        // a = (0, 1), b = c = (1, 0), equal weights, usual criterion. By hand: π(a,b) = π(b,a) =
        // π(a,c) = π(c,a) = 1/2, π(b,c) = π(c,b) = 0; so φ+(a) = φ−(a) = 1/2 and
        // φ+(b) = φ−(b) = 1/4: a is stronger and weaker than b at once (incomparable), b ~ c.
        let m = DecisionMatrix(options: ["a", "b", "c"], criteria: ["c1", "c2"], values: [0, 1, 1, 0, 1, 0], benefit: [true, true], weights: [0.5, 0.5])
        let r = Promethee.analyse(m)
        #expect(r.positive == [0.5, 0.25, 0.25])
        #expect(r.negative == [0.5, 0.25, 0.25])
        #expect(r.relation(0, 1) == .incomparable)
        #expect(r.relation(1, 2) == .indifferent)
        #expect(r.partialOrderBest == [0, 1, 2])
        // Add d = (0, 0), beaten by all: the others are preferred to it.
        let m2 = DecisionMatrix(options: ["a", "b", "d"], criteria: ["c1", "c2"], values: [1, 1, 1, 0, 0, 0], benefit: [true, true], weights: [0.5, 0.5])
        let r2 = Promethee.analyse(m2)
        #expect(r2.relation(0, 1) == .preferred)
        #expect(r2.relation(2, 1) == .outranked)
        #expect(r2.partialOrderBest == [0])
    }
}

@Suite("AHP on scores, rank correlation and degenerate inputs")
struct MethodRuleTests {
    @Test("distributive and ideal modes, hand-computed")
    func ahpModes() {
        // Two leaves (weights .6/.4), values x: 80, 20; y: 40, 60.
        let values: [Double] = [80, 20, 40, 60]
        let d = AhpScores.analyse(values: values, options: 2, weights: [0.6, 0.4], mode: .distributive)
        // x: .6·80/120 + .4·20/80 = .4 + .1 = .5; y: .6·40/120 + .4·60/80 = .2 + .3 = .5
        #expect(abs(d.priorities[0] - 0.5) < 1e-12 && abs(d.priorities[1] - 0.5) < 1e-12)
        let i = AhpScores.analyse(values: values, options: 2, weights: [0.6, 0.4], mode: .ideal)
        // x: .6·1 + .4·(20/60) = .7333…; y: .6·.5 + .4·1 = .7
        #expect(abs(i.priorities[0] - (0.6 + 0.4 / 3)) < 1e-12)
        #expect(abs(i.priorities[1] - 0.7) < 1e-12)
    }

    @Test("Spearman and Kendall, hand-computed")
    func correlation() {
        let a: [Double] = [4, 3, 2, 1], b: [Double] = [4, 3, 1, 2]
        #expect(abs(RankCorrelation.spearman(a, b)! - 0.8) < 1e-12)
        #expect(abs(RankCorrelation.kendallTauB(a, b)! - 4.0 / 6) < 1e-12)
        #expect(RankCorrelation.spearman(a, a.map { -$0 }) == -1)
        #expect(RankCorrelation.kendallTauB([1, 1, 1], [3, 2, 1]) == nil)
        #expect(RankCorrelation.averageRanks([5, 7, 7, 1]) == [3, 1.5, 1.5, 4])
    }

    @Test("one option, constant columns and zero weights give defined results without NaN")
    func degenerate() {
        let one = DecisionMatrix(options: ["a"], criteria: ["c"], values: [3], benefit: [true], weights: [1])
        let same = DecisionMatrix(options: ["a", "b"], criteria: ["c", "d"], values: [1, 0, 1, 0], benefit: [true, false], weights: [1, 0])
        for m in [one, same] {
            let all = Topsis.analyse(m).closeness + Vikor.analyse(m).q + Promethee.analyse(m).net
            let finite = all.allSatisfy { $0.isFinite }
            #expect(finite)
        }
        #expect(Topsis.analyse(same).closeness == [0.5, 0.5])
        #expect(Vikor.analyse(same).q == [0, 0])
        #expect(Promethee.analyse(same).ranking.allSatisfy { $0.rank == 1 })
    }
}

@Suite("A column with every score missing")
struct AllMissingTests {
    static var dossier: Dossier {
        var d = HandComputed.dossier
        for i in d.options.indices { d.options[i].scores["b"] = .missing("nog niet gemeten") }
        return d
    }

    @Test("is refused by default and gives finite results under the worst-value rule")
    func allMissing() throws {
        #expect(throws: MavtError.self) { try Mavt.analyse(Self.dossier) }
        let mavt = try Mavt.analyse(Self.dossier, missingRule: .worst)
        let totals = mavt.weightSets.flatMap(\.totals)
        #expect(totals.allSatisfy { $0.isFinite })
        let comparison = try MethodComparison.run(Self.dossier, weightSet: Self.dossier.weightSets[0], missingRule: .worst)
        let scores = comparison.entries.flatMap(\.scores)
        #expect(scores.allSatisfy { $0.isFinite })
        let sensitivity = WeightSensitivity.analyse(Self.dossier, mavt, weightSet: 0)
        let bounds = sensitivity.criteria.flatMap { [$0.topStays.lowerBound, $0.topStays.upperBound] }
        #expect(bounds.allSatisfy { $0.isFinite })
    }
}

/// Issue 14: the intermediates a textbook prints, by hand on small cases and equal to the fast
/// paths' results on random ones.
@Suite("Methods show their working")
struct MethodWorkingTests {
    @Test("TOPSIS by hand: normalised, weighted, ideal, anti-ideal, D+, D−, closeness")
    func topsisByHand() {
        // a = (3, 4), b = (4, 3), both benefit, weights ½: column norms 5.
        let m = DecisionMatrix(options: ["a", "b"], criteria: ["x", "y"], values: [3, 4, 4, 3], benefit: [true, true], weights: [0.5, 0.5])
        let w = Topsis.working(m)
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }
        #expect(close(w.normalised, [0.6, 0.8, 0.8, 0.6]) && close(w.weighted, [0.3, 0.4, 0.4, 0.3]))
        #expect(close(w.ideal, [0.4, 0.4]) && close(w.antiIdeal, [0.3, 0.3]))
        #expect(close(w.distanceToIdeal, [0.1, 0.1]) && close(w.distanceToAntiIdeal, [0.1, 0.1]) && close(w.closeness, [0.5, 0.5]))
    }

    @Test("PROMETHEE by hand: π, each criterion's net flow, φ+, φ−, φ")
    func prometheeByHand() {
        // One criterion, values 1, 2, 4, linear q = 0.5, p = 1.5: P(2−1) = 0.5, P(4−1) = P(4−2) = 1.
        let m = DecisionMatrix(options: ["a", "b", "c"], criteria: ["x"], values: [1, 2, 4], benefit: [true], weights: [1], preferences: [.linear(q: 0.5, p: 1.5)])
        let w = Promethee.working(m)
        #expect(w.preference == [0, 0, 0, 0.5, 0, 0, 1, 1, 0])
        #expect(w.positive == [0, 0.25, 1] && w.negative == [0.75, 0.5, 0] && w.net == [-0.75, -0.25, 1])
        #expect(w.criterionNetFlows == [-0.75, -0.25, 1])
    }

    @Test("on random matrices the working ends where the fast paths do; the criterion flows add up to φ", arguments: PrometheeAgreementTests.functions)
    func agreement(function: PreferenceFunction) {
        var rng = SeededGenerator(seed: 41)
        for trial in 0..<10 {
            let n = 2 + trial * 2, m = 3
            let values = (0..<(n * m)).map { _ in Double(rng.next() % 40) / 4 }
            let matrix = DecisionMatrix(options: (0..<n).map { "o\($0)" }, criteria: ["a", "b", "c"], values: values,
                                        benefit: [true, false, true], weights: [0.5, 0.3, 0.2], preferences: [function, function, .usual])
            let t = Topsis.working(matrix), fastT = Topsis.analyse(matrix)
            let p = Promethee.working(matrix), fastP = Promethee.analyse(matrix)
            for i in 0..<n {
                #expect(abs(t.closeness[i] - fastT.closeness[i]) < 1e-12)
                #expect(abs(p.net[i] - fastP.net[i]) < 1e-9)
                let fromCriteria = (0..<m).reduce(0.0) { $0 + matrix.weights[$1] * p.criterionNetFlows[i * m + $1] }
                #expect(abs(fromCriteria - p.net[i]) < 1e-12)
            }
        }
    }
}
