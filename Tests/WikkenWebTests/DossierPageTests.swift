import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenFormats
import WikkenStore
@testable import WikkenWeb

/// The dossier page does what the command line does: one advice by the main weight set,
/// what could turn the choice around, and SMAA on demand.
@Suite("The dossier page")
struct DossierPageTests {
    typealias W = WebTests

    @Test("an editor makes another weight set the main one: the advice follows it, the others say 'volgens'", arguments: Backend.all)
    func mainWeightSet(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, page, _) = try await W.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            let before = try #require(pages.last(DossierPage.self))
            #expect(before.wegingen.map(\.hoofd) == [true, false, false] && before.wegingen.dropFirst().allSatisfy(\.maakHoofd))
            #expect(before.wegingen[0].zinnen[0].contains("adviseren wij het bestuur") && before.wegingen[1].zinnen[0].hasPrefix("Volgens"))
            #expect(page.contains("Wat de keuze kan omdraaien") && page.contains("data-fragment=\"/dossiers/wijkaanpak-neckardreef/smaa\""))
            let (status, _, location) = try await W.post(client, "/dossiers/wijkaanpak-neckardreef/hoofdweging", cookie: cookie,
                                                         [("csrf", W.csrf(in: page)), ("versie", "1"), ("weging", "huurders")])
            #expect(status == .seeOther && location == "/dossiers/wijkaanpak-neckardreef?melding=opgeslagen")
            _ = try await W.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            let after = try #require(pages.last(DossierPage.self))
            #expect(after.wegingen.map(\.id) == ["huurders", "corporatie", "gemeente"])
            #expect(after.wegingen[0].zinnen[0].contains("Op basis van de weging 'Huurdersraad' adviseren wij"))
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            #expect(try await store.revisions(dossierID: "wijkaanpak-neckardreef", viewer: strateeg).first?.summary == "Hoofdweging: ‘Huurdersraad’")
            let (memoStatus, memo, _) = try await W.page(client, "/dossiers/wijkaanpak-neckardreef/notitie", cookie: cookie)
            #expect(memoStatus == .ok && memo.contains("Huurdersraad&#39; adviseren wij"), "\(memo.components(separatedBy: "adviseren").count)")
            // A reader sees which one is the main weight set, without the button.
            let reader = try await W.signIn(client, "lezer@demo.wikken.nl")
            _ = try await W.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: reader)
            #expect(try #require(pages.last(DossierPage.self)).wegingen.allSatisfy { !$0.maakHoofd })
        }
    }

    @Test("SMAA on demand: a fragment with the chart and its table, the same every time (seeded, kept per revision); not for another organisation", arguments: Backend.all)
    func smaa(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, _ in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (status, fragment, headers) = try await W.page(client, "/dossiers/aandachtsgroepen-de-horst/smaa", cookie: cookie)
            #expect(status == .ok && headers[.contentType] == "text/html; charset=utf-8")
            #expect(fragment.contains("<svg") && fragment.contains("willekeurige wegingen") && fragment.contains("<table"))
            let (_, again, _) = try await W.page(client, "/dossiers/aandachtsgroepen-de-horst/smaa", cookie: cookie)
            #expect(again == fragment)
            let partner = try await W.signIn(client, "partner@demo.wikken.nl")
            let (hidden, _, _) = try await W.page(client, "/dossiers/samenwerkingen-zuid/smaa", cookie: partner)
            #expect(hidden == .notFound)
            // The analysis as a spreadsheet, as on the command line.
            let sheet = try await client.execute(uri: "/dossiers/aandachtsgroepen-de-horst/analyse.xlsx", method: .get, headers: [.cookie: cookie])
            let ranking = try Spreadsheet.readFirstSheet(Data(buffer: sheet.body))
            #expect(sheet.status == .ok && ranking.name == "Rangorde" && ranking.rows.count == 5)
        }
    }

    @Test("a rank order on a form: places per group (ties allowed), a wrong place named, saved as tiers", arguments: Backend.all)
    func rankOrder(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let uri = "/dossiers/aandachtsgroepen-de-horst/wegingen/huurderscommissie/oordelen"
            let (_, dossierPage, _) = try await W.page(client, "/dossiers/aandachtsgroepen-de-horst", cookie: cookie)
            #expect(dossierPage.contains("href=\"\(uri)\""))
            let (_, form, _) = try await W.page(client, uri, cookie: cookie)
            let page = try #require(pages.last(JudgementPage.self))
            #expect(page.rangorde, "\(page.groepen.map { $0.items.map(\.id) })")
            #expect(page.groepen.map { $0.items.map(\.id) } == [["wonen-in-complex", "opgave", "kosten"], ["huishoudens", "wachttijd"], ["overlast", "zittende-huurders", "begeleiding"]])
            #expect(page.groepen.map { $0.items.map(\.plaats) } == [[1, 2, 3], [1, 1], [1, 2, 3]])
            var fields = W.formFields(form)
            for (id, place) in [("kosten", "1"), ("opgave", "2"), ("wonen-in-complex", "3"), ("wachttijd", "2"), ("begeleiding", "2"), ("zittende-huurders", "9")] {
                fields = W.set("p-\(id)", place, in: fields)
            }
            let (refused, body, _) = try await W.post(client, uri, cookie: cookie, fields + [("actie", "opslaan")])
            #expect(refused == .unprocessableContent && body.contains("‘Draagvlak zittende huurders’: de plaats ‘9’ is geen getal van 1 tot en met 3"), "\(body.components(separatedBy: "<li>").dropFirst().prefix(2).map { $0.prefix(200) })")
            let (saved, _, location) = try await W.post(client, uri, cookie: cookie, W.set("p-zittende-huurders", "3", in: fields) + [("actie", "opslaan")])
            #expect(saved == .seeOther && location == "/dossiers/aandachtsgroepen-de-horst?melding=opgeslagen#w-huurderscommissie")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let stored = try await store.dossier(id: "aandachtsgroepen-de-horst", viewer: strateeg)
            #expect(stored.dossier.weightSet("huurderscommissie")?.method == .rankOrder(.rankOrderCentroid, ranking: [
                ["huishoudens", "overlast", "kosten"], ["opgave", "wachttijd", "begeleiding"], ["wonen-in-complex", "zittende-huurders"],
            ]))
        }
    }

    @Test("AHP judgements in words: the consistency shown per group with a tip when they contradict; checking saves nothing", arguments: Backend.all)
    func judgements(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let uri = "/dossiers/aandachtsgroepen-de-horst/wegingen/zorgpartner/oordelen"
            let (_, form, _) = try await W.page(client, uri, cookie: cookie)
            let page = try #require(pages.last(JudgementPage.self))
            #expect(page.ahp && page.groepen.count == 3 && page.groepen.allSatisfy { $0.coaching?.goed == true })
            #expect(form.contains("‘Begeleiding en zorg’ is") || form.contains("is iets belangrijker dan"))
            var fields = W.formFields(form)
            fields = W.set("j-overlast--begeleiding", "9", in: W.set("j-begeleiding--zittende-huurders", "9", in: W.set("j-overlast--zittende-huurders", "1/9", in: fields)))
            let (checked, checkedBody, _) = try await W.post(client, uri, cookie: cookie, fields + [("actie", "controleren")])
            let coaching = try #require(pages.last(JudgementPage.self)?.groepen[2].coaching)
            #expect(checked == .ok && checkedBody.contains("Gecontroleerd, nog niet opgeslagen") && !coaching.goed && coaching.tekst.contains("spreken elkaar tegen"))
            #expect(coaching.tip?.hasPrefix("Het meest helpt:") == true)
            #expect(try await store.dossier(id: "aandachtsgroepen-de-horst", viewer: strateeg).revision == 1)
            let (saved, _, _) = try await W.post(client, uri, cookie: cookie, fields + [("actie", "opslaan")])
            #expect(saved == .seeOther)
            let stored = try await store.dossier(id: "aandachtsgroepen-de-horst", viewer: strateeg)
            guard case .pairwise(let js)? = stored.dossier.weightSet("zorgpartner")?.method else { Issue.record("no longer AHP"); return }
            #expect(js.contains(Judgement("overlast", "begeleiding", 9)) && js.contains(Judgement("zittende-huurders", "overlast", 9)) && js.count == 7)
        }
    }
}
