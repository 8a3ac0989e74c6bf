import Foundation
import Testing
import WikkenFormats

/// Runs the real `wikken` binary and compares whole transcripts (command, standard output,
/// standard error, exit code) with reviewed snapshots in `Snapshots/`.
///
/// After an intended change of output: `WIKKEN_RECORD=1 swift test --filter CLITests`, then
/// review the diff of every snapshot before committing.
@Suite("The wikken command")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The binary built next to the test bundle (or `WIKKEN_BIN`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["WIKKEN_BIN"] { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wikken"),
            Bundle.main.bundleURL.appendingPathComponent("wikken"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("wikken"),
            root.appendingPathComponent(".build/debug/wikken"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self), status: process.terminationStatus)
    }

    static func transcript(_ arguments: [String], _ run: Run) -> String {
        var text = "$ wikken " + arguments.joined(separator: " ") + "\n" + run.stdout
        if !run.stderr.isEmpty { text += "[standaardfout]\n" + run.stderr }
        return text + "[uitgangscode \(run.status)]\n"
    }

    static let cases: [(String, [String], Int32)] = [
        ("analyseer-wijkaanpak", ["analyseer", "Examples/wijkaanpak-neckardreef.yaml"], 0),
        ("analyseer-samenwerkingen-en", ["analyseer", "Examples/samenwerkingen-zuid.yaml", "--taal", "en"], 0),
        ("analyseer-aandachtsgroepen-een-weging", ["analyseer", "Examples/aandachtsgroepen-de-horst.yaml", "--weging", "huurderscommissie"], 0),
        ("analyseer-json", ["analyseer", "Tests/WikkenFormatsTests/Fixtures/valid/klein.yaml", "--json"], 0),
        ("controleer-voorbeelden", ["controleer", "Examples/aandachtsgroepen-de-horst.yaml", "Examples/samenwerkingen-zuid.yaml", "Examples/wijkaanpak-neckardreef.yaml"], 0),
        ("controleer-fouten", ["controleer", "Tests/WikkenFormatsTests/Fixtures/broken/27-many-errors-listed.yaml"], 1),
        ("controleer-fouten-en", ["validate", "--lang", "en", "Tests/WikkenFormatsTests/Fixtures/broken/16-weights-incomplete.yaml"], 1),
        ("analyseer-ontbrekend-geweigerd", ["analyseer", "Tests/WikkenCLITests/Fixtures/ontbrekend.yaml"], 2),
        ("analyseer-ontbrekend-herverdelen", ["analyseer", "Tests/WikkenCLITests/Fixtures/ontbrekend.yaml", "--ontbrekend", "herverdelen"], 0),
        // The dossier's own rule counts without a flag; a flag overrides it for one run.
        ("analyseer-ontbrekend-regel-in-dossier", ["analyseer", "Tests/WikkenCLITests/Fixtures/ontbrekend-regel.yaml"], 0),
        ("analyseer-ontbrekend-regel-overschreven", ["analyseer", "Tests/WikkenCLITests/Fixtures/ontbrekend-regel.yaml", "--ontbrekend", "weigeren"], 2),
        ("analyseer-onbekende-weging", ["analyseer", "Examples/wijkaanpak-neckardreef.yaml", "--weging", "bewoners"], 64),
        ("controleer-bestaat-niet", ["controleer", "Examples/bestaat-niet.yaml"], 3),
        ("gewichten-aandachtsgroepen", ["gewichten", "Examples/aandachtsgroepen-de-horst.yaml"], 0),
        ("partners-wijkaanpak", ["partners", "Examples/wijkaanpak-neckardreef.yaml"], 0),
        ("partners-prestatieafspraken-bezwaar", ["partners", "Examples/prestatieafspraken-drie-partners.yaml", "--bezwaar", "gemeente=verduurzaming"], 0),
        ("partners-samenwerkingen-bezwaar-gewicht-en", ["partners", "Examples/samenwerkingen-zuid.yaml", "--bezwaar", "huurders=regiotafel", "--partnergewicht", "directie=2", "--lang", "en"], 0),
        ("partners-json", ["partners", "Examples/aandachtsgroepen-de-horst.yaml", "--json"], 0),
        ("partners-een-partner", ["partners", "Tests/WikkenFormatsTests/Fixtures/valid/klein.yaml"], 2),
        ("partners-onbekend-gewicht", ["partners", "Examples/wijkaanpak-neckardreef.yaml", "--partnergewicht", "wethouder=2"], 2),
        ("methoden-werking", ["methoden", "Tests/WikkenFormatsTests/Fixtures/valid/klein.yaml", "--werking"], 0),
        ("methoden-wijkaanpak", ["methoden", "Examples/wijkaanpak-neckardreef.yaml", "--weging", "corporatie"], 0),
        ("methoden-samenwerkingen-en-vikor", ["methods", "Examples/samenwerkingen-zuid.yaml", "--lang", "en", "--v", "0.625"], 0),
        ("methoden-ontbrekend-herverdelen", ["methoden", "Tests/WikkenCLITests/Fixtures/ontbrekend.yaml", "--ontbrekend", "herverdelen"], 2),
        ("gevoeligheid-wijkaanpak", ["gevoeligheid", "Examples/wijkaanpak-neckardreef.yaml", "--weging", "corporatie"], 0),
        ("gevoeligheid-aandachtsgroepen-en", ["sensitivity", "Examples/aandachtsgroepen-de-horst.yaml", "--lang", "en"], 0),
        ("smaa-wijkaanpak", ["smaa", "Examples/wijkaanpak-neckardreef.yaml", "--trekkingen", "20000", "--zaad", "7"], 0),
        ("smaa-samenwerkingen-rangorde-en", ["smaa", "Examples/samenwerkingen-zuid.yaml", "--gewichten", "rangorde", "--weging", "directie", "--verdeling", "driehoek", "--grens", "uren=10%:60%", "--lang", "en"], 0),
        ("smaa-grenzen-onmogelijk", ["smaa", "Examples/samenwerkingen-zuid.yaml", "--grens", "uren=0.6:0.9", "--grens", "invloed=0.5:1"], 64),
        ("rapport-markdown", ["rapport", "Examples/aandachtsgroepen-de-horst.yaml", "--formaat", "md", "--uit", "-", "--datum", "2026-11-30"], 0),
        ("rapport-prestatieafspraken-partners", ["rapport", "Examples/prestatieafspraken-drie-partners.yaml", "--formaat", "md", "--uit", "-", "--datum", "2026-12-04"], 0),
        ("rapport-pdf-naar-scherm", ["rapport", "Examples/aandachtsgroepen-de-horst.yaml", "--formaat", "pdf", "--uit", "-"], 64),
        ("gewichten-samenwerkingen-en", ["weights", "Examples/samenwerkingen-zuid.yaml", "--weging", "wijkteams", "--lang", "en"], 0),
        ("veerkracht-signaal-utrecht", ["veerkracht", "signaal", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv"], 0),
        ("veerkracht-signaal-twee-jaren-relatief", ["veerkracht", "signaal", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--kwb", "Data/veerkracht/cbs_kwb2024_gemeente_utrecht.csv",
                                                    "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv", "--relatief", "--indicator", "bijstand_per_1000=1", "--json"], 0),
        ("veerkracht-profiel-neckardreef", ["veerkracht", "profiel", "BU03440322", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv",
                                            "--codeboek", "Data/veerkracht/cbs_kwb2023_codebook.csv"], 0),
        ("veerkracht-profiel-science-park", ["veerkracht", "profiel", "BU03440533", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv"], 0),
        ("veerkracht-toewijzing-tekort", ["veerkracht", "toewijzing", "--complexen", "Examples/veerkracht/complexen-utrecht.csv", "--groep", "statushouders=30", "--groep", "beschermd-wonen=12",
                                          "--groep", "jongeren=10", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv"], 2),
        ("veerkracht-toewijzing-past", ["veerkracht", "toewijzing", "--complexen", "Examples/veerkracht/complexen-utrecht.csv", "--groep", "statushouders=20", "--groep", "jongeren=5",
                                        "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv"], 0),
        ("veerkracht-interventies-neckardreef", ["veerkracht", "interventies", "BU03440322", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv"], 0),
        ("veerkracht-rapport-markdown", ["veerkracht", "rapport", "--kwb", "Data/veerkracht/cbs_kwb2023_gemeente_utrecht.csv", "--lbm", "Data/veerkracht/lbm3_2020_buurt_provincie_utrecht.csv",
                                         "--uit", "-", "--datum", "2026-12-01"], 0),
        ("veerkracht-fout-in-gegevens", ["veerkracht", "signaal", "--kwb", "Tests/WikkenCLITests/Fixtures/kwb2023-fout.csv"], 1),
        ("veerkracht-bestand-ontbreekt", ["veerkracht", "signaal", "--kwb", "Data/veerkracht/bestaat-niet-2023.csv"], 3),
    ]

    @Test("transcripts match their snapshots", arguments: cases)
    func transcripts(name: String, arguments: [String], status: Int32) throws {
        let result = try Self.run(arguments)
        let text = Self.transcript(arguments, result)
        let file = Self.snapshots.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WIKKEN_RECORD"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(result.status == status)
        #expect(text == (try String(contentsOf: file, encoding: .utf8)))
    }

    @Test("a dossier converted to JSON analyses exactly like the YAML original")
    func convertThenAnalyse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("dossier.json").path
        let convert = try Self.run(["converteer", "Examples/wijkaanpak-neckardreef.yaml", json])
        #expect(convert.status == 0)
        let fromJSON = try Self.run(["analyseer", json])
        let fromYAML = try Self.run(["analyseer", "Examples/wijkaanpak-neckardreef.yaml"])
        #expect(fromJSON.status == 0)
        #expect(fromJSON.stdout == fromYAML.stdout)
    }

    @Test("converting an invalid dossier writes nothing")
    func convertInvalidWritesNothing() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-\(UUID().uuidString).json")
        let result = try Self.run(["converteer", "Tests/WikkenFormatsTests/Fixtures/broken/13-range-inverted.yaml", target.path])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test("sensitivity JSON has a series of 21 points per criterion that passes through the current totals")
    func sensitivitySeries() throws {
        let result = try Self.run(["gevoeligheid", "Examples/samenwerkingen-zuid.yaml", "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let sets = try #require(object?["weightSets"] as? [[String: Any]])
        #expect(sets.count == 3)
        let criteria = try #require(sets[0]["criteria"] as? [[String: Any]])
        for c in criteria {
            let series = try #require(c["series"] as? [[Double]])
            #expect(series.count == 21)
            let stays = try #require(c["topStays"] as? [Double])
            #expect(stays[0] <= (c["weight"] as? Double ?? -1) && (c["weight"] as? Double ?? 2) <= stays[1])
            // Every change of first place: at the current weight the leader is the top option, and
            // the interval where the top stays is bounded by changes of first place.
            let weight = try #require(c["weight"] as? Double)
            var leader = try #require(c["firstAtZero"] as? String)
            let changes = try #require(c["firstPlaceChanges"] as? [[String: Any]])
            for change in changes where (change["weight"] as? Double ?? 2) <= weight { leader = change["option"] as? String ?? "" }
            #expect(leader == sets[0]["top"] as? String, "\(c["criterion"] ?? "")")
            let weights = changes.compactMap { $0["weight"] as? Double }
            #expect((stays[0] == 0 || weights.contains { abs($0 - stays[0]) < 1e-9 }) && (stays[1] == 1 || weights.contains { abs($0 - stays[1]) < 1e-9 }))
        }
        #expect((object?["conventions"] as? [String: String])?["firstPlace"] != nil)
    }

    @Test("the analysis as a spreadsheet: totals, places, weights and contributions as numbers, the same as the JSON")
    func analysisSpreadsheet() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("analyse.xlsx").path
        let result = try Self.run(["analyseer", "Examples/aandachtsgroepen-de-horst.yaml", "--json", "--xlsx", file])
        #expect(result.status == 0 && result.stderr.contains("Geschreven: \(file)"))
        let sheet = try Spreadsheet.readFirstSheet(Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(sheet.name == "Rangorde" && sheet.rows[0].first == .text("Optie") && sheet.rows[0][1] == .text("Totaal (Corporatie)"))
        // The totals match the JSON output's, to the 0.1 the sheet keeps.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sets = try #require(json["weightSets"] as? [[String: Any]])
        let ranking = try #require(sets.first?["ranking"] as? [[String: Any]])
        for entry in ranking {
            let name = try #require(entry["name"] as? String), total = try #require(entry["total"] as? Double)
            let row = try #require(sheet.rows.first { $0.first == .text(name) }, "\(name)")
            #expect(row[1] == .number((total * 10).rounded() / 10), "\(name)")
        }
        #expect(sheet.rows.count == 5)  // a header and four options
        // Without a rule for missing scores nothing is written, as nothing is analysed.
        let refused = try Self.run(["analyseer", "Tests/WikkenCLITests/Fixtures/ontbrekend.yaml", "--xlsx", folder.appendingPathComponent("niet.xlsx").path])
        #expect(refused.status != 0 && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("niet.xlsx").path))
    }

    @Test("methods JSON carries the working (matrix, TOPSIS, PROMETHEE, VIKOR) and every method's conventions")
    func methodsWorking() throws {
        let result = try Self.run(["methoden", "Examples/samenwerkingen-zuid.yaml", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let conventions = try #require(json["conventions"] as? [String: String])
        #expect(Set(conventions.keys).isSuperset(of: ["mavt", "ahp", "promethee", "topsis", "vikor", "ties"]))
        let set = try #require((json["weightSets"] as? [[String: Any]])?.first)
        let working = try #require(set["working"] as? [String: Any])
        let options = try #require(json["options"] as? [String])
        let topsis = try #require(working["topsis"] as? [String: Any]), promethee = try #require(working["promethee"] as? [String: Any])
        #expect((topsis["weighted"] as? [[Double]])?.count == options.count && (promethee["preferenceMatrix"] as? [[Double]])?.count == options.count)
        // The working's closeness is the TOPSIS score the comparison reports.
        let methods = try #require(set["methods"] as? [[String: Any]])
        let scores = try #require(methods.first { $0["method"] as? String == "topsis" }?["scores"] as? [Double])
        #expect(topsis["closeness"] as? [Double] == scores)
    }

    /// Hwang & Yoon (1981), the fighter aircraft (`Examples/leerboek/`): the book's TOPSIS steps,
    /// to its four (closeness: three) decimals, come out of `methoden --json` as a reader types it.
    @Test("a textbook example followed from the command line: Hwang & Yoon's TOPSIS steps")
    func textbookExample() throws {
        let result = try Self.run(["methoden", "Examples/leerboek/hwang-yoon-gevechtsvliegtuig.yaml", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let set = try #require((json["weightSets"] as? [[String: Any]])?.first)
        let topsis = try #require((set["working"] as? [String: Any])?["topsis"] as? [String: Any])
        func rounded(_ x: Any?, _ digits: Double) -> [Double] { ((x as? [Double]) ?? []).map { ($0 * pow(10, digits)).rounded() / pow(10, digits) } }
        #expect(rounded((topsis["normalised"] as? [[Double]])?.first, 4) == [0.4671, 0.3662, 0.5056, 0.5069, 0.4811, 0.6708])
        #expect(rounded(topsis["ideal"], 4) == [0.1168, 0.0659, 0.0531, 0.0415, 0.1347, 0.2012])
        #expect(rounded(topsis["antiIdeal"], 4) == [0.0841, 0.0366, 0.0455, 0.0599, 0.0577, 0.1118])
        #expect(rounded(topsis["distanceToIdeal"], 4) == [0.0546, 0.1197, 0.0580, 0.1009])
        #expect(rounded(topsis["closeness"], 3) == [0.643, 0.268, 0.614, 0.312])
    }

    @Test("weights JSON shows AHP's working: the completed matrix, λmax, CI, CR and the RI table; every method's conventions")
    func weightsWorking() throws {
        let result = try Self.run(["gewichten", "Examples/aandachtsgroepen-de-horst.yaml", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["conventions"] as? [String: String])?["ahp"]?.contains("RI from Saaty (1980)") == true)
        let sets = try #require(json["weightSets"] as? [[String: Any]])
        let ahp = try #require(sets.first { $0["id"] as? String == "zorgpartner" })
        let groups = try #require(ahp["groups"] as? [[String: Any]])
        let top = try #require(groups.compactMap { $0["ahp"] as? [String: Any] }.first { ($0["matrix"] as? [[Double]])?.count == 3 })
        let matrix = try #require(top["matrix"] as? [[Double]])
        // Reciprocal, with ones on the diagonal; RI for order 3 is 0.58 and CR = CI / RI.
        #expect((0..<3).allSatisfy { i in matrix[i][i] == 1 && (0..<3).allSatisfy { j in abs(matrix[i][j] * matrix[j][i] - 1) < 1e-12 } })
        #expect((top["randomIndexValues"] as? [Double])?[3] == 0.58 && top["randomIndex"] as? Double == 0.58)
        let ci = try #require(top["consistencyIndex"] as? Double), cr = try #require(top["consistencyRatio"] as? Double)
        #expect(abs(cr - ci / 0.58) < 1e-12)
    }

    @Test("the HTML memo is written whole, and a PDF appears only when Chromium made it")
    func memoFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-memo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("notitie.html").path
        let result = try Self.run(["rapport", "Examples/wijkaanpak-neckardreef.yaml", "--uit", html, "--datum", "2026-11-30", "--smaa"])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n"))
        // Without a Chromium the PDF command says so, exits 4 and writes nothing.
        let pdf = folder.appendingPathComponent("notitie.pdf").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["rapport", "Examples/wijkaanpak-neckardreef.yaml", "--uit", pdf]
        process.currentDirectoryURL = Self.root
        process.environment = ["PATH": "/nonexistent"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4)
        #expect(message.contains("Chromium"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    @Test("JSON output parses and carries the ranking")
    func jsonOutput() throws {
        let result = try Self.run(["analyseer", "Examples/aandachtsgroepen-de-horst.yaml", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let sets = object?["weightSets"] as? [[String: Any]]
        #expect(sets?.count == 3)
        let ranking = sets?.first?["ranking"] as? [[String: Any]]
        #expect(ranking?.first?["option"] as? String == "gespreid")
        #expect(!result.stdout.contains("nan"))
    }
}
