import HTTPTypes
import Hummingbird
import WikkenStore

/// Security headers on every response. The pages use only the app's own style sheet; the board
/// memo (self-contained, inline CSS) gets its own policy on its route.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WikkenContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        return response
    }
}

/// Finds the session of the cookie, if any, and puts it in the context.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WikkenContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Web.sessionCookie]?.value {
            context.session = try await store.session(token: token)
        }
        return try await next(request, context)
    }
}

/// An unexpected error (not an HTTP error a handler chose) is logged with the request, and the
/// person gets a plain Dutch page instead of an empty 500.
struct UnexpectedErrors: RouterMiddleware {
    typealias Context = WikkenContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("Onverwachte fout bij \(request.method) \(request.uri.path): \(error)")
            let text = "Er ging aan onze kant iets mis (\(request.method) \(request.uri.path)). Probeer het opnieuw; blijft het gebeuren, meld het dan aan de beheerder. De fout staat in het logboek van de server.\n"
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
