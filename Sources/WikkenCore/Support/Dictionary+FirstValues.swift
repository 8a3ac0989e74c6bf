extension Dictionary {
    /// The pairs as a dictionary in which a repeated key keeps its first value. Unlike
    /// `init(uniqueKeysWithValues:)` it never stops the program: ids come from people's files,
    /// and a repeated id is a problem ``Dossier/validate()`` reports, not a crash on the way there.
    public init<S: Sequence>(firstValues pairs: S) where S.Element == (Key, Value) {
        self.init(pairs, uniquingKeysWith: { first, _ in first })
    }
}
