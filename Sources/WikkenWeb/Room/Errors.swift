import Foundation
import Hummingbird
import Logging
import NIOCore
import WikkenCore
import WikkenStore

/// One error vocabulary for the web room: whatever a handler, a middleware or the router throws
/// becomes a ``Problem`` (status, Dutch message, details), shown as the Dutch page for people and
/// as a JSON problem (`{"fout": …, "status": …}`) for the API. Handlers throw; they do not map
/// store errors to responses themselves.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    /// More lines for the page, and `fouten` in JSON (one problem each).
    var details: [String] = []
    /// The current revision, for a conflict (JSON `huidig`).
    var current: Int?

    init(_ status: HTTPResponse.Status, _ message: String, details: [String] = [], current: Int? = nil) {
        self.status = status
        self.message = message
        self.details = details
        self.current = current
    }

    /// The problem an error stands for; `nil` for an unexpected error (a 500, logged).
    init?(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as StoreError:
            switch error {
            case .notFound:
                self.init(.notFound, "Dit bestaat niet, of je organisatie mag het niet zien.")
            case .conflict(let basedOn, let current):
                self.init(.conflict, "Het dossier is intussen gewijzigd: je bouwde voort op versie \(basedOn), de huidige is \(current). Er is niets overschreven.", current: current)
            case .duplicate(let id):
                self.init(.conflict, "De id '\(id)' bestaat al.")
            case .invalidDossier(let problems):
                self.init(.unprocessableContent, "Het dossier bevat fouten.", details: problems.map { "\($0.path): \($0.message(in: .nl))" })
            case .notAllowed(let reason):
                self.init(.unprocessableContent, reason)
            case .forbidden(let reason):
                self.init(.forbidden, reason)
            case .blind(let id):
                self.init(.forbidden, "De partners wegen dit dossier nog blind: tot de eigenaar de weging opent, zie en wijzig je alleen de weging en standpunten van je eigen organisatie.",
                          details: ["Ga naar /dossiers/\(id)/partners."])
            }
        case let error as HTTPError:
            self.init(error.status, error.body ?? Self.defaultMessage(error.status))
        case let error as any HTTPResponseError:
            self.init(error.status, Self.defaultMessage(error.status))
        default:
            return nil
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "Dit verzoek klopt niet."
        case 401: return "Log opnieuw in."
        case 403: return "Dit mag je niet."
        case 404: return "Deze pagina bestaat niet."
        case 405: return "Deze pagina kan dit verzoek niet aan."
        case 413: return FormReader.tooLarge(Form.uploadLimit)
        default: return "Er ging iets mis (\(status.code))."
        }
    }

    /// The page's heading.
    var title: String {
        switch status.code {
        case 400: return "Dit verzoek klopt niet"
        case 401: return "Log opnieuw in"
        case 403: return "Dit mag je niet"
        case 404: return "Niet gevonden"
        case 405: return "Dat kan hier niet"
        case 409: return "Iemand anders was je voor"
        case 413: return "Te groot"
        case 422: return "Niet opgeslagen"
        case 429: return "Even wachten"
        case 503: return "Nu niet beschikbaar"
        default: return "Er ging iets mis"
        }
    }
}

/// Turns every error into a ``Problem`` response: JSON under `/api`, the Dutch page elsewhere.
/// An unexpected error is logged with the request and answered with a 500 that says so.
struct ErrorResponses: RouterMiddleware {
    typealias Context = WikkenContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem: Problem
            if let known = Problem(error) {
                problem = known
            } else {
                context.logger.error("Onverwachte fout bij \(request.method) \(request.uri.path): \(error)")
                problem = Problem(.internalServerError, "Er ging aan onze kant iets mis (\(request.method) \(request.uri.path)). Probeer het opnieuw; blijft het gebeuren, meld het dan aan de beheerder. De fout staat in het logboek van de server.")
            }
            if Self.wantsJSON(request) { return JSONResponse.problem(problem) }
            let home = context.identity == nil ? (href: "/inloggen", text: "Naar inloggen") : (href: "/dossiers", text: "Naar je dossiers")
            return pages.message(problem.title, [problem.message] + problem.details, link: home, context: context, status: problem.status)
        }
    }

    /// The API, and scripts of the pages that ask for JSON (the live preview does).
    static func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" || (request.headers[.accept] ?? "").hasPrefix("application/json")
    }
}

/// JSON responses of the API and the page's live preview.
enum JSONResponse {
    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Already written JSON text.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{"fout": message, "status": code}`, with `fouten` (one line per problem) and `huidig`
    /// (the current revision of a conflict) when there are.
    static func problem(_ problem: Problem) -> Response {
        struct Body: Encodable {
            var fout: String
            var status: Int
            var fouten: [String]?
            var huidig: Int?
        }
        return encode(Body(fout: problem.message, status: Int(problem.status.code), fouten: problem.details.isEmpty ? nil : problem.details, huidig: problem.current),
                      status: problem.status)
    }

    /// The OpenAPI schema of ``problem(_:)``'s body, beside it. No other fields are allowed, so the
    /// contract test (`scripts/check-api.sh`) fails if the two drift apart.
    static var problemSchema: [String: Any] { [
        "type": "object", "required": ["fout", "status"], "additionalProperties": false,
        "properties": ["fout": ["type": "string"], "status": ["type": "integer"], "fouten": ["type": "array", "items": ["type": "string"]], "huidig": ["type": "integer"]],
    ] }
}

/// Every route of the app, filled in once when the router is built (the middleware that needs them
/// is added before the routes are).
final class KnownRoutes: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(method: HTTPRequest.Method, path: [Substring])] = []

    func set(_ list: [(method: HTTPRequest.Method, path: String)]) {
        lock.withLock { routes = list.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// The methods of the routes whose path matches (a capture, `:name` or `{name}`, and `*` match one segment, `**` the rest).
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        return lock.withLock { routes }.filter { Self.matches($0.path, segments) }.map(\.method)
    }

    static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        for (k, part) in pattern.enumerated() {
            if part == "**" { return true }
            guard k < segments.count else { return false }
            if part.hasPrefix(":") || part.hasPrefix("{") || part == "*" { continue }
            if part != segments[k] { return false }
        }
        return pattern.count == segments.count
    }
}

/// A known path asked with a method it does not have: 405 with `Allow` (Hummingbird answers 404),
/// as the Dutch page or, under `/api`, the JSON problem.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = WikkenContext
    let routes: KnownRoutes
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard response.status == .notFound else { return response }
        let methods = routes.methods(for: request.uri.path)
        guard !methods.isEmpty, !methods.contains(request.method) else { return response }
        // The router answers HEAD wherever there is GET (autoGenerateHeadEndpoints).
        let allow = Set(methods.map(\.rawValue) + (methods.contains(.get) ? ["HEAD"] : [])).sorted().joined(separator: ", ")
        let problem = Problem(.methodNotAllowed, "Deze pagina kan dit verzoek (\(request.method.rawValue)) niet aan; wel: \(allow).")
        var answer = ErrorResponses.wantsJSON(request) ? JSONResponse.problem(problem)
            : pages.message(problem.title, [problem.message], link: ("/", "Naar het begin"), context: context, status: .methodNotAllowed)
        answer.headers[.allow] = allow
        return answer
    }
}
