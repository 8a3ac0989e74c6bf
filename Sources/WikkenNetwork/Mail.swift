/// The network's mail: what a participant is told at every step, in Dutch (B1), as plain text
/// and HTML, each with the personal link. Pure values: the store writes a message to its outbox
/// in the same unit of work as the event, and a service sends it (``MailMessage/rfc5322(from:date:messageID:)``
/// gives the bytes for `sendmail`).
public struct MailMessage: Sendable, Equatable {
    /// Why the message was written: the event it tells about.
    public enum Kind: String, Sendable, CaseIterable {
        case aangemeld, wachtlijst
        case plaatsVrij = "plaats-vrij"
        case intakeGepland = "intake-gepland"
        case toegelaten, afgewezen
        case link

        /// The words on the organiser's outbox page.
        public var label: String {
            switch self {
            case .aangemeld: return "bevestiging van aanmelding"
            case .wachtlijst: return "op de wachtlijst"
            case .plaatsVrij: return "plaats vrijgekomen"
            case .intakeGepland: return "intake gepland"
            case .toegelaten: return "toegelaten"
            case .afgewezen: return "niet toegelaten"
            case .link: return "persoonlijke link opnieuw"
            }
        }
    }

    public var kind: Kind
    public var to: String
    public var subject: String
    public var text: String
    public var html: String

