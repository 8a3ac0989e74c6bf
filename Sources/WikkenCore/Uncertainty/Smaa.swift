import Foundation

/// SMAA-2, stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001), on the
/// additive value model.
///
/// Each of N samples draws a weight vector and (for scores with a range) the uncertain values,
/// computes the totals and ranks the options. Reported, each with its 95% Monte Carlo error
/// (1.96 standard errors):
/// - **rank acceptability** `b_i^r`: the share of samples in which option i has rank r;
/// - **central weight vector** `w_i^c`: the average weights of the samples in which i is first;
/// - **confidence factor** `p_i^c`: how often i is first when the weights are fixed at its central
///   weights and only the scores vary (1 or 0 when no score is uncertain);
/// - **pairwise winning index** `p_ik`: the share of samples in which i has a higher total than k.
///
/// Weights: uniform over the simplex (no information), or uniform over the part of it that
/// respects a ranking of criteria (ties share a tier, in random order), optionally within bounds
/// per criterion (by rejection). Scores: uniform or triangular (mode = the point value) within
/// their range, in their own measurement, then through the value function.
///
/// Speed: options stay sorted from one sample to the next, so a sample costs one adjacent swap
/// per rank change (insertion sort); each swap flips one pairwise relation, and the winning counts
/// are kept lazily per pair, so the cost follows how much the ranking moves rather than n². Inner
/// loops run over raw buffers. Weights are the gaps between sorted uniform numbers (uniform on the
/// simplex, no logarithms). ``reference(_:settings:)`` is the plain loop, kept to check this one.
public enum Smaa {
    public enum WeightInformation: Sendable, Equatable {
        case none
        /// Criterion indices from most to least important; criteria in one tier are not ordered.
        case ranking([[Int]])
    }

    public struct Settings: Sendable {
        public var samples: Int = 10_000
        public var seed: UInt64 = 1
        public var triangular = false
        public var weights: WeightInformation = .none
        /// Per criterion: allowed interval of its weight, or nil.
        public var bounds: [ClosedRange<Double>?] = []
        /// Samples per option for the confidence factors (when scores are uncertain).
        public var confidenceSamples: Int = 10_000

        public init(samples: Int = 10_000, seed: UInt64 = 1, triangular: Bool = false, weights: WeightInformation = .none,
                    bounds: [ClosedRange<Double>?] = [], confidenceSamples: Int = 10_000) {
            self.samples = samples
            self.seed = seed
            self.triangular = triangular
            self.weights = weights
            self.bounds = bounds
            self.confidenceSamples = confidenceSamples
        }
    }

    public struct Result: Sendable {
        public var samples: Int
        /// `rankAcceptability[i][r]`, r = 0 is first place.
        public var rankAcceptability: [[Double]]
        /// Per option: central weights, nil when it is never first.
        public var centralWeights: [[Double]?]
        public var centralWeightErrors: [[Double]?]
        public var confidence: [Double?]
        public var confidenceError: [Double?]
        /// `pairwiseWinning[i][k]` = P(total of i > total of k).
        public var pairwiseWinning: [[Double]]
        /// The 95% Monte Carlo error of a share p estimated from `count` samples.
        public static func error(_ p: Double, _ count: Int) -> Double { count > 0 ? 1.96 * (p * (1 - p) / Double(count)).squareRoot() : 0 }
        public func rankAcceptabilityError(_ i: Int, _ r: Int) -> Double { Self.error(rankAcceptability[i][r], samples) }
        public func pairwiseError(_ i: Int, _ k: Int) -> Double { Self.error(pairwiseWinning[i][k], samples) }
    }

    public enum Failure: Error, Sendable, Equatable {
        /// Lower bounds add up to more than 1, or upper bounds to less than 1.
        case boundsInfeasible
        /// Fewer than 1 in 1000 weight draws met the bounds and ranking together.
        case boundsTooNarrow
        case noSamples
    }

    // MARK: - Weights

    /// Draws weights uniformly on the simplex, respecting the ranking and bounds.
    struct WeightSampler {
        let m: Int
        let information: WeightInformation
        let bounds: [ClosedRange<Double>?]
        var scratch: [Double]

