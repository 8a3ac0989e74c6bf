import ArgumentParser
import WikkenCore

/// `wikken controleer`: read dossiers and list every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controleer",
        abstract: "Controleer een of meer dossiers en noem alle fouten. (Validate dossiers.)",
        aliases: ["validate"]
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Dossierbestanden (.yaml, .yml of .json).")
    var files: [String]

    func run() throws {
        let language = common.language.core
        var failed = false
        for file in files {
            do {
                let (dossier, result) = try Terminal.loadDossier(file, language: language)
                let w = result.warnings.count
                let summary = language == .nl
                    ? "\(file): in orde — \(dossier.options.count) opties, \(dossier.leafCriteria.count) criteria, \(dossier.weightSets.count) wegingen, \(dossier.narratives.count) verhalen" + (w > 0 ? "; \(w) \(w == 1 ? "waarschuwing" : "waarschuwingen")" : "") + "."
                    : "\(file): valid — \(dossier.options.count) options, \(dossier.leafCriteria.count) criteria, \(dossier.weightSets.count) weight sets, \(dossier.narratives.count) stories" + (w > 0 ? "; \(w) warning\(w == 1 ? "" : "s")" : "") + "."
                Terminal.out(summary + "\n")
            } catch let code as ExitCode {
                if code == Exit.fileProblem { throw code }
                failed = true
            }
        }
        if failed { throw Exit.invalidDossier }
    }
}
