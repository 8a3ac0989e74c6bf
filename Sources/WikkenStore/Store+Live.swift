import Foundation
import SQLKit
import WikkenCore
import WikkenNetwork

/// A live working session as stored (see ``LiveSession``).
public struct LiveSessionRecord: Sendable, Equatable {
    public var id: String
    public var code: String
    public var dossierID: String
    public var organisationID: String
    public var facilitatorID: String
    public var phase: LiveSession.Phase
    /// Input round: 1 for the first weighing, 2 after "nog een keer wegen", …
    public var round: Int
    public var anonymous: Bool
    public var createdAt: String
    public var closedAt: String?
    /// When the current phase's time is up (ISO 8601, UTC), if the facilitator set a timer.
    public var deadline: String?
}

/// Someone who joined a live session with the code (no account).
public struct LiveParticipant: Sendable, Equatable {
    public var id: String
    public var sessionID: String
    public var displayName: String
    public var organisation: String
}

/// One participant's consent to the proposal, as the views may show it: never tied to a person.
public struct LiveConsent: Sendable, Equatable {
    /// The content row's key (a hash), for the facilitator's moderation of the reason.
    public var key: String
    public var mark: Position.Mark
    public var reason: String?
    /// The facilitator hid the reason from the shared views.
    public var hidden: Bool
}

/// Where a live session stands: who joined, who is ready in this phase and round (handed in
/// points; in *vastleggen*: gave their consent), and — only when the phase shows the result —
/// the round's allocations and consents (never tied to a person).
public struct LiveState: Sendable, Equatable {
    public var session: LiveSessionRecord
    public var participants: [LiveParticipant]
    /// Participant ids that are ready in this phase and round.
    public var handedIn: Set<String>
    public var allocations: [Allocation]
    public var consents: [LiveConsent] = []
    /// How many reasons the facilitator hid this round (read in *vastleggen* only).
    public var hiddenReasons = 0
}

extension Store {
    /// The most participants one live session takes (a room of the network is 10–40).
    public static let liveSessionLimit = 200

    /// The codes of live sessions as they change (joins, hand-ins, phases, closing), from every
    /// server on this database; ``Signals/reconnected`` when some may have been missed.
    public func liveChanges() -> AsyncStream<String> { db.signals.subscribe() }

    /// Waits (at most five seconds) until changes from every server arrive (see ``Signals/untilListening(seconds:)``).
    public func untilLiveListening() async -> Bool { await db.signals.untilListening() }

    /// Tells every server that the session of `code` changed (after the change is committed).
    func announceLive(_ code: String) async { await db.signal(code) }

    /// Starts a live session on a dossier the facilitator's organisation may see; a fresh code
    /// that no other session has (a few tries: 25⁶ codes).
    /// `code` fixes the code (the demo's, which the README names); it must be free.
    public func startLiveSession(dossierID: String, facilitator: User, anonymous: Bool, code fixed: String? = nil) async throws -> LiveSessionRecord {
        guard facilitator.role.canEdit else { throw StoreError.forbidden("Alleen wie dossiers mag wijzigen, leidt een live sessie.") }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<(fixed == nil ? 8 : 1) {
            let code = fixed.flatMap(JoinCode.normalised) ?? JoinCode.make(using: &generator), id = UUID().uuidString.lowercased(), now = Clock.now()
            let made = try await db.write { sql -> Bool in
                guard try await Self.visibleRecord(sql, id: dossierID, organisationID: facilitator.organisationID, lock: false) != nil else { throw StoreError.notFound }
                if try await sql.select().column("id").from("live_sessions").where("code", .equal, SQLBind(code)).first() != nil { return false }
                try await sql.insert(into: "live_sessions").columns("id", "code", "dossier_id", "organisation_id", "facilitator_id", "phase", "round", "anonymous", "created_at")
                    .values(SQLBind(id), SQLBind(code), SQLBind(dossierID), SQLBind(facilitator.organisationID), SQLBind(facilitator.id),
                            SQLBind(LiveSession.Phase.framing.rawValue), SQLBind(1), SQLBind(anonymous ? 1 : 0), SQLBind(now)).run()
                return true
            }
            if made, let record = try await liveSession(code: code) { return record }
        }
        throw StoreError.notAllowed("Er kon geen vrije code worden gemaakt; probeer het opnieuw.")
    }