        init(m: Int, information: WeightInformation, bounds: [ClosedRange<Double>?]) {
            self.m = m
            self.information = information
            self.bounds = bounds
            scratch = [Double](repeating: 0, count: m)
        }

        /// Fills `w`; returns false when the draw falls outside the bounds (draw again).
        @inline(__always)
        mutating func draw(into w: inout [Double], _ rng: inout SeededGenerator) -> Bool {
            // Uniform on the simplex: the gaps between m − 1 sorted uniform numbers (and 0 and 1).
            scratch.withUnsafeMutableBufferPointer { x in
                for j in 0..<(m - 1) {
                    let u = rng.unit()
                    var q = j
                    while q > 0, x[q - 1] > u { x[q] = x[q - 1]; q -= 1 }
                    x[q] = u
                }
                var previous = 0.0
                for j in 0..<(m - 1) {
                    let gap = x[j] - previous
                    previous = x[j]
                    x[j] = gap
                }
                x[m - 1] = 1 - previous
            }
            let scale = 1.0
            switch information {
            case .none:
                for j in 0..<m { w[j] = scratch[j] * scale }
            case .ranking(let tiers):
                scratch.sort(by: >)
                var k = 0
                for tier in tiers {
                    // Shuffle within a tier: unordered criteria get the tier's values in random order.
                    var values = Array(scratch[k..<(k + tier.count)])
                    if values.count > 1 {
                        for t in stride(from: values.count - 1, to: 0, by: -1) {
                            values.swapAt(t, Int(rng.next() % UInt64(t + 1)))
                        }
                    }
                    for (c, v) in zip(tier, values) { w[c] = v * scale }
                    k += tier.count
                }
            }
            if !bounds.isEmpty {
                for j in 0..<m { if let b = bounds[j], !b.contains(w[j]) { return false } }
            }
            return true
        }
    }

    static func checkBounds(_ settings: Settings, m: Int) throws(Failure) {
        guard !settings.bounds.isEmpty else { return }
        let lower = settings.bounds.reduce(0.0) { $0 + ($1?.lowerBound ?? 0) }
        let upper = settings.bounds.reduce(0.0) { $0 + ($1?.upperBound ?? 1) }
        if lower > 1 + 1e-12 || upper < 1 - 1e-12 { throw .boundsInfeasible }
    }

    // MARK: - Analysis

