import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenStore

/// Builds the web app: pages for people, over the store. Tests build the same app in-process.
public enum Web {
    static let sessionCookie = "wikken_sessie"

    public static func buildApplication(store: Store, configuration: WebConfiguration, logger: Logger = Logger(label: "wikken.web")) async throws -> some ApplicationProtocol {
        let router = try await buildRouter(store: store, configuration: configuration)
        return Application(router: router, configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Wikken"), logger: logger)
    }

    public static func buildRouter(store: Store, configuration: WebConfiguration) async throws -> Router<WikkenContext> {
        let pages = try await Pages.load()
        let router = Router(context: WikkenContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: UnexpectedErrors())
        router.add(middleware: SessionMiddleware(store: store))
        router.get("/gezondheid") { _, _ in "ok" }
        router.get("/static/wikken.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: pages.css)))
        }
        router.get("/static/wikken.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: pages.script)))
        }
        router.get("/") { _, context in
            Response.redirect(to: context.session == nil ? "/inloggen" : "/dossiers")
        }
        SessionController(store: store, pages: pages, configuration: configuration).add(to: router)
        DossierController(store: store, pages: pages).add(to: router)
        let veerkracht = VeerkrachtController(store: store, pages: pages, data: VeerkrachtController.loadData(folder: configuration.veerkrachtData))
        APIController(store: store, veerkracht: veerkracht).add(to: router)
        AdminController(store: store, pages: pages).add(to: router)
        NetworkController(store: store, pages: pages).add(to: router)
        NetworkAdminController(store: store, pages: pages).add(to: router)
        veerkracht.add(to: router)
        @Sendable func account(_ session: Session, _ extra: [String: Any] = [:], context: WikkenContext, status: HTTPResponse.Status = .ok) -> Response {
            let values: [String: Any] = ["titel": "Account", "naam": session.user.name, "email": session.user.email, "rol": session.user.role.rawValue, "csrf": session.csrf]
            return pages.render("account", values.merging(extra) { $1 }, context: context, status: status)
        }
        router.get("/account") { _, context in
            guard let session = context.session else { return Response.redirect(to: "/inloggen") }
            return account(session, context: context)
        }
        router.post("/account/sleutels") { request, context in
            guard let session = context.session else { return Response.redirect(to: "/inloggen") }
            let form = try await Form.read(request)
            try form.requireToken(of: session)
            let token = try await store.createAPIToken(for: session.user, name: String((form["naam"] ?? "").prefix(80)))
            return account(session, ["nieuw": token], context: context)
        }
        router.post("/account/wachtwoord") { request, context in
            guard let session = context.session else { return Response.redirect(to: "/inloggen") }
            let form = try await Form.read(request)
            try form.requireToken(of: session)
            let new = form["nieuw-wachtwoord"] ?? ""
            let problem: String? =
                !Bcrypt.verify(form["huidig-wachtwoord"] ?? "", hash: session.user.passwordHash) ? "Je huidige wachtwoord klopt niet. Er is niets veranderd."
                : new.count < 10 ? "Het nieuwe wachtwoord moet minstens 10 tekens hebben."
                : new != form["herhaal-wachtwoord"] ? "De twee nieuwe wachtwoorden zijn niet gelijk."
                : nil
            if let problem { return account(session, ["wachtwoordFout": problem], context: context, status: .unprocessableContent) }
            try await store.resetPassword(userID: session.user.id, passwordHash: Bcrypt.hash(new, cost: 12), by: session.user)
            var signedOut = context
            signedOut.session = nil
            var response = pages.render("inloggen", ["titel": "Inloggen", "email": session.user.email,
                                                      "melding": "Je wachtwoord is gewijzigd en je bent overal uitgelogd. Log opnieuw in met je nieuwe wachtwoord."],
                                        context: signedOut)
            response.setCookie(Cookie(name: Web.sessionCookie, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
        return router
    }
}

/// Signing in and out.
struct SessionController {
    let store: Store
    let pages: Pages
    let configuration: WebConfiguration
    let limiter: LoginLimiter

    init(store: Store, pages: Pages, configuration: WebConfiguration) {
        self.store = store
        self.pages = pages
        self.configuration = configuration
        limiter = LoginLimiter(limit: configuration.loginAttempts)
    }

    func add(to router: Router<WikkenContext>) {
        router.get("/inloggen") { _, context in pages.render("inloggen", ["titel": "Inloggen"], context: context) }
        router.post("/inloggen") { request, context in try await signIn(request, context) }
        router.post("/uitloggen") { request, context in
            let form = try await Form.read(request)
            guard let session = context.session, form["csrf"] == session.csrf else { return Response.redirect(to: "/inloggen") }
            if let token = request.cookies[Web.sessionCookie]?.value { try await store.endSession(token: token) }
            var response = Response.redirect(to: "/inloggen")
            response.setCookie(Cookie(name: Web.sessionCookie, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    func signIn(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let form = try await Form.read(request)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let values: [String: Any] = ["titel": "Inloggen", "email": email]
        if await limiter.isBlocked(email) {
            var v = values
            v["fout"] = "Te vaak een verkeerd wachtwoord. Probeer het over een kwartier opnieuw."
            return pages.render("inloggen", v, context: context, status: .tooManyRequests)
        }
        guard let user = try await store.user(email: email), Bcrypt.verify(form["wachtwoord"] ?? "", hash: user.passwordHash) else {
            await limiter.fail(email)
            var v = values
            v["fout"] = "Dit e-mailadres en wachtwoord horen niet bij elkaar."
            return pages.render("inloggen", v, context: context, status: .unauthorized)
        }
        await limiter.succeed(email)
        guard user.active else {
            var v = values
            v["fout"] = "Je account staat uit. Vraag de beheerder van het netwerk om het weer aan te zetten."
            return pages.render("inloggen", v, context: context, status: .forbidden)
        }
        let (token, _) = try await store.createSession(for: user)
        var response = Response.redirect(to: "/dossiers")
        response.setCookie(Cookie(name: Web.sessionCookie, value: token, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }
}
