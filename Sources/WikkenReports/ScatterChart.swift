import WikkenCore

/// A scatter plot of areas on two axes, with threshold lines and a marker per group (shape and
/// colour, so colour is never the only cue), as inline SVG with a title and a summary for
/// screen readers. Used for the veerkracht view (concentration × nuisance).
public enum ScatterChart {
    public struct Point: Sendable {
        public var x: Double, y: Double, label: String, group: Int
        public init(x: Double, y: Double, label: String, group: Int) {
            self.x = x
            self.y = y
            self.label = label
            self.group = group
        }
    }

    public static func svg(id: String, title: String, summary: String, points: [Point], groups: [String], xLabel: String, yLabel: String,
                           xThreshold: Double?, yThreshold: Double?) -> String {
        let width = 700.0, height = 460.0, left = 60.0, right = 20.0, top = 20.0 + Double((groups.count + 2) / 3) * 18, bottom = 50.0
        let xs = points.map(\.x) + [xThreshold].compactMap { $0 }, ys = points.map(\.y) + [yThreshold].compactMap { $0 }
        func range(_ v: [Double]) -> (Double, Double) {
            guard let lo = v.min(), let hi = v.max() else { return (0, 1) }
            let pad = max((hi - lo) * 0.05, 0.01)
            return (lo - pad, hi + pad)
        }
        let (x0, x1) = range(xs), (y0, y1) = range(ys)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        var s = SVG.open(id: id, width: Int(width), height: Int(height), title: title, summary: summary)
        for (k, name) in groups.enumerated() {
            let x = Double(k % 3) * 230, y = 6 + Double(k / 3) * 18
            s += marker(k, x + 6, y + 6)
            s += SVG.text(x + 16, y + 10, name, size: 11)
        }
        // Axes and ticks.
        s += "<line x1=\"\(SVG.f(left))\" y1=\"\(SVG.f(height - bottom))\" x2=\"\(SVG.f(width - right))\" y2=\"\(SVG.f(height - bottom))\" stroke=\"#4d4d4d\"/>\n"
        s += "<line x1=\"\(SVG.f(left))\" y1=\"\(SVG.f(top))\" x2=\"\(SVG.f(left))\" y2=\"\(SVG.f(height - bottom))\" stroke=\"#4d4d4d\"/>\n"
        for t in ticks(x0, x1) { s += SVG.text(px(t), height - bottom + 16, NumberText.compact(t, decimals: 1, language: .nl), anchor: "middle", size: 11) }
        for t in ticks(y0, y1) { s += SVG.text(left - 6, py(t) + 4, NumberText.compact(t, decimals: 2, language: .nl), anchor: "end", size: 11) }
        s += SVG.text((left + width - right) / 2, height - 12, xLabel, anchor: "middle", size: 12, weight: "bold")
        s += "<text x=\"14\" y=\"\(SVG.f((top + height - bottom) / 2))\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\" fill=\"#1a1a1a\" transform=\"rotate(-90 14 \(SVG.f((top + height - bottom) / 2)))\">\(SVG.escape(yLabel))</text>\n"
        if let xThreshold {
            s += "<line x1=\"\(SVG.f(px(xThreshold)))\" y1=\"\(SVG.f(top))\" x2=\"\(SVG.f(px(xThreshold)))\" y2=\"\(SVG.f(height - bottom))\" stroke=\"#767676\" stroke-dasharray=\"4 3\"/>\n"
        }
        if let yThreshold {
            s += "<line x1=\"\(SVG.f(left))\" y1=\"\(SVG.f(py(yThreshold)))\" x2=\"\(SVG.f(width - right))\" y2=\"\(SVG.f(py(yThreshold)))\" stroke=\"#767676\" stroke-dasharray=\"4 3\"/>\n"
        }
        for p in points {
            s += "<g><title>\(SVG.escape(p.label))</title>" + marker(p.group, px(p.x), py(p.y)) + "</g>\n"
        }
        return s + "</svg>"
    }

    static func marker(_ k: Int, _ x: Double, _ y: Double) -> String {
        let c = Palette.colour(k)
        switch k % 4 {
        case 0: return "<rect x=\"\(SVG.f(x - 4.5))\" y=\"\(SVG.f(y - 4.5))\" width=\"9\" height=\"9\" fill=\"\(c)\"/>"
        case 1: return "<polygon points=\"\(SVG.f(x)),\(SVG.f(y - 5.5)) \(SVG.f(x + 5.5)),\(SVG.f(y)) \(SVG.f(x)),\(SVG.f(y + 5.5)) \(SVG.f(x - 5.5)),\(SVG.f(y))\" fill=\"\(c)\"/>"
        case 2: return "<polygon points=\"\(SVG.f(x)),\(SVG.f(y - 5.5)) \(SVG.f(x + 5)),\(SVG.f(y + 4.5)) \(SVG.f(x - 5)),\(SVG.f(y + 4.5))\" fill=\"\(c)\"/>"
        default: return "<circle cx=\"\(SVG.f(x))\" cy=\"\(SVG.f(y))\" r=\"4.5\" fill=\"\(c)\"/>"
        }
    }

    /// About five round tick values inside the range.
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = hi - lo
        guard span > 0 else { return [lo] }
        let raw = span / 5
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        var t = (lo / step).rounded(.up) * step
        var result: [Double] = []
        while t <= hi + 1e-12 { result.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return result
    }
}
