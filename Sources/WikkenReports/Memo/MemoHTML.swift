import WikkenCore

/// The memo as one self-contained HTML file: inline CSS and SVG, no scripts, no external fonts
/// or images, a print stylesheet for A4. Every chart has a one-sentence summary and its data table.
public enum MemoHTML {
    /// The memo as one self-contained page. `links` are shown above it on screen (not in print):
    /// the web app's way back to the dossier first, then other versions of the memo.
    public static func render(_ memo: Memo, links: [(href: String, text: String)] = []) -> String {
        let nl = memo.language == .nl
        var body = ""
        if let back = links.first {
            body += "<p class=\"terug\"><a href=\"\(HTML.escape(back.href))\">← \(HTML.escape(back.text))</a>"
                + links.dropFirst().map { " · <a href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.text))</a>" }.joined() + "</p>\n"
        }
        body += "<header>\n<p class=\"kind\">\(nl ? "Bestuursnotitie" : "Board memo")</p>\n<h1>\(HTML.escape(memo.title.drop { $0 != ":" }.dropFirst().trimmingLeadingSpace()))</h1>\n<p class=\"meta\">\(HTML.escape(memo.subtitle))</p>\n</header>\n"
        body += "<nav aria-label=\"\(nl ? "Inhoud" : "Contents")\"><h2 class=\"toc-title\">\(nl ? "Inhoud" : "Contents")</h2><ol class=\"toc\">\n"
        for s in memo.sections { body += "<li><a href=\"#\(s.id)\">\(HTML.escape(s.title.drop { $0 != " " }.dropFirst().description))</a></li>\n" }
        body += "</ol></nav>\n"
        for section in memo.sections {
            // A heading stays with what follows it on paper: the two are kept together.
            body += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-kop\">\n<div class=\"samen\"><h2 id=\"\(section.id)-kop\">\(HTML.escape(section.title))</h2>\n"
            for (k, block) in section.blocks.enumerated() { body += render(block, nl: nl) + (k == 0 ? "</div>\n" : "") }
            if section.blocks.isEmpty { body += "</div>\n" }
            body += "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(memo.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(memo.title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// Blocks as HTML to place inside another page (the dossier page shows the memo's results):
    /// every user text escaped, every chart with its summary and its data table.
    public static func fragment(_ blocks: [Memo.Block], language: Language) -> String {
        blocks.map { render($0, nl: language == .nl) }.joined()
    }

    static func render(_ block: Memo.Block, nl: Bool) -> String {
        switch block {
        case .paragraph(let p):
            return p.isEmpty ? "" : "<p>\(HTML.escape(p))</p>\n"
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
        case let .table(caption, header, rows, numeric):
            return table(caption: caption, header: header, rows: rows, numeric: numeric)
        case .chart(let c):
            return """
            <figure class="chart-figure" id="fig-\(c.id)">
            <figcaption><strong>\(HTML.escape(c.title))</strong><br>\(HTML.escape(c.summary))</figcaption>
            \(c.svg)
            <details open>
            <summary>\(nl ? "Gegevens bij deze grafiek" : "Data behind this chart")</summary>
            \(table(caption: (nl ? "Gegevens: " : "Data: ") + c.title, header: c.header, rows: c.rows, numeric: Set(1..<max(1, c.header.count))))</details>
            </figure>

            """
        case let .story(text, source, about, stance, reason, tension):
            return """
            <figure class="story\(tension ? " tension" : "")">
            <blockquote><p>\(HTML.escape(text).replacingNewlinesWithBreaks())</p></blockquote>
            <figcaption>\(source.isEmpty ? "" : "— \(HTML.escape(source))")\(about.isEmpty ? "" : "<br>\(nl ? "Over" : "About"): \(HTML.escape(about))") · <span class="stance">\(HTML.escape(stance))</span><br><span class="reason">\(HTML.escape(reason))</span></figcaption>
            </figure>

            """
        case .definitions(let pairs):
            return "<dl>\n" + pairs.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1).isEmpty ? "—" : HTML.escape($0.1))</dd>\n" }.joined() + "</dl>\n"
        }
    }

    static func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        var s = "<div class=\"table-wrap\" role=\"region\" aria-label=\"\(HTML.escape(caption))\" tabindex=\"0\">\n<table>\n<caption>\(HTML.escape(caption))</caption>\n<thead><tr>"
        for (k, h) in header.enumerated() { s += "<th scope=\"col\"\(numeric.contains(k) ? " class=\"num\"" : "")>\(HTML.escape(h))</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for row in rows {
            s += "<tr>"
            for (k, cell) in row.enumerated() {
                s += k == 0 ? "<th scope=\"row\">\(HTML.escape(cell))</th>" : "<td\(numeric.contains(k) ? " class=\"num\"" : "")>\(HTML.escape(cell))</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n</div>\n"
    }

    static let css = """
    :root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #c7c7c7; --accent: #0b5cad; --tension: #8a1c1c; --paper: #ffffff; --soft: #f3f5f8; }
    * { box-sizing: border-box; }
    html { font-size: 100%; }
    body { margin: 0; background: var(--paper); color: var(--ink); font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; line-height: 1.55; }
    main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
    header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
    .kind { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85rem; color: var(--muted); margin: 0; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.25rem 0 0.5rem; }
    h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
    .meta { color: var(--muted); margin: 0; }
    nav .toc-title { font-size: 1rem; border: 0; margin: 0 0 0.25rem; }
    .toc { columns: 2; margin: 0 0 1rem; padding-left: 1.25rem; }
    a { color: var(--accent); }
    a:focus, [tabindex]:focus, summary:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
    ul { padding-left: 1.25rem; }
    li { margin: 0.3rem 0; }
    dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.35rem 1rem; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .table-wrap { overflow-x: auto; margin: 0.75rem 0 1.25rem; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
    th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    figure { margin: 1.25rem 0; }
    .chart-figure { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; }
    .chart-figure figcaption, .chart-figure svg { break-inside: avoid; }
    .chart-figure figcaption { margin-bottom: 0.5rem; }
    svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
    details summary { cursor: pointer; color: var(--accent); margin-top: 0.5rem; }
    .story { border-left: 4px solid var(--accent); background: var(--soft); padding: 0.75rem 1rem; break-inside: avoid; }
    .story.tension { border-left-color: var(--tension); }
    .story blockquote { margin: 0 0 0.5rem; font-style: italic; }
    .story blockquote p { margin: 0; }
    .story .stance { font-weight: 600; }
    .story.tension .stance { color: var(--tension); }
    .reason { color: var(--muted); font-size: 0.9rem; }
    @media (max-width: 40rem) { .toc { columns: 1; } h1 { font-size: 1.5rem; } dl { grid-template-columns: 1fr; } }
    @page { size: A4; margin: 18mm 16mm 20mm; }
    @media print {
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      nav, .terug { display: none; }
      h2 { break-after: avoid; }
      .samen { break-inside: avoid; }
      .story, dl, tr, svg.chart { break-inside: avoid; }
      .table-wrap { overflow: visible; }
      table { font-size: 9pt; }
      th, td { padding: 0.2rem 0.35rem; }
      .chart-figure { border: 0; padding: 0; }
      details summary { display: none; }
      a { color: inherit; text-decoration: none; }
    }
    """
}

private extension Substring {
    func trimmingLeadingSpace() -> String { String(drop { $0 == " " }) }
}

private extension String {
    func replacingNewlinesWithBreaks() -> String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>") }
}
