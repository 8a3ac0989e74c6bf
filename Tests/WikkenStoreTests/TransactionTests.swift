import Foundation
import SQLKit
import Testing
@testable import WikkenStore

/// Reads apart from writes: a read never waits for the write lock and cannot write; the SQLite
/// file has an index for every foreign key; PostgreSQL connects over TLS when asked. Part of the
/// serialized store suite (the PostgreSQL cases share one database).
extension StoreTests {
    /// A gate a test opens once.
    actor Gate {
        private var open = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            open = true
            waiting.forEach { $0.resume() }
            waiting = []
        }
    }

    static func fileStore() async throws -> (Store, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-\(UUID().uuidString).sqlite").path
        let store = try await Store.open(databaseURL: nil, sqlitePath: path)
        try await store.migrate()
        return (store, path)
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static var unitBackends: [String] { StoreTests.backends.map { $0 == "sqlite" ? "sqlite-file" : $0 } }

    static func unitStore(_ kind: String) async throws -> (Store, String?) {
        if kind == "sqlite-file" {
            let (store, path) = try await fileStore()
            return (store, path)
        }
        return (try await StoreTests.store(kind), nil)
    }

    @Test("a read runs while a write holds its transaction open, and sees the state before it", arguments: unitBackends)
    func readDuringWrite(kind: String) async throws {
        let (store, path) = try await Self.unitStore(kind)
        defer { Task { await store.close(); path.map(Self.remove) } }
        _ = try await store.createOrganisation(name: "Eerst")
        let gate = Gate()
        let inside = Gate()
        let writer = Task {
            try await store.db.write { sql in
                try await sql.raw("INSERT INTO organisations (id, name, created_at) VALUES ('o-2', 'Tijdens', '2026-12-03T08:00:00.000Z')").run()
                await inside.release()
                await gate.wait()
            }
        }
        await inside.wait()
        // The read must finish while the write is still open; if it waits for the write lock,
        // the deadline wins and the test fails (and lets the write finish).
        let names = await withTaskGroup(of: [String]?.self) { group in
            group.addTask { try? await store.organisations().map(\.name) }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await gate.release()
        try await writer.value
        #expect(names == ["Eerst"])
        #expect(try await store.organisations().map(\.name).sorted() == ["Eerst", "Tijdens"])
    }

    @Test("a read cannot write", arguments: unitBackends)
    func readOnly(kind: String) async throws {
        let (store, path) = try await Self.unitStore(kind)
        defer { Task { await store.close(); path.map(Self.remove) } }
        await #expect(throws: (any Error).self) {
            try await store.db.read { sql in
                try await sql.raw("INSERT INTO organisations (id, name, created_at) VALUES ('x', 'Mag niet', '2026-12-03T08:00:00.000Z')").run()
            }
        }
        #expect(try await store.organisations().isEmpty)
    }

    @Test("every foreign key of the SQLite schema has an index that starts with it")
    func foreignKeysIndexed() async throws {
        let (store, path) = try await Self.fileStore()
        defer { Task { await store.close(); Self.remove(path) } }
        let missing = try await store.db.read { sql -> [String] in
            var missing: [String] = []
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                let keys = try await sql.raw("SELECT \"from\" AS col FROM pragma_foreign_key_list(\(bind: table))").all().map { try $0.decode(column: "col", as: String.self) }
                let indexes = try await sql.raw("SELECT name FROM pragma_index_list(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
                var leading: Set<String> = []
                for index in indexes {
                    let first = try await sql.raw("SELECT name FROM pragma_index_info(\(bind: index)) WHERE seqno = 0").first()
                    if let column = try first?.decode(column: "name", as: String.self) { leading.insert(column) }
                }
                missing += keys.filter { !leading.contains($0) }.map { "\(table).\($0)" }
            }
            return missing
        }
        #expect(missing == [])
    }

    @Test("PostgreSQL over TLS with sslmode=require, in plain text with sslmode=disable", arguments: ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_TLS"] == "1" ? ["require", "disable"] : [])
    func postgresTLS(mode: String) async throws {
        let base = try #require(ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"])
        let store = try await Store.open(databaseURL: base + (base.contains("?") ? "&" : "?") + "sslmode=\(mode)&pool=2", sqlitePath: nil)
        defer { Task { await store.close() } }
        let ssl = try await store.db.read { sql in
            try await sql.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()?.decode(column: "ssl", as: Bool.self)
        }
        #expect(ssl == (mode == "require"))
    }

    @Test("a PostgreSQL URL with an unknown sslmode or a pool out of range is refused with the reason")
    func postgresURLProblems() throws {
        #expect(throws: StoreError.notAllowed("sslmode 'misschien' ken ik niet; kies disable, allow, prefer, require, verify-ca of verify-full.")) {
            _ = try PostgresTransactions.configuration(url: "postgres://a:b@127.0.0.1:5432/db?sslmode=misschien")
        }
        #expect(throws: StoreError.notAllowed("pool=0: geef een aantal verbindingen van 1 tot en met 200.")) {
            _ = try PostgresTransactions.configuration(url: "postgres://a:b@127.0.0.1:5432/db?pool=0")
        }
        let configuration = try PostgresTransactions.configuration(url: "postgres://a:b@127.0.0.1:5432/db?sslmode=disable&pool=16")
        #expect(configuration.options.maximumConnections == 16)
        #expect(try PostgresTransactions.configuration(url: "postgres://a:b@127.0.0.1:5432/db").options.maximumConnections == 8)
    }
}
