import WikkenCore

/// An MAVT analysis as a spreadsheet (`wikken analyseer --xlsx`, "Download als .xlsx" on the
/// dossier page): to count further with the numbers, not to replace the memo.
///
/// Sheets: *Rangorde* (total 0–100, its range and place per weight set), *Gewichten* (each
/// criterion's share of the whole per weight set, in %), *Bijdragen* (per weight set, how many
/// points each criterion adds to each option), *Scores* (the grid as entered) and *Uitleg*
/// (the conventions). Numbers are numbers, rounded to 0.1; nothing is a formula.
public enum AnalysisSheets {
    public static func sheets(_ dossier: Dossier, _ result: MavtResult) -> [Spreadsheet.Sheet] {
        let sets = result.weightSets
        func rounded(_ x: Double) -> Spreadsheet.Cell { .number((x * 10).rounded() / 10) }
        func name(_ id: String) -> String { dossier.option(id)?.name ?? dossier.criterion(id)?.name ?? id }

        var ranking: [[Spreadsheet.Cell?]] = [[.text("Optie")] + sets.flatMap { set -> [Spreadsheet.Cell?] in
            [.text("Totaal (\(set.name))"), .text("Laagst mogelijk"), .text("Hoogst mogelijk"), .text("Plaats")]
        }]
        for (i, id) in result.optionIDs.enumerated() {
            ranking.append([.text(name(id))] + sets.flatMap { set -> [Spreadsheet.Cell?] in
                [rounded(set.totals[i]), rounded(set.totalLow[i]), rounded(set.totalHigh[i]), .number(Double(set.rankOfOption[i]))]
            })
        }

        var weights: [[Spreadsheet.Cell?]] = [[.text("Criterium")] + sets.map { .text("\($0.name) (%)") }]
        for (j, id) in result.leafIDs.enumerated() {
            weights.append([.text(name(id))] + sets.map { rounded($0.leafWeights[j] * 100) })
        }

        var contributions: [[Spreadsheet.Cell?]] = []
        for set in sets {
            contributions.append([.text("Weging: \(set.name)")])
            contributions.append([.text("Optie")] + result.leafIDs.map { .text(name($0)) } + [.text("Totaal")])
            for (i, id) in result.optionIDs.enumerated() {
                contributions.append([.text(name(id))] + result.leafIDs.indices.map { rounded(set.contribution(option: i, leaf: $0)) } + [rounded(set.totals[i])])
            }
            contributions.append([])
        }

        let rule = result.missingRule
        let explanation: [[Spreadsheet.Cell?]] = [
            [.text(dossier.title)],
            [.text(dossier.question)],
            [.text("Methode: MAVT (gewogen optelling). Elke score wordt een waarde van 0 (slechtst) tot 100 (best) op de schaal van het criterium; de gewichten tellen binnen elke groep naar verhouding.")],
            [.text("Laagst en hoogst mogelijk: het totaal als de scores binnen hun bandbreedte schuiven.")],
            [.text("Ontbrekende scores: " + rule.explanation(.nl))],
            [.text("Gemaakt met Wikken; de bestuursnotitie legt de uitkomst uit in woorden.")],
        ]
        return [
            .init(name: "Rangorde", rows: ranking), .init(name: "Gewichten", rows: weights), .init(name: "Bijdragen", rows: contributions),
            .init(name: "Scores", rows: ScoreGrid.sheets(dossier)[0].rows), .init(name: "Uitleg", rows: explanation),
        ]
    }
}
