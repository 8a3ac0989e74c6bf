import ArgumentParser

/// The `wikken` command: validate and analyse decision dossiers.
public struct Wikken: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wikken",
        abstract: "Wikken: keuzes maken, toetsen en uitleggen. (Weighing choices for housing corporations.)",
        discussion: """
        Uitgangscodes / exit codes:
          0  gelukt / success
          1  het dossier bevat fouten / the dossier has errors
          2  analyse geweigerd: ontbrekende scores / analysis refused: missing scores
          3  bestand niet te lezen of te schrijven / file cannot be read or written
          64 verkeerd gebruik van de opdracht / wrong usage
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Analyse.self, Weights.self, Methods.self, Sensitivity.self, SmaaCommand.self, Convert.self]
    )

    public init() {}
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: [.customLong("taal"), .customLong("lang")], help: "Taal van de uitvoer: nl of en. (Output language.)")
    var language: OutputLanguage = .nl
}

enum OutputLanguage: String, ExpressibleByArgument, CaseIterable {
    case nl, en
}

/// Exit codes, documented in the command's help and in README.md.
enum Exit {
    static let invalidDossier = ExitCode(1)
    static let refused = ExitCode(2)
    static let fileProblem = ExitCode(3)
}
