import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import WikkenCore
import WikkenStore

/// Tells every open page of a live session where it stands, over WebSocket, as soon as the store
/// signals a change (a join, a hand-in, a phase, closing) — from this server or, on PostgreSQL,
/// from another one (see ``Signals``).
///
/// One read per change per server, however many pages are open: the same short message goes to
/// all of them, and changes that arrive while a read runs are folded into one more read. The
/// message says only what every participant may know (phase, round, how many are ready), never
/// what anyone handed in; pages fetch themselves again for the rest.
actor LiveHub {
    let store: Store
    /// Open connections per server; beyond it a page falls back to refreshing.
    let limit: Int
    private var subscribers: [String: [UUID: AsyncStream<String>.Continuation]] = [:]
    private var count = 0
    private var listening: Task<Void, Never>?
    private var busy: Set<String> = []
    private var dirty: Set<String> = []

    init(store: Store, limit: Int = 5_000) {
        self.store = store
        self.limit = limit
    }

    /// The messages for one page of the session of `code`, starting with where it stands now;
    /// nil when this server has as many open as it takes.
    func subscribe(_ code: String) -> AsyncStream<String>? {
        guard count < limit else { return nil }
        // Only the newest state matters to a page: older ones are dropped, not queued.
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        subscribers[code, default: [:]][id] = continuation
        count += 1
        continuation.onTermination = { _ in Task { await self.remove(code, id) } }
        if listening == nil {
            let changes = store.liveChanges()
            listening = Task { [weak self] in
                for await code in changes { await self?.changed(code) }
            }
        }
        // The first message is read once this server hears every server's changes (PostgreSQL:
        // its LISTEN is in place), so nothing after it is missed.
        Task {
            _ = await store.untilLiveListening()
            changed(code)
        }
        return stream
    }

    private func remove(_ code: String, _ id: UUID) {
        guard subscribers[code]?.removeValue(forKey: id) != nil else { return }
        count -= 1
        if subscribers[code]?.isEmpty == true { subscribers[code] = nil }
    }

    /// Sends the session's state to its pages (every session's after ``Signals/reconnected``).
    func changed(_ code: String) {
        if code == Signals.reconnected {
            for open in subscribers.keys { changed(open) }
            return
        }
        guard subscribers[code] != nil else { return }
        if busy.contains(code) {
            dirty.insert(code)
            return
        }
        busy.insert(code)
        Task { await broadcast(code) }
    }

    private func broadcast(_ code: String) async {
        repeat {
            dirty.remove(code)
            let message = await Self.message(store: store, code: code)
            for continuation in (subscribers[code] ?? [:]).values { continuation.yield(message) }
        } while dirty.contains(code)
        busy.remove(code)
    }

    /// What every page of the session may know, as JSON: `fase`, `ronde`, `gesloten`, `klaar`
    /// (handed in this round), `deelnemers`, `tekst` ("7 van 9 klaar") and `tot` (when the
    /// timer ends, ISO 8601 UTC; absent without a timer); `{"weg":true}` when
    /// the session is gone, `{"fout":true}` when it could not be read (the page keeps what it shows).
    static func message(store: Store, code: String) async -> String {
        struct Message: Encodable {
            var fase: String, ronde: Int, gesloten: Bool, klaar: Int, deelnemers: Int, tekst: String
            var tot: String?
            /// How many reasons the facilitator hid (the pages fetch the shared list again).
            var verborgen: Int
        }
        do {
            guard let state = try await store.liveState(code: code, contents: false) else { return #"{"weg":true}"# }
            let ready = state.handedIn.count
            let message = Message(fase: state.session.phase.rawValue, ronde: state.session.round, gesloten: state.session.closedAt != nil,
                                  klaar: ready, deelnemers: state.participants.count, tekst: LiveController.readiness(ready: ready, of: state.participants.count),
                                  tot: state.session.deadline, verborgen: state.hiddenReasons)
            return String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        } catch {
            return #"{"fout":true}"#
        }
    }
}

/// The WebSocket side of live sessions: `GET /live/{code}/ws` upgrades for a participant of that
/// session (its cookie) or someone signed in at the organisation leading it, from a page of this
/// site (the `Origin` must be this host: no other site can listen in a visitor's name).
enum LiveSocket {
    /// Frames from the browser are not used; anything large is refused by the server.
    static let maxFrameSize = 1 << 10

    static func router(store: Store, hub: LiveHub) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/live/:code/ws") { request, context in
            guard let typed = context.parameters.get("code"), let code = JoinCode.normalised(typed),
                  sameOrigin(request), try await allowed(request, code: code, store: store) else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let code = context.requestContext.parameters.get("code").flatMap(JoinCode.normalised), let messages = await hub.subscribe(code) else { return }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for await message in messages { try await outbound.write(.text(message)) } }
                // Reading until the browser closes; what it sends is ignored.
                group.addTask { for try await _ in inbound {} }
                try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    /// No `Origin` (not a browser) or exactly one, naming this host (any scheme or port).
    static func sameOrigin(_ request: Request) -> Bool {
        let origins = request.headers[values: .origin]
        guard let origin = origins.first else { return true }
        guard origins.count == 1 else { return false }
        guard let host = URLComponents(string: origin)?.host, let authority = request.head.authority,
              let ownHost = URLComponents(string: "http://\(authority)")?.host else { return false }
        return host.lowercased() == ownHost.lowercased()
    }

    static func allowed(_ request: Request, code: String, store: Store) async throws -> Bool {
        guard let session = try await store.liveSession(code: code) else { return false }
        if let token = request.cookies[LiveController.cookie]?.value, try await store.liveParticipant(code: code, token: token) != nil { return true }
        if let token = request.cookies[Web.sessionCookie]?.value, let signedIn = try await store.session(token: token) {
            return signedIn.user.organisationID == session.organisationID
        }
        return false
    }
}
