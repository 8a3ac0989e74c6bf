import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Runs a unit of work in one transaction, on SQLite or PostgreSQL alike.
public protocol SQLTransactions: Sendable {
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// "sqlite" or "postgresql", for messages.
    var kind: String { get }
    func close() async
}

/// The embedded SQLite database: one connection owned by an actor, each unit of work inside
/// `BEGIN IMMEDIATE … COMMIT` (SQLKit has no transaction API on SQLite), rolled back on error.
///
/// An actor alone does not serialise units of work: it is re-entrant at every `await`, so a second
/// caller could send `BEGIN` while the first transaction is still open. Units of work therefore
/// queue (first come, first served) for the connection and run strictly one after another.
public actor SQLiteTransactions: SQLTransactions {
    private let connection: SQLiteConnection
    private let threads: NIOThreadPool
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    public nonisolated let kind = "sqlite"

    /// Opens (or creates) the database file; `nil` for a private in-memory database.
    public init(path: String?) async throws {
        let threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        self.threads = threads
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        connection = try await SQLiteConnection.open(storage: storage, threadPool: threads, on: MultiThreadedEventLoopGroup.singleton.any())
        _ = try await connection.sql().raw("PRAGMA foreign_keys = ON").all()
        _ = try await connection.sql().raw("PRAGMA journal_mode = WAL").all()
    }

    private func acquire() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    /// Hands the connection to the next waiting unit of work (which stays `busy`), or frees it.
    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        let db = connection.sql()
        try await db.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    public func close() async {
        try? await connection.close()
        try? await threads.shutdownGracefully()
    }
}

/// PostgreSQL through a `PostgresClient` pool; each unit of work in `withTransaction`.
public final class PostgresTransactions: SQLTransactions {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    public let kind = "postgresql"

    /// Connects with a URL such as `postgres://user:password@localhost:5432/wikken`.
    public init(url: String, logger: Logger = Logger(label: "wikken.store")) throws {
        let core = try SQLPostgresConfiguration(url: url).coreConfiguration
        var configuration = PostgresClient.Configuration(host: core.host ?? "127.0.0.1", port: core.port ?? 5432, username: core.username,
                                                         password: core.password, database: core.database, tls: .disable)
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
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

    public func close() async {
        runner.cancel()
    }
}
