import ArgumentParser
import WikkenCore
import WikkenFormats
import WikkenReports

/// `wikken analyseer`: rank the options per weight set with MAVT and explain the outcome.
struct Analyse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyseer",
        abstract: "Rangschik de opties per weging (MAVT) en leg de uitkomst uit. (Analyse a dossier.)",
        aliases: ["analyse", "analyze"]
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var input: DossierInput

    @OptionGroup var missing: MissingOption

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts. (JSON output.)")
    var json = false

    @ArgumentParser.Option(name: .long, help: ArgumentHelp("Schrijf de analyse ook als spreadsheet (.xlsx), voor Excel of LibreOffice. (Also write the analysis as .xlsx.)", valueName: "bestand"))
    var xlsx: String?

    func run() throws {
        let language = common.language.core
        let dossier = try input.load(language)
        let result = try Terminal.analyse(dossier, missingRule: missing.rule(for: dossier), language: language)
        if json {
            Terminal.out(AnalysisJSON.encode(AnalysisJSON.document(dossier, result, language: language)))
        } else {
            Terminal.out(AnalysisText(dossier: dossier, result: result, language: language).render())
        }
        if let xlsx {
            try Terminal.writeAtomically(Spreadsheet.write(AnalysisSheets.sheets(dossier, result)), to: xlsx, language: language)
            Terminal.err(language == .nl ? "Geschreven: \(xlsx)" : "Written: \(xlsx)")
        }
    }
}

enum MissingChoice: String, ExpressibleByArgument, CaseIterable {
    case weigeren, slechtst, herverdelen
    // English spellings
    case refuse, worst, renormalise

    var rule: MissingRule {
        switch self {
        case .weigeren, .refuse: return .refuse
        case .slechtst, .worst: return .worst
        case .herverdelen, .renormalise: return .renormalise
        }
    }
}
