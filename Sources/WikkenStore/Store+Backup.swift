import Foundation
import SQLKit

/// Backups of the embedded SQLite database. PostgreSQL has its own tools (`pg_dump`/`pg_restore`,
/// which `wikken backup` and `wikken herstel` call; see docs/beheer.md).
extension Store {
    /// What a backup holds, counted, to compare a restore with its source.
    public struct Contents: Equatable, Sendable, CustomStringConvertible {
        public var counts: [String: Int]
        public var schemaVersion: Int
        public var description: String {
            "schemaversie \(schemaVersion); " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
    }

    /// Rows per table (every table of the schema, as the database lists them, so an older backup
    /// with fewer tables is counted too) and the schema version, in one read unit.
    public func contents() async throws -> Contents {
        let tables: SQLQueryString = kind == "sqlite"
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        return try await db.read { sql in
            var counts: [String: Int] = [:]
            for row in try await sql.raw(tables).all() {
                let table = try row.decode(column: "t", as: String.self)
                guard table != "schema_migrations" else { continue }
                counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            let version = try await sql.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int?.self) ?? 0
            return Contents(counts: counts, schemaVersion: version ?? 0)
        }
    }

    /// A consistent copy of the whole SQLite database in a new file, while the server runs
    /// (`VACUUM INTO`: it reads one snapshot; writes wait for the few moments it takes). Refuses
    /// an existing file; on PostgreSQL use `pg_dump`.
    public func backup(to path: String) async throws {
        guard let sqlite = db as? SQLiteTransactions else { throw StoreError.notAllowed("Een PostgreSQL-database bewaar je met pg_dump; wikken backup doet dat voor je.") }
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.notAllowed("\(path) bestaat al; kies een nieuwe bestandsnaam.") }
        try await sqlite.onWriter { sql in try await sql.raw("VACUUM INTO \(bind: path)").run() }
    }

    /// Puts a backup in place of the database at `path`: first checks it is a Wikken database this
    /// version can use, then copies it next to the target and renames it over (never a half
    /// file). The server must not be running on `path`. Returns what the restored database holds.
    public static func restoreSQLite(from backup: String, to path: String, replacing: Bool) async throws -> Contents {
        guard FileManager.default.fileExists(atPath: backup) else { throw StoreError.notAllowed("\(backup) bestaat niet.") }
        if FileManager.default.fileExists(atPath: path), !replacing {
            throw StoreError.notAllowed("\(path) bestaat al; geef --vervang om het te vervangen (stop eerst de server).")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).herstel-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: backup, toPath: temporary)
        do {
            let contents: Contents
            do {
                let store = try await Store.open(databaseURL: nil, sqlitePath: temporary)
                do {
                    contents = try await store.contents()
                    await store.close()
                } catch {
                    await store.close()
                    throw error
                }
            } catch {
                throw StoreError.notAllowed("\(backup) is geen back-up van Wikken (\(error)).")
            }
            guard contents.schemaVersion <= (Migrations.all.map(\.version).max() ?? 0) else {
                throw StoreError.notAllowed("\(backup) komt van een nieuwere Wikken (schemaversie \(contents.schemaVersion)); werk Wikken eerst bij.")
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            // rename(2): the target is the old database or the new one, never half of either.
            guard rename(temporary, path) == 0 else { throw StoreError.notAllowed("\(path) kon niet worden vervangen (fout \(errno)).") }
            return contents
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            throw error
        }
    }
}
