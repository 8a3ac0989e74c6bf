import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import Testing
import WikkenCore
import WikkenStore
@testable import WikkenWeb

/// The live updates over WebSocket, on a real server: the demo's session WEGEN7 (input open,
/// three of three ready).
@Suite("Live sessions over WebSocket")
struct LiveSocketTests {
    typealias W = WebTests

    struct Message: Decodable, Equatable {
        var fase: String, ronde: Int, gesloten: Bool, klaar: Int, deelnemers: Int, tekst: String
        var tot: String? = nil
    }

    /// Upgrades with these headers and collects messages until `enough` says so (5 s at most),
    /// while `act` runs once the first message is in.
    static func listen(_ client: some TestClientProtocol, _ headers: HTTPFields, enough: @escaping @Sendable ([Message]) -> Bool,
                       act: @escaping @Sendable () async throws -> Void = {}) async throws -> [Message] {
        let box = MessageBox()
        // Bounded: a page that hears nothing more is closed after ten seconds, not waited on forever.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Task.sleep(for: .seconds(10)) }
            group.addTask { try await run(client, headers, box: box, enough: enough, act: act) }
            try await group.next()
            group.cancelAll()
        }
        return box.all
    }

    static func run(_ client: some TestClientProtocol, _ headers: HTTPFields, box: MessageBox, enough: @escaping @Sendable ([Message]) -> Bool,
                    act: @escaping @Sendable () async throws -> Void) async throws {
        _ = try await client.ws("/live/\(Demo.liveCode)/ws", configuration: .init(additionalHeaders: headers)) { inbound, outbound, _ in
            var acted = false
            let deadline = ContinuousClock.now + .seconds(5)
            for try await frame in inbound.messages(maxSize: 1 << 12) {
                guard case .text(let text) = frame else { continue }
                box.add(try JSONDecoder().decode(Message.self, from: Data(text.utf8)))
                if !acted {
                    acted = true
                    try await act()
                }
                if enough(box.all) || ContinuousClock.now > deadline { break }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    final class MessageBox: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [Message] = []
        func add(_ m: Message) { lock.withLock { messages.append(m) } }
        var all: [Message] { lock.withLock { messages } }
    }

    static func join(_ client: some TestClientProtocol, _ name: String) async throws -> String {
        let joined = try await LiveWebTests.post(client, "/live/\(Demo.liveCode)/deelnemen", cookie: nil, [("naam", name), ("organisatie", "Zorg")])
        #expect(joined.status == .seeOther)
        return String(try #require(joined.headers[.setCookie]?.split(separator: ";").first))
    }

    @Test("a participant's page hears the state at once, then a join and a hand-in; the facilitator's page hears a new phase; no cookie, another organisation or a wrong code: no upgrade",
          arguments: Backend.all)
    func updates(backend: Backend) async throws {
        try await WebSupport.withApp(backend, live: true) { client, store in
            let phone = try await Self.join(client, "Fatima")
            let dossier = try await store.read { r in try await r.dossierOfLiveSession(try #require(try await r.liveSession(code: Demo.liveCode))) }
            let ids = Criterion.weighed(by: nil, in: dossier.criteria).map(\.id)
            #expect(!ids.isEmpty)

            // The first message is where the session stands; then Gert joins and Fatima hands in.
            let messages = try await Self.listen(client, [.cookie: phone], enough: { $0.last?.klaar == 4 && $0.last?.deelnemers == 5 }) {
                _ = try await Self.join(client, "Gert")
                let fields = ids.enumerated().map { ("p-\($1)", $0 == 0 ? "100" : "0") }
                let handedIn = try await LiveWebTests.post(client, "/live/\(Demo.liveCode)/invoer", cookie: phone, fields)
                #expect(handedIn.status == .seeOther)
            }
            #expect(messages.first == Message(fase: "invoer", ronde: 1, gesloten: false, klaar: 3, deelnemers: 4, tekst: "3 van 4 klaar"))
            #expect(messages.last == Message(fase: "invoer", ronde: 1, gesloten: false, klaar: 4, deelnemers: 5, tekst: "4 van 5 klaar"))
            // Counts only rise, and no message carries what anyone handed in.
            #expect(zip(messages, messages.dropFirst()).allSatisfy { $0.klaar <= $1.klaar && $0.deelnemers <= $1.deelnemers })

            // The facilitator (signed in at the leading organisation) hears the reveal.
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, console, _) = try await W.page(client, "/live/\(Demo.liveCode)/leiden", cookie: strateeg)
            #expect(console.contains("data-live-code=\"\(Demo.liveCode)\"") && console.contains("data-fase=\"invoer\""))
            let revealed = try await Self.listen(client, [.cookie: strateeg], enough: { $0.last?.fase == "onthullen" }) {
                let moved = try await W.post(client, "/live/\(Demo.liveCode)/fase", cookie: strateeg, [("csrf", W.csrf(in: console)), ("fase", "onthullen")])
                #expect(moved.0 == .seeOther)
            }
            #expect(revealed.last?.fase == "onthullen" && revealed.last?.klaar == 4)

            // The timer reaches the pages as its end time, and the console states it.
            let timed = try await Self.listen(client, [.cookie: phone], enough: { $0.last?.tot != nil }) {
                let set = try await W.post(client, "/live/\(Demo.liveCode)/timer", cookie: strateeg, [("csrf", W.csrf(in: console)), ("minuten", "5")])
                #expect(set.0 == .seeOther)
            }
            let end = try #require(timed.last?.tot.flatMap(Timestamp.date))
            #expect(end.timeIntervalSinceNow > 4 * 60 && end.timeIntervalSinceNow <= 5 * 60)
            let (_, timedConsole, _) = try await W.page(client, "/live/\(Demo.liveCode)/leiden", cookie: strateeg)
            #expect(timedConsole.contains("loopt tot \(LiveMarks.clockTime(end))") && timedConsole.contains("Tijd tot \(LiveMarks.clockTime(end))"))
            let wrongTimer = try await W.post(client, "/live/\(Demo.liveCode)/timer", cookie: strateeg, [("csrf", W.csrf(in: console)), ("minuten", "9999999999999999999999")])
            #expect(wrongTimer.0 == .badRequest)

            // Refused: no cookie, someone of another organisation, a code that is none.
            await #expect(throws: (any Error).self) { _ = try await Self.listen(client, [:], enough: { _ in true }) }
            let gemeente = try await W.signIn(client, "partner@demo.wikken.nl")
            await #expect(throws: (any Error).self) { _ = try await Self.listen(client, [.cookie: gemeente], enough: { _ in true }) }
            let wrong = try await client.execute(uri: "/live/OOOOOO/ws", method: .get, headers: [.cookie: phone])
            #expect(wrong.status != .switchingProtocols)
        }
    }

    @Test("the upgrade's Origin must name this host: none (not a browser) passes, another site or two origins do not")
    func origin() {
        func request(_ origins: [String]) -> Request {
            var fields = HTTPFields()
            fields[values: .origin] = origins
            return Request(head: HTTPRequest(method: .get, scheme: "http", authority: "wikken.example:8080", path: "/live/WEGEN7/ws", headerFields: fields),
                           body: .init(buffer: ByteBuffer()))
        }
        #expect(LiveSocket.sameOrigin(request([])))
        #expect(LiveSocket.sameOrigin(request(["https://wikken.example"])))
        #expect(LiveSocket.sameOrigin(request(["http://WIKKEN.example:8080"])))
        #expect(!LiveSocket.sameOrigin(request(["https://elders.example"])))
        #expect(!LiveSocket.sameOrigin(request(["https://wikken.example.elders.example"])))
        #expect(!LiveSocket.sameOrigin(request(["https://wikken.example", "https://elders.example"])))
        #expect(!LiveSocket.sameOrigin(request(["null"])))
    }
}
