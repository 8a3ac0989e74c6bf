import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenReports
import WikkenStore
@testable import WikkenWeb

/// The web app in-process (HummingbirdTesting) on an in-memory SQLite store with the demo data.
@Suite("The web app")
struct WebTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples").path

    /// Signs in and returns the session cookie.
    /// The sign-in form's cookie and token, as a browser gets them with the page.
    static func signInForm(_ client: some TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        let page = try await client.execute(uri: "/inloggen", method: .get)
        let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        #expect(cookie.hasPrefix("wikken_inlogformulier="))
        return (cookie, csrf(in: String(buffer: page.body)))
    }

    /// Posts the sign-in form as a browser would (with its token), from `address` (X-Forwarded-For;
    /// the tests' app trusts it).
    static func postSignIn(_ client: some TestClientProtocol, _ email: String, _ password: String, address: String = "192.0.2.1") async throws -> TestResponse {
        let (cookie, token) = try await signInForm(client)
        let encoded = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
        headers[WikkenContext.forwardedFor!] = address
        return try await client.execute(uri: "/inloggen", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(token)&email=\(encoded)&wachtwoord=\(password)"))
    }

    static func signIn(_ client: some TestClientProtocol, _ email: String, password: String = Demo.password) async throws -> String {
        let response = try await postSignIn(client, email, password)
        #expect(response.status == .seeOther)
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        return String(cookie.split(separator: ";")[0])
    }

    static func page(_ client: some TestClientProtocol, _ uri: String, cookie: String) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        return (response.status, String(buffer: response.body), response.headers)
    }

    static func csrf(in html: String) -> String {
        let marker = "name=\"csrf\" value=\""
        guard let r = html.range(of: marker) else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts the fields as a browser posts one form: each name once. A later pair with the same
    /// name replaces the earlier one (tests change a field by appending it; the page helpers
    /// collect the inputs of every form on a page, which repeat `csrf` and `versie`).
    /// The address in a redirect (or `Location`) to a new dossier named `name`: the name, a
    /// hyphen and the store's six random letters and digits, followed by nothing or a query.
    static func newAddress(_ location: String?, named name: String, under prefix: String = "/dossiers/") -> String? {
        guard let location, let path = location.split(separator: "?").first, path.hasPrefix(prefix + name + "-") else { return nil }
        let address = path.dropFirst(prefix.count), random = address.dropFirst(name.count + 1)
        return random.count == 6 && random.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) ? String(address) : nil
    }

    /// Posts a multipart form as a browser would: the fields, then the file (field `bestand`).
    static func postFile(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ fields: [(String, String)],
                         file name: String, _ bytes: [UInt8], type: String = "application/octet-stream") async throws -> (HTTPResponse.Status, String, String?) {
        let boundary = "----wikkenTestGrens42"
        var body = ByteBuffer(string: fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        let response = try await client.execute(uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
        return (response.status, String(buffer: response.body), response.headers[.location])
    }

    /// The form's fields with `key` set to `value`.
    static func set(_ key: String, _ value: String, in list: [(String, String)]) -> [(String, String)] { list.map { $0.0 == key ? ($0.0, value) : $0 } }

    static func post(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String, String?) {
        var unique: [(String, String)] = []
        for (name, value) in fields {
            if let k = unique.firstIndex(where: { $0.0 == name }) { unique[k].1 = value } else { unique.append((name, value)) }
        }
        let body = unique.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
        return (response.status, String(buffer: response.body), response.headers[.location])
    }

    /// The weights form of the corporation's weight set in the example, with one value changed.
    static func weightFields(csrf: String, version: Int, geld: String) -> [(String, String)] {
        [("csrf", csrf), ("versie", String(version)), ("weging", "corporatie"), ("g-leefbaarheid", "40"), ("g-wonen", "25"), ("g-geld", geld),
         ("g-draagvlak", "10"), ("g-overlast", "60"), ("g-samenhang", "40"), ("g-sociale-voorraad", "60"), ("g-woonlasten", "40"),
         ("g-investering", "50"), ("g-uitvoerbaarheid", "50"), ("samenvatting", "Geld weegt zwaarder")]
    }

    @Test("many requests at once: every page is served (the store queues its units of work)", arguments: Backend.all)
    func concurrentPages(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for k in 0..<24 {
                    group.addTask { try await Self.page(client, k % 2 == 0 ? "/dossiers/wijkaanpak-neckardreef" : "/dossiers", cookie: cookie).0 }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count == 24 && statuses.allSatisfy { $0 == .ok })
        }
    }

    @Test("an unexpected error gives a plain Dutch 500 page, not an empty one", arguments: Backend.all)
    func unexpectedError(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            await store.close()
            let (status, body, headers) = try await Self.page(client, "/dossiers", cookie: cookie)
            #expect(status == .internalServerError)
            #expect(body.contains("Er ging aan onze kant iets mis (GET /dossiers)"))
            #expect(headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test("not signed in: every page sends you to the sign-in page", arguments: Backend.all)
    func signedOut(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            for uri in ["/", "/dossiers", "/dossiers/wijkaanpak-neckardreef", "/dossiers/wijkaanpak-neckardreef/geschiedenis",
                        "/dossiers/wijkaanpak-neckardreef/notitie", "/dossiers/wijkaanpak-neckardreef/export.json", "/dossiers/wijkaanpak-neckardreef/opties/spreiden"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/inloggen", "\(uri)")
            }
        }
    }

    @Test("sign-in: guessing is slowed per pair, per address and per account, the real user is never locked out, and the form needs its token", arguments: Backend.all)
    func signInFailures(backend: Backend) async throws {
        // The throttle's clock stands still: the waits are counted, not raced against bcrypt.
        try await WebSupport.withApp(backend, frozenSignInClock: true) { client, _ in
            let user = "strateeg@demo.wikken.nl", attacker = "203.0.113.9", home = "198.51.100.7"
            for _ in 1...3 {
                let response = try await Self.postSignIn(client, user, "fout", address: attacker)
                #expect(response.status == .unauthorized && response.headers[.setCookie]?.contains("wikken_sessie") != true)
            }
            // The fourth try from the same address for the same account waits, unexamined.
            let early = try await Self.postSignIn(client, user, Demo.password, address: attacker)
            #expect(early.status == .tooManyRequests && early.headers[.retryAfter] == "1")
            #expect(String(buffer: early.body).contains("Probeer het over een seconde opnieuw"))
            // The real user, elsewhere, is not slowed by it.
            #expect(try await Self.postSignIn(client, user, Demo.password, address: home).status == .seeOther)
            // One address trying many accounts: free for 20 failures, then slowed.
            for k in 1...20 { #expect(try await Self.postSignIn(client, "iemand\(k)@example.nl", "fout", address: "203.0.113.50").status == .unauthorized) }
            #expect(try await Self.postSignIn(client, "iemand21@example.nl", "fout", address: "203.0.113.50").status == .tooManyRequests)
            // Many addresses trying one account: after 10 failures in all, a new address waits;
            // the address where the user signed in before does not.
            for k in 1...7 { #expect(try await Self.postSignIn(client, user, "fout", address: "203.0.113.\(100 + k)").status == .unauthorized) }
            #expect(try await Self.postSignIn(client, user, "fout", address: "203.0.113.200").status == .tooManyRequests)
            #expect(try await Self.postSignIn(client, user, Demo.password, address: home).status == .seeOther)
            // Without the form's token (a cross-site form), or with another one: refused before anything else.
            let bare = try await client.execute(uri: "/inloggen", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "email=\(user)&wachtwoord=\(Demo.password)"))
            #expect(bare.status == .forbidden && String(buffer: bare.body).contains("Het formulier is verlopen"))
            let (cookie, _) = try await Self.signInForm(client)
            let forged = try await client.execute(uri: "/inloggen", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                  body: ByteBuffer(string: "csrf=vervalst&email=\(user)&wachtwoord=\(Demo.password)"))
            #expect(forged.status == .forbidden && forged.headers[.setCookie]?.contains("wikken_sessie") != true)
        }
    }

    @Test("a strategist changes a weight: a new revision, the explanation changes, a stale form conflicts and overwrites nothing", arguments: Backend.all)
    func changeWeight(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (status, html, headers) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            #expect(status == .ok)
            #expect(headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(html.contains("geld en uitvoerbaarheid (+1,3 punten)"))
            let csrf = Self.csrf(in: html)
            let (saved, _, location) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: cookie, Self.weightFields(csrf: csrf, version: 1, geld: "60"))
            #expect(saved == .seeOther)
            #expect(location == "/dossiers/wijkaanpak-neckardreef?melding=opgeslagen")
            let (_, after, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            #expect(after.contains("Versie 2"))
            #expect(after.contains("geld en uitvoerbaarheid (+2,2 punten)"))

            // The same form again, still based on version 1.
            // Both changed the same weight: the merge page asks, showing the start, the other window's value and this one.
            let (conflict, page, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: cookie, Self.weightFields(csrf: csrf, version: 1, geld: "5"))
            #expect(conflict == .conflict)
            #expect(page.contains("Je hebt het dossier intussen ook in een ander venster gewijzigd") && page.contains("Er is nog niets opgeslagen"))
            #expect(page.contains("<legend>weging ‘Corporatie (strategie en vastgoed)’ · gewicht van ‘Geld en uitvoerbaarheid’</legend>"))
            #expect(page.contains("Was (versie 1): 25") && page.contains("<strong>60</strong>") && page.contains("<strong>5</strong>"))
            // Keeping the other window's value saves nothing new.
            let mergeFields = Self.formFields(page).filter { !$0.0.hasPrefix("keuze-") } + [("keuze-0", "hun")]
            let (kept, _, keptLocation) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/samenvoegen", cookie: cookie, mergeFields)
            #expect(kept == .seeOther && keptLocation == "/dossiers/wijkaanpak-neckardreef?melding=samengevoegd-zelf")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let current = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(current.revision == 2)
            #expect(current.dossier.weightSets[0].weights["geld"] == 60)

            // History and restore.
            let (_, history, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/geschiedenis", cookie: cookie)
            #expect(history.contains("Geld weegt zwaarder") && history.contains("Zet versie 1 terug"))
            let (restored, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/herstel", cookie: cookie, [("csrf", csrf), ("versie", "2"), ("terug", "1")])
            #expect(restored == .seeOther)
            let back = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(back.revision == 3 && back.dossier.weightSets[0].weights["geld"] == 25)

            // What changed, field by field, between any two versions (and a link per version to its own change).
            let (_, differences, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/geschiedenis?van=1&naar=2", cookie: cookie)
            #expect(differences.contains("Wat veranderde van versie 1 naar versie 2"))
            #expect(differences.contains("<tr><th scope=\"row\">weging ‘Corporatie (strategie en vastgoed)’ · gewicht van ‘Geld en uitvoerbaarheid’</th><td>gewijzigd</td><td>25</td><td>60</td></tr>"))
            #expect(differences.contains("geschiedenis?van=2&amp;naar=3#verschil"))
            let (_, same, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/geschiedenis?van=1&naar=3", cookie: cookie)
            #expect(same.contains("Geen verschil"))
            #expect(try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/geschiedenis?van=1&naar=9", cookie: cookie).0 == .unprocessableContent)

            // A decimal comma is a decimal comma (the fields are text, not a locale's number field);
            // a negative weight or a word is refused with the criterion named.
            let (comma, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: cookie, Self.weightFields(csrf: csrf, version: 3, geld: "7,5"))
            #expect(comma == .seeOther)
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).dossier.weightSets[0].weights["geld"] == 7.5)
            let (_, shown, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            #expect(shown.contains("name=\"g-geld\" class=\"gewicht\" type=\"text\" inputmode=\"decimal\"") && shown.contains("value=\"7,5\""))
            for bad in ["-1", "veel"] {
                let (refused, body, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: cookie, Self.weightFields(csrf: csrf, version: 4, geld: bad))
                #expect(refused == .unprocessableContent && body.contains("Geld en uitvoerbaarheid: ‘\(bad)’ is geen gewicht van 0 of meer"))
            }
        }
    }

    @Test("forms need the session's token, and readers cannot change anything", arguments: Backend.all)
    func csrfAndRoles(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, _, pages in
            let strateeg = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (forged, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: strateeg, Self.weightFields(csrf: "vervalst", version: 1, geld: "1"))
            #expect(forged == .forbidden)
            let lezer = try await Self.signIn(client, "lezer@demo.wikken.nl")
            // The page model says what a reader gets: the rankings, no weight forms, no editing.
            let (_, html, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: lezer)
            let readerPage = try #require(pages.last(DossierPage.self))
            #expect(!readerPage.bewerkbaarDossier && readerPage.wegingen.allSatisfy { !$0.bewerkbaar } && !readerPage.wegingen.isEmpty)
            #expect(!readerPage.deelbaar && readerPage.organisaties.isEmpty)
            let (_, editable, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: strateeg)
            let editorPage = try #require(pages.last(DossierPage.self))
            #expect(editorPage.bewerkbaarDossier && editorPage.wegingen.allSatisfy { $0.bewerkbaar })
            #expect(editable.contains("Gewichten van") && editable.contains("Opslaan als nieuwe versie"))
            let (denied, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/gewichten", cookie: lezer, Self.weightFields(csrf: Self.csrf(in: html), version: 1, geld: "1"))
            #expect(denied == .forbidden)
        }
    }

    @Test("another organisation reaches only what is shared with it, through every route", arguments: Backend.all)
    func isolation(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let partner = try await Self.signIn(client, "partner@demo.wikken.nl")
            let (_, list, _) = try await Self.page(client, "/dossiers", cookie: partner)
            #expect(list.contains("Wijkaanpak Neckardreef"))
            let listed = try #require(pages.last(DossierListPage.self))
            #expect(Set(listed.dossiers.map(\.id)) == ["wijkaanpak-neckardreef", "prestatieafspraken-2027"] && listed.dossiers.allSatisfy(\.gedeeld))
            let (_, shared, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: partner)
            let csrf = Self.csrf(in: shared)
            for uri in ["/dossiers/samenwerkingen-zuid", "/dossiers/samenwerkingen-zuid/geschiedenis", "/dossiers/samenwerkingen-zuid/notitie",
                        "/dossiers/samenwerkingen-zuid/voorbeeld?weging=directie", "/dossiers/samenwerkingen-zuid/bewerken",
                        "/dossiers/samenwerkingen-zuid/export.yaml", "/dossiers/samenwerkingen-zuid/export.json",
                        "/dossiers/samenwerkingen-zuid/opties/nieuw", "/dossiers/samenwerkingen-zuid/opties/regiotafel",
                        "/dossiers/samenwerkingen-zuid/criteria/nieuw", "/dossiers/samenwerkingen-zuid/criteria/kosten",
                        "/dossiers/samenwerkingen-zuid/wegingen/nieuw", "/dossiers/samenwerkingen-zuid/wegingen/directie"] {
                let (status, body, _) = try await Self.page(client, uri, cookie: partner)
                #expect(status == .notFound, "\(uri)")
                #expect(!body.contains("Samenwerkingen regio Zuid"), "\(uri)")
            }
            let (weights, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/gewichten", cookie: partner, [("csrf", csrf), ("versie", "1"), ("weging", "directie")])
            #expect(weights == .notFound)
            let (restore, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/herstel", cookie: partner, [("csrf", csrf), ("versie", "1"), ("terug", "1")])
            #expect(restore == .notFound)
            let (option, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/opties/regiotafel", cookie: partner, [("csrf", csrf), ("versie", "1"), ("naam", "x")])
            #expect(option == .notFound)
            let (removal, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/opties/regiotafel/verwijderen", cookie: partner,
                                                      [("csrf", csrf), ("versie", "1"), ("zeker", "ja")])
            #expect(removal == .notFound)
            for uri in ["criteria/nieuw", "criteria/kosten", "criteria/kosten/verwijderen", "wegingen/nieuw", "wegingen/directie", "wegingen/directie/verwijderen"] {
                let (status, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/\(uri)", cookie: partner, [("csrf", csrf), ("versie", "1"), ("naam", "x"), ("zeker", "ja")])
                #expect(status == .notFound, "\(uri)")
            }
        }
    }

    /// The fields of a form as a browser would send them: text inputs with their value, selects
    /// with their selected option, hidden fields.
    static func formFields(_ html: String) -> [(String, String)] {
        func unescape(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        var fields: [(String, String)] = []
        let input = try! Regex(#"<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>"#)
        for m in html.matches(of: input) {
            let tag = String(m.output[0].substring!)
            // Radio buttons and ticks are sent only when checked.
            if tag.contains("type=\"radio\"") || tag.contains("type=\"checkbox\""), !tag.contains(" checked") { continue }
            fields.append((String(m.output[1].substring!), unescape(String(m.output[2].substring!))))
        }
        let select = try! Regex(#"<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>"#)
        let selected = try! Regex(#"<option(?: value="([^"]*)")? selected>([^<]*)</option>"#)
        for m in html.matches(of: select) {
            let chosen = String(m.output[2].substring!).firstMatch(of: selected).map { unescape(String(($0.output[1].substring ?? $0.output[2].substring)!)) } ?? ""
            fields.append((String(m.output[1].substring!), chosen))
        }
        let textarea = try! Regex(#"<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>"#)
        for m in html.matches(of: textarea) { fields.append((String(m.output[1].substring!), unescape(String(m.output[2].substring!)))) }
        return fields
    }

    @Test("a dossier file is imported by upload (multipart); a broken file keeps its text and names the line", arguments: Backend.all)
    func upload(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
        let example = try String(contentsOfFile: Self.examples + "/samenwerkingen-zuid.yaml", encoding: .utf8)
            .replacingOccurrences(of: "id: samenwerkingen-zuid", with: "id: samenwerkingen-ingelezen")
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (_, form, _) = try await Self.page(client, "/dossiers/nieuw", cookie: cookie)
            #expect(form.contains("enctype=\"multipart/form-data\"") && form.contains("type=\"file\""))
            let csrf = Self.csrf(in: form)
            func send(_ file: String, named name: String) async throws -> (HTTPResponse.Status, String, String?) {
                try await Self.postFile(client, "/dossiers/nieuw", cookie: cookie, [("csrf", csrf)], file: name, Array(file.utf8), type: "application/yaml")
            }
            let (created, _, location) = try await send(example, named: "samenwerkingen.yaml")
            let address = try #require(Self.newAddress(location, named: "samenwerkingen-ingelezen"))
            #expect(created == .seeOther && location == "/dossiers/\(address)?melding=aangemaakt")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let stored = try await store.dossier(id: address, viewer: strateeg)
            let original = try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg)
            #expect(stored.dossier.options == original.dossier.options && stored.dossier.narratives == original.dossier.narratives)
            #expect(try await store.revisions(dossierID: address, viewer: strateeg).first?.summary == "Ingelezen uit samenwerkingen.yaml")

            let broken = example.replacingOccurrences(of: "id: samenwerkingen-ingelezen", with: "id: kapot")
                .replacingOccurrences(of: "soort: numeriek", with: "soort: numerik")
            let (refused, body, _) = try await send(broken, named: "kapot.yaml")
            #expect(refused == .unprocessableContent && body.contains("Regel ") && body.contains("numerik"))
            #expect(body.contains("id: kapot"))  // the file's text is in the text box, nothing lost
        }
    }

    @Test("an option and its scores through a form: unchanged round trip, a change, field errors that keep the input, a new option", arguments: Backend.all)
    func optionForm(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let original = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).dossier
            let uri = "/dossiers/wijkaanpak-neckardreef/opties/sloop-nieuwbouw"
            let (status, form, _) = try await Self.page(client, uri, cookie: cookie)
            #expect(status == .ok)
            #expect(form.contains("<legend>Minder overlast</legend>") && form.contains("Een getal in % daling; hoger is beter."))

            // Sending the form back unchanged changes nothing in the option (nothing lost: ranges, sources, notes).
            var fields = Self.formFields(form)
            #expect(fields.contains { $0 == ("s-samenhang", "-") } && fields.contains { $0 == ("l-overlast", "15") })
            fields.append(("samenvatting", ""))
            let (same, _, _) = try await Self.post(client, uri, cookie: cookie, fields)
            #expect(same == .seeOther)
            var stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(stored.revision == 2 && stored.dossier.options == original.options)

            // A real change, with a decimal comma and the range removed.
            var changed = Self.set("versie", "2", in: fields)
            changed = Self.set("s-overlast", "12,5", in: Self.set("l-overlast", "", in: Self.set("h-overlast", "", in: changed)))
            let (saved, _, _) = try await Self.post(client, uri, cookie: cookie, changed)
            #expect(saved == .seeOther)
            stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            let score = try #require(stored.dossier.option("sloop-nieuwbouw")?.scores["overlast"])
            #expect(stored.revision == 3 && score.value == .number(12.5) && score.low == nil && score.high == nil)
            #expect(score.source == "Evaluatie herstructurering Kanaleneiland (eigen analyse 2024)")

            // Errors are named per criterion, and what was typed stays in the form; nothing is saved.
            var wrong = Self.set("versie", "3", in: changed)
            wrong = Self.set("s-overlast", "veel", in: Self.set("l-woonlasten", "10", in: Self.set("h-woonlasten", "", in: Self.set("naam", "Sloop <light>", in: wrong))))
            let (refused, body, _) = try await Self.post(client, uri, cookie: cookie, wrong)
            #expect(refused == .unprocessableContent)
            #expect(body.contains("Minder overlast: score ‘veel’ is geen getal"))
            #expect(body.contains("vul bij een bandbreedte zowel de laagste als de hoogste waarde in"))
            #expect(body.contains("value=\"Sloop &lt;light&gt;\"") && body.contains("value=\"veel\""))
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).revision == 3)

            // A stale form with a change already saved (another window): merged, and nothing new to save.
            let (stale, _, staleLocation) = try await Self.post(client, uri, cookie: cookie, Self.set("versie", "1", in: changed))
            #expect(stale == .seeOther && staleLocation == "/dossiers/wijkaanpak-neckardreef?melding=samengevoegd-zelf")
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).revision == 3)

            // A new option; it shows up in the ranking.
            let (_, empty, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/opties/nieuw", cookie: cookie)
            var fresh = Self.set("naam", "Niets doen", in: Self.formFields(empty))
            let (incomplete, incompleteBody, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/opties/nieuw", cookie: cookie, fresh)
            #expect(incomplete == .unprocessableContent && incompleteBody.contains("Sociale samenhang: vul een score in, of schrijf bij ‘Ontbreekt, want’ waarom hij ontbreekt."))
            for (key, value) in [("s-overlast", "0"), ("s-samenhang", "0"), ("s-sociale-voorraad", "0"), ("s-woonlasten", "0"), ("r-investering", "nog niet geraamd"),
                                 ("s-uitvoerbaarheid", "goed"), ("s-draagvlak", "20")] {
                fresh = Self.set(key, value, in: fresh)
            }
            let (added, addedBody, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/opties/nieuw", cookie: cookie, fresh)
            #expect(added == .seeOther, "\(addedBody.components(separatedBy: "<li>").dropFirst().prefix(3))")
            stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            let option = try #require(stored.dossier.option("niets-doen"), "\(stored.dossier.options.map(\.id))")
            #expect(option.scores["overlast"]?.value == .number(0) && option.scores["investering"]?.missingReason == "nog niet geraamd")
            // A missing score and no rule in the dossier: no ranking and no advice, as on the
            // command line, until an editor chooses a rule on the page.
            let (_, refusing, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            let refusal = try #require(pages.last(DossierPage.self))
            #expect(refusal.ontbrekend?.tekst.hasPrefix("Er ontbreekt nog 1 van de ") == true && refusal.ontbrekend?.kiesbaar == true)
            #expect(refusal.wegingen.allSatisfy { $0.rangorde.isEmpty && $0.zinnen.count == 1 && $0.zinnen[0].hasPrefix("Nog geen rangorde en geen advies") })
            #expect(refusing.contains("Regel opslaan") && !refusing.contains("<th scope=\"row\">Niets doen</th>"))
            let (memoRefused, memoPage, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/notitie", cookie: cookie)
            #expect(memoRefused == .unprocessableContent && memoPage.contains("Er ontbreekt 1 score"))
            let csrf = Self.csrf(in: form)
            #expect(try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/ontbrekend", cookie: cookie, [("csrf", csrf), ("versie", "4"), ("regel", "nul")]).0 == .badRequest)
            let (ruled, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/ontbrekend", cookie: cookie, [("csrf", csrf), ("versie", "4"), ("regel", "slechtst")])
            #expect(ruled == .seeOther)
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).dossier.missingRule == .worst)
            let (_, page, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: cookie)
            #expect(page.contains("<th scope=\"row\">Niets doen</th>") && page.contains("Regel van dit dossier: ze tellen als de slechtste waarde."))
            // The memo says the rule where it gives its advice.
            let (_, memo, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/notitie", cookie: cookie)
            let advice = try #require(memo.range(of: "2. Advies").map { String(memo[$0.upperBound...].prefix(3000)) })
            #expect(advice.contains("Let op: 1 van de ") && advice.contains("Ontbrekende scores tellen als de slechtste waarde."))
            // A way back, and SMAA on demand (computed once per revision, kept).
            #expect(memo.contains("<a href=\"/dossiers/wijkaanpak-neckardreef\">← Terug naar het dossier</a>") && !memo.contains("Kans op elke plaats (SMAA-2)"))
            let (smaaStatus, withSmaa, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/notitie?smaa=ja", cookie: cookie)
            #expect(smaaStatus == .ok && withSmaa.contains("Kans op elke plaats (SMAA-2)") && withSmaa.contains("Notitie zonder SMAA"))
            #expect(try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/notitie?smaa=ja", cookie: cookie).1 == withSmaa)

            // Removing needs the tick; it takes the stories about the option along, as a new revision.
            let removeURI = "/dossiers/wijkaanpak-neckardreef/opties/sloop-nieuwbouw/verwijderen"
            let (unticked, _, _) = try await Self.post(client, removeURI, cookie: cookie, [("csrf", csrf), ("versie", "5")])
            #expect(unticked == .unprocessableContent)
            let (removed, _, where_) = try await Self.post(client, removeURI, cookie: cookie, [("csrf", csrf), ("versie", "5"), ("zeker", "ja")])
            #expect(removed == .seeOther && where_ == "/dossiers/wijkaanpak-neckardreef?melding=verwijderd")
            stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(stored.revision == 6 && stored.dossier.option("sloop-nieuwbouw") == nil)
            #expect(!stored.dossier.narratives.contains { $0.option == "sloop-nieuwbouw" } && stored.dossier.narratives.count == original.narratives.count - 2)
            let history = try await store.revisions(dossierID: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(history.contains { $0.summary == "Optie ‘Gedeeltelijke sloop en gemengde nieuwbouw’ verwijderd, met de 2 verhalen erover" })

            // "nieuw" stays the address of the new-option form: an option called "Nieuw" gets another id.
            let (named, _, _) = try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/opties/nieuw", cookie: cookie,
                                                    Self.set("versie", "6", in: Self.set("naam", "Nieuw", in: fresh)))
            #expect(named == .seeOther)
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).dossier.option("nieuw-2")?.name == "Nieuw")

            // A reader may not edit.
            let reader = try await Self.signIn(client, "lezer@demo.wikken.nl")
            let (forbidden, _, _) = try await Self.page(client, uri, cookie: reader)
            #expect(forbidden == .forbidden)
        }
    }

    @Test("two people save the same option from the same version: different fields merge by themselves; the same field is asked, naming the other", arguments: Backend.all)
    func mergeTwoPeople(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let uri = "/dossiers/wijkaanpak-neckardreef/opties/sloop-nieuwbouw"
            let sanne = try await Self.signIn(client, "strateeg@demo.wikken.nl"), pim = try await Self.signIn(client, "partner@demo.wikken.nl")
            let sanneForm = Self.formFields(try await Self.page(client, uri, cookie: sanne).1) + [("samenvatting", "")]
            let pimForm = Self.formFields(try await Self.page(client, uri, cookie: pim).1) + [("samenvatting", "")]
            #expect(try await Self.post(client, uri, cookie: pim, Self.set("naam", "Sloop, in fasen", in: pimForm)).0 == .seeOther)
            let (merged, _, location) = try await Self.post(client, uri, cookie: sanne, Self.set("s-draagvlak", "37", in: sanneForm))
            #expect(merged == .seeOther && location == "/dossiers/wijkaanpak-neckardreef?melding=samengevoegd")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            var stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(stored.revision == 3 && stored.dossier.option("sloop-nieuwbouw")?.name == "Sloop, in fasen")
            #expect(stored.dossier.option("sloop-nieuwbouw")?.scores["draagvlak"]?.value == .number(37))

            // Now both change the same score from version 3.
            let sanneAgain = Self.formFields(try await Self.page(client, uri, cookie: sanne).1) + [("samenvatting", "")]
            #expect(try await Self.post(client, uri, cookie: pim, Self.set("s-draagvlak", "30", in: sanneAgain.map { $0.0 == "csrf" ? ($0.0, pimForm.first { $0.0 == "csrf" }?.1 ?? "") : $0 })).0 == .seeOther)
            let (asked, page, _) = try await Self.post(client, uri, cookie: sanne, Self.set("s-draagvlak", "40", in: sanneAgain))
            #expect(asked == .conflict && page.contains("Intussen heeft Pim Partner het dossier gewijzigd (nu versie 4; jij begon bij versie 3)"))
            #expect(page.contains("score op ‘Draagvlak bij bewoners’") && page.contains("Van Pim Partner (versie 4): <strong>{waarde: 30, bron: ") && page.contains("<strong>{waarde: 40, bron: "))
            let answer = Self.formFields(page).filter { !$0.0.hasPrefix("keuze-") } + [("keuze-0", "jouw")]
            #expect(try await Self.post(client, "/dossiers/wijkaanpak-neckardreef/samenvoegen", cookie: sanne, answer).0 == .seeOther)
            stored = try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg)
            #expect(stored.revision == 5 && stored.dossier.option("sloop-nieuwbouw")?.scores["draagvlak"]?.value == .number(40))
            #expect(try await store.revisions(dossierID: "wijkaanpak-neckardreef", viewer: strateeg).first?.summary.contains("samengevoegd met versie 4") == true)
        }
    }

    @Test("the criteria tree and the weight sets through forms: each weight set gets what it needs, removal keeps stories, the last child stays", arguments: Backend.all)
    func criteriaForms(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let base = "/dossiers/aandachtsgroepen-de-horst"
            func set(_ key: String, _ value: String, in list: [(String, String)]) -> [(String, String)] {
                list.contains { $0.0 == key } ? list.map { $0.0 == key ? ($0.0, value) : $0 } : list + [(key, value)]
            }
            func current() async throws -> StoredDossier { try await store.dossier(id: "aandachtsgroepen-de-horst", viewer: strateeg) }
            let (_, page, _) = try await Self.page(client, base, cookie: cookie)
            #expect(page.contains("href=\"\(base)/criteria/nieuw?onder=wonen-in-complex\""))

            // A new leaf in the group "Goed samenwonen": each of the three weight sets asks what it needs.
            let newURI = "\(base)/criteria/nieuw?onder=wonen-in-complex"
            let (status, form, _) = try await Self.page(client, newURI, cookie: cookie)
            #expect(status == .ok)
            #expect(form.contains("De andere criteria in deze groep wegen in ‘Corporatie’: Kans op overlast 40, Zorg en begeleiding 30, Draagvlak zittende huurders 30."))
            #expect(form.contains("In ‘Huurderscommissie’ (een rangorde) komt het nieuwe criterium onderaan zijn groep"))
            #expect(form.contains("1/3 — ‘Kans op overlast’ is iets belangrijker"))
            var fields = Self.set("niveaus", "onveilig\nmatig\nveilig", in: Self.set("soort", "niveaus", in: Self.set("naam", "Veiligheid in de buurt", in: Self.formFields(form))))
            let (missing, missingBody, _) = try await Self.post(client, "\(base)/criteria/nieuw", cookie: cookie, fields)
            #expect(missing == .unprocessableContent && missingBody.contains("Gewicht in ‘Corporatie’: vul een gewicht in (0 of meer)."))
            #expect(missingBody.contains("onveilig\nmatig\nveilig</textarea>") && missingBody.contains("value=\"Veiligheid in de buurt\""))
            #expect(try await current().revision == 1)
            fields = Self.set("w-zorgpartner", "1/3", in: Self.set("w-corporatie", "20", in: fields))
            let (added, _, _) = try await Self.post(client, "\(base)/criteria/nieuw", cookie: cookie, fields)
            #expect(added == .seeOther)
            var stored = try await current()
            let id = "veiligheid-in-de-buurt"
            #expect(stored.revision == 2 && stored.dossier.criterion("wonen-in-complex")?.children.last?.id == id)
            #expect(stored.dossier.criterion(id)?.scale == .qualitative(QualitativeScale(levels: ["onveilig", "matig", "veilig"])))
            #expect(stored.dossier.weightSet("corporatie")?.weights[id] == 20)
            if case .pairwise(let j)? = stored.dossier.weightSet("zorgpartner")?.method { #expect(j.last == Judgement("overlast", id, 3)) } else { Issue.record("AHP lost") }
            if case .rankOrder(_, let r)? = stored.dossier.weightSet("huurderscommissie")?.method { #expect(r.last == [id]) } else { Issue.record("rank order lost") }
            #expect(try await store.revisions(dossierID: stored.dossier.id, viewer: strateeg).first?.summary == "Criterium ‘Veiligheid in de buurt’ toegevoegd onder ‘Goed samenwonen in het complex’")
            let (_, analysis, _) = try await Self.page(client, base, cookie: cookie)
            #expect(analysis.contains("Weging: Corporatie"))

            // Editing a criterion: the form sent back unchanged keeps the scale; a new name is saved.
            let (_, edit, _) = try await Self.page(client, "\(base)/criteria/wachttijd", cookie: cookie)
            let original = try #require(stored.dossier.criterion("wachttijd"))
            let (renamed, _, _) = try await Self.post(client, "\(base)/criteria/wachttijd", cookie: cookie, Self.set("versie", "2", in: Self.set("naam", "Wachttijd urgent woningzoekenden", in: Self.formFields(edit))))
            #expect(renamed == .seeOther)
            stored = try await current()
            #expect(stored.dossier.criterion("wachttijd")?.scale == original.scale && stored.dossier.criterion("wachttijd")?.name == "Wachttijd urgent woningzoekenden")
            let (badScale, badBody, _) = try await Self.post(client, "\(base)/criteria/wachttijd", cookie: cookie, Self.set("versie", "3", in: Self.set("slechtst", "veel", in: Self.formFields(edit))))
            #expect(badScale == .unprocessableContent && badBody.contains("Slechtste waarde: ‘veel’ is geen getal"))

            // Removing: scores, weights, ranks and judgements go; the story about it stays, unlinked.
            let csrf = Self.csrf(in: edit)
            let (removed, _, _) = try await Self.post(client, "\(base)/criteria/zittende-huurders/verwijderen", cookie: cookie, [("csrf", csrf), ("versie", "3"), ("zeker", "ja")])
            #expect(removed == .seeOther)
            stored = try await current()
            #expect(stored.dossier.criterion("zittende-huurders") == nil && stored.dossier.options.allSatisfy { $0.scores["zittende-huurders"] == nil })
            #expect(stored.dossier.narratives.first { $0.id == "cluster-stigma" }?.criterion == nil)
            #expect(try await store.revisions(dossierID: stored.dossier.id, viewer: strateeg).first?.summary
                    == "Criterium ‘Draagvlak zittende huurders’ verwijderd; 4 scores vervallen; 1 verhaal blijft, zonder koppeling aan dit criterium")
            // The last child of a group stays.
            _ = try await Self.post(client, "\(base)/criteria/huishoudens/verwijderen", cookie: cookie, [("csrf", csrf), ("versie", "4"), ("zeker", "ja")])
            let (lastChild, lastBody, _) = try await Self.post(client, "\(base)/criteria/wachttijd/verwijderen", cookie: cookie, [("csrf", csrf), ("versie", "5"), ("zeker", "ja")])
            #expect(lastChild == .unprocessableContent && lastBody.contains("Dit is het enige subcriterium van ‘Bijdrage aan de opgave’"))
            #expect(try await current().revision == 5)

            // A weight set for another party, as a copy; renamed; removed.
            let (_, newSet, _) = try await Self.page(client, "\(base)/wegingen/nieuw", cookie: cookie)
            let (copied, _, _) = try await Self.post(client, "\(base)/wegingen/nieuw", cookie: cookie,
                                                     Self.set("versie", "5", in: Self.set("start", "kopie-corporatie", in: Self.set("naam", "Gemeente", in: Self.formFields(newSet)))))
            #expect(copied == .seeOther)
            stored = try await current()
            #expect(stored.dossier.weightSet("gemeente")?.weights == stored.dossier.weightSet("corporatie")?.weights)
            let (_, setPage, _) = try await Self.page(client, "\(base)/wegingen/gemeente", cookie: cookie)
            let (_, _, _) = try await Self.post(client, "\(base)/wegingen/gemeente", cookie: cookie, Self.set("versie", "6", in: Self.set("eigenaar", "manager-wonen", in: Self.set("naam", "Gemeente Zuiderhaven", in: Self.formFields(setPage)))))
            stored = try await current()
            #expect(stored.dossier.weightSet("gemeente")?.name == "Gemeente Zuiderhaven" && stored.dossier.weightSet("gemeente")?.owner == "manager-wonen")
            let (gone, _, _) = try await Self.post(client, "\(base)/wegingen/gemeente/verwijderen", cookie: cookie, [("csrf", csrf), ("versie", "7"), ("zeker", "ja")])
            let afterRemoval = try await current()
            #expect(gone == .seeOther && afterRemoval.dossier.weightSet("gemeente") == nil)
            // A form from long ago (version 2) merges with everything saved since: its rename is
            // kept, and so is the removal of the gemeente's weight set in between.
            let (stale, _, _) = try await Self.post(client, "\(base)/wegingen/corporatie", cookie: cookie, Self.set("versie", "2", in: Self.set("naam", "Corporatie (nieuw)", in: Self.formFields(setPage))))
            let merged = try await current()
            #expect(stale == .seeOther && merged.dossier.weightSet("corporatie")?.name == "Corporatie (nieuw)" && merged.dossier.weightSet("gemeente") == nil)

            let reader = try await Self.signIn(client, "lezer@demo.wikken.nl")
            #expect(try await Self.page(client, newURI, cookie: reader).0 == .forbidden)
            #expect(try await Self.page(client, "\(base)/wegingen/corporatie", cookie: reader).0 == .forbidden)
        }
    }

    @Test("a new dossier from text, editing the whole dossier with located errors, and sharing it", arguments: Backend.all)
    func createEditShare(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (_, form, _) = try await Self.page(client, "/dossiers/nieuw", cookie: cookie)
            let csrf = Self.csrf(in: form)
            #expect(form.contains("mijn-dossier"))
            let skeleton = try #require(form.range(of: "spellcheck=\"false\">").map { String(form[$0.upperBound...].prefix { $0 != "<" }) })
                .replacingOccurrences(of: "&quot;", with: "\"")
            let (created, _, location) = try await Self.post(client, "/dossiers/nieuw", cookie: cookie, [("csrf", csrf), ("tekst", skeleton)])
            #expect(created == .seeOther)
            // The address is the id and a random part, made by the store: it says nothing about other organisations.
            let address = try #require(Self.newAddress(location, named: "mijn-dossier"))
            #expect(location == "/dossiers/\(address)?melding=aangemaakt")
            #expect(try await Self.page(client, "/dossiers/mijn-dossier", cookie: cookie).0 == .notFound)
            // The same id again in the same organisation: refused, the text kept.
            let (again, againPage, _) = try await Self.post(client, "/dossiers/nieuw", cookie: cookie, [("csrf", csrf), ("tekst", skeleton)])
            #expect(again == .conflict && againPage.contains("Je organisatie heeft al een dossier met id &#39;mijn-dossier&#39;"))

            // A mistake is named with its line and column, and the text is kept.
            let broken = skeleton.replacingOccurrences(of: "naam: Optie B", with: "nam: Optie B")
            let (refused, page, _) = try await Self.post(client, "/dossiers/\(address)/bewerken", cookie: cookie,
                                                         [("csrf", csrf), ("versie", "1"), ("tekst", broken), ("samenvatting", "x")])
            #expect(refused == .unprocessableContent)
            #expect(page.contains("Regel 17, kolom 5 — opties[1].nam: onbekend veld &#39;nam&#39;; bedoelt u &#39;naam&#39;?"))
            #expect(page.contains("nam: Optie B"))
            let edited = skeleton.replacingOccurrences(of: "naam: Optie B", with: "naam: Optie B, betaalbaar")
            let (saved, _, _) = try await Self.post(client, "/dossiers/\(address)/bewerken", cookie: cookie,
                                                    [("csrf", csrf), ("versie", "1"), ("tekst", edited), ("samenvatting", "Naam van B")])
            #expect(saved == .seeOther)
            // The id is the dossier's name in its organisation: it cannot be changed by editing.
            let renamed = edited.replacingOccurrences(of: "id: mijn-dossier", with: "id: ander-dossier")
            let (refusedRename, renamePage, _) = try await Self.post(client, "/dossiers/\(address)/bewerken", cookie: cookie,
                                                                     [("csrf", csrf), ("versie", "2"), ("tekst", renamed), ("samenvatting", "x")])
            #expect(refusedRename == .unprocessableContent && renamePage.contains("De id van het dossier is &#39;mijn-dossier&#39;"))
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            #expect(try await store.dossier(id: address, viewer: strateeg).dossier.options[1].name == "Optie B, betaalbaar")

            // Share it with the gemeente.
            let gemeente = try #require(try await store.organisations().first { $0.name.hasPrefix("Gemeente") })
            let (shared, _, _) = try await Self.post(client, "/dossiers/\(address)/delen", cookie: cookie, [("csrf", csrf), ("organisatie", gemeente.id)])
            #expect(shared == .seeOther)
            let partner = try await Self.signIn(client, "partner@demo.wikken.nl")
            let (_, list, _) = try await Self.page(client, "/dossiers", cookie: partner)
            #expect(list.contains("Mijn dossier"))
            // The gemeente may use the same id for a dossier of its own: ids are per organisation,
            // so a taken id elsewhere is no answer to anything.
            let partnerCSRF = Self.csrf(in: try await Self.page(client, "/dossiers/nieuw", cookie: partner).1)
            let (own, _, ownLocation) = try await Self.post(client, "/dossiers/nieuw", cookie: partner, [("csrf", partnerCSRF), ("tekst", skeleton)])
            let ownAddress = try #require(Self.newAddress(ownLocation, named: "mijn-dossier"))
            #expect(own == .seeOther && ownAddress != address)
            let pim = try #require(try await store.user(email: "partner@demo.wikken.nl"))
            #expect(try await store.dossiers(viewer: pim).filter { $0.name == "mijn-dossier" }.count == 2)
            #expect(try await store.dossiers(viewer: strateeg).filter { $0.name == "mijn-dossier" }.map(\.id) == [address])
        }
    }

    @Test("the organiser adds an organisation and a user who can then sign in; others may not", arguments: Backend.all)
    func admin(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let strateeg = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (forbidden, _, _) = try await Self.page(client, "/beheer", cookie: strateeg)
            #expect(forbidden == .forbidden)
            let beheerder = try await Self.signIn(client, "beheerder@demo.wikken.nl")
            let (status, page, _) = try await Self.page(client, "/beheer", cookie: beheerder)
            #expect(status == .ok && page.contains("Pim Partner"))
            let csrf = Self.csrf(in: page)
            let (added, _, _) = try await Self.post(client, "/beheer/organisaties", cookie: beheerder, [("csrf", csrf), ("naam", "Huurdersvereniging Zuid")])
            #expect(added == .ok)
            let org = try #require(try await store.organisations().first { $0.name == "Huurdersvereniging Zuid" })
            let (short, _, _) = try await Self.post(client, "/beheer/gebruikers", cookie: beheerder,
                                                    [("csrf", csrf), ("organisatie", org.id), ("naam", "Hanna"), ("email", "hanna@zuid.nl"), ("rol", "lezer"), ("wachtwoord", "kort")])
            #expect(short == .unprocessableContent)
            let (user, _, _) = try await Self.post(client, "/beheer/gebruikers", cookie: beheerder,
                                                   [("csrf", csrf), ("organisatie", org.id), ("naam", "Hanna"), ("email", "hanna@zuid.nl"), ("rol", "lezer"), ("wachtwoord", "een-lang-wachtwoord")])
            #expect(user == .ok)
            _ = try await Self.signIn(client, "hanna@zuid.nl", password: "een-lang-wachtwoord")

            // A lost password: the organiser sets a new one, shown once; the old sessions end.
            let target = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let (refused, _, _) = try await Self.post(client, "/beheer/gebruikers/\(target.id)/wachtwoord", cookie: strateeg, [("csrf", csrf)])
            #expect(refused == .forbidden)
            let (reset, notice, _) = try await Self.post(client, "/beheer/gebruikers/\(target.id)/wachtwoord", cookie: beheerder, [("csrf", csrf)])
            #expect(reset == .ok)
            let marker = try #require(notice.range(of: "Nieuw wachtwoord voor Sanne de Strateeg: "))
            let password = String(notice[marker.upperBound...].prefix(19))
            #expect(password.count == 19 && password.split(separator: "-").count == 4)
            let (gone, _, location) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/verhalen", cookie: strateeg, [("csrf", csrf), ("versie", "1")])
            #expect(gone == .seeOther && location == "/inloggen")
            _ = try await Self.signIn(client, "strateeg@demo.wikken.nl", password: password)
        }
    }

    @Test("API keys: listed with what for, made and last used (to the hour); revoked by their owner only, in the log", arguments: Backend.all)
    func apiKeys(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (_, account, _) = try await Self.page(client, "/account", cookie: cookie)
            #expect(account.contains("Je hebt nog geen sleutels."))
            let csrf = Self.csrf(in: account)
            #expect(try await Self.post(client, "/account/sleutels", cookie: cookie, [("csrf", csrf), ("naam", "  ")]).0 == .unprocessableContent)
            let (_, created, _) = try await Self.post(client, "/account/sleutels", cookie: cookie, [("csrf", csrf), ("naam", "rapportage <script>")])
            let token = try #require(created.range(of: "wk_").map { String(created[$0.lowerBound...].prefix(67)) })
            let listed = try #require(pages.last(AccountPage.self)?.sleutels)
            #expect(listed.count == 1 && listed[0].naam == "rapportage <script>" && listed[0].gebruikt == "nog nooit")
            #expect(created.contains("rapportage &lt;script&gt;") && !created.contains("rapportage <script>"))

            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .ok)
            _ = try await Self.page(client, "/account", cookie: cookie)
            let used = try #require(pages.last(AccountPage.self)?.sleutels.first)
            #expect(used.gebruikt.hasPrefix("rond ") && used.gebruikt.hasSuffix(":00"))

            // Someone else cannot revoke it (the same 404 as a key that does not exist).
            let other = try await Self.signIn(client, "lezer@demo.wikken.nl")
            let otherCSRF = Self.csrf(in: try await Self.page(client, "/account", cookie: other).1)
            #expect(try await Self.post(client, "/account/sleutels/\(used.id)/intrekken", cookie: other, [("csrf", otherCSRF)]).0 == .notFound)
            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .ok)

            let (revoked, notice, _) = try await Self.post(client, "/account/sleutels/\(used.id)/intrekken", cookie: cookie, [("csrf", csrf)])
            #expect(revoked == .ok && notice.contains("Sleutel ‘rapportage &lt;script&gt;’ is ingetrokken") && notice.contains("Je hebt nog geen sleutels."))
            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            let log = try await store.auditLog(limit: 10).map(\.detail)
            #expect(log.contains("API-sleutel ‘rapportage <script>’ gemaakt") && log.contains("API-sleutel ‘rapportage <script>’ ingetrokken"))
        }
    }

    @Test("the organiser switches a user off (sign-in, session and API token stop at once) and on again; both are in the log", arguments: Backend.all)
    func switchOff(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let strateeg = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (_, account, _) = try await Self.page(client, "/account", cookie: strateeg)
            let (_, created, _) = try await Self.post(client, "/account/sleutels", cookie: strateeg, [("csrf", Self.csrf(in: account)), ("naam", "script")])
            let token = try #require(created.range(of: "wk_").map { String(created[$0.lowerBound...].prefix(67)) })
            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .ok)

            let beheerder = try await Self.signIn(client, "beheerder@demo.wikken.nl")
            let (_, page, _) = try await Self.page(client, "/beheer", cookie: beheerder)
            let csrf = Self.csrf(in: page)
            let target = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let me = try #require(try await store.user(email: "beheerder@demo.wikken.nl"))
            let (refused, _, _) = try await Self.post(client, "/beheer/gebruikers/\(me.id)/uitzetten", cookie: beheerder, [("csrf", csrf)])
            #expect(refused == .unprocessableContent)
            let (off, notice, _) = try await Self.post(client, "/beheer/gebruikers/\(target.id)/uitzetten", cookie: beheerder, [("csrf", csrf)])
            #expect(off == .ok && notice.contains("Sanne de Strateeg staat uit") && notice.contains("staat uit</strong>"))
            #expect(try await Self.page(client, "/dossiers", cookie: strateeg).2[.location] == "/inloggen")
            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            let signIn = try await Self.postSignIn(client, "strateeg@demo.wikken.nl", Demo.password)
            #expect(signIn.status == .forbidden && String(buffer: signIn.body).contains("Je account staat uit"))
            #expect(signIn.headers[.setCookie]?.contains("wikken_sessie") != true)

            let (on, _, _) = try await Self.post(client, "/beheer/gebruikers/\(target.id)/aanzetten", cookie: beheerder, [("csrf", csrf)])
            #expect(on == .ok)
            _ = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            #expect(try await client.execute(uri: "/api/dossiers", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .ok)
            let (_, logged, _) = try await Self.page(client, "/beheer", cookie: beheerder)
            #expect(logged.contains("<td>Bea Beheerder</td><td>uitgezet</td><td>Sanne de Strateeg &lt;strateeg@demo.wikken.nl&gt;</td>"))
            #expect(try await store.auditLog().map(\.action).filter { $0 != "sleutel" } == ["aangezet", "uitgezet"])
        }
    }

    @Test("changing your own password: the current one is checked, then every session ends", arguments: Backend.all)
    func ownPassword(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "lezer@demo.wikken.nl")
            let (_, page, _) = try await Self.page(client, "/account", cookie: cookie)
            let csrf = Self.csrf(in: page)
            let (wrong, wrongBody, _) = try await Self.post(client, "/account/wachtwoord", cookie: cookie,
                                                            [("csrf", csrf), ("huidig-wachtwoord", "geraden"), ("nieuw-wachtwoord", "een-nieuw-wachtwoord"), ("herhaal-wachtwoord", "een-nieuw-wachtwoord")])
            #expect(wrong == .unprocessableContent && wrongBody.contains("Je huidige wachtwoord klopt niet"))
            let (differ, differBody, _) = try await Self.post(client, "/account/wachtwoord", cookie: cookie,
                                                              [("csrf", csrf), ("huidig-wachtwoord", Demo.password), ("nieuw-wachtwoord", "een-nieuw-wachtwoord"), ("herhaal-wachtwoord", "een-ander-wachtwoord")])
            #expect(differ == .unprocessableContent && differBody.contains("niet gelijk"))
            let (changed, _, location) = try await Self.post(client, "/account/wachtwoord", cookie: cookie,
                                                             [("csrf", csrf), ("huidig-wachtwoord", Demo.password), ("nieuw-wachtwoord", "een-nieuw-wachtwoord"), ("herhaal-wachtwoord", "een-nieuw-wachtwoord")])
            #expect(changed == .seeOther && location == "/inloggen?melding=wachtwoord")
            #expect(String(buffer: try await client.execute(uri: "/inloggen?melding=wachtwoord", method: .get).body).contains("Je wachtwoord is gewijzigd"))
            let (gone, _, _) = try await Self.page(client, "/account", cookie: cookie)
            #expect(gone == .seeOther)
            _ = try await Self.signIn(client, "lezer@demo.wikken.nl", password: "een-nieuw-wachtwoord")
        }
    }

    @Test("a story is added through a form, with its stance, as a new revision", arguments: Backend.all)
    func addStory(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (_, page, _) = try await Self.page(client, "/dossiers/samenwerkingen-zuid", cookie: cookie)
            let csrf = Self.csrf(in: page)
            let (missing, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/verhalen", cookie: cookie,
                                                      [("csrf", csrf), ("versie", "1"), ("tekst", "Zonder onderwerp"), ("houding", "nuanceert")])
            #expect(missing == .unprocessableContent)
            let (saved, _, _) = try await Self.post(client, "/dossiers/samenwerkingen-zuid/verhalen", cookie: cookie,
                                                    [("csrf", csrf), ("versie", "1"), ("tekst", "De regiotafel <b>luistert</b> echt."), ("verteller", "wethouder"),
                                                     ("datum", "2026-11-30"), ("optie", "regiotafel"), ("criterium", "invloed"), ("houding", "weerspreekt")])
            #expect(saved == .seeOther)
            let (_, after, _) = try await Self.page(client, "/dossiers/samenwerkingen-zuid", cookie: cookie)
            #expect(after.contains("De regiotafel &lt;b&gt;luistert&lt;/b&gt; echt."))
            #expect(after.contains("class=\"story tension\""))
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let stored = try await store.dossier(id: "samenwerkingen-zuid", viewer: strateeg)
            #expect(stored.revision == 2 && stored.dossier.narratives.last?.stance == .contradicts)
        }
    }

    @Test("the live preview recomputes the ranking without saving", arguments: Backend.all)
    func preview(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (status, body, _) = try await Self.page(client, "/dossiers/wijkaanpak-neckardreef/voorbeeld?weging=corporatie&g-leefbaarheid=40&g-wonen=100&g-geld=25&g-draagvlak=10", cookie: cookie)
            #expect(status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let first = try #require((json["rangorde"] as? [[String: Any]])?.first?["optie"] as? String)
            #expect(first == "Renovatie met intensief sociaal beheer")
            let strateeg = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            #expect(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: strateeg).revision == 1)
        }
    }

    @Test("the memo and the exports of a dossier", arguments: Backend.all)
    func memoAndExport(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let (status, memo, headers) = try await Self.page(client, "/dossiers/aandachtsgroepen-de-horst/notitie", cookie: cookie)
            #expect(status == .ok && memo.contains("Bestuursnotitie"))
            #expect(headers[.contentSecurityPolicy]?.contains("style-src 'unsafe-inline'") == true)
            let (_, json, exportHeaders) = try await Self.page(client, "/dossiers/aandachtsgroepen-de-horst/export.json", cookie: cookie)
            #expect(exportHeaders[.contentDisposition]?.contains("aandachtsgroepen-de-horst-v1.json") == true)
            #expect(json.contains("\"id\": \"aandachtsgroepen-de-horst\""))
            #expect(memo.contains("href=\"/dossiers/aandachtsgroepen-de-horst/notitie.pdf\""))
        }
    }

    @Test("the memo as PDF from the web, printed by Chromium on the server and kept per revision",
          .enabled(if: PDFPrinter.find() != nil, "Chromium is not installed here"), arguments: Backend.all)
    func memoPDF(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, _ in
            let cookie = try await Self.signIn(client, "strateeg@demo.wikken.nl")
            let response = try await client.execute(uri: "/dossiers/aandachtsgroepen-de-horst/notitie.pdf", method: .get, headers: [.cookie: cookie])
            #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
            #expect(response.headers[.contentDisposition]?.contains("bestuursnotitie-aandachtsgroepen-de-horst-v1.pdf") == true)
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.starts(with: Array("%PDF-".utf8)) && bytes.count > 10_000)
            let partner = try await Self.signIn(client, "partner@demo.wikken.nl")
            let hidden = try await client.execute(uri: "/dossiers/samenwerkingen-zuid/notitie.pdf", method: .get, headers: [.cookie: partner])
            #expect(hidden.status == .notFound)
        }
    }
}
