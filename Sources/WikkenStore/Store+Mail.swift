import Foundation
import SQLKit
import WikkenCore
import WikkenNetwork

/// Where a message in the outbox stands.
public enum OutboxStatus: String, Sendable, CaseIterable {
    /// Waiting to be sent (also after a failed attempt, until its next attempt).
    case wachtend
    /// Taken by the sending service; if that stops halfway, the message is taken again when
    /// the lease runs out.
    case bezig
    case verzonden
    /// Given up after ``Store/maximumMailAttempts`` attempts; the organiser can try again.
    case mislukt

    public var label: String {
        switch self {
        case .wachtend: return "wacht op verzenden"
        case .bezig: return "wordt verzonden"
        case .verzonden: return "verzonden"
        case .mislukt: return "mislukt"
        }
    }
}

/// A message in the outbox, as the organiser's page shows it.
public struct OutboxRecord: Sendable, Equatable {
    public var id: String
    public var kind: MailMessage.Kind?
    public var registrationID: String?
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    public var status: OutboxStatus
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String
    public var createdAt: String
    public var sentAt: String?

    public var message: MailMessage { MailMessage(kind: kind ?? .link, to: to, subject: subject, text: text, html: html) }
}

extension Rows {
    struct OutboxRow: Decodable {
        var id: String
        var kind: String
        var registrationId: String?
        var toAddress: String
        var subject: String
        var textBody: String
        var htmlBody: String
        var status: String
        var attempts: Int
        var nextAttemptAt: String
        var lastError: String
        var createdAt: String
        var sentAt: String?

        var record: OutboxRecord {
            OutboxRecord(id: id, kind: MailMessage.Kind(rawValue: kind), registrationID: registrationId, to: toAddress, subject: subject, text: textBody,
                         html: htmlBody, status: OutboxStatus(rawValue: status) ?? .wachtend, attempts: attempts, nextAttemptAt: nextAttemptAt,
                         lastError: lastError, createdAt: createdAt, sentAt: sentAt)
        }
    }
}

extension Store {
    /// Attempts before a message is given up (then 'mislukt', for the organiser to look at).
    public static let maximumMailAttempts = 6

    /// Seconds to wait after the n-th failed attempt (1-based): 1 min, 5 min, 30 min, 2 h, 12 h.
    public static func mailBackoff(afterAttempt n: Int) -> TimeInterval {
        let steps: [TimeInterval] = [60, 300, 1800, 7200, 43_200]
        return steps[min(max(n, 1), steps.count) - 1]
    }

    /// Who participants turn to and where the personal links point (set when the server starts).
    public var contact: NetworkContact {
        get { networkContact.withLock { $0 } }
    }

    public func configure(contact: NetworkContact) {
        networkContact.withLock { $0 = contact }
    }

    // MARK: - Writing, inside the event's unit of work

    /// A fresh personal link for a registration; only its hash is kept, earlier links keep working.
    static func newLink(_ sql: any SQLDatabase, registrationID: String) async throws -> String {
        let token = randomToken()
        try await sql.insert(into: "registration_links").columns("token_hash", "registration_id", "created_at")
            .values(SQLBind(SHA256.hex(Array(token.utf8))), SQLBind(registrationID), SQLBind(Clock.now())).run()
        return token
    }

    /// Puts a message in the outbox, to be sent as soon as the service runs. An address that
    /// cannot safely go into a header is kept with the reason, never sent.
    static func enqueue(_ sql: any SQLDatabase, _ mail: MailMessage, registrationID: String?) async throws {
        let now = Clock.now()
        let safe = MailMessage.isSafeAddress(mail.to)
        try await sql.insert(into: "outbox")
            .columns("id", "kind", "registration_id", "to_address", "subject", "text_body", "html_body", "status", "attempts", "next_attempt_at", "last_error", "created_at")
            .values(SQLBind(UUID().uuidString.lowercased()), SQLBind(mail.kind.rawValue), SQLBind(registrationID), SQLBind(mail.to), SQLBind(mail.subject),
                    SQLBind(mail.text), SQLBind(mail.html), SQLBind(safe ? OutboxStatus.wachtend.rawValue : OutboxStatus.mislukt.rawValue), SQLBind(0), SQLBind(now),
                    SQLBind(safe ? "" : "Dit e-mailadres kan niet veilig worden gebruikt."), SQLBind(now)).run()
    }

    /// The message for a registration's new status, with a fresh link, if that status has one.
    static func mailForStatus(_ sql: any SQLDatabase, _ r: RegistrationRecord, status: RegistrationStatus, intakeOn: Day?, contact: NetworkContact) async throws {
        guard !r.anonymised else { return }
        let edition = try await sql.select().column("name").from("editions").where("id", .equal, SQLBind(r.editionID)).first()?.decode(column: "name", as: String.self) ?? r.editionID
        let mail: (String) -> MailMessage?
        switch status {
        case .intakeGepland:
            guard let day = intakeOn ?? r.intakeOn.flatMap(Day.init) else { return }
            mail = { NetworkMail.intakePlanned(name: r.name, email: r.email, edition: edition, day: day, link: $0, contact: contact) }
        case .toegelaten:
            mail = { NetworkMail.admitted(name: r.name, email: r.email, edition: edition, feeCents: r.feeCents, paid: r.paid, link: $0, contact: contact) }
        case .afgewezen:
            mail = { NetworkMail.refused(name: r.name, email: r.email, edition: edition, link: $0, contact: contact) }
        case .aangemeld:
            mail = { NetworkMail.movedUp(name: r.name, email: r.email, edition: edition, link: $0, contact: contact) }
        default:
            return
        }
        let token = try await newLink(sql, registrationID: r.id)
        if let message = mail(NetworkMail.link(contact, token: token)) { try await enqueue(sql, message, registrationID: r.id) }
    }

