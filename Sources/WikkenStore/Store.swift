import WikkenNetwork
import Synchronization
import Foundation
import ServiceLifecycle
import SQLKit
import WikkenCore
import WikkenFormats

/// Organisations, users and dossiers with every revision kept. One code path for SQLite and
/// PostgreSQL: every unit of work is one transaction through ``SQLTransactions``.
///
/// Isolation: every read and write of a dossier names the organisation asking; a dossier is
/// visible to its own organisation and to the organisations it is explicitly shared with.
/// Concurrency: a save names the revision it was based on; when a newer revision exists the save
/// fails with ``StoreError/conflict(basedOn:current:)`` and nothing is overwritten.
public final class Store: Sendable {
    let db: SQLTransactions
    /// Who participants turn to and where links point, for the mails the store writes.
    let networkContact = Mutex(NetworkContact())
    let parsed = BoundedCache<ParsedKey, Dossier>(limit: 128)

    public init(_ db: SQLTransactions) { self.db = db }

    /// Opens SQLite at `path` (nil: in memory) or PostgreSQL when `url` starts with postgres.
    /// `lifecycle` says who runs the PostgreSQL client: the store itself (commands, tests) or the
    /// caller's service group, through ``service`` (the web app).
    public static func open(databaseURL url: String?, sqlitePath: String?, lifecycle: PostgresTransactions.Lifecycle = .standalone) async throws -> Store {
        if let url, url.hasPrefix("postgres") { return Store(try PostgresTransactions(url: url, lifecycle: lifecycle)) }
        return Store(try await SQLiteTransactions(path: sqlitePath))
    }

    public var kind: String { db.kind }

    /// What must run while the store is used, for an application's service group (see
    /// ``open(databaseURL:sqlitePath:lifecycle:)``).
    public var service: (any Service)? { db.service }

    /// Applies pending migrations; returns their versions.
    @discardableResult
    public func migrate() async throws -> [Int] { try await Migrations.apply(db) }

    public func close() async { await db.close() }

    // MARK: - Organisations and users

    public func createOrganisation(name: String) async throws -> Organisation {
        let org = Organisation(id: UUID().uuidString.lowercased(), name: name)
        try await db.write { sql in
            try await sql.insert(into: "organisations").columns("id", "name", "created_at")
                .values(SQLBind(org.id), SQLBind(org.name), SQLBind(Clock.now())).run()
        }
        return org
    }

    public func organisations() async throws -> [Organisation] {
        try await read { try await $0.organisations() }
    }

    public func createUser(organisationID: String, email: String, name: String, role: Role, passwordHash: String) async throws -> User {
        let user = User(id: UUID().uuidString.lowercased(), organisationID: organisationID, email: email.lowercased(), name: name, role: role, passwordHash: passwordHash)
        try await db.write { sql in
            let taken = try await sql.select().column("id").from("users").where("email", .equal, SQLBind(user.email)).first()
            if taken != nil { throw StoreError.duplicate(user.email) }
            try await sql.insert(into: "users").columns("id", "organisation_id", "email", "name", "role", "password_hash", "created_at")
                .values(SQLBind(user.id), SQLBind(user.organisationID), SQLBind(user.email), SQLBind(user.name), SQLBind(user.role.rawValue),
                        SQLBind(user.passwordHash), SQLBind(Clock.now())).run()
        }
        return user
    }

    public func user(email: String) async throws -> User? {
        try await db.read { sql in
            try await sql.select().columns("*").from("users").where("email", .equal, SQLBind(email.lowercased())).first().map(Self.user)
        }
    }

    public func user(id: String) async throws -> User? {
        try await db.read { sql in
            try await sql.select().columns("*").from("users").where("id", .equal, SQLBind(id)).first().map(Self.user)
        }
    }

    static func user(_ row: any SQLRow) throws -> User { try Rows.decode(row, as: Rows.UserRow.self).user }

    // MARK: - Dossiers

