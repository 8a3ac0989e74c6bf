import Foundation
import Testing
import WikkenCore
@testable import WikkenFormats

/// Files outside the test bundle: the examples of the repository.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var examples: [URL] {
        let folder = root.appendingPathComponent("Examples")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }
    static var exampleNames: [String] { examples.map(\.lastPathComponent) }

    static func read(_ url: URL) throws -> DossierReadResult {
        DossierReader.read(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }
}

@Suite("Reading and writing dossiers")
struct RoundTripTests {
    @Test("there are four example dossiers, one per theme and one with partners")
    func fourExamples() {
        #expect(Repository.examples.map(\.lastPathComponent).sorted() == ["aandachtsgroepen-de-horst.yaml", "prestatieafspraken-drie-partners.yaml",
                                                                           "samenwerkingen-zuid.yaml", "wijkaanpak-neckardreef.yaml"])
    }

    @Test("every example is valid without warnings", arguments: Repository.exampleNames)
    func examplesAreValid(name: String) throws {
        let result = try Repository.read(Repository.root.appendingPathComponent("Examples/\(name)"))
        #expect(result.problems.map { $0.rendered(in: .nl) } == [])
        let dossier = try #require(result.validDossier)
        #expect(dossier.weightSets.count >= 2)
        #expect(dossier.narratives.count >= 2)
        #expect(dossier.options.count >= 3)
    }

    @Test("writing and reading back gives the same dossier", arguments: Repository.exampleNames, DossierSyntax.allCases)
    func roundTrip(name: String, syntax: DossierSyntax) throws {
        let original = try #require(try Repository.read(Repository.root.appendingPathComponent("Examples/\(name)")).validDossier)
        let text = DossierWriter.write(original, as: syntax)
        let again = DossierReader.read(text, file: "roundtrip.\(syntax.rawValue)")
        #expect(again.problems.map { $0.rendered(in: .nl) } == [])
        #expect(again.dossier == original)
        // Writing is stable: the second write is byte for byte the first.
        #expect(DossierWriter.write(try #require(again.dossier), as: syntax) == text)
    }

    @Test("YAML and JSON of the same dossier read the same")
    func yamlAndJSONAgree() throws {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("valid")
        let yaml = try Repository.read(folder.appendingPathComponent("klein.yaml"))
        let json = try Repository.read(folder.appendingPathComponent("klein.json"))
        #expect(yaml.problems.isEmpty)
        #expect(json.problems.isEmpty)
        #expect(yaml.dossier != nil)
        #expect(yaml.dossier == json.dossier)
    }

    @Test("text that looks like a number, a boolean or has special characters survives")
    func trickyText() throws {
        var d = try #require(try Repository.read(Repository.root.appendingPathComponent("Examples/wijkaanpak-neckardreef.yaml")).validDossier)
        d.title = "2030"
        d.question = "ja"
        d.context = "Regel één: \"citaat\" # geen commentaar\n  ingesprongen regel\n"
        d.options[0].name = "null"
        d.options[0].description = "- begint met een streepje, en: dubbele punt"
        d.narratives[0].text = "Eén regel met een tab\there"
        for syntax in DossierSyntax.allCases {
            let back = DossierReader.read(DossierWriter.write(d, as: syntax), file: "x.\(syntax.rawValue)")
            #expect(back.errors.isEmpty)
            #expect(back.dossier == d, "\(syntax)")
        }
    }

    @Test("the level '0' written plainly in YAML is read as a level, not a number")
    func zeroLevel() throws {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("Examples/samenwerkingen-zuid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "aandachtsgroepen: \"0\"", with: "aandachtsgroepen: 0")
        let result = DossierReader.read(text, file: "s.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.dossier?.option("wijkplatform")?.scores["aandachtsgroepen"]?.value == .level("0"))
    }
}
