import Foundation
import WikkenKernels

/// SMAA-2, stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001), on the
/// additive value model.
///
/// Each of N samples draws a weight vector and (for scores with a range) the uncertain values,
/// computes the totals and ranks the options. Reported, each with its 95% Monte Carlo error
/// (1.96 standard errors):
/// - **rank acceptability** `b_i^r`: the share of samples in which option i has rank r;
/// - **central weight vector** `w_i^c`: the average weights of the samples in which i is first
///   (in a sample with a tie for first, every tied option counts it, as rank acceptability does);
/// - **confidence factor** `p_i^c`: how often i is first when the weights are fixed at its central
///   weights and only the scores vary (1 or 0 when no score is uncertain);
/// - **pairwise winning index** `p_ik`: the share of samples in which i has a higher total than k.
///
/// Weights: uniform over the simplex (no information), or uniform over the part of it that
/// respects a ranking of criteria (ties share a tier, in random order), optionally within bounds
/// per criterion (by rejection). Scores: uniform or triangular (mode = the point value) within
/// their range, in their own measurement, then through the value function.
///
/// Speed: per sample, the totals and every option's rank (the number of options with a strictly
/// higher total) come from one branch-free pass over all pairs, which also counts the pairwise
/// wins; that pass runs in C with AVX-512 or AVX2 when the processor has it (`WikkenKernels`,
/// identical integer results on every path, no fused multiply-add). Weights are the gaps between
/// sorted uniform numbers (uniform on the simplex, no logarithms). ``reference(_:settings:)`` is
/// the plain Swift loop, kept to check this one.
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
        /// Also count pairwise winning indices (an n² pass per sample).
        public var pairwise = true

        public init(samples: Int = 10_000, seed: UInt64 = 1, triangular: Bool = false, weights: WeightInformation = .none,
                    bounds: [ClosedRange<Double>?] = [], confidenceSamples: Int = 10_000, pairwise: Bool = true) {
            self.samples = samples
            self.seed = seed
            self.triangular = triangular
            self.weights = weights
            self.bounds = bounds
            self.confidenceSamples = confidenceSamples
            self.pairwise = pairwise
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
        /// `pairwiseWinning[i][k]` = P(total of i > total of k); empty when not computed.
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

    /// Draws weights uniformly on the simplex, respecting the ranking and bounds. Owns its scratch
    /// memory, so a draw allocates nothing.
    final class WeightSampler {
        let m: Int
        let ranked: Bool
        /// Criterion indices tier after tier, and where each tier ends.
        let tierMembers: [Int]
        let tierEnds: [Int]
        let lower: [Double], upper: [Double]
        let bounded: Bool
        let scratch: UnsafeMutablePointer<Double>

        init(m: Int, information: WeightInformation, bounds: [ClosedRange<Double>?]) {
            self.m = m
            switch information {
            case .none:
                ranked = false
                tierMembers = []
                tierEnds = []
            case .ranking(let tiers):
                ranked = true
                tierMembers = tiers.flatMap { $0 }
                var ends: [Int] = [], k = 0
                for t in tiers { k += t.count; ends.append(k) }
                tierEnds = ends
            }
            bounded = bounds.contains { $0 != nil }
            lower = (0..<m).map { j in j < bounds.count ? bounds[j]?.lowerBound ?? 0 : 0 }
            upper = (0..<m).map { j in j < bounds.count ? bounds[j]?.upperBound ?? 1 : 1 }
            scratch = .allocate(capacity: max(m, 1))
            scratch.initialize(repeating: 0, count: max(m, 1))
        }

        deinit { scratch.deallocate() }

        /// Fills `w` (m values); returns false when the draw falls outside the bounds (draw again).
        @inline(__always)
        func draw(into w: UnsafeMutablePointer<Double>, _ rng: inout SeededGenerator) -> Bool {
            let x = scratch
            // Uniform on the simplex: the gaps between m − 1 sorted uniform numbers (and 0 and 1).
            // Branch-free insertion (compare-exchange all the way down): no mispredictions.
            for j in 0..<(m &- 1) {
                x[j] = rng.unit()
                var q = j
                while q > 0 {
                    let a = x[q &- 1], b = x[q]
                    x[q &- 1] = Swift.min(a, b)
                    x[q] = Swift.max(a, b)
                    q &-= 1
                }
            }
            var previous = 0.0
            for j in 0..<(m &- 1) {
                let gap = x[j] - previous
                previous = x[j]
                x[j] = gap
            }
            x[m &- 1] = 1 - previous
            if !ranked {
                for j in 0..<m { w[j] = x[j] }
            } else {
                // Largest weights to the most important tier; within a tier in random order.
                for p in 1..<max(m, 1) {
                    let v = x[p]
                    var q = p
                    while q > 0, x[q &- 1] < v { x[q] = x[q &- 1]; q &-= 1 }
                    x[q] = v
                }
                var start = 0
                for end in tierEnds {
                    var t = end &- 1
                    while t > start {
                        let r = start &+ Int(rng.next() % UInt64(t &- start &+ 1))
                        let tmp = x[t]; x[t] = x[r]; x[r] = tmp
                        t &-= 1
                    }
                    for k in start..<end { w[tierMembers[k]] = x[k] }
                    start = end
                }
            }
            if bounded {
                for j in 0..<m where w[j] < lower[j] || w[j] > upper[j] { return false }
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
        let sampler = WeightSampler(m: m, information: settings.weights, bounds: settings.bounds)
        // Working memory, allocated once; the loop below allocates nothing.
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: value, count: max(count, 1))
            return p
        }
        let values = buffer(n * m, 0.0)
        for k in 0..<(n * m) { values[k] = model.values[k] }
        let w = buffer(m, 0.0)
        let totals = buffer(Int(wk_padded(Int32(n))), 0.0) // padded for the vector loops
        let acceptability = buffer(n * n, Int64(0))
        let central = buffer(n * m, 0.0), centralSquares = buffer(n * m, 0.0)
        let firstCount = buffer(n, Int64(0))
        let padded = Int(wk_padded(Int32(n)))
        let beatenT = buffer(n * padded, Int32(0)) // beatenT[k*padded+i]: samples in which k had a higher total than i
        let rank = buffer(padded, Int32(0))
        defer {
            values.deallocate(); w.deallocate(); totals.deallocate(); acceptability.deallocate()
            central.deallocate(); centralSquares.deallocate(); firstCount.deallocate(); beatenT.deallocate(); rank.deallocate()
        }
        let step = max(1, samples / 20)
        var rejected = 0
        let uncertain = model.uncertain
        let triangular = settings.triangular
        let n32 = Int32(n), m32 = Int32(m), pairwise = settings.pairwise

        let blockSize = 256
        let block = buffer(blockSize * m, 0.0)
        defer { block.deallocate() }
        var s = 0
        if uncertain.isEmpty {
            // Fixed values: draw the weights of a block of samples, then let the kernel rank them.
            while s < samples {
                let count = min(blockSize, samples - s)
                var filled = 0
                while filled < count {
                    if sampler.draw(into: block + filled &* m, &rng) {
                        filled &+= 1
                    } else {
                        rejected += 1
                        if rejected > 1000 * max(1, s + filled) + 10_000 { throw .boundsTooNarrow }
                    }
                }
                wk_smaa_block(values, block, Int32(count), n32, m32, totals, pairwise ? beatenT : nil, acceptability, rank, central, centralSquares, firstCount)
                let before = s
                s &+= count
                if let progress, before / step != s / step { progress(Double(s) / Double(samples)) }
            }
        }
        while s < samples {
            guard sampler.draw(into: w, &rng) else {
                rejected += 1
                if rejected > 1000 * max(1, s) + 10_000 { throw .boundsTooNarrow }
                continue
            }
            for k in uncertain.indices { values[uncertain[k].criterion &* n &+ uncertain[k].option] = uncertain[k].sampler.draw(&rng, triangular: triangular) }
            // Totals, ranks (number of options with a strictly higher total, ties sharing the
            // better rank) and pairwise counts in one vectorised pass.
            _ = pairwise
                ? wk_smaa_sample(values, w, n32, m32, totals, beatenT, acceptability, rank)
                : wk_smaa_sample_ranks(values, w, n32, m32, totals, acceptability, rank)
            wk_smaa_credit_first(w, n32, m32, rank, central, centralSquares, firstCount)
            s &+= 1
            if let progress, s % step == 0 { progress(Double(s) / Double(samples)) }
        }
        let N = Double(samples)
        var centralWeights: [[Double]?] = [], centralErrors: [[Double]?] = []
        for i in 0..<n {
            let c = Int(firstCount[i])
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
            pairwiseWinning: !pairwise ? [] : (0..<n).map { i in (0..<n).map { k in i == k ? 0 : Double(beatenT[i * padded + k]) / N } }
        )
    }

    /// The vector code path SMAA uses on this processor (`avx512`, `avx2` or `generic`).
    public static var kernel: String { String(cString: wk_kernel_name()) }

    /// Switches to a code path if this processor has it (for tests comparing the paths).
    @discardableResult
    public static func useKernel(_ name: String) -> Bool { wk_use_kernel(name) == 1 }

    /// With the weights fixed at each option's central weights, how often it is first.
    static func confidenceFactors(_ model: SmaaModel, _ central: [[Double]?], settings: Settings, rng: inout SeededGenerator) -> ([Double?], [Double?]) {
        let n = model.optionCount, m = model.criterionCount
        let draws = model.uncertain.isEmpty ? 1 : max(1, settings.confidenceSamples)
        var confidence: [Double?] = [], errors: [Double?] = []
        var totals = [Double](repeating: 0, count: Int(wk_padded(Int32(n)))) // padded for the vector loops
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
    /// for the weights and scores, so results agree exactly.
    public static func reference(_ model: SmaaModel, settings: Settings) throws(Failure) -> Result {
        let n = model.optionCount, m = model.criterionCount, samples = settings.samples
        guard samples > 0, n > 0 else { throw .noSamples }
        try checkBounds(settings, m: m)
        var rng = SeededGenerator(seed: settings.seed)
        let sampler = WeightSampler(m: m, information: settings.weights, bounds: settings.bounds)
        var values = model.values
        var w = [Double](repeating: 0, count: m)
        var acceptability = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var wins = acceptability
        var central = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        var centralSquares = central
        var firstCount = [Int](repeating: 0, count: n)
        var s = 0, rejected = 0
        while s < samples {
            guard w.withUnsafeMutableBufferPointer({ sampler.draw(into: $0.baseAddress!, &rng) }) else {
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
            for first in 0..<n where !(0..<n).contains(where: { totals[$0] > totals[first] }) {
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