    public init(kind: Kind, to: String, subject: String, text: String, html: String) {
        self.kind = kind
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// Who participants can turn to, and where the network's pages live: shown on the pages and in
/// every mail. Configured when the server starts (`wikken serve --organisator-naam … --organisator-email … --adres …`).
public struct NetworkContact: Sendable, Equatable {
    public var name: String
    /// nil while not configured: pages and mails then name no address rather than a made-up one.
    public var email: String?
    /// The web address the personal links start with, without a trailing slash.
    public var baseURL: String

    public init(name: String = "de organisator van Wikken en wegen", email: String? = nil, baseURL: String = "http://127.0.0.1:8080") {
        self.name = name
        self.email = email
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// "Bea Beheerder (bea@platform31.nl)", or the name alone.
    public var sentence: String { email.map { "\(name) (\($0))" } ?? name }
}

/// The messages of the network, one function per event.
public enum NetworkMail {
    /// A participant's personal link.
    public static func link(_ contact: NetworkContact, token: String) -> String { "\(contact.baseURL)/netwerk/deelname/\(token)" }

    /// Euro amount as people write it: "€ 130".
    static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? "€ \(cents / 100)" : "€ \(cents / 100),\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }

    /// Registered, with a seat or on the waitlist.
    public static func registered(name: String, email: String, edition: String, waitlist: Int?, feeCents: Int, link: String, contact: NetworkContact) -> MailMessage {
        var paragraphs = waitlist.map { place in
            ["Bedankt voor je aanmelding voor \(edition). Alle plaatsen zijn bezet. Je staat op de wachtlijst, op plaats \(place). Komt er een plaats vrij, dan krijg je die als eerste op de wachtlijst; je hoort het dan van ons."]
        } ?? ["Bedankt voor je aanmelding voor \(edition). Je hebt een plaats. Eerst volgt een kennismakingsgesprek (intake); de organisator spreekt een moment met je af."]
        paragraphs.append(feeCents > 0
            ? "Je organisatie is geen partner van Platform31. Na toelating betaal je eenmalig \(euros(feeCents)); je krijgt daarvoor een factuur. Daarna kun je alleen opnieuw meedoen als je organisatie partner wordt."
            : "Je organisatie is partner van Platform31: meedoen is gratis.")
        return message(.init(kind: waitlist == nil ? .aangemeld : .wachtlijst, to: email, subject: waitlist == nil ? "Je aanmelding voor \(edition)" : "Je staat op de wachtlijst voor \(edition)", text: "", html: ""),
                       name: name, paragraphs: paragraphs, link: link, contact: contact)
    }

    /// A seat came free and went to the first on the waitlist.
    public static func movedUp(name: String, email: String, edition: String, link: String, contact: NetworkContact) -> MailMessage {
        message(.init(kind: .plaatsVrij, to: email, subject: "Er is een plaats vrij voor je in \(edition)", text: "", html: ""), name: name,
                paragraphs: ["Goed nieuws: er kwam een plaats vrij in \(edition). Je stond als eerste op de wachtlijst, dus die plaats is nu voor jou. Eerst volgt een kennismakingsgesprek (intake); de organisator spreekt een moment met je af."],
                link: link, contact: contact)
    }

    public static func intakePlanned(name: String, email: String, edition: String, day: Day, link: String, contact: NetworkContact) -> MailMessage {
        message(.init(kind: .intakeGepland, to: email, subject: "Je kennismakingsgesprek voor \(edition) op \(day.dutch)", text: "", html: ""), name: name,
                paragraphs: ["Je kennismakingsgesprek (intake) voor \(edition) is gepland op \(day.dutch). De organisator neemt contact met je op over de tijd en de plek."],
                link: link, contact: contact)
    }

    public static func admitted(name: String, email: String, edition: String, feeCents: Int, paid: Bool, link: String, contact: NetworkContact) -> MailMessage {
        var paragraphs = ["Welkom bij \(edition): je bent toegelaten. Op je persoonlijke pagina staan de werksessies, een agenda voor je eigen agenda en de plek om een casus in te brengen."]
        if feeCents > 0 && !paid { paragraphs.append("Je krijgt een factuur voor de eenmalige bijdrage van \(euros(feeCents)).") }
        return message(.init(kind: .toegelaten, to: email, subject: "Welkom bij \(edition)", text: "", html: ""), name: name, paragraphs: paragraphs, link: link, contact: contact)
    }

    public static func refused(name: String, email: String, edition: String, link: String, contact: NetworkContact) -> MailMessage {
        message(.init(kind: .afgewezen, to: email, subject: "Je aanmelding voor \(edition)", text: "", html: ""), name: name,
                paragraphs: ["Na het kennismakingsgesprek kunnen we je helaas geen plaats geven in \(edition). Wil je weten waarom, of wat wel kan? Neem contact op met \(contact.sentence)."],
                link: link, contact: contact)
    }

    /// The personal links again, one per registration the address has (asked on the network page).
    public static func links(name: String, email: String, registrations: [(edition: String, link: String)], contact: NetworkContact) -> MailMessage {
        let lines = registrations.map { "\($0.edition): \($0.link)" }
        var mail = MailMessage(kind: .link, to: email, subject: "Je persoonlijke link voor Wikken en wegen", text: "", html: "")
        let intro = "Je vroeg om je persoonlijke link. Hieronder staat hij, per editie waarvoor je bent aangemeld. Bewaar deze e-mail; wie de link heeft, kan je aanmelding zien en wijzigen."
        let outro = "Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren. Vragen? Neem contact op met \(contact.sentence)."
        mail.text = (["Beste \(name),", "", intro, ""] + lines + ["", outro, "", "Met vriendelijke groet,", contact.name]).joined(separator: "\n") + "\n"
        mail.html = htmlPage([HTML.escape("Beste \(name),"), HTML.escape(intro),
                              "<ul>" + registrations.map { "<li>\(HTML.escape($0.edition)): <a href=\"\(HTML.escape($0.link))\">\(HTML.escape($0.link))</a></li>" }.joined() + "</ul>",
                              HTML.escape(outro), "Met vriendelijke groet,<br>" + HTML.escape(contact.name)])
        return mail
    }

    /// Text and HTML from the same paragraphs, with the link and who to turn to.
    static func message(_ base: MailMessage, name: String, paragraphs: [String], link: String, contact: NetworkContact) -> MailMessage {
        var mail = base
        let linkLine = "Alles over je aanmelding (afmelden, agenda, je gegevens) staat op je persoonlijke pagina. Bewaar deze link goed:"
        let help = "Link kwijt? Vraag hem opnieuw aan op \(contact.baseURL)/netwerk/link. Vragen? Neem contact op met \(contact.sentence)."
        mail.text = (["Beste \(name),", ""] + paragraphs.flatMap { [$0, ""] } + [linkLine, link, "", help, "", "Met vriendelijke groet,", contact.name])
            .joined(separator: "\n") + "\n"
        mail.html = htmlPage([HTML.escape("Beste \(name),")] + paragraphs.map(HTML.escape)
            + [HTML.escape(linkLine) + "<br><a href=\"\(HTML.escape(link))\">\(HTML.escape(link))</a>", HTML.escape(help),
               "Met vriendelijke groet,<br>" + HTML.escape(contact.name)])
        return mail
    }

    static func htmlPage(_ paragraphs: [String]) -> String {
        "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Wikken en wegen</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n"
            + paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n") + "\n</body></html>\n"
    }
}

/// Escaping for the mails' HTML (the web app has its own for pages).
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension MailMessage {
    /// Whether an address can go into a `To:` header as it is: one address, no spaces, no line
    /// breaks, no angle brackets or commas (which would add recipients), an `@` with text on both
    /// sides and at most 254 bytes.
    public static func isSafeAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return address.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !address.unicodeScalars.contains { $0.value < 33 || $0.value == 127 || "<>,;:\"()[]\\".unicodeScalars.contains($0) }
    }

    /// The message as RFC 5322 text with MIME (multipart/alternative: text, then HTML, both
    /// UTF-8 in base64), lines ending in CRLF, for `sendmail -t`. The subject is RFC 2047
    /// encoded; nothing a participant typed can add a header (line breaks are removed, and an
    /// unsafe address is refused by the caller before this).
    public func rfc5322(from: String, date: String, messageID: String) -> String {
        let boundary = "=_wikken_" + String(messageID.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.prefix(24).map(Character.init))
        // By scalar: "\r\n" is one Character, which a Character filter would let through.
        func header(_ s: String) -> String { String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 })) }
        func encodedWord(_ s: String) -> String {
            let clean = header(s)
            if clean.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) && clean.count < 70 { return clean }
            // Encoded words of at most 75 characters, split between characters (never inside one).
            var words: [String] = [], chunk = ""
            for c in clean {
                if Base64.encode(Array((chunk + String(c)).utf8)).count > 45 { words.append(chunk); chunk = "" }
                chunk.append(c)
            }
            if !chunk.isEmpty { words.append(chunk) }
            return words.map { "=?UTF-8?B?\(Base64.encode(Array($0.utf8)))?=" }.joined(separator: "\r\n ")
        }
        func body(_ s: String) -> String {
            let encoded = Base64.encode(Array(s.utf8))
            var lines: [Substring] = []
            var index = encoded.startIndex
            while index < encoded.endIndex {
                let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(encoded[index..<end])
                index = end
            }
            return lines.joined(separator: "\r\n")
        }
        return [
            "From: \(encodedWord("Wikken en wegen")) <\(header(from))>",
            "To: \(header(to))",
            "Subject: \(encodedWord(subject))",
            "Date: \(header(date))",
            "Message-ID: <\(header(messageID))>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body(text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body(html),
            "--\(boundary)--",
            "",
        ].joined(separator: "\r\n")
    }
}

/// Base64 (RFC 4648) without Foundation, so the network module stays free of it.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
