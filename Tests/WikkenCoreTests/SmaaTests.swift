import Testing
import WikkenCore

/// SMAA-2 against cases with an analytic answer, derived in the comments.
@Suite("SMAA-2")
struct SmaaTests {
    /// Two criteria, weights (w, 1 − w) with w uniform on 0–1. Values A = (100, 0), B = (0, 100),
    /// C = (60, 60): totals A = 100w, B = 100(1 − w), C = 60.
    /// A is first for w > .6, B for w < .4, C in between: b¹ = (.4, .4, .2).
    /// w in (.5, .6): C, A, B; w in (.4, .5): C, B, A. So A: ranks (.4, .1, .5); B the same;
    /// C: (.2, .8, 0). Central weights: A (.8, .2), B (.2, .8), C (.5, .5).
    /// Pairwise: P(A > B) = .5, P(A > C) = .4, P(C > A) = .6. No score uncertainty: confidence 1.
    static let threeOptions = SmaaModel(optionCount: 3, criterionCount: 2, values: [100, 0, 60, 0, 100, 60])

    @Test("rank acceptability, central weights, pairwise winning and confidence match the analytic values")
    func analytic() throws {
        let r = try Smaa.run(Self.threeOptions, settings: .init(samples: 200_000, seed: 11))
        let expected: [[Double]] = [[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0]]
        for i in 0..<3 {
            for k in 0..<3 {
                let tolerance = max(4 * r.rankAcceptabilityError(i, k), 1e-12)
                #expect(abs(r.rankAcceptability[i][k] - expected[i][k]) <= tolerance, "b[\(i)][\(k)]")
            }
        }
        let central: [[Double]] = [[0.8, 0.2], [0.2, 0.8], [0.5, 0.5]]
        for i in 0..<3 {
            let w = try #require(r.centralWeights[i]), e = try #require(r.centralWeightErrors[i])
            for j in 0..<2 { #expect(abs(w[j] - central[i][j]) <= 4 * e[j]) }
        }
        #expect(abs(r.pairwiseWinning[0][1] - 0.5) <= 4 * r.pairwiseError(0, 1))
        #expect(abs(r.pairwiseWinning[0][2] - 0.4) <= 4 * r.pairwiseError(0, 2))
        #expect(abs(r.pairwiseWinning[2][0] - 0.6) <= 4 * r.pairwiseError(2, 0))
        #expect(r.confidence == [1, 1, 1])
    }

    /// One criterion. A's measurement is triangular on 0–100 with mode 20 (linear value function
    /// 0 → 0, 100 → 100); B is fixed at 50. P(A > 50) = (100 − 50)² / ((100 − 0)(100 − 20)) = 0.3125.
    /// Uniform instead: 0.5.
    @Test("scores drawn within their range, triangular and uniform")
    func scoreUncertainty() throws {
        let f = ValueFunction(.linear(worst: 0, best: 100, local: false))
        let model = SmaaModel(optionCount: 2, criterionCount: 1, values: [20, 50],
                              uncertain: [.init(option: 0, criterion: 0, sampler: .numeric(low: 0, mode: 20, high: 100, function: f))])
        let triangular = try Smaa.run(model, settings: .init(samples: 100_000, seed: 3, triangular: true))
        #expect(abs(triangular.rankAcceptability[0][0] - 0.3125) <= 4 * triangular.rankAcceptabilityError(0, 0))
        let uniform = try Smaa.run(model, settings: .init(samples: 100_000, seed: 3))
        #expect(abs(uniform.rankAcceptability[0][0] - 0.5) <= 4 * uniform.rankAcceptabilityError(0, 0))
        // With the central weight (1) fixed, A is first exactly as often: the confidence factor.
        let c = try #require(uniform.confidence[0])
        #expect(abs(c - 0.5) <= 4 * uniform.confidenceError[0]!)
    }

    /// With the ranking w1 ≥ w2, w1 is uniform on 0.5–1; A (first for w1 > .6) wins 0.4/0.5 = 0.8.
    @Test("a ranking of criteria restricts the weights")
    func ordinal() throws {
        let r = try Smaa.run(Self.threeOptions, settings: .init(samples: 100_000, seed: 5, weights: .ranking([[0], [1]])))
        #expect(abs(r.rankAcceptability[0][0] - 0.8) <= 4 * r.rankAcceptabilityError(0, 0))
        #expect(r.rankAcceptability[1][0] == 0)
        // Bounds w1 ≤ 0.55 on top of the ranking: A can never win.
        let bounded = try Smaa.run(Self.threeOptions, settings: .init(samples: 20_000, seed: 5, weights: .ranking([[0], [1]]), bounds: [0...0.55, nil]))
        #expect(bounded.rankAcceptability[0][0] == 0)
        #expect(bounded.rankAcceptability[2][0] == 1)
    }

    @Test("bounds that cannot add up to 1 are refused")
    func infeasible() {
        #expect(throws: Smaa.Failure.boundsInfeasible) {
            try Smaa.run(Self.threeOptions, settings: .init(samples: 10, bounds: [0.6...1, 0.6...1]))
        }
    }

