/// A CSV file as read: the header, and each row with the line it starts on (for messages).
///
/// Reads what CBS and spreadsheet programs write: `,` or `;` as separator (the one that occurs
/// most in the header line, outside quotes), RFC 4180 quotes (`""` inside a quoted field), new
/// lines inside quoted fields, LF or CRLF line ends, a UTF-8 byte order mark, and fields padded
/// with spaces (CBS's "CSV met statistische symbolen"); fields are trimmed. Values are kept as
/// text: `.` (CBS: unknown) and an empty field (CBS: not applicable) stay distinct.
public struct CSVTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// 1-based line on which the row starts.
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public var header: [String]
    public var rows: [Row]
    public var separator: Character

    public init(header: [String], rows: [Row], separator: Character = ",") {
        self.header = header
        self.rows = rows
        self.separator = separator
    }

    /// A problem with where it is: file, line, and what was expected.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String

        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The column index of a header name, if present.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Reads a table. Every row must have as many fields as the header; an empty last line is
    /// fine. Problems name the file and line. Works on the UTF-8 bytes (fast enough for the
    /// whole country's buurten over ten years).
    public static func read(_ text: String, file: String) -> Result<CSVTable, Problem> {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote: UInt8 = 0x22, newline: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
        let headerEnd = bytes.firstIndex(of: newline) ?? bytes.endIndex
        guard bytes[..<headerEnd].contains(where: { $0 != space && $0 != tab && $0 != cr }) else {
            return .failure(Problem(file: file, line: 1, message: "het bestand is leeg; verwacht een kopregel met kolomnamen"))
        }
        let separator = detectSeparator(bytes[..<headerEnd])
        let sep = separator.asciiValue!
        var header: [String]?
        var rows: [Row] = []
        var problem: Problem?
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = 0
        let n = bytes.count
        func decoded(_ b: ArraySlice<UInt8>) -> String {
            var lo = b.startIndex, hi = b.endIndex
            while lo < hi, b[lo] == space || b[lo] == tab { lo += 1 }
            while hi > lo, b[hi - 1] == space || b[hi - 1] == tab || b[hi - 1] == cr { hi -= 1 }
            return String(decoding: b[lo..<hi], as: UTF8.self)
        }
        func endRecord() {
            defer { fields.removeAll(keepingCapacity: true) }
            if fields.count == 1 && fields[0].isEmpty { return }
            guard let header else { header = fields; return }
            if fields.count != header.count, problem == nil {
                problem = Problem(file: file, line: recordLine, message: "\(fields.count) velden, verwacht \(header.count) (zoals de kopregel); scheidingsteken is ‘\(separator)’")
            }
            rows.append(Row(line: recordLine, fields: fields))
        }
        while i < n {
            // One field, starting at i.
            var j = i
            while j < n, bytes[j] == space || bytes[j] == tab { j += 1 }
            if j < n, bytes[j] == quote {
                let opened = line
                field.removeAll(keepingCapacity: true)
                j += 1
                var closed = false
                while j < n {
                    let b = bytes[j]
                    if b == quote {
                        if j + 1 < n, bytes[j + 1] == quote { field.append(quote); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    if b == newline { line += 1 }
                    if b != cr { field.append(b) }
                    j += 1
                }
                guard closed else { return .failure(Problem(file: file, line: opened, message: "een veld met een aanhalingsteken wordt niet gesloten")) }
                while j < n, bytes[j] == space || bytes[j] == tab || bytes[j] == cr { j += 1 }
                guard j == n || bytes[j] == sep || bytes[j] == newline else {
                    return .failure(Problem(file: file, line: line, message: "tekst na het sluitende aanhalingsteken; verwacht ‘\(separator)’ of het einde van de regel"))
                }
                fields.append(decoded(field[...]))
            } else {
                var k = j
                while k < n, bytes[k] != sep, bytes[k] != newline {
                    if bytes[k] == quote {
                        return .failure(Problem(file: file, line: line, message: "een aanhalingsteken midden in een veld; zet het hele veld tussen aanhalingstekens en schrijf \"\" voor een aanhalingsteken erin"))
                    }
                    k += 1
                }
                fields.append(decoded(bytes[j..<k]))
                j = k
            }
            if j < n, bytes[j] == sep {
                i = j + 1
                if i == n { fields.append("") }
            } else {
                endRecord()
                i = j + 1
                line += 1
                recordLine = line
            }
        }
        if !fields.isEmpty { endRecord() }
        if let problem { return .failure(problem) }
        guard let header else { return .failure(Problem(file: file, line: 1, message: "het bestand is leeg")) }
        return .success(CSVTable(header: header, rows: rows, separator: separator))
    }

    static func detectSeparator(_ line: ArraySlice<UInt8>) -> Character {
        var commas = 0, semicolons = 0, quoted = false
        for b in line {
            if b == 0x22 { quoted.toggle() } else if !quoted { if b == 0x2C { commas += 1 } else if b == 0x3B { semicolons += 1 } }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Writes the table with `separator`, quoting fields that need it, CRLF line ends (RFC 4180).
    public func write(separator: Character? = nil) -> String {
        let sep = separator ?? self.separator
        func quote(_ s: String) -> String {
            guard s.contains(sep) || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
            var out = "\""
            for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
            return out + "\""
        }
        var lines = [header.map(quote).joined(separator: String(sep))]
        for row in rows { lines.append(row.fields.map(quote).joined(separator: String(sep))) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
