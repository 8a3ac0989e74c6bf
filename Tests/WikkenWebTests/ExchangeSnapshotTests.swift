import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenFormats
import WikkenReports
import WikkenStore
import WikkenWeb

/// Whole exchanges (status, headers, body) of the main pages and API calls as reviewed snapshots
/// in `Snapshots/`, the same file on every backend (isowords' style). What changes from run to
/// run is replaced by a placeholder: ids, tokens, CSRF values, times and today's date.
///
/// After an intended change: `WIKKEN_RECORD=1 swift test --filter ExchangeSnapshotTests`, then
/// review the diff of `Tests/WikkenWebTests/Snapshots` like code.
@Suite("Whole exchanges as snapshots")
struct ExchangeSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Headers that differ per run or per server and say nothing about the page.
    static let volatileHeaders: Set<String> = ["date", "content-length", "server"]

    static func text(of response: TestResponse) -> String {
        var lines = ["HTTP \(response.status.code) \(response.status.reasonPhrase)"]
        // A cookie's attributes come in no fixed order (Hummingbird keeps them in a dictionary).
        func value(_ field: HTTPFields.Element) -> String {
            guard field.name == .setCookie else { return field.value }
            let parts = field.value.components(separatedBy: "; ")
            return ([parts[0]] + parts.dropFirst().sorted()).joined(separator: "; ")
        }
        let headers = response.headers.filter { !volatileHeaders.contains($0.name.canonicalName) }
            .map { "\($0.name.canonicalName): \(value($0))" }.sorted()
        lines += headers
        return normalised(lines.joined(separator: "\n") + "\n\n" + String(buffer: response.body))
    }

    static func normalised(_ text: String) -> String {
        let today = LocalTime.day(Date())
        var text = text
        let rules: [(String, String)] = [
            (#"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, "<uuid>"),
            (#"name="csrf" value="[^"]*""#, #"name="csrf" value="<csrf>""#),
            (#"wikken_sessie=[^;]*"#, "wikken_sessie=<sessie>"),
            (#"wikken_inlogformulier=[^;]*"#, "wikken_inlogformulier=<formulier>"),
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "<tijd>"),
            (today + #" \d{2}:\d{2}"#, "<vandaag> <uu:mm>"),
            (today, "<vandaag>"),
        ]
        for (pattern, replacement) in rules {
            text = text.replacing(try! Regex(pattern), with: replacement)
        }
        return text
    }

    /// Compares with (or, with WIKKEN_RECORD=1, writes) `Snapshots/<name>.txt`.
    static func check(_ name: String, _ response: TestResponse) throws {
        let text = Self.text(of: response)
        let file = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WIKKEN_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(name): the exchange differs from Snapshots/\(name).txt")
    }

    @Test("pages: sign-in, a refused sign-in, the dossier list, a dossier, its history, the memo, a 404, a forged form, a reader at the organiser's page", arguments: Backend.all)
    func pages(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            try Self.check("inloggen", try await client.execute(uri: "/inloggen", method: .get))
            try Self.check("inloggen-fout", try await WebTests.postSignIn(client, "strateeg@demo.wikken.nl", "fout"))
            let cookie = try await WebTests.signIn(client, "strateeg@demo.wikken.nl")
            func get(_ uri: String, _ cookie: String) async throws -> TestResponse { try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) }
            try Self.check("dossiers", try await get("/dossiers", cookie))
            try Self.check("dossier-wijkaanpak", try await get("/dossiers/wijkaanpak-neckardreef", cookie))
            try Self.check("geschiedenis-wijkaanpak", try await get("/dossiers/wijkaanpak-neckardreef/geschiedenis", cookie))
            try Self.check("notitie-wijkaanpak", try await get("/dossiers/wijkaanpak-neckardreef/notitie", cookie))
            try Self.check("dossier-bestaat-niet", try await get("/dossiers/bestaat-niet", cookie))
            try Self.check("formulier-zonder-token", try await client.execute(uri: "/dossiers/wijkaanpak-neckardreef/gewichten", method: .post,
                                                                               headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                                               body: ByteBuffer(string: "versie=1&weging=corporatie")))
            let reader = try await WebTests.signIn(client, "lezer@demo.wikken.nl")
            try Self.check("beheer-als-lezer", try await get("/beheer", reader))
            try Self.check("onbekende-pagina", try await get("/bestaat/niet", cookie))
        }
    }

    @Test("the API: the OpenAPI document, the dossier list, an analysis, a conflict, no token", arguments: Backend.all)
    func api(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            try Self.check("openapi", try await client.execute(uri: "/openapi.json", method: .get))
            try Self.check("api-zonder-sleutel", try await client.execute(uri: "/api/dossiers", method: .get))
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let token = try await store.createAPIToken(for: strateeg, name: "snapshot")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            try Self.check("api-dossiers", try await client.execute(uri: "/api/dossiers", method: .get, headers: auth))
            try Self.check("api-analyse-wijkaanpak", try await client.execute(uri: "/api/dossiers/wijkaanpak-neckardreef/analyse", method: .get, headers: auth))
            let current = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            var headers = auth
            headers[.ifMatch] = "\"\(current.revision + 5)\""
            headers[.contentType] = "application/json"
            try Self.check("api-conflict", try await client.execute(uri: "/api/dossiers/wijkaanpak-neckardreef", method: .put, headers: headers,
                                                                     body: ByteBuffer(string: DossierWriter.write(current.dossier, as: .json))))
        }
    }
}