    @Test("the same seed gives the same result; the fast loop equals the plain one")
    func reproducibleAndAgrees() throws {
        var rng = SeededGenerator(seed: 99)
        let n = 7, m = 4
        let values = (0..<(n * m)).map { _ in rng.unit() * 100 }
        let f = ValueFunction(.linear(worst: 0, best: 100, local: false))
        let uncertain: [SmaaModel.UncertainScore] = [
            .init(option: 2, criterion: 1, sampler: .numeric(low: 10, mode: 40, high: 90, function: f)),
            .init(option: 5, criterion: 3, sampler: .levels(from: 0, mode: 2, to: 4, values: [0, 25, 50, 75, 100])),
        ]
        let model = SmaaModel(optionCount: n, criterionCount: m, values: values, uncertain: uncertain)
        let settings = Smaa.Settings(samples: 20_000, seed: 42, triangular: true, weights: .ranking([[0], [1, 2], [3]]), confidenceSamples: 2000)
        let a = try Smaa.run(model, settings: settings), b = try Smaa.run(model, settings: settings)
        #expect(a.rankAcceptability == b.rankAcceptability)
        let plain = try Smaa.reference(model, settings: settings)
        #expect(a.rankAcceptability == plain.rankAcceptability)
        #expect(a.pairwiseWinning == plain.pairwiseWinning)
        for i in 0..<n {
            switch (a.centralWeights[i], plain.centralWeights[i]) {
            case let (x?, y?): for j in 0..<m { #expect(abs(x[j] - y[j]) < 1e-12) }
            case (nil, nil): break
            default: Issue.record("central weights differ for option \(i)")
            }
        }
        var other = settings
        other.seed = 43
        let different = try Smaa.run(model, settings: other)
        #expect(different.rankAcceptability != a.rankAcceptability)
    }

    @Test("every vector code path this processor has gives the same result as the plain loop")
    func kernels() throws {
        var rng = SeededGenerator(seed: 8)
        let n = 70, m = 5 // more than 64 options: also the general AVX-512 loop
        let values = (0..<(n * m)).map { _ in (rng.unit() * 20).rounded() } // coarse: many ties
        let model = SmaaModel(optionCount: n, criterionCount: m, values: values)
        let settings = Smaa.Settings(samples: 3000, seed: 2)
        let plain = try Smaa.reference(model, settings: settings)
        let best = Smaa.kernel
        defer { Smaa.useKernel(best) }
        var tested: [String] = []
        for name in ["generic", "avx2", "avx512"] where Smaa.useKernel(name) {
            tested.append(name)
            let r = try Smaa.run(model, settings: settings)
            #expect(r.rankAcceptability == plain.rankAcceptability, "\(name)")
            #expect(r.pairwiseWinning == plain.pairwiseWinning, "\(name)")
            let small = SmaaModel(optionCount: 3, criterionCount: 2, values: [100, 0, 60, 0, 100, 60])
            #expect(try Smaa.run(small, settings: settings).rankAcceptability == (try Smaa.reference(small, settings: settings)).rankAcceptability)
        }
        #expect(tested.contains("generic"))
    }

    @Test("identical options share ranks and win nothing from each other")
    func ties() throws {
        let model = SmaaModel(optionCount: 3, criterionCount: 2, values: [50, 50, 10, 50, 50, 90])
        let r = try Smaa.run(model, settings: .init(samples: 5000, seed: 1))
        let plain = try Smaa.reference(model, settings: .init(samples: 5000, seed: 1))
        #expect(r.rankAcceptability == plain.rankAcceptability)
        #expect(r.pairwiseWinning[0][1] == 0 && r.pairwiseWinning[1][0] == 0)
        #expect(r.pairwiseWinning == plain.pairwiseWinning)
    }

    /// A = B = (50, 50), C = (10, 90): totals A = B = 50, C = 90 − 80w. A and B tie for first when
    /// w ≥ .5, so both have central weights (.75, .25); C has (.25, .75). Both the block loop (fixed
    /// scores) and the per-sample loop (C's first score uncertain on 0–20, mean 10) credit every
    /// tied option, as the plain loop does.
    @Test("every option tied for first has central weights")
    func centralWeightsForTies() throws {
        let f = ValueFunction(.linear(worst: 0, best: 100, local: false))
        let fixed = SmaaModel(optionCount: 3, criterionCount: 2, values: [50, 50, 10, 50, 50, 90])
        let uncertain = SmaaModel(optionCount: 3, criterionCount: 2, values: [50, 50, 10, 50, 50, 90],
                                  uncertain: [.init(option: 2, criterion: 0, sampler: .numeric(low: 0, mode: 10, high: 20, function: f))])
        let settings = Smaa.Settings(samples: 40_000, seed: 4, confidenceSamples: 500)
        for model in [fixed, uncertain] {
            let r = try Smaa.run(model, settings: settings), plain = try Smaa.reference(model, settings: settings)
            let a = try #require(r.centralWeights[0]), b = try #require(r.centralWeights[1]), c = try #require(r.centralWeights[2])
            let e = try #require(r.centralWeightErrors[0])
            #expect(a == b)
            #expect(abs(a[0] - 0.75) <= 4 * e[0])
            #expect(abs(c[0] - 0.25) <= 4 * (r.centralWeightErrors[2]?[0] ?? 0))
            for i in 0..<3 {
                let x = try #require(r.centralWeights[i]), y = try #require(plain.centralWeights[i])
                for j in 0..<2 { #expect(abs(x[j] - y[j]) < 1e-12) }
            }
        }
    }
}
