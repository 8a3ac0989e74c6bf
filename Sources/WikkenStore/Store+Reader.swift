import Foundation
import SQLKit
import WikkenCore
import WikkenFormats
import WikkenNetwork

extension Store {
    /// One read unit of work: everything a page needs, seen in one consistent state, without
    /// the write lock. `store.read { r in (try await r.dossier(…), try await r.organisations()) }`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T {
        let parsed = self.parsed
        return try await db.read { sql in try await body(StoreReader(sql: sql, parsed: parsed)) }
    }

    /// Reads that need no transaction around them (see ``SQLTransactions/statement(_:)``): only
    /// for a reader method documented as one statement (plus rows that never change).
    func statement<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T {
        let parsed = self.parsed
        return try await db.statement { sql in try await body(StoreReader(sql: sql, parsed: parsed)) }
    }
}

/// Every read of the store, inside one read unit (see ``Store/read(_:)``). The store's single
/// reads (`store.edition(id:)`, …) are these, each in a unit of its own: each query is written once.
public struct StoreReader: Sendable {
    let sql: any SQLDatabase
    let parsed: BoundedCache<ParsedKey, Dossier>

    /// The organisations that have members or were confirmed: not those proposed at a
    /// registration and still waiting for the organiser (see ``Store/networkOrganisations()``).
    public func organisations() async throws -> [Organisation] {
        try await sql.select().columns("id", "name").from("organisations").where("proposed", .equal, SQLBind(0)).orderBy("name").all().map { try Rows.decode($0, as: Rows.OrganisationRow.self).organisation }
    }

    public func organisation(id: String) async throws -> Organisation? {
        try await sql.select().columns("id", "name").from("organisations").where("id", .equal, SQLBind(id)).first()
            .map { try Rows.decode($0, as: Rows.OrganisationRow.self).organisation }
    }

    /// The dossiers an organisation may see: its own and those shared with it, newest first. Two
    /// queries, whatever the number of dossiers: the records, then all their shares.
    public func dossiers(viewer: User) async throws -> [DossierRecord] {
        let organisation = viewer.organisationID
        let visible: SQLQueryString = "organisation_id = \(bind: organisation) OR id IN (SELECT dossier_id FROM shares WHERE organisation_id = \(bind: organisation))"
        let rows = try await sql.raw("SELECT id, name, organisation_id, title, current_revision, updated_at FROM dossiers WHERE \(visible) ORDER BY updated_at DESC, id DESC").all()
        let shareRows = try await sql.raw("SELECT dossier_id, organisation_id FROM shares WHERE dossier_id IN (SELECT id FROM dossiers WHERE \(visible))").all()
        var shares: [String: [String]] = [:]
        for row in shareRows {
            shares[try row.decode(column: "dossier_id", as: String.self), default: []].append(try row.decode(column: "organisation_id", as: String.self))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return try Store.record(row, sharedWith: (shares[id] ?? []).sorted())
        }
    }

    /// A dossier at its current revision (or `revision`), if the viewer's organisation may see it.
    /// A revision never changes, so a dossier already read is taken from the cache by (id,
    /// revision) and its text is not even fetched.
    /// While the partners weigh blind, an organisation other than the owner gets ``StoreError/blind(dossierID:)``.
    public func dossier(id: String, revision: Int? = nil, viewer: User) async throws -> StoredDossier {
        guard let record = try await Store.visibleRecord(sql, id: id, organisationID: viewer.organisationID, lock: false) else { throw StoreError.notFound }
        let current = try await dossier(record, revision: nil)
        try Self.refuseBlind(current, viewer: viewer)
        return revision == nil || revision == record.currentRevision ? current : try await dossier(record, revision: revision)
    }

    /// The blind rule, for every read of a dossier's content or history: while the current
    /// revision says `partnerweging: blind`, only the owner's organisation sees it whole.
    static func refuseBlind(_ current: StoredDossier, viewer: User) throws {
        if current.dossier.partnersBlind, current.record.organisationID != viewer.organisationID { throw StoreError.blind(dossierID: current.record.id) }
    }

    /// The partners page's read: the whole dossier, blind or not, with the decision maker the
    /// viewer's organisation speaks for (by `organisatie`, see ``Dossier/decisionMaker(forOrganisation:)``).
    /// The page shows a blind viewer only its own part; every other read refuses it.
    public func dossierForPartners(id: String, viewer: User) async throws -> (StoredDossier, partner: DecisionMaker?) {
        guard let record = try await Store.visibleRecord(sql, id: id, organisationID: viewer.organisationID, lock: false) else { throw StoreError.notFound }
        let current = try await dossier(record, revision: nil)
        return (current, try await partner(of: viewer, in: current.dossier))
    }

