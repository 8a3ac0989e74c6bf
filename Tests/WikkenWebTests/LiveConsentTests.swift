import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenStore
@testable import WikkenWeb

/// Consent to the proposal in the phase *vastleggen*, on the demo's session WEGEN7 (three people
/// spread their points): marks, an objection's required reason, moderation, and the record.
@Suite("Live sessions: consent")
struct LiveConsentTests {
    typealias W = WebTests

    @Test("consent: only in vastleggen; an objection needs a reason; the tally and reasons on every view; a hidden reason leaves the shared views; the record keeps the consent", arguments: Backend.all)
    func consent(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let code = Demo.liveCode
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, console, _) = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            let csrf = W.csrf(in: console)
            let joined = try await LiveWebTests.post(client, "/live/\(code)/deelnemen", cookie: nil, [("naam", "Fatima"), ("organisatie", "Zorg")])
            let fatima = String(try #require(joined.headers[.setCookie]?.split(separator: ";").first))
            let early = try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: fatima, [("instemming", "acceptabel")])
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("Instemmen kan alleen in de fase"))

            _ = try await W.post(client, "/live/\(code)/fase", cookie: strateeg, [("csrf", csrf), ("fase", "vastleggen")])
            let (_, form, _) = try await W.page(client, "/live/\(code)", cookie: fatima)
            let session = try #require(try await store.liveSession(code: code))
            let dossier = try await store.read { r in try await r.dossierOfLiveSession(session) }
            let state = try #require(try await store.liveState(code: code, contents: true))
            let proposal = try #require(LiveController.proposal(state, dossier))
            #expect(form.contains("Het voorstel: <strong>\(proposal)</strong>") && form.contains("name=\"instemming\" value=\"bezwaar\""))

            let bare = try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: fatima, [("instemming", "bezwaar"), ("reden", "  ")])
            #expect(bare.status == .unprocessableContent && String(buffer: bare.body).contains("Geef bij een bezwaar de reden"))
            let unknown = try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: fatima, [("instemming", "misschien")])
            #expect(unknown.status == .unprocessableContent)
            let long = try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: fatima, [("instemming", "bezwaar"), ("reden", String(repeating: "x", count: 501))])
            #expect(long.status == .unprocessableContent && String(buffer: long.body).contains("houd haar onder 500"))
            let objected = try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: fatima, [("instemming", "bezwaar"), ("reden", "Te weinig tijd voor de bewoners")])
            #expect(objected.status == .seeOther)
            let (_, again, _) = try await W.page(client, "/live/\(code)", cookie: fatima)
            #expect(again.contains("value=\"bezwaar\" required checked") && again.contains(">Te weinig tijd voor de bewoners</textarea>"))
            let second = try await LiveWebTests.post(client, "/live/\(code)/deelnemen", cookie: nil, [("naam", "Gert"), ("organisatie", "")])
            let gert = String(try #require(second.headers[.setCookie]?.split(separator: ";").first))
            #expect(try await LiveWebTests.post(client, "/live/\(code)/instemming", cookie: gert, [("instemming", "acceptabel")]).status == .seeOther)

            let (_, withConsents, _) = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            #expect(withConsents.contains("2 van 5 klaar") && withConsents.contains("1 acceptabel, 0 kan ermee leven, 1 bezwaar") && withConsents.contains("Te weinig tijd voor de bewoners"))
            let key = try #require(try await store.liveState(code: code, contents: true)?.consents.first { $0.mark == .objection }?.key)
            let hidden = try await W.post(client, "/live/\(code)/reden", cookie: strateeg, [("csrf", csrf), ("sleutel", key)])
            #expect(hidden.0 == .seeOther)
            let (_, phone, _) = try await W.page(client, "/live/\(code)", cookie: gert)
            #expect(phone.contains("1 acceptabel, 0 kan ermee leven, 1 bezwaar") && !phone.contains("Te weinig tijd voor de bewoners"))
            let (_, moderated, _) = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            #expect(moderated.contains("Te weinig tijd voor de bewoners") && moderated.contains("(verborgen voor de groep)") && moderated.contains("Weer tonen"))
            let forged = try await W.post(client, "/live/\(code)/reden", cookie: strateeg, [("csrf", csrf), ("sleutel", "../../etc")])
            #expect(forged.0 == .badRequest)

            // The record keeps the proposal's consent with the objection's reason.
            _ = try await W.post(client, "/live/\(code)/vastleggen", cookie: strateeg, [("csrf", csrf)])
            let strategist = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let saved = try await store.dossier(id: session.dossierID, viewer: strategist).dossier
            let set = try #require(saved.weightSets.last)
            #expect(set.description?.contains("Instemming met ‘\(proposal)’: 1 acceptabel, 0 kan ermee leven, 1 bezwaar (bezwaren: ‘Te weinig tijd voor de bewoners’)") == true)
        }
    }
}