    /// The session a typed code names (normalised first), open or closed.
    public func liveSession(code typed: String) async throws -> LiveSessionRecord? {
        guard let code = JoinCode.normalised(typed) else { return nil }
        return try await read { r in try await r.liveSession(code: code) }
    }

    /// Moves the session to `phase` (the facilitator's organisation only). Going from showing the
    /// result to weighing again starts a new round.
    public func setLivePhase(code: String, to phase: LiveSession.Phase, by user: User) async throws -> LiveSessionRecord {
        try await db.write { sql in
            guard let row = try await sql.select().columns("id", "organisation_id", "phase", "round", "closed_at").from("live_sessions")
                .where("code", .equal, SQLBind(code)).first() else { throw StoreError.notFound }
            guard try row.decode(column: "organisation_id", as: String.self) == user.organisationID, user.role.canEdit else { throw StoreError.notFound }
            guard try row.decode(column: "closed_at", as: String?.self) == nil else { throw StoreError.notAllowed("Deze live sessie is gesloten.") }
            let id = try row.decode(column: "id", as: String.self), round = try row.decode(column: "round", as: Int.self)
            let current = LiveSession.Phase(rawValue: try row.decode(column: "phase", as: String.self)) ?? .framing
            let nextRound = phase == .revote && current != .revote ? round + 1 : round
            // A timer belongs to its phase: a new phase starts without one.
            try await sql.update("live_sessions").set("phase", to: SQLBind(phase.rawValue)).set("round", to: SQLBind(nextRound))
                .set("deadline", to: SQLLiteral.null).where("id", .equal, SQLBind(id)).run()
        }
        await announceLive(code)
        guard let record = try await liveSession(code: code) else { throw StoreError.notFound }
        return record
    }

    /// The longest a timer runs, or is extended by at once.
    public static let liveTimerLimit = 60

