import Foundation
import Hummingbird
import WikkenStore

/// Signing in and out. Sign-in is slowed per address, account and pair (``SignInThrottle``),
/// costs the same for unknown and known accounts (a decoy bcrypt hash), and its form carries a
/// token that must match a cookie set with the form (a cross-site page cannot sign a visitor in
/// to an account of its choosing).
struct SessionController {
    let store: any AccountStore
    let pages: Pages
    let configuration: WebConfiguration
    let throttle: SignInThrottle

    init(store: any AccountStore, pages: Pages, configuration: WebConfiguration) {
        self.store = store
        self.pages = pages
        self.configuration = configuration
        throttle = configuration.signInClock.map { SignInThrottle(rules: configuration.signInRules, now: $0) } ?? SignInThrottle(rules: configuration.signInRules)
    }

    static let formCookie = "wikken_inlogformulier"

    struct SignInForm: Decodable {
        var email: String?
        var wachtwoord: String?
        var csrf: String?
    }

    func add(open: RouterGroup<WikkenContext>, signedIn: RouterGroup<WikkenContext>) {
        open.get("/inloggen") { request, context in form(request, context) }
        open.post("/inloggen") { request, context in try await signIn(request, context) }
        signedIn.post("/uitloggen") { request, _ in
            if let token = request.cookies[Web.sessionCookie]?.value { try await store.endSession(token: token) }
            var response = Response.redirect(to: "/inloggen")
            response.setCookie(endedCookie(configuration))
            return response
        }
    }

    /// The sign-in page, with the form's token (the cookie's, or a new one).
    func form(_ request: Request, _ context: WikkenContext, email: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok,
              retryAfter seconds: Int? = nil) -> Response {
        let token = request.cookies[Self.formCookie]?.value.nilIfEmpty ?? Store.randomToken()
        let notice = request.uri.queryParameters.get("melding") == "wachtwoord"
            ? "Je wachtwoord is gewijzigd en je bent overal uitgelogd. Log opnieuw in met je nieuwe wachtwoord." : nil
        var response = pages.render(SignInPage(email: email, melding: notice, fout: error, csrf: token), context: context, status: status)
        response.setCookie(Cookie(name: Self.formCookie, value: token, path: "/inloggen", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        if let seconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    func signIn(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let fields = try context.form.decode(SignInForm.self)
        let email = (fields.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard let expected = request.cookies[Self.formCookie]?.value, !expected.isEmpty, fields.csrf == expected else {
            return form(request, context, email: email, error: "Het formulier is verlopen; log opnieuw in.", status: .forbidden)
        }
        let address = context.clientAddress(of: request, trustingProxy: configuration.trustProxy)
        if let wait = await throttle.wait(address: address, account: email) {
            // Whole seconds, rounded up: the page and Retry-After say the same.
            let seconds = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
            return form(request, context, email: email, error: "Te vaak een verkeerd wachtwoord. Probeer het over \(seconds == 1 ? "een seconde" : "\(seconds) seconden") opnieuw.",
                        status: .tooManyRequests, retryAfter: seconds)
        }
        let user = try await store.user(email: email)
        // The same work for an unknown address as for a known one: no answer in the timing.
        let matches = try await Password.verify(fields.wachtwoord ?? "", hash: user?.passwordHash ?? Password.decoy)
        guard let user, matches else {
            await throttle.failed(address: address, account: email)
            return form(request, context, email: email, error: "Dit e-mailadres en wachtwoord horen niet bij elkaar.", status: .unauthorized)
        }
        await throttle.succeeded(address: address, account: email)
        guard user.active else {
            return form(request, context, email: email, error: "Je account staat uit. Vraag de beheerder van het netwerk om het weer aan te zetten.", status: .forbidden)
        }
        let (token, _) = try await store.createSession(for: user)
        var response = Response.redirect(to: "/dossiers")
        response.setCookie(Cookie(name: Web.sessionCookie, value: token, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }
}

/// The cookie that ends a session in the browser.
func endedCookie(_ configuration: WebConfiguration) -> Cookie {
    Cookie(name: Web.sessionCookie, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
}
