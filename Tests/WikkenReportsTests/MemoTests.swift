import Foundation
import Testing
import WikkenCore
import WikkenReports
import _WikkenTestSupport

@Suite("The board memo")
struct MemoTests {
    static func memo(_ dossier: Dossier, language: Language = .nl, smaa: Bool = false) throws -> Memo {
        let result = try Mavt.analyse(dossier)
        let methods = try MethodComparison.run(dossier, weightSet: dossier.weightSets[0])
        var single = dossier
        single.weightSets = [dossier.weightSets[0]]
        let settings = Smaa.Settings(samples: 2000, seed: 1)
        let smaaResult = smaa ? (try Smaa.run(SmaaModel(single, try Mavt.analyse(single)), settings: settings), settings) : nil
        return Memo(.init(dossier: dossier, result: result, weightSet: 0, methods: methods, smaa: smaaResult,
                          date: "2026-11-30", contentHash: String(repeating: "0", count: 64), language: language))
    }

    static var hostile: Dossier {
        var d = StoryDossier.dossier
        d.title = "Test <script>alert('x')</script> & co"
        d.narratives[0].text = "<img src=x onerror=alert(1)> \"citaat\""
        return d
    }

    @Test("HTML is self-contained, in the memo's language, and escapes user text")
    func html() throws {
        let html = MemoHTML.render(try Self.memo(Self.hostile, smaa: true))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        // No external resources: the only URL is the SVG namespace.
        let urls = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
        #expect(urls == namespaces)
        #expect(html.contains("@page { size: A4"))
    }

    @Test("every chart has a title, a summary sentence and a data table")
    func chartsHaveTextTwins() throws {
        let memo = try Self.memo(StoryDossier.dossier, smaa: true)
        let charts = memo.sections.flatMap(\.blocks).compactMap { block -> Chart? in
            if case .chart(let c) = block { return c }
            return nil
        }
        #expect(charts.map(\.id) == ["gewichten", "bijdragen", "wegingen", "gevoeligheid", "smaa"])
        for c in charts {
            #expect(!c.summary.isEmpty && c.summary.hasSuffix("."))
            #expect(!c.rows.isEmpty && c.rows.allSatisfy { $0.count == c.header.count })
            #expect(c.svg.contains("role=\"img\"") && c.svg.contains("<title id=\"\(c.id)-title\">") && c.svg.contains("<desc id=\"\(c.id)-desc\">"))
        }
        let html = MemoHTML.render(memo)
        #expect(html.components(separatedBy: "<figure class=\"chart-figure\"").count - 1 == charts.count)
    }

    @Test("the memo names the stories that contradict the numbers and why each was chosen")
    func stories() throws {
        let memo = try Self.memo(StoryDossier.dossier)
        let section = try #require(memo.sections.first { $0.id == "verhalen" })
        var tensions = 0, chosen = 0
        for block in section.blocks {
            if case let .story(_, _, _, _, reason, tension) = block {
                chosen += 1
                if tension { tensions += 1 }
                #expect(reason.hasPrefix("Waarom gekozen: het verhaal "))
            }
        }
        #expect(chosen == 3)
        #expect(tensions == 2)
    }

    /// The whole Markdown memo of the hand-computed dossier, reviewed. Re-record after an intended
    /// change with WIKKEN_RECORD=1 and review the diff.
    @Test("Markdown snapshot", arguments: [Language.nl, .en])
    func markdown(language: Language) throws {
        let text = MemoMarkdown.render(try Self.memo(StoryDossier.dossier, language: language))
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/memo-\(language.rawValue).md")
        if ProcessInfo.processInfo.environment["WIKKEN_RECORD"] == "1" { try text.write(to: file, atomically: true, encoding: .utf8) }
        #expect(text == (try String(contentsOf: file, encoding: .utf8)))
    }
}
