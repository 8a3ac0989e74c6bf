import Foundation

import WikkenCore
import WikkenFormats
import WikkenNetwork
import WikkenStore

/// Demo data for `wikken serve --demo` on an empty database: a corporation, a gemeente, a
/// huurdersorganisatie, five users with the roles, the example dossiers (the wijkaanpak shared
/// with the gemeente; the prestatieafspraken weighed blind by the three partners), and an edition of
/// the network with four working sessions and two registrations.
public enum Demo {
    public struct Login: Sendable {
        public var email: String
        public var password: String
        public var role: Role
        public var organisation: String
    }

    public static let password = "wikken-demo"

    /// Seeds the store if it is empty; returns the demo logins (empty when nothing was seeded).
    public static func seed(_ store: Store, examples folder: String) async throws -> [Login] {
        guard try await store.isEmpty() else { return [] }
        let corporation = try await store.createOrganisation(name: "Woningcorporatie Vechtstroom (demo)")
        let gemeente = try await store.createOrganisation(name: "Gemeente Utrecht (demo)")
        let huurders = try await store.createOrganisation(name: "Huurdersorganisatie Samen Sterk (demo)")
        let hash = try await Password.hash(password, cost: 10)
        let strateeg = try await store.createUser(organisationID: corporation.id, email: "strateeg@demo.wikken.nl", name: "Sanne de Strateeg", role: .strateeg, passwordHash: hash)
        _ = try await store.createUser(organisationID: corporation.id, email: "lezer@demo.wikken.nl", name: "Bram Bestuurder", role: .lezer, passwordHash: hash)
        _ = try await store.createUser(organisationID: gemeente.id, email: "partner@demo.wikken.nl", name: "Pim Partner", role: .partner, passwordHash: hash)
        _ = try await store.createUser(organisationID: huurders.id, email: "huurders@demo.wikken.nl", name: "Hanna Huurder", role: .partner, passwordHash: hash)
        _ = try await store.createUser(organisationID: corporation.id, email: "beheerder@demo.wikken.nl", name: "Bea Beheerder", role: .beheerder, passwordHash: hash)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), var dossier = DossierReader.read(text, file: file).validDossier else { continue }
            // The prestatieafspraken example's three partners are the demo's organisations, and
            // they weigh blind until the corporation opens the weighing.
            let partners = ["gemeente": gemeente, "corporatie": corporation, "huurders": huurders]
            let together = dossier.decisionMakers.contains { partners[$0.id] != nil && $0.organisation != nil }
            if together {
                for k in dossier.decisionMakers.indices { if let o = partners[dossier.decisionMakers[k].id] { dossier.decisionMakers[k].organisation = o.name } }
                dossier.partnersBlind = true
            }
            _ = try await store.createDossier(dossier, organisationID: corporation.id, author: strateeg, summary: "Voorbeeld ingelezen uit \(file)",
                                        address: dossier.id)  // readable addresses for the demo's links, in an empty store
            if dossier.id.hasPrefix("wijkaanpak") || together { try await store.share(dossierID: dossier.id, with: gemeente.id, viewer: strateeg) }
            if together { try await store.share(dossierID: dossier.id, with: huurders.id, viewer: strateeg) }
        }
        try await seedNetwork(store, partner: corporation)
        try await seedLiveSession(store, facilitator: strateeg)
        return [
            Login(email: "strateeg@demo.wikken.nl", password: password, role: .strateeg, organisation: corporation.name),
            Login(email: "lezer@demo.wikken.nl", password: password, role: .lezer, organisation: corporation.name),
            Login(email: "partner@demo.wikken.nl", password: password, role: .partner, organisation: gemeente.name),
            Login(email: "huurders@demo.wikken.nl", password: password, role: .partner, organisation: huurders.name),
            Login(email: "beheerder@demo.wikken.nl", password: password, role: .beheerder, organisation: corporation.name),
        ]
    }

    /// The demo's live session: its code, which the README and `wikken serve --demo` name.
    public static let liveCode = "WEGEN7"

    /// A live session on the collaborations example (or the first dossier), anonymous, with the
    /// input open and three participants who have spread their 100 points: join on a phone as the
    /// fourth, then reveal from the console.
    static func seedLiveSession(_ store: Store, facilitator: User) async throws {
        let dossiers = try await store.dossiers(viewer: facilitator)
        guard let listed = dossiers.first(where: { $0.id.hasPrefix("samenwerkingen") }) ?? dossiers.first else { return }
        let dossier = try await store.dossier(id: listed.id, viewer: facilitator).dossier
        let criteria = Criterion.weighed(by: nil, in: dossier.criteria).map(\.id)
        guard !criteria.isEmpty else { return }
        _ = try await store.startLiveSession(dossierID: listed.id, facilitator: facilitator, anonymous: true, code: liveCode)
        _ = try await store.setLivePhase(code: liveCode, to: .input, by: facilitator)
        let people = [("Ayşe", "Gemeente"), ("Joost", "Huurdersorganisatie"), ("Marieke", "Zorgaanbieder")]
        for (k, (name, organisation)) in people.enumerated() {
            let (_, token) = try await store.joinLiveSession(code: liveCode, name: name, organisation: organisation)
            // Each puts a different criterion first: the rest share what is left evenly, the
            // remainder to the first of them.
            var points: [String: Int] = [:]
            let first = criteria[k % criteria.count], others = criteria.filter { $0 != first }
            points[first] = others.isEmpty ? 100 : 40
            for (i, id) in others.enumerated() { points[id] = 60 / others.count + (i == 0 ? 60 % others.count : 0) }
            try await store.handIn(Allocation(points: points), code: liveCode, token: token, criteria: criteria)
        }
    }

    /// "4e editie (demo)": four sessions in 2027 (the first in Den Haag, the others' places still
    /// to be decided), the corporation a partner, and two registrations.
    static func seedNetwork(_ store: Store, partner: Organisation) async throws {
        try await store.setPartnerships(organisationID: partner.id, [Partnership(since: Day(2024, 1, 1))])
        let edition = try await store.createEdition(name: "4e editie (demo)", description: "Vier werksessies waarin strategen afwegingsinstrumenten testen op elkaars casuïstiek.")
        let plan = [("2027-02-03", "Den Haag, Platform31", "Samenwerkingen: waar doen we aan mee?"), ("2027-04-07", nil, "Veerkracht van wijken"),
                    ("2027-06-09", nil, "Tellend en vertellend afwegen"), ("2027-09-29", nil, "Oogst: wat nemen we mee?")]
        for (date, place, theme) in plan {
            _ = try await store.addSession(editionID: edition.id, date: Day(date)!, start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: place, theme: theme,
                                           agenda: "12:00 Inloop met lunch\n12:30 Casus van een deelnemer\n14:30 Instrument testen\n16:00 Oogst", seats: 20)
        }
        _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Sanne de Strateeg", email: "strateeg@demo.wikken.nl", function: "Strateeg",
                                                                             organisationID: partner.id, needs: "Een manier om samenwerkingen te schrappen.", brings: "De casus Neckardreef."))
        _ = try await store.register(editionID: edition.id, RegistrationForm(name: "Kees Koster", email: "kees@buitenwonen.example", function: "Beleidsadviseur",
                                                                             organisationID: nil, organisationName: "Buiten Wonen (demo)", needs: "Leren van anderen.", brings: "Ervaring met wijkvisies."))
    }
}
