import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenStore

/// Builds the web app: pages for people and the JSON API, over the store. Tests build the same
/// app in-process.
///
/// The routes sit in groups whose middleware carries the rules, so no handler checks a session,
/// a token, a role or a form's CSRF token itself:
///
/// | group | who | middleware |
/// | --- | --- | --- |
/// | public | anyone (sign-in, the network's public and personal-link pages, joining a live session, assets) | — |
/// | API | a valid API token (`/api/…`); organiser routes also the role | ``TokenAuthenticator``, ``RequireOrganiserToken`` |
/// | signed in | a session; a CSRF token on every unsafe method | ``RequireSignedIn`` |
/// | editor | signed in with a role that may change things | ``Policies/editor`` |
/// | organiser | signed in as beheerder | ``Policies/organiser`` |
///
/// Around all of them: ``SecurityHeaders``, ``ErrorResponses`` (one error vocabulary),
/// ``SessionAuthenticator`` (the cookie's session, if any) and ``FormReader`` (the posted form,
/// read once within its size limit).
public enum Web {
    static let sessionCookie = "wikken_sessie"

    /// The app with the store's service (the PostgreSQL client) in its service group;
    /// `beforeServerStarts` runs once that service runs and before the port opens (migrations,
    /// demo data).
    public static func buildApplication(store: Store, configuration: WebConfiguration, logger: Logger = Logger(label: "wikken.web"),
                                        beforeServerStarts: @escaping @Sendable () async throws -> Void = {}) async throws -> some ApplicationProtocol {
        let router = try await buildRouter(store: store, configuration: configuration)
        var app = Application(router: router, server: server(store: store), configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Wikken"),
                              logger: logger)
        if let service = store.service { app.addServices(service) }
        if configuration.mail.command != nil { app.addServices(MailSender(store: store, configuration: configuration.mail, logger: logger)) }
        app.beforeServerStarts(perform: beforeServerStarts)
        return app
    }

    /// HTTP/1 with the upgrade to WebSocket for live sessions (see ``LiveSocket``).
    static func server(store: Store) -> HTTPServerBuilder {
        .http1WebSocketUpgrade(webSocketRouter: LiveSocket.router(store: store, hub: LiveHub(store: store)),
                               configuration: .init(ws: .init(maxFrameSize: LiveSocket.maxFrameSize)))
    }

    public static func buildRouter(store: Store, configuration: WebConfiguration) async throws -> Router<WikkenContext> {
        store.configure(contact: configuration.contact)
        var pages = try await Pages.load()
        pages.observer = configuration.pageObserver
        // HEAD answers as GET without the body (health checks, link checkers).
        let router = Router(context: WikkenContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeaders())
        let known = KnownRoutes()
        router.add(middleware: MethodNotAllowed(routes: known, pages: pages))
        // Errors of the session look-up itself (the database is gone) are caught outside it;
        // all others inside, where the page can still show who is signed in.
        router.add(middleware: ErrorResponses(pages: pages))
        router.add(middleware: SessionAuthenticator(store: store))
        router.add(middleware: ErrorResponses(pages: pages))
        router.add(middleware: FormReader())

        let veerkracht = VeerkrachtService(store: store, shared: VeerkrachtService.loadData(folder: configuration.veerkrachtData))
        let cases = CaseService(store: store)

        let open = router.group()
        let api = router.group("api").add(middleware: TokenAuthenticator(store: store))
        let apiOrganiser = api.group().add(middleware: RequireOrganiserToken())
        let signedIn = router.group().add(middleware: RequireSignedIn())
        let editor = signedIn.group().add(middleware: Policies.editor)
        let organiser = signedIn.group().add(middleware: Policies.organiser)

        AssetsController(pages: pages).add(to: open)
        SessionController(store: store, pages: pages, configuration: configuration).add(open: open, signedIn: signedIn)
        AccountController(store: store, pages: pages, configuration: configuration).add(to: signedIn)
        DossierController(store: store, pages: pages).add(signedIn: signedIn, editor: editor)
        VeerkrachtController(service: veerkracht, store: store, pages: pages).add(signedIn: signedIn, editor: editor)
        let registrationLimit = RateLimiter(limit: configuration.registrationLimit.count, window: configuration.registrationLimit.window)
        NetworkController(store: store, pages: pages, configuration: configuration, registrations: registrationLimit).add(to: open, editor: editor, cases: cases)
        LiveController(store: store, pages: pages, configuration: configuration).add(open: open, signedIn: signedIn, editor: editor)
        AdminController(store: store, pages: pages).add(to: organiser)
        NetworkAdminController(store: store, pages: pages, mail: configuration.mail).add(to: organiser)
        APIController(store: store, veerkracht: veerkracht, cases: cases, registrationLimit: registrationLimit, trustProxy: configuration.trustProxy)
            .add(open: open, token: api, organiser: apiOrganiser)
        known.set(router.routes.map { (method: $0.method, path: $0.path.description) })
        return router
    }
}

/// The style sheet, the script, the health check and the front door.
struct AssetsController {
    let pages: Pages

    func add(to group: RouterGroup<WikkenContext>) {
        group.get("/gezondheid") { _, _ in "ok" }
        group.get("/static/wikken.css") { _, _ in asset(pages.css, type: "text/css; charset=utf-8") }
        group.get("/static/wikken.js") { _, _ in asset(pages.script, type: "text/javascript; charset=utf-8") }
        group.get("/") { _, context in
            Response.redirect(to: context.identity == nil ? "/inloggen" : "/dossiers")
        }
    }

    func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
