/// A measurement on a leaf's scale: a number on a numeric scale or a level on a qualitative one.
public enum ScoreValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case level(String)

    public var description: String {
        switch self {
        case .number(let x): return NumberText.plain(x)
        case .level(let s): return s
        }
    }
}

/// The score of one option on one leaf criterion: a value, optionally a range, or missing with a
/// reason; always with an optional source and note.
public struct Score: Equatable, Sendable {
    /// The best estimate; `nil` when the score is missing.
    public var value: ScoreValue?
    /// The range of plausible values (low–high), when the score is uncertain.
    public var low: ScoreValue?
    public var high: ScoreValue?
    /// Why the score is missing (only when `value` is nil).
    public var missingReason: String?
    /// Where the number comes from (a report, a system, an estimate by whom).
    public var source: String?
    public var note: String?

    public init(value: ScoreValue?, low: ScoreValue? = nil, high: ScoreValue? = nil, missingReason: String? = nil, source: String? = nil, note: String? = nil) {
        self.value = value
        self.low = low
        self.high = high
        self.missingReason = missingReason
        self.source = source
        self.note = note
    }

    public static func number(_ x: Double, source: String? = nil) -> Score { Score(value: .number(x), source: source) }
    public static func level(_ s: String, source: String? = nil) -> Score { Score(value: .level(s), source: source) }
    public static func missing(_ reason: String) -> Score { Score(value: nil, missingReason: reason) }

    public var isMissing: Bool { value == nil }
    public var hasRange: Bool { low != nil || high != nil }
}
