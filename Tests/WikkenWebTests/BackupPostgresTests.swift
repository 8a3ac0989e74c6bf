import Foundation
import Testing
import WikkenStore
@testable import WikkenWeb

/// `wikken backup`/`herstel` on PostgreSQL go through pg_dump and pg_restore: the demo data with a
/// change, dumped from one database and restored into another, is the same there.
@Suite("Backup and restore on PostgreSQL")
struct BackupPostgresTests {
    @Test("pg_dump then pg_restore into an empty database gives the same dossiers, revisions, accounts and network records",
          .enabled(if: Backend.all.contains(.postgresql)))
    func roundTrip() async throws {
        let source = try await TestDatabase.create(.postgresql), target = try await TestDatabase.create(.postgresql)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            let store = try await Store.open(databaseURL: source.url, sqlitePath: nil)
            try await store.migrate()
            _ = try await Demo.seed(store, examples: WebSupport.examples)
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            var changed = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            changed.dossier.title = "Na de back-up terug"
            _ = try await store.save(changed.dossier, at: changed.record.id, basedOn: changed.revision, viewer: strateeg, summary: "titel")
            let before = try await store.contents()
            await store.close()

            try PostgresTools.dump(url: try #require(PostgresTools.url(source.url)), to: file)
            try PostgresTools.restore(url: try #require(PostgresTools.url(target.url)), from: file)

            let back = try await Store.open(databaseURL: target.url, sqlitePath: nil)
            #expect(try await back.contents() == before)
            let restored = try await back.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(restored.revision == 2 && restored.dossier.title == "Na de back-up terug")
            #expect(try await back.revisions(dossierID: "wijkaanpak-neckardreef", viewer: strateeg).count == 2)
            #expect(try await back.user(email: "strateeg@demo.wikken.nl")?.passwordHash == strateeg.passwordHash)
            #expect(try await back.migrate() == [])
            await back.close()
        } catch {
            try await source.drop(); try await target.drop()
            throw error
        }
        try await source.drop(); try await target.drop()
    }
}
