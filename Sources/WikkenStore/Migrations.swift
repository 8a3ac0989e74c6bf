import SQLKit
import WikkenNetwork

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
        (5, [
            // The network: partner periods, editions with working sessions, participants,
            // registrations with their history, and consent records.
            """
            CREATE TABLE partnerships (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                since TEXT NOT NULL,
                until TEXT,
                PRIMARY KEY (organisation_id, since)
            )
            """,
            """
            CREATE TABLE editions (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                open INTEGER NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE working_sessions (
                id TEXT PRIMARY KEY,
                edition_id TEXT NOT NULL REFERENCES editions(id),
                number INTEGER NOT NULL,
                date TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                place TEXT,
                theme TEXT NOT NULL,
                agenda TEXT NOT NULL,
                seats INTEGER NOT NULL,
                sequence INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE participants (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                phone TEXT NOT NULL,
                function TEXT NOT NULL,
                organisation_id TEXT REFERENCES organisations(id),
                organisation_name TEXT NOT NULL,
                anonymised_at TEXT,
                deletion_requested_at TEXT,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE registrations (
                id TEXT PRIMARY KEY,
                edition_id TEXT NOT NULL REFERENCES editions(id),
                participant_id TEXT NOT NULL REFERENCES participants(id),
                status TEXT NOT NULL,
                arrival INTEGER NOT NULL,
                fee_cents INTEGER NOT NULL,
                partner INTEGER NOT NULL,
                paid INTEGER NOT NULL,
                needs TEXT NOT NULL,
                brings TEXT NOT NULL,
                intake_on TEXT,
                intake_notes TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                UNIQUE (edition_id, arrival)
            )
            """,
            """
            CREATE TABLE registration_events (
                registration_id TEXT NOT NULL REFERENCES registrations(id),
                at TEXT NOT NULL,
                status TEXT NOT NULL,
                by_name TEXT NOT NULL,
                note TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE consents (
                participant_id TEXT NOT NULL REFERENCES participants(id),
                kind TEXT NOT NULL,
                given INTEGER NOT NULL,
                at TEXT NOT NULL,
                wording TEXT NOT NULL
            )
            """,
        ]),
        (6, [
            // Casuïstiek: cases brought to a working session, each possibly turned into a dossier;
            // the instrument library with the cases an instrument was tried on and feedback.
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES working_sessions(id),
                registration_id TEXT REFERENCES registrations(id),
                title TEXT NOT NULL,
                question TEXT NOT NULL,
                context TEXT NOT NULL,
                organisation_name TEXT NOT NULL,
                dossier_id TEXT REFERENCES dossiers(id),
                outcome TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE instruments (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                origin TEXT NOT NULL,
                summary TEXT NOT NULL,
                when_to_use TEXT NOT NULL,
                steps TEXT NOT NULL,
                pitfalls TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE instrument_cases (
                instrument_id TEXT NOT NULL REFERENCES instruments(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                PRIMARY KEY (instrument_id, case_id)
            )
            """,
            """
            CREATE TABLE instrument_feedback (
                instrument_id TEXT NOT NULL REFERENCES instruments(id),
                session_id TEXT NOT NULL REFERENCES working_sessions(id),
                registration_id TEXT REFERENCES registrations(id),
                helped TEXT NOT NULL,
                did_not_help TEXT NOT NULL,
                score INTEGER NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
        ] + InstrumentLibrary.seedStatements),
        (7, [
            // An organisation's own veerkracht data files (CBS kerncijfers, Leefbaarometer, …).
            """
            CREATE TABLE veerkracht_files (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                name TEXT NOT NULL,
                content TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                uploaded_by TEXT NOT NULL REFERENCES users(id),
                PRIMARY KEY (organisation_id, name)
            )
            """,
        ]),
        (8, [
            // An index on every foreign key that no primary key or UNIQUE constraint starts with:
            // joins and the per-organisation lists read by index, not by scanning the table.
            "CREATE INDEX IF NOT EXISTS users_organisation_id_idx ON users (organisation_id)",
            "CREATE INDEX IF NOT EXISTS dossiers_organisation_id_idx ON dossiers (organisation_id)",
            "CREATE INDEX IF NOT EXISTS revisions_author_id_idx ON revisions (author_id)",
            "CREATE INDEX IF NOT EXISTS shares_organisation_id_idx ON shares (organisation_id)",
            "CREATE INDEX IF NOT EXISTS shares_shared_by_idx ON shares (shared_by)",
            "CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON sessions (user_id)",
            "CREATE INDEX IF NOT EXISTS api_tokens_user_id_idx ON api_tokens (user_id)",
            "CREATE INDEX IF NOT EXISTS audit_log_actor_id_idx ON audit_log (actor_id)",
            "CREATE INDEX IF NOT EXISTS working_sessions_edition_id_idx ON working_sessions (edition_id)",
            "CREATE INDEX IF NOT EXISTS participants_organisation_id_idx ON participants (organisation_id)",
            "CREATE INDEX IF NOT EXISTS registrations_participant_id_idx ON registrations (participant_id)",
            "CREATE INDEX IF NOT EXISTS registration_events_registration_id_idx ON registration_events (registration_id)",
            "CREATE INDEX IF NOT EXISTS consents_participant_id_idx ON consents (participant_id)",
            "CREATE INDEX IF NOT EXISTS cases_session_id_idx ON cases (session_id)",
            "CREATE INDEX IF NOT EXISTS cases_registration_id_idx ON cases (registration_id)",
            "CREATE INDEX IF NOT EXISTS cases_dossier_id_idx ON cases (dossier_id)",
            "CREATE INDEX IF NOT EXISTS instrument_cases_case_id_idx ON instrument_cases (case_id)",
            "CREATE INDEX IF NOT EXISTS instrument_feedback_instrument_id_idx ON instrument_feedback (instrument_id)",
            "CREATE INDEX IF NOT EXISTS instrument_feedback_session_id_idx ON instrument_feedback (session_id)",
            "CREATE INDEX IF NOT EXISTS instrument_feedback_registration_id_idx ON instrument_feedback (registration_id)",
            "CREATE INDEX IF NOT EXISTS veerkracht_files_uploaded_by_idx ON veerkracht_files (uploaded_by)",
        ]),
        (9, [
            // A dossier's name (the id in its text) is unique per organisation; its address (the
            // primary key, in every link) is made by the store, opaque for new dossiers, so an id
            // taken elsewhere says nothing about other organisations. Existing dossiers keep
            // their id as address, so every link stays valid.
            "ALTER TABLE dossiers ADD COLUMN name TEXT",
            "UPDATE dossiers SET name = id",
            "CREATE UNIQUE INDEX dossiers_organisation_name_idx ON dossiers (organisation_id, name)",
        ]),
        (10, [
            // API keys get an id to name them by (revoking one) and the time they were last used
            // (to the hour). Existing keys get the start of their hash as id.
            "ALTER TABLE api_tokens ADD COLUMN id TEXT",
            "ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT",
            "UPDATE api_tokens SET id = substr(token_hash, 1, 16)",
            "CREATE UNIQUE INDEX api_tokens_id_idx ON api_tokens (id)",
        ]),
        (11, [
            // An organisation's chosen veerkracht indicators, weights and thresholds (as the page's
            // query), the default of its veerkracht pages.
            """
            CREATE TABLE veerkracht_settings (
                organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
                choices TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                saved_by TEXT NOT NULL REFERENCES users(id)
            )
            """,
            "CREATE INDEX IF NOT EXISTS veerkracht_settings_saved_by_idx ON veerkracht_settings (saved_by)",
        ]),
        (12, [
            // The network's mail: every message is written here in the unit of work of its event
            // (registration, move-up, intake, admission, refusal, a link asked again) and sent by
            // a service with retries; the organiser sees what was sent, what failed and why.
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                registration_id TEXT REFERENCES registrations(id),
                to_address TEXT NOT NULL,
                subject TEXT NOT NULL,
                text_body TEXT NOT NULL,
                html_body TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at TEXT NOT NULL,
                last_error TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at TEXT
            )
            """,
            "CREATE INDEX IF NOT EXISTS outbox_due_idx ON outbox (status, next_attempt_at)",
            "CREATE INDEX IF NOT EXISTS outbox_registration_id_idx ON outbox (registration_id)",
            // More than one personal link per registration: every mail carries a fresh one (only
            // its hash is kept), and the links sent before keep working.
            """
            CREATE TABLE registration_links (
                token_hash TEXT PRIMARY KEY,
                registration_id TEXT NOT NULL REFERENCES registrations(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS registration_links_registration_id_idx ON registration_links (registration_id)",
        ]),
        (13, [
            // The non-partner rule counts organisations: a registration keeps the organisation it
            // was made for (a participant may move on), organisations know their staff's e-mail
            // domain, and one typed in at registration is 'proposed' until the organiser confirms
            // it or merges it with a known one.
            "ALTER TABLE registrations ADD COLUMN organisation_id TEXT REFERENCES organisations(id)",
            "UPDATE registrations SET organisation_id = (SELECT organisation_id FROM participants WHERE participants.id = registrations.participant_id)",
            "CREATE INDEX IF NOT EXISTS registrations_organisation_id_idx ON registrations (organisation_id)",
            "ALTER TABLE organisations ADD COLUMN email_domain TEXT",
            "ALTER TABLE organisations ADD COLUMN proposed INTEGER NOT NULL DEFAULT 0",
        ]),
        (14, [
            // Feedback is public in the instrument library: the participant chooses to sign it
            // ("name, organisation" as shown then) or not (NULL).
            "ALTER TABLE instrument_feedback ADD COLUMN shown_as TEXT",
        ]),
        (15, [
            // Live working sessions on a dossier: a facilitator, a six-character join code, the
            // phase and round. Participants join without an account (only a hash of their cookie
            // token is kept). Who handed in (participation) and what (content) are kept apart: a
            // content row's key is a hash of the participant's token and the round, so the database
            // alone cannot tie an anonymous input to a person, while the participant can still
            // change their own.
            """
            CREATE TABLE live_sessions (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL,
                dossier_id TEXT NOT NULL REFERENCES dossiers(id),
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                facilitator_id TEXT NOT NULL REFERENCES users(id),
                phase TEXT NOT NULL,
                round INTEGER NOT NULL,
                anonymous INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                closed_at TEXT
            )
            """,
            "CREATE UNIQUE INDEX live_sessions_code_idx ON live_sessions (code)",
            "CREATE INDEX IF NOT EXISTS live_sessions_dossier_id_idx ON live_sessions (dossier_id)",
            "CREATE INDEX IF NOT EXISTS live_sessions_organisation_id_idx ON live_sessions (organisation_id)",
            "CREATE INDEX IF NOT EXISTS live_sessions_facilitator_id_idx ON live_sessions (facilitator_id)",
            """
            CREATE TABLE live_participants (
                id TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES live_sessions(id),
                token_hash TEXT NOT NULL,
                display_name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                organisation TEXT NOT NULL,
                joined_at TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX live_participants_token_idx ON live_participants (token_hash)",
            "CREATE UNIQUE INDEX live_participants_name_idx ON live_participants (session_id, name_key)",
            """
            CREATE TABLE live_participation (
                session_id TEXT NOT NULL REFERENCES live_sessions(id),
                round INTEGER NOT NULL,
                participant_id TEXT NOT NULL REFERENCES live_participants(id),
                PRIMARY KEY (session_id, round, participant_id)
            )
            """,
            "CREATE INDEX IF NOT EXISTS live_participation_participant_id_idx ON live_participation (participant_id)",
            """
            CREATE TABLE live_inputs (
                session_id TEXT NOT NULL REFERENCES live_sessions(id),
                round INTEGER NOT NULL,
                input_key TEXT NOT NULL,
                content TEXT NOT NULL,
                PRIMARY KEY (session_id, round, input_key)
            )
            """,
        ]),
        (16, [
            // A live session's timer: when the current phase's time is up (ISO 8601, UTC), or NULL.
            "ALTER TABLE live_sessions ADD COLUMN deadline TEXT",
            // Consent to the proposal in the phase *vastleggen*: as with the points, who (the
            // participation) and what (the mark and reason, keyed by a hash of token and round) are
            // kept apart. `hidden`: the facilitator moderated the reason away from the shared views.
            """
            CREATE TABLE live_consent_participation (
                session_id TEXT NOT NULL REFERENCES live_sessions(id),
                round INTEGER NOT NULL,
                participant_id TEXT NOT NULL REFERENCES live_participants(id),
                PRIMARY KEY (session_id, round, participant_id)
            )
            """,
            "CREATE INDEX IF NOT EXISTS live_consent_participation_participant_id_idx ON live_consent_participation (participant_id)",
            """
            CREATE TABLE live_consents (
                session_id TEXT NOT NULL REFERENCES live_sessions(id),
                round INTEGER NOT NULL,
                input_key TEXT NOT NULL,
                mark TEXT NOT NULL,
                reason TEXT,
                hidden INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (session_id, round, input_key)
            )
            """,
        ]),
    ]

    /// Applies the versions not yet applied (up to `last`: tests of a migration start from the
    /// schema before it); returns the versions applied now.
    static func apply(_ db: SQLTransactions, through last: Int = .max) async throws -> [Int] {
        try await db.write { sql in
            try await sql.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").run()
        }
        var applied: [Int] = []
        for migration in all where migration.version <= last {
            let done = try await db.write { sql -> Bool in
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

/// The starter cards of the instrument library as INSERT statements (portable SQL literals).
enum InstrumentLibrary {
    static var seedStatements: [String] {
        func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        return InstrumentCard.starters.map { c in
            "INSERT INTO instruments (id, name, origin, summary, when_to_use, steps, pitfalls, created_at) VALUES ("
                + [c.id, c.name, c.origin, c.summary, c.whenToUse, c.steps, c.pitfalls, "2026-12-01T00:00:00.000Z"].map(literal).joined(separator: ", ") + ")"
        }
    }
}
