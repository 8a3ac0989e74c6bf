/// A small strict JSON parser (RFC 8259) that keeps the line and column of every value, which
/// Foundation's parser does not. Duplicate keys are kept so the reader can report them.
struct JSONSource {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// Objects and arrays open around the current value.
    private var depth = 0

    static func parse(_ text: String) throws(SyntaxError) -> SourceNode {
        var p = JSONSource(bytes: Array(text.utf8))
        p.skipBOM()
        p.skipSpace()
        let value = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw p.error("unexpected text after the end of the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var mark: SourceNode.Mark {
        // Columns count Unicode scalars, as libyaml does: skip UTF-8 continuation bytes.
        let column = bytes[lineStart..<i].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return .init(line: line, column: column)
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(message: message, mark: mark) }

    private mutating func skipBOM() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    private mutating func value() throws(SyntaxError) -> SourceNode {
        guard i < bytes.count else { throw error("unexpected end of the document; expected a value") }
        let start = mark
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Bounded, so that no document can exhaust the stack of this parser or of what reads its tree.
            guard depth < SourceNode.maxDepth else { throw error("nested more than \(SourceNode.maxDepth) levels deep") }
            depth += 1
            defer { depth -= 1 }
            return bytes[i] == UInt8(ascii: "{") ? try object(start) : try array(start)
        case UInt8(ascii: "\""): return .scalar(.init(text: try string(), kind: .string), start)
        case UInt8(ascii: "t"): try literal("true"); return .scalar(.init(text: "true", kind: .boolean(true)), start)
        case UInt8(ascii: "f"): try literal("false"); return .scalar(.init(text: "false", kind: .boolean(false)), start)
        case UInt8(ascii: "n"): try literal("null"); return .scalar(.init(text: "null", kind: .null), start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(start)
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'; expected a value")
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let w = Array(word.utf8)
        guard bytes.count - i >= w.count, Array(bytes[i..<i + w.count]) == w else { throw error("unknown word; expected a value") }
        i += w.count
    }

    private mutating func object(_ start: SourceNode.Mark) throws(SyntaxError) -> SourceNode {
        i += 1
        var entries: [SourceNode.Entry] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .mapping(entries, start) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
            let keyMark = mark
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the field name") }
            i += 1
            skipSpace()
            entries.append(.init(key: key, keyMark: keyMark, value: try value()))
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of the document; expected ',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .mapping(entries, start) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array(_ start: SourceNode.Mark) throws(SyntaxError) -> SourceNode {
        i += 1
        var items: [SourceNode] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items, start) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of the document; expected ',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items, start) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count - i >= 6, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    i -= 1
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in text")
                }
            case 0x00..<0x20:
                throw error(b == 0x0A ? "text in double quotes may not span lines; write \\n" : "control character in text")
            default:
                out.append(b)
                i += 1
            }
        }
        throw error("text in double quotes is not closed")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - i >= 4, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw error("expected four hexadecimal digits after \\u")
        }
        i += 4
        return v
    }

    private mutating func number(_ start: SourceNode.Mark) throws(SyntaxError) -> SourceNode {
        let begin = i
        func digits() -> Int {
            let s = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i - s
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "0") {
            i += 1 // JSON allows no leading zeros: "01" ends after the 0.
        } else {
            guard digits() > 0 else { throw error("expected a digit") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw error("expected a digit after the decimal point") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw error("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[begin..<i], as: UTF8.self)
        guard let x = Double(text) else { throw error("invalid number") }
        return .scalar(.init(text: text, kind: x.isFinite ? .number(x) : .nonFinite), start)
    }
}
