// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Wikken",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wikken", targets: ["wikken"]),
        .library(name: "WikkenCore", targets: ["WikkenCore"]),
        .library(name: "WikkenFormats", targets: ["WikkenFormats"]),
        /// The fuzz harnesses, for the `Fuzz/` package (libFuzzer) and the corpus replay test.
        .library(name: "WikkenFuzzing", targets: ["WikkenFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // MARK: - Domain core (pure: no files, clocks, sockets or databases)

        .target(name: "WikkenCore", dependencies: ["WikkenKernels"]),
        /// Vector loops for SMAA-2 in C, chosen at run time for the processor (AVX-512, AVX2 or
        /// plain); same results on every path.
        .target(name: "WikkenKernels"),
        /// The network Wikken en wegen: editions, sessions, partner status, registration rules,
        /// waitlist and iCalendar. Pure, like the core.
        .target(name: "WikkenNetwork", dependencies: ["WikkenCore"]),
        /// Veerkracht: areas and CBS cells, indicators, the vulnerability composite, the
        /// resilience signal and the allocation planner. Pure, like the core.
        .target(name: "Veerkracht", dependencies: ["WikkenCore"]),

        // MARK: - Rooms around the core

        /// YAML/JSON in and out, with error locations; the score grid as an .xlsx spreadsheet.
        .target(name: "WikkenFormats", dependencies: [
            "WikkenCore", "Veerkracht",
            .product(name: "Yams", package: "Yams"), "CZlib",
        ]),
        /// zlib from the system (Debian: zlib1g-dev), for the .xlsx zip container.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// Storage of organisations, users and dossiers with revisions: one SQLKit code path for
        /// SQLite (embedded default) and PostgreSQL.
        .target(name: "WikkenStore", dependencies: [
            "WikkenCore", "WikkenFormats", "WikkenNetwork",
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        /// The web app (Hummingbird 2): pages, sessions, forms; templates as package resources.
        .target(name: "WikkenWeb", dependencies: [
            "WikkenCore", "WikkenFormats", "WikkenReports", "WikkenStore", "WikkenNetwork",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ], resources: [.copy("Templates"), .copy("Schema")]),
        /// Text renderings of analyses (Dutch and English).
        .target(name: "WikkenReports", dependencies: ["WikkenCore", "Veerkracht"]),
        /// The `wikken` commands, as a library so tests can drive them in-process.
        .target(name: "WikkenCLI", dependencies: [
            "WikkenCore", "WikkenFormats", "WikkenReports", "WikkenStore", "WikkenWeb", "WikkenNetwork", "Veerkracht",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Executables

        .executableTarget(name: "wikken", dependencies: ["WikkenCLI"]),
        /// Fuzz harnesses: arbitrary bytes into every parser the outside world reaches.
        .target(name: "WikkenFuzzing", dependencies: ["WikkenCore", "WikkenFormats", "WikkenReports", "WikkenWeb", "Veerkracht"]),
        .executableTarget(name: "wikken-bench", dependencies: ["WikkenCore", "WikkenFormats", "Veerkracht"]),

        // MARK: - Tests

        /// Dossiers computed by hand, shared by the test targets.
        .target(name: "_WikkenTestSupport", dependencies: ["WikkenCore"]),

        .testTarget(name: "WikkenCoreTests", dependencies: ["WikkenCore", "_WikkenTestSupport"]),
        .testTarget(name: "WikkenNetworkTests", dependencies: ["WikkenNetwork", "WikkenCore"]),
        .testTarget(name: "VeerkrachtTests", dependencies: ["Veerkracht", "WikkenFormats", "WikkenCore"]),
        .testTarget(
            name: "WikkenFormatsTests",
            dependencies: ["WikkenCore", "WikkenFormats"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "WikkenReportsTests", dependencies: ["WikkenCore", "WikkenReports", "_WikkenTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "WikkenStoreTests", dependencies: [
            "WikkenStore", "WikkenCore", "WikkenFormats", "WikkenNetwork", "_WikkenTestSupport",
            .product(name: "SQLKit", package: "sql-kit"),
        ]),
        .testTarget(name: "WikkenWebTests", dependencies: [
            "WikkenWeb", "WikkenStore", "WikkenCore", "WikkenFormats", "WikkenReports", "_WikkenTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            .product(name: "PostgresKit", package: "postgres-kit"),
        ], exclude: ["Snapshots"]),
        .testTarget(name: "WikkenFuzzingTests", dependencies: ["WikkenFuzzing"]),
        .testTarget(name: "WikkenCLITests", dependencies: ["WikkenCLI", "wikken", "WikkenFormats"], exclude: ["Fixtures", "Snapshots"]),
    ]
)
