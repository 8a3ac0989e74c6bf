/// The language of text meant for people. Dutch is the default everywhere.
public enum Language: String, Sendable, CaseIterable {
    case nl
    case en
}

/// A count with its noun in the right number: `counted(1, "oordeel", "oordelen")` is "1 oordeel".
public func counted(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
