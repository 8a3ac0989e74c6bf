import WikkenCore

/// Readers for the sources, from a table already split into fields (the CSV reader in
/// WikkenFormats does that, with line numbers). Every problem names the file, line and column,
/// and what was expected; one bad value stops nothing else from being reported.
public enum Sources {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: String?
        public var message: String
        public var description: String { "\(file):\(line)\(column.map { " (kolom \($0))" } ?? ""): \(message)" }

        public init(file: String, line: Int, column: String?, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// All problems of one file.
    public struct Problems: Error, Equatable, Sendable, CustomStringConvertible {
        public var list: [Problem]
        public init(_ list: [Problem]) { self.list = list }
        public var description: String { list.map(\.description).joined(separator: "\n") }
    }

    public typealias Rows = [(line: Int, fields: [String])]

    /// Columns of the CBS kerncijfers that are text, not numbers.
    static let textColumns: Set<String> = ["gwb_code_10", "gwb_code_8", "regio", "gm_naam", "recs", "gwb_code", "ind_wbi", "pst_mvp", "pst_dekp"]

    /// CBS *Kerncijfers wijken en buurten* of one year: gemeenten, wijken and buurten with every
    /// numeric column as a ``Cell``.
    public static func kwb(header: [String], rows: Rows, year: Int, file: String) -> Result<AreaYear, Problems> {
        var problems: [Problem] = []
        guard let codeColumn = header.firstIndex(of: "gwb_code_10") ?? header.firstIndex(of: "gwb_code") else {
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolom gwb_code_10 (of gwb_code) ontbreekt; is dit een CBS-bestand Kerncijfers wijken en buurten?")]))
        }
        let name = header.firstIndex(of: "regio"), gemeente = header.firstIndex(of: "gm_naam"), wbi = header.firstIndex(of: "ind_wbi")
        let numeric = header.indices.filter { !textColumns.contains(header[$0]) }
        let columns = Columns(numeric.map { header[$0] })
        var areas: [Area] = []
        areas.reserveCapacity(rows.count)
        var seen = SeenCodes()
        for row in rows {
            guard let code = AreaCode(row.fields[codeColumn]) else {
                problems.append(Problem(file: file, line: row.line, column: header[codeColumn],
                                        message: "‘\(row.fields[codeColumn])’ is geen gebiedscode; verwacht GM + 4, WK + 6 of BU + 8 tekens, zoals BU03440311"))
                continue
            }
            if let twice = seen.check(code, line: row.line, file: file, column: header[codeColumn]) { problems.append(twice); continue }
            var cells: [Cell] = []
            cells.reserveCapacity(numeric.count)
            for k in numeric {
                if let cell = Cell(cbs: row.fields[k]) { cells.append(cell) } else {
                    cells.append(.notApplicable)
                    problems.append(Problem(file: file, line: row.line, column: header[k],
                                            message: "‘\(row.fields[k])’ is geen getal; verwacht een getal, ‘.’ (onbekend) of leeg (niet van toepassing)"))
                }
            }
            var boundary: Int?
            if let wbi, !row.fields[wbi].isEmpty, row.fields[wbi] != "." {
                boundary = Int(row.fields[wbi])
                if !(boundary.map { (1...3).contains($0) } ?? false) {
                    problems.append(Problem(file: file, line: row.line, column: "ind_wbi", message: "‘\(row.fields[wbi])’; verwacht 1, 2 of 3"))
                }
            }
            areas.append(Area(code: code, name: name.map { row.fields[$0] } ?? code.text, gemeenteName: gemeente.map { row.fields[$0] } ?? "",
                              boundaryChange: boundary, values: cells, columns: columns))
        }
        return problems.isEmpty ? .success(AreaYear(year: year, areas: areas)) : .failure(Problems(problems))
    }

    /// Leefbaarometer buurt scores: `bu_code` and the total score `lbm` with the dimension
    /// deviations (`fys`, `onv`, `soc`, `vrz`, and `won`, `afw` when present). An empty cell
    /// means the buurt has no score: unknown.
    public static func leefbaarometer(header: [String], rows: Rows, file: String) -> Result<[AreaCode: [String: Cell]], Problems> {
        guard let codeColumn = header.firstIndex(of: "bu_code") else {
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolom bu_code ontbreekt; verwacht bu_code, lbm en de dimensies (fys, onv, soc, vrz)")]))
        }
        let variables = ["lbm", "fys", "onv", "soc", "vrz", "won", "afw"].compactMap { v in header.firstIndex(of: v).map { (v, $0) } }
        guard variables.contains(where: { $0.0 == "lbm" }) else {
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolom lbm (de totaalscore) ontbreekt")]))
        }
        return table(rows, file: file, header: header, codeColumn: codeColumn, variables: variables, emptyIsUnknown: true)
    }

    /// CBS SES-WOA scores: the tidy form (`gwb_code`, `ses_woa_score`) or CBS's own export with
    /// statistical symbols (`;`, padded fields, `.` for unknown).
    public static func sesWoa(header: [String], rows: Rows, file: String) -> Result<[AreaCode: [String: Cell]], Problems> {
        let code = header.firstIndex(of: "gwb_code") ?? header.firstIndex { $0.hasPrefix("Regiocode") }
        let score = header.firstIndex(of: "ses_woa_score") ?? header.firstIndex { $0.hasPrefix("SES-WOA/Totaalscore") }
        guard let code, let score else {
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolommen gwb_code en ses_woa_score (of de CBS-kolommen Regiocode en SES-WOA/Totaalscore) ontbreken")]))
        }
        return table(rows, file: file, header: header, codeColumn: code, variables: [("ses_woa_score", score)], emptyIsUnknown: true)
    }

    static func table(_ rows: Rows, file: String, header: [String], codeColumn: Int, variables: [(String, Int)], emptyIsUnknown: Bool) -> Result<[AreaCode: [String: Cell]], Problems> {
        var problems: [Problem] = []
        var result: [AreaCode: [String: Cell]] = [:]
        var seen = SeenCodes()
        for row in rows {
            guard let code = AreaCode(row.fields[codeColumn]) else {
                problems.append(Problem(file: file, line: row.line, column: header[codeColumn], message: "‘\(row.fields[codeColumn])’ is geen gebiedscode; verwacht bijvoorbeeld BU03440311"))
                continue
            }
            if let twice = seen.check(code, line: row.line, file: file, column: header[codeColumn]) { problems.append(twice); continue }
            var cells: [String: Cell] = [:]
            for (variable, k) in variables {
                guard let cell = Cell(cbs: row.fields[k]) else {
                    problems.append(Problem(file: file, line: row.line, column: header[k], message: "‘\(row.fields[k])’ is geen getal"))
                    continue
                }
                cells[variable] = emptyIsUnknown && cell == .notApplicable ? .unknown : cell
            }
            result[code] = cells
        }
        return problems.isEmpty ? .success(result) : .failure(Problems(problems))
    }

    /// The corporation's complexes: `complex_id, naam, buurt, woningen, vrijkomend`, optionally
    /// `maximum`, `geschikt_voor` (groups separated by `|`), `overlastmeldingen` and
    /// `kwetsbaarheid_pct`.
    public static func complexes(header: [String], rows: Rows, file: String) -> Result<[AllocationProblem.Complex], Problems> {
        let needed = ["complex_id", "naam", "buurt", "woningen", "vrijkomend"]
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let id = column("complex_id"), let name = column("naam"), let buurt = column("buurt"), let dwellings = column("woningen"),
              let vacancies = column("vrijkomend") else {
            let missing = needed.filter { !header.contains($0) }
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolom \(missing.joined(separator: ", ")) ontbreekt; verwacht \(needed.joined(separator: ", "))")]))
        }
        let cap = column("maximum"), suits = column("geschikt_voor"), reports = column("overlastmeldingen"), vulnerable = column("kwetsbaarheid_pct")
        var problems: [Problem] = [], list: [AllocationProblem.Complex] = []
        func optional<T>(_ k: Int?, _ row: (line: Int, fields: [String]), expected: String, _ parse: (String) -> T?) -> T? {
            guard let k, !row.fields[k].isEmpty else { return nil }
            guard let value = parse(row.fields[k]) else {
                problems.append(Problem(file: file, line: row.line, column: header[k], message: "‘\(row.fields[k])’ is geen \(expected)"))
                return nil
            }
            return value
        }
        for row in rows {
            guard let code = AreaCode(row.fields[buurt]), code.kind == .buurt else {
                problems.append(Problem(file: file, line: row.line, column: "buurt", message: "‘\(row.fields[buurt])’ is geen buurtcode; verwacht bijvoorbeeld BU03440322"))
                continue
            }
            guard let d = AllocationProblem.count(row.fields[dwellings]), let v = AllocationProblem.count(row.fields[vacancies]) else {
                problems.append(Problem(file: file, line: row.line, column: nil, message: "woningen en vrijkomend zijn elk \(AllocationProblem.countExpected)"))
                continue
            }
            list.append(AllocationProblem.Complex(
                id: row.fields[id], name: row.fields[name], buurt: code, dwellings: d, vacancies: v,
                cap: optional(cap, row, expected: AllocationProblem.countExpected, AllocationProblem.count),
                suits: suits.flatMap { row.fields[$0].isEmpty ? nil : Set(row.fields[$0].split(separator: "|").map { String($0).trimmingSpaces }) },
                nuisanceReports: optional(reports, row, expected: AllocationProblem.countExpected, AllocationProblem.count),
                vulnerableShare: optional(vulnerable, row, expected: "percentage van 0 tot en met 100") { text in
                    Double(text.map { $0 == "," ? "." : $0 }.reduce(into: "") { $0.append($1) }).flatMap { (0...100).contains($0) ? $0 : nil }
                }))
        }
        return problems.isEmpty ? .success(list) : .failure(Problems(problems))
    }

    /// The CBS codebook (`variable, theme, label_nl, unit`): what each column means.
    public static func codebook(header: [String], rows: Rows, file: String) -> Result<[String: (label: String, unit: String)], Problems> {
        guard let v = header.firstIndex(of: "variable"), let l = header.firstIndex(of: "label_nl") else {
            return .failure(Problems([Problem(file: file, line: 1, column: nil, message: "kolommen variable en label_nl ontbreken; is dit het CBS-codeboek?")]))
        }
        let u = header.firstIndex(of: "unit")
        var result: [String: (label: String, unit: String)] = [:]
        for row in rows { result[row.fields[v]] = (row.fields[l], u.map { row.fields[$0] } ?? "") }
        return .success(result)
    }

    /// The key CBS figures of an area for its profile: the codebook's label (with unit) and the
    /// value in Dutch; unknown and not applicable said as such.
    public static func profile(_ area: Area, codebook: [String: (label: String, unit: String)]) -> [(variable: String, label: String, value: String)] {
        profileVariables.map { v in
            let label = codebook[v].map { "\($0.label)\($0.unit.isEmpty ? "" : " (\($0.unit))")" } ?? v
            let value: String
            switch area[v] {
            case .value(let x): value = NumberText.rounded(x, decimals: x == x.rounded() ? 0 : 1, language: .nl)
            case .unknown: value = "onbekend (CBS: ‘.’)"
            case .notApplicable: value = "niet van toepassing"
            }
            return (v, label, value)
        }
    }

    /// The key CBS variables of an area profile, in this order.
    public static let profileVariables = ["a_inw", "a_hh", "a_woning", "p_huurw", "p_wcorpw", "a_soz_wb", "a_soz_ao", "a_soz_ww", "p_hh_li", "p_hh_lkk", "p_hh_osm", "g_wozbag", "ste_mvs"]

    /// Writes an area year back as a table: `.` for unknown, empty for not applicable, numbers
    /// in their shortest exact form. With `columns` in that order (the original header).
    public static func write(_ year: AreaYear, columns: [String]) -> (header: [String], rows: [[String]]) {
        let header = ["gwb_code", "regio", "gm_naam", "ind_wbi"] + columns
        let rows = year.areas.map { a -> [String] in
            [a.code.text, a.name, a.gemeenteName, a.boundaryChange.map(String.init) ?? ""] + columns.map { c in
                switch a[c] {
                case .unknown: return "."
                case .notApplicable: return ""
                case .value(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
                }
            }
        }
        return (header, rows)
    }
}

extension String {
    /// Without leading and trailing spaces (no Foundation).
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Each area once per file: a second row with a code already read would count the area twice
/// (111 buurten read as thousands); it is a problem that names the first line.
struct SeenCodes {
    private var lines: [AreaCode: Int] = [:]

    mutating func check(_ code: AreaCode, line: Int, file: String, column: String) -> Sources.Problem? {
        if let first = lines[code] {
            return Sources.Problem(file: file, line: line, column: column, message: "\(code.text) staat al op regel \(first); elk gebied hoort één keer in het bestand")
        }
        lines[code] = line
        return nil
    }
}
