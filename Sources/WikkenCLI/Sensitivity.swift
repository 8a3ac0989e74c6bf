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

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "Alleen deze weging (id); mag vaker.")
    var weightSets: [String] = []

    @ArgumentParser.Option(name: [.customLong("ontbrekend"), .customLong("missing")], help: "Ontbrekende scores: weigeren (standaard) of slechtst.")
    var missing: MissingChoice = .weigeren

    @Flag(name: .long, help: "Uitvoer als JSON, met reeksen voor grafieken.")
    var json = false

    func run() throws {
        let language = common.language.core
        var (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        dossier.weightSets = try Terminal.selectWeightSets(weightSets, in: dossier, language: language)
        let result: MavtResult
        // Sensitivity needs additive totals: the renormalise rule does not give them.
        if missing.rule == .renormalise { throw Terminal.report(.ruleNotSupported(.renormalise), in: dossier, language: language) }
        do {
            result = try Mavt.analyse(dossier, missingRule: missing.rule)
        } catch {
            throw Terminal.report(error, in: dossier, language: language)
        }
        if json {
            Terminal.out(AnalysisJSON.encode(SensitivityJSON.document(dossier, result)))
        } else {
            Terminal.out(SensitivityText(dossier: dossier, result: result, language: language).render())
        }
    }
}
