import Foundation
import SQLKit
import WikkenCore
import WikkenNetwork

/// A registration with its participant, as the organiser sees it.
public struct RegistrationRecord: Sendable, Equatable {
    public var id: String
    public var editionID: String
    public var participantID: String
    public var name: String
    public var email: String
    public var phone: String
    public var function: String
    public var organisationID: String?
    public var organisationName: String
    public var status: RegistrationStatus
    /// Order of arrival within the edition (1 = first).
    public var arrival: Int
    public var feeCents: Int
    /// Partner on the day of the edition's first session, when registering.
    public var partner: Bool
    public var paid: Bool
    public var needs: String
    public var brings: String
    public var intakeOn: String?
    /// Intake notes: for the organiser only (never on the participant's own page or export).
    public var intakeNotes: String
    public var createdAt: String
    public var anonymised: Bool
    public var deletionRequested: Bool
}

/// What the public registration form sends.
public struct RegistrationForm: Sendable {
    public var name: String
    public var email: String
    public var phone: String
    public var function: String
    /// A known organisation (its partner status counts), or nil with a name typed in.
    public var organisationID: String?
    public var organisationName: String
    public var needs: String
    public var brings: String
    public var newsletter: Bool

    public init(name: String, email: String, phone: String = "", function: String, organisationID: String?, organisationName: String = "",
                needs: String = "", brings: String = "", newsletter: Bool = false) {
        self.name = name
        self.email = email
        self.phone = phone
        self.function = function
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.needs = needs
        self.brings = brings
        self.newsletter = newsletter
    }
}

/// The result of registering: refused with a reason, or stored with its personal link token
/// (shown once; only its hash is kept).
public enum RegistrationOutcome: Sendable, Equatable {
    case refused(Admission.Refusal)
    case registered(RegistrationRecord, token: String)
}

/// One step in a registration's history.
public struct RegistrationEvent: Sendable, Equatable, Codable {
    public var at: String
    public var status: String
    public var by: String
    public var note: String
}

extension Store {
    /// The newsletter consent wording, stored with each consent record.
    public static let newsletterWording = "Ja, stuur mij de nieuwsbrief van Wikken en wegen. (Afmelden kan altijd.)"

    // MARK: - Partnerships

    /// Replaces the partner periods of an organisation.
    public func setPartnerships(organisationID: String, _ periods: [Partnership]) async throws {
        try await db.write { sql in
            try await sql.delete(from: "partnerships").where("organisation_id", .equal, SQLBind(organisationID)).run()
            for p in periods {
                try await sql.insert(into: "partnerships").columns("organisation_id", "since", "until")
                    .values(SQLBind(organisationID), SQLBind(p.since.description), SQLBind(p.until?.description)).run()
            }
        }
    }

    /// Partner periods per organisation id.
    public func partnerships() async throws -> [String: [Partnership]] {
        try await read { try await $0.partnerships() }
    }

    static func partnerships(_ sql: any SQLDatabase, organisationID: String?) async throws -> [String: [Partnership]] {
        var query = sql.select().columns("organisation_id", "since", "until").from("partnerships")
        if let organisationID { query = query.where("organisation_id", .equal, SQLBind(organisationID)) }
        var result: [String: [Partnership]] = [:]
        for row in try await query.orderBy("since").all() {
            let stored = try Rows.decode(row, as: Rows.PartnershipRow.self)
            guard let partnership = stored.partnership else { continue }
            result[stored.organisationId, default: []].append(partnership)
        }
        return result
    }

    // MARK: - Organisations in the network

