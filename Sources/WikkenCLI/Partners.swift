import ArgumentParser
import WikkenCore
import WikkenReports

/// `wikken partners`: deciding with partners — each partner's own result, the lenses that combine
/// them, agreement, what all can live with, and what flips the choice.
struct Partners: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Afwegen met partners: eerst ieders eigen uitkomst, dan samen door vier lenzen, overeenstemming, waar iedereen mee kan leven en wat de keuze omdraait. (Deciding with partners.)",
        discussion: "Partners zijn de besluitvormers met een eigen weging (eigenaar:). Elke partner telt even zwaar, tenzij je --partnergewicht geeft."
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @OptionGroup var missing: MissingOption

    @ArgumentParser.Option(name: .customLong("partnergewicht"), help: "Gewicht van een partner als id=getal, bijvoorbeeld gemeente=2; mag vaker. Andere partners wegen 1.")
    var partnerWeights: [String] = []

    @ArgumentParser.Option(name: .customLong("bezwaar"), help: "Een bezwaar van een partner tegen een optie als partner=optie; mag vaker. Telt mee in de terugvalonderhandeling.")
    var objections: [String] = []

    @Flag(name: .long, help: "Uitvoer als JSON voor scripts.")
    var json = false

    func run() throws {
        let language = common.language.core
        let nl = language == .nl
        let (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        var weights: [String: Double]?
        for item in partnerWeights {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let w = Double(parts[1].replacingOccurrences(of: ",", with: ".")), w.isFinite, w >= 0, w <= 1_000_000 else {
                Terminal.err(nl ? "--partnergewicht \(item): verwacht partner=getal (0 of meer), bijvoorbeeld gemeente=2." : "--partnergewicht \(item): expected partner=number (0 or more), e.g. gemeente=2.")
                throw Exit.refused
            }
            weights = (weights ?? [:]).merging([parts[0]: w]) { $1 }
        }
        var vetoes: [String: Set<String>] = [:]
        for item in objections {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, dossier.option(parts[1]) != nil else {
                Terminal.err(nl ? "--bezwaar \(item): verwacht partner=optie met een optie uit het dossier (\(dossier.options.map(\.id).joined(separator: ", ")))."
                                : "--bezwaar \(item): expected partner=option with an option of the dossier (\(dossier.options.map(\.id).joined(separator: ", "))).")
                throw Exit.refused
            }
            vetoes[parts[0], default: []].insert(parts[1])
        }
        let analysis: PartnerAnalysis
        do {
            analysis = try PartnerAnalysis.analyse(dossier, missingRule: missing.rule(for: dossier), partnerWeights: weights, objections: vetoes)
        } catch .analysis(let error) {
            throw Terminal.report(error, in: dossier, language: language)
        } catch .tooFewPartners(let found) {
            Terminal.err(nl
                ? "Dit dossier heeft \(found.isEmpty ? "geen" : "maar één") besluitvormer met een eigen weging\(found.isEmpty ? "" : " (\(found[0]))"); afwegen met partners vraagt er minstens twee. Geef elke partner een weging met eigenaar: <id van de besluitvormer>."
                : "This dossier has \(found.isEmpty ? "no" : "only one") decision maker with a weight set\(found.isEmpty ? "" : " (\(found[0]))"); deciding with partners needs at least two. Give each partner a weight set with eigenaar: <decision maker id>.")
            throw Exit.refused
        } catch .partnerWeight(let id) {
            let known = PartnerAnalysis.partners(of: dossier).map(\.id).joined(separator: ", ")
            Terminal.err(nl ? "Onbekende partner of ongeldig gewicht: \(id). Partners met een weging: \(known); de gewichten samen moeten meer dan 0 zijn."
                            : "Unknown partner or invalid weight: \(id). Partners with a weight set: \(known); the weights together must be above 0.")
            throw Exit.refused
        }
        if let unknown = vetoes.keys.sorted().first(where: { id in !analysis.partners.contains { $0.id == id } }) {
            Terminal.err(nl ? "--bezwaar: \(unknown) is geen partner met een weging (\(analysis.partners.map(\.id).joined(separator: ", ")))." : "--bezwaar: \(unknown) is not a partner with a weight set (\(analysis.partners.map(\.id).joined(separator: ", "))).")
            throw Exit.refused
        }
        Terminal.out(json ? AnalysisJSON.encode(PartnerJSON.document(dossier, analysis)) : PartnerText(dossier: dossier, analysis: analysis, language: language).render())
    }
}
