import Foundation
import Testing
import WikkenCore
@testable import WikkenFormats

/// Each file in `Fixtures/broken` is a dossier with known mistakes; its `.expected` file holds the
/// exact problem list (Dutch), one per line, as `wikken controleer` prints it.
///
/// To re-record after an intended change of wording: `WIKKEN_RECORD=1 swift test --filter Broken`,
/// then review the diff of every `.expected` file before committing.
@Suite("Broken dossiers give their exact errors")
struct BrokenDossierTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("broken")
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken")

    static var files: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
            .sorted() ?? []
    }

    @Test("there are at least 20 broken files")
    func enoughCases() {
        #expect(Self.files.count >= 20)
    }

    @Test("problems match the expected list", arguments: files)
    func problems(file: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let result = DossierReader.read(text, file: file)
        let rendered = result.problems.map { $0.rendered(in: .nl) }.joined(separator: "\n") + "\n"
        let expectedName = (file as NSString).deletingPathExtension + ".expected"
        if ProcessInfo.processInfo.environment["WIKKEN_RECORD"] == "1" {
            try rendered.write(to: Self.sourceFolder.appendingPathComponent(expectedName), atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.folder.appendingPathComponent(expectedName), encoding: .utf8)
        #expect(rendered == expected)
        #expect(!result.errors.isEmpty, "a broken file must have at least one error")
        #expect(result.validDossier == nil)
    }
}
