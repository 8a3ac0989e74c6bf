import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A spreadsheet as Excel and LibreOffice exchange it (Office Open XML, `.xlsx`): written and
/// read here for the score grid and an analysis, with only what those need — sheets of texts and
/// numbers, the first row bold.
///
/// Writing makes the smallest package both programs open: content types, the workbook, its
/// relations, a style sheet and one worksheet per sheet, strings inline, in a zip of stored
/// entries (``Zip``). Reading takes the first
/// sheet of any workbook (shared strings, inline strings, numbers, formulas' cached values) and
/// is bounded for what a stranger may upload: the file, every part, the cells and the rows.
public enum Spreadsheet {
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double)

        /// The cell as a person reads it (numbers with a decimal comma); "" for an empty text.
        public var text: String {
            switch self {
            case .text(let s): return s
            case .number(let x): return ScoreCell.text(.number(x))
            }
        }
    }

    public struct Sheet: Equatable, Sendable {
        public var name: String
        /// Rows of cells; nil is an empty cell.
        public var rows: [[Cell?]]

        public init(name: String, rows: [[Cell?]]) {
            self.name = name
            self.rows = rows
        }
    }

    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// Limits on what is read: an upload's size, one part unpacked, rows and columns.
    public static let maxFileBytes = 8 << 20
    public static let maxPartBytes = 32 << 20
    public static let maxRows = 2_000
    public static let maxColumns = 500

    // MARK: - Writing

    /// The `.xlsx` file of these sheets (at least one; names cut to Excel's 31 characters).
    public static func write(_ sheets: [Sheet]) -> Data {
        let sheets = sheets.isEmpty ? [Sheet(name: "Blad1", rows: [])] : sheets
        var files: [(name: String, bytes: [UInt8])] = []
        func add(_ path: String, _ text: String) { files.append((path, Array(text.utf8))) }
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        add("[Content_Types].xml", header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
            + "</Types>")
        add("_rels/.rels", header + #"<Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(relations)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        var usedNames: Set<String> = []
        let names = sheets.enumerated().map { i, sheet in
            var name = String(sheet.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty || usedNames.contains(name.lowercased()) { name = "Blad\(i + 1)" }
            usedNames.insert(name.lowercased())
            return name
        }
        add("xl/workbook.xml", header + #"<workbook xmlns="\#(main)" xmlns:r="\#(relations)"><sheets>"#
            + names.enumerated().map { #"<sheet name="\#(escape($1))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
            + "</sheets></workbook>")
        add("xl/_rels/workbook.xml.rels", header + #"<Relationships xmlns="\#(package)">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(relations)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(relations)/styles" Target="styles.xml"/>"#
            + "</Relationships>")
        // Style 0: plain; style 1: bold (the first row).
        add("xl/styles.xml", header + #"<styleSheet xmlns="\#(main)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
            + "</styleSheet>")
        for (k, sheet) in sheets.enumerated() {
            var xml = header + #"<worksheet xmlns="\#(main)">"#
            if let first = sheet.rows.first, !first.isEmpty {
                xml += #"<cols><col min="1" max="1" width="32" customWidth="1"/><col min="2" max="\#(max(2, first.count))" width="18" customWidth="1"/></cols>"#
            }
            xml += "<sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += #"<row r="\#(r + 1)">"#
                for (c, cell) in row.enumerated() {
                    guard let cell else { continue }
                    let ref = column(c) + String(r + 1), style = r == 0 ? #" s="1""# : ""
                    switch cell {
                    case .number(let x) where x.isFinite: xml += #"<c r="\#(ref)"\#(style)><v>\#(x)</v></c>"#
                    case .number: continue
                    case .text(let s): xml += #"<c r="\#(ref)"\#(style) t="inlineStr"><is><t xml:space="preserve">\#(escape(s))</t></is></c>"#
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            add("xl/worksheets/sheet\(k + 1).xml", xml)
        }
        return Data(Zip.write(files))
    }

    /// The column's letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 has no place for most control characters: they are left out.
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    // MARK: - Reading

    /// The first sheet of an `.xlsx` file, as rows of cells (nil: empty). Refuses what is not
    /// such a file, or too large, with a message for a person.
    public static func readFirstSheet(_ data: Data) throws(Problem) -> Sheet {
        guard data.count <= maxFileBytes else { throw Problem("het bestand is groter dan \(maxFileBytes >> 20) MB") }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x50, 0x4B]) else {
            throw Problem("dit is geen .xlsx-bestand (een spreadsheet uit Excel of LibreOffice, opgeslagen als Excel 2007-365)")
        }
        let entries: [String: Zip.Entry]
        do { entries = try Zip.entries(bytes) } catch { throw Problem(error.message) }
        func part(_ path: String) throws(Problem) -> Data? {
            guard let entry = entries[path] else { return nil }
            let out: [UInt8]
            do { out = try Zip.data(of: entry, in: bytes, limit: maxPartBytes) } catch { throw Problem(error.message) }
            // A document type may declare entities that expand without end; a spreadsheet needs none.
            let text = out[...]
            guard text.firstRange(of: Array("<!DOCTYPE".utf8)) == nil, text.firstRange(of: Array("<!ENTITY".utf8)) == nil else {
                throw Problem("het bestand bevat een documenttype (<!DOCTYPE>); dat hoort niet in een spreadsheet")
            }
            return Data(out)
        }
        // The first sheet: through the workbook and its relations; else the usual name.
        var sheetPath = "xl/worksheets/sheet1.xml", sheetName = "Blad1"
        if let workbook = try part("xl/workbook.xml"), let rels = try part("xl/_rels/workbook.xml.rels") {
            let sheets = XMLElements.collect(workbook, named: ["sheet"])
            let targets = XMLElements.collect(rels, named: ["Relationship"])
            if let first = sheets.first {
                sheetName = first.attributes["name"] ?? sheetName
                let id = first.attributes["r:id"] ?? first.attributes.first { $0.key.hasSuffix(":id") }?.value
                if let target = targets.first(where: { $0.attributes["Id"] == id })?.attributes["Target"] {
                    sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        guard let sheetData = try part(sheetPath) else { throw Problem("het bestand heeft geen werkblad") }
        let shared = try part("xl/sharedStrings.xml").map(SharedStrings.read) ?? []
        let cells = SheetCells.read(sheetData)
        if let problem = cells.problem { throw problem }
        var rows: [[Cell?]] = []
        for found in cells.cells {
            guard found.row < maxRows else { throw Problem("te veel rijen: hoogstens \(maxRows)") }
            guard found.column < maxColumns else { throw Problem("te veel kolommen: hoogstens \(maxColumns)") }
            while rows.count <= found.row { rows.append([]) }
            while rows[found.row].count <= found.column { rows[found.row].append(nil) }
            let value: Cell?
            switch found.type {
            case "s": value = Int(found.value).flatMap { shared.indices.contains($0) ? .text(shared[$0]) : nil }
            case "inlineStr", "str": value = .text(found.inline ?? found.value)
            case "b": value = .text(found.value == "1" ? "WAAR" : "ONWAAR")
            case "e": value = .text(found.value)
            default: value = found.value.isEmpty ? nil : Double(found.value).map(Cell.number) ?? .text(found.value)
            }
            rows[found.row][found.column] = value
        }
        return Sheet(name: sheetName, rows: rows)
    }
}

/// Elements by name with their attributes, from one XML part (no DTDs, no external entities).
private final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var attributes: [String: String]
    }
    let names: Set<String>
    var found: [Element] = []

    init(names: Set<String>) { self.names = names }

    static func collect(_ data: Data, named names: Set<String>) -> [Element] {
        let collector = XMLElements(names: names)
        _ = parse(data, with: collector)
        return collector.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if names.contains(name.split(separator: ":").last.map(String.init) ?? name) { found.append(Element(attributes: attributes)) }
    }
}

/// The shared strings of a workbook: each `<si>`'s text, its runs joined.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current: String?
    var inText = false
    var inPhonetic = false

    static func read(_ data: Data) -> [String] {
        let reader = SharedStrings()
        _ = parse(data, with: reader)
        return reader.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
        if strings.count > Spreadsheet.maxRows * Spreadsheet.maxColumns { parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current ?? ""); current = nil
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !inPhonetic, current != nil { current? += string }
    }
}

/// The cells of a worksheet: reference, type, value (`<v>`) and inline text (`<is>`).
private final class SheetCells: NSObject, XMLParserDelegate {
    struct Found {
        var row: Int
        var column: Int
        var type: String
        var value = ""
        var inline: String?
    }
    var cells: [Found] = []
    var current: Found?
    var nextRow = 0, nextColumn = 0
    var inValue = false, inText = false
    /// Whether the worksheet's end tag was read: a cut-off part is not taken for a short one.
    var complete = false
    var problem: Spreadsheet.Problem?

    static func read(_ data: Data) -> SheetCells {
        let reader = SheetCells()
        let (ok, line) = parse(data, with: reader)
        if !ok || !reader.complete, reader.problem == nil {
            reader.problem = Spreadsheet.Problem("het werkblad is geen geldige XML (regel \(line))")
        }
        return reader
    }

    /// "B12" → (row 11, column 1); nil when it is no cell reference.
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        let letters = ref.prefix { $0.isASCII && $0.isLetter }, digits = ref.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let row = Int(digits), row >= 1 else { return nil }
        var column = 0
        for ch in letters.uppercased().unicodeScalars { column = column * 26 + Int(ch.value) - 64 }
        return (row - 1, column - 1)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch local(name) {
        case "row":
            if let r = attributes["r"].flatMap(Int.init), r >= 1 { nextRow = r - 1 }
            nextColumn = 0
        case "c":
            let at = attributes["r"].flatMap(Self.reference) ?? (nextRow, nextColumn)
            if at.row >= Spreadsheet.maxRows || at.column >= Spreadsheet.maxColumns {
                problem = at.row >= Spreadsheet.maxRows ? Spreadsheet.Problem("te veel rijen: hoogstens \(Spreadsheet.maxRows)")
                    : Spreadsheet.Problem("te veel kolommen: hoogstens \(Spreadsheet.maxColumns)")
                parser.abortParsing()
                return
            }
            current = Found(row: at.row, column: at.column, type: attributes["t"] ?? "n")
            nextColumn = at.column + 1
        case "v": inValue = true
        case "t": if current != nil, current?.inline == nil { current?.inline = "" }; inText = current != nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "c":
            if let c = current { cells.append(c) }
            current = nil
        case "row": nextRow += 1
        case "worksheet": complete = true
        case "v": inValue = false
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard current != nil else { return }
        if inValue { current?.value += string } else if inText { current?.inline? += string }
        if (current?.value.count ?? 0) + (current?.inline?.count ?? 0) > 100_000 {
            problem = Spreadsheet.Problem("een cel bevat meer dan 100.000 tekens")
            parser.abortParsing()
        }
    }
}

/// Runs the streaming parser over one part with `delegate`, external entities off: whether it
/// read to the end, and the line it stopped at.
private func parse(_ data: Data, with delegate: XMLParserDelegate) -> (ok: Bool, line: Int) {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    let ok = parser.parse()
    return (ok, parser.lineNumber)
}

/// An element's name without its namespace prefix.
private func local(_ name: String) -> String {
    if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
    return name
}
