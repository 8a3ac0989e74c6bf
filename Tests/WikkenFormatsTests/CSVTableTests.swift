import Testing
import WikkenFormats

@Suite("CSV tables")
struct CSVTableTests {
    @Test("comma or semicolon, quotes with doubled quotes and new lines, BOM, CRLF, padded CBS fields")
    func read() throws {
        let t = try CSVTable.read("\u{FEFF}code,naam,waarde\r\nBU1,\"Welgelegen, Den Hommel\",1.5\r\nBU2,\"Zei \"\"hoi\"\"\",.\r\nBU3,\"Twee\nregels\",\r\n", file: "a.csv").get()
        #expect(t.separator == "," && t.header == ["code", "naam", "waarde"])
        #expect(t.rows.map(\.fields) == [["BU1", "Welgelegen, Den Hommel", "1.5"], ["BU2", "Zei \"hoi\"", "."], ["BU3", "Twee\nregels", ""]])
        #expect(t.rows.map(\.line) == [2, 3, 4])
        let cbs = try CSVTable.read("\"Perioden\";\"Regiocode\";\"Score\"\n\"2019\";\"GM0363    \";\"  -0.100\"\n\"2019\";\"WK036300  \";\"       .\"\n", file: "b.csv").get()
        #expect(cbs.separator == ";" && cbs.rows[0].fields == ["2019", "GM0363", "-0.100"] && cbs.rows[1].fields[2] == ".")
    }

    @Test("problems name the line: a short row, an unclosed quote, a quote inside a field, an empty file")
    func problems() {
        func message(_ text: String) -> String? { if case .failure(let p) = CSVTable.read(text, file: "x.csv") { return p.description } else { return nil } }
        #expect(message("a,b\n1,2\n3\n") == "x.csv:3: 1 velden, verwacht 2 (zoals de kopregel); scheidingsteken is ‘,’")
        #expect(message("a,b\n1,\"open\n2,3\n") == "x.csv:2: een veld met een aanhalingsteken wordt niet gesloten")
        #expect(message("a,b\n1,ab\"c\n")?.hasPrefix("x.csv:2: een aanhalingsteken midden in een veld") == true)
        #expect(message("") == "x.csv:1: het bestand is leeg; verwacht een kopregel met kolomnamen")
        #expect(message("a,b\n1,\"x\"y\n")?.hasPrefix("x.csv:2: tekst na het sluitende aanhalingsteken") == true)
    }

    @Test("write and read again gives the same table")
    func roundTrip() throws {
        let t = CSVTable(header: ["a", "b"], rows: [.init(line: 2, fields: ["x;y", "\"q\""]), .init(line: 3, fields: [".", ""])])
        for sep: Character in [",", ";"] {
            let again = try CSVTable.read(t.write(separator: sep), file: "r.csv").get()
            #expect(again.header == t.header && again.rows.map(\.fields) == t.rows.map(\.fields) && again.separator == sep)
        }
    }
}
