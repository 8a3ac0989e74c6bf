import Foundation
import Testing
import WikkenCore
import WikkenStore
import _WikkenTestSupport

/// The same store tests on SQLite (always) and PostgreSQL (when WIKKEN_TEST_POSTGRES_URL names a
/// database; `.ci/run` installs and starts PostgreSQL and sets it). Serialized: the PostgreSQL
/// cases share one database, which each test empties first.
@Suite("The store, on SQLite and PostgreSQL", .serialized)
struct StoreTests {
    static var backends: [String] {
        var list = ["sqlite"]
        if ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"] != nil { list.append("postgresql") }
        return list
    }

    /// A fresh, migrated store of the given kind.
    static func store(_ kind: String) async throws -> Store {
        if kind == "sqlite" {
            let store = try await Store.open(databaseURL: nil, sqlitePath: nil)
            try await store.migrate()
            return store
        }
        let url = ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"]!
        let store = try await Store.open(databaseURL: url, sqlitePath: nil)
        try await store.resetForTests()
        try await store.migrate()
        return store
    }

    struct World {
        var store: Store
        var a: Organisation, b: Organisation
        var alice: User, bob: User
    }

    static func world(_ kind: String) async throws -> World {
        let store = try await store(kind)
        let a = try await store.createOrganisation(name: "Vechtstroom")
        let b = try await store.createOrganisation(name: "Gemeente")
        let alice = try await store.createUser(organisationID: a.id, email: "Alice@example.nl", name: "Alice", role: .strateeg, passwordHash: "x")
        let bob = try await store.createUser(organisationID: b.id, email: "bob@example.nl", name: "Bob", role: .partner, passwordHash: "y")
        return World(store: store, a: a, b: b, alice: alice, bob: bob)
    }

    @Test("migrations apply once", arguments: backends)
    func migrations(kind: String) async throws {
        let store = try await Self.store(kind)
        defer { Task { await store.close() } }
        #expect(try await store.migrate() == [])
        #expect(try await store.isEmpty())
    }