    /// Stores a new dossier as revision 1 of `organisationID`, shared with `sharedWith` from the
    /// start (in the same unit of work), and returns it with its address (``DossierRecord/id``).
    /// Invalid dossiers are refused (an unfinished one is kept: see ``Dossier/blockingProblems()``); so is a dossier whose id the organisation already uses
    /// (``StoreError/duplicate(_:)``). Ids of other organisations play no part: the address is
    /// the id and a random part, made here. `address` fixes it instead — only for seeding demo
    /// data into an empty store, never for what a person sends.
    public func createDossier(_ dossier: Dossier, organisationID: String, author: User, summary: String, sharedWith: [String] = [],
                              address: String? = nil) async throws -> StoredDossier {
        let errors = dossier.blockingProblems()
        guard errors.isEmpty else { throw StoreError.invalidDossier(errors) }
        let content = DossierWriter.write(dossier, as: .json)
        let now = Clock.now()
        let id = try await db.write { sql -> String in
            let named = try await sql.select().column("id").from("dossiers")
                .where("organisation_id", .equal, SQLBind(organisationID)).where("name", .equal, SQLBind(dossier.id)).first()
            if named != nil { throw StoreError.duplicate(dossier.id) }
            var id = address ?? Self.address(for: dossier.id)
            while try await sql.select().column("id").from("dossiers").where("id", .equal, SQLBind(id)).first() != nil {
                guard address == nil else { throw StoreError.duplicate(id) }
                id = Self.address(for: dossier.id)
            }
            try await sql.insert(into: "dossiers").columns("id", "name", "organisation_id", "title", "current_revision", "updated_at")
                .values(SQLBind(id), SQLBind(dossier.id), SQLBind(organisationID), SQLBind(dossier.title), SQLBind(1), SQLBind(now)).run()
            try await Self.insertRevision(sql, dossierID: id, number: 1, author: author.id, summary: summary, restoredFrom: nil, content: content, at: now)
            for other in sharedWith where other != organisationID {
                try await sql.insert(into: "shares").columns("dossier_id", "organisation_id", "shared_by", "created_at")
                    .values(SQLBind(id), SQLBind(other), SQLBind(author.id), SQLBind(now)).run()
            }
            return id
        }
        return StoredDossier(record: DossierRecord(id: id, name: dossier.id, organisationID: organisationID, title: dossier.title, currentRevision: 1, updatedAt: now,
                                                   sharedWith: sharedWith.filter { $0 != organisationID }.sorted()),
                             revision: 1, dossier: dossier)
    }

