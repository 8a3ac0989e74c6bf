/// The language of text meant for people. Dutch is the default everywhere.
public enum Language: String, Sendable, CaseIterable {
    case nl
    case en
}
