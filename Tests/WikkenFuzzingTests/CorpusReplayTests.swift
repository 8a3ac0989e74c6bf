import Foundation
import Testing
import WikkenFuzzing

/// Every input in the committed fuzz corpora (`Fuzz/Corpus/<harness>/`), run through its harness:
/// the seeds, what libFuzzer kept as new coverage, and every input that once crashed. A trap here
/// stops the test run, so a fixed crash stays fixed.
@Suite("Fuzz corpora replayed")
struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func inputs(_ harness: Harness) -> [URL] {
        let folder = corpus.appendingPathComponent(harness.rawValue)
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test("every harness has a seed corpus, and every input in it runs through", arguments: Harness.allCases)
    func replay(harness: Harness) throws {
        let inputs = Self.inputs(harness)
        #expect(inputs.count >= 3, "seeds for \(harness.rawValue)")
        for url in inputs { harness.run(Array(try Data(contentsOf: url))) }
    }
}
