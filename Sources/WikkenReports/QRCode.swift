import Foundation

/// A QR code as inline SVG, drawn by Debian's `qrencode` when it is installed (optional, like
/// Chromium for PDF: without it the pages show the code and the address only). Wikken does not
/// encode QR codes itself.
public enum QRCode {
    /// The path of `qrencode` (`WIKKEN_QRENCODE`, or on the PATH), or nil.
    public static func find() -> String? { ExternalTool.find(["qrencode"], override: "WIKKEN_QRENCODE") }

    /// The SVG of a QR code for `text` (at most 300 characters), labelled for screen readers with
    /// `label`; nil without `qrencode`, when it fails or takes longer than two seconds. The text is
    /// passed as one argument (no shell). The drawing uses attributes, not inline styles, so the
    /// pages' Content-Security-Policy keeps it visible.
    public static func svg(for text: String, label: String, with qrencode: String) async -> String? {
        guard !text.isEmpty, text.count <= 300 else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-qr-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let status = await ExternalTool.run(qrencode, ["-t", "SVG", "--inline", "--svg-path", "-m", "2", "-o", file.path, "--", text], timeout: .seconds(2))
        guard status == 0, let drawn = try? String(contentsOf: file, encoding: .utf8), let start = drawn.range(of: "<svg") else { return nil }
        var svg = String(drawn[start.lowerBound...])
        svg = svg.replacingOccurrences(of: "style=\"stroke:#000000\"", with: "stroke=\"#000000\"")
        // The size comes from the style sheet (.qr); the label from the page.
        if let size = svg.range(of: #"width="[0-9.]+cm" height="[0-9.]+cm""#, options: .regularExpression) {
            let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
            svg.replaceSubrange(size, with: "class=\"qr\" role=\"img\" aria-label=\"\(escaped)\"")
        }
        guard !svg.contains("style=") else { return nil }
        return svg.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
