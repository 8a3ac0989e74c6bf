import SQLKit

/// Versioned schema changes, applied in order at start; each version once, in its own
/// transaction. The SQL is portable between SQLite and PostgreSQL (TEXT and INTEGER columns,
/// ISO 8601 timestamps as text).
enum Migrations {
    static let all: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE organisations (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE dossiers (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                title TEXT NOT NULL,
                current_revision INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE revisions (
                dossier_id TEXT NOT NULL REFERENCES dossiers(id),
                number INTEGER NOT NULL,
                author_id TEXT NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL,
                summary TEXT NOT NULL,
                restored_from INTEGER,
                content TEXT NOT NULL,
                PRIMARY KEY (dossier_id, number)
            )
            """,
            """
            CREATE TABLE shares (
                dossier_id TEXT NOT NULL REFERENCES dossiers(id),
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                shared_by TEXT NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL,
                PRIMARY KEY (dossier_id, organisation_id)
            )
            """,
        ]),
        (2, [
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                csrf TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
        ]),
        (3, [
            """
            CREATE TABLE api_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                name TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
        ]),
        (4, [
            // 1 = may sign in; 0 = switched off by the organiser (sessions end, tokens stop working).
            "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
            """
            CREATE TABLE audit_log (
                at TEXT NOT NULL,
                actor_id TEXT NOT NULL REFERENCES users(id),
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
        ]),
    ]

    /// Applies the versions not yet applied; returns the versions applied now.
    static func apply(_ db: SQLTransactions) async throws -> [Int] {
        try await db.transaction { sql in
            try await sql.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").run()
        }
        var applied: [Int] = []
        for migration in all {
            let done = try await db.transaction { sql -> Bool in
                let rows = try await sql.select().column("version").from("schema_migrations").where("version", .equal, SQLBind(migration.version)).all()
                if !rows.isEmpty { return false }
                for statement in migration.statements { try await sql.raw(SQLQueryString(statement)).run() }
                try await sql.insert(into: "schema_migrations").columns("version", "applied_at").values(SQLBind(migration.version), SQLBind(Clock.now())).run()
                return true
            }
            if done { applied.append(migration.version) }
        }
        return applied
    }
}