    @Test("users: e-mail addresses are unique, case-insensitively", arguments: backends)
    func users(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        #expect(try await w.store.user(email: "alice@EXAMPLE.nl")?.id == w.alice.id)
        await #expect(throws: StoreError.duplicate("alice@example.nl")) {
            try await w.store.createUser(organisationID: w.b.id, email: "ALICE@example.nl", name: "Twee", role: .lezer, passwordHash: "z")
        }
    }

    @Test("every change is a revision; a stale save is a conflict that overwrites nothing", arguments: backends)
    func revisions(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        var dossier = HandComputed.dossier
        let first = try await w.store.createDossier(dossier, organisationID: w.a.id, author: w.alice, summary: "Eerste versie")
        #expect(first.revision == 1)
        let id = first.record.id
        #expect(try await w.store.dossier(id: id, viewer: w.alice).dossier == dossier)

        dossier.weightSets[0].weights["b"] = 3
        let second = try await w.store.save(dossier, at: id, basedOn: 1, viewer: w.alice, summary: "Gewicht B naar 3")
        #expect(second.revision == 2)

        var stale = HandComputed.dossier
        stale.title = "Van een oude versie"
        await #expect(throws: StoreError.conflict(basedOn: 1, current: 2)) {
            try await w.store.save(stale, at: id, basedOn: 1, viewer: w.alice, summary: "te laat")
        }
        #expect(try await w.store.dossier(id: id, viewer: w.alice).dossier == dossier)

        let restored = try await w.store.restore(dossierID: id, revision: 1, basedOn: 2, viewer: w.alice)
        #expect(restored.revision == 3)
        #expect(restored.dossier == HandComputed.dossier)
        let history = try await w.store.revisions(dossierID: id, viewer: w.alice)
        #expect(history.map(\.number) == [3, 2, 1])
        #expect(history.map(\.restoredFrom) == [1, nil, nil])
        #expect(history.map(\.authorName) == ["Alice", "Alice", "Alice"])
        #expect(history[1].summary == "Gewicht B naar 3")
        #expect(try await w.store.dossier(id: id, revision: 2, viewer: w.alice).dossier == dossier)
    }

    @Test("two saves racing from the same revision: exactly one wins", arguments: backends)
    func race(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        let outcomes = await withTaskGroup(of: String.self) { group in
            for k in 0..<6 {
                group.addTask {
                    var d = HandComputed.dossier
                    d.title = "Poging \(k)"
                    do {
                        _ = try await w.store.save(d, at: id, basedOn: 1, viewer: w.alice, summary: "poging \(k)")
                        return "won"
                    } catch StoreError.conflict {
                        return "conflict"
                    } catch {
                        return "error: \(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        // The losers lose by a conflict, never by the database tripping over concurrent transactions.
        #expect(outcomes.sorted() == ["conflict", "conflict", "conflict", "conflict", "conflict", "won"])
        #expect(try await w.store.revisions(dossierID: id, viewer: w.alice).count == 2)
    }

    @Test("many requests at once: every read and every save succeeds, in one piece", arguments: backends)
    func concurrentWork(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        let (token, _) = try await w.store.createSession(for: w.alice)
        let failures = await withTaskGroup(of: String?.self) { group in
            for k in 0..<40 {
                group.addTask {
                    do {
                        if k % 10 == 0 {
                            let current = try await w.store.dossier(id: id, viewer: w.alice)
                            // Saves from the revision just read may still conflict with each other; that is fine.
                            do { _ = try await w.store.save(current.dossier, at: id, basedOn: current.revision, viewer: w.alice, summary: "k\(k)") } catch StoreError.conflict {}
                        } else if k % 2 == 0 {
                            guard try await w.store.session(token: token) != nil else { return "no session" }
                        } else {
                            _ = try await w.store.dossier(id: id, viewer: w.alice)
                        }
                        return nil
                    } catch {
                        return "\(k): \(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { if let f = $1 { $0.append(f) } }
        }
        #expect(failures.isEmpty)
    }

    @Test("another organisation sees nothing until the dossier is shared explicitly", arguments: backends)
    func isolation(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        #expect(try await w.store.dossiers(viewer: w.bob).isEmpty)
        await #expect(throws: StoreError.notFound) { try await w.store.dossier(id: id, viewer: w.bob) }
        await #expect(throws: StoreError.notFound) { try await w.store.dossierWithOrganisations(id: id, viewer: w.bob) }
        await #expect(throws: StoreError.notFound) { try await w.store.dossierWithOrganisations(id: "bestaat-niet", viewer: w.alice) }
        await #expect(throws: StoreError.notFound) { try await w.store.revisions(dossierID: id, viewer: w.bob) }
        await #expect(throws: StoreError.notFound) { try await w.store.save(HandComputed.dossier, at: id, basedOn: 1, viewer: w.bob, summary: "x") }
        await #expect(throws: StoreError.notFound) { try await w.store.restore(dossierID: id, revision: 1, basedOn: 1, viewer: w.bob) }
        await #expect(throws: StoreError.notFound) { try await w.store.share(dossierID: id, with: w.b.id, viewer: w.bob) }

        try await w.store.share(dossierID: id, with: w.b.id, viewer: w.alice)
        let visible = try await w.store.dossiers(viewer: w.bob)
        #expect(visible.map(\.id) == [id])
        #expect(visible[0].sharedWith == [w.b.id])
        #expect(try await w.store.dossier(id: id, viewer: w.bob).revision == 1)
        // The page's one-statement read: the same record and the same organisations as the two reads apart.
        let (page, organisations) = try await w.store.dossierWithOrganisations(id: id, viewer: w.bob)
        #expect(page.record == visible[0] && page.revision == 1 && page.dossier == HandComputed.dossier)
        #expect(organisations == (try await w.store.read { try await $0.organisations() }))
        #expect(organisations.count == 2)
        // A partner may change a shared dossier, but cannot share it further.
        var changed = HandComputed.dossier
        changed.title = "Aangepast door de gemeente"
        #expect(try await w.store.save(changed, at: id, basedOn: 1, viewer: w.bob, summary: "titel").revision == 2)
        let c = try await w.store.createOrganisation(name: "Derde")
        await #expect(throws: StoreError.notFound) { try await w.store.share(dossierID: id, with: c.id, viewer: w.bob) }
    }

    @Test("sessions: found by token, not by anything else, and gone after sign-out", arguments: backends)
    func sessions(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let (token, session) = try await w.store.createSession(for: w.alice)
        #expect(token.count == 64 && session.csrf.count == 64 && token != session.csrf)
        #expect(try await w.store.session(token: token) == session)
        #expect(try await w.store.session(token: session.csrf) == nil)
        try await w.store.endSession(token: token)
        #expect(try await w.store.session(token: token) == nil)
        let expired = try await w.store.createSession(for: w.bob, hours: -1)
        #expect(try await w.store.session(token: expired.token) == nil)
    }

    @Test("a password reset replaces the hash and ends every session of that user only", arguments: backends)
    func passwordReset(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let (a1, _) = try await w.store.createSession(for: w.alice)
        let (a2, _) = try await w.store.createSession(for: w.alice)
        let (b1, _) = try await w.store.createSession(for: w.bob)
        try await w.store.resetPassword(userID: w.alice.id, passwordHash: "nieuw", by: w.bob)
        #expect(try await w.store.user(id: w.alice.id)?.passwordHash == "nieuw")
        #expect(try await w.store.session(token: a1) == nil)
        #expect(try await w.store.session(token: a2) == nil)
        #expect(try await w.store.session(token: b1) != nil)
        await #expect(throws: StoreError.notFound) { try await w.store.resetPassword(userID: "bestaat-niet", passwordHash: "x", by: w.bob) }
        let log = try await w.store.auditLog()
        #expect(log.count == 1)
        #expect(log.first?.actorName == "Bob")
        #expect(log.first?.subject == "Alice <alice@example.nl>")
    }

    @Test("a switched-off user loses sessions and tokens at once, keeps their history, and can be switched on again", arguments: backends)
    func switchOff(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let stored = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "eerste")
        let (session, _) = try await w.store.createSession(for: w.alice)
        let token = try await w.store.createAPIToken(for: w.alice, name: "script")
        try await w.store.setActive(userID: w.alice.id, false, by: w.bob)
        #expect(try await w.store.user(id: w.alice.id)?.active == false)
        #expect(try await w.store.session(token: session) == nil)
        #expect(try await w.store.user(apiToken: token) == nil)
        // Their revision still names them.
        #expect(try await w.store.revisions(dossierID: stored.record.id, viewer: w.alice).first?.authorName == "Alice")
        // A session made from a stale user value does not count either.
        let (late, _) = try await w.store.createSession(for: w.alice)
        #expect(try await w.store.session(token: late) == nil)
        try await w.store.setActive(userID: w.alice.id, true, by: w.bob)
        #expect(try await w.store.user(apiToken: token)?.id == w.alice.id)
        #expect(try await w.store.auditLog().map(\.action).filter { $0 != "sleutel" } == ["aangezet", "uitgezet"])
        await #expect(throws: StoreError.notAllowed("Je kunt jezelf niet uitzetten.")) { try await w.store.setActive(userID: w.bob.id, false, by: w.bob) }
        await #expect(throws: StoreError.notFound) { try await w.store.setActive(userID: "bestaat-niet", false, by: w.bob) }
    }

    @Test("an invalid dossier is refused and nothing is stored", arguments: backends)
    func invalid(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        var bad = HandComputed.dossier
        bad.weightSets[0].weights["b"] = -1
        await #expect(throws: StoreError.self) {
            try await w.store.createDossier(bad, organisationID: w.a.id, author: w.alice, summary: "fout")
        }
        #expect(try await w.store.dossiers(viewer: w.alice).isEmpty)
    }
}