    /// The decision maker of `dossier` the viewer's organisation speaks for (its `organisatie`).
    func partner(of viewer: User, in dossier: Dossier) async throws -> DecisionMaker? {
        guard let name = try await organisation(id: viewer.organisationID)?.name else { return nil }
        return dossier.decisionMaker(forOrganisation: name)
    }

    /// A dossier's page: the dossier and every organisation (for the names it is shared with and
    /// those it could be shared with), in **one statement** — the record crossed with the
    /// organisations, each row saying whether the dossier is shared with that one — plus the
    /// revision's text when it is not cached (a revision never changes). So the page needs no
    /// transaction around its reads: on PostgreSQL one round trip instead of four.
    public func dossierWithOrganisations(id: String, viewer: User) async throws -> (StoredDossier, [Organisation]) {
        let rows = try await sql.raw("""
            SELECT d.id AS id, d.name AS name, d.organisation_id AS organisation_id, d.title AS title, d.current_revision AS current_revision,
                   d.updated_at AS updated_at, o.id AS organisation, o.name AS organisation_name, s.organisation_id AS shared_with
            FROM dossiers d CROSS JOIN organisations o LEFT JOIN shares s ON s.dossier_id = d.id AND s.organisation_id = o.id
            WHERE d.id = \(bind: id) AND o.proposed = 0 ORDER BY o.name, o.id
            """).all()
        guard let first = rows.first else { throw StoreError.notFound }
        let organisations = try rows.map { Organisation(id: try $0.decode(column: "organisation", as: String.self), name: try $0.decode(column: "organisation_name", as: String.self)) }
        let shares = try rows.compactMap { try $0.decode(column: "shared_with", as: String?.self) }.sorted()
        let record = try Store.record(first, sharedWith: shares)
        guard record.organisationID == viewer.organisationID || shares.contains(viewer.organisationID) else { throw StoreError.notFound }
        let current = try await dossier(record, revision: nil)
        try Self.refuseBlind(current, viewer: viewer)
        return (current, organisations)
    }

    /// The dossier of a record the viewer may see, at `revision` or the current one.
    func dossier(_ record: DossierRecord, revision: Int?) async throws -> StoredDossier {
        let id = record.id
        let number = revision ?? record.currentRevision
        var content: String?
        if !parsed.contains(ParsedKey(id: id, revision: number)) {
            guard let row = try await sql.select().column("content").from("revisions")
                .where("dossier_id", .equal, SQLBind(id)).where("number", .equal, SQLBind(number)).first() else { throw StoreError.notFound }
            content = try row.decode(column: "content", as: String.self)
        }
        let dossier = try parsed.value(ParsedKey(id: id, revision: number)) {
            guard let content else { throw StoreError.notFound }
            let read = DossierReader.read(content, file: "\(id)@\(number).json", syntax: .json)
            guard let dossier = read.dossier else { throw StoreError.invalidDossier(read.errors) }
            return dossier
        }
        return StoredDossier(record: record, revision: number, dossier: dossier)
    }

    /// Every revision of a dossier, newest first, with its author's name.
    public func revisions(dossierID: String, viewer: User) async throws -> [RevisionInfo] {
        guard let record = try await Store.visibleRecord(sql, id: dossierID, organisationID: viewer.organisationID, lock: false) else { throw StoreError.notFound }
        try Self.refuseBlind(try await dossier(record, revision: nil), viewer: viewer)
        let rows = try await sql.select().columns(SQLColumn("number", table: "revisions"), SQLColumn("author_id", table: "revisions"),
                                                  SQLColumn("created_at", table: "revisions"), SQLColumn("summary", table: "revisions"),
                                                  SQLColumn("restored_from", table: "revisions"), SQLColumn("name", table: "users"))
            .from("revisions").join("users", on: SQLColumn("author_id", table: "revisions"), .equal, SQLColumn("id", table: "users"))
            .where(SQLColumn("dossier_id", table: "revisions"), .equal, SQLBind(dossierID))
            .orderBy(SQLColumn("number", table: "revisions"), SQLDirection.descending).all()
        return try rows.map { try Rows.decode($0, as: Rows.RevisionRow.self).info }
    }

    // MARK: - Accounts

    public func users() async throws -> [User] {
        try await sql.select().columns("*").from("users").orderBy("organisation_id").orderBy("name").all().map(Store.user)
    }

