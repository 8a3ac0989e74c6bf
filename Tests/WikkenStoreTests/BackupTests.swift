import Foundation
import Testing
import WikkenCore
import WikkenNetwork
@testable import WikkenStore
import _WikkenTestSupport

/// `wikken backup` and `wikken herstel` on SQLite: a copy made while writes go on holds one
/// consistent state, and a restore gives back the same dossiers, revisions, accounts and network
/// records. (PostgreSQL: `pg_dump`/`pg_restore`, see docs/beheer.md.)
extension StoreTests {
    @Test("a backup made while saves go on restores to the same dossiers, revisions, accounts and network records; a file that is not one is refused")
    func backupAndRestore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("live.sqlite").path, copy = folder.appendingPathComponent("kopie.sqlite").path
        let store = try await Store.open(databaseURL: nil, sqlitePath: live)
        try await store.migrate()
        let a = try await store.createOrganisation(name: "Vechtstroom")
        let alice = try await store.createUser(organisationID: a.id, email: "alice@example.nl", name: "Alice", role: .strateeg, passwordHash: "x")
        var dossier = HandComputed.dossier
        let id = try await store.createDossier(dossier, organisationID: a.id, author: alice, summary: "start").record.id
        let edition = try await store.createEdition(name: "5e editie", description: "Vier sessies")
        _ = try await store.addSession(editionID: edition.id, date: Day(2027, 3, 4), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "", agenda: "", seats: 20)
        guard case .registered = try await store.register(editionID: edition.id, RegistrationForm(name: "Dirk", email: "dirk@example.nl", function: "strateeg",
                                                                            organisationID: nil, organisationName: "Eigen", newsletter: true)) else {
            Issue.record("not registered"); return
        }
        // Saves keep coming while the copy is made; it holds the state of one moment.
        async let saves: Void = {
            for k in 2...21 {
                dossier.title = "Versie \(k)"
                _ = try await store.save(dossier, at: id, basedOn: k - 1, viewer: alice, summary: "stap \(k)")
            }
        }()
        try await store.backup(to: copy)
        try await saves
        let final = try await store.contents()
        await #expect(throws: StoreError.self) { try await store.backup(to: copy) }
        await store.close()

        let restored = folder.appendingPathComponent("terug.sqlite").path
        let contents = try await Store.restoreSQLite(from: copy, to: restored, replacing: false)
        // Two organisations: Alice's, and the one Dirk typed in (proposed at his registration).
        #expect(contents.counts["organisations"] == 2 && contents.counts["users"] == 1 && contents.counts["registrations"] == 1
                && contents.counts["outbox"] == 1)
        let revisions = try #require(contents.counts["revisions"])
        #expect((1...21).contains(revisions) && contents.counts["dossiers"] == 1 && contents.schemaVersion == final.schemaVersion)
        let back = try await Store.open(databaseURL: nil, sqlitePath: restored)
        let stored = try await back.dossier(id: id, viewer: alice)
        #expect(stored.revision == revisions && (revisions == 1 ? stored.dossier.title == HandComputed.dossier.title : stored.dossier.title == "Versie \(revisions)"))
        #expect(try await back.revisions(dossierID: stored.record.id, viewer: alice).count == revisions)
        #expect(try await back.user(email: "alice@example.nl")?.passwordHash == "x")
        #expect(try await back.registrations(editionID: edition.id).map(\.email) == ["dirk@example.nl"])
        await back.close()

        // Over the restored file again: only with --vervang; not-a-backup refused, the target untouched.
        await #expect(throws: StoreError.self) { _ = try await Store.restoreSQLite(from: copy, to: restored, replacing: false) }
        let fake = folder.appendingPathComponent("nep.sqlite").path
        try "geen database".write(toFile: fake, atomically: true, encoding: .utf8)
        await #expect(throws: StoreError.self) { _ = try await Store.restoreSQLite(from: fake, to: restored, replacing: true) }
        #expect(try await Store.restoreSQLite(from: restored, to: folder.appendingPathComponent("nog-een.sqlite").path, replacing: false) == contents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("herstel-") })
    }
}
