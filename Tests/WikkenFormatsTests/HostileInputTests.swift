import Foundation
import Testing
import WikkenCore
@testable import WikkenFormats

/// Issue 12's reproducers for the dossier reader: documents that overflowed the stack or ate all
/// memory, refused now with the place. (The smaller ones are broken fixtures 44–47.)
@Suite("Dossier files that once stopped the server")
struct HostileInputTests {
    @Test("100,000 nested brackets (200 KB) are refused at the 65th, in JSON and in YAML", arguments: [DossierSyntax.json, .yaml])
    func deepBrackets(syntax: DossierSyntax) {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = DossierReader.read(text, file: "diep", syntax: syntax)
        #expect(result.dossier == nil)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message(in: .nl).contains("te diep in elkaar genest") == true)
    }

    @Test("a 10,000-level criteria tree in valid JSON is refused, not walked")
    func deepTree() {
        var tree = "{\"id\": \"c0\", \"naam\": \"c0\", \"schaal\": {\"soort\": \"numeriek\", \"richting\": \"hoger-is-beter\"}}"
        for k in 1...10_000 { tree = "{\"id\": \"c\(k)\", \"naam\": \"c\(k)\", \"subcriteria\": [\(tree)]}" }
        let text = "{\"wikken\": 1, \"id\": \"d\", \"titel\": \"d\", \"vraag\": \"d\", \"criteria\": [\(tree)], \"opties\": [], \"wegingen\": []}"
        let result = DossierReader.read(text, file: "boom.json", syntax: .json)
        #expect(result.dossier == nil && !result.errors.isEmpty)
    }

    @Test("aliases to aliases used as a mapping key are refused before they are composed (found by the fuzzer: 827 bytes took 16 s, hashing the key)")
    func aliasAsKey() {
        var lines = ["wikken: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x]"]
        for k in 1...8 { lines.append("l\(k): &l\(k) [" + Array(repeating: "*l\(k - 1)", count: 9).joined(separator: ", ") + "]") }
        lines.append("sleutel: {*l8 : 1}")
        let result = DossierReader.read(lines.joined(separator: "\n"), file: "bom.yaml", syntax: .yaml)
        #expect(result.dossier == nil)
        #expect(result.errors.count == 1 && result.errors.first?.location?.line == 7)  // l5 holds 597,871 values
        #expect(result.errors.first?.message(in: .nl).contains("aliassen") == true || result.errors.first?.message(in: .en).contains("aliases") == true)
    }

    @Test("two sibling criteria with one id and AHP judgements about them: the repeated id is reported, nothing traps (found by the fuzzer)")
    func repeatedSiblingIDsWithJudgements() {
        let text = """
            {"wikken": 1, "id": "d", "titel": "d", "vraag": "d",
             "criteria": [{"id": "a", "naam": "a", "schaal": {"soort": "numeriek", "richting": "hoger-is-beter"}},
                          {"id": "a", "naam": "a twee", "schaal": {"soort": "numeriek", "richting": "hoger-is-beter"}},
                          {"id": "b", "naam": "b", "schaal": {"soort": "numeriek", "richting": "hoger-is-beter"}}],
             "opties": [{"id": "x", "naam": "x", "scores": {"a": 1, "b": 2}}],
             "wegingen": [{"id": "w", "naam": "w", "methode": "ahp", "oordelen": [["a", "b", 3]]}]}
            """
        let result = DossierReader.read(text, file: "dubbel.json", syntax: .json)
        #expect(result.dossier != nil)
        #expect(result.errors.contains { if case .duplicateId("a", _) = $0.kind { return true } else { return false } })
    }

    @Test("a tree just within the limits reads; one level more is refused with the path")
    func criteriaDepthLimit() throws {
        func tree(_ depth: Int) -> String {
            var t = "{\"id\": \"c\(depth)\", \"naam\": \"c\", \"schaal\": {\"soort\": \"numeriek\", \"richting\": \"hoger-is-beter\"}}"
            for k in stride(from: depth - 1, through: 1, by: -1) { t = "{\"id\": \"c\(k)\", \"naam\": \"c\", \"subcriteria\": [\(t)]}" }
            return "{\"wikken\": 1, \"id\": \"d\", \"titel\": \"d\", \"vraag\": \"d\", \"criteria\": [\(t)], \"opties\": [{\"id\": \"x\", \"naam\": \"x\", \"scores\": {\"c\(depth)\": 1}}], \"wegingen\": [{\"id\": \"w\", \"naam\": \"w\", \"gewichten\": {}}]}"
        }
        let within = DossierReader.read(tree(Dossier.maxCriteriaDepth), file: "a.json", syntax: .json)
        #expect(within.errors.isEmpty, "\(within.errors.map { $0.message(in: .nl) })")
        let beyond = DossierReader.read(tree(Dossier.maxCriteriaDepth + 1), file: "b.json", syntax: .json)
        #expect(beyond.errors.map(\.kind) == [.criteriaTooDeep(limit: Dossier.maxCriteriaDepth)])
    }

    @Test("a YAML alias bomb of 1.2 KB is refused within the node budget, quickly")
    func aliasBomb() {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for k in 1...20 { text += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ",") + "]\n" }
        let result = DossierReader.read(text, file: "bom.yaml", syntax: .yaml)
        #expect(result.dossier == nil)
        #expect(result.errors.first?.message(in: .nl).contains("te groot: meer dan 500.000 waarden") == true)
    }
}
