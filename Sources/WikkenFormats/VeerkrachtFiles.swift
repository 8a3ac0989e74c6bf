import Veerkracht

/// CBS kerncijfers, Leefbaarometer and SES-WOA files (as text, with their names) into the years
/// of the Veerkracht instruments: one year per kerncijfers file (the year from its name, such as
/// `kwb2023`), each Leefbaarometer file joined to the year closest to its measurement year (the
/// later one on a tie), SES-WOA joined to the latest year. Problems name file, line and column.
public enum VeerkrachtFiles {
    public struct File: Sendable {
        public var name: String, text: String
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// What loading gives: at least one year (so ``latest`` needs no check by its readers).
    public struct Loaded: Sendable {
        /// Every year, oldest first; never empty.
        public let years: [AreaYear]
        /// The newest year (the last of ``years``).
        public let latest: AreaYear
        /// What was joined to what, in plain Dutch.
        public var notes: [String]
        /// Variable → label and unit, from the CBS codebook when one was given.
        public var codebook: [String: (label: String, unit: String)] = [:]

        /// Nil when there are no years: loading always has one.
        init?(years: [AreaYear], notes: [String], codebook: [String: (label: String, unit: String)]) {
            guard let latest = years.last else { return nil }
            self.years = years
            self.latest = latest
            self.notes = notes
            self.codebook = codebook
        }

        /// The year before ``latest``, if there is one.
        public var previous: AreaYear? { years.count > 1 ? years[years.count - 2] : nil }
    }

    /// The four-digit year in a file name (the last one between 1990 and 2100), if any.
    public static func year(of name: String) -> Int? {
        var digits = "", best: Int?
        for ch in name + " " {
            if ch.isNumber { digits.append(ch) } else {
                if digits.count == 4, let y = Int(digits), (1990...2100).contains(y) { best = y }
                digits = ""
            }
        }
        return best
    }

    /// The kinds of file, as an organisation uploads them.
    public enum Kind: String, Sendable, CaseIterable {
        case kwb, lbm, ses = "ses_woa", codebook = "codeboek"

        /// A file's kind by its name: `kwb` kerncijfers, `lbm` Leefbaarometer, `ses_woa` SES-WOA
        /// (the `_raw` export is skipped: nil), `codebook`/`codeboek` the codebook; nil for others.
        public init?(fileName: String) {
            let n = fileName.lowercased()
            if n.contains("codebook") || n.contains("codeboek") { self = .codebook }
            else if n.contains("kwb") { self = .kwb }
            else if n.contains("lbm") { self = .lbm }
            else if n.contains("ses_woa"), !n.contains("raw") { self = .ses }
            else { return nil }
        }
    }

    /// One file checked on its own, before it is stored: its table reads, and its columns and
    /// values are those of its kind (a kerncijfers file also needs a year in its name). Empty when
    /// it is fine; ``load(kwb:lbm:ses:codebook:)`` then checks it together with the others.
    public static func check(_ f: File, as kind: Kind) -> [Sources.Problem] {
        let t: CSVTable
        switch table(f) {
        case .success(let table): t = table
        case .failure(let p): return [p]
        }
        let rows = t.rows.map { ($0.line, $0.fields) }
        func problems<T>(_ result: Result<T, Sources.Problems>) -> [Sources.Problem] {
            if case .failure(let p) = result { return p.list }
            return []
        }
        switch kind {
        case .kwb:
            guard let y = year(of: f.name) else { return [noYear(f)] }
            return problems(Sources.kwb(header: t.header, rows: rows, year: y, file: f.name))
        case .lbm: return problems(Sources.leefbaarometer(header: t.header, rows: rows, file: f.name))
        case .ses: return problems(Sources.sesWoa(header: t.header, rows: rows, file: f.name))
        case .codebook: return problems(Sources.codebook(header: t.header, rows: rows, file: f.name))
        }
    }

