import Foundation
import Testing
import WikkenNetwork

@Suite("The network's mail")
struct MailTests {
    static let contact = NetworkContact(name: "Bea Beheerder", email: "bea@platform31.example", baseURL: "https://wikken.example")

    /// The body parts of a MIME message, decoded.
    static func parts(_ message: String) -> [String] {
        message.components(separatedBy: "\r\n\r\n").dropFirst(2).compactMap { chunk -> String? in
            let base64 = chunk.components(separatedBy: "\r\n--").first?.replacingOccurrences(of: "\r\n", with: "") ?? ""
            return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    @Test("as RFC 5322: an encoded subject, text and HTML in base64 that decode to the message, CRLF line ends of at most 78 characters")
    func rfc5322() throws {
        let mail = NetworkMail.registered(name: "Zoë", email: "zoe@example.nl", edition: "5e editie — Wikken en wegen, met een heel lange naam die doorloopt",
                                          waitlist: nil, feeCents: 13_000, link: "https://wikken.example/netwerk/deelname/abc", contact: Self.contact)
        let text = mail.rfc5322(from: "netwerk@platform31.example", date: "Thu, 03 Dec 2026 21:56:44 +0000", messageID: "123@platform31.example")
        #expect(text.hasPrefix("From: Wikken en wegen <netwerk@platform31.example>\r\nTo: zoe@example.nl\r\nSubject: =?UTF-8?B?"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let subjectWords = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        let decoded = subjectWords.map { line in
            line.components(separatedBy: "=?UTF-8?B?").dropFirst().map { String(decoding: Data(base64Encoded: String($0.prefix { $0 != "?" }))!, as: UTF8.self) }.joined()
        }.joined()
        #expect(decoded == mail.subject)
        let bodies = Self.parts(text)
        #expect(bodies.count == 2 && bodies[0] == mail.text && bodies[1] == mail.html)
        #expect(mail.text.contains("Beste Zoë,") && mail.text.contains("€ 130") && mail.text.contains("https://wikken.example/netwerk/link"))
    }

    @Test("nothing typed can add a header or a recipient; HTML in names is escaped")
    func injection() {
        #expect(MailMessage.isSafeAddress("ada@example.nl"))
        for bad in ["ada@example.nl\r\nBcc: x@evil.example", "a@b.nl, c@d.nl", "Ada <ada@example.nl>", "ada@localhost", "@example.nl", "ada example@x.nl", ""] {
            #expect(!MailMessage.isSafeAddress(bad), "\(bad)")
        }
        var mail = NetworkMail.refused(name: "<b>Ada</b>", email: "ada@example.nl", edition: "Editie\r\nBcc: x@evil.example", link: "https://w.example/x", contact: Self.contact)
        mail.to = "ada@example.nl\r\nBcc: x@evil.example"
        let text = mail.rfc5322(from: "n@p.example", date: "d", messageID: "1@p")
        #expect(!text.contains("\r\nBcc:"))
        #expect(mail.html.contains("&lt;b&gt;Ada&lt;/b&gt;") && !mail.html.contains("<b>Ada"), "\(mail.html)")
    }

    @Test("every message names who to turn to; without a configured address only the name")
    func contact() {
        let none = NetworkContact(name: "de organisator van Wikken en wegen")
        #expect(NetworkMail.movedUp(name: "Ada", email: "a@b.nl", edition: "E", link: "l", contact: none).text.contains("Neem contact op met de organisator van Wikken en wegen."))
        #expect(NetworkMail.links(name: "Ada", email: "a@b.nl", registrations: [("E", "l1"), ("F", "l2")], contact: Self.contact).text.contains("E: l1\nF: l2"))
        #expect(NetworkContact(baseURL: "https://x.example/").baseURL == "https://x.example")
    }
}
