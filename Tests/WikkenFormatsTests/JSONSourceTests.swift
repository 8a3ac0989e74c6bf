import Testing
@testable import WikkenFormats

@Suite("The JSON parser")
struct JSONSourceTests {
    @Test("values remember line and column, counting characters not bytes")
    func locations() throws {
        let node = try JSONSource.parse("{\n  \"naam\": \"één\",\n  \"x\": [1, 2.5e1, -0.5]\n}")
        guard case .mapping(let entries, let mark) = node else { Issue.record("not a mapping"); return }
        #expect(mark == .init(line: 1, column: 1))
        #expect(entries.map(\.key) == ["naam", "x"])
        #expect(entries[0].keyMark == .init(line: 2, column: 3))
        #expect(entries[1].value.mark == .init(line: 3, column: 8))
        guard case .list(let items, _) = entries[1].value, case .scalar(let s, let m) = items[1] else { Issue.record("not a list"); return }
        #expect(s.kind == .number(25))
        #expect(m == .init(line: 3, column: 12))
        guard case .scalar(let text, _) = entries[0].value else { return }
        #expect(text.text == "één")
    }

    @Test("escapes, including surrogate pairs, decode")
    func escapes() throws {
        let node = try JSONSource.parse(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00"]"#)
        guard case .list(let items, _) = node, case .scalar(let s, _) = items[0] else { Issue.record("shape"); return }
        #expect(s.text == "a\"b\\c/d\né😀")
    }

    @Test("syntax errors say where", arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a field name in double quotes"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\": tru}", 1, 7, "unknown word; expected a value"),
        ("{\"a\":\n  01}", 2, 4, "expected ',' or '}'"),
        ("[1] x", 1, 5, "unexpected text after the end of the document"),
        ("{\"a\": \"open", 1, 12, "text in double quotes is not closed"),
    ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: SyntaxError.self) { try JSONSource.parse(text) }
        do {
            _ = try JSONSource.parse(text)
        } catch {
            #expect(error.message == message)
            #expect(error.mark == .init(line: line, column: column))
        }
    }

    @Test("unknown-key suggestions use edit distance")
    func suggestions() {
        #expect(DossierDecoder.suggestion(for: "nam", among: ["naam", "id"]) == "naam")
        #expect(DossierDecoder.suggestion(for: "Opties", among: ["opties"]) == "opties")
        #expect(DossierDecoder.suggestion(for: "kleur", among: ["naam", "id"]) == nil)
    }
}
