import Foundation
import SQLKit
import WikkenCore

/// A signed-in session: the user, the name of their organisation (for the page header) and the
/// token that protects forms against cross-site requests.
public struct Session: Sendable, Equatable {
    public var user: User
    public var organisationName: String
    public var csrf: String
}

extension Store {
    /// Starts a session; returns the secret token for the cookie (only its hash is stored) and the
    /// session. Sessions last `hours`.
    public func createSession(for user: User, hours: Int = 12) async throws -> (token: String, session: Session) {
        let token = Self.randomToken(), csrf = Self.randomToken()
        let expires = Clock.string(Date().addingTimeInterval(Double(hours) * 3600))
        let organisationName = try await db.write { sql in
            try await sql.insert(into: "sessions").columns("token_hash", "user_id", "csrf", "created_at", "expires_at")
                .values(SQLBind(SHA256.hex(Array(token.utf8))), SQLBind(user.id), SQLBind(csrf), SQLBind(Clock.now()), SQLBind(expires)).run()
            return try await Self.organisationName(sql, id: user.organisationID)
        }
        return (token, Session(user: user, organisationName: organisationName, csrf: csrf))
    }

    /// The session of a cookie token, if it exists, has not expired and its user is active. One
    /// statement (session, user and organisation joined): it runs on every request.
    public func session(token: String) async throws -> Session? {
        let hash = SHA256.hex(Array(token.utf8))
        let now = Clock.now()
        return try await db.statement { sql -> Session? in
            guard let row = try await sql.raw("""
                SELECT s.csrf AS csrf, u.id AS id, u.organisation_id AS organisation_id, u.email AS email, u.name AS name, u.role AS role,
                       u.password_hash AS password_hash, u.active AS active, o.name AS organisation_name
                FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
                WHERE s.token_hash = \(bind: hash) AND s.expires_at > \(bind: now) AND u.active <> 0
                """).first() else { return nil }
            return Session(user: try Store.user(row), organisationName: try row.decode(column: "organisation_name", as: String.self),
                           csrf: try row.decode(column: "csrf", as: String.self))
        }
    }

    static func organisationName(_ sql: any SQLDatabase, id: String) async throws -> String {
        try await sql.select().column("name").from("organisations").where("id", .equal, SQLBind(id)).first()?.decode(column: "name", as: String.self) ?? ""
    }

    public func endSession(token: String) async throws {
        let hash = SHA256.hex(Array(token.utf8))
        try await db.write { sql in try await sql.delete(from: "sessions").where("token_hash", .equal, SQLBind(hash)).run() }
    }

    /// 32 random bytes from the system's generator, as hex.
    public static func randomToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(rng.next() as UInt64, radix: 16) }.map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }

    /// Whether the store holds no organisations yet (a new database).
    public func isEmpty() async throws -> Bool {
        try await db.read { sql in try await sql.select().column("id").from("organisations").limit(1).first() == nil }
    }
}

extension Store {
    public func organisation(id: String) async throws -> Organisation? {
        try await read { try await $0.organisation(id: id) }
    }
}

extension Store {
    /// Makes an API token for scripts; returns the secret (shown once; only its hash is kept).
    /// Audited.
    public func createAPIToken(for user: User, name: String) async throws -> String {
        let token = "wk_" + Self.randomToken()
        try await db.write { sql in
            try await sql.insert(into: "api_tokens").columns("token_hash", "id", "user_id", "name", "created_at")
                .values(SQLBind(SHA256.hex(Array(token.utf8))), SQLBind(String(Self.randomToken().prefix(16))), SQLBind(user.id), SQLBind(name), SQLBind(Clock.now())).run()
            try await Self.audit(sql, actor: user, action: "sleutel", subject: user, detail: "API-sleutel ‘\(name)’ gemaakt")
        }
        return token
    }

    /// The user of an API token, if it exists and the user is active. One statement: it runs on
    /// every API request. When the key's last use is not yet noted for this hour it is noted
    /// (so a busy script writes once an hour, not on every request).
    public func user(apiToken token: String) async throws -> User? {
        let hash = SHA256.hex(Array(token.utf8))
        let found = try await db.statement { sql -> (User, String?)? in
            guard let row = try await sql.raw("""
                SELECT u.*, t.last_used_at AS token_last_used FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: hash) AND u.active <> 0
                """).first() else { return nil }
            return (try Store.user(row), try row.decode(column: "token_last_used", as: String?.self))
        }
        guard let (user, lastUsed) = found else { return nil }
        let hour = Self.hour(Clock.now())
        if lastUsed != hour {
            try await db.write { sql in
                try await sql.update("api_tokens").set("last_used_at", to: SQLBind(hour)).where("token_hash", .equal, SQLBind(hash)).run()
            }
        }
        return user
    }

