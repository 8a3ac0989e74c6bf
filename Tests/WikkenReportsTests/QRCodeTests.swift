import Foundation
import Testing
import WikkenReports

/// The QR code comes from Debian's qrencode (installed by .ci/run); without it the pages show the
/// address and the code only, and this test is reported as not run.
@Suite("QR codes through qrencode")
struct QRCodeTests {
    @Test("an inline SVG the Content-Security-Policy keeps visible, labelled for screen readers; too long a text is refused",
          .enabled(if: QRCode.find() != nil, "qrencode is not installed"))
    func svg() async throws {
        let qrencode = try #require(QRCode.find())
        let svg = try #require(await QRCode.svg(for: "http://127.0.0.1:8080/live?code=ACDEFG", label: "QR-code naar \"de sessie\"", with: qrencode))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>") && svg.contains("class=\"qr\" role=\"img\" aria-label=\"QR-code naar &quot;de sessie&quot;\""))
        #expect(!svg.contains("style=") && !svg.contains("<?xml") && svg.contains("stroke=\"#000000\""))
        #expect(await QRCode.svg(for: String(repeating: "x", count: 301), label: "te lang", with: qrencode) == nil)
        #expect(await QRCode.svg(for: "x", label: "x", with: "/bin/false") == nil)
    }
}
