import Foundation
import Hummingbird
import WikkenReports
import WikkenStore

/// The network organiser's page: organisations and users. Only for the role beheerder.
struct AdminController {
    let store: any AccountStore
    let pages: Pages

    func add(to router: RouterGroup<WikkenContext>) {
        router.get("/beheer") { _, context in try await page(context) }
        router.post("/beheer/organisaties") { request, context in
            struct OrganisationFields: Decodable { var naam: String? }
            let name = (try context.form.decode(OrganisationFields.self).naam ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return try await page(context, error: "Geef de organisatie een naam.") }
            _ = try await store.createOrganisation(name: String(name.prefix(120)))
            return try await page(context, notice: "Organisatie '\(name)' toegevoegd.")
        }
        router.post("/beheer/gebruikers") { request, context in
            try await addUser(try context.form, context)
        }
        router.post("/beheer/gebruikers/:gebruiker/wachtwoord") { request, context in
            return try await resetPassword(try context.parameters.require("gebruiker"), context)
        }
        for (path, active) in [("uitzetten", false), ("aanzetten", true)] {
            router.post("/beheer/gebruikers/:gebruiker/\(path)") { request, context in
                return try await setActive(try context.parameters.require("gebruiker"), active, context)
            }
        }
    }

    /// The new-user form; the role as its Dutch name (`strateeg`, `lezer`, …).
    struct UserForm: Decodable {
        var naam: String?
        var email: String?
        var wachtwoord: String?
        var organisatie: String?
        var rol: String?
    }

    func addUser(_ posted: Form, _ context: WikkenContext) async throws -> Response {
        let form = try posted.decode(UserForm.self)
        let name = (form.naam ?? "").trimmingCharacters(in: .whitespaces), email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        let password = form.wachtwoord ?? ""
        guard let org = form.organisatie, try await store.organisation(id: org) != nil else { return try await page(context, error: "Kies een organisatie.") }
        guard let role = form.rol.flatMap(Role.init(rawValue:)) else { return try await page(context, error: "Kies een rol.") }
        guard !name.isEmpty, email.contains("@") else { return try await page(context, error: "Vul een naam en een e-mailadres in.") }
        guard password.count >= 10 else { return try await page(context, error: "Het wachtwoord moet minstens 10 tekens hebben.") }
        do {
            _ = try await store.createUser(organisationID: org, email: email, name: name, role: role, passwordHash: try await Password.hash(password))
        } catch StoreError.duplicate {
            return try await page(context, error: "Er is al een gebruiker met dit e-mailadres.")
        }
        return try await page(context, notice: "Gebruiker \(name) toegevoegd.")
    }

    /// A new, random first password for a user who lost theirs; shown once to the organiser, who
    /// passes it on in person. The user's sessions end.
    func resetPassword(_ userID: String, _ context: WikkenContext) async throws -> Response {
        guard let user = try await store.user(id: userID) else { return try await page(context, error: "Deze gebruiker bestaat niet.") }
        let password = Self.temporaryPassword()
        try await store.resetPassword(userID: user.id, passwordHash: try await Password.hash(password), by: try context.session.user)
        context.logger.info("beheer: nieuw wachtwoord voor \(user.email) door \(context.identity?.user.email ?? "?")")
        return try await page(context, notice: "Nieuw wachtwoord voor \(user.name): \(password) — geef het persoonlijk door; het wordt niet nog eens getoond. \(user.name) is overal uitgelogd.")
    }

    /// Switches a user off or on again. Their work stays; only signing in and their tokens stop.
    func setActive(_ userID: String, _ active: Bool, _ context: WikkenContext) async throws -> Response {
        guard let user = try await store.user(id: userID) else { return try await page(context, error: "Deze gebruiker bestaat niet.") }
        do {
            try await store.setActive(userID: user.id, active, by: try context.session.user)
        } catch StoreError.notAllowed(let reason) {
            return try await page(context, error: reason)
        }
        context.logger.info("beheer: \(user.email) \(active ? "aangezet" : "uitgezet") door \(context.identity?.user.email ?? "?")")
        return try await page(context, notice: active
            ? "\(user.name) kan weer inloggen."
            : "\(user.name) staat uit: inloggen kan niet meer, de sessies zijn beëindigd en API-sleutels werken niet meer. Wat \(user.name) heeft gedaan, blijft in de geschiedenis staan.")
    }

    /// 16 letters and digits without look-alikes (no 0/O, 1/l/I), in groups of four.
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    func page(_ context: WikkenContext, notice: String? = nil, error: String? = nil) async throws -> Response {
        let session = try context.session
        let (orgs, users, entries) = try await store.read { r in (try await r.organisations(), try await r.users(), try await r.auditLog()) }
        let names = Dictionary(firstValues: orgs.map { ($0.id, $0.name) })
        let log = entries.map {
            AdminPage.LogLine(wanneer: LocalTime.minute($0.date), wie: $0.actorName, wat: $0.action + ($0.detail.isEmpty ? "" : " (\($0.detail))"), over: $0.subject)
        }
        let page = AdminPage(
            csrf: session.csrf, organisaties: orgs.map { .init(id: $0.id, naam: $0.name) },
            gebruikers: users.map {
                .init(id: $0.id, naam: $0.name, email: $0.email, rol: $0.role.rawValue, organisatie: names[$0.organisationID] ?? "",
                      actief: $0.active, zelf: $0.id == session.user.id)
            },
            logboek: log, heeftLogboek: !log.isEmpty, melding: notice, fout: error)
        return pages.render(page, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
