import Foundation
import HummingbirdBcrypt
import WikkenCore
import WikkenFormats
import WikkenStore

/// Demo data for `wikken serve --demo` on an empty database: a corporation, a gemeente, four
/// users with the roles, and the example dossiers (one shared with the gemeente).
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
        let hash = Bcrypt.hash(password, cost: 10)
        let strateeg = try await store.createUser(organisationID: corporation.id, email: "strateeg@demo.wikken.nl", name: "Sanne de Strateeg", role: .strateeg, passwordHash: hash)
        _ = try await store.createUser(organisationID: corporation.id, email: "lezer@demo.wikken.nl", name: "Bram Bestuurder", role: .lezer, passwordHash: hash)
        _ = try await store.createUser(organisationID: gemeente.id, email: "partner@demo.wikken.nl", name: "Pim Partner", role: .partner, passwordHash: hash)
        _ = try await store.createUser(organisationID: corporation.id, email: "beheerder@demo.wikken.nl", name: "Bea Beheerder", role: .beheerder, passwordHash: hash)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let dossier = DossierReader.read(text, file: file).validDossier else { continue }
            _ = try await store.createDossier(dossier, organisationID: corporation.id, author: strateeg, summary: "Voorbeeld ingelezen uit \(file)")
            if dossier.id.hasPrefix("wijkaanpak") { try await store.share(dossierID: dossier.id, with: gemeente.id, viewer: strateeg) }
        }
        return [
            Login(email: "strateeg@demo.wikken.nl", password: password, role: .strateeg, organisation: corporation.name),
            Login(email: "lezer@demo.wikken.nl", password: password, role: .lezer, organisation: corporation.name),
            Login(email: "partner@demo.wikken.nl", password: password, role: .partner, organisation: gemeente.name),
        ]
    }
}
