import WikkenCore

extension Language {
    /// Items as a sentence lists them: "a, b en c" in Dutch, "a, b and c" in English; one item
    /// alone, none as an empty text.
    func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + (self == .nl ? " en " : " and ") + last
    }
}
