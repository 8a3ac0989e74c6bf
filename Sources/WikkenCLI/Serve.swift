import ArgumentParser
import Foundation
import Hummingbird
import WikkenStore
import WikkenNetwork
import WikkenWeb

/// `wikken serve`: the web app on the embedded SQLite database (or PostgreSQL with DATABASE_URL).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start de webapp. Met --demo op een lege database: voorbeeldorganisaties, -gebruikers en -dossiers. (Web app.)",
        aliases: ["start"]
    )

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Vul een lege database met demogegevens en toon de demologins.")
    var demo = false

    @ArgumentParser.Option(name: [.customLong("database")], help: "Het SQLite-bestand (standaard wikken.sqlite). Met DATABASE_URL=postgres://… gebruikt Wikken PostgreSQL.")
    var database = "wikken.sqlite"

    @ArgumentParser.Option(name: .long, help: "Poort (standaard 8080).")
    var port = 8080

    @ArgumentParser.Option(name: .long, help: "Adres om op te luisteren (standaard 127.0.0.1).")
    var host = "127.0.0.1"

    @ArgumentParser.Option(name: [.customLong("voorbeelden"), .customLong("examples")], help: "Map met voorbeelddossiers voor --demo (standaard Examples).")
    var examples = "Examples"

    @ArgumentParser.Option(name: .customLong("veerkracht-gegevens"), help: "Map met CBS- en Leefbaarometer-bestanden voor de veerkrachtpagina's (standaard Data/veerkracht).")
    var veerkrachtData = "Data/veerkracht"

    @Flag(name: .customLong("veilige-cookies"), help: "Markeer cookies als Secure (achter TLS).")
    var secureCookies = false
    @Flag(name: .customLong("achter-proxy"), help: "Neem het adres van de bezoeker uit X-Forwarded-For (alleen achter een reverse proxy die die kop zet; nodig voor de inloglimieten per adres).")
    var trustProxy = false

    @ArgumentParser.Option(name: .customLong("sendmail"),
                           help: "Opdracht die de e-mail van het netwerk verstuurt via de sendmail-aansluiting, bijvoorbeeld \"msmtp -t --host=smtp.example.nl --port=587 --tls=on\". Zonder blijven berichten in de uitgaande post staan.")
    var sendmail: String?

    @ArgumentParser.Option(name: .customLong("afzender"), help: "Het afzendadres van die e-mail (standaard het adres van de organisator).")
    var from: String?

    @ArgumentParser.Option(name: .customLong("organisator-naam"), help: "Naam van wie deelnemers kunnen aanspreken (op de pagina's en in e-mail).")
    var contactName: String?

    @ArgumentParser.Option(name: .customLong("organisator-email"), help: "E-mailadres van de organisator (op de pagina's en in e-mail).")
    var contactEmail: String?

    @ArgumentParser.Option(name: .customLong("adres"), help: "Het webadres waarmee persoonlijke links in e-mail beginnen, zoals https://wikken.platform31.nl (standaard http://HOST:POORT).")
    var publicAddress: String?

    func run() async throws {
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"]
        // On PostgreSQL the client runs in the app's service group; migrations and demo data wait
        // for it (beforeServerStarts).
        let store = try await Store.open(databaseURL: url, sqlitePath: database, lifecycle: .service)
        var configuration = WebConfiguration(host: host, port: port, secureCookies: secureCookies)
        configuration.trustProxy = trustProxy
        configuration.veerkrachtData = veerkrachtData
        // The organiser participants can turn to; the demo names its organiser account.
        let email = contactEmail ?? (demo ? "beheerder@demo.wikken.nl" : nil)
        configuration.contact = NetworkContact(name: contactName ?? (demo ? "Bea Beheerder, organisator (demo)" : "de organisator van Wikken en wegen"),
                                               email: email, baseURL: publicAddress ?? "http://\(host):\(port)")
        let command = sendmail.map { $0.split(separator: " ").map(String.init) }.flatMap { $0.isEmpty ? nil : $0 }
        configuration.mail = MailConfiguration(command: command, from: from ?? email ?? "wikken@localhost")
        let (demo, examples, database, host, port) = (self.demo, self.examples, self.database, self.host, self.port)
        let app = try await Web.buildApplication(store: store, configuration: configuration) {
            try await store.migrate()
            let where_ = store.kind == "postgresql" ? "PostgreSQL (DATABASE_URL)" : database
            Terminal.out("Database: \(where_)\n")
            if demo {
                let logins = try await Demo.seed(store, examples: examples)
                if logins.isEmpty {
                    Terminal.out("De database bevat al gegevens; er zijn geen demogegevens toegevoegd.\n")
                } else {
                    Terminal.out("Demogegevens toegevoegd. Log in met (wachtwoord: \(Demo.password)):\n")
                    for l in logins { Terminal.out("  \(l.email)  — \(l.role.rawValue), \(l.organisation)\n") }
                    Terminal.out("Live sessie (demo): doe mee op http://\(host):\(port)/live?code=\(Demo.liveCode); leid haar als strateeg op /live/\(Demo.liveCode)/leiden.\n")
                }
            }
            Terminal.out(command == nil
                ? "E-mail: geen --sendmail opgegeven; berichten blijven in de uitgaande post (/beheer/netwerk/post).\n"
                : "E-mail: via \(command?.first ?? "sendmail").\n")
            Terminal.out("Wikken draait op http://\(host):\(port)/  (stoppen: Ctrl-C)\n")
        }
        try await app.runService()
        await store.close()
    }
}