    public static func run(_ model: SmaaModel, settings: Settings, progress: ((Double) -> Void)? = nil) throws(Failure) -> Result {
        let n = model.optionCount, m = model.criterionCount, samples = settings.samples
        guard samples > 0, n > 0 else { throw .noSamples }
        try checkBounds(settings, m: m)
        var rng = SeededGenerator(seed: settings.seed)
        var sampler = WeightSampler(m: m, information: settings.weights, bounds: settings.bounds.isEmpty ? [] : settings.bounds)
        var values = model.values
        var w = [Double](repeating: 0, count: m)
        var totals = [Double](repeating: 0, count: n)
        var acceptability = [Int](repeating: 0, count: n * n)
        var central = [Double](repeating: 0, count: n * m), centralSquares = central
        var firstCount = [Int](repeating: 0, count: n)
        var order = Array(0..<n)
        // Pairwise, lazily: since[i*n+k] is the sample from which i has been ranked before k;
        // wins accumulate when the relation flips, and at the end for the final order.
        var since = [Int](repeating: 0, count: n * n)
        var wins = [Int](repeating: 0, count: n * n)
        let step = max(1, samples / 20)
        var rejected = 0
        let uncertain = model.uncertain
        let triangular = settings.triangular

        var s = 0
        while s < samples {
            guard sampler.draw(into: &w, &rng) else {
                rejected += 1
                if rejected > 1000 * max(1, s) + 10_000 { throw .boundsTooNarrow }
                continue
            }
            values.withUnsafeMutableBufferPointer { v in
                uncertain.withUnsafeBufferPointer { u in
                    for k in 0..<u.count { v[u[k].criterion * n + u[k].option] = u[k].sampler.draw(&rng, triangular: triangular) }
                }
            }
            totals.withUnsafeMutableBufferPointer { t in
                values.withUnsafeBufferPointer { v in
                    w.withUnsafeBufferPointer { wp in
                        let tp = t.baseAddress!
                        tp.update(repeating: 0, count: n)
                        for j in 0..<m {
                            let wj = wp[j]
                            let column = v.baseAddress! + j &* n
                            for i in 0..<n { tp[i] += wj * column[i] }
                        }
                    }
                }
            }
            var first = 0
            totals.withUnsafeBufferPointer { t in
                order.withUnsafeMutableBufferPointer { o in
                    since.withUnsafeMutableBufferPointer { si in
                        wins.withUnsafeMutableBufferPointer { wi in
                            acceptability.withUnsafeMutableBufferPointer { acc in
                                // Insertion sort from the previous order, best first; each adjacent
                                // swap flips one pairwise relation: y was ahead of x since si[y, x].
                                for p in 1..<max(n, 1) {
                                    let x = o[p], tx = t[x]
                                    var q = p
                                    while q > 0, t[o[q &- 1]] < tx {
                                        let y = o[q &- 1]
                                        wi[y &* n &+ x] &+= s &- si[y &* n &+ x]
                                        si[x &* n &+ y] = s
                                        o[q] = y
                                        q &-= 1
                                    }
                                    o[q] = x
                                }
                                // Equal totals share the better rank and are nobody's win.
                                first = o[0]
                                var r = 0
                                while r < n {
                                    var e = r
                                    let tr = t[o[r]]
                                    while e &+ 1 < n, t[o[e &+ 1]] == tr { e &+= 1 }
                                    for k in r...e { acc[o[k] &* n &+ r] &+= 1 }
                                    if e > r {
                                        for a in r..<e { for b in (a &+ 1)...e { wi[o[a] &* n &+ o[b]] &-= 1 } }
                                        if r == 0 { for k in 0...e { first = min(first, o[k]) } }
                                    }
                                    r = e &+ 1
                                }
                            }
                        }
                    }
                }
            }
            firstCount[first] += 1
            central.withUnsafeMutableBufferPointer { c in
                centralSquares.withUnsafeMutableBufferPointer { c2 in
                    w.withUnsafeBufferPointer { wp in
                        for j in 0..<m {
                            c[first * m + j] += wp[j]
                            c2[first * m + j] += wp[j] * wp[j]
                        }
                    }
                }
            }
            s += 1
            if let progress, s % step == 0 { progress(Double(s) / Double(samples)) }
        }
        // Flush the pairwise relations still standing in the final order.
        for (p, i) in order.enumerated() { for k in order[(p + 1)...] { wins[i * n + k] += samples - since[i * n + k] } }
        let N = Double(samples)
        var centralWeights: [[Double]?] = [], centralErrors: [[Double]?] = []
        for i in 0..<n {
            let c = firstCount[i]
            guard c > 0 else { centralWeights.append(nil); centralErrors.append(nil); continue }
            let mean = (0..<m).map { central[i * m + $0] / Double(c) }
            centralWeights.append(mean)
            centralErrors.append((0..<m).map { j in
                let variance = max(0, centralSquares[i * m + j] / Double(c) - mean[j] * mean[j])
                return 1.96 * (variance / Double(c)).squareRoot()
            })
        }
        let (confidence, confidenceError) = confidenceFactors(model, centralWeights, settings: settings, rng: &rng)
        return Result(
            samples: samples,
            rankAcceptability: (0..<n).map { i in (0..<n).map { Double(acceptability[i * n + $0]) / N } },
            centralWeights: centralWeights, centralWeightErrors: centralErrors,
            confidence: confidence, confidenceError: confidenceError,
            pairwiseWinning: (0..<n).map { i in (0..<n).map { k in i == k ? 0 : Double(wins[i * n + k]) / N } }
        )
    }

