import ArgumentParser
import WikkenCore
import WikkenReports

/// `wikken gevoeligheid`: how far weights and scores can move before the ranking changes.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gevoeligheid",
        abstract: "Hoe ver kunnen gewichten en scores schuiven voordat de volgorde verandert? (Sensitivity.)",
        aliases: ["sensitivity"]
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var input: DossierInput

    @OptionGroup var missing: MissingOption

    @Flag(name: .long, help: "Uitvoer als JSON, met reeksen voor grafieken.")
    var json = false

    func run() throws {
        let language = common.language.core
        let dossier = try input.load(language)
        // Sensitivity needs additive totals: the renormalise rule does not give them.
        if missing.rule(for: dossier) == .renormalise { throw Terminal.report(.ruleNotSupported(.renormalise), in: dossier, language: language) }
        let result = try Terminal.analyse(dossier, missingRule: missing.rule(for: dossier), language: language)
        if json {
            Terminal.out(AnalysisJSON.encode(SensitivityJSON.document(dossier, result)))
        } else {
            Terminal.out(SensitivityText(dossier: dossier, result: result, language: language).render())
        }
    }
}