    /// A file's table, or where it does not read.
    static func table(_ f: File) -> Result<CSVTable, Sources.Problem> {
        CSVTable.read(f.text, file: f.name).mapError { .init(file: $0.file, line: $0.line, column: nil, message: $0.message) }
    }

    /// A kerncijfers file needs its year in its name.
    static func noYear(_ f: File) -> Sources.Problem {
        .init(file: f.name, line: 1, column: nil, message: "geen jaartal in de bestandsnaam; noem het bestand bijvoorbeeld kwb2023.csv")
    }

    public static func load(kwb: [File], lbm: [File] = [], ses: [File] = [], codebook: [File] = []) -> Result<Loaded, Sources.Problems> {
        guard !kwb.isEmpty else { return .failure(Sources.Problems([.init(file: "", line: 0, column: nil, message: "geen CBS-bestand met kerncijfers")])) }
        var problems: [Sources.Problem] = []
        func table(_ f: File) -> CSVTable? {
            switch Self.table(f) {
            case .success(let t): return t
            case .failure(let p): problems.append(p); return nil
            }
        }
        func rows(_ t: CSVTable) -> Sources.Rows { t.rows.map { ($0.line, $0.fields) } }
        var years: [AreaYear] = [], notes: [String] = []
        for f in kwb {
            guard let year = year(of: f.name) else {
                problems.append(noYear(f))
                continue
            }
            guard let t = table(f) else { continue }
            switch Sources.kwb(header: t.header, rows: rows(t), year: year, file: f.name) {
            case .success(let y): years.append(y)
            case .failure(let p): problems += p.list
            }
        }
        // Two files of one year would make the signal compare that year with itself.
        var fileOfYear: [Int: String] = [:]
        for f in kwb {
            guard let y = year(of: f.name) else { continue }
            if let first = fileOfYear[y] {
                problems.append(.init(file: f.name, line: 1, column: nil, message: "er is al een bestand met de kerncijfers van \(y) (\(first)); verwijder er één"))
            } else {
                fileOfYear[y] = f.name
            }
        }
        years.sort { $0.year < $1.year }
        guard problems.isEmpty, let latest = years.last else { return .failure(Sources.Problems(problems)) }
        for f in lbm {
            guard let t = table(f) else { continue }
            switch Sources.leefbaarometer(header: t.header, rows: rows(t), file: f.name) {
            case .success(let scores):
                let measured = year(of: f.name) ?? latest.year
                let k = years.indices.min { (abs(years[$0].year - measured), -years[$0].year) < (abs(years[$1].year - measured), -years[$1].year) } ?? years.count - 1
                let unmatched = years[k].join(scores).count
                notes.append("Leefbaarometer \(measured) (\(f.name)) hoort bij de CBS-cijfers van \(years[k].year) (\(scores.count - unmatched) gebieden gekoppeld).")
            case .failure(let p): problems += p.list
            }
        }
        for f in ses {
            guard let t = table(f) else { continue }
            switch Sources.sesWoa(header: t.header, rows: rows(t), file: f.name) {
            case .success(let scores):
                let unmatched = years[years.count - 1].join(scores).count
                notes.append("SES-WOA (\(f.name)) hoort bij de CBS-cijfers van \(years[years.count - 1].year) (\(scores.count - unmatched) gebieden gekoppeld).")
            case .failure(let p): problems += p.list
            }
        }
        var labels: [String: (label: String, unit: String)] = [:]
        for f in codebook {
            guard let t = table(f) else { continue }
            switch Sources.codebook(header: t.header, rows: rows(t), file: f.name) {
            case .success(let c): labels.merge(c) { a, _ in a }
            case .failure(let p): problems += p.list
            }
        }
        guard problems.isEmpty, let loaded = Loaded(years: years, notes: notes, codebook: labels) else { return .failure(Sources.Problems(problems)) }
        return .success(loaded)
    }
}
