import Foundation
import Logging
import PostgresKit
import Synchronization

/// Short signals between the servers that share a database: after a change is committed, a text
/// (a live session's code) reaches every subscriber on every server, so open pages can update.
///
/// - SQLite: one process owns the database, so a signal goes straight to this process's
///   subscribers.
/// - PostgreSQL: `NOTIFY wikken_live, '<code>'` after the commit; each server `LISTEN`s on one
///   connection of its pool (PostgresNIO) from its first subscriber on, and hands what arrives to
///   its subscribers — including its own signals, so there is one path. Several `wikken serve`
///   on one database thus share live sessions; no broker of our own.
///
/// A signal says only *that* something changed; subscribers read the new state themselves. Lost
/// signals (a dropped listening connection) are covered by ``reconnected``: subscribers then read
/// everything again.
public final class Signals: Sendable {
    /// The payload subscribers receive after the listening connection was (re)made: whatever
    /// happened meanwhile was missed, so every subscriber should read again.
    public static let reconnected = "*"

    private let subscribers = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])
    private let finished = Mutex(false)
    /// Started once, at the first subscription (PostgreSQL's `LISTEN` loop); cancelled by ``finish()``.
    private let start: @Sendable (Signals) -> Task<Void, Never>?
    private let started = Mutex<(done: Bool, task: Task<Void, Never>?)>((false, nil))
    /// Whether signals from other servers arrive (always on SQLite; on PostgreSQL once `LISTEN` is in place).
    private let listening: Mutex<Bool>

    init(listening: Bool = true, start: @escaping @Sendable (Signals) -> Task<Void, Never>? = { _ in nil }) {
        self.start = start
        self.listening = Mutex(listening)
    }

    func setListening(_ on: Bool) { listening.withLock { $0 = on } }

    /// Waits (at most `seconds`) until signals from every server arrive: a page that starts from
    /// the state read after this misses no later change. True when they do.
    public func untilListening(seconds: Double = 5) async -> Bool {
        let end = ContinuousClock.now + .seconds(seconds)
        while !listening.withLock({ $0 }) {
            if ContinuousClock.now > end || Task.isCancelled { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Every signal from now on, until the store closes. Buffered: a slow subscriber gets the
    /// newest 1,000 and drops older ones rather than holding memory without bound.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1_000))
        if finished.withLock({ $0 }) {
            continuation.finish()
            return stream
        }
        let id = UUID()
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        subscribers.withLock { $0[id] = continuation }
        let first = started.withLock { state -> Bool in
            defer { state.done = true }
            return !state.done
        }
        if first {
            let task = start(self)
            started.withLock { $0.task = task }
        }
        return stream
    }

    func deliver(_ payload: String) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(payload) }
    }

    /// Ends every subscription (the store closes).
    func finish() {
        finished.withLock { $0 = true }
        started.withLock { $0.task?.cancel() }
        for continuation in subscribers.withLock({ all in defer { all.removeAll() }; return Array(all.values) }) { continuation.finish() }
    }
}

extension PostgresTransactions {
    /// The channel of live sessions' signals.
    static let liveChannel = "wikken_live"

    /// Listens on one pooled connection until cancelled, handing each notification to `signals`;
    /// a dropped connection is made again after a second (and subscribers are told to read again).
    static func listen(client: PostgresClient, signals: Signals, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: liveChannel) { notifications in
                        signals.setListening(true)
                        signals.deliver(Signals.reconnected)
                        for try await notification in notifications { signals.deliver(notification.payload) }
                    }
                }
            } catch {
                signals.setListening(false)
                if Task.isCancelled { return }
                logger.warning("Luisteren naar live signalen onderbroken; over een seconde opnieuw", metadata: ["fout": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
