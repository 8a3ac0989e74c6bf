import Foundation
import Hummingbird
import HummingbirdBcrypt
import WikkenStore

/// The network organiser's page: organisations and users. Only for the role beheerder.
struct AdminController {
    let store: Store
    let pages: Pages

    func add(to router: Router<WikkenContext>) {
        router.get("/beheer") { _, context in try await page(context) }
        router.post("/beheer/organisaties") { request, context in
            let form = try await guarded(request, context)
            let name = (form["naam"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return try await page(context, error: "Geef de organisatie een naam.") }
            _ = try await store.createOrganisation(name: String(name.prefix(120)))
            return try await page(context, notice: "Organisatie '\(name)' toegevoegd.")
        }
        router.post("/beheer/gebruikers") { request, context in
            try await addUser(try await guarded(request, context), context)
        }
    }

    /// The form of a beheerder's request with a valid CSRF token; otherwise 403.
    func guarded(_ request: Request, _ context: WikkenContext) async throws -> Form {
        guard let session = context.session, session.user.role == .beheerder else { throw HTTPError(.forbidden, message: "Alleen voor beheerders.") }
        let form = try await Form.read(request)
        guard form["csrf"] == session.csrf else { throw HTTPError(.forbidden, message: "Het formulier is verlopen; laad de pagina opnieuw.") }
        return form
    }

    func addUser(_ form: Form, _ context: WikkenContext) async throws -> Response {
        let name = (form["naam"] ?? "").trimmingCharacters(in: .whitespaces), email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["wachtwoord"] ?? ""
        guard let org = form["organisatie"], try await store.organisation(id: org) != nil else { return try await page(context, error: "Kies een organisatie.") }
        guard let role = form["rol"].flatMap(Role.init(rawValue:)) else { return try await page(context, error: "Kies een rol.") }
        guard !name.isEmpty, email.contains("@") else { return try await page(context, error: "Vul een naam en een e-mailadres in.") }
        guard password.count >= 10 else { return try await page(context, error: "Het wachtwoord moet minstens 10 tekens hebben.") }
        do {
            _ = try await store.createUser(organisationID: org, email: email, name: name, role: role, passwordHash: Bcrypt.hash(password, cost: 12))
        } catch StoreError.duplicate {
            return try await page(context, error: "Er is al een gebruiker met dit e-mailadres.")
        }
        return try await page(context, notice: "Gebruiker \(name) toegevoegd.")
    }

    func page(_ context: WikkenContext, notice: String? = nil, error: String? = nil) async throws -> Response {
        guard let session = context.session else { return Response.redirect(to: "/inloggen") }
        guard session.user.role == .beheerder else { throw HTTPError(.forbidden, message: "Alleen voor beheerders.") }
        let orgs = try await store.organisations()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.name) })
        var values: [String: Any] = [
            "titel": "Beheer", "csrf": session.csrf,
            "organisaties": orgs.map { ["id": $0.id, "naam": $0.name] },
            "gebruikers": try await store.users().map { ["naam": $0.name, "email": $0.email, "rol": $0.role.rawValue, "organisatie": names[$0.organisationID] ?? ""] },
        ]
        if let notice { values["melding"] = notice }
        if let error { values["fout"] = error }
        return pages.render("beheer", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