    /// A timestamp cut to its hour (`2026-12-03T15:00:00.000Z`): how precisely a key's use is kept.
    static func hour(_ timestamp: String) -> String { String(timestamp.prefix(13)) + ":00:00.000Z" }

    /// The user's API keys, newest first.
    public func apiKeys(of user: User) async throws -> [APIKeyInfo] {
        try await db.read { sql in
            try await sql.select().columns("id", "name", "created_at", "last_used_at").from("api_tokens").where("user_id", .equal, SQLBind(user.id))
                .orderBy("created_at", .descending).all().map { row in
                    APIKeyInfo(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                               createdAt: try row.decode(column: "created_at", as: String.self), lastUsedAt: try row.decode(column: "last_used_at", as: String?.self))
                }
        }
    }

    /// Revokes one of the user's own API keys: scripts using it get 401 from now on. Audited.
    /// Returns its name.
    public func revokeAPIKey(id: String, of user: User) async throws -> String {
        try await db.write { sql in
            guard let row = try await sql.select().column("name").from("api_tokens").where("id", .equal, SQLBind(id)).where("user_id", .equal, SQLBind(user.id)).first() else {
                throw StoreError.notFound
            }
            let name = try row.decode(column: "name", as: String.self)
            try await sql.delete(from: "api_tokens").where("id", .equal, SQLBind(id)).where("user_id", .equal, SQLBind(user.id)).run()
            try await Self.audit(sql, actor: user, action: "sleutel", subject: user, detail: "API-sleutel ‘\(name)’ ingetrokken")
            return name
        }
    }
}

extension Store {
    /// Sets a new password (already hashed) and ends every session of the user, in one unit of
    /// work: whoever knew the old password is signed out. Written to the audit log.
    public func resetPassword(userID: String, passwordHash: String, by actor: User) async throws {
        try await db.write { sql in
            guard let user = try await sql.select().columns("*").from("users").where("id", .equal, SQLBind(userID)).first().map(Store.user) else { throw StoreError.notFound }
            try await sql.update("users").set("password_hash", to: SQLBind(passwordHash)).where("id", .equal, SQLBind(userID)).run()
            try await sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userID)).run()
            try await Self.audit(sql, actor: actor, action: "wachtwoord", subject: user, detail: actor.id == user.id ? "eigen wachtwoord gewijzigd" : "nieuw wachtwoord gegeven")
        }
    }

    /// Switches a user off (they cannot sign in; their sessions end at once; their API tokens
    /// stop working but are kept) or on again. Their revisions stay in every history. Audited.
    /// Organisers cannot switch themselves off, so there is always someone to switch others on.
    public func setActive(userID: String, _ active: Bool, by actor: User) async throws {
        guard userID != actor.id || active else { throw StoreError.notAllowed("Je kunt jezelf niet uitzetten.") }
        try await db.write { sql in
            guard let user = try await sql.select().columns("*").from("users").where("id", .equal, SQLBind(userID)).first().map(Store.user) else { throw StoreError.notFound }
            try await sql.update("users").set("active", to: SQLBind(active ? 1 : 0)).where("id", .equal, SQLBind(userID)).run()
            if !active { try await sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userID)).run() }
            try await Self.audit(sql, actor: actor, action: active ? "aangezet" : "uitgezet", subject: user, detail: "")
        }
    }

    static func audit(_ sql: any SQLDatabase, actor: User, action: String, subject: User, detail: String) async throws {
        try await sql.insert(into: "audit_log").columns("at", "actor_id", "action", "subject", "detail")
            .values(SQLBind(Clock.now()), SQLBind(actor.id), SQLBind(action), SQLBind("\(subject.name) <\(subject.email)>"), SQLBind(detail)).run()
    }

    /// The latest entries of the audit log, newest first.
    public func auditLog(limit: Int = 50) async throws -> [AuditEntry] {
        try await read { try await $0.auditLog(limit: limit) }
    }

    /// Every user, by organisation and name (for the network organiser).
    public func users() async throws -> [User] {
        try await read { try await $0.users() }
    }
}
