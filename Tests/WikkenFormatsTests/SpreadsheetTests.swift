import Foundation
import Testing
import WikkenCore
@testable import WikkenFormats

@Suite("Spreadsheets (.xlsx) and the score grid")
struct SpreadsheetTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("xlsx")

    static let dossier: Dossier = {
        var d = Dossier.draft(title: "Garageboxen", question: "Wat doen we?")
        try? d.setOptions(fromLines: "Renoveren\nSlopen\nNiets doen")
        try? d.setCriteria(fromOutline: "Kosten\nDraagvlak")
        d.criteria[0].scale = .numeric(NumericScale(unit: "€ mln", direction: .lowerIsBetter))
        d.criteria[1].scale = .qualitative(QualitativeScale(levels: ["--", "-", "0", "+", "beter"]))
        return d
    }()

    @Test("written and read back: texts (with <, & and quotes), numbers, empty cells, the sheet's name")
    func roundTrip() throws {
        let sheet = Spreadsheet.Sheet(name: "Scores", rows: [
            [.text("Optie"), .text("Kosten <mln> & \"zo\"")],
            [.text("A"), .number(12.5), nil, .number(-0.001)],
            [],
            [nil, .text("  spaties  ")],
        ])
        let data = Spreadsheet.write([sheet, .init(name: "Uitleg", rows: [[.text("x")]])])
        let read = try Spreadsheet.readFirstSheet(data)
        #expect(read.name == "Scores")
        #expect(read.rows.count == 4 && read.rows[0] == sheet.rows[0] && read.rows[1] == sheet.rows[1] && read.rows[3] == sheet.rows[3])
        #expect(Spreadsheet.column(0) == "A" && Spreadsheet.column(25) == "Z" && Spreadsheet.column(26) == "AA" && Spreadsheet.column(701) == "ZZ")
    }

    @Test("the grid out and back: plain numbers as numbers, ranges and reasons as text, the same scores after")
    func gridRoundTrip() throws {
        var d = Self.dossier
        d.options[0].scores = ["kosten": .number(12.5), "draagvlak": Score(value: .level("+"), low: .level("0"), high: .level("beter"))]
        d.options[1].scores = ["kosten": Score(value: .number(40), low: .number(30), high: .number(50)), "draagvlak": .missing("nog geen peiling")]
        let sheets = ScoreGrid.sheets(d)
        #expect(sheets[0].rows[1][1] == .number(12.5) && sheets[0].rows[2][1] == .text("40 (30 tot 50)"))
        let back = try Spreadsheet.readFirstSheet(Spreadsheet.write(sheets))
        let entries = try ScoreGrid.entries(back, for: d).get()
        var again = d
        for i in again.options.indices { again.options[i].scores = [:] }
        for e in entries {
            let k = try #require(again.options.firstIndex { $0.id == e.option })
            again.options[k].scores[e.criterion] = try ScoreCell.parse(e.text, qualitative: e.criterion == "draagvlak").get()
        }
        #expect(again.options == d.options)
    }

    @Test("a file LibreOffice wrote (shared strings) and one openpyxl wrote (other names, a second sheet) are read")
    func otherProducers() throws {
        let libre = try Spreadsheet.readFirstSheet(Data(contentsOf: Self.folder.appendingPathComponent("libreoffice-grid.xlsx")))
        #expect(libre.rows[1][1] == .number(12.5) && libre.rows[1][2] == .text("? nog onbekend") && libre.rows[2][1] == .text("40 (30 tot 50)"))
        let entries = try ScoreGrid.entries(libre, for: Self.dossier).get()
        #expect(entries.count == 6 && entries.contains(.init(option: "niets-doen", criterion: "kosten", text: "")))
        let py = try Spreadsheet.readFirstSheet(Data(contentsOf: Self.folder.appendingPathComponent("openpyxl-grid.xlsx")))
        #expect(py.name == "Mijn scores")
        let found = try ScoreGrid.entries(py, for: Self.dossier).get()
        #expect(found.contains(.init(option: "renoveren", criterion: "kosten", text: "7")) && found.contains(.init(option: "slopen", criterion: "draagvlak", text: "? geen idee")))
    }

    @Test("a sheet that does not fit names every place: unknown column and row, a repeated one")
    func misfit() throws {
        let sheet = Spreadsheet.Sheet(name: "S", rows: [
            [.text("Optie"), .text("Kosten"), .text("Huur"), .text("kosten")],
            [.text("Renoveren"), .number(1)],
            [.text("Verkopen"), .number(2)],
            [.text("renoveren"), .number(3)],
        ])
        let problems = try #require(ScoreGrid.entries(sheet, for: Self.dossier).failure)
        #expect(problems.messages == [
            "Kolom C: ‘Huur’ is geen criterium (zonder subcriteria) van dit dossier.",
            "Kolom D: ‘kosten’ staat ook al in kolom B.",
            "Rij 3: ‘Verkopen’ is geen optie van dit dossier. Voeg nieuwe opties toe in de stap Opties.",
            "Rij 4: ‘renoveren’ staat ook al in rij 2.",
        ])
    }

    @Test("what is not a spreadsheet, or too big unpacked, or declares entities, is refused with a message")
    func hostile() throws {
        func refusal(_ data: Data) -> String? {
            do { _ = try Spreadsheet.readFirstSheet(data); return nil } catch { return error.message }
        }
        #expect(refusal(Data("Optie;Kosten\n".utf8))?.hasPrefix("dit is geen .xlsx-bestand") == true)
        #expect(refusal(Data([0x50, 0x4B, 3, 4, 0, 0]))?.hasPrefix("het bestand is beschadigd") == true)

        func zip(_ parts: [(String, Data)]) -> Data { Data(Zip.write(parts.map { ($0.0, [UInt8]($0.1)) })) }
        // 40 MB of spaces, deflated to 40 kB: refused once 32 MB are unpacked.
        let bomb = try Data(contentsOf: Self.folder.appendingPathComponent("bomb.xlsx"))
        #expect(bomb.count < 100_000)
        #expect(refusal(bomb)?.contains("groter dan 32 MB") == true)
        // Found by the fuzzer: a deflate stream cut short (ZIPFoundation looped for ever on it).
        let shortStream = try Data(contentsOf: Self.folder.appendingPathComponent("cut-deflate.xlsx"))
        #expect(refusal(shortStream)?.contains("beschadigd") == true, "\(String(describing: refusal(shortStream)))")
        let laughs = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="str"><v>&b;</v></c></row></sheetData></worksheet>"#
        #expect(refusal(zip([("xl/worksheets/sheet1.xml", Data(laughs.utf8))]))?.contains("documenttype") == true)
        let far = #"<worksheet><sheetData><row r="1"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
        #expect(refusal(zip([("xl/worksheets/sheet1.xml", Data(far.utf8))]))?.hasPrefix("te veel") == true)
        let cut = refusal(zip([("xl/worksheets/sheet1.xml", Data("<worksheet><sheetData><row>".utf8))]))
        #expect(cut?.hasPrefix("het werkblad is geen geldige XML") == true, "\(String(describing: cut))")
        #expect(refusal(zip([("iets.txt", Data("x".utf8))])) == "het bestand heeft geen werkblad")
    }

    @Test("LibreOffice opens the file Wikken writes: the grid converted to CSV by LibreOffice itself",
          .enabled(if: SpreadsheetTests.soffice != nil, "LibreOffice (soffice) is not installed here"))
    func libreOfficeOpensIt() throws {
        var d = Self.dossier
        d.options[0].scores = ["kosten": .number(12.5), "draagvlak": .missing("nog geen peiling")]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("grid.xlsx")
        try Spreadsheet.write(ScoreGrid.sheets(d)).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        process.arguments = ["--headless", "-env:UserInstallation=file://\(folder.path)/profiel", "--convert-to", "csv", "--outdir", folder.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: folder.appendingPathComponent("grid.csv"), encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline) == ["Optie,Kosten,Draagvlak", "Renoveren,12.5,? nog geen peiling", "Slopen,,", "Niets doen,,"])
    }

    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