    /// With the weights fixed at each option's central weights, how often it is first.
    static func confidenceFactors(_ model: SmaaModel, _ central: [[Double]?], settings: Settings, rng: inout SeededGenerator) -> ([Double?], [Double?]) {
        let n = model.optionCount, m = model.criterionCount
        let draws = model.uncertain.isEmpty ? 1 : max(1, settings.confidenceSamples)
        var confidence: [Double?] = [], errors: [Double?] = []
        var totals = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard let w = central[i] else { confidence.append(nil); errors.append(nil); continue }
            // Totals with the point values, minus the uncertain cells, which are added per draw.
            var fixed = [Double](repeating: 0, count: n)
            for k in 0..<n { for j in 0..<m { fixed[k] += w[j] * model.values[j * n + k] } }
            for u in model.uncertain { fixed[u.option] -= w[u.criterion] * model.values[u.criterion * n + u.option] }
            var firsts = 0
            for _ in 0..<draws {
                for k in 0..<n { totals[k] = fixed[k] }
                model.uncertain.withUnsafeBufferPointer { u in
                    for c in 0..<u.count { totals[u[c].option] += w[u[c].criterion] * u[c].sampler.draw(&rng, triangular: settings.triangular) }
                }
                let own = totals[i]
                var best = true
                for k in 0..<n where k != i && totals[k] > own { best = false; break }
                if best { firsts += 1 }
            }
            let p = Double(firsts) / Double(draws)
            confidence.append(p)
            errors.append(Result.error(p, draws))
        }
        return (confidence, errors)
    }

    /// The plain SMAA loop: full sort and every pair each sample. Same random stream as ``run``
    /// for the weights and scores, so results agree exactly (ties aside).
    public static func reference(_ model: SmaaModel, settings: Settings) throws(Failure) -> Result {
        let n = model.optionCount, m = model.criterionCount, samples = settings.samples
        guard samples > 0, n > 0 else { throw .noSamples }
        try checkBounds(settings, m: m)
        var rng = SeededGenerator(seed: settings.seed)
        var sampler = WeightSampler(m: m, information: settings.weights, bounds: settings.bounds)
        var values = model.values
        var w = [Double](repeating: 0, count: m)
        var acceptability = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var wins = acceptability
        var central = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        var centralSquares = central
        var firstCount = [Int](repeating: 0, count: n)
        var s = 0, rejected = 0
        while s < samples {
            guard sampler.draw(into: &w, &rng) else {
                rejected += 1
                if rejected > 1000 * max(1, s) + 10_000 { throw .boundsTooNarrow }
                continue
            }
            for u in model.uncertain { values[u.criterion * n + u.option] = u.sampler.draw(&rng, triangular: settings.triangular) }
            let totals = (0..<n).map { i in (0..<m).reduce(0.0) { $0 + w[$1] * values[$1 * n + i] } }
            for i in 0..<n {
                let rank = (0..<n).filter { totals[$0] > totals[i] }.count
                acceptability[i][rank] += 1
                for k in 0..<n where totals[i] > totals[k] { wins[i][k] += 1 }
            }
            if let first = (0..<n).first(where: { i in !(0..<n).contains { totals[$0] > totals[i] } }) {
                firstCount[first] += 1
                for j in 0..<m { central[first][j] += w[j]; centralSquares[first][j] += w[j] * w[j] }
            }
            s += 1
        }
        let N = Double(samples)
        let cw: [[Double]?] = (0..<n).map { i in firstCount[i] > 0 ? central[i].map { $0 / Double(firstCount[i]) } : nil }
        let ce: [[Double]?] = (0..<n).map { i in
            guard let mean = cw[i] else { return nil }
            let c = Double(firstCount[i])
            return (0..<m).map { j in 1.96 * (max(0, centralSquares[i][j] / c - mean[j] * mean[j]) / c).squareRoot() }
        }
        let (confidence, errors) = confidenceFactors(model, cw, settings: settings, rng: &rng)
        return Result(samples: samples, rankAcceptability: acceptability.map { $0.map { Double($0) / N } },
                      centralWeights: cw, centralWeightErrors: ce, confidence: confidence, confidenceError: errors,
                      pairwiseWinning: wins.map { $0.map { Double($0) / N } })
    }
}