    // MARK: - The personal link, asked again

    /// Sends every live registration of an address its personal link again (a fresh one per
    /// registration, in one message). Unknown or anonymised addresses get nothing, and the caller
    /// says the same either way (no way to learn whether an address is registered).
    public func resendLinks(email: String) async throws {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let contact = self.contact
        try await db.write { sql in
            guard let participant = try await sql.select().columns("id", "anonymised_at").from("participants").where("email", .equal, SQLBind(address)).first(),
                  try participant.decode(column: "anonymised_at", as: String?.self) == nil else { return }
            let registrations = try await Self.registrations(sql, where: "participant_id", try participant.decode(column: "id", as: String.self))
                .filter { $0.status != .afgemeld && $0.status != .afgewezen }
            guard let first = registrations.first else { return }
            var lines: [(edition: String, link: String)] = []
            for r in registrations {
                let edition = try await sql.select().column("name").from("editions").where("id", .equal, SQLBind(r.editionID)).first()?.decode(column: "name", as: String.self) ?? r.editionID
                lines.append((edition, NetworkMail.link(contact, token: try await Self.newLink(sql, registrationID: r.id))))
            }
            try await Self.enqueue(sql, NetworkMail.links(name: first.name, email: first.email, registrations: lines, contact: contact), registrationID: first.id)
        }
    }

    // MARK: - The outbox

    /// The newest messages first (the organiser's page).
    public func outbox(limit: Int = 200) async throws -> [OutboxRecord] {
        try await read { sql in try await Store.outboxRows(sql.sql, limit: limit) }
    }

    static func outboxRows(_ sql: any SQLDatabase, limit: Int) async throws -> [OutboxRecord] {
        try await sql.select().columns("*").from("outbox").orderBy("created_at", .descending).limit(limit).all()
            .map { try Rows.decode($0, as: Rows.OutboxRow.self).record }
    }

    public func outboxMessage(id: String) async throws -> OutboxRecord? {
        try await read { sql in
            try await sql.sql.select().columns("*").from("outbox").where("id", .equal, SQLBind(id)).first().map { try Rows.decode($0, as: Rows.OutboxRow.self).record }
        }
    }

    /// Messages of one registration, newest first (the organiser's registration page).
    public func outbox(registrationID: String) async throws -> [OutboxRecord] {
        try await read { sql in
            try await sql.sql.select().columns("*").from("outbox").where("registration_id", .equal, SQLBind(registrationID)).orderBy("created_at", .descending).all()
                .map { try Rows.decode($0, as: Rows.OutboxRow.self).record }
        }
    }

    /// Takes up to `limit` messages that are due (waiting, or taken by a service that stopped
    /// and whose lease ran out), marks them taken for `lease` seconds and returns them. One unit
    /// of work holding the rows, so two services never take the same message.
    public func claimDueMail(now: Date = Date(), limit: Int = 20, lease: TimeInterval = 600) async throws -> [OutboxRecord] {
        try await db.write { sql in
            let due = try await sql.select().columns("*").from("outbox")
                .where("status", .in, SQLBind.group([OutboxStatus.wachtend.rawValue, OutboxStatus.bezig.rawValue]))
                .where("next_attempt_at", .lessThanOrEqual, SQLBind(Clock.string(now)))
                .orderBy("created_at").limit(limit).for(.update).all()
                .map { try Rows.decode($0, as: Rows.OutboxRow.self).record }
            for m in due {
                try await sql.update("outbox").set("status", to: SQLBind(OutboxStatus.bezig.rawValue))
                    .set("attempts", to: SQLBind(m.attempts + 1)).set("next_attempt_at", to: SQLBind(Clock.string(now.addingTimeInterval(lease))))
                    .where("id", .equal, SQLBind(m.id)).run()
            }
            return due.map { var m = $0; m.attempts += 1; m.status = .bezig; return m }
        }
    }

    public func markMailSent(id: String, at: Date = Date()) async throws {
        try await db.write { sql in
            try await sql.update("outbox").set("status", to: SQLBind(OutboxStatus.verzonden.rawValue)).set("sent_at", to: SQLBind(Clock.string(at)))
                .set("last_error", to: SQLBind("")).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// A failed attempt: waits with backoff, or is given up after the last attempt.
    public func markMailFailed(id: String, error: String, at: Date = Date()) async throws {
        try await db.write { sql in
            guard let row = try await sql.select().column("attempts").from("outbox").where("id", .equal, SQLBind(id)).first() else { return }
            let attempts = try row.decode(column: "attempts", as: Int.self)
            let giveUp = attempts >= Self.maximumMailAttempts
            try await sql.update("outbox")
                .set("status", to: SQLBind((giveUp ? OutboxStatus.mislukt : .wachtend).rawValue))
                .set("next_attempt_at", to: SQLBind(Clock.string(at.addingTimeInterval(Self.mailBackoff(afterAttempt: attempts)))))
                .set("last_error", to: SQLBind(String(error.prefix(500)))).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// The organiser tries a failed message again: waiting, due now, attempts counted from 0.
    public func retryMail(id: String) async throws {
        try await db.write { sql in
            guard try await sql.select().column("id").from("outbox").where("id", .equal, SQLBind(id)).first() != nil else { throw StoreError.notFound }
            try await sql.update("outbox").set("status", to: SQLBind(OutboxStatus.wachtend.rawValue)).set("attempts", to: SQLBind(0))
                .set("next_attempt_at", to: SQLBind(Clock.now())).where("id", .equal, SQLBind(id)).run()
        }
    }
}
