import Foundation
import Hummingbird
import WikkenStore

/// Signing in and out.
struct SessionController {
    let store: any AccountStore
    let pages: Pages
    let configuration: WebConfiguration
    let limiter: LoginLimiter

    init(store: any AccountStore, pages: Pages, configuration: WebConfiguration) {
        self.store = store
        self.pages = pages
        self.configuration = configuration
        limiter = LoginLimiter(limit: configuration.loginAttempts)
    }

    struct SignInForm: Decodable {
        var email: String?
        var wachtwoord: String?
    }

    func add(open: RouterGroup<WikkenContext>, signedIn: RouterGroup<WikkenContext>) {
        open.get("/inloggen") { _, context in pages.render(SignInPage(), context: context) }
        open.post("/inloggen") { _, context in try await signIn(context) }
        signedIn.post("/uitloggen") { request, _ in
            if let token = request.cookies[Web.sessionCookie]?.value { try await store.endSession(token: token) }
            var response = Response.redirect(to: "/inloggen")
            response.setCookie(endedCookie(configuration))
            return response
        }
    }

    func signIn(_ context: WikkenContext) async throws -> Response {
        let form = try context.form.decode(SignInForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        func refused(_ message: String, _ status: HTTPResponse.Status) -> Response {
            pages.render(SignInPage(email: email, fout: message), context: context, status: status)
        }
        if await limiter.isBlocked(email) {
            return refused("Te vaak een verkeerd wachtwoord. Probeer het over een kwartier opnieuw.", .tooManyRequests)
        }
        let user = try await store.user(email: email)
        // The same work for an unknown address as for a known one: no answer in the timing.
        let matches = try await Password.verify(form.wachtwoord ?? "", hash: user?.passwordHash ?? Password.decoy)
        guard let user, matches else {
            await limiter.fail(email)
            return refused("Dit e-mailadres en wachtwoord horen niet bij elkaar.", .unauthorized)
        }
        await limiter.succeed(email)
        guard user.active else {
            return refused("Je account staat uit. Vraag de beheerder van het netwerk om het weer aan te zetten.", .forbidden)
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

/// Counts failed sign-ins per key in a sliding window, to slow down password guessing.
actor LoginLimiter {
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let limit: Int
    private let window: Duration

    init(limit: Int, window: Duration = .seconds(900)) {
        self.limit = limit
        self.window = window
    }

    func isBlocked(_ key: String) -> Bool {
        prune(key)
        return (failures[key]?.count ?? 0) >= limit
    }

    func fail(_ key: String) {
        prune(key)
        failures[key, default: []].append(.now)
    }

    func succeed(_ key: String) { failures[key] = nil }

    private func prune(_ key: String) {
        let cutoff = ContinuousClock.now - window
        failures[key] = failures[key]?.filter { $0 > cutoff }
    }
}
