import WikkenCore

/// The score grid (options × criteria without subcriteria) as a spreadsheet, out and back in.
/// Row 1 holds the criteria's names, column A the options' names; each cell is written as on
/// the page (``ScoreCell``): a number, `40 (30 tot 50)`, `? reden`, or empty. A second sheet
/// explains this in Dutch.
public enum ScoreGrid {
    /// The grid of `dossier`, with the explanation sheet.
    public static func sheets(_ dossier: Dossier) -> [Spreadsheet.Sheet] {
        let leaves = dossier.leafCriteria
        var rows: [[Spreadsheet.Cell?]] = [[.text("Optie")] + leaves.map { .text($0.name) }]
        for option in dossier.options {
            rows.append([.text(option.name)] + leaves.map { leaf in
                guard let score = option.scores[leaf.id] else { return nil }
                // A plain number stays a number, so the spreadsheet can count with it.
                if case .number(let x)? = score.value, !score.hasRange { return .number(x) }
                return .text(ScoreCell.text(score))
            })
        }
        let help: [[Spreadsheet.Cell?]] = [
            [.text("Zo vul je de scores in")],
            [.text("Een getal: 40 of 7,5. Bij niveaus: het niveau, zoals + of goed.")],
            [.text("Een bandbreedte: de score en tussen haakjes de laagste en hoogste waarde, zoals 40 (30 tot 50).")],
            [.text("Ontbreekt de score: een vraagteken en waarom, zoals ? nog geen offerte. Een lege cel betekent: nog niet ingevuld.")],
            [.text("Verander de namen in rij 1 en kolom A niet: Wikken zoekt de criteria en opties op hun naam.")],
            [.text("Schalen:")],
        ] + leaves.map { [.text($0.name), .text(scaleText($0.scale))] }
        return [Spreadsheet.Sheet(name: "Scores", rows: rows), Spreadsheet.Sheet(name: "Uitleg", rows: help)]
    }

    static func scaleText(_ scale: Scale?) -> String {
        switch scale {
        case .numeric(let n)?:
            return "getal" + (n.unit.map { " in \($0)" } ?? "") + (n.direction == .lowerIsBetter ? "; lager is beter" : "; hoger is beter")
        case .qualitative(let q)?:
            return "een van: " + q.levels.joined(separator: ", ")
        case nil:
            return "nog geen schaal"
        }
    }

    /// Why a sheet does not fit the dossier: each problem with its place.
    public struct Problems: Error, Equatable, Sendable {
        public var messages: [String]
        init(_ messages: [String]) { self.messages = messages }
    }

    /// One cell of a sheet read back: which option and criterion, and its text.
    public struct Entry: Equatable, Sendable {
        public var option: String
        public var criterion: String
        public var text: String

        public init(option: String, criterion: String, text: String) {
            self.option = option
            self.criterion = criterion
            self.text = text
        }
    }

    /// The cells of a sheet for `dossier`'s options and criteria, or every problem with its
    /// place (`B3`, `kolom C`, `rij 5`). Options and criteria are found by name (or id),
    /// ignoring case; one the dossier lacks is an error, not a new one.
    public static func entries(_ sheet: Spreadsheet.Sheet, for dossier: Dossier) -> Result<[Entry], Problems> {
        guard let header = sheet.rows.first, header.count > 1 else {
            return .failure(Problems(["Rij 1 moet de namen van de criteria bevatten (vanaf kolom B); het blad ‘\(sheet.name)’ heeft die niet."]))
        }
        func key(_ s: String) -> String { ScoreCell.trim(s).lowercased() }
        let leaves = dossier.leafCriteria
        let leafByKey = Dictionary(firstValues: leaves.flatMap { [(key($0.name), $0.id), ($0.id, $0.id)] })
        let optionByKey = Dictionary(firstValues: dossier.options.flatMap { [(key($0.name), $0.id), ($0.id, $0.id)] })
        var problems: [String] = []
        var columns: [Int: String] = [:], seenColumns: [String: Int] = [:]
        for (c, cell) in header.enumerated().dropFirst() {
            let name = cell?.text ?? ""
            guard !key(name).isEmpty else { continue }
            guard let id = leafByKey[key(name)] else {
                problems.append("Kolom \(Spreadsheet.column(c)): ‘\(name)’ is geen criterium (zonder subcriteria) van dit dossier.")
                continue
            }
            if let first = seenColumns[id] {
                problems.append("Kolom \(Spreadsheet.column(c)): ‘\(name)’ staat ook al in kolom \(Spreadsheet.column(first)).")
                continue
            }
            seenColumns[id] = c
            columns[c] = id
        }
        var entries: [Entry] = []
        var seenRows: [String: Int] = [:]
        for (r, row) in sheet.rows.enumerated().dropFirst() {
            let name = row.first??.text ?? ""
            guard !key(name).isEmpty else { continue }
            guard let option = optionByKey[key(name)] else {
                problems.append("Rij \(r + 1): ‘\(name)’ is geen optie van dit dossier. Voeg nieuwe opties toe in de stap Opties.")
                continue
            }
            if let first = seenRows[option] {
                problems.append("Rij \(r + 1): ‘\(name)’ staat ook al in rij \(first + 1).")
                continue
            }
            seenRows[option] = r
            for (c, criterion) in columns.sorted(by: { $0.key < $1.key }) {
                let text = c < row.count ? (row[c]?.text ?? "") : ""
                entries.append(Entry(option: option, criterion: criterion, text: text))
            }
        }
        if problems.isEmpty, entries.isEmpty { problems.append("Het blad ‘\(sheet.name)’ heeft geen rijen met opties (kolom A, vanaf rij 2).") }
        return problems.isEmpty ? .success(entries) : .failure(Problems(problems))
    }
}
