import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenStore
import WikkenWeb

@Suite("The JSON API")
struct APITests {
    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) as? [String: Any])
    }

    @Test("the OpenAPI document lists exactly the API routes, and each needs a token")
    func openAPI() async throws {
        let (app, store) = try await WebTests.app()
        defer { Task { await store.close() } }
        try await app.test(.router) { client in
            let doc = try Self.json(try await client.execute(uri: "/openapi.json", method: .get).body)
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(documented == ["GET /api/dossiers", "POST /api/dossiers", "GET /api/dossiers/{id}", "PUT /api/dossiers/{id}",
                                   "GET /api/dossiers/{id}/versies", "GET /api/dossiers/{id}/analyse"])
            for entry in documented {
                let parts = entry.split(separator: " ")
                let uri = parts[1].replacingOccurrences(of: "{id}", with: "wijkaanpak-neckardreef")
                let response = try await client.execute(uri: uri, method: HTTPRequest.Method(rawValue: String(parts[0]))!)
                #expect(response.status == .unauthorized, "\(entry)")
            }
        }
    }

    @Test("read, change with If-Match, conflict, analyse; and nothing of another organisation")
    func api() async throws {
        let (app, store) = try await WebTests.app()
        defer { Task { await store.close() } }
        let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
        let partner = try #require(try await store.user(email: "partner@demo.wikken.nl"))
        let token = try await store.createAPIToken(for: strateeg, name: "test")
        let partnerToken = try await store.createAPIToken(for: partner, name: "test")
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let list = try await client.execute(uri: "/api/dossiers", method: .get, headers: auth)
            #expect(list.status == .ok)
            #expect(String(buffer: list.body).contains("samenwerkingen-zuid"))

            let one = try Self.json(try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst", method: .get, headers: auth).body)
            #expect(one["versie"] as? Int == 1)
            var dossier = try #require(one["dossier"] as? [String: Any])
            dossier["titel"] = "Via de API"
            let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: dossier))

            let missing = try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst", method: .put, headers: auth, body: body)
            #expect(missing.status == .preconditionRequired)
            var headers = auth
            headers[.ifMatch] = "\"1\""
            let saved = try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst", method: .put, headers: headers, body: body)
            #expect(saved.status == .ok)
            #expect(try Self.json(saved.body)["versie"] as? Int == 2)
            let stale = try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst", method: .put, headers: headers, body: body)
            #expect(stale.status == .conflict)
            #expect(try Self.json(stale.body)["huidig"] as? Int == 2)

            let analysis = try Self.json(try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst/analyse", method: .get, headers: auth).body)
            #expect((analysis["weightSets"] as? [Any])?.count == 3)
            let revisions = try await client.execute(uri: "/api/dossiers/aandachtsgroepen-de-horst/versies", method: .get, headers: auth)
            #expect(String(buffer: revisions.body).contains("Gewijzigd via de API"))

            let other: HTTPFields = [.authorization: "Bearer \(partnerToken)", .ifMatch: "\"2\""]
            for (uri, method) in [("/api/dossiers/aandachtsgroepen-de-horst", HTTPRequest.Method.get), ("/api/dossiers/aandachtsgroepen-de-horst", .put),
                                  ("/api/dossiers/aandachtsgroepen-de-horst/versies", .get), ("/api/dossiers/aandachtsgroepen-de-horst/analyse", .get)] {
                let response = try await client.execute(uri: uri, method: method, headers: other, body: body)
                #expect(response.status == .notFound, "\(method) \(uri)")
            }
            let partnerList = try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(partnerToken)"])
            #expect(!String(buffer: partnerList.body).contains("aandachtsgroepen"))
        }
    }
}
