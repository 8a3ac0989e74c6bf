import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenReports
import WikkenStore
@testable import WikkenWeb

@Suite("The JSON API")
struct APITests {
    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) as? [String: Any])
    }

    @Test("the OpenAPI document lists exactly the API routes; each needs a token except the open network routes", arguments: Backend.all)
    func openAPI(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let doc = try Self.json(try await client.execute(uri: "/openapi.json", method: .get).body)
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let open: Set<String> = ["GET /api/netwerk/edities", "GET /api/netwerk/edities/{id}", "POST /api/netwerk/edities/{id}/aanmeldingen",
                                     "POST /api/netwerk/deelname/{id}/afmelden"]
            #expect(documented == Set(["GET /api/dossiers", "POST /api/dossiers", "GET /api/dossiers/{id}", "PUT /api/dossiers/{id}",
                                       "GET /api/dossiers/{id}/versies", "GET /api/dossiers/{id}/analyse",
                                       "GET /api/dossiers/{id}/methoden", "GET /api/dossiers/{id}/gewichten", "GET /api/dossiers/{id}/gevoeligheid", "GET /api/dossiers/{id}/smaa",
                                       "GET /api/dossiers/{id}/partners", "GET /api/dossiers/{id}/partners/{partner}", "PUT /api/dossiers/{id}/partners/{partner}",
                                       "GET /api/netwerk/edities/{id}/aanmeldingen", "POST /api/netwerk/aanmeldingen/{id}/status",
                                       "POST /api/netwerk/edities", "POST /api/netwerk/edities/{id}/sessies", "POST /api/netwerk/casussen/{id}/dossier",
                                       "GET /api/veerkracht/signaal", "POST /api/veerkracht/toewijzing"]).union(open))
            for entry in documented {
                let parts = entry.split(separator: " ")
                let uri = parts[1].replacingOccurrences(of: "{id}", with: "wijkaanpak-neckardreef").replacingOccurrences(of: "{partner}", with: "gemeente")
                let response = try await client.execute(uri: uri, method: HTTPRequest.Method(rawValue: String(parts[0]))!)
                let security = (paths[String(parts[1])]?[parts[0].lowercased()] as? [String: Any])?["security"] as? [Any]
                if open.contains(entry) {
                    #expect(response.status != .unauthorized && security?.isEmpty == true, "\(entry)")
                } else {
                    #expect(response.status == .unauthorized && security?.isEmpty == false, "\(entry)")
                }
            }
        }
    }

    @Test("the network through the API: editions, registering under the rules, and the organiser's registrations and status changes", arguments: Backend.all)
    func network(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
        let organiser = try await store.createAPIToken(for: try #require(try await store.user(email: "beheerder@demo.wikken.nl")), name: "test")
        let strateeg = try await store.createAPIToken(for: try #require(try await store.user(email: "strateeg@demo.wikken.nl")), name: "test")
        let corporation = try #require(try await store.organisations().first { $0.name.hasPrefix("Woningcorporatie") })
            let editions = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: try await client.execute(uri: "/api/netwerk/edities", method: .get).body).utf8)) as? [[String: Any]])
            let edition = try #require(editions.first)
            let id = try #require(edition["id"] as? String)
            #expect((edition["sessies"] as? [Any])?.count == 4 && edition["plaatsen"] as? Int == 20 && edition["vrij"] as? Int == 18)
            func register(_ fields: [String: Any]) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await client.execute(uri: "/api/netwerk/edities/\(id)/aanmeldingen", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: fields)))
                return (response.status, try Self.json(response.body))
            }
            let (created, body) = try await register(["naam": "Ada", "email": "ada@example.nl", "functie": "strateeg", "organisatie": corporation.id])
            #expect(created == .created && body["status"] as? String == "aangemeld" && body["partner"] as? Bool == true && body["bijdrageInEuro"] as? Double == 0)
            #expect((body["link"] as? String)?.hasPrefix("/netwerk/deelname/") == true)
            let (nonPartner, npBody) = try await register(["naam": "Ben", "email": "ben@example.nl", "functie": "adviseur", "andereOrganisatie": "Bureau Ben"])
            #expect(nonPartner == .created && npBody["bijdrageInEuro"] as? Double == 130)
            let (twice, twiceBody) = try await register(["naam": "Ada", "email": "ada@example.nl", "functie": "strateeg", "organisatie": corporation.id])
            #expect(twice == .unprocessableContent && (twiceBody["fout"] as? String)?.contains("al aangemeld") == true)
            let (incomplete, incompleteBody) = try await register(["naam": ""])
            #expect(incomplete == .unprocessableContent && (incompleteBody["fouten"] as? [String])?.count == 4)

            let listURI = "/api/netwerk/edities/\(id)/aanmeldingen"
            #expect(try await client.execute(uri: listURI, method: .get, headers: [.authorization: "Bearer \(strateeg)"]).status == .forbidden)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: try await client.execute(uri: listURI, method: .get,
                                                                                                               headers: [.authorization: "Bearer \(organiser)"]).body).utf8)) as? [[String: Any]])
            let ben = try #require(list.first { $0["naam"] as? String == "Ben" })
            let statusURI = "/api/netwerk/aanmeldingen/\(ben["id"] as! String)/status"
            func change(_ fields: [String: Any]) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await client.execute(uri: statusURI, method: .post, headers: [.authorization: "Bearer \(organiser)", .contentType: "application/json"],
                                                        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: fields)))
                return (response.status, try Self.json(response.body))
            }
            #expect(try await change(["status": "toegelaten"]).0 == .unprocessableContent)
            #expect(try await change(["status": "intake-gepland"]).0 == .unprocessableContent)
            let (planned, plannedBody) = try await change(["status": "intake-gepland", "intakeOp": "2027-01-12"])
            #expect(planned == .ok && (plannedBody["aanmelding"] as? [String: Any])?["intakeOp"] as? String == "2027-01-12")
            #expect(try await change(["status": "onzin"]).0 == .unprocessableContent)

            // The whole story through the API: an edition with four sessions of at most 2 seats,
            // two registrations, a third on the waitlist, a withdrawal, a case made into a dossier.
            func call(_ method: HTTPRequest.Method, _ uri: String, _ fields: [String: Any], token: String? = organiser) async throws -> (HTTPResponse.Status, [String: Any]) {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: fields)))
                return (response.status, (try? Self.json(response.body)) ?? [:])
            }
            #expect(try await call(.post, "/api/netwerk/edities", ["naam": "API-editie"], token: strateeg).0 == .forbidden)
            let (made, edition5) = try await call(.post, "/api/netwerk/edities", ["naam": "API-editie", "omschrijving": "Via scripts"])
            #expect(made == .created && edition5["id"] as? String == "api-editie")
            for date in ["2027-10-06", "2027-12-01", "2028-02-02", "2028-04-05"] {
                #expect(try await call(.post, "/api/netwerk/edities/api-editie/sessies", ["datum": date, "begin": "12:00", "eind": "16:30", "plaatsen": 2, "thema": "T"]).0 == .created)
            }
            #expect(try await call(.post, "/api/netwerk/edities/api-editie/sessies", ["datum": "2027-02-30", "begin": "12:00", "eind": "16:30", "plaatsen": 2]).0 == .unprocessableContent)
            var links: [String] = []
            for name in ["Cas", "Dee", "Eef"] {
                let (status, body) = try await call(.post, "/api/netwerk/edities/api-editie/aanmeldingen", ["naam": name, "email": "\(name)@example.nl", "functie": "strateeg", "organisatie": corporation.id], token: nil)
                #expect(status == .created)
                links.append((body["link"] as? String ?? "").components(separatedBy: "/").last ?? "")
                if name == "Eef" { #expect(body["status"] as? String == "wachtlijst" && (body["uitleg"] as? [String])?.first?.contains("op plaats 1") == true) }
            }
            let (withdrawn, withdrawnBody) = try await call(.post, "/api/netwerk/deelname/\(links[0])/afmelden", [:], token: nil)
            #expect(withdrawn == .ok && withdrawnBody["plaatsGingNaarWachtlijst"] as? Bool == true)
            #expect(try await call(.post, "/api/netwerk/deelname/verzonnen/afmelden", [:], token: nil).0 == .notFound)
            let eef = try #require(try await store.registrations(editionID: "api-editie").first { $0.name == "Eef" })
            #expect(eef.status == .aangemeld)
            let session = try #require(try await store.sessions(editionID: "api-editie").first)
            let submitted = try await store.addCase(sessionID: session.id, registrationID: eef.id, title: "Een casus", question: "Welke?", context: "", organisationName: corporation.name)
            // Eef's organisation's strategist may make the dossier; a partner of the gemeente may not.
            let pim = try #require(try await store.user(email: "partner@demo.wikken.nl"))
            let refused = try await call(.post, "/api/netwerk/casussen/\(submitted.id)/dossier", [:], token: try await store.createAPIToken(for: pim, name: "test"))
            #expect(refused.0 == .forbidden, "\(refused)")
            let (dossierMade, dossierBody) = try await call(.post, "/api/netwerk/casussen/\(submitted.id)/dossier", [:], token: strateeg)
            let address = try #require(WebTests.newAddress(dossierBody["dossier"] as? String, named: "casus-een-casus", under: ""))
            #expect(dossierMade == .created)
            #expect(try await store.case(id: submitted.id)?.dossierID == address)
        }
    }

    @Test("an analysis with a missing score follows the dossier's rule: refused without one (with the scores named), ?ontbrekend= for one request", arguments: Backend.all)
    func missingScores(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let auth: HTTPFields = [.authorization: "Bearer \(try await store.createAPIToken(for: strateeg, name: "test"))"]
            var dossier = try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg).dossier
            let criterion = try #require(dossier.leafCriteria.first).id
            dossier.options[0].scores[criterion] = .missing("nog niet gemeten")
            let saved = try await store.save(dossier, at: "samenwerkingen-zuid", basedOn: 1, viewer: strateeg, summary: "score weg")

            let refused = try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/analyse", method: .get, headers: auth)
            let body = try Self.json(refused.body)
            #expect(refused.status == .unprocessableContent && (body["fout"] as? String)?.contains("ontbreekt 1 score") == true)
            #expect((body["fouten"] as? [String]) == ["\(dossier.options[0].name) op \(dossier.leafCriteria[0].name) (reden: nog niet gemeten)"])
            let once = try Self.json(try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/analyse?ontbrekend=slechtst", method: .get, headers: auth).body)
            #expect(once["missingRule"] as? String == "worst")
            #expect(try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/analyse?ontbrekend=nul", method: .get, headers: auth).status == .unprocessableContent)

            dossier.missingRule = .renormalise
            _ = try await store.save(dossier, at: "samenwerkingen-zuid", basedOn: saved.revision, viewer: strateeg, summary: "regel")
            let ruled = try Self.json(try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/analyse", method: .get, headers: auth).body)
            #expect(ruled["missingRule"] as? String == "renormalise")
            // The other methods have no renormalise rule: refused with what to ask instead.
            let methods = try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/methoden", method: .get, headers: auth)
            let refusal = try Self.json(methods.body)["fout"] as? String
            #expect(methods.status == .unprocessableContent && refusal?.contains("?ontbrekend=slechtst") == true)
            #expect(try await client.execute(uri: "/api/dossiers/samenwerkingen-zuid/methoden?ontbrekend=slechtst", method: .get, headers: auth).status == .ok)
        }
    }

    @Test("the working through the API: methods, weights, sensitivity and SMAA as the CLI's --json prints them, each with its conventions", arguments: Backend.all)
    func working(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let auth: HTTPFields = [.authorization: "Bearer \(try await store.createAPIToken(for: strateeg, name: "test"))"]
            let id = "aandachtsgroepen-de-horst"
            let dossier = try await store.dossier(id: id, viewer: strateeg).dossier
            func get(_ path: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await client.execute(uri: "/api/dossiers/\(id)/\(path)", method: .get, headers: auth)
                return (response.status, String(buffer: response.body))
            }
            let comparisons = try dossier.weightSets.map { try MethodComparison.run(dossier, weightSet: $0, missingRule: .refuse) }
            let result = try Mavt.analyse(dossier, missingRule: .refuse)
            let expected = [
                "methoden": AnalysisJSON.encode(MethodsJSON.document(dossier, comparisons)),
                "gewichten": AnalysisJSON.encode(WeightsJSON.document(dossier)),
                "gevoeligheid": AnalysisJSON.encode(SensitivityJSON.document(dossier, result)),
                "partners": AnalysisJSON.encode(PartnerJSON.document(dossier, try PartnerAnalysis.analyse(dossier))),
            ]
            for (path, text) in expected {
                let (status, body) = try await get(path)
                #expect(status == .ok, "\(path)")
                #expect(body.trimmingCharacters(in: .whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(path)")
                #expect((try Self.json(ByteBuffer(string: body)))["conventions"] != nil, "\(path)")
            }
            let methods = try Self.json(ByteBuffer(string: try await get("methoden").1))
            let first = try #require((methods["weightSets"] as? [[String: Any]])?.first)
            let working = try #require(first["working"] as? [String: Any])
            #expect(working["topsis"] != nil && working["promethee"] != nil && working["vikor"] != nil)
            let (smaaStatus, smaaBody) = try await get("smaa")
            let smaa = try Self.json(ByteBuffer(string: smaaBody))
            #expect(smaaStatus == .ok && smaa["conventions"] != nil && smaa["samples"] as? Int == 10_000)

            // A dossier that is not finished: refused with a problem, not a crash.
            var unfinished = dossier
            unfinished.weightSets = []
            _ = try await store.save(unfinished, at: id, basedOn: 1, viewer: strateeg, summary: "wegingen weg")
            for path in ["methoden", "gewichten", "gevoeligheid", "smaa", "partners"] {
                #expect(try await get(path).0 == .unprocessableContent, "\(path)")
            }
        }
    }

    @Test("read, change with If-Match, conflict, analyse; and nothing of another organisation", arguments: Backend.all)
    func api(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
        let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
        let partner = try #require(try await store.user(email: "partner@demo.wikken.nl"))
        let token = try await store.createAPIToken(for: strateeg, name: "test")
        let partnerToken = try await store.createAPIToken(for: partner, name: "test")
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
            let partnerIDs = (try JSONSerialization.jsonObject(with: Data(buffer: partnerList.body)) as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(partnerIDs.map(Set.init) == ["wijkaanpak-neckardreef", "prestatieafspraken-2027"])  // the demo shares these two with the gemeente

            // A new dossier: the store makes its address (Location); the id is unique per
            // organisation only, so another organisation's ids are no answer to anything.
            var mine = dossier
            mine["id"] = "aandachtsgroepen-de-horst"
            let fresh = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: mine))
            let taken = try await client.execute(uri: "/api/dossiers", method: .post, headers: auth, body: fresh)
            let takenText = try Self.json(taken.body)["fout"] as? String
            #expect(taken.status == .conflict && takenText?.contains("aandachtsgroepen-de-horst") == true)
            let elsewhere = try await client.execute(uri: "/api/dossiers", method: .post, headers: [.authorization: "Bearer \(partnerToken)"], body: fresh)
            let address = try #require(WebTests.newAddress(elsewhere.headers[.location], named: "aandachtsgroepen-de-horst", under: "/api/dossiers/"))
            #expect(elsewhere.status == .created)
            let record = try #require(try Self.json(elsewhere.body)["record"] as? [String: Any])
            #expect(record["id"] as? String == address && record["name"] as? String == "aandachtsgroepen-de-horst")
            // Its id cannot change through a save; the address is what a save names.
            mine["id"] = "iets-anders"
            let renamed = try await client.execute(uri: "/api/dossiers/\(address)", method: .put, headers: [.authorization: "Bearer \(partnerToken)", .ifMatch: "\"1\""],
                                                   body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: mine)))
            let renamedText = try Self.json(renamed.body)["fout"] as? String
            #expect(renamed.status == .unprocessableContent && renamedText?.contains("kun je niet veranderen") == true)
            #expect(try await client.execute(uri: "/api/dossiers/\(address)", method: .get, headers: auth).status == .notFound)
        }
    }
}
