import ArgumentParser
import WikkenCore
import WikkenReports

/// `wikken methoden`: MAVT, AHP, PROMETHEE I/II, TOPSIS and VIKOR side by side.
struct Methods: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methoden",
        abstract: "Vergelijk MAVT, AHP, PROMETHEE, TOPSIS en VIKOR op hetzelfde dossier. (Compare methods.)",
        aliases: ["methods"]
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var input: DossierInput

    @ArgumentParser.Option(name: .customLong("v"), help: "VIKOR: gewicht van de groepsnut tegenover de spijt, 0–1 (standaard 0,5).")
    var v: Double = 0.5

    @OptionGroup var missing: MissingOption

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts.")
    var json = false

    @Flag(name: .customLong("werking"), help: "Toon ook de tussenstappen van TOPSIS, PROMETHEE en VIKOR, zoals een leerboek. (Also show the working.)")
    var working = false

    func run() throws {
        let language = common.language.core
        guard (0...1).contains(v) else {
            throw Terminal.usageError(language == .nl ? "--v moet tussen 0 en 1 liggen." : "--v must lie between 0 and 1.", language: language)
        }
        let dossier = try input.load(language)
        var comparisons: [MethodComparison] = []
        for set in dossier.weightSets {
            do {
                comparisons.append(try MethodComparison.run(dossier, weightSet: set, missingRule: missing.rule(for: dossier), vikorV: v))
            } catch {
                throw Terminal.report(error, in: dossier, language: language)
            }
        }
        if json {
            Terminal.out(AnalysisJSON.encode(MethodsJSON.document(dossier, comparisons)))
        } else {
            let text = MethodsText(dossier: dossier, comparisons: comparisons, language: language)
            Terminal.out(text.render())
            if working { Terminal.out(text.renderWorking()) }
        }
    }
}
