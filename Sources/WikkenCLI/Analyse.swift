import ArgumentParser
import WikkenCore
import WikkenReports

/// `wikken analyseer`: rank the options per weight set with MAVT and explain the outcome.
struct Analyse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyseer",
        abstract: "Rangschik de opties per weging (MAVT) en leg de uitkomst uit. (Analyse a dossier.)",
        aliases: ["analyse", "analyze"]
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "Alleen deze weging (id); mag vaker. (Only this weight set.)")
    var weightSets: [String] = []

    @ArgumentParser.Option(name: [.customLong("ontbrekend"), .customLong("missing")], help: "Wat te doen met ontbrekende scores: weigeren (standaard), slechtst of herverdelen.")
    var missing: MissingChoice = .weigeren

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts. (JSON output.)")
    var json = false

    func run() throws {
        let language = common.language.core
        var (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        dossier.weightSets = try Terminal.selectWeightSets(weightSets, in: dossier, language: language)
        let result: MavtResult
        do {
            result = try Mavt.analyse(dossier, missingRule: missing.rule)
        } catch .missingScores(let list) {
            for m in list {
                let optionName = dossier.option(m.option)?.name ?? m.option
                let criterionName = dossier.criterion(m.criterion)?.name ?? m.criterion
                let reason = m.reason.map { language == .nl ? " (reden: \($0))" : " (reason: \($0))" } ?? ""
                Terminal.err(language == .nl ? "ontbreekt: \(optionName) op \(criterionName)\(reason)" : "missing: \(optionName) on \(criterionName)\(reason)")
            }
            Terminal.err(language == .nl
                ? "Er \(list.count == 1 ? "ontbreekt 1 score" : "ontbreken \(list.count) scores"); er is niets berekend. Vul ze aan, of kies een regel: --ontbrekend slechtst (telt als slechtste waarde) of --ontbrekend herverdelen (gewichten over de bekende scores)."
                : "\(list.count) score\(list.count == 1 ? " is" : "s are") missing; nothing was computed. Fill them in, or choose a rule: --missing slechtst (count as worst value) or --missing herverdelen (weights over the known scores).")
            throw Exit.refused
        } catch .invalidDossier(let problems) {
            for p in problems { Terminal.err(p.rendered(in: language)) }
            throw Exit.invalidDossier
        }
        if json {
            Terminal.out(AnalysisJSON.encode(AnalysisJSON.document(dossier, result, language: language)))
        } else {
            Terminal.out(AnalysisText(dossier: dossier, result: result, language: language).render())
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
