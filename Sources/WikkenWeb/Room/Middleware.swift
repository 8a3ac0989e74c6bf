import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOCore
import WikkenStore

/// Security headers on every response, error pages included. The pages use only the app's own
/// style sheet; the board memo (self-contained, inline CSS) gets its own policy on its route.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WikkenContext

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    static let frameOptions = HTTPField.Name("X-Frame-Options")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    static func apply(to response: inout Response) {
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = referrerPolicy { response.headers[name] = "same-origin" }
        if let name = frameOptions { response.headers[name] = "DENY" }
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
    }
}

/// Finds the session of the cookie, if any, and makes it the context's identity
/// (hummingbird-auth). Public pages use it for the header; the signed-in group requires it.
struct SessionAuthenticator: AuthenticatorMiddleware {
    typealias Context = WikkenContext
    let store: any AccountStore

    func authenticate(request: Request, context: Context) async throws -> Session? {
        guard let token = request.cookies[Web.sessionCookie]?.value else { return nil }
        return try await store.session(token: token)
    }
}

/// The user of an `Authorization: Bearer` token, for the API group.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = WikkenContext
    let store: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            context.token = try await store.user(apiToken: String(header.dropFirst(7)))
        }
        guard context.token != nil else { throw HTTPError(.unauthorized, message: "Geef een geldige sleutel: Authorization: Bearer <token>.") }
        return try await next(request, context)
    }
}

/// Reads the form of every unsafe request with a form body once, within its size limit, into the
/// context (the body stays readable for the handler). Other bodies (JSON for the API) pass as
/// they are.
struct FormReader: RouterMiddleware {
    typealias Context = WikkenContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, let type = request.headers[.contentType] else {
            return try await next(request, context)
        }
        let lower = type.lowercased()
        let isForm = lower.hasPrefix("application/x-www-form-urlencoded") || lower.hasPrefix("multipart/form-data")
        guard isForm else { return try await next(request, context) }
        let limit = lower.hasPrefix("multipart/") ? Form.uploadLimit : Form.fieldLimit
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: Self.tooLarge(limit))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw HTTPError(.contentTooLarge, message: Self.tooLarge(limit))
        }
        var context = context
        do {
            context.postedForm = try Form.read(body, contentType: type)
        } catch {
            switch error {
            case .unreadable(let message): throw HTTPError(.badRequest, message: message)
            }
        }
        return try await next(request, context)
    }

    static func tooLarge(_ limit: Int) -> String {
        "Wat je verstuurde is groter dan \(limit / 1_000_000) MB; dat neemt Wikken niet aan. Stuur een kleiner bestand (bijvoorbeeld alleen je eigen gemeente uit het CBS-bestand)."
    }
}

/// The signed-in group: without a session, pages send the visitor to the sign-in page; every
/// unsafe method must carry the session's token in its form (protection against cross-site
/// requests, checked once here for every form of a signed-in user).
struct RequireSignedIn: RouterMiddleware {
    typealias Context = WikkenContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let session = context.identity else { return Response.redirect(to: "/inloggen") }
        if request.method != .get, request.method != .head {
            guard let form = context.postedForm, form["csrf"] == session.csrf else {
                throw HTTPError(.forbidden, message: "Het formulier is verlopen; laad de pagina opnieuw.")
            }
        }
        return try await next(request, context)
    }
}

/// The role policies of the route groups (hummingbird-auth's `RolePolicy` on the session).
enum Policies {
    /// Changing dossiers and the organisation's data: strateeg, partner, beheerder.
    static var editor: AuthorizationPolicyMiddleware<RolePolicy<Session>, WikkenContext, HTTPError> {
        AuthorizationPolicyMiddleware(RolePolicy(.edit), deniedError: HTTPError(.forbidden, message: "Je mag hier alleen lezen."))
    }

    /// The network organiser's pages.
    static var organiser: AuthorizationPolicyMiddleware<RolePolicy<Session>, WikkenContext, HTTPError> {
        AuthorizationPolicyMiddleware(RolePolicy(.organise), deniedError: HTTPError(.forbidden, message: "Alleen voor beheerders."))
    }
}

/// The API's organiser routes: the token's user must be a beheerder.
struct RequireOrganiserToken: RouterMiddleware {
    typealias Context = WikkenContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard try context.apiUser.role == .beheerder else { throw HTTPError(.forbidden, message: "Alleen voor beheerders van het netwerk.") }
        return try await next(request, context)
    }
}
