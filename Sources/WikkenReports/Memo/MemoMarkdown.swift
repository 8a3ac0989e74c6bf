import WikkenCore

/// The memo as Markdown (GitHub flavour): the same sections, charts as their summary and table.
public enum MemoMarkdown {
    public static func render(_ memo: Memo) -> String {
        let nl = memo.language == .nl
        var out = "# \(memo.title)\n\n_\(memo.subtitle)_\n"
        for section in memo.sections {
            out += "\n## \(section.title)\n\n"
            for block in section.blocks { out += render(block, nl: nl) }
        }
        return out
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    static func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        var s = "**\(caption)**\n\n| " + header.map(cell).joined(separator: " | ") + " |\n|"
        s += header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { s += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return s + "\n"
    }

    static func render(_ block: Memo.Block, nl: Bool) -> String {
        switch block {
        case .paragraph(let p): return p.isEmpty ? "" : p + "\n\n"
        case .list(let items): return items.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        case let .table(caption, header, rows, numeric): return table(caption: caption, header: header, rows: rows, numeric: numeric)
        case .chart(let c):
            return "**\(c.title)**\n\n\(c.summary)\n\n" + table(caption: nl ? "Gegevens" : "Data", header: c.header, rows: c.rows, numeric: Set(1..<max(1, c.header.count)))
        case let .story(text, source, about, stance, reason, tension):
            var s = text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(separator: "\n") + "\n>\n"
            s += "> — \(source.isEmpty ? "" : source)\(about.isEmpty ? "" : " · \(about)") · **\(stance)**\(tension ? (nl ? " (spanning met de cijfers)" : " (tension with the numbers)") : "")\n\n"
            return s + "_\(reason)_\n\n"
        case .definitions(let pairs):
            return pairs.map { "- **\($0.0)**: \($0.1.isEmpty ? "—" : $0.1)" }.joined(separator: "\n") + "\n\n"
        }
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

private extension Substring {
    func range(of s: String) -> Range<Substring.Index>? {
        guard !s.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(s) { return i..<index(i, offsetBy: s.count) }
            i = index(after: i)
        }
        return nil
    }
}
