import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenStore
@testable import WikkenWeb

/// The veerkracht pages over HTTP, on the real Utrecht data in Data/veerkracht.
@Suite("Veerkracht in the web app")
struct VeerkrachtWebTests {
    typealias W = WebTests

    @Test("the signal page: the latest year with both axes, a chart with a summary, every threshold shown, choices from the form", arguments: Backend.all)
    func signal(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store in
            #expect(try await client.execute(uri: "/veerkracht", method: .get).headers[.location] == "/inloggen")
            let cookie = try await W.signIn(client, "lezer@demo.wikken.nl")
            let (status, page, _) = try await W.page(client, "/veerkracht", cookie: cookie)
            #expect(status == .ok && page.contains("Het jaar 2023 is gekozen"))
            // In the 2023 Utrecht file two of the three income indicators are ‘.’ for every buurt: the page says the composite rests on bijstand alone.
            #expect(page.contains("‘huishoudens in de laagste 40% inkomens (%)’ en ‘huishoudens rond het sociaal minimum (%)’ hebben in 2023 voor geen enkele buurt een cijfer")
                    && page.contains("De concentratie rust daardoor op ‘bijstand per 1.000 inwoners’ 100% (gekozen 50%)."))
            #expect(page.contains("<title id=\"veerkracht-title\">") && page.contains("106 buurten met beide cijfers. 9 kwetsbaar"))
            #expect(page.contains("<strong>aannames</strong>") && page.contains("hoge concentratie vanaf 1,"))
            #expect(page.contains("Tigrisdreef en omgeving") && page.contains("href=\"/veerkracht/gebied/BU03440342?"))
            let (_, strict, _) = try await W.page(client, "/veerkracht?d-concentratie=2,5&g-bijstand_per_1000=abc", cookie: cookie)
            #expect(strict.contains("Gewicht van bijstand per 1.000 inwoners: ‘abc’ is geen getal van 0 of meer."))
            #expect(!strict.contains("<strong>aannames</strong>") && strict.contains("hoge concentratie vanaf 2,5"))
            let (_, turned, _) = try await W.page(client, "/veerkracht?g-bijstand_per_1000=1&g-laag_inkomen_pct=0&g-sociaal_minimum_pct=0&r-bijstand_per_1000=omgekeerd", cookie: cookie)
            #expect(turned.contains("name=\"r-bijstand_per_1000\" value=\"omgekeerd\" checked") && turned.contains("r-bijstand_per_1000=omgekeerd"))
            // Turned around, Overvecht is no longer a high concentration (anchored: the default view has the band).
            #expect(page.contains("<td>kwetsbaar</td>") && !turned.contains("<td>kwetsbaar</td>"))
            let (_, relative, _) = try await W.page(client, "/veerkracht?vergelijk=gemeente&normalisatie=min-max", cookie: cookie)
            #expect(relative.contains("ten opzichte van de gebieden van dezelfde gemeente (relatief)") && relative.contains("min–max"))
        }
    }

    @Test("an area's profile with its reasons; one click makes a dossier of interventions for the user's organisation; readers cannot", arguments: Backend.all)
    func profileAndInterventions(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store, pages in
            let reader = try await W.signIn(client, "lezer@demo.wikken.nl")
            let (_, readerPage, _) = try await W.page(client, "/veerkracht/gebied/BU03440322", cookie: reader)
            #expect(readerPage.contains("band <strong>kwetsbaar</strong>") && pages.last(AreaPage.self)?.magMaken == false)
            #expect(readerPage.contains("Concentratie kwetsbare huishoudens 2,71 (drempel 1,00): hoog."))
            // What the score rests on: in 2023 only bijstand has figures; the income indicators count for nothing, and say so.
            let profile = try #require(pages.last(AreaPage.self))
            #expect(profile.score == "2,71", "\(profile.score)")
            #expect(profile.samenstelling.filter { $0.aandeel == "100%" }.count == 1, "\(profile.samenstelling)")
            #expect(profile.samenstelling.filter { $0.bijdrage == "geen cijfer: telt niet mee" }.count == profile.samenstelling.count - 1)
            // The CBS figures with their meaning from the codebook; `.` shown as unknown, not 0.
            #expect(readerPage.contains("<th scope=\"row\">Personen per soort uitkering; Bijstand (aantal)</th><td class=\"num\">420</td>"))
            #expect(readerPage.contains("<th scope=\"row\">40% huishoudens met laagste inkomen (%)</th><td class=\"num\">onbekend (CBS: ‘.’)</td>"))
            #expect(try await W.page(client, "/veerkracht/gebied/BU99999999", cookie: reader).0 == .notFound)
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, page, _) = try await W.page(client, "/veerkracht/gebied/BU03440322", cookie: cookie)
            #expect(page.contains("Maak een dossier met interventies") && pages.last(AreaPage.self)?.magMaken == true)
            let csrf = W.csrf(in: page)
            #expect(try await W.post(client, "/veerkracht/gebied/BU03440322/interventies", cookie: reader, [("csrf", W.csrf(in: readerPage)), ("query", "")]).0 == .forbidden)
            let (made, _, location) = try await W.post(client, "/veerkracht/gebied/BU03440322/interventies", cookie: cookie, [("csrf", csrf), ("query", "g-bijstand_per_1000=2")])
            let address = try #require(W.newAddress(location, named: "interventies-bu03440322"))
            #expect(made == .seeOther && location == "/dossiers/\(address)?melding=opgeslagen")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let stored = try await store.dossier(id: address, viewer: strateeg)
            #expect(stored.dossier.options.count == 7 && stored.record.organisationID == strateeg.organisationID)
            #expect(try await W.post(client, "/veerkracht/gebied/BU03440322/interventies", cookie: cookie, [("csrf", csrf), ("query", "")]).2 == "/dossiers/\(address)")
            let (shown, dossierPage, _) = try await W.page(client, "/dossiers/\(address)", cookie: cookie)
            #expect(shown == .ok && dossierPage.contains("Er ontbreken nog 42 van de 42 scores.") && dossierPage.contains("Er is nog niets gescoord, dus er is nog geen rangorde."))
            // No ranking and so no advice without scores: each weight set says only that.
            let unscored = try #require(pages.last(DossierPage.self))
            #expect(!unscored.wegingen.isEmpty && unscored.wegingen.allSatisfy { $0.rangorde.isEmpty && !$0.heeftRangorde })
            let (_, scored, _) = try await W.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            #expect(scored.contains("Rangorde bij de weging") && !dossierPage.contains("Rangorde bij de weging"))
            // The memo's results on the page (charts with their text and data, the methods compared) once there is a ranking.
            let results = try #require(pages.last(DossierPage.self)?.uitkomsten)
            #expect(results.components(separatedBy: "<figure class=\"chart-figure\"").count == 4 && results.contains("Plaats per methode (1 = beste)"))
            #expect(results.contains("<summary>Gegevens bij deze grafiek</summary>") && unscored.uitkomsten == nil)
            #expect(unscored.wegingen.allSatisfy { $0.zinnen.count == 1 && $0.zinnen[0].hasPrefix("Er is nog niets gescoord") })
        }
    }

    @Test("the allocation planner: the example plan, a shortfall with what binds, and a located error in the complexes", arguments: Backend.all)
    func allocation(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, form, _) = try await W.page(client, "/veerkracht/toewijzing", cookie: cookie)
            let fields = WebTests.formFields(form)
            #expect(fields.contains { $0.0 == "complexen" && $0.1.contains("c-neckar-1") })
            let (ok, result, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, fields)
            #expect(ok == .ok && result.contains("Huishoudens per complex") && result.contains("Geplaatst: statushouders"))
            let many = fields.map { $0.0 == "groep-statushouders" ? ($0.0, "200") : $0 }
            let (_, short, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, many)
            #expect(short.contains("huishoudens kunnen niet geplaatst worden binnen de maxima") && short.contains("Neckardreef flats 1-4: vol (25% van 24 vrijkomende woningen (band ‘kwetsbaar’))"))
            let broken = fields.map { $0.0 == "complexen" ? ($0.0, "complex_id,naam,buurt,woningen,vrijkomend\nc1,Een,BU123,10,2\n") : $0 }
            let (bad, badBody, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, broken)
            #expect(bad == .unprocessableContent && badBody.contains("Complexen, regel 2 (kolom buurt): ‘BU123’ is geen buurtcode; verwacht bijvoorbeeld BU03440322."))

            // The maxima per band can be changed (a decimal comma works), are checked, and an
            // editor saves them for the organisation; saving the signal's choices keeps them.
            #expect(form.contains("name=\"m-kwetsbaar\"") && form.contains("value=\"25\"") && form.contains("aannames om te bespreken"))
            let wrong = W.set("m-kwetsbaar", "120", in: W.set("p-kwetsbaar", "veel", in: many))
            let (refused, refusedBody, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, wrong)
            #expect(refused == .unprocessableContent && refusedBody.contains("Maximum bij ‘kwetsbaar’: ‘120’ is geen percentage van 0 tot en met 100.")
                    && refusedBody.contains("Druk bij ‘kwetsbaar’: ‘veel’ is geen heel getal"))
            let wider = W.set("m-kwetsbaar", "50,5", in: many)
            let (_, widerBody, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, wider)
            let neckar = widerBody.components(separatedBy: "Neckardreef flats 1-4").dropFirst().map { $0.prefix(160) }
            #expect(widerBody.contains("Neckardreef flats 1-4: vol (51% van 24 vrijkomende woningen") && widerBody.contains("12 van maximaal 12 (51% van 24"), "\(neckar)")
            let (_, saved, _) = try await W.post(client, "/veerkracht/toewijzing", cookie: cookie, wider + [("bewaren", "ja")])
            #expect(saved.contains("bewaard als standaard van je organisatie"))
            let (_, again, _) = try await W.page(client, "/veerkracht/toewijzing", cookie: cookie)
            #expect(again.contains("value=\"50,5\"") && !again.contains("aannames om te bespreken"))
            let (_, view, _) = try await W.page(client, "/veerkracht", cookie: cookie)
            let (_, _, _) = try await W.post(client, "/veerkracht/keuzes", cookie: cookie, [("csrf", W.csrf(in: view)), ("query", "g-bijstand=3")])
            let (_, kept, _) = try await W.page(client, "/veerkracht/toewijzing", cookie: cookie)
            #expect(kept.contains("value=\"50,5\""))
            // A reader may compute with other maxima but not save them.
            let reader = try await W.signIn(client, "lezer@demo.wikken.nl")
            let (_, readerForm, _) = try await W.page(client, "/veerkracht/toewijzing", cookie: reader)
            #expect(!readerForm.contains("name=\"bewaren\""))
        }
    }

    @Test("the JSON API: the signal with the page's choices, and a plan with its shortfall; bad input named", arguments: Backend.all)
    func api(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store in
        let token = try await store.createAPIToken(for: try #require(try await store.user(email: "lezer@demo.wikken.nl")), name: "analyse")
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let signal = try await client.execute(uri: "/api/veerkracht/signaal?vergelijk=gemeente", method: .get, headers: auth)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: signal.body).utf8)) as? [String: Any])
            #expect(signal.status == .ok && doc["jaar"] as? Int == 2023 && (doc["conventies"] as? String)?.contains("relatief") == true)
            let areas = try #require(doc["gebieden"] as? [[String: Any]])
            #expect(areas.count == 111 && areas.first?["band"] as? String == "kwetsbaar")
            #expect(try await client.execute(uri: "/api/veerkracht/signaal?d-concentratie=veel", method: .get, headers: auth).status == .unprocessableContent)
            let body = try JSONSerialization.data(withJSONObject: ["groepen": ["statushouders": 200], "complexen": "complex_id,naam,buurt,woningen,vrijkomend\nc1,Een,BU03440322,100,20\nc2,Twee,BU03440533,50,10\n"])
            let plan = try await client.execute(uri: "/api/veerkracht/toewijzing", method: .post, headers: auth, body: ByteBuffer(bytes: body))
            let planDoc = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: plan.body).utf8)) as? [String: Any])
            #expect(plan.status == .ok && (planDoc["nietGeplaatst"] as? [String: Int])?["statushouders"] == 200 - 5 - 5)
            #expect((planDoc["knelpunten"] as? [String])?.count == 2)
            let wrong = try JSONSerialization.data(withJSONObject: ["groepen": ["statushouders": 1], "complexen": "complex_id,naam\n"])
            let refused = try await client.execute(uri: "/api/veerkracht/toewijzing", method: .post, headers: auth, body: ByteBuffer(bytes: wrong))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("kolom buurt, woningen, vrijkomend ontbreekt"))
        }
    }

    @Test("an editor saves the view's choices for the organisation: its pages use them by default, others' do not, and a choice on the page still wins", arguments: Backend.all)
    func savedChoices(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store, pages in
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, page, _) = try await W.page(client, "/veerkracht?d-concentratie=2,5", cookie: strateeg)
            let csrf = W.csrf(in: page), keuzes = try #require(pages.last(VeerkrachtPage.self)?.keuzes)
            #expect(keuzes.contains("d-concentratie=2.5"))
            #expect(try await W.post(client, "/veerkracht/keuzes", cookie: strateeg, [("csrf", csrf), ("query", "d-concentratie=veel")]).0 == .unprocessableContent)
            let (saved, _, location) = try await W.post(client, "/veerkracht/keuzes", cookie: strateeg, [("csrf", csrf), ("query", keuzes)])
            #expect(saved == .seeOther && location == "/veerkracht?melding=keuzes")
            let lezer = try await W.signIn(client, "lezer@demo.wikken.nl")
            let (_, own, _) = try await W.page(client, "/veerkracht", cookie: lezer)
            #expect(own.contains("hoge concentratie vanaf 2,5") && own.contains("Dit zijn de keuzes die je organisatie bewaarde") && own.contains("Sanne de Strateeg"))
            #expect(!own.contains("Keuzes bewaren voor mijn organisatie"))  // a reader may not save
            let (_, chosen, _) = try await W.page(client, "/veerkracht?d-concentratie=3", cookie: lezer)
            #expect(chosen.contains("hoge concentratie vanaf 3") && !chosen.contains("Dit zijn de keuzes die je organisatie bewaarde"))
            let partner = try await W.signIn(client, "partner@demo.wikken.nl")
            let (_, other, _) = try await W.page(client, "/veerkracht", cookie: partner)
            #expect(!other.contains("hoge concentratie vanaf 2,5") && other.contains("<strong>aannames</strong>"))
            #expect(try await store.auditLog(limit: 5).contains { $0.action == "veerkracht" && $0.detail.contains("d-concentratie=2.5") })
        }
    }

    @Test("an organisation's own files: a file with errors is refused with its line, a good one is used for its users only, and can be removed", arguments: Backend.all)
    func ownFiles(backend: Backend) async throws {
        try await WebSupport.withApp(backend, veerkracht: true) { client, store, pages in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, page, _) = try await W.page(client, "/veerkracht", cookie: cookie)
            #expect(page.contains("Deze pagina gebruikt de voorbeeldgegevens"))
            let csrf = W.csrf(in: page)
            func upload(_ text: String, year: String = "2023", kind: String = "kwb", filename: String = "mijn gemeente.csv") async throws -> (HTTPResponse.Status, String, String?) {
                // Read and shown with its effect first; saved only when confirmed.
                let shown = try await W.postFile(client, "/veerkracht/gegevens", cookie: cookie, [("csrf", csrf), ("soort", kind), ("jaar", year)], file: filename, Array(text.utf8), type: "text/csv")
                guard shown.0 == .ok, let token = shown.1.firstMatch(of: /name="token" value="([a-z0-9]+)"/)?.1 else { return shown }
                #expect(shown.1.contains("Het is nog <strong>niet</strong> opgeslagen"))
                return try await W.post(client, "/veerkracht/gegevens/bevestigen", cookie: cookie, [("csrf", csrf), ("token", String(token))])
            }
            let broken = "gwb_code,regio,gm_naam,ind_wbi,a_inw,a_soz_wb\nBU01000001,Noord,Dorp,1,2000,veel\n"
            let (refused, refusedBody, _) = try await upload(broken)
            #expect(refused == .unprocessableContent && refusedBody.contains("(kolom a_soz_wb): ‘veel’ is geen getal"))
            // The problem is at the top of the page, not inside the closed choices 9,000 px down; the choices open.
            let problemAt = try #require(refusedBody.range(of: "(kolom a_soz_wb)")), choicesAt = try #require(refusedBody.range(of: "<details"))
            #expect(problemAt.lowerBound < choicesAt.lowerBound && refusedBody.contains("<details open>"))
            #expect(try await store.dataFiles(organisationID: try #require(try await store.user(email: "strateeg@demo.wikken.nl")).organisationID).isEmpty)
            // Issue 12: a Leefbaarometer file was stored unchecked while no kerncijfers were there,
            // and then broke every later upload; a codebook alone made every veerkracht page a 503.
            let badScores = "bu_code,gm_naam,bu_naam,lbm\n!U01000001,Dorp,Noord,4.1\nBU01000002,Dorp,Zuid,veel\n"
            let (badLbm, badLbmBody, _) = try await upload(badScores, year: "2022", kind: "lbm")
            #expect(badLbm == .unprocessableContent && badLbmBody.contains("Niet opgeslagen"))
            let organisation = try #require(try await store.user(email: "strateeg@demo.wikken.nl")).organisationID
            #expect(try await store.dataFiles(organisationID: organisation).isEmpty)
            let codebook = "variable,theme,label_nl,unit\na_inw,,Aantal inwoners,aantal\n"
            #expect(try await upload(codebook, year: "", kind: "codeboek", filename: "codeboek.csv").0 == .seeOther)
            let (waiting, waitingPage, _) = try await W.page(client, "/veerkracht", cookie: cookie)
            let waitingModel = try #require(pages.last(VeerkrachtPage.self))
            #expect(waiting == .ok && !waitingModel.eigen && waitingModel.bestanden.map(\.naam) == ["codeboek-codeboek-csv.csv"])
            #expect(waitingModel.melding?.contains("zodra er een bestand met de CBS-kerncijfers bij is") == true && waitingModel.uploadFouten.isEmpty)
            #expect(waitingPage.contains("Tigrisdreef"))
            let good = "gwb_code,regio,gm_naam,ind_wbi,a_inw,a_soz_wb\nBU01000001,Noord,Dorp,1,2000,200\nBU01000002,Zuid,Dorp,1,1500,15\nBU01000003,West,Dorp,1,900,.\n"
            // Before anything is replaced the page shows the effect, for the whole organisation;
            // until confirmed nothing changes, and only the uploader may confirm.
            let (shown, preview, _) = try await W.postFile(client, "/veerkracht/gegevens", cookie: cookie, [("csrf", csrf), ("soort", "kwb"), ("jaar", "2023")],
                                                           file: "mijn gemeente.csv", Array(good.utf8), type: "text/csv")
            let effect = try #require(pages.last(UploadPreviewPage.self)).effect
            #expect(shown == .ok && effect.contains { $0.hasPrefix("Nu: 111 buurten in 2023") } && effect.contains { $0.hasPrefix("Na opslaan: 3 buurten in 2023") }, "\(effect)")
            #expect(effect.contains { $0.contains("de voorbeeldgegevens vallen weg, ook de voorbeeld-Leefbaarometer") })
            #expect(try await store.dataFiles(organisationID: organisation).map(\.name) == ["codeboek-codeboek-csv.csv"])
            let token = try #require(preview.firstMatch(of: /name="token" value="([a-z0-9]+)"/)?.1)
            let colleague = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let (_, colleaguePage, _) = try await W.page(client, "/veerkracht", cookie: colleague)
            let (stolen, _, _) = try await W.post(client, "/veerkracht/gegevens/bevestigen", cookie: colleague, [("csrf", W.csrf(in: colleaguePage)), ("token", String(token))])
            let stillOne = try await store.dataFiles(organisationID: organisation).count
            #expect(stolen == .unprocessableContent && stillOne == 1)
            let (saved, _, location) = try await W.post(client, "/veerkracht/gegevens/bevestigen", cookie: cookie, [("csrf", csrf), ("token", String(token))])
            #expect(saved == .seeOther && location == "/veerkracht?melding=gegevens")
            let (again, _, _) = try await W.post(client, "/veerkracht/gegevens/bevestigen", cookie: cookie, [("csrf", csrf), ("token", String(token))])
            #expect(again == .unprocessableContent)  // a confirmation is used once
            let (_, own, _) = try await W.page(client, "/veerkracht?melding=gegevens", cookie: cookie)
            #expect(own.contains("Deze pagina gebruikt de eigen gegevens van Woningcorporatie Vechtstroom (demo).") && own.contains("Noord"))
            let ownPage = try #require(pages.last(VeerkrachtPage.self))
            #expect(ownPage.eigen && Set(ownPage.gebieden.map(\.code)).isSubset(of: ["BU01000001", "BU01000002", "BU01000003"]) && !ownPage.gebieden.isEmpty)
            #expect(own.contains("kwb2023-mijn-gemeente-csv.csv"))
            // The same year again under another name would compare 2023 with 2023.
            let (twice, twiceBody, _) = try await upload(good, filename: "nog een keer.csv")
            #expect(twice == .unprocessableContent && twiceBody.contains("er is al een bestand met de kerncijfers van 2023"))
            // The year chosen on the form counts, also when the file's own name holds another one.
            let (named, namedBody, _) = try await upload(good, filename: "kwb2024.csv")
            #expect(named == .unprocessableContent && namedBody.contains("er is al een bestand met de kerncijfers van 2023"))
            // Another organisation still sees the shared data.
            let partner = try await W.signIn(client, "partner@demo.wikken.nl")
            #expect(try await W.page(client, "/veerkracht", cookie: partner).1.contains("Tigrisdreef"))
            let (removed, _, _) = try await W.post(client, "/veerkracht/gegevens/verwijderen", cookie: cookie, [("csrf", csrf), ("naam", "kwb2023-mijn-gemeente-csv.csv"), ("zeker", "ja")])
            #expect(removed == .seeOther)
            #expect(try await W.page(client, "/veerkracht", cookie: cookie).1.contains("Tigrisdreef"))
        }
    }
}
