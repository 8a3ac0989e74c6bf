import Foundation
import Hummingbird
import WikkenReports
import WikkenStore

/// The signed-in user's own account: API keys and the password.
struct AccountController {
    let store: any AccountStore
    let pages: Pages
    let configuration: WebConfiguration

    struct KeyForm: Decodable {
        var naam: String?
    }

    struct PasswordForm: Decodable {
        var huidig: String?
        var nieuw: String?
        var herhaal: String?

        enum CodingKeys: String, CodingKey {
            case huidig = "huidig-wachtwoord", nieuw = "nieuw-wachtwoord", herhaal = "herhaal-wachtwoord"
        }
    }

    func add(to group: RouterGroup<WikkenContext>) {
        group.get("/account") { _, context in try await page(try context.session, context: context) }
        group.post("/account/sleutels") { _, context in
            let session = try context.session
            let form = try context.form.decode(KeyForm.self)
            let name = (form.naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { return try await page(session, notice: "Schrijf op waarvoor de sleutel is; dan herken je hem later in de lijst.", context: context, status: .unprocessableContent) }
            let token = try await store.createAPIToken(for: session.user, name: String(name.prefix(80)))
            return try await page(session, newKey: token, context: context)
        }
        group.post("/account/sleutels/:sleutel/intrekken") { _, context in
            let session = try context.session
            let name = try await store.revokeAPIKey(id: try context.parameters.require("sleutel"), of: session.user)
            return try await page(session, notice: "Sleutel ‘\(name)’ is ingetrokken. Scripts die hem gebruiken krijgen nu ‘401’; maak zo nodig een nieuwe.", context: context)
        }
        group.post("/account/wachtwoord") { _, context in try await changePassword(context) }
    }

    func page(_ session: Session, newKey: String? = nil, problem: String? = nil, notice: String? = nil, context: WikkenContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let keys = try await store.apiKeys(of: session.user).map { k in
            AccountPage.Key(id: k.id, naam: k.name, gemaakt: LocalTime.minute(Timestamp.date(k.createdAt)),
                            gebruikt: k.lastUsedAt.map { "rond " + LocalTime.minute(Timestamp.date($0)) } ?? "nog nooit")
        }
        return pages.render(AccountPage(naam: session.user.name, email: session.user.email, rol: session.user.role.rawValue, csrf: session.csrf,
                                        nieuw: newKey, wachtwoordFout: problem, sleutels: keys, heeftSleutels: !keys.isEmpty, melding: notice), context: context, status: status)
    }

    func changePassword(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let form = try context.form.decode(PasswordForm.self)
        let new = form.nieuw ?? ""
        let problem: String? =
            !(try await Password.verify(form.huidig ?? "", hash: session.user.passwordHash)) ? "Je huidige wachtwoord klopt niet. Er is niets veranderd."
            : new.count < 10 ? "Het nieuwe wachtwoord moet minstens 10 tekens hebben."
            : new != form.herhaal ? "De twee nieuwe wachtwoorden zijn niet gelijk."
            : nil
        if let problem { return try await page(session, problem: problem, context: context, status: .unprocessableContent) }
        try await store.resetPassword(userID: session.user.id, passwordHash: try await Password.hash(new), by: session.user)
        var response = Response.redirect(to: "/inloggen?melding=wachtwoord")
        response.setCookie(endedCookie(configuration))
        return response
    }
}
