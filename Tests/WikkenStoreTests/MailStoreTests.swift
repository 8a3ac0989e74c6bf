import Foundation
import Testing
import WikkenNetwork
import WikkenStore

/// The network's mail in the store, on both databases: every event writes its message in its own
/// unit of work, each with a personal link that works; the outbox retries with backoff.
extension StoreTests {
    /// The personal link in a message's text.
    static func token(in text: String) -> String? {
        guard let range = text.range(of: "/netwerk/deelname/") else { return nil }
        return String(text[range.upperBound...].prefix { $0.isHexDigit })
    }

    @Test("registering, an intake, admission, refusal and a move-up from the waitlist each write one mail with a link that works", arguments: backends)
    func mailsOfTheFlow(kind: String) async throws {
        let (store, edition, partner, other) = try await Self.network(kind, seats: 1)
        defer { Task { await store.close() } }
        store.configure(contact: NetworkContact(name: "Bea", email: "bea@platform31.example", baseURL: "https://wikken.example/"))
        guard case .registered(let anna, let annaToken) = try await store.register(editionID: edition.id, Self.form("Anna", partner)),
              case .registered(let ben, _) = try await store.register(editionID: edition.id, Self.form("Ben", other)) else {
            Issue.record("not registered"); return
        }
        var outbox = try await store.outbox(limit: 50)
        #expect(outbox.count == 2)
        let annaMail = try #require(outbox.first { $0.to == "anna@example.nl" })
        #expect(annaMail.kind == .aangemeld && annaMail.status == .wachtend && annaMail.text.contains("https://wikken.example/netwerk/deelname/\(annaToken)"))
        #expect(annaMail.text.contains("gratis") && annaMail.html.contains("<a href=\"https://wikken.example/netwerk/deelname/\(annaToken)\">"))
        let benMail = try #require(outbox.first { $0.to == "ben@example.nl" })
        #expect(benMail.kind == .wachtlijst && benMail.text.contains("op plaats 1") && benMail.text.contains("€ 130") && benMail.subject.contains("wachtlijst"))

        try await store.setStatus(registrationID: anna.id, to: .intakeGepland, by: "Bea", intakeOn: Day(2027, 1, 12))
        try await store.setStatus(registrationID: anna.id, to: .intakeGehouden, by: "Bea")
        try await store.setStatus(registrationID: anna.id, to: .toegelaten, by: "Bea")
        let moved = try await store.setStatus(registrationID: anna.id, to: .afgemeld, by: "Anna")
        #expect(moved?.id == ben.id)
        try await store.setStatus(registrationID: ben.id, to: .afgewezen, by: "Bea")
        outbox = try await store.outbox(limit: 50)
        let kinds = outbox.filter { $0.registrationID == anna.id }.compactMap(\.kind)
        #expect(Set(kinds) == [.aangemeld, .intakeGepland, .toegelaten] && kinds.count == 3)  // an intake held and a withdrawal write none
        #expect(outbox.contains { $0.kind == .intakeGepland && $0.subject.contains("12 januari 2027") && $0.text.contains("Bea (bea@platform31.example)") })
        #expect(Set(outbox.filter { $0.registrationID == ben.id }.compactMap(\.kind)) == [.wachtlijst, .plaatsVrij, .afgewezen])
        // Every link in every mail opens the registration it was written for; the first link still works.
        for m in outbox {
            let token = try #require(Self.token(in: m.text))
            #expect(try await store.registration(token: token)?.id == m.registrationID)
        }
        #expect(try await store.registration(token: annaToken)?.id == anna.id)
    }

    @Test("a link asked again: one mail with a fresh link per live registration for a known address, nothing for an unknown one; anonymising scrubs the mails", arguments: backends)
    func linksAgain(kind: String) async throws {
        let (store, edition, partner, _) = try await Self.network(kind)
        defer { Task { await store.close() } }
        guard case .registered(let anna, let first) = try await store.register(editionID: edition.id, Self.form("Anna", partner)) else { Issue.record("not registered"); return }
        try await store.resendLinks(email: "niemand@example.nl")
        #expect(try await store.outbox(limit: 50).count == 1)
        try await store.resendLinks(email: " Anna@Example.nl ")
        let again = try #require(try await store.outbox(limit: 50).first { $0.kind == .link })
        let token = try #require(Self.token(in: again.text))
        #expect(token != first && again.to == "anna@example.nl")
        let byNew = try await store.registration(token: token), byFirst = try await store.registration(token: first)
        #expect(byNew?.id == anna.id && byFirst?.id == anna.id)

        try await store.anonymise(participantID: anna.participantID, by: "Bea")
        #expect(try await store.registration(token: token) == nil)
        let scrubbed = try await store.outbox(limit: 50)
        #expect(scrubbed.allSatisfy { $0.text.isEmpty && $0.to.hasSuffix("@invalid") && $0.status == .mislukt })
    }

    @Test("the outbox: a message is taken once, retried with growing waits, given up after the last attempt, tried again on request", arguments: backends)
    func outboxRetries(kind: String) async throws {
        let (store, edition, partner, _) = try await Self.network(kind)
        defer { Task { await store.close() } }
        _ = try await store.register(editionID: edition.id, Self.form("Anna", partner))
        var now = Date()
        let taken = try await store.claimDueMail(now: now)
        #expect(taken.count == 1 && taken[0].attempts == 1)
        #expect(try await store.claimDueMail(now: now).isEmpty)  // taken: not taken again while its lease runs
        #expect(try await store.claimDueMail(now: now.addingTimeInterval(601)).count == 1)  // a service that stopped: taken again
        let id = taken[0].id
        try await store.markMailFailed(id: id, error: "msmtp stopte met code 75", at: now)
        var m = try #require(try await store.outboxMessage(id: id))
        #expect(m.status == .wachtend && m.lastError.contains("code 75") && m.attempts == 2)
        #expect(try await store.claimDueMail(now: now.addingTimeInterval(Store.mailBackoff(afterAttempt: 2) - 1)).isEmpty)
        for _ in 3...Store.maximumMailAttempts {
            now = now.addingTimeInterval(86_400)
            #expect(try await store.claimDueMail(now: now).count == 1)
            try await store.markMailFailed(id: id, error: "geen verbinding", at: now)
        }
        m = try #require(try await store.outboxMessage(id: id))
        #expect(m.status == .mislukt && m.attempts == Store.maximumMailAttempts)
        #expect(try await store.claimDueMail(now: now.addingTimeInterval(10 * 86_400)).isEmpty)
        try await store.retryMail(id: id)
        let retried = try await store.claimDueMail(now: Date().addingTimeInterval(1))
        #expect(retried.count == 1 && retried[0].attempts == 1)
        try await store.markMailSent(id: id)
        #expect(try await store.outboxMessage(id: id)?.status == .verzonden)
        #expect([60.0, 300, 1800, 7200, 43_200, 43_200] == (1...6).map { Store.mailBackoff(afterAttempt: $0) })
    }
}
