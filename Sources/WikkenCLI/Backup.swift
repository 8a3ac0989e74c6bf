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
        if let url = PostgresTools.url(ProcessInfo.processInfo.environment["DATABASE_URL"]) {
            try postgresTool { try PostgresTools.dump(url: url, to: file) }
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
        if let url = PostgresTools.url(ProcessInfo.processInfo.environment["DATABASE_URL"]) {
            guard replace else {
                Terminal.err("Herstellen vervangt alles in de PostgreSQL-database; geef --vervang als dat de bedoeling is (stop eerst de server).\n")
                throw Exit.refused
            }
            try postgresTool { try PostgresTools.restore(url: url, from: file) }
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

/// Runs a PostgreSQL tool; says in Dutch what went wrong (the tool's own messages are above it).
private func postgresTool(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch PostgresTools.Failure.missing(let tool) {
        Terminal.err("\(tool) is niet te starten: installeer de PostgreSQL-clientprogramma's (Debian: postgresql-client).\n")
        throw Exit.toolMissing
    } catch PostgresTools.Failure.failed(let tool, let status) {
        Terminal.err("\(tool) stopte met code \(status); lees de melding hierboven. Bij herstellen is er dan niets veranderd (één transactie).\n")
        throw Exit.fileProblem
    }
}
