/// What the analysis does with missing scores.
public enum MissingRule: String, Sendable, CaseIterable, FileSpelled {
    /// Refuse to analyse, listing every missing score (the default).
    case refuse
    /// Give a missing score the lowest value its value function takes (usually 0).
    case worst
    /// Leave the missing criterion out for that option and divide its total by the sum of the
    /// global weights of the criteria it does have, so the total stays on 0–100.
    case renormalise

    /// As spelled on the command line and in files (`ontbrekend:`): `weigeren`, `slechtst`,
    /// `herverdelen`.
    public var fileName: String { cliName }

    /// As spelled on the command line: `weigeren`, `slechtst`, `herverdelen`.
    public var cliName: String {
        switch self {
        case .refuse: return "weigeren"
        case .worst: return "slechtst"
        case .renormalise: return "herverdelen"
        }
    }
}

extension Dossier {
    /// The rule an analysis uses: the one asked for (the command line's `--ontbrekend`), else
    /// the dossier's own, else refusing.
    public func missingRule(override: MissingRule? = nil) -> MissingRule { override ?? missingRule ?? .refuse }

    /// The (option, criterion) pairs without a score value, in option and leaf order.
    public var missingScores: [MissingScore] {
        let leaves = leafCriteria
        return options.flatMap { o in leaves.compactMap { c in o.scores[c.id]?.value == nil ? MissingScore(option: o.id, criterion: c.id, reason: o.scores[c.id]?.missingReason) : nil } }
    }
}

extension MissingRule {
    /// What the rule does, in one sentence a B1 reader follows.
    public func explanation(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .refuse: return nl ? "Geen rangorde en geen advies tot alle scores zijn ingevuld." : "No ranking and no advice until every score is filled in."
        case .worst: return nl ? "Een ontbrekende score telt als de slechtste waarde: een optie heeft geen voordeel van wat we niet weten." : "A missing score counts as the worst value: an option gains nothing from what we do not know."
        case .renormalise: return nl ? "Het gewicht van een ontbrekende score gaat naar de bekende scores van die optie." : "The weight of a missing score goes to that option's known scores."
        }
    }
}

extension MissingScore {
    /// How many are missing, to follow "Er": "ontbreekt 1 score", "ontbreken 3 scores".
    public static func counted(_ n: Int) -> String { (n == 1 ? "ontbreekt " : "ontbreken ") + WikkenCore.counted(n, "score", "scores") }
}
