import Foundation

/// PostgreSQL's own backup tools, for `wikken backup` and `wikken herstel`: `pg_dump` in its
/// custom format, and `pg_restore` into the database in one transaction (a failed restore changes
/// nothing). Their messages go to the terminal.
public enum PostgresTools {
    public enum Failure: Error, Equatable {
        case missing(String)
        case failed(String, Int32)
    }

    /// A PostgreSQL URL without Wikken's own `pool` setting (libpq does not know it); nil when
    /// `url` does not name PostgreSQL.
    public static func url(_ url: String?) -> String? {
        guard let url, url.hasPrefix("postgres") else { return nil }
        guard var parts = URLComponents(string: url) else { return url }
        parts.queryItems = parts.queryItems?.filter { $0.name != "pool" }
        if parts.queryItems?.isEmpty == true { parts.queryItems = nil }
        return parts.string ?? url
    }

    public static func dump(url: String, to file: String) throws {
        try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(url)"])
    }

    public static func restore(url: String, from file: String) throws {
        try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname=\(url)", file])
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        do {
            try process.run()
        } catch {
            throw Failure.missing(tool)
        }
        process.waitUntilExit()
        // env answers 127 when it cannot find the tool.
        if process.terminationStatus == 127 { throw Failure.missing(tool) }
        guard process.terminationStatus == 0 else { throw Failure.failed(tool, process.terminationStatus) }
    }
}
