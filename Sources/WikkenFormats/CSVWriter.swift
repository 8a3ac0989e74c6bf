/// Writes CSV for people's spreadsheet programs: one escaping rule for every export.
///
/// - Separator `;` (Dutch Excel and LibreOffice read `,` as the decimal comma), lines end in CRLF,
///   UTF-8 with a byte-order mark so accents survive.
/// - A text that people typed (``Field/text(_:)``) is always quoted, with `"` doubled (RFC 4180);
///   a value the program made (``Field/plain(_:)``: numbers, codes, dates, the header) is written as
///   it is, and quoted only when it holds the separator, a quote or a line break.
/// - **Formula guard**: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
///   read as a formula by spreadsheet programs (CSV injection, OWASP); such a text gets a leading
///   `'`, which they show as text. Plain values are the program's own and are not guarded (a
///   negative number stays a number).
public struct CSVWriter: Sendable {
    public enum Field: Sendable, Equatable {
        case text(String)
        case plain(String)
    }

    public var separator: Character = ";"
    private var lines: [String] = []

    public init(header: [String], separator: Character = ";") {
        self.separator = separator
        lines.append(header.map { plain($0) }.joined(separator: String(separator)))
    }

    public mutating func append(_ fields: [Field]) {
        lines.append(fields.map { field in
            switch field {
            case .text(let text): return Self.quoted(text)
            case .plain(let text): return plain(text)
            }
        }.joined(separator: String(separator)))
    }

    /// Appends a row of texts (all guarded and quoted).
    public mutating func append(texts: [String]) { append(texts.map(Field.text)) }

    /// The whole file: byte-order mark, lines with CRLF.
    public var text: String { "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n" }

    private func plain(_ text: String) -> String {
        text.contains(separator) || text.contains("\"") || text.contains("\n") || text.contains("\r") ? Self.wrapped(text) : text
    }

    /// A text field quoted, with the formula guard.
    public static func quoted(_ text: String) -> String {
        wrapped(text.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + text : text)
    }

    /// In double quotes, each `"` doubled (RFC 4180).
    private static func wrapped(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
