import Hummingbird
import WikkenCore
import WikkenNetwork
import WikkenStore

/// Casuïstiek: a case brought to a working session becomes a dossier. Shared by the organiser's
/// pages and the API.
struct CaseService: Sendable {
    let store: any NetworkStore & DossierStore & AccountStore

    /// Who may make a case's dossier: the organiser, and a strategist of the organisation whose
    /// participant brought the case (the participant herself when she has an account). A case the
    /// organiser added, or from an organisation not known in Wikken, is the organiser's to make.
    static func mayMakeDossier(of c: CaseRecord, _ user: User) -> Bool {
        user.role == .beheerder || (user.role == .strateeg && c.organisationID != nil && c.organisationID == user.organisationID)
    }

    /// The dossier of a case, made from `CaseSkeleton` the first time: owned by the participant's
    /// organisation when it is known in Wikken, else by the maker's, and shared with the
    /// organisers' organisations so the session can work on it. Returns its address; refuses
    /// (403) anyone ``mayMakeDossier(of:_:)`` does not allow. `made` is false when the case
    /// already had its dossier.
    func dossier(of caseID: String, by user: User) async throws -> (id: String, made: Bool) {
        guard let c = try await store.case(id: caseID) else { throw StoreError.notFound }
        guard Self.mayMakeDossier(of: c, user) else {
            throw HTTPError(.forbidden, message: "Van deze casus kunnen alleen de organisator en de strategen van \(c.organisationName.isEmpty ? "de organisatie die hem inbracht" : c.organisationName) een dossier maken.")
        }
        if let existing = c.dossierID { return (existing, false) }
        let owner = c.organisationID ?? user.organisationID
        let organisers = Set(try await store.users().filter { $0.role == .beheerder && $0.active }.map(\.organisationID))
        let shared = Array(organisers.union([user.organisationID]).subtracting([owner])).sorted()
        var base = String(Slug.make(from: "casus " + c.title).prefix(72))  // room for "-2" within the 80 characters of an id
        while base.hasSuffix("-") { base.removeLast() }
        var name = base
        for attempt in 2...1000 {
            let dossier = CaseSkeleton.dossier(id: name, title: c.title, question: c.question, context: c.context, organisation: c.organisationName)
            do {
                let created = try await store.createDossier(dossier, organisationID: owner, author: user, summary: "Gemaakt van de casus ‘\(c.title)’ (werksessie)",
                                                            sharedWith: shared)
                // Two makers at the same moment: the first link wins and both go to that dossier.
                return (try await store.linkDossier(caseID: c.id, dossierID: created.record.id) ?? created.record.id, true)
            } catch StoreError.duplicate {
                name = "\(base)-\(attempt)"
            }
        }
        throw StoreError.notAllowed("Er bestaan al te veel dossiers met de naam van deze casus.")
    }
}
