import ArgumentParser
import Foundation
import WikkenStore

/// `wikken backup`: a consistent copy of the database while the server runs. SQLite through its
/// own online copy (`VACUUM INTO`); PostgreSQL through `pg_dump` (custom format).
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Maak een back-up van de database, ook terwijl de server draait. Met DATABASE_URL=postgres://… via pg_dump. (Back up the database.)"
    )

    @ArgumentParser.Argument(help: "Het nieuwe back-upbestand.")
    var file: String

    @ArgumentParser.Option(name: [.customLong("database")], help: "Het SQLite-bestand (standaard wikken.sqlite).")
    var database = "wikken.sqlite"

    func run() async throws {
        if let url = Postgres.url {
            try Postgres.run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(url)"])
            Terminal.out("Back-up van de PostgreSQL-database in \(file) (pg_dump, custom formaat).\n")
            return
        }
        guard FileManager.default.fileExists(atPath: database) else {
            Terminal.err("\(database) bestaat niet; geef met --database het SQLite-bestand van Wikken.\n")
            throw Exit.fileProblem
        }
        let store = try await Store.open(databaseURL: nil, sqlitePath: database)
        do {
            try await store.backup(to: file)
            let contents = try await store.contents()
            await store.close()
            Terminal.out("Back-up van \(database) in \(file): \(contents).\n")
        } catch {
            await store.close()
            if case StoreError.notAllowed(let reason) = error { Terminal.err("Geen back-up gemaakt: \(reason)\n") } else { Terminal.err("Geen back-up gemaakt: \(error)\n") }
            throw Exit.fileProblem
        }
    }
}

/// `wikken herstel`: puts a backup back. SQLite: checked first, then swapped in whole (stop the
/// server first); PostgreSQL: `pg_restore --clean` into the database of DATABASE_URL.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herstel",
        abstract: "Zet een back-up terug. Stop eerst de server. Met DATABASE_URL=postgres://… via pg_restore. (Restore a backup.)",
        aliases: ["restore"]
    )

    @ArgumentParser.Argument(help: "Het back-upbestand.")
    var file: String

    @ArgumentParser.Option(name: [.customLong("database")], help: "Het SQLite-bestand om te herstellen (standaard wikken.sqlite).")
    var database = "wikken.sqlite"

    @Flag(name: .customLong("vervang"), help: "Vervang een bestaande database.")
    var replace = false

    func run() async throws {
        if let url = Postgres.url {
            guard replace else {
                Terminal.err("Herstellen vervangt alles in de PostgreSQL-database; geef --vervang als dat de bedoeling is (stop eerst de server).\n")
                throw Exit.refused
            }
            try Postgres.run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", file])
            Terminal.out("\(file) teruggezet in de PostgreSQL-database (pg_restore).\n")
            return
        }
        do {
            let contents = try await Store.restoreSQLite(from: file, to: database, replacing: replace)
            Terminal.out("\(file) teruggezet als \(database): \(contents).\n")
        } catch StoreError.notAllowed(let reason) {
            Terminal.err("Niet hersteld: \(reason)\n")
            throw Exit.fileProblem
        }
    }
}

/// PostgreSQL's own tools, for backup and restore.
enum Postgres {
    /// DATABASE_URL when it names PostgreSQL, without Wikken's own `pool` setting (libpq does not know it).
    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        guard var parts = URLComponents(string: url) else { return url }
        parts.queryItems = parts.queryItems?.filter { $0.name != "pool" }
        if parts.queryItems?.isEmpty == true { parts.queryItems = nil }
        return parts.string ?? url
    }

    /// Runs a PostgreSQL client tool; its own messages go to the terminal.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        do {
            try process.run()
        } catch {
            Terminal.err("\(tool) is niet te starten: installeer de PostgreSQL-clientprogramma's (Debian: postgresql-client).\n")
            throw Exit.toolMissing
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Terminal.err("\(tool) stopte met code \(process.terminationStatus); er is niets veranderd of het is onvolledig — lees de melding hierboven.\n")
            throw Exit.fileProblem
        }
    }
}
