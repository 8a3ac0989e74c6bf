/// What SMAA-2 samples: the value of every option on every leaf (0–100), some of them uncertain.
public struct SmaaModel: Sendable {
    public var optionCount: Int
    public var criterionCount: Int
    /// Column-major point values: `values[j * optionCount + i]`.
    public var values: [Double]
    public var uncertain: [UncertainScore]

    public init(optionCount: Int, criterionCount: Int, values: [Double], uncertain: [UncertainScore] = []) {
        self.optionCount = optionCount
        self.criterionCount = criterionCount
        self.values = values
        self.uncertain = uncertain
    }

    /// A score with a range: sampled in its own measurement and turned into a value.
    public struct UncertainScore: Sendable {
        public var option: Int
        public var criterion: Int
        public var sampler: Sampler

        public init(option: Int, criterion: Int, sampler: Sampler) {
            self.option = option
            self.criterion = criterion
            self.sampler = sampler
        }
    }

    public enum Sampler: Sendable {
        /// A numeric measurement between low and high (mode = the point value) and its value function.
        case numeric(low: Double, mode: Double, high: Double, function: ValueFunction)
        /// Levels `from…to` of a qualitative scale (mode = the point level) with their values.
        case levels(from: Int, mode: Int, to: Int, values: [Double])
    }

    /// The model of a dossier: values from the MAVT value functions, ranges as uncertain scores.
    /// Missing scores follow the MAVT result's rule (only `refuse` and `worst` make sense here).
    public init(_ dossier: Dossier, _ result: MavtResult) {
        let n = result.optionIDs.count, m = result.leafIDs.count
        var values = [Double](repeating: 0, count: n * m)
        var uncertain: [UncertainScore] = []
        let leaves = dossier.leafCriteria
        for j in 0..<m {
            let f = result.valueFunctions[j]
            for i in 0..<n {
                values[j * n + i] = result.value(option: i, leaf: j) ?? 0
                guard let score = dossier.options[i].scores[leaves[j].id], let v = score.value, score.hasRange else { continue }
                let low = score.low ?? v, high = score.high ?? v
                switch (v, low, high, leaves[j].scale) {
                case let (.number(x), .number(a), .number(b), _) where a < b:
                    uncertain.append(UncertainScore(option: i, criterion: j, sampler: .numeric(low: a, mode: x, high: b, function: f)))
                case let (_, _, _, .qualitative(q)?):
                    if let a = q.levels.firstIndex(of: low.description), let b = q.levels.firstIndex(of: high.description),
                       let x = q.levels.firstIndex(of: v.description), a < b {
                        uncertain.append(UncertainScore(option: i, criterion: j, sampler: .levels(from: a, mode: x, to: b, values: q.effectiveValues)))
                    }
                default: break
                }
            }
        }
        self.init(optionCount: n, criterionCount: m, values: values, uncertain: uncertain)
    }
}

extension SmaaModel.Sampler {
    /// One draw, uniform or triangular (mode = the point value), as a value 0–100.
    @inline(__always)
    func draw(_ rng: inout SeededGenerator, triangular: Bool) -> Double {
        switch self {
        case let .numeric(low, mode, high, function):
            let u = rng.unit()
            let x: Double
            if triangular {
                let c = (mode - low) / (high - low)
                x = u < c ? low + ((high - low) * (mode - low) * u).squareRoot()
                          : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
            } else {
                x = low + (high - low) * u
            }
            return function.value(.number(x))
        case let .levels(from, mode, to, values):
            if !triangular {
                return values[from + Int(rng.next() % UInt64(to - from + 1))]
            }
            // Discrete triangle: weight of level k falls linearly from the mode to one step
            // beyond each end.
            let weights: [Double] = (from...to).map { (k: Int) -> Double in
                if k <= mode { return Double(k - from + 1) / Double(mode - from + 1) }
                return Double(to - k + 1) / Double(to - mode + 1)
            }
            var u = rng.unit() * weights.reduce(0, +)
            for (offset, w) in weights.enumerated() {
                if u < w { return values[from + offset] }
                u -= w
            }
            return values[to]
        }
    }
}