    /// Sets or extends the timer of the current phase by `minutes` (1–60; from now, or from the
    /// running timer's end when it has not passed), or stops it (`nil`). The facilitator's
    /// organisation only; not after closing.
    public func setLiveTimer(code: String, extendBy minutes: Int?, by user: User) async throws -> LiveSessionRecord {
        if let minutes, !(1...Self.liveTimerLimit).contains(minutes) {
            throw StoreError.notAllowed("Een timer loopt 1 tot en met \(Self.liveTimerLimit) minuten.")
        }
        try await db.write { sql in
            guard let row = try await sql.select().columns("id", "organisation_id", "closed_at", "deadline").from("live_sessions").where("code", .equal, SQLBind(code)).first(),
                  try row.decode(column: "organisation_id", as: String.self) == user.organisationID, user.role.canEdit else { throw StoreError.notFound }
            guard try row.decode(column: "closed_at", as: String?.self) == nil else { throw StoreError.notAllowed("Deze live sessie is gesloten.") }
            var deadline: String?
            if let minutes {
                let now = Date()
                let running = try row.decode(column: "deadline", as: String?.self).flatMap(Timestamp.date).flatMap { $0 > now ? $0 : nil }
                // At most an hour ahead, however often it is extended.
                let end = min((running ?? now).addingTimeInterval(Double(minutes) * 60), now.addingTimeInterval(Double(Self.liveTimerLimit) * 60))
                deadline = Clock.string(end)
            }
            try await sql.update("live_sessions").set("deadline", to: deadline.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
                .where("id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).run()
        }
        await announceLive(code)
        guard let record = try await liveSession(code: code) else { throw StoreError.notFound }
        return record
    }

    /// Closes the session: no more joining or input.
    public func closeLiveSession(code: String, by user: User) async throws {
        try await db.write { sql in
            guard let row = try await sql.select().columns("id", "organisation_id").from("live_sessions").where("code", .equal, SQLBind(code)).first(),
                  try row.decode(column: "organisation_id", as: String.self) == user.organisationID, user.role.canEdit else { throw StoreError.notFound }
            try await sql.update("live_sessions").set("closed_at", to: SQLBind(Clock.now())).where("id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).run()
        }
        await announceLive(code)
    }

    /// Joins a session with a display name (unique in the session, ignoring case) and an
    /// organisation or role; returns the participant and its secret token (for the cookie).
    public func joinLiveSession(code: String, name: String, organisation: String) async throws -> (LiveParticipant, token: String) {
        let name = String(name.trimmingCharacters(in: .whitespacesAndNewlines).prefix(60)), organisation = String(organisation.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80))
        guard !name.isEmpty else { throw StoreError.notAllowed("Vul je naam in (zoals de anderen je mogen zien).") }
        let token = Self.randomToken(), id = UUID().uuidString.lowercased()
        let sessionID = try await db.write { sql -> String in
            guard let row = try await sql.select().columns("id", "closed_at").from("live_sessions").where("code", .equal, SQLBind(code)).first() else { throw StoreError.notFound }
            guard try row.decode(column: "closed_at", as: String?.self) == nil else { throw StoreError.notAllowed("Deze live sessie is al gesloten.") }
            let sessionID = try row.decode(column: "id", as: String.self)
            let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("live_participants")
                .where("session_id", .equal, SQLBind(sessionID)).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < Self.liveSessionLimit else { throw StoreError.notAllowed("Deze live sessie is vol (\(Self.liveSessionLimit) deelnemers).") }
            let key = name.lowercased()
            if try await sql.select().column("id").from("live_participants").where("session_id", .equal, SQLBind(sessionID)).where("name_key", .equal, SQLBind(key)).first() != nil {
                throw StoreError.duplicate(name)
            }
            try await sql.insert(into: "live_participants").columns("id", "session_id", "token_hash", "display_name", "name_key", "organisation", "joined_at")
                .values(SQLBind(id), SQLBind(sessionID), SQLBind(SHA256.hex(Array(token.utf8))), SQLBind(name), SQLBind(key), SQLBind(organisation), SQLBind(Clock.now())).run()
            return sessionID
        }
        await announceLive(code)
        return (LiveParticipant(id: id, sessionID: sessionID, displayName: name, organisation: organisation), token)
    }

    /// The participant a cookie token belongs to, in the session of `code`.
    public func liveParticipant(code: String, token: String) async throws -> LiveParticipant? {
        try await read { r in try await r.liveParticipant(code: code, token: token) }
    }

    /// Hands in (or changes) an allocation for the current round, while the phase takes input.
    /// Participation (who) and content (what) are written apart; see migration 15.
    public func handIn(_ allocation: Allocation, code: String, token: String, criteria: [String]) async throws {
        let problems = allocation.problems(criteria: criteria)
        guard problems.isEmpty else { throw StoreError.notAllowed(Self.describe(problems)) }
        let content = String(decoding: try JSONEncoder.sorted.encode(allocation.points), as: UTF8.self)
        let parsed = self.parsed
        try await db.write { sql in
            let reader = StoreReader(sql: sql, parsed: parsed)
            guard let session = try await reader.liveSession(code: code), let participant = try await reader.liveParticipant(code: code, token: token) else { throw StoreError.notFound }
            guard session.closedAt == nil, session.phase.takesInput else { throw StoreError.notAllowed("De invoer is gesloten: de facilitator heeft de ronde afgesloten. Wat je nu invult, telt niet mee.") }
            let key = SHA256.hex(Array("\(token):\(session.round)".utf8))
            try await sql.delete(from: "live_inputs").where("session_id", .equal, SQLBind(session.id)).where("round", .equal, SQLBind(session.round)).where("input_key", .equal, SQLBind(key)).run()
            try await sql.insert(into: "live_inputs").columns("session_id", "round", "input_key", "content")
                .values(SQLBind(session.id), SQLBind(session.round), SQLBind(key), SQLBind(content)).run()
            try await sql.delete(from: "live_participation").where("session_id", .equal, SQLBind(session.id)).where("round", .equal, SQLBind(session.round))
                .where("participant_id", .equal, SQLBind(participant.id)).run()
            try await sql.insert(into: "live_participation").columns("session_id", "round", "participant_id")
                .values(SQLBind(session.id), SQLBind(session.round), SQLBind(participant.id)).run()
        }
        await announceLive(code)
    }

    /// The longest reason of an objection, in characters.
    public static let liveReasonLimit = 500

    /// Gives (or changes) the participant's consent to the proposal in the phase *vastleggen*; an
    /// objection needs a reason. Who and what are written apart, as with the points.
    public func giveConsent(_ mark: Position.Mark, reason typed: String?, code: String, token: String) async throws {
        let trimmed = typed?.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = trimmed?.isEmpty == false ? trimmed : nil
        if mark == .objection, reason == nil { throw StoreError.notAllowed("Geef bij een bezwaar de reden: dan kan de groep erop ingaan.") }
        if let reason, reason.count > Self.liveReasonLimit { throw StoreError.notAllowed("Je reden is \(reason.count) tekens; houd haar onder \(Self.liveReasonLimit).") }
        let parsed = self.parsed
        try await db.write { sql in
            let reader = StoreReader(sql: sql, parsed: parsed)
            guard let session = try await reader.liveSession(code: code), let participant = try await reader.liveParticipant(code: code, token: token) else { throw StoreError.notFound }
            guard session.closedAt == nil, session.phase == .record else { throw StoreError.notAllowed("Instemmen kan alleen in de fase ‘\(LiveSession.Phase.record.dutch)’.") }
            let key = SHA256.hex(Array("\(token):\(session.round):instemming".utf8))
            try await sql.delete(from: "live_consents").where("session_id", .equal, SQLBind(session.id)).where("round", .equal, SQLBind(session.round)).where("input_key", .equal, SQLBind(key)).run()
            try await sql.insert(into: "live_consents").columns("session_id", "round", "input_key", "mark", "reason", "hidden")
                .values(SQLBind(session.id), SQLBind(session.round), SQLBind(key), SQLBind(mark.rawValue), SQLBind(reason), SQLBind(0)).run()
            try await sql.delete(from: "live_consent_participation").where("session_id", .equal, SQLBind(session.id)).where("round", .equal, SQLBind(session.round))
                .where("participant_id", .equal, SQLBind(participant.id)).run()
            try await sql.insert(into: "live_consent_participation").columns("session_id", "round", "participant_id")
                .values(SQLBind(session.id), SQLBind(session.round), SQLBind(participant.id)).run()
        }
        await announceLive(code)
    }

    /// The participant's own consent in the current round, to show it again after a reload.
    public func ownConsent(code: String, token: String) async throws -> (mark: Position.Mark, reason: String?)? {
        try await read { r in
            guard let session = try await r.liveSession(code: code) else { return nil }
            let key = SHA256.hex(Array("\(token):\(session.round):instemming".utf8))
            guard let row = try await r.sql.select().columns("mark", "reason").from("live_consents").where("session_id", .equal, SQLBind(session.id))
                .where("round", .equal, SQLBind(session.round)).where("input_key", .equal, SQLBind(key)).first(),
                  let mark = Position.Mark(rawValue: try row.decode(column: "mark", as: String.self)) else { return nil }
            return (mark, try row.decode(column: "reason", as: String?.self))
        }
    }

    /// Moderation: hides (or shows again) a consent's reason on the shared views; the
    /// facilitator's organisation only. The reason stays stored for the facilitator.
    public func setConsentReasonHidden(code: String, key: String, hidden: Bool, by user: User) async throws {
        try await db.write { sql in
            guard let row = try await sql.select().columns("id", "organisation_id").from("live_sessions").where("code", .equal, SQLBind(code)).first(),
                  try row.decode(column: "organisation_id", as: String.self) == user.organisationID, user.role.canEdit else { throw StoreError.notFound }
            try await sql.update("live_consents").set("hidden", to: SQLBind(hidden ? 1 : 0))
                .where("session_id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).where("input_key", .equal, SQLBind(key)).run()
        }
        await announceLive(code)
    }

    /// The participant's own allocation in the current round, if handed in (to show it again
    /// after a reload: nothing entered is lost).
    public func ownAllocation(code: String, token: String) async throws -> Allocation? {
        try await read { r in
            guard let session = try await r.liveSession(code: code) else { return nil }
            let key = SHA256.hex(Array("\(token):\(session.round)".utf8))
            guard let row = try await r.sql.select().column("content").from("live_inputs").where("session_id", .equal, SQLBind(session.id))
                .where("round", .equal, SQLBind(session.round)).where("input_key", .equal, SQLBind(key)).first() else { return nil }
            return try Self.allocation(row)
        }
    }

    /// The state of a session for its views; the round's content only with `contents` (the views
    /// ask for it when the phase shows the result).
    public func liveState(code: String, contents: Bool) async throws -> LiveState? {
        try await read { r in
            guard let session = try await r.liveSession(code: code) else { return nil }
            let participants = try await r.sql.select().columns("id", "session_id", "display_name", "organisation").from("live_participants")
                .where("session_id", .equal, SQLBind(session.id)).orderBy("joined_at").orderBy("id").all().map { row in
                    LiveParticipant(id: try row.decode(column: "id", as: String.self), sessionID: try row.decode(column: "session_id", as: String.self),
                                    displayName: try row.decode(column: "display_name", as: String.self), organisation: try row.decode(column: "organisation", as: String.self))
                }
            let participation = session.phase == .record ? "live_consent_participation" : "live_participation"
            let handedIn = try await r.sql.select().column("participant_id").from(participation).where("session_id", .equal, SQLBind(session.id))
                .where("round", .equal, SQLBind(session.round)).all().map { try $0.decode(column: "participant_id", as: String.self) }
            var allocations: [Allocation] = [], consents: [LiveConsent] = []
            if contents {
                // Ordered by key, a hash: no order of joining or handing in shows through.
                allocations = try await r.sql.select().column("content").from("live_inputs").where("session_id", .equal, SQLBind(session.id))
                    .where("round", .equal, SQLBind(session.round)).orderBy("input_key").all().map(Self.allocation)
                consents = try await r.sql.select().columns("input_key", "mark", "reason", "hidden").from("live_consents").where("session_id", .equal, SQLBind(session.id))
                    .where("round", .equal, SQLBind(session.round)).orderBy("input_key").all().compactMap { row in
                        guard let mark = Position.Mark(rawValue: try row.decode(column: "mark", as: String.self)) else { return nil }
                        return LiveConsent(key: try row.decode(column: "input_key", as: String.self), mark: mark, reason: try row.decode(column: "reason", as: String?.self),
                                           hidden: try row.decode(column: "hidden", as: Int.self) != 0)
                    }
            }
            var hidden = 0
            if session.phase == .record {
                hidden = try await r.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("live_consents").where("session_id", .equal, SQLBind(session.id))
                    .where("round", .equal, SQLBind(session.round)).where("hidden", .equal, SQLBind(1)).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            return LiveState(session: session, participants: participants, handedIn: Set(handedIn), allocations: allocations, consents: consents, hiddenReasons: hidden)
        }
    }

    /// Deletes the raw inputs of live sessions started before `cutoff` (the network's retention
    /// period): what each person handed in, who handed in, and the participants' names and
    /// tokens; such a session still open is closed. The session itself (its code and dossier)
    /// stays, as does what was recorded in the dossier (a round's mean, in its revisions).
    /// Returns how many sessions lost raw inputs.
    public func purgeLiveInputs(startedBefore cutoff: Day) async throws -> Int {
        let purged = try await db.write { sql -> [String] in
            let old = try await sql.select().columns("id", "code").from("live_sessions").where("created_at", .lessThan, SQLBind(cutoff.description)).all()
            var emptied: [String] = []
            for row in old {
                let id = try row.decode(column: "id", as: String.self)
                let people = try await sql.select().column("id").from("live_participants").where("session_id", .equal, SQLBind(id)).first()
                let inputs = try await sql.select().column("session_id").from("live_inputs").where("session_id", .equal, SQLBind(id)).first()
                guard people != nil || inputs != nil else { continue }
                for table in ["live_consent_participation", "live_consents", "live_participation", "live_inputs", "live_participants"] {
                    try await sql.delete(from: table).where("session_id", .equal, SQLBind(id)).run()
                }
                try await sql.update("live_sessions").set("closed_at", to: SQLBind(Clock.now())).where("id", .equal, SQLBind(id)).where("closed_at", .is, SQLLiteral.null).run()
                emptied.append(try row.decode(column: "code", as: String.self))
            }
            return emptied
        }
        for code in purged { await announceLive(code) }
        return purged.count
    }

    static func allocation(_ row: any SQLRow) throws -> Allocation {
        let text = try row.decode(column: "content", as: String.self)
        return Allocation(points: (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:])
    }

    /// The problems of an allocation as one Dutch sentence for the participant.
    public static func describe(_ problems: [Allocation.Problem]) -> String {
        problems.map { p in
            switch p {
            case .unknownCriterion(let id): return "‘\(id)’ is geen criterium van deze sessie."
            case let .outOfRange(criterion, points): return "\(points) punten bij ‘\(criterion)’ kan niet: geef 0 tot en met 100."
            case .total(let total): return "Samen \(total) punten; verdeel er precies 100 (nog \(100 - total) \(100 - total >= 0 ? "te verdelen" : "te veel"))."
            }
        }.joined(separator: " ")
    }
}

extension StoreReader {
    /// The current revision of a live session's dossier, read on behalf of its organisation (the
    /// participants have no account; the session's organisation chose to show it to them).
    public func dossierOfLiveSession(_ session: LiveSessionRecord) async throws -> Dossier {
        guard let record = try await Store.visibleRecord(sql, id: session.dossierID, organisationID: session.organisationID, lock: false) else { throw StoreError.notFound }
        return try await dossier(record, revision: nil).dossier
    }

    public func liveSession(code: String) async throws -> LiveSessionRecord? {
        guard let row = try await sql.select().columns("*").from("live_sessions").where("code", .equal, SQLBind(code)).first() else { return nil }
        return LiveSessionRecord(id: try row.decode(column: "id", as: String.self), code: try row.decode(column: "code", as: String.self),
                                 dossierID: try row.decode(column: "dossier_id", as: String.self), organisationID: try row.decode(column: "organisation_id", as: String.self),
                                 facilitatorID: try row.decode(column: "facilitator_id", as: String.self),
                                 phase: LiveSession.Phase(rawValue: try row.decode(column: "phase", as: String.self)) ?? .framing,
                                 round: try row.decode(column: "round", as: Int.self), anonymous: try row.decode(column: "anonymous", as: Int.self) != 0,
                                 createdAt: try row.decode(column: "created_at", as: String.self), closedAt: try row.decode(column: "closed_at", as: String?.self),
                                 deadline: try row.decode(column: "deadline", as: String?.self))
    }

    public func liveParticipant(code: String, token: String) async throws -> LiveParticipant? {
        guard let session = try await liveSession(code: code) else { return nil }
        guard let row = try await sql.select().columns("id", "display_name", "organisation").from("live_participants")
            .where("session_id", .equal, SQLBind(session.id)).where("token_hash", .equal, SQLBind(SHA256.hex(Array(token.utf8)))).first() else { return nil }
        return LiveParticipant(id: try row.decode(column: "id", as: String.self), sessionID: session.id,
                               displayName: try row.decode(column: "display_name", as: String.self), organisation: try row.decode(column: "organisation", as: String.self))
    }
}

extension JSONEncoder {
    /// Keys sorted: the same content gives the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
