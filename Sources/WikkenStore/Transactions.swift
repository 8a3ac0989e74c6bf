import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import ServiceLifecycle
import SQLKit
import SQLiteKit
import Synchronization

/// Runs units of work on SQLite or PostgreSQL alike: reads apart from writes (as GRDB's
/// `DatabasePool`), so that a page never waits for the write lock.
///
/// - ``read(_:)``: one read-only transaction; all its queries see one consistent state. Reads run
///   side by side (SQLite under WAL: a small pool of reader connections; PostgreSQL: the pool).
/// - ``write(_:)``: one transaction that may write; on SQLite writes queue first come, first
///   served for the single writer connection (`BEGIN IMMEDIATE`).
public protocol SQLTransactions: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// A read of exactly one statement (plus, at most, rows that never change once written, such
    /// as a revision's text), without `BEGIN`/`COMMIT` around it: a statement sees one consistent
    /// state on its own. Two round trips fewer on PostgreSQL, for reads on every request.
    func statement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// "sqlite" or "postgresql", for messages.
    var kind: String { get }
    /// What must run while the store is used (the PostgreSQL client), for an application's
    /// service group; `nil` when nothing needs to run or the store runs it itself.
    var service: (any Service)? { get }
    /// Signals to every server on this database (see ``Signals``).
    var signals: Signals { get }
    /// Sends `payload` to every server's subscribers, after the caller's change is committed.
    func signal(_ payload: String) async
    func close() async
}

/// A queue of connections handed out one unit of work at a time, first come, first served.
///
/// An actor alone does not serialise units of work: it is re-entrant at every `await`, so a second
/// caller could send `BEGIN` while the first transaction is still open on the same connection.
actor ConnectionQueue {
    private var idle: [SQLiteConnection]
    private var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []

    init(_ connections: [SQLiteConnection]) { idle = connections }

    func acquire() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the connection to the next waiting unit of work, or puts it back.
    func release(_ connection: SQLiteConnection) {
        if waiting.isEmpty {
            idle.append(connection)
        } else {
            waiting.removeFirst().resume(returning: connection)
        }
    }

    /// Runs `body` with a connection of the queue, handing it back afterwards whatever happens.
    nonisolated func with<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }
}

/// `body` inside `begin … COMMIT` on one connection, rolled back when it throws: SQLKit has no
/// transaction API on SQLite, and PostgreSQL's read-only transactions are started by hand too.
func inTransaction<T: Sendable>(_ db: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await db.raw("\(unsafeRaw: begin)").run()
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}

/// The embedded SQLite database in WAL mode: one writer connection whose units of work run inside
/// `BEGIN IMMEDIATE … COMMIT` one after another, and `readers` reader connections
/// (`PRAGMA query_only`) whose units run inside `BEGIN … COMMIT` at the same time as each other
/// and as the writer. SQLKit has no transaction API on SQLite, hence the hand-written `BEGIN`.
/// A private in-memory database (`path: nil`) cannot be shared between connections, so there reads
/// queue with the writes on the one connection.
public final class SQLiteTransactions: SQLTransactions {
    private let writer: ConnectionQueue
    private let readers: ConnectionQueue?
    private let all: [SQLiteConnection]
    private let threads: NIOThreadPool
    public let kind = "sqlite"
    public let service: (any Service)? = nil
    /// One process owns the file: signals stay in it.
    public let signals = Signals()

    /// Opens (or creates) the database file; `nil` for a private in-memory database.
    public init(path: String?, readers count: Int = 4) async throws {
        let threads = NIOThreadPool(numberOfThreads: path == nil ? 1 : min(count + 1, 4))
        threads.start()
        self.threads = threads
        func open(_ storage: SQLiteConnection.Storage) async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(storage: storage, threadPool: threads, on: MultiThreadedEventLoopGroup.singleton.any())
            do {
                // Waits (instead of failing) in the rare moments SQLite locks a reader, e.g. at a checkpoint.
                _ = try await connection.sql().raw("PRAGMA busy_timeout = 5000").all()
                _ = try await connection.sql().raw("PRAGMA foreign_keys = ON").all()
                _ = try await connection.sql().raw(path == nil || opened.isEmpty ? "PRAGMA journal_mode = WAL" : "PRAGMA query_only = ON").all()
            } catch {
                // Not a database (or not ours to open): closed, never left to its deinitialiser.
                try? await connection.close()
                throw error
            }
            return connection
        }
        var opened: [SQLiteConnection] = []
        do {
            opened.append(try await open(path.map { .file(path: $0) } ?? .memory))
            if let path {
                for _ in 0..<max(count, 1) { opened.append(try await open(.file(path: path))) }
            }
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
        writer = ConnectionQueue([opened[0]])
        readers = path == nil ? nil : ConnectionQueue(Array(opened.dropFirst()))
        all = opened
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await unit(on: readers ?? writer, begin: "BEGIN", body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await unit(on: writer, begin: "BEGIN IMMEDIATE", body)
    }

    public func statement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await (readers ?? writer).with { try await body($0.sql()) }
    }

