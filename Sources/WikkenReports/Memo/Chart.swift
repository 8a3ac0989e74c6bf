import WikkenCore

/// A chart for the memo: an inline SVG with a one-sentence summary and its data as a table, so
/// every chart can be read without seeing it (WCAG 1.1.1) and in the Markdown memo.
public struct Chart: Sendable {
    public var id: String
    public var title: String
    /// One sentence saying what the chart shows.
    public var summary: String
    public var svg: String
    public var header: [String]
    public var rows: [[String]]

    public init(id: String, title: String, summary: String, svg: String, header: [String], rows: [[String]]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.svg = svg
        self.header = header
        self.rows = rows
    }
}

/// Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinguishable for the common
/// forms of colour blindness; segments are also separated by white lines and named in the table.
enum Palette {
    static let colours = ["#0B5CAD", "#B3470A", "#0E7A55", "#8A3B8F", "#7A6300", "#4D4D4D", "#B0124B", "#1F6F7A"]
    static func colour(_ k: Int) -> String { colours[k % colours.count] }
}

enum SVG {
    static func escape(_ s: String) -> String { HTML.escape(s) }

    static func open(id: String, width: Int, height: Int, title: String, summary: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-labelledby="\(id)-title \(id)-desc" class="chart">
        <title id="\(id)-title">\(escape(title))</title>
        <desc id="\(id)-desc">\(escape(summary))</desc>

        """
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Int = 12, weight: String = "normal") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"#1a1a1a\">\(escape(s))</text>\n"
    }

    static func f(_ x: Double) -> String { NumberText.compact(x, decimals: 1, language: .en) }

    /// Horizontal stacked bars: one row per label, one segment per series (values ≥ 0).
    static func stackedBars(id: String, title: String, summary: String, labels: [String], series: [String], values: [[Double]], maximum: Double, unit: String) -> String {
        let labelWidth = 230.0, barWidth = 420.0, rowHeight = 30.0, top = 40.0
        let height = Int(top + Double(labels.count) * rowHeight + 30 + Double((series.count + 2) / 3) * 18)
        var s = open(id: id, width: 700, height: height, title: title, summary: summary)
        // Legend
        for (k, name) in series.enumerated() {
            let x = Double(k % 3) * 230, y = 12 + Double(k / 3) * 16
            s += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"12\" height=\"12\" fill=\"\(Palette.colour(k))\"/>\n"
            s += text(x + 18, y + 10, clip(name, 32), size: 11)
        }
        let legendRows = Double((series.count + 2) / 3)
        let y0 = top + (legendRows - 1) * 16
        for (r, label) in labels.enumerated() {
            let y = y0 + Double(r) * rowHeight
            s += text(labelWidth - 8, y + 18, clip(label, 30), anchor: "end")
            var x = labelWidth
            var total = 0.0
            for (k, v) in values[r].enumerated() where v > 0 {
                let w = barWidth * v / max(maximum, 1e-9)
                s += "<rect x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"20\" fill=\"\(Palette.colour(k))\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n"
                x += w
                total += v
            }
            s += text(x + 6, y + 18, NumberText.compact(total, decimals: 1, language: .nl) + unit, size: 11)
        }
        return s + "</svg>"
    }

    /// A dot plot: one row per label, one dot per series on a 0–100 axis.
    static func dots(id: String, title: String, summary: String, labels: [String], series: [String], values: [[Double]]) -> String {
        let labelWidth = 230.0, axis = 420.0, rowHeight = 28.0
        let legendRows = Double((series.count + 2) / 3)
        let top = 20 + legendRows * 16
        let height = Int(top + Double(labels.count) * rowHeight + 40)
        var s = open(id: id, width: 700, height: height, title: title, summary: summary)
        let shapes = ["circle", "square", "diamond"]
        func marker(_ k: Int, _ x: Double, _ y: Double) -> String {
            let c = Palette.colour(k)
            switch shapes[k % shapes.count] {
            case "square": return "<rect x=\"\(f(x - 5))\" y=\"\(f(y - 5))\" width=\"10\" height=\"10\" fill=\"\(c)\"/>\n"
            case "diamond": return "<path d=\"M\(f(x)) \(f(y - 6)) L\(f(x + 6)) \(f(y)) L\(f(x)) \(f(y + 6)) L\(f(x - 6)) \(f(y)) Z\" fill=\"\(c)\"/>\n"
            default: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5.5\" fill=\"\(c)\"/>\n"
            }
        }
        for (k, name) in series.enumerated() {
            let x = Double(k % 3) * 230, y = 12 + Double(k / 3) * 16
            s += marker(k, x + 6, y + 6)
            s += text(x + 18, y + 10, clip(name, 32), size: 11)
        }
        for (r, label) in labels.enumerated() {
            let y = top + Double(r) * rowHeight + 14
            s += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(y))\" x2=\"\(f(labelWidth + axis))\" y2=\"\(f(y))\" stroke=\"#d9d9d9\"/>\n"
            s += text(labelWidth - 8, y + 4, clip(label, 30), anchor: "end")
            for (k, v) in values[r].enumerated() { s += marker(k, labelWidth + axis * min(100, max(0, v)) / 100, y) }
        }
        let axisY = top + Double(labels.count) * rowHeight + 8
        for t in stride(from: 0.0, through: 100.0, by: 25.0) {
            s += text(labelWidth + axis * t / 100, axisY + 12, NumberText.compact(t, decimals: 0, language: .nl), anchor: "middle", size: 11)
        }
        return s + "</svg>"
    }

    /// Lines over x from 0 to 1 (a share), one per series, with a marker at `current`.
    static func lines(id: String, title: String, summary: String, series: [String], points: [[Double]], xLabel: String, current: Double) -> String {
        let left = 50.0, width = 420.0, top = 20.0, height = 220.0
        let all = points.flatMap { $0 }
        let lo = (all.min() ?? 0), hi = (all.max() ?? 100)
        let yMin = max(0, (lo - 5).rounded(.down)), yMax = min(100, (hi + 5).rounded(.up))
        func px(_ x: Double) -> Double { left + width * x }
        func py(_ v: Double) -> Double { top + height * (1 - (v - yMin) / max(yMax - yMin, 1e-9)) }
        var s = open(id: id, width: 700, height: Int(top + height + 60), title: title, summary: summary)
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + height))\" x2=\"\(f(left + width))\" y2=\"\(f(top + height))\" stroke=\"#4d4d4d\"/>\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + height))\" stroke=\"#4d4d4d\"/>\n"
        for t in stride(from: 0.0, through: 1.0, by: 0.25) {
            s += text(px(t), top + height + 16, NumberText.compact(t * 100, decimals: 0, language: .nl) + "%", anchor: "middle", size: 11)
        }
        for v in [yMin, (yMin + yMax) / 2, yMax] {
            s += text(left - 6, py(v) + 4, NumberText.compact(v, decimals: 0, language: .nl), anchor: "end", size: 11)
        }
        s += text(left + width / 2, top + height + 34, xLabel, anchor: "middle", size: 11)
        s += "<line x1=\"\(f(px(current)))\" y1=\"\(f(top))\" x2=\"\(f(px(current)))\" y2=\"\(f(top + height))\" stroke=\"#1a1a1a\" stroke-dasharray=\"4 3\"/>\n"
        for (k, name) in series.enumerated() {
            let path = points[k].enumerated().map { i, v in "\(i == 0 ? "M" : "L")\(f(px(Double(i) / Double(points[k].count - 1)))) \(f(py(v)))" }.joined(separator: " ")
            s += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(Palette.colour(k))\" stroke-width=\"2.5\"/>\n"
            let y = top + 10 + Double(k) * 16
            s += "<rect x=\"\(f(left + width + 20))\" y=\"\(f(y - 9))\" width=\"12\" height=\"4\" fill=\"\(Palette.colour(k))\"/>\n"
            s += text(left + width + 38, y - 4, clip(name, 26), size: 11)
        }
        return s + "</svg>"
    }
}

/// Escaping for HTML text and attributes: stories and names are user text.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