    static func organisationCandidates(_ sql: any SQLDatabase) async throws -> [OrganisationMatch.Candidate] {
        try await sql.select().columns("id", "name", "email_domain").from("organisations").orderBy("name").all().map {
            OrganisationMatch.Candidate(id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "name", as: String.self),
                                        emailDomain: try $0.decode(column: "email_domain", as: String?.self))
        }
    }

    /// Every organisation with its e-mail domain and whether it was proposed at a registration
    /// (and not yet confirmed by the organiser).
    public func networkOrganisations() async throws -> [(organisation: Organisation, emailDomain: String?, proposed: Bool)] {
        try await read { r in
            try await r.sql.select().columns("id", "name", "email_domain", "proposed").from("organisations").orderBy("name").all().map {
                (Organisation(id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "name", as: String.self)),
                 try $0.decode(column: "email_domain", as: String?.self), try $0.decode(column: "proposed", as: Int.self) != 0)
            }
        }
    }

    /// The organiser sets an organisation's e-mail domain (empty: none) and confirms it.
    public func confirmOrganisation(id: String, emailDomain: String?) async throws {
        let domain = emailDomain.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        try await db.write { sql in
            guard try await sql.select().column("id").from("organisations").where("id", .equal, SQLBind(id)).first() != nil else { throw StoreError.notFound }
            try await sql.update("organisations").set("email_domain", to: SQLBind(domain)).set("proposed", to: SQLBind(0)).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// A proposed organisation is the same as a known one: its participants and registrations
    /// move to the known one (whose earlier participation then counts for them), and the proposed
    /// one goes. Only a proposed organisation without users or dossiers can be merged away.
    public func mergeOrganisation(_ proposedID: String, into knownID: String) async throws {
        try await db.write { sql in
            guard proposedID != knownID,
                  let row = try await sql.select().column("proposed").from("organisations").where("id", .equal, SQLBind(proposedID)).first(),
                  try row.decode(column: "proposed", as: Int.self) != 0 else {
                throw StoreError.notAllowed("Alleen een nieuw voorgestelde organisatie kan worden samengevoegd.")
            }
            guard try await sql.select().column("id").from("organisations").where("id", .equal, SQLBind(knownID)).first() != nil else { throw StoreError.notFound }
            let user = try await sql.select().column("id").from("users").where("organisation_id", .equal, SQLBind(proposedID)).first()
            let dossier = try await sql.select().column("id").from("dossiers").where("organisation_id", .equal, SQLBind(proposedID)).first()
            guard user == nil && dossier == nil else { throw StoreError.notAllowed("Deze organisatie heeft al gebruikers of dossiers; samenvoegen kan dan niet.") }
            let name = try await Self.organisationName(sql, id: knownID)
            try await sql.update("participants").set("organisation_id", to: SQLBind(knownID)).set("organisation_name", to: SQLBind(name))
                .where("organisation_id", .equal, SQLBind(proposedID)).run()
            try await sql.update("registrations").set("organisation_id", to: SQLBind(knownID)).where("organisation_id", .equal, SQLBind(proposedID)).run()
            try await sql.delete(from: "partnerships").where("organisation_id", .equal, SQLBind(proposedID)).run()
            try await sql.delete(from: "organisations").where("id", .equal, SQLBind(proposedID)).run()
        }
    }

    // MARK: - Editions and sessions

    public func createEdition(name: String, description: String) async throws -> Edition {
        try await db.write { sql in
            let taken = Set(try await sql.select().column("id").from("editions").all().map { try $0.decode(column: "id", as: String.self) })
            let edition = Edition(id: Slug.unique(from: name, reserved: ["nieuw"]) { taken.contains($0) }, name: name, description: description, open: true)
            try await sql.insert(into: "editions").columns("id", "name", "description", "open", "created_at")
                .values(SQLBind(edition.id), SQLBind(edition.name), SQLBind(edition.description), SQLBind(1), SQLBind(Clock.now())).run()
            return edition
        }
    }

    public func editions() async throws -> [Edition] {
        try await read { try await $0.editions() }
    }

    public func edition(id: String) async throws -> Edition? {
        try await read { try await $0.edition(id: id) }
    }

    static func edition(_ row: any SQLRow) throws -> Edition {
        try Rows.decode(row, as: Rows.EditionRow.self).edition
    }

    /// Changes an edition's name and description (its id, in every link, stays).
    public func updateEdition(id: String, name: String, description: String) async throws {
        try await db.write { sql in
            guard try await sql.select().column("id").from("editions").where("id", .equal, SQLBind(id)).first() != nil else { throw StoreError.notFound }
            try await sql.update("editions").set("name", to: SQLBind(name)).set("description", to: SQLBind(description)).where("id", .equal, SQLBind(id)).run()
        }
    }

    public func setEditionOpen(id: String, _ open: Bool) async throws {
        try await db.write { sql in try await sql.update("editions").set("open", to: SQLBind(open ? 1 : 0)).where("id", .equal, SQLBind(id)).run() }
    }

    /// Adds the next working session of an edition (number 1, 2, …).
    public func addSession(editionID: String, date: Day, start: TimeOfDay, end: TimeOfDay, place: String?, theme: String, agenda: String, seats: Int) async throws -> WorkingSession {
        try await db.write { sql in
            guard try await sql.select().column("id").from("editions").where("id", .equal, SQLBind(editionID)).first() != nil else { throw StoreError.notFound }
            let number = try await Self.sessions(sql, editionID: editionID).count + 1
            let session = WorkingSession(id: "\(editionID)-\(number)", editionID: editionID, number: number, date: date, start: start, end: end,
                                         place: place, theme: theme, agenda: agenda, seats: seats, sequence: 0)
            try await sql.insert(into: "working_sessions")
                .columns("id", "edition_id", "number", "date", "start_time", "end_time", "place", "theme", "agenda", "seats", "sequence")
                .values(SQLBind(session.id), SQLBind(editionID), SQLBind(number), SQLBind(date.description), SQLBind(start.description), SQLBind(end.description),
                        SQLBind(place), SQLBind(theme), SQLBind(agenda), SQLBind(seats), SQLBind(0)).run()
            return session
        }
    }

    /// Changes a session. When its day, times or place change, its SEQUENCE rises so calendars
    /// that imported it update the event. Returns the session as stored.
    public func updateSession(_ changed: WorkingSession) async throws -> WorkingSession {
        try await db.write { sql in
            guard let old = try await sql.select().columns("*").from("working_sessions").where("id", .equal, SQLBind(changed.id)).for(.update).first().map(Self.session) else {
                throw StoreError.notFound
            }
            var new = changed
            new.editionID = old.editionID
            new.number = old.number
            let moved = old.date != new.date || old.start != new.start || old.end != new.end || old.place != new.place
            new.sequence = old.sequence + (moved ? 1 : 0)
            try await sql.update("working_sessions")
                .set("date", to: SQLBind(new.date.description)).set("start_time", to: SQLBind(new.start.description)).set("end_time", to: SQLBind(new.end.description))
                .set("place", to: SQLBind(new.place)).set("theme", to: SQLBind(new.theme)).set("agenda", to: SQLBind(new.agenda))
                .set("seats", to: SQLBind(new.seats)).set("sequence", to: SQLBind(new.sequence))
                .where("id", .equal, SQLBind(new.id)).run()
            return new
        }
    }

    public func session(id: String) async throws -> WorkingSession? {
        try await read { try await $0.session(id: id) }
    }

    public func sessions(editionID: String) async throws -> [WorkingSession] {
        try await read { try await $0.sessions(editionID: editionID) }
    }

    /// Every edition with its sessions, newest edition first, in one read unit and two queries
    /// (the network's overview page and the API's list).
    public func editionsWithSessions() async throws -> [(edition: Edition, sessions: [WorkingSession])] {
        try await read { try await $0.editionsWithSessions() }
    }

    /// The seats held per edition (registrations whose status holds a seat), in one query.
    public func seatsHeld() async throws -> [String: Int] {
        try await read { try await $0.seatsHeld() }
    }

    static func sessions(_ sql: any SQLDatabase, editionID: String) async throws -> [WorkingSession] {
        try await sql.select().columns("*").from("working_sessions").where("edition_id", .equal, SQLBind(editionID)).orderBy("number").all().map(session)
    }

    static func session(_ row: any SQLRow) throws -> WorkingSession {
        try Rows.decode(row, as: Rows.SessionRow.self).session
    }

    // MARK: - Registrations

    /// Registers for an edition under the rules of `Admission`, in one unit of work that holds
    /// the edition's row (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE), so two registrations
    /// racing for the last seat cannot both get it.
    public func register(editionID: String, _ form: RegistrationForm) async throws -> RegistrationOutcome {
        let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
        let token = Self.randomToken()
        let contact = self.contact
        return try await db.write { sql -> RegistrationOutcome in
            guard let edition = try await sql.select().columns("*").from("editions").where("id", .equal, SQLBind(editionID)).for(.update).first().map(Self.edition) else {
                throw StoreError.notFound
            }
            let sessions = try await Self.sessions(sql, editionID: editionID)
            let participant = try await sql.select().columns("*").from("participants").where("email", .equal, SQLBind(email)).first()
            let participantID = try participant?.decode(column: "id", as: String.self) ?? UUID().uuidString.lowercased()
            let mine = try await Self.registrations(sql, where: "participant_id", participantID)
            let alreadyRegistered = mine.contains { $0.editionID == editionID && $0.status != .afgemeld && $0.status != .afgewezen }
            // The organisation: chosen from the list, or the known one the typed name or the
            // address's domain matches (so a new name or a new address does not make a first-timer).
            var organisationID = form.organisationID
            if organisationID == nil {
                organisationID = OrganisationMatch.match(name: form.organisationName, email: email, among: try await Self.organisationCandidates(sql))?.id
            }
            // Earlier participation as a non-partner, admitted: this person's, and anyone's of the organisation.
            var earlierIDs = Set(mine.filter { $0.editionID != editionID && $0.status == .toegelaten && !$0.partner }.map(\.editionID))
            if let organisationID {
                let rows = try await sql.select().column("edition_id").from("registrations")
                    .where("organisation_id", .equal, SQLBind(organisationID)).where("status", .equal, SQLBind(RegistrationStatus.toegelaten.rawValue))
                    .where("partner", .equal, SQLBind(0)).where("edition_id", .notEqual, SQLBind(editionID)).all()
                for row in rows { earlierIDs.insert(try row.decode(column: "edition_id", as: String.self)) }
            }
            var earlier: [String] = []
            for id in earlierIDs.sorted() {
                earlier.append(try await sql.select().column("name").from("editions").where("id", .equal, SQLBind(id)).first()?.decode(column: "name", as: String.self) ?? id)
            }
            let partnerships = try await organisationID.asyncMap { try await Self.partnerships(sql, organisationID: $0)[$0] ?? [] } ?? []
            let held = try await Self.registrations(sql, where: "edition_id", editionID).filter { $0.status.holdsSeat }.count
            let decision = Admission.decide(edition: edition, sessions: sessions,
                                            applicant: .init(partnerships: partnerships, earlierNonPartnerEditions: earlier, alreadyRegistered: alreadyRegistered), seatsHeld: held)
            guard case .registered(let status, let fee, let partner) = decision else {
                if case .refused(let refusal) = decision { return .refused(refusal) }
                fatalError("unreachable")
            }
            let now = Clock.now()
            var organisationName = form.organisationName
            if let id = organisationID {
                organisationName = try await Self.organisationName(sql, id: id)
            } else if !organisationName.isEmpty {
                // A new organisation, proposed until the organiser confirms it or merges it with a known one.
                let id = UUID().uuidString.lowercased()
                try await sql.insert(into: "organisations").columns("id", "name", "created_at", "email_domain", "proposed")
                    .values(SQLBind(id), SQLBind(organisationName), SQLBind(now), SQLBind(OrganisationMatch.domain(of: email)), SQLBind(1)).run()
                organisationID = id
            }
            if participant == nil {
                try await sql.insert(into: "participants").columns("id", "email", "name", "phone", "function", "organisation_id", "organisation_name", "created_at")
                    .values(SQLBind(participantID), SQLBind(email), SQLBind(form.name), SQLBind(form.phone), SQLBind(form.function), SQLBind(organisationID),
                            SQLBind(organisationName), SQLBind(now)).run()
            } else {
                try await sql.update("participants").set("name", to: SQLBind(form.name)).set("phone", to: SQLBind(form.phone)).set("function", to: SQLBind(form.function))
                    .set("organisation_id", to: SQLBind(organisationID)).set("organisation_name", to: SQLBind(organisationName))
                    .where("id", .equal, SQLBind(participantID)).run()
            }
            let arrival = (try await sql.select().column(SQLFunction("MAX", args: SQLColumn("arrival")), as: "last").from("registrations")
                .where("edition_id", .equal, SQLBind(editionID)).first()?.decode(column: "last", as: Int?.self) ?? 0) + 1
            let id = UUID().uuidString.lowercased()
            try await sql.insert(into: "registrations")
                .columns("id", "edition_id", "participant_id", "organisation_id", "status", "arrival", "fee_cents", "partner", "paid", "needs", "brings", "intake_notes", "token_hash", "created_at")
                .values(SQLBind(id), SQLBind(editionID), SQLBind(participantID), SQLBind(organisationID), SQLBind(status.rawValue), SQLBind(arrival), SQLBind(fee), SQLBind(partner ? 1 : 0), SQLBind(0),
                        SQLBind(form.needs), SQLBind(form.brings), SQLBind(""), SQLBind(SHA256.hex(Array(token.utf8))), SQLBind(now)).run()
            try await Self.event(sql, registrationID: id, status: status, by: form.name, note: status == .wachtlijst ? "Alle plaatsen bezet: op de wachtlijst." : "Aangemeld.")
            try await sql.insert(into: "consents").columns("participant_id", "kind", "given", "at", "wording")
                .values(SQLBind(participantID), SQLBind("nieuwsbrief"), SQLBind(form.newsletter ? 1 : 0), SQLBind(now), SQLBind(Self.newsletterWording)).run()
            guard let record = try await Self.registrations(sql, where: "id", id).first else { throw StoreError.notFound }
            // The confirmation with the personal link, in this unit of work: no registration without its mail.
            let all = try await Self.registrations(sql, where: "edition_id", editionID)
            let place = status == .wachtlijst ? Waitlist.position(of: id, in: all.map { Waitlist.Entry(id: $0.id, status: $0.status, arrival: $0.arrival) }) : nil
            try await Self.enqueue(sql, NetworkMail.registered(name: record.name, email: record.email, edition: edition.name, waitlist: place, feeCents: fee,
                                                               link: NetworkMail.link(contact, token: token), contact: contact), registrationID: id)
            return .registered(record, token: token)
        }
    }

    public func registrations(editionID: String) async throws -> [RegistrationRecord] {
        try await read { try await $0.registrations(editionID: editionID) }
    }

    /// The registration of a personal link, if the token is right.
    public func registration(token: String) async throws -> RegistrationRecord? {
        try await read { try await $0.registration(token: token) }
    }

    public func registration(id: String) async throws -> RegistrationRecord? {
        try await read { try await $0.registration(id: id) }
    }

    static func registrations(_ sql: any SQLDatabase, where column: String, _ value: String) async throws -> [RegistrationRecord] {
        try await sql.select()
            .columns(SQLColumn("id", table: "registrations"), SQLColumn("edition_id", table: "registrations"), SQLColumn("participant_id", table: "registrations"),
                     SQLColumn("status", table: "registrations"), SQLColumn("arrival", table: "registrations"), SQLColumn("fee_cents", table: "registrations"),
                     SQLColumn("partner", table: "registrations"), SQLColumn("paid", table: "registrations"), SQLColumn("needs", table: "registrations"),
                     SQLColumn("brings", table: "registrations"), SQLColumn("intake_on", table: "registrations"), SQLColumn("intake_notes", table: "registrations"),
                     SQLColumn("created_at", table: "registrations"), SQLColumn("name", table: "participants"), SQLColumn("email", table: "participants"),
                     SQLColumn("phone", table: "participants"), SQLColumn("function", table: "participants"), SQLColumn("organisation_id", table: "registrations"),
                     SQLColumn("organisation_name", table: "participants"), SQLColumn("anonymised_at", table: "participants"),
                     SQLColumn("deletion_requested_at", table: "participants"))
            .from("registrations")
            .join("participants", on: SQLColumn("participant_id", table: "registrations"), .equal, SQLColumn("id", table: "participants"))
            .where(SQLColumn(column, table: "registrations"), .equal, SQLBind(value))
            .orderBy(SQLColumn("arrival", table: "registrations"))
            .all().map { try Rows.decode($0, as: Rows.RegistrationRow.self).record }
    }

    static func event(_ sql: any SQLDatabase, registrationID: String, status: RegistrationStatus, by: String, note: String) async throws {
        try await sql.insert(into: "registration_events").columns("registration_id", "at", "status", "by_name", "note")
            .values(SQLBind(registrationID), SQLBind(Clock.now()), SQLBind(status.rawValue), SQLBind(by), SQLBind(note)).run()
    }

    public func events(registrationID: String) async throws -> [RegistrationEvent] {
        try await read { try await $0.events(registrationID: registrationID) }
    }

    /// Moves a registration to `status` if the flow allows it (see `RegistrationStatus.next`),
    /// with the intake day and notes when given. When a seat frees (withdrawal or refusal of a
    /// seat holder) the first on the waitlist moves up to `aangemeld`, in the same unit of work;
    /// that registration is returned.
    @discardableResult
    public func setStatus(registrationID: String, to status: RegistrationStatus, by: String, intakeOn: Day? = nil, intakeNotes: String? = nil, note: String = "") async throws -> RegistrationRecord? {
        let contact = self.contact
        return try await db.write { sql -> RegistrationRecord? in
            guard let current = try await Self.registrations(sql, where: "id", registrationID).first else { throw StoreError.notFound }
            // Hold the edition, as registering does, so a freed seat is given exactly once.
            _ = try await sql.select().column("id").from("editions").where("id", .equal, SQLBind(current.editionID)).for(.update).first()
            guard current.status.next.contains(status) else {
                throw StoreError.notAllowed("Van ‘\(current.status.label)’ kan de aanmelding niet naar ‘\(status.label)’. Mogelijk: \(current.status.next.map(\.label).joined(separator: ", ")).")
            }
            var update = sql.update("registrations").set("status", to: SQLBind(status.rawValue))
            if let intakeOn { update = update.set("intake_on", to: SQLBind(intakeOn.description)) }
            if let intakeNotes { update = update.set("intake_notes", to: SQLBind(intakeNotes)) }
            try await update.where("id", .equal, SQLBind(registrationID)).run()
            try await Self.event(sql, registrationID: registrationID, status: status, by: by, note: note)
            // The participant hears of an intake, an admission or a refusal (not of their own withdrawal).
            if status != current.status { try await Self.mailForStatus(sql, current, status: status, intakeOn: intakeOn, contact: contact) }
            guard current.status.holdsSeat, !status.holdsSeat else { return nil }
            let all = try await Self.registrations(sql, where: "edition_id", current.editionID)
            guard let next = Waitlist.next(all.map { Waitlist.Entry(id: $0.id, status: $0.status, arrival: $0.arrival) }) else { return nil }
            try await sql.update("registrations").set("status", to: SQLBind(RegistrationStatus.aangemeld.rawValue)).where("id", .equal, SQLBind(next.id)).run()
            try await Self.event(sql, registrationID: next.id, status: .aangemeld, by: "Wikken", note: "Er kwam een plaats vrij; als eerste op de wachtlijst krijg je die plaats.")
            let moved = try await Self.registrations(sql, where: "id", next.id).first
            if let moved { try await Self.mailForStatus(sql, moved, status: .aangemeld, intakeOn: nil, contact: contact) }
            return moved
        }
    }

    /// Marks the fee paid or not; the registration's history says who did it.
    public func setPaid(registrationID: String, _ paid: Bool, by: String = "") async throws {
        try await db.write { sql in
            guard let r = try await Self.registrations(sql, where: "id", registrationID).first else { throw StoreError.notFound }
            try await sql.update("registrations").set("paid", to: SQLBind(paid ? 1 : 0)).where("id", .equal, SQLBind(registrationID)).run()
            try await Self.event(sql, registrationID: registrationID, status: r.status, by: by, note: paid ? "Bijdrage betaald." : "Bijdrage toch niet betaald.")
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
