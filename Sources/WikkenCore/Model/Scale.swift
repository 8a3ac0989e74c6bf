/// How a leaf criterion is measured, and how a measurement maps to a value from 0 (worst) to 100 (best).
public enum Scale: Equatable, Sendable {
    case numeric(NumericScale)
    case qualitative(QualitativeScale)
}

/// Which end of a numeric scale is preferred.
public enum Direction: String, Equatable, Sendable, CaseIterable {
    case higherIsBetter
    case lowerIsBetter
}

/// A numeric scale with a unit, e.g. euros per month or households per year.
public struct NumericScale: Equatable, Sendable {
    public var unit: String?
    /// Required for the linear value function; optional with a piecewise one.
    public var direction: Direction?
    /// The scale's worst and best measurements (a *global* scale). When absent, the worst and best
    /// scores of the options in the dossier are used (a *local* scale); the analysis says so.
    public var worst: Double?
    public var best: Double?
    public var valueFunction: ValueFunctionShape

    public init(unit: String? = nil, direction: Direction?, worst: Double? = nil, best: Double? = nil, valueFunction: ValueFunctionShape = .linear) {
        self.unit = unit
        self.direction = direction
        self.worst = worst
        self.best = best
        self.valueFunction = valueFunction
    }
}

/// The shape of a numeric value function.
public enum ValueFunctionShape: Equatable, Sendable {
    /// Linear from the worst measurement (value 0) to the best (value 100).
    case linear
    /// Piecewise linear through the given points (measurement, value 0–100), measurements
    /// strictly increasing. Measurements outside the first and last point are invalid.
    case piecewise([ValuePoint])
}

public struct ValuePoint: Equatable, Sendable {
    public var measurement: Double
    public var value: Double
    public init(_ measurement: Double, _ value: Double) {
        self.measurement = measurement
        self.value = value
    }
}

/// An ordered qualitative scale such as `-- - 0 + ++`, listed from worst to best.
public struct QualitativeScale: Equatable, Sendable {
    public var levels: [String]
    /// The value (0–100) of each level. When absent, levels are evenly spaced: level k of n has
    /// value 100·k/(n−1).
    public var values: [Double]?

    public init(levels: [String], values: [Double]? = nil) {
        self.levels = levels
        self.values = values
    }

    /// The value of every level, explicit or evenly spaced.
    public var effectiveValues: [Double] {
        if let values { return values }
        let n = levels.count
        guard n > 1 else { return Array(repeating: 100, count: n) }
        return (0..<n).map { 100 * Double($0) / Double(n - 1) }
    }

    /// The common five-point scale `-- - 0 + ++`.
    public static let fivePoint = QualitativeScale(levels: ["--", "-", "0", "+", "++"])
}
