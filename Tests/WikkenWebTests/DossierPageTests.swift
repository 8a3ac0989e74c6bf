import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
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
        }
    }
}
