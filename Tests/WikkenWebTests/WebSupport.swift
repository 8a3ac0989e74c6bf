import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresKit
import Testing
import WikkenStore
@testable import WikkenWeb

/// The database a web test runs on: SQLite always, PostgreSQL when WIKKEN_TEST_POSTGRES_URL names
/// a database whose role may create databases (`.ci/run` sets both up).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    static var all: [Backend] { ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }
}

/// One web test's app: a fresh, migrated store with the demo data (in memory on SQLite; a
/// database of its own on PostgreSQL, so tests run side by side), the app in-process, and
/// cleanup that always runs.
enum WebSupport {
    static let examples = WebTests.examples

    static func app(_ router: Router<WikkenContext>) -> some ApplicationProtocol { Application(router: router) }

    /// Runs `body` against the app on `backend`; closes the store and drops the test database
    /// afterwards, also when `body` throws.
    static func withApp(_ backend: Backend, veerkracht: Bool = false, frozenSignInClock: Bool = false, live: Bool = false,
                        _ body: @Sendable (any TestClientProtocol, Store) async throws -> Void) async throws {
        try await withApp(backend, veerkracht: veerkracht, frozenSignInClock: frozenSignInClock, live: live) { client, store, _ in try await body(client, store) }
    }

    /// The same, with the page models the app rendered (``PageObserver/last(_:)``).
    static func withApp(_ backend: Backend, veerkracht: Bool = false, frozenSignInClock: Bool = false, live: Bool = false,
                        _ body: @Sendable (any TestClientProtocol, Store, PageObserver) async throws -> Void) async throws {
        let database = try await TestDatabase.create(backend)
        let store: Store
        do {
            store = try await Store.open(databaseURL: database.url, sqlitePath: nil)
        } catch {
            try await database.drop()
            throw error
        }
        do {
            try await store.migrate()
            _ = try await Demo.seed(store, examples: examples)
            var configuration = WebConfiguration()
            configuration.trustProxy = true  // the tests say where a sign-in comes from
            if frozenSignInClock {
                let start = ContinuousClock.now
                configuration.signInClock = { start }
            }
            let observer = PageObserver()
            configuration.pageObserver = observer
            if veerkracht {
                configuration.veerkrachtData = URL(fileURLWithPath: examples).deletingLastPathComponent().appendingPathComponent("Data/veerkracht").path
            }
            let router = try await Web.buildRouter(store: store, configuration: configuration)
            if live {
                // A real server on a free port, with the WebSocket upgrade of live sessions.
                let app = Application(router: router, server: Web.server(store: store), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                try await app.test(.live) { client in try await body(client, store, observer) }
            } else {
                try await app(router).test(.router) { client in try await body(client, store, observer) }
            }
        } catch {
            await store.close()
            try await database.drop()
            throw error
        }
        await store.close()
        try await database.drop()
    }
}

/// A database for one test: nothing to do for SQLite in memory; on PostgreSQL a new database
/// `wikken_t_<random>` made next to the one WIKKEN_TEST_POSTGRES_URL names, dropped afterwards.
struct TestDatabase: Sendable {
    var url: String?
    var name: String?
    var admin: String?

    static func create(_ backend: Backend) async throws -> TestDatabase {
        guard backend == .postgresql else { return TestDatabase() }
        let admin = try #require(ProcessInfo.processInfo.environment["WIKKEN_TEST_POSTGRES_URL"])
        let name = "wikken_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        // From template0, which nobody connects to: copying template1 fails when another test's
        // CREATE DATABASE is reading it at the same moment.
        try await run(admin, "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        var components = try #require(URLComponents(string: admin))
        components.path = "/" + name
        return TestDatabase(url: try #require(components.string), name: name, admin: admin)
    }

    /// Drops the test's database. A test that closed its store early can leave the server still
    /// ending that connection, and a loaded machine makes that slow: up to three tries.
    func drop() async throws {
        guard let name, let admin else { return }
        for attempt in 1...3 {
            do {
                try await Self.run(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                return
            } catch where attempt < 3 {
                try await Task.sleep(for: .milliseconds(300 * attempt))
            }
        }
    }

    /// One statement outside a transaction (CREATE and DROP DATABASE cannot run inside one).
    static func run(_ url: String, _ statement: String) async throws {
        let configuration = try PostgresTransactions.configuration(url: url)
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: statement))
            group.cancelAll()
        }
    }
}
