/// What the analysis does with missing scores.
public enum MissingRule: String, Sendable, CaseIterable {
    /// Refuse to analyse, listing every missing score (the default).
    case refuse
    /// Give a missing score the lowest value its value function takes (usually 0).
    case worst
    /// Leave the missing criterion out for that option and divide its total by the sum of the
    /// global weights of the criteria it does have, so the total stays on 0–100.
    case renormalise

    /// As spelled on the command line: `weigeren`, `slechtst`, `herverdelen`.
    public var cliName: String {
        switch self {
        case .refuse: return "weigeren"
        case .worst: return "slechtst"
        case .renormalise: return "herverdelen"
        }
    }
}