    /// A new address: the dossier's id (shortened to leave room) and six random letters and
    /// digits, itself a valid id of at most 80 characters. 36⁶ ≈ 2·10⁹ per name: a clash is
    /// retried, and guessing one is hopeless.
    static func address(for name: String) -> String {
        var base = String(name.prefix(73))
        while base.hasSuffix("-") { base.removeLast() }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var random = SystemRandomNumberGenerator()
        return base + "-" + String((0..<6).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The address of the organisation's own dossier whose id is `name`, if there is one.
    public func address(ofDossierNamed name: String, organisationID: String) async throws -> String? {
        try await db.read { sql in
            try await sql.select().column("id").from("dossiers").where("organisation_id", .equal, SQLBind(organisationID))
                .where("name", .equal, SQLBind(name)).first().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// Saves a changed dossier as a new revision of the dossier at `address`, if `basedOn` is
    /// still the current one. A stale base is reported before problems in the content: the user
    /// must first see the newer revision. A dossier's id cannot change.
    public func save(_ dossier: Dossier, at address: String, basedOn: Int, viewer: User, summary: String) async throws -> StoredDossier {
        let errors = dossier.blockingProblems()
        let content = DossierWriter.write(dossier, as: .json)
        return try await db.write { sql -> StoredDossier in
            guard let record = try await Self.visibleRecord(sql, id: address, organisationID: viewer.organisationID, lock: true) else { throw StoreError.notFound }
            try await self.checkGuest(sql, record, viewer: viewer, blind: dossier.partnersBlind)
            guard record.currentRevision == basedOn else { throw StoreError.conflict(basedOn: basedOn, current: record.currentRevision) }
            guard dossier.id == record.name else { throw StoreError.notAllowed(Self.renamed(record.name, to: dossier.id)) }
            guard errors.isEmpty else { throw StoreError.invalidDossier(errors) }
            return try await Self.appendRevision(sql, record, dossier, content: content, author: viewer, summary: summary)
        }
    }

    /// Why a save that changes the dossier's id is refused (Dutch, for the page and the API).
    public static func renamed(_ name: String, to other: String) -> String {
        "De id van het dossier is '\(name)'; die kun je niet veranderen (je schreef '\(other)')."
    }

    /// Makes revision `number` current again, as a new revision that says so.
    public func restore(dossierID: String, revision number: Int, basedOn: Int, viewer: User) async throws -> StoredDossier {
        let old = try await dossier(id: dossierID, revision: number, viewer: viewer)
        return try await db.write { sql -> StoredDossier in
            guard let record = try await Self.visibleRecord(sql, id: dossierID, organisationID: viewer.organisationID, lock: true) else { throw StoreError.notFound }
            try await self.checkGuest(sql, record, viewer: viewer, blind: old.dossier.partnersBlind)
            guard record.currentRevision == basedOn else { throw StoreError.conflict(basedOn: basedOn, current: record.currentRevision) }
            return try await Self.appendRevision(sql, record, old.dossier, content: DossierWriter.write(old.dossier, as: .json), author: viewer,
                                                 summary: "Versie \(number) teruggezet", restoredFrom: number)
        }
    }

    /// The dossiers an organisation may see: its own and those shared with it, newest first.
    public func dossiers(viewer: User) async throws -> [DossierRecord] {
        try await read { try await $0.dossiers(viewer: viewer) }
    }

    /// A dossier at its current revision (or `revision`), if the viewer's organisation may see it.
    /// Without a transaction: one statement reads the record and its shares, and the revision's
    /// text (if not cached) never changes once written.
    public func dossier(id: String, revision: Int? = nil, viewer: User) async throws -> StoredDossier {
        try await statement { try await $0.dossier(id: id, revision: revision, viewer: viewer) }
    }

    /// The dossier page's reads (``StoreReader/dossierWithOrganisations(id:viewer:)``), without a transaction.
    public func dossierWithOrganisations(id: String, viewer: User) async throws -> (StoredDossier, [Organisation]) {
        try await statement { try await $0.dossierWithOrganisations(id: id, viewer: viewer) }
    }

    /// Every revision of a dossier, newest first.
    public func revisions(dossierID: String, viewer: User) async throws -> [RevisionInfo] {
        try await read { try await $0.revisions(dossierID: dossierID, viewer: viewer) }
    }

    /// Shares a dossier of the viewer's organisation with another organisation (explicit, visible).
    public func share(dossierID: String, with organisationID: String, viewer: User) async throws {
        try await db.write { sql in
            guard let record = try await Self.visibleRecord(sql, id: dossierID, organisationID: viewer.organisationID, lock: true),
                  record.organisationID == viewer.organisationID else { throw StoreError.notFound }
            if record.sharedWith.contains(organisationID) || organisationID == record.organisationID { return }
            try await sql.insert(into: "shares").columns("dossier_id", "organisation_id", "shared_by", "created_at")
                .values(SQLBind(dossierID), SQLBind(organisationID), SQLBind(viewer.id), SQLBind(Clock.now())).run()
        }
    }

    /// Saves a partner's own part (its weight sets and positions, ``PartnerPart``) onto the
    /// current revision, blind or not. The owner's editors may save any partner's part; anyone
    /// else only the part of the decision maker their organisation speaks for. A save from an
    /// older revision goes through when nobody changed this partner's part since: the rest of
    /// the dossier is not theirs to overwrite.
    public func savePartnerPart(_ part: PartnerPart, dossierID: String, basedOn: Int, viewer: User, summary: String) async throws -> StoredDossier {
        let parsed = self.parsed
        return try await db.write { sql -> StoredDossier in
            guard let record = try await Self.visibleRecord(sql, id: dossierID, organisationID: viewer.organisationID, lock: true) else { throw StoreError.notFound }
            let reader = StoreReader(sql: sql, parsed: parsed)
            let current = try await reader.dossier(record, revision: nil)
            guard viewer.role.canEdit else { throw StoreError.forbidden("Je mag dit dossier alleen lezen.") }
            guard let maker = current.dossier.decisionMakers.first(where: { $0.id == part.partner }) else { throw StoreError.notAllowed("Dit dossier heeft geen partner '\(part.partner)'.") }
            if record.organisationID != viewer.organisationID {
                guard try await reader.partner(of: viewer, in: current.dossier)?.id == maker.id else {
                    throw StoreError.forbidden("Je organisatie spreekt in dit dossier niet voor \(maker.name); je wijzigt alleen de weging van je eigen organisatie.")
                }
            }
            if record.currentRevision != basedOn {
                let base = try await reader.dossier(record, revision: basedOn)
                guard base.dossier.part(of: part.partner) == current.dossier.part(of: part.partner) else {
                    throw StoreError.conflict(basedOn: basedOn, current: record.currentRevision)
                }
            }
            let changed = current.dossier.replacing(part)
            if changed == current.dossier { return current }
            let errors = changed.blockingProblems()
            guard errors.isEmpty else { throw StoreError.invalidDossier(errors) }
            return try await Self.appendRevision(sql, record, changed, content: DossierWriter.write(changed, as: .json), author: viewer, summary: summary)
        }
    }

    /// The rules for a save by an organisation the dossier is shared with: while the partners
    /// weigh blind nobody but the owner changes anything; a partner-role guest whose organisation
    /// is one of the dossier's partners changes only its own part
    /// (``savePartnerPart(_:dossierID:basedOn:viewer:summary:)``); only the owner makes the
    /// weighing blind or open.
    private func checkGuest(_ sql: any SQLDatabase, _ record: DossierRecord, viewer: User, blind: Bool) async throws {
        guard record.organisationID != viewer.organisationID else { return }
        let reader = StoreReader(sql: sql, parsed: parsed)
        let current = try await reader.dossier(record, revision: nil)
        try StoreReader.refuseBlind(current, viewer: viewer)
        if viewer.role == .partner, try await reader.partner(of: viewer, in: current.dossier) != nil {
            throw StoreError.forbidden("Als partner wijzig je in het dossier van een andere organisatie alleen je eigen wegingen en standpunten, op de pagina ‘Afwegen met partners’.")
        }
        guard current.dossier.partnersBlind == blind else {
            throw StoreError.forbidden("Alleen de eigenaar van het dossier maakt de weging van de partners blind of open.")
        }
    }

    // MARK: - Helpers inside a transaction

    /// Makes `dossier` the next revision of `record` (whose row the caller holds locked): the
    /// revision row, and the record's current revision, title and time. Every change of a
    /// dossier's content ends here: a save, a restore, a partner's own part.
    static func appendRevision(_ sql: any SQLDatabase, _ record: DossierRecord, _ dossier: Dossier, content: String, author: User, summary: String,
                               restoredFrom: Int? = nil) async throws -> StoredDossier {
        let next = record.currentRevision + 1, now = Clock.now()
        try await insertRevision(sql, dossierID: record.id, number: next, author: author.id, summary: summary, restoredFrom: restoredFrom, content: content, at: now)
        try await sql.update("dossiers").set("current_revision", to: SQLBind(next)).set("title", to: SQLBind(dossier.title)).set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(record.id)).run()
        var updated = record
        updated.currentRevision = next
        updated.title = dossier.title
        updated.updatedAt = now
        return StoredDossier(record: updated, revision: next, dossier: dossier)
    }

    static func insertRevision(_ sql: any SQLDatabase, dossierID: String, number: Int, author: String, summary: String, restoredFrom: Int?, content: String, at now: String) async throws {
        try await sql.insert(into: "revisions").columns("dossier_id", "number", "author_id", "created_at", "summary", "restored_from", "content")
            .values(SQLBind(dossierID), SQLBind(number), SQLBind(author), SQLBind(now), SQLBind(summary), SQLBind(restoredFrom), SQLBind(content)).run()
    }

    /// The record if the organisation owns it or it is shared with it; `lock` takes a row lock
    /// on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the write lock).
    static func visibleRecord(_ sql: any SQLDatabase, id: String, organisationID: String, lock: Bool) async throws -> DossierRecord? {
        let record: DossierRecord
        if lock {
            // The row lock needs the plain row (PostgreSQL refuses FOR UPDATE on the nullable side of an outer join).
            guard let row = try await sql.select().columns("*").from("dossiers").where("id", .equal, SQLBind(id)).for(.update).first() else { return nil }
            record = try await Self.record(sql, row)
        } else {
            // The record and its shares in one query (one row per share): one round trip fewer on every page.
            let rows = try await sql.raw("""
                SELECT d.id AS id, d.name AS name, d.organisation_id AS organisation_id, d.title AS title, d.current_revision AS current_revision,
                       d.updated_at AS updated_at, s.organisation_id AS shared_with
                FROM dossiers d LEFT JOIN shares s ON s.dossier_id = d.id WHERE d.id = \(bind: id)
                """).all()
            guard let first = rows.first else { return nil }
            let shares = try rows.compactMap { try $0.decode(column: "shared_with", as: String?.self) }.sorted()
            record = try Self.record(first, sharedWith: shares)
        }
        guard record.organisationID == organisationID || record.sharedWith.contains(organisationID) else { return nil }
        return record
    }

    static func record(_ sql: any SQLDatabase, _ row: any SQLRow) async throws -> DossierRecord {
        let id = try row.decode(column: "id", as: String.self)
        let shares = try await sql.select().column("organisation_id").from("shares").where("dossier_id", .equal, SQLBind(id)).all()
        return try record(row, sharedWith: try shares.map { try $0.decode(column: "organisation_id", as: String.self) }.sorted())
    }

    static func record(_ row: any SQLRow, sharedWith: [String]) throws -> DossierRecord {
        try Rows.decode(row, as: Rows.DossierRow.self).record(sharedWith: sharedWith)
    }
}

/// Timestamps as ISO 8601 text in UTC, with milliseconds, so they sort as text. At the edge of the
/// store they become `Date` (``Timestamp/date(_:)``); pages show them in Europe/Amsterdam.
enum Clock {
    static func now() -> String { string(Date()) }

    /// A value type, made once: creating an `ISO8601DateFormatter` per call cost 5% of a page
    /// under load (every request checks its session's expiry).
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func string(_ date: Date) -> String { style.format(date) }
}

/// Reads the store's timestamps (ISO 8601 in UTC, with or without milliseconds).
public enum Timestamp {
    public static func date(_ text: String) -> Date? {
        (try? Clock.style.parse(text)) ?? (try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text))
    }
}

extension DossierRecord {
    /// When the current revision was saved.
    public var updated: Date? { Timestamp.date(updatedAt) }
}

extension RevisionInfo {
    public var created: Date? { Timestamp.date(createdAt) }
}

extension AuditEntry {
    public var date: Date? { Timestamp.date(at) }
}

extension Store {
    /// Drops every table: only for tests that share one PostgreSQL database.
    public func resetForTests() async throws {
        parsed.removeAll()
        try await db.write { sql in
            for table in ["live_consents", "live_consent_participation", "live_inputs", "live_participation", "live_participants", "live_sessions", "outbox", "registration_links", "veerkracht_settings", "veerkracht_files", "instrument_feedback", "instrument_cases", "instruments", "cases", "consents", "registration_events", "registrations", "participants", "working_sessions", "editions", "partnerships", "audit_log", "api_tokens", "sessions", "shares", "revisions", "dossiers", "users", "organisations", "schema_migrations"] {
                let cascade = sql.dialect.name == "postgresql" ? " CASCADE" : ""
                try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: table)\(unsafeRaw: cascade)").run()
            }
        }
    }
}

/// Dossiers already read, by (dossier, revision). A revision is never changed once written, so a
/// hit is always right (no invalidation needed); reading is most of the cost of showing a page.
struct ParsedKey: Hashable {
    var id: String
    var revision: Int
}

/// Values that never change under their key (a dossier's revision, a memo of a revision), kept in
/// memory so that costly work is done once. Bounded: emptied when full.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    private let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func contains(_ key: Key) -> Bool { lock.withLock { entries[key] != nil } }

    /// The value under `key`, made by `make` the first time.
    public func value(_ key: Key, make: () throws -> Value) rethrows -> Value {
        if let hit = lock.withLock({ entries[key] }) { return hit }
        let value = try make()
        keep(key, value)
        return value
    }

    public func removeAll() { lock.withLock { entries.removeAll() } }

    public func remove(_ key: Key) { lock.withLock { entries[key] = nil } }

    /// The value under `key`, if there is one.
    public func kept(_ key: Key) -> Value? { lock.withLock { entries[key] } }

    /// Keeps `value` under `key` (made elsewhere, e.g. asynchronously).
    public func keep(_ key: Key, _ value: Value) {
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}

/// A fixed number of places for heavy work (printing a PDF): `take()` gets one or says there is
/// none free; `release()` gives it back.
public final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var free: Int

    public init(_ count: Int) { free = count }

    public func take() -> Bool {
        lock.withLock {
            guard free > 0 else { return false }
            free -= 1
            return true
        }
    }

    public func release() { lock.withLock { free += 1 } }
}