    /// `body` on the writer connection, in its turn with the writes but outside a transaction
    /// (for `VACUUM INTO`, which cannot run inside one).
    public func onWriter<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { try await body($0.sql()) }
    }

    private func unit<T: Sendable>(on queue: ConnectionQueue, begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await queue.with { try await inTransaction($0.sql(), begin: begin, body) }
    }

    public func signal(_ payload: String) async { signals.deliver(payload) }

    public func close() async {
        signals.finish()
        for connection in all { try? await connection.close() }
        try? await threads.shutdownGracefully()
    }
}

/// PostgreSQL through a `PostgresClient` pool; writes in `withTransaction`, reads in a
/// `READ ONLY` transaction.
///
/// The URL sets the connection: `postgres://user:password@host:5432/wikken?sslmode=require&pool=16`.
/// `sslmode` as libpq reads it: `disable` (plain), `allow`/`prefer` (TLS when the server offers
/// it, the default), `require` (TLS or nothing; like libpq, without checking the certificate),
/// `verify-ca` (the certificate must chain to a trusted root) and `verify-full` (also the host
/// name). `pool` is the largest number of connections (default 8).
///
/// The client must run while the store is used. ``Lifecycle/service`` leaves that to the caller,
/// who adds ``service`` to its service group (the web app does); ``Lifecycle/standalone`` runs it
/// in a task of its own until ``close()`` (commands and tests).
public final class PostgresTransactions: SQLTransactions {
    public enum Lifecycle: Sendable { case service, standalone }

    private let client: PostgresClient
    private let runner: Task<Void, Never>?
    private let logger: Logger
    public let kind = "postgresql"
    public let service: (any Service)?
    public let signals: Signals

    public init(url: String, lifecycle: Lifecycle = .standalone, logger: Logger = Logger(label: "wikken.store")) throws {
        let configuration = try Self.configuration(url: url)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        signals = Signals(listening: false) { signals in Task { await Self.listen(client: client, signals: signals, logger: logger) } }
        switch lifecycle {
        case .service:
            service = client
            runner = nil
        case .standalone:
            service = nil
            runner = Task { await client.run() }
        }
    }

    /// The client's configuration from a URL: host, port, user, password, database, TLS
    /// (`sslmode`) and pool size (`pool`).
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard var components = URLComponents(string: url) else {
            throw StoreError.notAllowed("De database-URL is niet te lezen; verwacht postgres://gebruiker:wachtwoord@host:5432/database.")
        }
        let query = components.queryItems ?? []
        func value(_ names: [String]) -> String? { query.last { names.contains($0.name.lowercased()) }?.value?.lowercased() }
        // TLS and the pool are read here; the rest of the URL by postgres-kit.
        let ours = ["sslmode", "tlsmode", "ssl", "tls", "pool"]
        components.queryItems = query.filter { !ours.contains($0.name.lowercased()) }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        let core: PostgresConnection.Configuration
        do {
            core = try SQLPostgresConfiguration(url: components.string ?? url).coreConfiguration
        } catch {
            throw StoreError.notAllowed("De database-URL is niet te lezen; verwacht postgres://gebruiker:wachtwoord@host:5432/database.")
        }
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        let tls: PostgresClient.Configuration.TLS
        switch value(["sslmode", "tlsmode", "ssl", "tls"]) ?? "prefer" {
        case "disable", "false": tls = .disable
        case "allow", "prefer":
            tlsConfiguration.certificateVerification = .none
            tls = .prefer(tlsConfiguration)
        case "require", "true":
            tlsConfiguration.certificateVerification = .none
            tls = .require(tlsConfiguration)
        case "verify-ca":
            tlsConfiguration.certificateVerification = .noHostnameVerification
            tls = .require(tlsConfiguration)
        case "verify-full":
            tls = .require(tlsConfiguration)
        case let other:
            throw StoreError.notAllowed("sslmode '\(other)' ken ik niet; kies disable, allow, prefer, require, verify-ca of verify-full.")
        }
        var configuration = PostgresClient.Configuration(host: core.host ?? "127.0.0.1", port: core.port ?? 5432, username: core.username,
                                                         password: core.password, database: core.database, tls: tls)
        if let text = value(["pool"]) {
            guard let size = Int(text), (1...200).contains(size) else {
                throw StoreError.notAllowed("pool=\(text): geef een aantal verbindingen van 1 tot en met 200.")
            }
            configuration.options.maximumConnections = size
        } else {
            configuration.options.maximumConnections = 8
        }
        return configuration
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql())
            }
        } catch let error as PostgresTransactionError {
            // The caller's own error (a conflict, say) matters, not the wrapper; the transaction
            // was rolled back either way.
            throw error.closureError ?? error
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await inTransaction(connection.sql(), begin: "START TRANSACTION READ ONLY", body) }
    }

    public func statement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    /// `NOTIFY` through a pooled connection; when the database cannot be reached, at least this
    /// server's subscribers hear it.
    public func signal(_ payload: String) async {
        do {
            try await client.withConnection { connection in
                try await connection.sql().raw("SELECT pg_notify(\(bind: Self.liveChannel), \(bind: payload))").run()
            }
        } catch {
            logger.warning("Live signaal niet verstuurd via PostgreSQL", metadata: ["fout": "\(String(reflecting: error))"])
            signals.deliver(payload)
        }
    }

    public func close() async {
        signals.finish()
        runner?.cancel()
    }
}
