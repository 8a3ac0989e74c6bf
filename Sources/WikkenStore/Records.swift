import WikkenCore

/// An organisation: a corporation, a gemeente, a huurdersorganisatie, or the network organiser.
public struct Organisation: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
}

/// What a user may do. Dutch names as on screen.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Network organiser.
    case beheerder
    /// Strategist of a member organisation: reads and changes its dossiers.
    case strateeg
    /// Guest from another organisation in a shared dossier.
    case partner
    /// Read-only, e.g. a board member.
    case lezer

    /// Whether the role may change dossiers.
    public var canEdit: Bool { self == .beheerder || self == .strateeg || self == .partner }
}

public struct User: Sendable, Equatable, Codable {
    public var id: String
    public var organisationID: String
    public var email: String
    public var name: String
    public var role: Role
    /// A password hash made by the caller (bcrypt in the web app); never the password.
    public var passwordHash: String
    /// Whether the user may sign in. A switched-off user keeps their revisions and name in the
    /// history; their sessions end and their API tokens stop working.
    public var active: Bool = true
}

/// One line of the organiser's audit log: who did what to whom, and when.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var at: String
    public var actorName: String
    public var action: String
    public var subject: String
    public var detail: String
}

/// A dossier's place in the store: its address, whose it is, which revision is current, who it
/// is shared with.
public struct DossierRecord: Sendable, Equatable, Codable {
    /// The address in every link (`/dossiers/{id}`), the same for everyone who may see it. The
    /// store makes it for a new dossier: its name and a random part (`woningtoewijzing-k3m9qx`),
    /// so an address says nothing about dossiers of other organisations. Dossiers stored before
    /// names existed have their name as address.
    public var id: String
    /// The dossier's own id (as in its text), unique within its organisation.
    public var name: String
    public var organisationID: String
    public var title: String
    public var currentRevision: Int
    public var updatedAt: String
    public var sharedWith: [String]
}

/// An API key as its owner sees it: never the secret, only what it is for and when it was used.
public struct APIKeyInfo: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var createdAt: String
    /// When it was last used, to the hour (nil: never).
    public var lastUsedAt: String?
}

/// One revision of a dossier: who changed it, when and why.
public struct RevisionInfo: Sendable, Equatable, Codable {
    public var number: Int
    public var authorID: String
    public var authorName: String
    public var createdAt: String
    public var summary: String
    /// The revision this one restored, if it was a restore.
    public var restoredFrom: Int?
}

/// A dossier as stored at a revision.
public struct StoredDossier: Sendable, Equatable {
    public var record: DossierRecord
    public var revision: Int
    public var dossier: Dossier
}

public enum StoreError: Error, Sendable, Equatable {
    /// Saving from revision `basedOn` while `current` is newer: nothing was overwritten.
    case conflict(basedOn: Int, current: Int)
    /// No such record, or not visible to the organisation asking.
    case notFound
    /// A unique value (an e-mail address, a dossier id) is taken.
    case duplicate(String)
    /// The dossier has errors; it was not stored.
    case invalidDossier([DossierProblem])
    /// The action is not allowed; the text says why (in Dutch, for the page).
    case notAllowed(String)
    /// The viewer may see the dossier but not do this; the text says why (Dutch).
    case forbidden(String)
    /// The dossier's partners weigh blind and the viewer's organisation is not its owner: only
    /// its own part, on the partners page, until the owner opens the weighing.
    case blind(dossierID: String)
}
