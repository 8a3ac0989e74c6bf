/// A PROMETHEE preference function for one criterion (Brans & Vincke 1985; Brans & Mareschal
/// 2005): how a difference `d` between two options on this criterion turns into a degree of
/// preference from 0 to 1. Thresholds are in the criterion's own unit (for qualitative and
/// piecewise-linear scales: value points 0–100).
///
/// - usual (type I): `P = 1` if `d > 0`
/// - U-shape (type II): `P = 1` if `d > q`
/// - V-shape (type III): `P = d/p` for `0 < d ≤ p`, 1 above
/// - level (type IV): `P = 1/2` for `q < d ≤ p`, 1 above `p`
/// - linear (type V): `P = (d − q)/(p − q)` for `q < d ≤ p`, 1 above `p`
/// - Gaussian (type VI): `P = 1 − exp(−d² / 2s²)` for `d > 0`
/// In every case `P = 0` for `d ≤ 0`.
public enum PreferenceFunction: Equatable, Sendable {
    case usual
    case uShape(q: Double)
    case vShape(p: Double)
    case level(q: Double, p: Double)
    case linear(q: Double, p: Double)
    case gaussian(s: Double)

    /// P(d) for a difference `d`. A difference within `tolerance` of 0 or of a threshold counts
    /// as equal to it (see ``Promethee/tolerance(_:criterion:)``): with decimal data 7,5 − 7,2 is
    /// 0,30000000000000027 in binary, and a person means exactly 0,3. The Gaussian function is
    /// continuous and takes no tolerance.
    public func preference(_ d: Double, tolerance t: Double = 0) -> Double {
        if case .gaussian(let s) = self { return d > 0 ? 1 - Self.gaussianTail(d, s) : 0 }
        guard d > t else { return 0 }
        switch self {
        case .usual: return 1
        case .uShape(let q): return d > q + t ? 1 : 0
        case .vShape(let p): return d > p + t ? 1 : d / p
        case let .level(q, p): return d > p + t ? 1 : (d > q + t ? 0.5 : 0)
        case let .linear(q, p): return d > p + t ? 1 : (d > q + t ? (d - q) / (p - q) : 0)
        case .gaussian: return 0
        }
    }

    static func gaussianTail(_ d: Double, _ s: Double) -> Double {
        let z = d / s
        return _exp(-0.5 * z * z)
    }

    /// The thresholds this function uses, as (name, value) pairs, for validation and output.
    public var thresholds: [(String, Double)] {
        switch self {
        case .usual: return []
        case .uShape(let q): return [("q", q)]
        case .vShape(let p): return [("p", p)]
        case let .level(q, p), let .linear(q, p): return [("q", q), ("p", p)]
        case .gaussian(let s): return [("s", s)]
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