    /// The newest lines of the account log, with the actor's name.
    public func auditLog(limit: Int = 50) async throws -> [AuditEntry] {
        try await sql.select().columns(SQLColumn("at", table: "audit_log"), SQLColumn("name", table: "users"), SQLColumn("action", table: "audit_log"),
                                       SQLColumn("subject", table: "audit_log"), SQLColumn("detail", table: "audit_log"))
            .from("audit_log").join("users", on: SQLColumn("actor_id", table: "audit_log"), .equal, SQLColumn("id", table: "users"))
            .orderBy(SQLColumn("at", table: "audit_log"), SQLDirection.descending).limit(limit).all().map { try Rows.decode($0, as: Rows.AuditRow.self).entry }
    }

    // MARK: - The network

    /// Every edition, newest first.
    public func editions() async throws -> [Edition] {
        try await sql.select().columns("*").from("editions").orderBy("created_at", .descending).all().map(Store.edition)
    }

    public func session(id: String) async throws -> WorkingSession? {
        try await sql.select().columns("*").from("working_sessions").where("id", .equal, SQLBind(id)).first().map(Store.session)
    }

    /// The seats held per edition (registrations whose status holds a seat), in one query.
    public func seatsHeld() async throws -> [String: Int] {
        let holding = RegistrationStatus.allCases.filter(\.holdsSeat).map(\.rawValue)
        let rows = try await sql.select().column("edition_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "held").from("registrations")
            .where("status", .in, holding).groupBy("edition_id").all()
        var held: [String: Int] = [:]
        for row in rows { held[try row.decode(column: "edition_id", as: String.self)] = try row.decode(column: "held", as: Int.self) }
        return held
    }

    public func registration(id: String) async throws -> RegistrationRecord? { try await Store.registrations(sql, where: "id", id).first }

    public func `case`(id: String) async throws -> CaseRecord? { try await Store.cases(sql, where: SQLColumn("id", table: "cases"), id).first }

    public func cases(sessionID: String) async throws -> [CaseRecord] { try await Store.cases(sql, where: SQLColumn("session_id", table: "cases"), sessionID) }
    /// The case a dossier was made from, if any.
    public func `case`(dossierID: String) async throws -> CaseRecord? { try await Store.cases(sql, where: SQLColumn("dossier_id", table: "cases"), dossierID).first }

    /// Every edition with its sessions, newest edition first, in two queries.
    public func editionsWithSessions() async throws -> [(edition: Edition, sessions: [WorkingSession])] {
        let editions = try await self.editions()
        let sessions = try await sql.select().columns("*").from("working_sessions").orderBy("number").all().map(Store.session)
        let byEdition = Dictionary(grouping: sessions, by: \.editionID)
        return editions.map { ($0, byEdition[$0.id] ?? []) }
    }

    /// Who wants the newsletter by their latest choice, not anonymised, by e-mail address; one query.
    public func newsletterList() async throws -> [(name: String, email: String)] {
        let rows = try await sql.raw("""
            SELECT c.participant_id AS participant_id, c.given AS given, p.name AS name, p.email AS email, p.anonymised_at AS anonymised_at
            FROM consents c JOIN participants p ON p.id = c.participant_id WHERE c.kind = 'nieuwsbrief' ORDER BY c.at
            """).all()
        var latest: [String: (given: Bool, name: String, email: String, anonymised: Bool)] = [:]
        for row in rows {
            latest[try row.decode(column: "participant_id", as: String.self)] = (try row.decode(column: "given", as: Int.self) != 0, try row.decode(column: "name", as: String.self),
                                                                                   try row.decode(column: "email", as: String.self),
                                                                                   try row.decode(column: "anonymised_at", as: String?.self) != nil)
        }
        return latest.values.filter { $0.given && !$0.anonymised }.map { (name: $0.name, email: $0.email) }.sorted { $0.email < $1.email }
    }

    public func edition(id: String) async throws -> Edition? {
        try await sql.select().columns("*").from("editions").where("id", .equal, SQLBind(id)).first().map(Store.edition)
    }

    public func sessions(editionID: String) async throws -> [WorkingSession] { try await Store.sessions(sql, editionID: editionID) }

    public func registrations(editionID: String) async throws -> [RegistrationRecord] { try await Store.registrations(sql, where: "edition_id", editionID) }

    /// The registration of a personal link, if the token is right.
    public func registration(token: String) async throws -> RegistrationRecord? {
        let hash = SHA256.hex(Array(token.utf8))
        if let first = try await Store.registrations(sql, where: "token_hash", hash).first { return first }
        // The links sent later, each in its own mail (`registration_links`).
        guard let row = try await sql.select().column("registration_id").from("registration_links").where("token_hash", .equal, SQLBind(hash)).first() else { return nil }
        return try await Store.registrations(sql, where: "id", try row.decode(column: "registration_id", as: String.self)).first
    }

    public func events(registrationID: String) async throws -> [RegistrationEvent] {
        try await sql.select().columns("at", "status", "by_name", "note").from("registration_events").where("registration_id", .equal, SQLBind(registrationID))
            .orderBy("at").all().map { try Rows.decode($0, as: Rows.EventRow.self).event }
    }

    public func consents(participantID: String) async throws -> [ConsentRecord] {
        try await sql.select().columns("kind", "given", "at", "wording").from("consents").where("participant_id", .equal, SQLBind(participantID)).orderBy("at").all()
            .map { try Rows.decode($0, as: Rows.ConsentRow.self).record }
    }

    public func instruments() async throws -> [InstrumentCard] {
        try await sql.select().columns("*").from("instruments").orderBy("origin", .descending).orderBy("name").all().map(Store.instrument)
    }

    /// Every organisation's partner periods.
    public func partnerships() async throws -> [String: [Partnership]] { try await Store.partnerships(sql, organisationID: nil) }

    /// An edition with its sessions and registrations, and every organisation's partner periods:
    /// what the edition's pages and the organiser's dashboard show.
    public func editionOverview(id: String) async throws -> EditionOverview? {
        guard let edition = try await edition(id: id) else { return nil }
        return EditionOverview(edition: edition, sessions: try await sessions(editionID: id), registrations: try await registrations(editionID: id),
                               partnerships: try await partnerships())
    }

    /// A working session's cases with the instruments each was tried with (ids), in two queries.
    public func casesWithInstruments(sessionID: String) async throws -> [(case: CaseRecord, instruments: [String])] {
        let cases = try await self.cases(sessionID: sessionID)
        let rows = try await sql.raw("""
            SELECT ic.case_id AS case_id, ic.instrument_id AS instrument_id FROM instrument_cases ic JOIN cases c ON c.id = ic.case_id
            WHERE c.session_id = \(bind: sessionID) ORDER BY ic.instrument_id
            """).all()
        var links: [String: [String]] = [:]
        for row in rows { links[try row.decode(column: "case_id", as: String.self), default: []].append(try row.decode(column: "instrument_id", as: String.self)) }
        return cases.map { ($0, links[$0.id] ?? []) }
    }

    public func instrument(id: String) async throws -> InstrumentCard? {
        try await sql.select().columns("*").from("instruments").where("id", .equal, SQLBind(id)).first().map(Store.instrument)
    }

    /// The cases an instrument was tried on, in one query.
    public func cases(instrumentID: String) async throws -> [CaseRecord] {
        try await sql.raw("""
            SELECT c.*, p.name AS name, p.anonymised_at AS anonymised_at FROM cases c
            LEFT JOIN registrations r ON r.id = c.registration_id LEFT JOIN participants p ON p.id = r.participant_id
            WHERE c.id IN (SELECT case_id FROM instrument_cases WHERE instrument_id = \(bind: instrumentID)) ORDER BY c.created_at
            """).all().map { try Rows.decode($0, as: Rows.CaseRow.self).record }
    }

    /// An instrument's feedback with the session and edition it was given for (nil when gone), in one query.
    public func feedbackWithSessions(instrumentID: String) async throws -> [(feedback: FeedbackRecord, session: WorkingSession?, edition: String?)] {
        let rows = try await sql.raw("""
            SELECT f.instrument_id AS instrument_id, f.session_id AS session_id, f.helped AS helped, f.did_not_help AS did_not_help, f.score AS score,
                   f.created_at AS created_at, f.shown_as AS shown_as, e.name AS edition_name
            FROM instrument_feedback f LEFT JOIN working_sessions ws ON ws.id = f.session_id LEFT JOIN editions e ON e.id = ws.edition_id
            WHERE f.instrument_id = \(bind: instrumentID) ORDER BY f.created_at
            """).all()
        let sessionRows = try await sql.raw("""
            SELECT * FROM working_sessions WHERE id IN (SELECT session_id FROM instrument_feedback WHERE instrument_id = \(bind: instrumentID))
            """).all()
        let sessions = Dictionary(firstValues: try sessionRows.map(Store.session).map { ($0.id, $0) })
        return try rows.map { row in
            let feedback = try Rows.decode(row, as: Rows.FeedbackRow.self).record
            return (feedback, sessions[feedback.sessionID], try row.decode(column: "edition_name", as: String?.self))
        }
    }

    public func cases(registrationID: String) async throws -> [CaseRecord] {
        try await Store.cases(sql, where: SQLColumn("registration_id", table: "cases"), registrationID)
    }
}

/// An edition as its pages show it, read in one unit of work (``StoreReader/editionOverview(id:)``).
public struct EditionOverview: Sendable {
    public var edition: Edition
    public var sessions: [WorkingSession]
    public var registrations: [RegistrationRecord]
    public var partnerships: [String: [Partnership]]
}
