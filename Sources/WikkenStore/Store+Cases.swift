import Foundation
import SQLKit
import WikkenCore
import WikkenNetwork

/// A case (*casus*) a participant brings to a working session.
public struct CaseRecord: Sendable, Equatable {
    public var id: String
    public var sessionID: String
    public var registrationID: String?
    /// Who brought it (empty once the participant is anonymised, or when the organiser added it).
    public var broughtBy: String
    public var title: String
    public var question: String
    public var context: String
    public var organisationName: String
    public var dossierID: String?
    /// The dossier's title, when there is a dossier.
    public var dossierTitle: String?
    /// The organisation of the registration that brought the case (nil when the organiser added
    /// it, or the organisation is not known in Wikken).
    public var organisationID: String?
    /// What came out of working on it in the session.
    public var outcome: String
    public var createdAt: String
}

/// Feedback of a participant on an instrument tried in a session.
public struct FeedbackRecord: Sendable, Equatable {
    public var instrumentID: String
    public var sessionID: String
    public var helped: String
    public var didNotHelp: String
    /// 1 (did not help at all) to 5 (helped a lot).
    public var score: Int
    public var createdAt: String
    /// "Name, organisation" when the participant chose to sign it; nil when anonymous (or anonymised since).
    public var shownAs: String?
}

extension Store {
    // MARK: - Cases

    public func addCase(sessionID: String, registrationID: String?, title: String, question: String, context: String, organisationName: String) async throws -> CaseRecord {
        let id = UUID().uuidString.lowercased()
        try await db.write { sql in
            guard try await sql.select().column("id").from("working_sessions").where("id", .equal, SQLBind(sessionID)).first() != nil else { throw StoreError.notFound }
            try await sql.insert(into: "cases").columns("id", "session_id", "registration_id", "title", "question", "context", "organisation_name", "outcome", "created_at")
                .values(SQLBind(id), SQLBind(sessionID), SQLBind(registrationID), SQLBind(title), SQLBind(question), SQLBind(context), SQLBind(organisationName),
                        SQLBind(""), SQLBind(Clock.now())).run()
        }
        guard let made = try await self.case(id: id) else { throw StoreError.notFound }
        return made
    }

    public func `case`(id: String) async throws -> CaseRecord? {
        try await read { try await $0.case(id: id) }
    }

    public func cases(sessionID: String) async throws -> [CaseRecord] {
        try await read { try await $0.cases(sessionID: sessionID) }
    }

    public func cases(registrationID: String) async throws -> [CaseRecord] {
        try await read { try await $0.cases(registrationID: registrationID) }
    }

    static func cases(_ sql: any SQLDatabase, where column: SQLColumn, _ value: String) async throws -> [CaseRecord] {
        try await sql.select().columns(SQLColumn("*", table: "cases"), SQLColumn("name", table: "participants"), SQLColumn("anonymised_at", table: "participants"),
                                       SQLAlias(SQLColumn("title", table: "dossiers"), as: SQLIdentifier("dossier_title")),
                                       SQLAlias(SQLColumn("organisation_id", table: "registrations"), as: SQLIdentifier("registration_organisation_id")))
            .from("cases")
            .join("dossiers", method: SQLJoinMethod.left, on: SQLColumn("dossier_id", table: "cases"), .equal, SQLColumn("id", table: "dossiers"))
            .join("registrations", method: SQLJoinMethod.left, on: SQLColumn("registration_id", table: "cases"), .equal, SQLColumn("id", table: "registrations"))
            .join("participants", method: SQLJoinMethod.left, on: SQLColumn("participant_id", table: "registrations"), .equal, SQLColumn("id", table: "participants"))
            .where(column, .equal, SQLBind(value)).orderBy(SQLColumn("created_at", table: "cases")).all().map { try Rows.decode($0, as: Rows.CaseRow.self).record }
    }

    /// Links a case to its dossier unless it already has one (two makers at the same moment: the
    /// first link stays). Returns the case's dossier after the write.
    @discardableResult
    public func linkDossier(caseID: String, dossierID: String) async throws -> String? {
        try await db.write { sql in
            try await sql.update("cases").set("dossier_id", to: SQLBind(dossierID))
                .where("id", .equal, SQLBind(caseID)).where("dossier_id", .is, SQLLiteral.null).run()
        }
        return try await self.case(id: caseID)?.dossierID
    }

