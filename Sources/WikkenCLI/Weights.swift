import ArgumentParser
import WikkenCore
import WikkenReports

/// `wikken gewichten`: the weights of every weight set, how they were elicited, and AHP consistency.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gewichten",
        abstract: "Toon de gewichten per weging, met de methode en (bij AHP) de consistentie. (Show weights.)",
        aliases: ["weights"]
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "Alleen deze weging (id); mag vaker.")
    var weightSets: [String] = []

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts.")
    var json = false

    func run() throws {
        let language = common.language.core
        var (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        dossier.weightSets = try Terminal.selectWeightSets(weightSets, in: dossier, language: language)
        if json {
            Terminal.out(AnalysisJSON.encode(WeightsJSON.document(dossier)))
        } else {
            Terminal.out(WeightsText(dossier: dossier, language: language).render())
        }
    }
}
