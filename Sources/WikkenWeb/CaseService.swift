import WikkenCore
import WikkenNetwork
import WikkenStore

/// Casuïstiek: a case brought to a working session becomes a dossier. Shared by the organiser's
/// pages and the API.
struct CaseService: Sendable {
    let store: any NetworkStore & DossierStore

    /// The dossier of a case, made from `CaseSkeleton` the first time: owned by the participant's
    /// organisation when it is known in Wikken (shared with the organiser's), else by the
    /// organiser's. Returns its address.
    func dossier(of caseID: String, by organiser: User) async throws -> String {
        guard let c = try await store.case(id: caseID) else { throw StoreError.notFound }
        if let existing = c.dossierID { return existing }
        var owner = organiser.organisationID
        if let registrationID = c.registrationID, let r = try await store.registration(id: registrationID), let org = r.organisationID { owner = org }
        var base = String(Slug.make(from: "casus " + c.title).prefix(72))  // room for "-2" within the 80 characters of an id
        while base.hasSuffix("-") { base.removeLast() }
        var name = base
        for attempt in 2...1000 {
            let dossier = CaseSkeleton.dossier(id: name, title: c.title, question: c.question, context: c.context, organisation: c.organisationName)
            do {
                let created = try await store.createDossier(dossier, organisationID: owner, author: organiser, summary: "Gemaakt van de casus ‘\(c.title)’ (werksessie)",
                                                            sharedWith: [organiser.organisationID])
                try await store.linkDossier(caseID: c.id, dossierID: created.record.id)
                return created.record.id
            } catch StoreError.duplicate {
                name = "\(base)-\(attempt)"
            }
        }
        throw StoreError.notAllowed("Er bestaan al te veel dossiers met de naam van deze casus.")
    }
}
