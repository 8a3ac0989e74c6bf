import Mustache

/// HTML escaping for the templates, byte by byte over UTF-8 (`&`, `<`, `>`, `"`, `'` as
/// swift-mustache's own HTML content type escapes them), returning the text unchanged when it
/// has none of them. swift-mustache's escaper looks every Character up in a dictionary; it was a
/// sixth of a page's time under load. Every template and partial switches to it with the pragma
/// `{{% CONTENT_TYPE: WIKKEN_HTML}}` (a partial starts again with the library's HTML type, so the
/// pragma stands in each block too). Safe byte-wise: in UTF-8 these ASCII bytes never occur
/// inside a multi-byte character.
struct EscapedHTML: MustacheContentType {
    static let name = "WIKKEN_HTML"

    /// Registers the content type; must run before templates are parsed.
    static func register() { MustacheContentTypes.register(EscapedHTML(), named: name) }

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
