import ArgumentParser
import WikkenCore
import WikkenFormats

/// `wikken converteer`: write a dossier as YAML or JSON (by the target's extension).
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "converteer",
        abstract: "Schrijf een dossier als YAML of JSON. (Convert a dossier between YAML and JSON.)",
        aliases: ["convert"]
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossier om te lezen.")
    var input: String

    @Argument(help: "Het nieuwe bestand (.yaml, .yml of .json); '-' schrijft YAML naar het scherm.")
    var output: String

    func run() throws {
        let language = common.language.core
        let (dossier, _) = try Terminal.loadDossier(input, language: language, quietWarnings: true)
        if output == "-" {
            Terminal.out(DossierWriter.write(dossier, as: .yaml))
            return
        }
        guard let syntax = DossierSyntax(fileName: output) else {
            throw Terminal.usageError(language == .nl
                ? "Kies .yaml, .yml of .json als extensie voor '\(output)'."
                : "Use .yaml, .yml or .json as the extension of '\(output)'.", language: language)
        }
        try Terminal.writeAtomically(DossierWriter.write(dossier, as: syntax), to: output, language: language)
        Terminal.err(language == .nl ? "Geschreven: \(output)" : "Written: \(output)")
    }
}
