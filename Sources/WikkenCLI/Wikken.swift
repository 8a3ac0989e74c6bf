import ArgumentParser
import WikkenCore

/// The `wikken` command: validate and analyse decision dossiers.
public struct Wikken: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wikken",
        abstract: "Wikken: keuzes maken, toetsen en uitleggen. (Weighing choices for housing corporations.)",
        discussion: """
        Uitgangscodes / exit codes:
          0  gelukt / success
          1  het dossier bevat fouten / the dossier has errors
          2  analyse geweigerd: ontbrekende scores / analysis refused: missing scores
          3  bestand niet te lezen of te schrijven / file cannot be read or written
          4  een benodigd programma ontbreekt of faalt (Chromium voor PDF) / a needed program is missing
          64 verkeerd gebruik van de opdracht / wrong usage
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Analyse.self, Weights.self, Partners.self, Methods.self, Sensitivity.self, SmaaCommand.self, Report.self, Convert.self, Serve.self, VeerkrachtCommand.self, Backup.self, Restore.self]
    )

    public init() {}
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @ArgumentParser.Option(name: [.customLong("taal"), .customLong("lang")], help: "Taal van de uitvoer: nl of en. (Output language.)")
    var language: OutputLanguage = .nl
}

/// The dossier file and the weight sets to use, shared by the analysis commands.
struct DossierInput: ParsableArguments {
    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "Alleen deze weging (id); mag vaker. (Only this weight set.)")
    var weightSets: [String] = []

    /// Reads and checks the dossier, keeping only the chosen weight sets.
    func load(_ language: Language) throws -> Dossier {
        var (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        dossier.weightSets = try Terminal.selectWeightSets(weightSets, in: dossier, language: language)
        return dossier
    }
}

/// What to do with missing scores.
struct MissingOption: ParsableArguments {
    @ArgumentParser.Option(name: [.customLong("ontbrekend"), .customLong("missing")],
                           help: "Ontbrekende scores: weigeren, slechtst of herverdelen (alleen bij analyseer). Standaard de regel in het dossier (ontbrekend:), anders weigeren. / Missing scores: the dossier's rule by default, else refuse.")
    var missing: MissingChoice?

    /// The rule for this run: the one given, else the dossier's, else refusing (one rule for
    /// the command line, the web app, the API and the memo).
    func rule(for dossier: Dossier) -> MissingRule { dossier.missingRule(override: missing?.rule) }
}

enum OutputLanguage: String, ExpressibleByArgument, CaseIterable {
    case nl, en
}

/// Exit codes, documented in the command's help and in README.md.
enum Exit {
    static let invalidDossier = ExitCode(1)
    static let refused = ExitCode(2)
    static let fileProblem = ExitCode(3)
    static let toolMissing = ExitCode(4)
}
