import WikkenCore

/// JSON with two-space indentation; short lists of scalars stay on one line.
enum JSONEmitter {
    static func emit(_ node: OutNode, indent: String = "") -> String {
        switch node {
        case .string(let s): return quote(s)
        case .number(let x): return NumberText.plain(x)
        case .list(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) || items.allSatisfy(isShortScalarList) {
                return "[" + items.map { emit($0) }.joined(separator: ", ") + "]"
            }
            let inner = indent + "  "
            return "[\n" + items.map { inner + emit($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .map(let pairs):
            if pairs.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + pairs.map { inner + quote($0.0) + ": " + emit($0.1, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    private static func isShortScalarList(_ node: OutNode) -> Bool {
        if case .list(let items) = node { return items.count <= 4 && items.allSatisfy(\.isScalar) }
        return false
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Block-style YAML. Text is written plain when that reads back as the same text, as a literal
/// block (`|`) when it has several lines, and double-quoted otherwise.
enum YAMLEmitter {
    static func emit(_ node: OutNode) -> String {
        var out = ""
        write(node, indent: 0, into: &out)
        return out
    }

    private static func write(_ node: OutNode, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .map(let pairs):
            for (key, value) in pairs {
                out += pad + key + ":"
                writeValue(value, indent: indent, into: &out)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                switch item {
                case .map(let pairs) where !pairs.isEmpty:
                    // First field on the dash line, the rest aligned under it.
                    var first = ""
                    write(.map([pairs[0]]), indent: indent + 2, into: &first)
                    out += " " + first.dropFirst(indent + 2)
                    write(.map(Array(pairs.dropFirst())), indent: indent + 2, into: &out)
                default:
                    writeValue(item, indent: indent, into: &out)
                }
            }
        default:
            out += pad + scalar(node, indent: indent) + "\n"
        }
    }

    /// Writes what follows `key:` or `-`.
    private static func writeValue(_ value: OutNode, indent: Int, into out: inout String) {
        switch value {
        case .map(let pairs) where pairs.isEmpty: out += " {}\n"
        case .list(let items) where items.isEmpty: out += " []\n"
        case .list(let items) where items.allSatisfy(\.isScalar) && items.count <= 12 && !items.contains(where: isMultiline):
            out += " [" + items.map { flowScalar($0) }.joined(separator: ", ") + "]\n"
        case .map, .list:
            out += "\n"
            write(value, indent: indent + 2, into: &out)
        default:
            out += " " + scalar(value, indent: indent) + "\n"
        }
    }

    private static func isMultiline(_ node: OutNode) -> Bool {
        if case .string(let s) = node { return s.contains("\n") }
        return false
    }

    private static func flowScalar(_ node: OutNode) -> String {
        switch node {
        case .number(let x): return NumberText.plain(x)
        case .string(let s): return isPlainSafe(s, inFlow: true) ? s : JSONEmitter.quote(s)
        default: return ""
        }
    }

    private static func scalar(_ node: OutNode, indent: Int) -> String {
        switch node {
        case .number(let x): return NumberText.plain(x)
        case .string(let s):
            if isPlainSafe(s, inFlow: false) { return s }
            if canBeLiteral(s) {
                let pad = String(repeating: " ", count: indent + 2)
                let chomp = s.hasSuffix("\n") ? "" : "-"
                let body = (s.hasSuffix("\n") ? String(s.dropLast()) : s).split(separator: "\n", omittingEmptySubsequences: false)
                return "|" + chomp + "\n" + body.map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
            }
            return JSONEmitter.quote(s)
        default: return ""
        }
    }

    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    /// Plain text that YAML reads back as the same string, and not as a number, boolean or null.
    static func isPlainSafe(_ s: String, inFlow: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic, !s.hasSuffix(" "),
              !reservedWords.contains(s.lowercased()) else { return false }
        let allowedPunctuation: Set<Unicode.Scalar> = [" ", ".", "(", ")", "/", "'", "&", "%", "€", "-", "_", "?", "!", "+", "–", "’", "‘"]
        let extra: Set<Unicode.Scalar> = inFlow ? [] : [","]
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || allowedPunctuation.contains($0) || extra.contains($0) }
    }

    private static func canBeLiteral(_ s: String) -> Bool {
        guard s.contains("\n"), !s.hasPrefix(" "), !s.hasPrefix("\n"), !s.contains("\r"), !s.contains("\t") else { return false }
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        if s.hasSuffix("\n\n") { return false }
        return lines.allSatisfy { !$0.hasSuffix(" ") }
    }
}
