/// TOPSIS (Hwang & Yoon 1981): closeness to the ideal and distance from the anti-ideal.
///
/// Conventions: **vector normalisation** `r_ij = x_ij / √(Σ_i x_ij²)` (a column of zeros stays
/// 0); weighted `v_ij = w_j r_ij`; ideal = best per column (max for benefit, min for cost),
/// anti-ideal = worst; Euclidean distances `D+`, `D−`; closeness `C = D− / (D+ + D−)`, in 0–1,
/// higher is better. When every option is identical (`D+ + D− = 0`) all get 0.5.
public enum Topsis {
    public struct Result: Sendable, Equatable {
        public var closeness: [Double]
        public var distanceToIdeal: [Double]
        public var distanceToAntiIdeal: [Double]
        public var ranking: [RankEntry]
    }

    public static func analyse(_ matrix: DecisionMatrix) -> Result {
        let n = matrix.optionCount, m = matrix.criterionCount
        var norms = [Double](repeating: 0, count: m)
        for i in 0..<n { for j in 0..<m { let x = matrix.values[i * m + j]; norms[j] += x * x } }
        var scale = [Double](repeating: 0, count: m)
        for j in 0..<m {
            norms[j] = norms[j].squareRoot()
            scale[j] = norms[j] > 0 ? matrix.weights[j] / norms[j] : 0
        }
        var best = [Double](repeating: 0, count: m), worst = best
        for j in 0..<m {
            var lo = Double.infinity, hi = -Double.infinity
            for i in 0..<n {
                let v = matrix.values[i * m + j] * scale[j]
                lo = min(lo, v)
                hi = max(hi, v)
            }
            best[j] = matrix.benefit[j] ? hi : lo
            worst[j] = matrix.benefit[j] ? lo : hi
        }
        var plus = [Double](repeating: 0, count: n), minus = plus, closeness = plus
        for i in 0..<n {
            var dp = 0.0, dm = 0.0
            let row = i * m
            for j in 0..<m {
                let v = matrix.values[row + j] * scale[j]
                dp += (v - best[j]) * (v - best[j])
                dm += (v - worst[j]) * (v - worst[j])
            }
            plus[i] = dp.squareRoot()
            minus[i] = dm.squareRoot()
            let sum = plus[i] + minus[i]
            closeness[i] = sum > 0 ? minus[i] / sum : 0.5
        }
        return Result(closeness: closeness, distanceToIdeal: plus, distanceToAntiIdeal: minus, ranking: Mavt.rank(closeness))
    }
}
