import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenFormats
import WikkenStore
@testable import WikkenWeb

/// Building a dossier in the browser, step by step, without typing YAML.
@Suite("The dossier built step by step")
struct StepTests {
    typealias W = WebTests

    @Test("question → options → criteria → scales → score grid → weights: each step a revision, the dossier then analysed", arguments: Backend.all)
    func walk(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let (_, start, _) = try await W.page(client, "/dossiers/stap-voor-stap", cookie: cookie)
            #expect(start.contains("aria-current=\"step\""))
            let csrf = W.csrf(in: start)

            // Step 1: the question. Without one, nothing is stored and the title stays.
            let (refused, refusedBody, _) = try await W.post(client, "/dossiers/stap-voor-stap", cookie: cookie, [("csrf", csrf), ("titel", "Parkeren Zuilen"), ("vraag", " ")])
            #expect(refused == .unprocessableContent && refusedBody.contains("Vraag: schrijf de vraag op") && refusedBody.contains("value=\"Parkeren Zuilen\""))
            let (created, _, location) = try await W.post(client, "/dossiers/stap-voor-stap", cookie: cookie,
                                                          [("csrf", csrf), ("titel", "Parkeren Zuilen"), ("vraag", "Wat doen we met de garageboxen?")])
            let address = try #require(W.newAddress(location.map { $0.replacingOccurrences(of: "/stap/opties", with: "") }, named: "parkeren-zuilen"))
            #expect(created == .seeOther && location == "/dossiers/\(address)/stap/opties")
            // Unfinished: its page sends the editor to the open step; a reader is told it is being built.
            let (_, _, redirect) = try await W.page(client, "/dossiers/\(address)", cookie: cookie)
            #expect(redirect[.location] == "/dossiers/\(address)/stap/opties")

            // Step 2: options, one per line; a repeated name is refused with its line.
            let uri = "/dossiers/\(address)/stap/"
            var (_, form, _) = try await W.page(client, uri + "opties", cookie: cookie)
            let (dup, dupBody, _) = try await W.post(client, uri + "opties", cookie: cookie, [("csrf", csrf), ("versie", "1"), ("lijst", "Slopen\nRenoveren\nslopen")])
            #expect(dup == .unprocessableContent && dupBody.contains("Regel 3: ‘slopen’ staat er al eerder in"))
            var (status, _, next) = try await W.post(client, uri + "opties", cookie: cookie,
                                                     W.set("lijst", "Slopen en nieuw bouwen\nRenoveren\n\nNiets doen", in: W.formFields(form)))
            #expect(status == .seeOther && next == uri + "criteria")

            // Step 3: criteria as an outline with dashes.
            (_, form, _) = try await W.page(client, uri + "criteria", cookie: cookie)
            let (skip, skipBody, _) = try await W.post(client, uri + "criteria", cookie: cookie, W.set("lijst", "Kosten\n-- Te diep", in: W.formFields(form)))
            #expect(skip == .unprocessableContent && skipBody.contains("Regel 2: een subcriterium heeft één streepje meer"))
            (status, _, next) = try await W.post(client, uri + "criteria", cookie: cookie,
                                                 W.set("lijst", "Betaalbaarheid\n- Huurprijs\n- Woonlasten\nLeefbaarheid\nKosten", in: W.formFields(form)))
            #expect(status == .seeOther && next == uri + "schalen")
            var stored = try await store.dossier(id: address, viewer: strateeg)
            #expect(stored.revision == 3 && stored.dossier.criteria.map(\.id) == ["betaalbaarheid", "leefbaarheid", "kosten"])
            #expect(stored.dossier.criteria[0].children.map(\.name) == ["Huurprijs", "Woonlasten"] && stored.dossier.openStep == .scales)

            // Step 4: scales; a qualitative one with levels, numbers with a direction.
            (_, form, _) = try await W.page(client, uri + "schalen", cookie: cookie)
            var scales = W.formFields(form)
            for (key, value) in [("r-huurprijs", "lager"), ("u-huurprijs", "euro per maand"), ("r-woonlasten", "lager"), ("k-leefbaarheid", "niveaus"),
                                 ("n-leefbaarheid", "slechter\ngelijk\nbeter"), ("r-kosten", "lager"), ("w-kosten", "x")] {
                scales = W.set(key, value, in: scales)
            }
            let (bad, badBody, _) = try await W.post(client, uri + "schalen", cookie: cookie, scales)
            #expect(bad == .unprocessableContent && badBody.contains("Kosten: Slechtste waarde: ‘x’ is geen getal"))
            #expect(badBody.contains("slechter\ngelijk\nbeter"))  // what was typed is still there
            (status, _, next) = try await W.post(client, uri + "schalen", cookie: cookie, W.set("w-kosten", "", in: scales))
            #expect(status == .seeOther && next == uri + "scores")

            // Step 5: the score grid; a range, a missing score with its reason, a level, a decimal comma.
            (_, form, _) = try await W.page(client, uri + "scores", cookie: cookie)
            let grid = try #require(pages.last(StepPage.self)?.scores)
            #expect(grid.rijen.map(\.naam) == ["Slopen en nieuw bouwen", "Renoveren", "Niets doen"] && grid.kolommen.map(\.id) == ["huurprijs", "woonlasten", "leefbaarheid", "kosten"])
            #expect(form.contains("aria-label=\"Renoveren, Woonlasten\"") && form.contains("<datalist id=\"niveaus-leefbaarheid\">"))
            var cells = W.formFields(form)
            let typed: [(String, String, String)] = [
                ("slopen-en-nieuw-bouwen", "huurprijs", "850"), ("slopen-en-nieuw-bouwen", "woonlasten", "1010 (950 tot 1100)"),
                ("slopen-en-nieuw-bouwen", "leefbaarheid", "beter"), ("slopen-en-nieuw-bouwen", "kosten", "12,5"),
                ("renoveren", "huurprijs", "640"), ("renoveren", "woonlasten", "790"), ("renoveren", "leefbaarheid", "gelijk"), ("renoveren", "kosten", "4"),
                ("niets-doen", "huurprijs", "610"), ("niets-doen", "woonlasten", "? nog geen energielabel"), ("niets-doen", "leefbaarheid", "slechter"), ("niets-doen", "kosten", "0"),
            ]
            for (option, criterion, text) in typed { cells = W.set("c-\(option)--\(criterion)", text, in: cells) }
            let (wrong, wrongBody, _) = try await W.post(client, uri + "scores", cookie: cookie, W.set("c-renoveren--kosten", "veel", in: cells))
            #expect(wrong == .unprocessableContent && wrongBody.contains("Renoveren, Kosten: ‘veel’ is geen getal"))
            #expect(wrongBody.contains("value=\"1010 (950 tot 1100)\""))
            let (outside, outsideBody, _) = try await W.post(client, uri + "scores", cookie: cookie, W.set("c-renoveren--leefbaarheid", "fantastisch", in: cells))
            #expect(outside == .unprocessableContent && outsideBody.contains("fantastisch"), "\(outsideBody.components(separatedBy: "<li>").dropFirst().prefix(2))")
            (status, _, next) = try await W.post(client, uri + "scores", cookie: cookie, cells)
            #expect(status == .seeOther && next == uri + "wegingen")
            stored = try await store.dossier(id: address, viewer: strateeg)
            let slopen = try #require(stored.dossier.option("slopen-en-nieuw-bouwen"))
            #expect(slopen.scores["woonlasten"] == Score(value: .number(1010), low: .number(950), high: .number(1100)))
            #expect(slopen.scores["kosten"]?.value == .number(12.5) && slopen.scores["leefbaarheid"]?.value == .level("beter"))
            #expect(stored.dossier.option("niets-doen")?.scores["woonlasten"]?.missingReason == "nog geen energielabel")

            // Step 6: the weights; then the dossier is complete and its page analyses it.
            (_, form, _) = try await W.page(client, uri + "wegingen", cookie: cookie)
            var weights = W.set("naam", "Corporatie", in: W.formFields(form))
            for (key, value) in [("g-betaalbaarheid", "50"), ("g-leefbaarheid", "30"), ("g-kosten", "20"), ("g-huurprijs", "1"), ("g-woonlasten", "2,5")] {
                weights = W.set(key, value, in: weights)
            }
            (status, _, next) = try await W.post(client, uri + "wegingen", cookie: cookie, weights)
            #expect(status == .seeOther && next == "/dossiers/\(address)?melding=opgeslagen")
            stored = try await store.dossier(id: address, viewer: strateeg)
            #expect(stored.revision == 6 && stored.dossier.openStep == nil && stored.dossier.weightSets.first?.weights["woonlasten"] == 2.5)
            #expect(try await store.revisions(dossierID: address, viewer: strateeg).map(\.summary).contains("Stap voor stap: 5 criteria"))
            let (shown, page, _) = try await W.page(client, "/dossiers/\(address)", cookie: cookie)
            #expect(shown == .ok && page.contains("Er ontbreekt nog 1 van de 12 scores"))
            // No analysis to download while a score is missing and no rule says what to do.
            let (noSheet, noSheetBody, _) = try await W.page(client, "/dossiers/\(address)/analyse.xlsx", cookie: cookie)
            #expect(noSheet == .unprocessableContent && noSheetBody.contains("Er ontbreekt 1 score"))

            // Renaming and dropping keeps what stays: an option typed again keeps its scores.
            (_, form, _) = try await W.page(client, uri + "opties", cookie: cookie)
            (status, _, _) = try await W.post(client, uri + "opties", cookie: cookie, W.set("lijst", "renoveren\nNiets doen", in: W.formFields(form)))
            stored = try await store.dossier(id: address, viewer: strateeg)
            #expect(status == .seeOther && stored.dossier.options.map(\.id) == ["renoveren", "niets-doen"] && stored.dossier.options[0].name == "renoveren")
            #expect(stored.dossier.option("renoveren")?.scores["huurprijs"]?.value == .number(640))
            #expect(try await store.revisions(dossierID: address, viewer: strateeg).first?.summary == "Stap voor stap: 2 opties; weg: Slopen en nieuw bouwen")
        }
    }

    @Test("the grid as .xlsx: downloaded, filled in, read back as one revision; a wrong file or cell is named and nothing saved", arguments: Backend.all)
    func spreadsheet(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let before = try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg)
            let download = try await client.execute(uri: "/dossiers/samenwerkingen-zuid/scores.xlsx", method: .get, headers: [.cookie: cookie])
            #expect(download.status == .ok && download.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            var sheet = try Spreadsheet.readFirstSheet(Data(buffer: download.body))
            #expect(sheet.rows.count == before.dossier.options.count + 1 && sheet.rows[0].count == before.dossier.leafCriteria.count + 1)
            let (_, page, _) = try await W.page(client, "/dossiers/samenwerkingen-zuid/stap/scores", cookie: cookie)
            let csrf = W.csrf(in: page)
            func upload(_ data: Data, named name: String) async throws -> (HTTPResponse.Status, String, String?) {
                try await W.postFile(client, "/dossiers/samenwerkingen-zuid/scores.xlsx", cookie: cookie, [("csrf", csrf), ("versie", String(before.revision))], file: name, Array(data))
            }
            // Not a spreadsheet; a cell that is no number: named, nothing saved.
            let (notXLSX, notBody, _) = try await upload(Data("Optie;Kosten".utf8), named: "scores.csv")
            #expect(notXLSX == .unprocessableContent && notBody.contains("scores.csv: dit is geen .xlsx-bestand"))
            let option = before.dossier.options[0], leaf = before.dossier.leafCriteria.first { if case .numeric? = $0.scale { return true } else { return false } }!
            let column = try #require(before.dossier.leafCriteria.firstIndex { $0.id == leaf.id }) + 1
            sheet.rows[1][column] = .text("heel veel")
            let (wrong, wrongBody, _) = try await upload(Spreadsheet.write([sheet]), named: "scores.xlsx")
            #expect(wrong == .unprocessableContent && wrongBody.contains("\(option.name), \(leaf.name): ‘heel veel’ is geen getal"))
            #expect(try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg).revision == before.revision)
            // Filled in right: one revision with the new score and every other score as it was.
            sheet.rows[1][column] = .text("3 (2 tot 4,5)")
            let (saved, _, location) = try await upload(Spreadsheet.write([sheet]), named: "scores.xlsx")
            #expect(saved == .seeOther && location == "/dossiers/samenwerkingen-zuid/stap/scores?melding=ingelezen")
            let after = try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg)
            #expect(after.revision == before.revision + 1)
            #expect(after.dossier.option(option.id)?.scores[leaf.id] == Score(value: .number(3), low: .number(2), high: .number(4.5), source: option.scores[leaf.id]?.source, note: option.scores[leaf.id]?.note))
            var unchanged = after.dossier
            unchanged.options[0].scores[leaf.id] = option.scores[leaf.id]
            #expect(unchanged.options == before.dossier.options)
            #expect(try await store.revisions(dossierID: "samenwerkingen-zuid", viewer: strateeg).first?.summary == "Scores ingelezen uit scores.xlsx")
        }
    }

    @Test("an unknown step is a 404; another organisation reaches no step", arguments: Backend.all)
    func refusals(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, _ in
            let cookie = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (unknown, _, _) = try await W.page(client, "/dossiers/wijkaanpak-neckardreef/stap/alles", cookie: cookie)
            #expect(unknown == .notFound)
            let partner = try await W.signIn(client, "partner@demo.wikken.nl")
            let (hidden, body, _) = try await W.page(client, "/dossiers/samenwerkingen-zuid/stap/scores", cookie: partner)
            #expect(hidden == .notFound && !body.contains("Samenwerkingen regio Zuid"))
        }
    }
}
