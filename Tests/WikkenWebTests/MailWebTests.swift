import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WikkenNetwork
import WikkenStore
@testable import WikkenWeb

/// The network's mail in the web app: the sending service through a real `sendmail`-style
/// process, the link asked again (one answer for known and unknown addresses, limited), the
/// organiser's outbox. (CI also sends through msmtp to an SMTP sink: `scripts/check-web.py`.)
@Suite("The network's mail in the web app")
struct MailWebTests {
    /// A `sendmail` stand-in: a script that keeps what it reads (or fails with `status`).
    static func script(status: Int32 = 0) throws -> (command: [String], folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sendmail.sh")
        let body = status == 0 ? "cat > \"\(folder.path)/bericht-$$.eml\"\n" : "cat > /dev/null\necho 'relay weigert: 451 probeer later' >&2\nexit \(status)\n"
        try ("#!/bin/sh\n" + body).write(to: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        return ([path.path, "-t"], folder)
    }

    @Test("the sending service hands each due message to sendmail once and marks it sent; a refusal waits with the reason", arguments: Backend.all)
    func sender(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { _, store in
            let edition = try #require(try await store.editions().first)
            _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Ada", email: "ada@example.nl", function: "strateeg", organisationID: nil, organisationName: "Bureau Ada"))
            let (command, folder) = try Self.script()
            defer { try? FileManager.default.removeItem(at: folder) }
            let sender = MailSender(store: store, configuration: MailConfiguration(command: command, from: "netwerk@platform31.example"), logger: Logger(label: "test"))
            let waiting = try await store.outbox(limit: 50).filter { $0.status == .wachtend }.count
            #expect(waiting >= 1)
            #expect(try await sender.sendDue() == waiting)
            #expect(try await sender.sendDue() == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            #expect(files.count == waiting)
            let sent = try await store.outbox(limit: 50)
            #expect(sent.allSatisfy { $0.status == .verzonden && $0.sentAt != nil })
            let texts = try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
            #expect(texts.contains { $0.contains("To: ada@example.nl\r\n") && $0.contains("From: Wikken en wegen <netwerk@platform31.example>") })

            _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Ben", email: "ben@example.nl", function: "strateeg", organisationID: nil, organisationName: "Bureau Ben"))
            let (failing, other) = try Self.script(status: 75)
            defer { try? FileManager.default.removeItem(at: other) }
            let refused = MailSender(store: store, configuration: MailConfiguration(command: failing, from: "netwerk@platform31.example"), logger: Logger(label: "test"))
            #expect(try await refused.sendDue() == 0)
            let ben = try #require(try await store.outbox(limit: 50).first { $0.to == "ben@example.nl" })
            #expect(ben.status == .wachtend && ben.attempts == 1 && ben.lastError.contains("code 75") && ben.lastError.contains("451 probeer later"))
            let missing = MailSender(store: store, configuration: MailConfiguration(command: ["/bestaat/niet"], from: "n@p.example"), logger: Logger(label: "test"))
            #expect(try await missing.sendDue(now: Date().addingTimeInterval(3600)) == 0)
            #expect(try await store.outboxMessage(id: ben.id)?.attempts == 2)
        }
    }

    @Test("link lost: the same answer for a known and an unknown address, a mail only for the known one, limited per address")
    func linkAgain() async throws {
        try await WebSupport.withApp(.sqlite) { client, store in
            let edition = try #require(try await store.editions().first)
            _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Ada", email: "ada@example.nl", function: "strateeg", organisationID: nil, organisationName: "Bureau Ada"))
            let before = try await store.outbox(limit: 50).count
            func ask(_ email: String, from address: String) async throws -> (HTTPResponse.Status, String) {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                headers[WikkenContext.forwardedFor!] = address
                let r = try await client.execute(uri: "/netwerk/link", method: .post, headers: headers,
                                                 body: ByteBuffer(string: "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"))
                return (r.status, String(buffer: r.body))
            }
            let (knownStatus, known) = try await ask("ada@example.nl", from: "10.0.0.1")
            let (unknownStatus, unknown) = try await ask("niemand@example.nl", from: "10.0.0.2")
            #expect(knownStatus == .ok && unknownStatus == .ok)
            func notice(_ page: String) -> String? { page.components(separatedBy: "class=\"melding\"").dropFirst().first?.components(separatedBy: "</p>").first }
            #expect(notice(known) != nil && notice(known) == notice(unknown))
            #expect(try await store.outbox(limit: 50).count == before + 1)
            // Three per e-mail address per hour, then a wait (429), whoever asks.
            _ = try await ask("ada@example.nl", from: "10.0.0.3")
            _ = try await ask("ada@example.nl", from: "10.0.0.4")
            let (limited, page) = try await ask("ada@example.nl", from: "10.0.0.5")
            #expect(limited == .tooManyRequests && page.contains("Probeer het over"))
            #expect(try await store.outbox(limit: 50).count == before + 3)
            let form = try await client.execute(uri: "/netwerk/link", method: .get)
            #expect(form.status == .ok && String(buffer: form.body).contains("Stuur mijn link opnieuw"))
        }
    }

    @Test("the organiser's outbox lists every message, shows one with its text, and tries a failed one again; others may not see it")
    func outboxPage() async throws {
        try await WebSupport.withApp(.sqlite) { client, store in
            let edition = try #require(try await store.editions().first)
            _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Ada", email: "ada@example.nl", function: "strateeg", organisationID: nil, organisationName: "Bureau Ada"))
            let message = try #require(try await store.outbox(limit: 50).first { $0.to == "ada@example.nl" })
            let organiser = try await WebTests.signIn(client, "beheerder@demo.wikken.nl")
            let list = try await client.execute(uri: "/beheer/netwerk/post", method: .get, headers: [.cookie: organiser])
            let listText = String(buffer: list.body)
            #expect(list.status == .ok && listText.contains("ada@example.nl") && listText.contains("geen mailserver ingesteld"))
            let one = String(buffer: try await client.execute(uri: "/beheer/netwerk/post/\(message.id)", method: .get, headers: [.cookie: organiser]).body)
            #expect(one.contains("/netwerk/deelname/") && one.contains("Beste Ada,"))
            let strateeg = try await WebTests.signIn(client, "strateeg@demo.wikken.nl")
            #expect(try await client.execute(uri: "/beheer/netwerk/post", method: .get, headers: [.cookie: strateeg]).status == .forbidden)
        }
    }
}
