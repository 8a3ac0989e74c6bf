import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import WikkenStore

/// The request context: Hummingbird's core storage, the signed-in session (hummingbird-auth's
/// identity, set by ``SessionAuthenticator`` from the cookie), the user of an API token, and the
/// posted form (read once by ``FormReader``).
///
/// Handlers in a guarded route group read what its middleware guarantees with the throwing
/// accessors (``session``, ``form``, ``apiUser``): they cannot be reached without it, so the
/// accessors' errors are a safety net, never a guard a handler must remember.
public struct WikkenContext: AuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session of the cookie, if any (public pages use it for the header).
    public var identity: Session?
    /// The user of a valid `Authorization: Bearer` token (the API group).
    public var token: User?
    /// The posted form of an unsafe request with a form body.
    public var postedForm: Form?

    /// The address of the connection's other end (the client, or a proxy in front of the app).
    let peerAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        token = nil
        postedForm = nil
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The client's address for the sign-in limits: the connection's, or behind a trusted proxy
    /// the last entry of `X-Forwarded-For` (the one the proxy added). Without either: "onbekend".
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

    func clientAddress(of request: Request, trustingProxy: Bool) -> String {
        if trustingProxy, let name = Self.forwardedFor, let forwarded = request.headers[name]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return forwarded
        }
        return peerAddress ?? "onbekend"
    }

    /// The signed-in session; guaranteed in the signed-in route group.
    var session: Session {
        get throws {
            guard let identity else { throw HTTPError(.unauthorized, message: "Log opnieuw in.") }
            return identity
        }
    }

    /// The posted form, already checked against the session's token in the signed-in group.
    var form: Form {
        get throws {
            guard let postedForm else { throw HTTPError(.badRequest, message: "Dit verzoek bevat geen formulier.") }
            return postedForm
        }
    }

    /// The user of the API token; guaranteed in the API's token group.
    var apiUser: User {
        get throws {
            guard let token else { throw HTTPError(.unauthorized, message: "Geef een geldige sleutel: Authorization: Bearer <token>.") }
            return token
        }
    }
}

/// What a signed-in user may do, for the route groups' role policies (hummingbird-auth).
public enum Capability: Hashable, Sendable {
    /// Change dossiers and the organisation's data.
    case edit
    /// Run the network: organisations, users, editions.
    case organise
}

extension Session: RoleProviding {
    public var roles: Set<Capability> {
        var roles: Set<Capability> = []
        if user.role.canEdit { roles.insert(.edit) }
        if user.role == .beheerder { roles.insert(.organise) }
        return roles
    }
}
