import SQLKit
import WikkenNetwork

/// Rows as they are stored, decoded whole (`row.decode(model:)` with snake_case columns) and then
/// turned into the domain's records: the one place where the schema's types (INTEGER for a
/// yes/no, text for days and times) meet the records'. A column that does not decode fails the
/// read with the column's name, on SQLite and PostgreSQL alike.
enum Rows {
    static func decode<Row: Decodable>(_ row: any SQLRow, as type: Row.Type) throws -> Row {
        try row.decode(model: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct UserRow: Decodable {
        var id: String
        var organisationId: String
        var email: String
        var name: String
        var role: String
        var passwordHash: String
        var active: Int

        var user: User {
            User(id: id, organisationID: organisationId, email: email, name: name, role: Role(rawValue: role) ?? .lezer, passwordHash: passwordHash, active: active != 0)
        }
    }

    struct OrganisationRow: Decodable {
        var id: String
        var name: String
        var organisation: Organisation { Organisation(id: id, name: name) }
    }

    struct DossierRow: Decodable {
        var id: String
        var name: String
        var organisationId: String
        var title: String
        var currentRevision: Int
        var updatedAt: String

        func record(sharedWith: [String]) -> DossierRecord {
            DossierRecord(id: id, name: name, organisationID: organisationId, title: title, currentRevision: currentRevision, updatedAt: updatedAt, sharedWith: sharedWith)
        }
    }

    /// A revision joined with its author's name.
    struct RevisionRow: Decodable {
        var number: Int
        var authorId: String
        var name: String
        var createdAt: String
        var summary: String
        var restoredFrom: Int?

        var info: RevisionInfo {
            RevisionInfo(number: number, authorID: authorId, authorName: name, createdAt: createdAt, summary: summary, restoredFrom: restoredFrom)
        }
    }

    /// An audit line joined with the actor's name.
    struct AuditRow: Decodable {
        var at: String
        var name: String
        var action: String
        var subject: String
        var detail: String
        var entry: AuditEntry { AuditEntry(at: at, actorName: name, action: action, subject: subject, detail: detail) }
    }

    struct EditionRow: Decodable {
        var id: String
        var name: String
        var description: String
        var open: Int
        var edition: Edition { Edition(id: id, name: name, description: description, open: open != 0) }
    }

    struct SessionRow: Decodable {
        var id: String
        var editionId: String
        var number: Int
        var date: String
        var startTime: String
        var endTime: String
        var place: String?
        var theme: String
        var agenda: String
        var seats: Int
        var sequence: Int

        /// A stored day or time that does not read (never written so) shows as the epoch, not a crash.
        var session: WorkingSession {
            WorkingSession(id: id, editionID: editionId, number: number, date: Day(date) ?? Day(1970, 1, 1), start: TimeOfDay(startTime) ?? TimeOfDay(0, 0),
                           end: TimeOfDay(endTime) ?? TimeOfDay(0, 0), place: place, theme: theme, agenda: agenda, seats: seats, sequence: sequence)
        }
    }

    struct InstrumentRow: Decodable {
        var id: String
        var name: String
        var origin: String
        var summary: String
        var whenToUse: String
        var steps: String
        var pitfalls: String
        var card: InstrumentCard {
            InstrumentCard(id: id, name: name, origin: origin, summary: summary, whenToUse: whenToUse, steps: steps, pitfalls: pitfalls)
        }
    }

    struct FeedbackRow: Decodable {
        var instrumentId: String
        var sessionId: String
        var helped: String
        var didNotHelp: String
        var score: Int
        var createdAt: String
        var shownAs: String?
        var record: FeedbackRecord {
            FeedbackRecord(instrumentID: instrumentId, sessionID: sessionId, helped: helped, didNotHelp: didNotHelp, score: score, createdAt: createdAt, shownAs: shownAs)
        }
    }

    struct ConsentRow: Decodable {
        var kind: String
        var given: Int
        var at: String
        var wording: String
        var record: ConsentRecord { ConsentRecord(kind: kind, given: given != 0, at: at, wording: wording) }
    }

    struct DataFileRow: Decodable {
        var name: String
        var content: String
        var file: StoredDataFile { StoredDataFile(name: name, content: content) }
    }

    /// A registration joined with its participant.
    struct RegistrationRow: Decodable {
        var id: String
        var editionId: String
        var participantId: String
        var name: String
        var email: String
        var phone: String
        var function: String
        var organisationId: String?
        var organisationName: String
        var status: String
        var arrival: Int
        var feeCents: Int
        var partner: Int
        var paid: Int
        var needs: String
        var brings: String
        var intakeOn: String?
        var intakeNotes: String
        var createdAt: String
        var anonymisedAt: String?
        var deletionRequestedAt: String?

        var record: RegistrationRecord {
            RegistrationRecord(id: id, editionID: editionId, participantID: participantId, name: name, email: email, phone: phone, function: function,
                               organisationID: organisationId, organisationName: organisationName, status: RegistrationStatus(rawValue: status) ?? .aangemeld,
                               arrival: arrival, feeCents: feeCents, partner: partner != 0, paid: paid != 0, needs: needs, brings: brings,
                               intakeOn: intakeOn, intakeNotes: intakeNotes, createdAt: createdAt, anonymised: anonymisedAt != nil,
                               deletionRequested: deletionRequestedAt != nil)
        }
    }

    /// A case joined with the participant who brought it (no name once anonymised).
    struct CaseRow: Decodable {
        var id: String
        var sessionId: String
        var registrationId: String?
        var name: String?
        var anonymisedAt: String?
        var title: String
        var question: String
        var context: String
        var organisationName: String
        var dossierId: String?
        var dossierTitle: String?
        var registrationOrganisationId: String?
        var outcome: String
        var createdAt: String

        var record: CaseRecord {
            CaseRecord(id: id, sessionID: sessionId, registrationID: registrationId, broughtBy: anonymisedAt != nil ? "" : (name ?? ""), title: title,
                       question: question, context: context, organisationName: organisationName, dossierID: dossierId, dossierTitle: dossierTitle,
                       organisationID: registrationOrganisationId, outcome: outcome, createdAt: createdAt)
        }
    }

    struct EventRow: Decodable {
        var at: String
        var status: String
        var byName: String
        var note: String
        var event: RegistrationEvent { RegistrationEvent(at: at, status: status, by: byName, note: note) }
    }

    struct PartnershipRow: Decodable {
        var organisationId: String
        var since: String
        var until: String?
        /// nil for a period whose start does not read as a day (never written so).
        var partnership: Partnership? { Day(since).map { Partnership(since: $0, until: until.flatMap(Day.init)) } }
    }

    /// A file's name, when and by whom it was uploaded (the uploader's name joined).
    struct DataFileInfoRow: Decodable {
        var name: String
        var uploadedAt: String
        var uploadedBy: String
        var info: DataFileInfo { DataFileInfo(name: name, uploadedAt: uploadedAt, uploadedBy: uploadedBy) }
    }
}
