import WikkenCore
import WikkenNetwork

// Narrow stores: what each part of the app may ask of the store, so that a controller shows what it
// uses (`let store: any DossierStore & AccountStore`). `Store` implements all of them over one
// transaction layer (`SQLTransactions`), on SQLite and PostgreSQL alike.

/// Dossiers with their revisions, sharing, and one consistent read for a page.
public protocol DossierStore: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T
    func createDossier(_ dossier: Dossier, organisationID: String, author: User, summary: String, sharedWith: [String], address: String?) async throws -> StoredDossier
    func address(ofDossierNamed name: String, organisationID: String) async throws -> String?
    func save(_ dossier: Dossier, at address: String, basedOn: Int, viewer: User, summary: String) async throws -> StoredDossier
    func restore(dossierID: String, revision number: Int, basedOn: Int, viewer: User) async throws -> StoredDossier
    func dossiers(viewer: User) async throws -> [DossierRecord]
    func dossier(id: String, revision: Int?, viewer: User) async throws -> StoredDossier
    func dossierWithOrganisations(id: String, viewer: User) async throws -> (StoredDossier, [Organisation])
    func revisions(dossierID: String, viewer: User) async throws -> [RevisionInfo]
    func share(dossierID: String, with organisationID: String, viewer: User) async throws
    func savePartnerPart(_ part: PartnerPart, dossierID: String, basedOn: Int, viewer: User, summary: String) async throws -> StoredDossier
}

extension DossierStore {
    // The defaults of `Store`'s own methods that callers holding only the protocol use.
    public func createDossier(_ dossier: Dossier, organisationID: String, author: User, summary: String, sharedWith: [String] = []) async throws -> StoredDossier {
        try await createDossier(dossier, organisationID: organisationID, author: author, summary: summary, sharedWith: sharedWith, address: nil)
    }
    public func dossier(id: String, viewer: User) async throws -> StoredDossier { return try await dossier(id: id, revision: nil, viewer: viewer) }
}

/// Organisations, users, sessions, API tokens and the account log.
public protocol AccountStore: Sendable {
    /// One read unit (see ``Store/read(_:)``): a page's reads in one consistent state.
    func read<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T
    func createSession(for user: User, hours: Int) async throws -> (token: String, session: Session)
    func session(token: String) async throws -> Session?
    func endSession(token: String) async throws
    func isEmpty() async throws -> Bool
    func organisation(id: String) async throws -> Organisation?
    func createAPIToken(for user: User, name: String) async throws -> String
    func user(apiToken token: String) async throws -> User?
    func apiKeys(of user: User) async throws -> [APIKeyInfo]
    func revokeAPIKey(id: String, of user: User) async throws -> String
    func resetPassword(userID: String, passwordHash: String, by actor: User) async throws
    func setActive(userID: String, _ active: Bool, by actor: User) async throws
    func auditLog(limit: Int) async throws -> [AuditEntry]
    func users() async throws -> [User]
    func createOrganisation(name: String) async throws -> Organisation
    func organisations() async throws -> [Organisation]
    func createUser(organisationID: String, email: String, name: String, role: Role, passwordHash: String) async throws -> User
    func user(email: String) async throws -> User?
    func user(id: String) async throws -> User?
}

extension AccountStore {
    // The defaults of `Store`'s own methods that callers holding only the protocol use.
    public func createSession(for user: User) async throws -> (token: String, session: Session) { return try await createSession(for: user, hours: 12) }
}

