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
    private var entries: [String: Shared] = [:]
    private let limit: Int

    init(limit: Int = 256) { self.limit = limit }

    private static let nonce = UUID().uuidString
    /// Put in a page model's `csrf` for a shared page.
    static let csrf = "[[csrf-\(nonce)]]"
    static let name = "[[naam-\(nonce)]]"
    static let organisation = "[[organisatie-\(nonce)]]"

    /// A shared page cut at its placeholders once, so filling it in is a copy of bytes (Foundation's
    /// `replacingOccurrences` on Linux took two thirds of the page's time).
    struct Shared: Sendable {
        enum Part: Sendable {
            case bytes([UInt8])
            case csrf, name, organisation
        }

        var parts: [Part]
        /// The bytes of the page without the person's values, to size the buffer once.
        var literalCount: Int

        init(_ html: String) {
            let markers: [(bytes: [UInt8], part: Part)] = [(Array(RenderedPages.csrf.utf8), .csrf), (Array(RenderedPages.name.utf8), .name),
                                                           (Array(RenderedPages.organisation.utf8), .organisation)]
            let bytes = Array(html.utf8)
            var parts: [Part] = []
            var start = 0, i = 0
            scan: while i < bytes.count {
                if bytes[i] == 0x5B, i + 1 < bytes.count, bytes[i + 1] == 0x5B {  // "[["
                    for marker in markers where bytes.count - i >= marker.bytes.count && bytes[i..<(i + marker.bytes.count)].elementsEqual(marker.bytes) {
                        parts.append(.bytes(Array(bytes[start..<i])))
                        parts.append(marker.part)
                        i += marker.bytes.count
                        start = i
                        continue scan
                    }
                }
                i += 1
            }
            parts.append(.bytes(Array(bytes[start..<bytes.count])))
            self.parts = parts
            literalCount = parts.reduce(0) { n, part in if case .bytes(let b) = part { return n + b.count } else { return n } }
        }

        /// The page for one person, with their values escaped.
        func filled(for session: Session) -> ByteBuffer {
            let csrf = Array(EscapedHTML.escape(session.csrf).utf8), name = Array(EscapedHTML.escape(session.user.name).utf8)
            let organisation = Array(EscapedHTML.escape(session.organisationName).utf8)
            var buffer = ByteBuffer()
            buffer.reserveCapacity(literalCount + (parts.count - 1) * 64)
            for part in parts {
                switch part {
                case .bytes(let b): buffer.writeBytes(b)
                case .csrf: buffer.writeBytes(csrf)
                case .name: buffer.writeBytes(name)
                case .organisation: buffer.writeBytes(organisation)
                }
            }
            return buffer
        }
    }

    subscript(key: String) -> Shared? {
        get { lock.withLock { entries[key] } }
        set {
            lock.withLock {
                if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
                entries[key] = newValue
            }
        }
    }
}

extension Pages {
    /// A page shared by everyone with the same `key` (which must name everything the page shows
    /// besides the person: the dossier's revision, the role, the notice, …): rendered by
    /// `model` once, with ``RenderedPages/csrf`` as the model's token, then filled per person.
    func renderShared<Model: PageModel>(key: String, session: Session, context: WikkenContext, status: HTTPResponse.Status = .ok,
                                        _ model: () throws -> Model) rethrows -> Response {
        let shared: RenderedPages.Shared
        if let hit = rendered[key] {
            shared = hit
            if let observer { observer.saw(try model()) }
        } else {
            var placeholder = session
            placeholder.user.name = RenderedPages.name
            placeholder.organisationName = RenderedPages.organisation
            placeholder.csrf = RenderedPages.csrf
            var anonymous = context
            anonymous.identity = placeholder
            switch html(try model(), context: anonymous) {
            case .success(let html):
                shared = RenderedPages.Shared(html)
                rendered[key] = shared
            case .failure(let problem):
                return Self.failure(problem)
            }
        }
        return Self.response(shared.filled(for: session), status: status)
    }
}
