import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenStore
@testable import WikkenWeb

/// Deciding with partners in the web app, on the demo's prestatieafspraken dossier: the gemeente
/// (partner@) and the huurdersorganisatie (huurders@) weigh blind, the corporation (strateeg@)
/// owns the dossier and opens the weighing.
@Suite("Deciding with partners on pages")
struct PartnerWebTests {
    typealias W = WebTests
    static let dossier = "prestatieafspraken-2027"
    static let partners = "/dossiers/\(dossier)/partners"

    @Test("blind: a partner sees and changes only its own part; every other read and change is refused; the owner sees all", arguments: Backend.all)
    func blind(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let before = try await store.dossier(id: Self.dossier, viewer: owner)
            #expect(before.dossier.partnersBlind)
            let gemeente = try await W.signIn(client, "partner@demo.wikken.nl")

            // The dossier page sends a blind partner to the partners page; content and history are refused.
            let (redirect, _, headers) = try await W.page(client, "/dossiers/\(Self.dossier)", cookie: gemeente)
            #expect(redirect == .seeOther && headers[.location] == Self.partners)
            for uri in ["export.yaml", "export.json", "geschiedenis", "notitie", "analyse.xlsx", "smaa"] {
                let (status, body, _) = try await W.page(client, "/dossiers/\(Self.dossier)/\(uri)", cookie: gemeente)
                #expect(status == .forbidden && body.contains("wegen dit dossier nog blind"), "\(uri)")
            }
            let pim = try #require(try await store.user(email: "partner@demo.wikken.nl"))
            let api = try await client.execute(uri: "/api/dossiers/\(Self.dossier)", method: .get,
                                               headers: [.authorization: "Bearer \(try await store.createAPIToken(for: pim, name: "test"))"])
            #expect(api.status == .forbidden)

            // The partners page: its own form only, no combination, nothing of the others' weights.
            let (ok, html, _) = try await W.page(client, Self.partners, cookie: gemeente)
            let page = try #require(pages.last(PartnersPage.self))
            #expect(ok == .ok && page.blind && !page.eigenaar && !page.magOpenen && page.samen == nil && page.samenUitleg?.contains("blind") == true)
            #expect(page.formulier?.partner == "gemeente" && page.formulier?.wegingen.map(\.id) == ["gemeente"])
            #expect(page.formulier?.heeftUitkomst == true)
            #expect(!html.contains("corporatie-bestuur") && !html.contains("g-huurders") && !html.contains("huurbevriezing"))
            #expect(page.partners.map(\.naam) == ["Gemeente Rivierstad", "Woonstichting Rivierstad", "Huurdersorganisatie Samen Sterk"])

            // An objection without a reason is refused and nothing is stored.
            var fields = W.set("g-gemeente-beschikbaarheid", "60", in: W.formFields(html)) + [("oordeel-betaalbaar", "bezwaar"), ("reden-betaalbaar", " ")]
            let (refused, refusal, _) = try await W.post(client, "\(Self.partners)/deel", cookie: gemeente, fields)
            #expect(refused == .unprocessableContent && refusal.contains("Je bezwaar tegen Betaalbaarheid voorop heeft geen reden"))
            #expect(try await store.dossier(id: Self.dossier, viewer: owner).revision == before.revision)

            fields += [("reden-betaalbaar", "Te weinig nieuwbouw voor de wachtlijst.")]
            let (saved, _, location) = try await W.post(client, "\(Self.partners)/deel", cookie: gemeente, fields)
            #expect(saved == .seeOther && location == "\(Self.partners)?partner=gemeente&melding=opgeslagen#eigen-kop")
            let after = try await store.dossier(id: Self.dossier, viewer: owner)
            #expect(after.revision == before.revision + 1)
            #expect(after.dossier.weightSet("gemeente")?.weights["beschikbaarheid"] == 60)
            #expect(after.dossier.positions.filter { $0.partner == "gemeente" } == [Position(partner: "gemeente", option: "betaalbaar", mark: .objection, reason: "Te weinig nieuwbouw voor de wachtlijst.")])
            // Nothing of the others moved.
            #expect(after.dossier.part(of: "huurders") == before.dossier.part(of: "huurders") && after.dossier.part(of: "corporatie") == before.dossier.part(of: "corporatie"))

            // Another partner's part, the dossier's own weights form, opening: refused.
            let other = W.set("partner", "huurders", in: W.set("versie", String(after.revision), in: fields))
            #expect(try await W.post(client, "\(Self.partners)/deel", cookie: gemeente, other).0 == .forbidden)
            let csrf = W.csrf(in: html)
            #expect(try await W.post(client, "/dossiers/\(Self.dossier)/gewichten", cookie: gemeente,
                                      [("csrf", csrf), ("versie", String(after.revision)), ("weging", "gemeente"), ("g-betaalbaarheid", "99"), ("samenvatting", "x")]).0 == .forbidden)
            #expect(try await W.post(client, "\(Self.partners)/zichtbaarheid", cookie: gemeente, [("csrf", csrf), ("versie", String(after.revision)), ("stand", "open")]).0 == .forbidden)
            #expect(try await store.dossier(id: Self.dossier, viewer: owner).revision == after.revision)

            // The other partner does not see what the gemeente entered.
            let huurders = try await W.signIn(client, "huurders@demo.wikken.nl")
            let (_, theirs, _) = try await W.page(client, Self.partners, cookie: huurders)
            #expect(!theirs.contains("Te weinig nieuwbouw") && !theirs.contains("g-gemeente") && pages.last(PartnersPage.self)?.formulier?.partner == "huurders")

            // The owner sees everything, blind or not, and may fill in for any partner.
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, all, _) = try await W.page(client, "\(Self.partners)?partner=huurders", cookie: strateeg)
            let ownerPage = try #require(pages.last(PartnersPage.self))
            #expect(ownerPage.eigenaar && ownerPage.magOpenen && ownerPage.formulier?.partner == "huurders" && all.contains("Kendalls W") && all.contains("Te weinig nieuwbouw"))
        }
    }

    @Test("a form from an older revision is saved when nobody changed this partner's part since; otherwise a conflict, nothing overwritten", arguments: Backend.all)
    func staleForm(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, _ in
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let gemeente = try await W.signIn(client, "partner@demo.wikken.nl")
            let (_, html, _) = try await W.page(client, Self.partners, cookie: gemeente)
            let fields = W.formFields(html)
            // The owner changes something else meanwhile.
            var dossier = try await store.dossier(id: Self.dossier, viewer: owner)
            dossier.dossier.context = "Bijgewerkt door de corporatie."
            _ = try await store.save(dossier.dossier, at: Self.dossier, basedOn: dossier.revision, viewer: owner, summary: "context")
            let (saved, _, _) = try await W.post(client, "\(Self.partners)/deel", cookie: gemeente, W.set("g-gemeente-verduurzaming", "35", in: fields))
            #expect(saved == .seeOther)
            let now = try await store.dossier(id: Self.dossier, viewer: owner).dossier
            #expect(now.context == "Bijgewerkt door de corporatie." && now.weightSet("gemeente")?.weights["verduurzaming"] == 35)
            // The same old form again: its own part moved since, so it is refused.
            let (conflict, body, _) = try await W.post(client, "\(Self.partners)/deel", cookie: gemeente, W.set("g-gemeente-verduurzaming", "10", in: fields))
            #expect(conflict == .conflict && body.contains("Er is niets overschreven"))
            #expect(try await store.dossier(id: Self.dossier, viewer: owner).dossier.weightSet("gemeente")?.weights["verduurzaming"] == 35)
        }
    }

    @Test("the owner opens the weighing: both partners see the combination and the objections, and still change only their own part", arguments: Backend.all)
    func reveal(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, ownerHTML, _) = try await W.page(client, Self.partners, cookie: strateeg)
            let (opened, _, location) = try await W.post(client, "\(Self.partners)/zichtbaarheid", cookie: strateeg,
                                                         [("csrf", W.csrf(in: ownerHTML)), ("versie", String(pages.last(PartnersPage.self)?.versie ?? 0)), ("stand", "open")])
            #expect(opened == .seeOther && location == "\(Self.partners)?melding=geopend")
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            #expect(try await store.revisions(dossierID: Self.dossier, viewer: owner).first?.summary == "Weging van de partners geopend")
            for email in ["partner@demo.wikken.nl", "huurders@demo.wikken.nl"] {
                let cookie = try await W.signIn(client, email)
                let (_, html, _) = try await W.page(client, Self.partners, cookie: cookie)
                let page = try #require(pages.last(PartnersPage.self))
                #expect(!page.blind && page.samen != nil && html.contains("Kendalls W") && html.contains("Condorcetwinnaar"), "\(email)")
                #expect(html.contains("Bezwaar van Huurdersorganisatie Samen Sterk tegen Nieuwbouw voorop"), "\(email)")
                #expect(try await W.page(client, "/dossiers/\(Self.dossier)", cookie: cookie).0 == .ok, "\(email)")
                // Open is not a licence to edit the rest.
                let edit = try await W.post(client, "/dossiers/\(Self.dossier)/gewichten", cookie: cookie,
                                          [("csrf", W.csrf(in: html)), ("versie", String(page.versie)), ("weging", "corporatie-bestuur"), ("samenvatting", "x")]
                                              + ["betaalbaarheid", "beschikbaarheid", "verduurzaming", "leefbaarheid", "investeringsruimte"].map { ("g-\($0)", "20") })
                #expect(edit.0 == .forbidden && edit.1.contains("Als partner wijzig je"), "\(email) \(edit.0)")
            }
            // Blind again, as a revision the history can undo.
            let (_, again, _) = try await W.page(client, Self.partners, cookie: strateeg)
            let (closed, _, _) = try await W.post(client, "\(Self.partners)/zichtbaarheid", cookie: strateeg,
                                                  [("csrf", W.csrf(in: again)), ("versie", String(pages.last(PartnersPage.self)?.versie ?? 0)), ("stand", "blind")])
            let blindAgain = try await store.dossier(id: Self.dossier, viewer: owner).dossier.partnersBlind
            #expect(closed == .seeOther && blindAgain)
        }
    }

    @Test("the API: a partner reads and replaces only its own part, blind; errors point into the body; the owner reads every part", arguments: Backend.all)
    func api(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, _ in
            let pim = try #require(try await store.user(email: "partner@demo.wikken.nl"))
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let gemeente: HTTPFields = [.authorization: "Bearer \(try await store.createAPIToken(for: pim, name: "test"))"]
            let strateeg: HTTPFields = [.authorization: "Bearer \(try await store.createAPIToken(for: owner, name: "test"))"]
            let base = "/api/dossiers/\(Self.dossier)/partners"
            func json(_ response: TestResponse) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) }

            let own = try await client.execute(uri: "\(base)/gemeente", method: .get, headers: gemeente)
            let body = try json(own)
            #expect(own.status == .ok && body["partner"] as? String == "gemeente" && (body["wegingen"] as? [[String: Any]])?.map { $0["id"] as? String } == ["gemeente"])
            #expect(try await client.execute(uri: "\(base)/huurders", method: .get, headers: gemeente).status == .forbidden)
            #expect(try await client.execute(uri: "\(base)/huurders", method: .get, headers: strateeg).status == .ok)
            #expect(try await client.execute(uri: "\(base)/politie", method: .get, headers: gemeente).status == .notFound)
            let version = try #require(body["versie"] as? Int)

            func put(_ partner: String, _ text: String, version: Int?, as headers: HTTPFields) async throws -> TestResponse {
                var h = headers
                if let version { h[.ifMatch] = "\"\(version)\"" }
                return try await client.execute(uri: "\(base)/\(partner)", method: .put, headers: h, body: ByteBuffer(string: text))
            }
            let weights = #"{"id": "gemeente", "naam": "Gemeente", "gewichten": {"betaalbaarheid": 20, "beschikbaarheid": 50, "verduurzaming": 10, "leefbaarheid": 15, "investeringsruimte": 5}}"#
            #expect(try await put("gemeente", "{\"wegingen\": [\(weights)]}", version: nil, as: gemeente).status == .preconditionRequired)
            // An objection without a reason, and a weight for the huurders' own criterion: both named, with paths into the body.
            let wrong = try await put("gemeente", #"{"wegingen": [{"id": "gemeente", "naam": "G", "gewichten": {"woonlasten": 10}}], "standpunten": [{"optie": "nieuwbouw", "oordeel": "bezwaar"}]}"#,
                                      version: version, as: gemeente)
            let details = (try json(wrong)["fouten"] as? [String]) ?? []
            #expect(wrong.status == .unprocessableContent && details.contains { $0.hasPrefix("standpunten[0].reden") } && details.contains { $0.hasPrefix("wegingen[0].gewichten.woonlasten") }, "\(details)")
            #expect(try await put("gemeente", #"{"standpunten": [{"partner": "huurders", "optie": "nieuwbouw", "oordeel": "acceptabel"}]}"#, version: version, as: gemeente).status == .unprocessableContent)
            #expect(try await put("huurders", "{\"wegingen\": []}", version: version, as: gemeente).status == .forbidden)
            #expect(try await store.dossier(id: Self.dossier, viewer: owner).revision == version)

            let saved = try await put("gemeente", "{\"wegingen\": [\(weights)], \"standpunten\": [{\"optie\": \"betaalbaar\", \"oordeel\": \"bezwaar\", \"reden\": \"Te weinig nieuwbouw.\"}]}",
                                      version: version, as: gemeente)
            let savedVersion = try json(saved)["versie"] as? Int
            #expect(saved.status == .ok && savedVersion == version + 1)
            let stored = try await store.dossier(id: Self.dossier, viewer: owner).dossier
            #expect(stored.weightSet("gemeente")?.weights["beschikbaarheid"] == 50)
            #expect(stored.positions.filter { $0.partner == "gemeente" } == [Position(partner: "gemeente", option: "betaalbaar", mark: .objection, reason: "Te weinig nieuwbouw.")])
            let before = try await store.dossier(id: Self.dossier, revision: version, viewer: owner).dossier
            #expect(stored.part(of: "huurders") == before.part(of: "huurders"))
        }
    }
}
