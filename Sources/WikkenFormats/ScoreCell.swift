import Foundation
import WikkenCore

/// One cell of a score grid (options × criteria) as text, on the page and in a spreadsheet:
///
/// - empty: not scored yet;
/// - `40` or `7,5` (a decimal comma or point), or a level of a qualitative scale (`+`, `goed`);
/// - `40 (30 tot 50)`: a score with its range, lowest and highest (`30-50` and `30–50` work too);
/// - `? nog geen offerte`: missing, with the reason after the question mark.
///
/// Parsing checks only the form; whether a number fits the scale or a level exists is the
/// dossier's validation, with the same messages as everywhere.
public enum ScoreCell {
    /// The longest cell text taken, in characters (a reason included).
    public static let maxLength = 300

    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// The score a cell's text stands for: nil for an empty cell (not scored). `keeping` lends
    /// its source and note to the new score, which the grid does not show.
    public static func parse(_ text: String, qualitative: Bool, keeping old: Score? = nil) -> Result<Score?, Problem> {
        let t = trim(text)
        guard !t.isEmpty else { return .success(nil) }
        guard t.count <= maxLength else { return .failure(Problem("te lang: hoogstens \(maxLength) tekens")) }
        var score = Score(value: nil, source: old?.source, note: old?.note)
        if t.hasPrefix("?") {
            let reason = trim(t.dropFirst())
            score.missingReason = reason.isEmpty ? "onbekend" : reason
            return .success(score)
        }
        var main = t, range: String?
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            main = trim(t[..<open])
            range = trim(t[t.index(after: open)..<t.index(before: t.endIndex)])
        }
        guard !main.isEmpty else { return .failure(Problem("‘\(t)’: eerst de score, dan de bandbreedte tussen haakjes, zoals 40 (30 tot 50)")) }
        switch value(main, qualitative: qualitative) {
        case .success(let v): score.value = v
        case .failure(let p): return .failure(p)
        }
        if let range {
            guard let (low, high) = split(range) else {
                return .failure(Problem("‘\(range)’ is geen bandbreedte; schrijf laagste en hoogste met ‘tot’ ertussen, zoals 30 tot 50"))
            }
            switch (value(low, qualitative: qualitative), value(high, qualitative: qualitative)) {
            case (.success(let l), .success(let h)): score.low = l; score.high = h
            case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
            }
        }
        return .success(score)
    }

    /// The cell text of a score; "" when there is none.
    public static func text(_ score: Score?) -> String {
        guard let score else { return "" }
        guard let value = score.value else { return "? " + (score.missingReason ?? "onbekend") }
        var t = text(value)
        if let low = score.low, let high = score.high { t += " (\(text(low)) tot \(text(high)))" }
        return t
    }

    public static func text(_ value: ScoreValue) -> String {
        switch value {
        case .number(let x): return NumberText.plain(x).replacingOccurrences(of: ".", with: ",")
        case .level(let s): return s
        }
    }

    /// A number with a decimal comma or point, finite; nil otherwise.
    public static func number(_ text: String) -> Double? {
        let t = trim(text).replacingOccurrences(of: ",", with: ".")
        // Only what a person writes as a number: digits, one point, a sign in front, an exponent.
        guard !t.isEmpty, t.count <= 40, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(t).flatMap { $0.isFinite ? $0 : nil }
    }

    static func value(_ text: String, qualitative: Bool) -> Result<ScoreValue, Problem> {
        if qualitative { return .success(.level(text)) }
        guard let x = number(text) else { return .failure(Problem("‘\(text)’ is geen getal (schrijf bijvoorbeeld 12,5)")) }
        return .success(.number(x))
    }

    /// "30 tot 50", "30 - 50", "30–50": the two ends. A minus sign in front of a number is kept.
    static func split(_ range: String) -> (String, String)? {
        for separator in [" tot ", "–", "—", " - "] {
            let parts = range.components(separatedBy: separator)
            if parts.count == 2 { return (trim(parts[0]), trim(parts[1])) }
        }
        // "30-50": a hyphen between two numbers, not a sign in front of the first.
        if let i = range.dropFirst().firstIndex(of: "-") {
            let low = trim(range[..<i]), high = trim(range[range.index(after: i)...])
            if number(low) != nil, number(high) != nil { return (low, high) }
        }
        return nil
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        String(s.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