/// The network: partner periods, editions and sessions, registrations under the rules, cases, instruments and feedback, consents and privacy.
public protocol NetworkStore: Sendable {
    /// One read unit (see ``Store/read(_:)``): a page's reads in one consistent state.
    func read<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T
    func addCase(sessionID: String, registrationID: String?, title: String, question: String, context: String, organisationName: String) async throws -> CaseRecord
    func `case`(id: String) async throws -> CaseRecord?
    func cases(sessionID: String) async throws -> [CaseRecord]
    func cases(registrationID: String) async throws -> [CaseRecord]
    @discardableResult func linkDossier(caseID: String, dossierID: String) async throws -> String?
    func setOutcome(caseID: String, _ outcome: String) async throws
    func instruments() async throws -> [InstrumentCard]
    func instrument(id: String) async throws -> InstrumentCard?
    func saveInstrument(_ card: InstrumentCard) async throws -> InstrumentCard
    func linkInstrument(_ instrumentID: String, caseID: String) async throws
    func cases(instrumentID: String) async throws -> [CaseRecord]
    func addFeedback(instrumentID: String, sessionID: String, registrationID: String?, helped: String, didNotHelp: String, score: Int, shownAs: String?, today: Day) async throws
    func setPartnerships(organisationID: String, _ periods: [Partnership]) async throws
    func partnerships() async throws -> [String: [Partnership]]
    func createEdition(name: String, description: String) async throws -> Edition
    func editions() async throws -> [Edition]
    func edition(id: String) async throws -> Edition?
    func updateEdition(id: String, name: String, description: String) async throws
    func setEditionOpen(id: String, _ open: Bool) async throws
    func addSession(editionID: String, date: Day, start: TimeOfDay, end: TimeOfDay, place: String?, theme: String, agenda: String, seats: Int) async throws -> WorkingSession
    func updateSession(_ changed: WorkingSession) async throws -> WorkingSession
    func session(id: String) async throws -> WorkingSession?
    func sessions(editionID: String) async throws -> [WorkingSession]
    func editionsWithSessions() async throws -> [(edition: Edition, sessions: [WorkingSession])]
    func seatsHeld() async throws -> [String: Int]
    func register(editionID: String, _ form: RegistrationForm) async throws -> RegistrationOutcome
    func registrations(editionID: String) async throws -> [RegistrationRecord]
    func registration(token: String) async throws -> RegistrationRecord?
    func registration(id: String) async throws -> RegistrationRecord?
    func events(registrationID: String) async throws -> [RegistrationEvent]
    func setStatus(registrationID: String, to status: RegistrationStatus, by: String, intakeOn: Day?, intakeNotes: String?, note: String) async throws -> RegistrationRecord?
    func setPaid(registrationID: String, _ paid: Bool, by: String) async throws
    func consents(participantID: String) async throws -> [ConsentRecord]
    func setNewsletter(participantID: String, _ given: Bool) async throws
    func newsletterList() async throws -> [(name: String, email: String)]
    func requestDeletion(participantID: String) async throws
    func anonymise(participantID: String, by: String) async throws
    func anonymiseExpired(cutoff: Day, by: String) async throws -> Int
    func purgeLiveInputs(startedBefore cutoff: Day) async throws -> Int
    var contact: NetworkContact { get }
    func resendLinks(email: String) async throws
    func outbox(limit: Int) async throws -> [OutboxRecord]
    func outboxMessage(id: String) async throws -> OutboxRecord?
    func outbox(registrationID: String) async throws -> [OutboxRecord]
    func retryMail(id: String) async throws
    func networkOrganisations() async throws -> [(organisation: Organisation, emailDomain: String?, proposed: Bool)]
    func confirmOrganisation(id: String, emailDomain: String?) async throws
    func mergeOrganisation(_ proposedID: String, into knownID: String) async throws
}

extension NetworkStore {
    // The defaults of `Store`'s own methods that callers holding only the protocol use.
    public func setStatus(registrationID: String, to status: RegistrationStatus, by: String, intakeOn: Day?, intakeNotes: String?) async throws -> RegistrationRecord? { return try await setStatus(registrationID: registrationID, to: status, by: by, intakeOn: intakeOn, intakeNotes: intakeNotes, note: "") }
    public func setStatus(registrationID: String, to status: RegistrationStatus, by: String, note: String) async throws -> RegistrationRecord? { return try await setStatus(registrationID: registrationID, to: status, by: by, intakeOn: nil, intakeNotes: nil, note: note) }
}

/// An organisation's own veerkracht data files.
public protocol VeerkrachtFileStore: Sendable {
    func dataFileInfo(organisationID: String) async throws -> [DataFileInfo]
    func saveDataFile(organisationID: String, name: String, content: String, by user: User) async throws
    func dataFiles(organisationID: String) async throws -> [StoredDataFile]
    func deleteDataFile(organisationID: String, name: String) async throws
    func saveVeerkrachtChoices(organisationID: String, choices: String, by user: User) async throws
    func veerkrachtChoices(organisationID: String) async throws -> VeerkrachtSettings?
}

extension Store: DossierStore, AccountStore, NetworkStore, VeerkrachtFileStore {}
