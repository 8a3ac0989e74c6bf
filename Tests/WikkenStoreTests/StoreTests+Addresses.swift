import Foundation
import SQLKit
import Testing
import WikkenCore
import WikkenFormats
@testable import WikkenStore
import _WikkenTestSupport

/// Dossier ids are unique per organisation and addresses are made by the store, so that a taken
/// id says nothing about other organisations (issue 12); dossiers stored before keep their links.
/// Part of the serialized store suite: its PostgreSQL cases share one database.
extension StoreTests {
    @Test("a dossier stored before names existed keeps its address; the same id is free in another organisation, taken in its own", arguments: backends)
    func migration(kind: String) async throws {
        let store: Store
        if kind == "sqlite" {
            store = try await Store.open(databaseURL: nil, sqlitePath: nil)
        } else {
            store = try await Store.open(databaseURL: try #require(ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"]), sqlitePath: nil)
            try await store.resetForTests()
        }
        defer { Task { await store.close() } }
        // The schema before version 9, with a dossier as it was stored then: its id is its address.
        #expect(try await Migrations.apply(store.db, through: 8) == Array(1...8))
        let a = try await store.createOrganisation(name: "Vechtstroom"), b = try await store.createOrganisation(name: "Gemeente")
        let alice = try await store.createUser(organisationID: a.id, email: "alice@example.nl", name: "Alice", role: .strateeg, passwordHash: "x")
        let bob = try await store.createUser(organisationID: b.id, email: "bob@example.nl", name: "Bob", role: .partner, passwordHash: "y")
        let old = { var d = HandComputed.dossier; d.id = "oud-dossier"; return d }()
        let content = DossierWriter.write(old, as: .json), now = Clock.now()
        try await store.db.write { sql in
            try await sql.insert(into: "dossiers").columns("id", "organisation_id", "title", "current_revision", "updated_at")
                .values(SQLBind(old.id), SQLBind(a.id), SQLBind(old.title), SQLBind(1), SQLBind(now)).run()
            try await Store.insertRevision(sql, dossierID: old.id, number: 1, author: alice.id, summary: "oud", restoredFrom: nil, content: content, at: now)
            try await sql.insert(into: "shares").columns("dossier_id", "organisation_id", "shared_by", "created_at")
                .values(SQLBind(old.id), SQLBind(b.id), SQLBind(alice.id), SQLBind(now)).run()
        }
        #expect(try await store.migrate().first == 9)

        // Every old link still works, for the owner and for the organisation it was shared with.
        let kept = try await store.dossier(id: "oud-dossier", viewer: alice)
        #expect(kept.record.id == "oud-dossier" && kept.record.name == "oud-dossier" && kept.dossier == old)
        #expect(try await store.dossier(id: "oud-dossier", viewer: bob).record.sharedWith == [b.id])

        // The gemeente's own dossier with the same id: stored, at an address of its own.
        let theirs = try await store.createDossier(old, organisationID: b.id, author: bob, summary: "eigen")
        #expect(theirs.record.name == "oud-dossier" && theirs.record.id != "oud-dossier")
        #expect(theirs.record.id.hasPrefix("oud-dossier-") && theirs.record.id.count == "oud-dossier".count + 7 && Slug.isValid(theirs.record.id))
        await #expect(throws: StoreError.notFound) { try await store.dossier(id: theirs.record.id, viewer: alice) }
        #expect(Set(try await store.dossiers(viewer: bob).map(\.id)) == ["oud-dossier", theirs.record.id])
        // In its own organisation the id is taken.
        await #expect(throws: StoreError.duplicate("oud-dossier")) {
            try await store.createDossier(old, organisationID: a.id, author: alice, summary: "nog eens")
        }
        // A save names the address; the id in the text cannot change.
        var renamed = old
        renamed.id = "nieuw-dossier"
        await #expect(throws: StoreError.notAllowed(Store.renamed("oud-dossier", to: "nieuw-dossier"))) {
            try await store.save(renamed, at: "oud-dossier", basedOn: 1, viewer: alice, summary: "andere id")
        }
        #expect(try await store.address(ofDossierNamed: "oud-dossier", organisationID: b.id) == theirs.record.id)
        #expect(try await store.address(ofDossierNamed: "oud-dossier", organisationID: a.id) == "oud-dossier")
    }

    @Test("addresses: the id shortened to leave room, a hyphen and six random letters or digits, itself a valid id")
    func addresses() {
        let long = String(repeating: "a", count: 72) + "-bcdefgh"
        for name in ["kort", long, "x"] {
            let address = Store.address(for: name)
            #expect(Slug.isValid(address), "\(address)")
            #expect(address.count <= 80 && address.suffix(7).first == "-")
        }
        #expect(Store.address(for: long).hasPrefix(String(repeating: "a", count: 72) + "-"))
        #expect(Set((0..<50).map { _ in Store.address(for: "kort") }).count == 50)
    }
}
