import Foundation
import Testing
import WikkenCore
import WikkenStore
import WikkenNetwork
import _WikkenTestSupport

extension StoreTests {
    /// The next signal on `stream` other than a reconnect, or nil after `seconds`.
    static func next(_ stream: AsyncStream<String>, within seconds: Double) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                for await payload in stream where payload != Signals.reconnected { return payload }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("live signals: a join and a hand-in reach every server on the database (PostgreSQL: a second store on the same database hears them through LISTEN)", arguments: backends)
    func liveSignals(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        // On PostgreSQL a second server (its own pool and listening connection); on SQLite one
        // process owns the file, so the same store listens.
        let other = kind == "postgresql" ? try await Store.open(databaseURL: ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"], sqlitePath: nil) : w.store
        defer { if kind == "postgresql" { Task { await other.close() } } }
        let changes = other.liveChanges()
        // Listening starts with the first subscriber; wait until the LISTEN is in place.
        #expect(await other.untilLiveListening())

        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        let live = try await w.store.startLiveSession(dossierID: id, facilitator: w.alice, anonymous: true)
        _ = try await w.store.setLivePhase(code: live.code, to: .input, by: w.alice)
        #expect(await Self.next(changes, within: 5) == live.code)
        let (_, token) = try await w.store.joinLiveSession(code: live.code, name: "Ayşe", organisation: "Gemeente")
        #expect(await Self.next(changes, within: 5) == live.code)
        let criteria = Criterion.weighed(by: nil, in: HandComputed.dossier.criteria).map(\.id)
        var points = Dictionary(uniqueKeysWithValues: criteria.map { ($0, 0) })
        points[criteria[0]] = 100
        try await w.store.handIn(Allocation(points: points), code: live.code, token: token, criteria: criteria)
        #expect(await Self.next(changes, within: 5) == live.code)
        // What the signal stands for is there for the other server to read.
        #expect(try await other.liveState(code: live.code, contents: false)?.handedIn.count == 1)
    }

    @Test("retention: the raw inputs, participation and names of live sessions started before the cutoff are deleted, the session closed; newer ones are kept", arguments: backends)
    func liveRetention(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        let live = try await w.store.startLiveSession(dossierID: id, facilitator: w.alice, anonymous: true)
        _ = try await w.store.setLivePhase(code: live.code, to: .input, by: w.alice)
        let (_, token) = try await w.store.joinLiveSession(code: live.code, name: "Ayşe", organisation: "Gemeente")
        let criteria = Criterion.weighed(by: nil, in: HandComputed.dossier.criteria).map(\.id)
        var points = Dictionary(uniqueKeysWithValues: criteria.map { ($0, 0) })
        points[criteria[0]] = 100
        try await w.store.handIn(Allocation(points: points), code: live.code, token: token, criteria: criteria)

        // A cutoff long ago keeps today's session whole.
        #expect(try await w.store.purgeLiveInputs(startedBefore: Day(2000, 1, 1)) == 0)
        #expect(try await w.store.liveState(code: live.code, contents: true)?.allocations.count == 1)
        // A cutoff after today empties it: no inputs, no participation, no names; closed.
        #expect(try await w.store.purgeLiveInputs(startedBefore: Day(2999, 1, 1)) == 1)
        let state = try #require(try await w.store.liveState(code: live.code, contents: true))
        #expect(state.allocations.isEmpty && state.participants.isEmpty && state.handedIn.isEmpty && state.session.closedAt != nil)
        #expect(try await w.store.liveParticipant(code: live.code, token: token) == nil)
        #expect(try await w.store.purgeLiveInputs(startedBefore: Day(2999, 1, 1)) == 0)
    }

    @Test("the timer: set and extended within an hour, stopped, cleared by a new phase; out of range or after closing refused", arguments: backends)
    func liveTimer(kind: String) async throws {
        let w = try await Self.world(kind)
        defer { Task { await w.store.close() } }
        let id = try await w.store.createDossier(HandComputed.dossier, organisationID: w.a.id, author: w.alice, summary: "start").record.id
        let live = try await w.store.startLiveSession(dossierID: id, facilitator: w.alice, anonymous: true)
        let before = Date()
        let five = try await w.store.setLiveTimer(code: live.code, extendBy: 5, by: w.alice)
        let end = try #require(five.deadline.flatMap(Timestamp.date))
        #expect(end.timeIntervalSince(before) > 4.9 * 60 && end.timeIntervalSince(before) < 5.1 * 60)
        // Extended from the running end, never past an hour from now.
        let ten = try #require(try await w.store.setLiveTimer(code: live.code, extendBy: 5, by: w.alice).deadline.flatMap(Timestamp.date))
        #expect(abs(ten.timeIntervalSince(end) - 300) < 1)
        let capped = try #require(try await w.store.setLiveTimer(code: live.code, extendBy: 60, by: w.alice).deadline.flatMap(Timestamp.date))
        #expect(capped.timeIntervalSince(Date()) <= 3600 && capped.timeIntervalSince(Date()) > 3590)
        #expect(try await w.store.setLiveTimer(code: live.code, extendBy: nil, by: w.alice).deadline == nil)
        await #expect(throws: StoreError.self) { _ = try await w.store.setLiveTimer(code: live.code, extendBy: 61, by: w.alice) }
        await #expect(throws: StoreError.self) { _ = try await w.store.setLiveTimer(code: live.code, extendBy: 0, by: w.alice) }
        await #expect(throws: StoreError.notFound) { _ = try await w.store.setLiveTimer(code: live.code, extendBy: 5, by: w.bob) }
        _ = try await w.store.setLiveTimer(code: live.code, extendBy: 5, by: w.alice)
        #expect(try await w.store.setLivePhase(code: live.code, to: .input, by: w.alice).deadline == nil)
        try await w.store.closeLiveSession(code: live.code, by: w.alice)
        await #expect(throws: StoreError.self) { _ = try await w.store.setLiveTimer(code: live.code, extendBy: 5, by: w.alice) }
    }
}