    public func setOutcome(caseID: String, _ outcome: String) async throws {
        try await db.write { sql in
            try await sql.update("cases").set("outcome", to: SQLBind(outcome)).where("id", .equal, SQLBind(caseID)).run()
        }
    }

    // MARK: - Instruments

    public func instruments() async throws -> [InstrumentCard] {
        try await read { try await $0.instruments() }
    }

    public func instrument(id: String) async throws -> InstrumentCard? {
        try await read { try await $0.instrument(id: id) }
    }

    static func instrument(_ row: any SQLRow) throws -> InstrumentCard {
        try Rows.decode(row, as: Rows.InstrumentRow.self).card
    }

    /// Stores a new card (an empty id gets one from the name) or changes an existing one.
    public func saveInstrument(_ card: InstrumentCard) async throws -> InstrumentCard {
        try await db.write { sql in
            var card = card
            let exists = !card.id.isEmpty ? try await sql.select().column("id").from("instruments").where("id", .equal, SQLBind(card.id)).first() != nil : false
            if exists {
                try await sql.update("instruments").set("name", to: SQLBind(card.name)).set("origin", to: SQLBind(card.origin)).set("summary", to: SQLBind(card.summary))
                    .set("when_to_use", to: SQLBind(card.whenToUse)).set("steps", to: SQLBind(card.steps)).set("pitfalls", to: SQLBind(card.pitfalls))
                    .where("id", .equal, SQLBind(card.id)).run()
            } else {
                let taken = Set(try await sql.select().column("id").from("instruments").all().map { try $0.decode(column: "id", as: String.self) })
                if card.id.isEmpty { card.id = Slug.unique(from: card.name, reserved: ["nieuw"]) { taken.contains($0) } }
                try await sql.insert(into: "instruments").columns("id", "name", "origin", "summary", "when_to_use", "steps", "pitfalls", "created_at")
                    .values(SQLBind(card.id), SQLBind(card.name), SQLBind(card.origin), SQLBind(card.summary), SQLBind(card.whenToUse), SQLBind(card.steps),
                            SQLBind(card.pitfalls), SQLBind(Clock.now())).run()
            }
            return card
        }
    }

    /// Records that an instrument was tried on a case (once).
    public func linkInstrument(_ instrumentID: String, caseID: String) async throws {
        try await db.write { sql in
            let known = try await sql.select().column("case_id").from("instrument_cases").where("instrument_id", .equal, SQLBind(instrumentID))
                .where("case_id", .equal, SQLBind(caseID)).first()
            if known == nil {
                try await sql.insert(into: "instrument_cases").columns("instrument_id", "case_id").values(SQLBind(instrumentID), SQLBind(caseID)).run()
            }
        }
    }

    /// The cases an instrument was tried on.
    public func cases(instrumentID: String) async throws -> [CaseRecord] {
        try await read { try await $0.cases(instrumentID: instrumentID) }
    }

    /// Stores a participant's feedback. Only for a session that has taken place (`today` is the
    /// day in the Netherlands): feedback on a session still to come is refused with the reason.
    public func addFeedback(instrumentID: String, sessionID: String, registrationID: String?, helped: String, didNotHelp: String, score: Int,
                            shownAs: String?, today: Day) async throws {
        try await db.write { sql in
            guard try await sql.select().column("id").from("instruments").where("id", .equal, SQLBind(instrumentID)).first() != nil,
                  let session = try await sql.select().columns("date").from("working_sessions").where("id", .equal, SQLBind(sessionID)).first() else { throw StoreError.notFound }
            guard let day = Day(try session.decode(column: "date", as: String.self)), day <= today else {
                throw StoreError.notAllowed("Deze werksessie heeft nog niet plaatsgevonden. Na de sessie kun je zeggen wat het instrument je bracht.")
            }
            try await sql.insert(into: "instrument_feedback").columns("instrument_id", "session_id", "registration_id", "helped", "did_not_help", "score", "created_at", "shown_as")
                .values(SQLBind(instrumentID), SQLBind(sessionID), SQLBind(registrationID), SQLBind(helped), SQLBind(didNotHelp), SQLBind(min(5, max(1, score))),
                        SQLBind(Clock.now()), SQLBind(shownAs)).run()
        }
    }
}
