import Foundation
import SQLKit
import WikkenCore
import WikkenNetwork

/// A consent given or withdrawn, with the words shown at that moment.
public struct ConsentRecord: Sendable, Equatable, Codable {
    public var kind: String
    public var given: Bool
    public var at: String
    public var wording: String
}

/// Privacy (AVG): consent records, requests for deletion, anonymisation by the organiser and
/// after the retention period.
extension Store {
    public func consents(participantID: String) async throws -> [ConsentRecord] {
        try await read { try await $0.consents(participantID: participantID) }
    }

    /// Records a new newsletter choice; the latest record counts, earlier ones stay as proof.
    public func setNewsletter(participantID: String, _ given: Bool) async throws {
        try await db.write { sql in
            try await sql.insert(into: "consents").columns("participant_id", "kind", "given", "at", "wording")
                .values(SQLBind(participantID), SQLBind("nieuwsbrief"), SQLBind(given ? 1 : 0), SQLBind(Clock.now()), SQLBind(Self.newsletterWording)).run()
        }
    }

    /// The participants whose latest newsletter consent is given: name and e-mail address.
    public func newsletterList() async throws -> [(name: String, email: String)] {
        try await read { try await $0.newsletterList() }
    }

    public func requestDeletion(participantID: String) async throws {
        try await db.write { sql in
            try await sql.update("participants").set("deletion_requested_at", to: SQLBind(Clock.now())).where("id", .equal, SQLBind(participantID)).run()
        }
    }

    /// Removes what identifies a participant: name, e-mail, phone, function, what they wrote
    /// for the intake and the intake notes; their consents; their personal links stop working;
    /// the mails to them lose address and text (and are not sent any more).
    /// The organisation's name, statuses, fees and cases stay (without their name), so the
    /// network's figures remain right.
    public func anonymise(participantID: String, by: String) async throws {
        try await db.write { sql in try await Self.anonymise(sql, participantID: participantID, by: by) }
    }

    static func anonymise(_ sql: any SQLDatabase, participantID: String, by: String) async throws {
        guard try await sql.select().column("id").from("participants").where("id", .equal, SQLBind(participantID)).first() != nil else { throw StoreError.notFound }
        try await sql.update("participants").set("name", to: SQLBind("Geanonimiseerde deelnemer")).set("email", to: SQLBind("geanonimiseerd-\(participantID)@invalid"))
            .set("phone", to: SQLBind("")).set("function", to: SQLBind("")).set("anonymised_at", to: SQLBind(Clock.now()))
            .where("id", .equal, SQLBind(participantID)).run()
        let registrations = try await sql.select().columns("id", "status").from("registrations").where("participant_id", .equal, SQLBind(participantID)).all()
            .map { (try $0.decode(column: "id", as: String.self), RegistrationStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .afgemeld) }
        for (id, status) in registrations {
            try await sql.update("registrations").set("needs", to: SQLBind("")).set("brings", to: SQLBind("")).set("intake_notes", to: SQLBind(""))
                .set("token_hash", to: SQLBind(SHA256.hex(Array(randomToken().utf8)))).where("id", .equal, SQLBind(id)).run()
            try await sql.update("registration_events").set("by_name", to: SQLBind("")).where("registration_id", .equal, SQLBind(id)).run()
            // The links sent by mail stop working; the mails keep what happened, not to whom or with which link.
            try await sql.delete(from: "registration_links").where("registration_id", .equal, SQLBind(id)).run()
            try await sql.update("outbox").set("to_address", to: SQLBind("geanonimiseerd-\(participantID)@invalid")).set("text_body", to: SQLBind(""))
                .set("html_body", to: SQLBind("")).where("registration_id", .equal, SQLBind(id)).run()
            try await sql.update("outbox").set("status", to: SQLBind(OutboxStatus.mislukt.rawValue)).set("last_error", to: SQLBind("Niet verzonden: de deelnemer is geanonimiseerd."))
                .where("registration_id", .equal, SQLBind(id)).where("status", .in, SQLBind.group([OutboxStatus.wachtend.rawValue, OutboxStatus.bezig.rawValue])).run()
            // Signed feedback in the public library loses its name; what was said stays.
            try await sql.update("instrument_feedback").set("shown_as", to: SQLLiteral.null).where("registration_id", .equal, SQLBind(id)).run()
            try await event(sql, registrationID: id, status: status, by: by, note: "Gegevens geanonimiseerd.")
        }
        try await sql.delete(from: "consents").where("participant_id", .equal, SQLBind(participantID)).run()
    }

    /// Anonymises every participant whose editions all ended (last session) before `cutoff`.
    /// Returns how many.
    public func anonymiseExpired(cutoff: Day, by: String) async throws -> Int {
        try await db.write { sql in
            var lastSession: [String: Day] = [:]
            for row in try await sql.select().columns("edition_id", "date").from("working_sessions").all() {
                let edition = try row.decode(column: "edition_id", as: String.self)
                guard let day = Day(try row.decode(column: "date", as: String.self)) else { continue }
                lastSession[edition] = max(lastSession[edition] ?? day, day)
            }
            var editionsOf: [String: [String]] = [:]
            for row in try await sql.select().columns(SQLColumn("participant_id", table: "registrations"), SQLColumn("edition_id", table: "registrations"))
                .from("registrations").join("participants", on: SQLColumn("participant_id", table: "registrations"), .equal, SQLColumn("id", table: "participants"))
                .where(SQLColumn("anonymised_at", table: "participants"), .is, SQLLiteral.null).all() {
                editionsOf[try row.decode(column: "participant_id", as: String.self), default: []].append(try row.decode(column: "edition_id", as: String.self))
            }
            var count = 0
            for (participant, editions) in editionsOf.sorted(by: { $0.key < $1.key }) {
                let ends = editions.compactMap { lastSession[$0] }
                guard ends.count == editions.count, Retention.expired(lastSessions: ends, cutoff: cutoff) else { continue }
                try await Self.anonymise(sql, participantID: participant, by: by)
                count += 1
            }
            return count
        }
    }
}
