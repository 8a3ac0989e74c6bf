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

    @OptionGroup var input: DossierInput

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts.")
    var json = false

    func run() throws {
        let language = common.language.core
        let dossier = try input.load(language)
        if json {
            Terminal.out(AnalysisJSON.encode(WeightsJSON.document(dossier)))
        } else {
            Terminal.out(WeightsText(dossier: dossier, language: language).render())
        }
    }
}
