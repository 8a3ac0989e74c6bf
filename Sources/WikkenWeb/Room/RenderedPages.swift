import Foundation
import Hummingbird
import NIOCore
import WikkenStore

/// Pages rendered once and served to everyone who may see them, for pages that depend only on
/// things that do not change under a key (a dossier's revision never changes). What differs per
/// person (the header's name and organisation, the CSRF token in every form) is rendered as a
/// placeholder with an unguessable per-process nonce and filled in per request, escaped.
/// Bounded: emptied when full.
final class RenderedPages: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]
    private let limit: Int

    init(limit: Int = 256) { self.limit = limit }

    private static let nonce = UUID().uuidString
    /// Put in a page model's `csrf` for a shared page.
    static let csrf = "[[csrf-\(nonce)]]"
    static let name = "[[naam-\(nonce)]]"
    static let organisation = "[[organisatie-\(nonce)]]"

    subscript(key: String) -> String? {
        get { lock.withLock { entries[key] } }
        set {
            lock.withLock {
                if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
                entries[key] = newValue
            }
        }
    }

    /// The shared page for one person.
    static func fill(_ html: String, for session: Session) -> String {
        html.replacingOccurrences(of: csrf, with: EscapedHTML.escape(session.csrf))
            .replacingOccurrences(of: name, with: EscapedHTML.escape(session.user.name))
            .replacingOccurrences(of: organisation, with: EscapedHTML.escape(session.organisationName))
    }
}

extension Pages {
    /// A page shared by everyone with the same `key` (which must name everything the page shows
    /// besides the person: the dossier's revision, the role, the notice, …): rendered by
    /// `model` once, with ``RenderedPages/csrf`` as the model's token, then filled per person.
    func renderShared<Model: PageModel>(key: String, session: Session, context: WikkenContext, status: HTTPResponse.Status = .ok,
                                        _ model: () throws -> Model) rethrows -> Response {
        let shared: String
        if let hit = rendered[key] {
            shared = hit
        } else {
            var placeholder = session
            placeholder.user.name = RenderedPages.name
            placeholder.organisationName = RenderedPages.organisation
            placeholder.csrf = RenderedPages.csrf
            var anonymous = context
            anonymous.identity = placeholder
            switch html(try model(), context: anonymous) {
            case .success(let html):
                rendered[key] = html
                shared = html
            case .failure(let problem):
                return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: problem.description + "\n")))
            }
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: RenderedPages.fill(shared, for: session))))
    }
}
