/// Agreement between two rankings of the same options.
///
/// - **Spearman's ρ**: the Pearson correlation of the rank numbers, ties given their average rank.
/// - **Kendall's τ-b**: (concordant − discordant) / √((n0 − n1)(n0 − n2)), correcting for ties
///   in either ranking (Kendall 1945).
/// Both lie in −1…1; 1 is the same order. With fewer than two options, or when one ranking ties
/// everything, they are undefined and returned as `nil`.
public enum RankCorrelation {
    /// Average ranks (1 = best) of scores where higher is better.
    public static func averageRanks(_ scores: [Double], tolerance: Double = 1e-9) -> [Double] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var ranks = [Double](repeating: 0, count: scores.count)
        var k = 0
        while k < order.count {
            var e = k
            while e + 1 < order.count, abs(scores[order[e + 1]] - scores[order[k]]) <= tolerance { e += 1 }
            let average = Double(k + e + 2) / 2
            for t in k...e { ranks[order[t]] = average }
            k = e + 1
        }
        return ranks
    }

    public static func spearman(_ a: [Double], _ b: [Double]) -> Double? {
        let ra = averageRanks(a), rb = averageRanks(b)
        let n = Double(a.count)
        guard a.count >= 2 else { return nil }
        let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
        var cov = 0.0, va = 0.0, vb = 0.0
        for i in ra.indices {
            cov += (ra[i] - ma) * (rb[i] - mb)
            va += (ra[i] - ma) * (ra[i] - ma)
            vb += (rb[i] - mb) * (rb[i] - mb)
        }
        guard va > 0, vb > 0 else { return nil }
        return cov / (va * vb).squareRoot()
    }

    public static func kendallTauB(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Double? {
        let n = a.count
        guard n >= 2 else { return nil }
        var concordant = 0.0, discordant = 0.0, tiesA = 0.0, tiesB = 0.0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let da = abs(a[i] - a[j]) <= tolerance ? 0 : (a[i] > a[j] ? 1.0 : -1.0)
                let db = abs(b[i] - b[j]) <= tolerance ? 0 : (b[i] > b[j] ? 1.0 : -1.0)
                if da == 0 { tiesA += 1 }
                if db == 0 { tiesB += 1 }
                if da != 0, db != 0 { if da == db { concordant += 1 } else { discordant += 1 } }
            }
        }
        let n0 = Double(n * (n - 1) / 2)
        let denominator = ((n0 - tiesA) * (n0 - tiesB)).squareRoot()
        guard denominator > 0 else { return nil }
        return (concordant - discordant) / denominator
    }
}
