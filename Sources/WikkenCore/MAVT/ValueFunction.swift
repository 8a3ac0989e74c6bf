/// A leaf's value function, resolved against the dossier: it maps a measurement to a value from
/// 0 (worst) to 100 (best).
///
/// Conventions (stated in every analysis output):
/// - **linear**: `v(x) = 100 · (x − worst) / (best − worst)`. Worst and best come from the scale
///   (a global scale) or else from the lowest and highest scores in the dossier, range ends
///   included (a local scale). A local scale on which every option scores the same gives every
///   option 100 and a warning: the criterion does not discriminate.
/// - **piecewise**: linear interpolation between the given points.
/// - **discrete**: each level of a qualitative scale has its value (evenly spaced by default).
public struct ValueFunction: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case linear(worst: Double, best: Double, local: Bool)
        case constant
        case piecewise([ValuePoint])
        case discrete(levels: [String], values: [Double])
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// Resolves the value function of a leaf, using the dossier's scores for a local scale.
    public init(scale: Scale, scores: [Score]) {
        switch scale {
        case .qualitative(let q):
            kind = .discrete(levels: q.levels, values: q.effectiveValues)
        case .numeric(let s):
            switch s.valueFunction {
            case .piecewise(let points):
                kind = .piecewise(points)
            case .linear:
                let higher = (s.direction ?? .higherIsBetter) == .higherIsBetter
                if let w = s.worst, let b = s.best {
                    kind = .linear(worst: w, best: b, local: false)
                } else {
                    var lo = Double.infinity, hi = -Double.infinity
                    for score in scores {
                        for v in [score.value, score.low, score.high] {
                            if case .number(let x)? = v { lo = min(lo, x); hi = max(hi, x) }
                        }
                    }
                    // One explicit end plus the data for the other.
                    if let w = s.worst { if higher { lo = w } else { hi = w } }
                    if let b = s.best { if higher { hi = b } else { lo = b } }
                    if lo.isFinite, hi.isFinite, lo < hi {
                        kind = .linear(worst: higher ? lo : hi, best: higher ? hi : lo, local: true)
                    } else {
                        kind = .constant
                    }
                }
            }
        }
    }

    /// The value (0–100) of a measurement. The measurement must fit the scale (validated).
    public func value(_ v: ScoreValue) -> Double {
        switch (kind, v) {
        case let (.linear(w, b, _), .number(x)):
            return min(100, max(0, 100 * (x - w) / (b - w)))
        case (.constant, _):
            return 100
        case let (.piecewise(points), .number(x)):
            return Self.interpolate(points, x)
        case let (.discrete(levels, values), _):
            guard let i = levels.firstIndex(of: v.description) else { return .nan }
            return values[i]
        default:
            return .nan
        }
    }

    /// The lowest and highest value over the measurements from `low` to `high`.
    public func valueRange(low: ScoreValue, high: ScoreValue) -> (Double, Double) {
        switch (kind, low, high) {
        case let (.piecewise(points), .number(a), .number(b)):
            var vals = [Self.interpolate(points, a), Self.interpolate(points, b)]
            vals += points.filter { a < $0.measurement && $0.measurement < b }.map(\.value)
            return (vals.min()!, vals.max()!)
        case let (.discrete(levels, values), _, _):
            guard let i = levels.firstIndex(of: low.description), let j = levels.firstIndex(of: high.description), i <= j else { return (.nan, .nan) }
            let slice = values[i...j]
            return (slice.min()!, slice.max()!)
        default:
            let a = value(low), b = value(high)
            return (min(a, b), max(a, b))
        }
    }

    /// The lowest value the function takes: what the "worst value" rule gives a missing score.
    public var worstValue: Double {
        switch kind {
        case .linear: return 0
        case .constant: return 100
        case .piecewise(let points): return points.map(\.value).min() ?? 0
        case .discrete(_, let values): return values.min() ?? 0
        }
    }

    static func interpolate(_ points: [ValuePoint], _ x: Double) -> Double {
        guard let first = points.first, let last = points.last else { return .nan }
        if x <= first.measurement { return first.value }
        if x >= last.measurement { return last.value }
        var i = 1
        while points[i].measurement < x { i += 1 }
        let a = points[i - 1], b = points[i]
        return a.value + (b.value - a.value) * (x - a.measurement) / (b.measurement - a.measurement)
    }
}
