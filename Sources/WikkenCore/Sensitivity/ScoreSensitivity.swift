/// The smallest change in one score that lets the second option catch up with the first (MAVT).
///
/// For each leaf, the gap `V(first) − V(second)` is closed by lowering the first option's value by
/// `gap / w` or raising the second's by the same amount, where `w` is the leaf's global weight; a
/// change is possible only within 0–100. The value change is translated back into the scale's own
/// terms with the current value function (a local scale is held fixed). On a qualitative scale the
/// nearest level that closes the gap is named.
public struct ScoreChange: Sendable, Equatable {
    public var option: Int
    public var criterion: String
    public var fromValue: Double
    public var toValue: Double
    /// The measurement now and the measurement that closes the gap (numeric scales).
    public var fromMeasurement: ScoreValue?
    public var toMeasurement: ScoreValue?

    public var valueChange: Double { toValue - fromValue }

    /// All single-score changes that swap the first two options, smallest value change first.
    public static func swapping(_ dossier: Dossier, _ result: MavtResult, weightSet setIndex: Int) -> [ScoreChange] {
        let set = result.weightSets[setIndex]
        guard set.ranking.count > 1 else { return [] }
        let a = set.ranking[0].option, b = set.ranking[1].option
        let gap = set.totals[a] - set.totals[b]
        var changes: [ScoreChange] = []
        for (j, id) in result.leafIDs.enumerated() {
            let w = set.leafWeights[j]
            guard w > 0, let va = result.value(option: a, leaf: j), let vb = result.value(option: b, leaf: j) else { continue }
            let delta = gap / w
            let f = result.valueFunctions[j]
            let leaf = dossier.criterion(id)
            for (option, from, target) in [(a, va, va - delta), (b, vb, vb + delta)] where (0...100).contains(target) {
                let current = dossier.options[option].scores[id]?.value
                var now: Double?
                if case .number(let x)? = current { now = x }
                guard let (measurement, value) = f.measurement(reaching: target, from: from, scale: leaf?.scale, current: now) else { continue }
                changes.append(ScoreChange(option: option, criterion: id, fromValue: from, toValue: value, fromMeasurement: current, toMeasurement: measurement))
            }
        }
        return changes.sorted { abs($0.valueChange) < abs($1.valueChange) }
    }
}

extension ValueFunction {
    /// A measurement whose value reaches `target` (at or beyond it, moving from `from`), and that
    /// value. Linear and piecewise functions are inverted — on a piecewise function that rises and
    /// falls, the measurement nearest `current` (the score now); a qualitative scale gives the
    /// nearest level that gets there.
    func measurement(reaching target: Double, from: Double, scale: Scale?, current: Double? = nil) -> (ScoreValue, Double)? {
        let down = target < from
        switch kind {
        case let .linear(worst, best, _):
            return (.number(worst + (best - worst) * target / 100), target)
        case .constant:
            return nil
        case .piecewise(let points):
            // Every segment that passes the target gives a measurement (a function that rises
            // and falls gives more than one); the one nearest the current measurement is the
            // smallest change. Without a current measurement, the first.
            var best: Double?
            for k in points.indices.dropFirst() {
                let p = points[k - 1], q = points[k]
                let lo = min(p.value, q.value), hi = max(p.value, q.value)
                guard (lo...hi).contains(target), p.value != q.value else { continue }
                let x = p.measurement + (q.measurement - p.measurement) * (target - p.value) / (q.value - p.value)
                guard let here = current else { return (.number(x), target) }
                if best.map({ abs(x - here) < abs($0 - here) }) ?? true { best = x }
            }
            return best.map { (.number($0), target) }
        case let .discrete(levels, values):
            let candidates = zip(levels, values).filter { down ? $0.1 <= target + 1e-9 : $0.1 >= target - 1e-9 }
            guard let best = (down ? candidates.max { $0.1 < $1.1 } : candidates.min { $0.1 < $1.1 }) else { return nil }
            return (.level(best.0), best.1)
        }
    }
}
