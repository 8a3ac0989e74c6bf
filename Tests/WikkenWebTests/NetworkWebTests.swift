import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenNetwork
import WikkenStore
@testable import WikkenWeb

/// The network through its pages: the organiser sets up an edition, strategists register under
/// the rules, the waitlist moves, intakes are recorded, calendars and exports come out right.
@Suite("The network in the web app")
struct NetworkWebTests {
    typealias W = WebTests

    static func register(_ client: some TestClientProtocol, _ edition: String, _ name: String, organisation: String, other: String = "") async throws -> (HTTPResponse.Status, String, String?) {
        let body = [("naam", name), ("email", "\(name.lowercased())@example.nl"), ("functie", "strateeg"), ("organisatie", organisation), ("andere", other),
                    ("zoekt", "Een instrument voor <samenwerkingen>"), ("brengt", "Een casus")]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await client.execute(uri: "/netwerk/\(edition)/aanmelden", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body))
        return (response.status, String(buffer: response.body), response.headers[.location])
    }

    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String, Int) {
        let response = try await client.execute(uri: uri, method: .get)
        return (response.status, String(buffer: response.body), 0)
    }

    @Test("an edition with four sessions; a partner, a first-time and a repeat non-partner register; past capacity the waitlist, moving up after a withdrawal; intakes; iCal; CSV", arguments: Backend.all)
    func doneWhen(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let organiser = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let (_, overview, _) = try await W.page(client, "/beheer/netwerk", cookie: organiser)
            let csrf = W.csrf(in: overview)
            let (created, _, location) = try await W.post(client, "/beheer/netwerk/edities", cookie: organiser, [("csrf", csrf), ("naam", "5e editie"), ("omschrijving", "Proef")])
            #expect(created == .seeOther && location == "/beheer/netwerk/5e-editie?melding=editie")
            // Not open without sessions.
            #expect(try await Self.register(client, "5e-editie", "Vroeg", organisation: "anders", other: "X").1.contains("nog geen werksessies"))
            for (k, date) in ["2027-10-06", "2027-12-01", "2028-02-02", "2028-04-05"].enumerated() {
                let (added, _, _) = try await W.post(client, "/beheer/netwerk/5e-editie/sessies", cookie: organiser,
                                                     [("csrf", csrf), ("datum", date), ("begin", "12:00"), ("eind", "16:30"), ("plaats", k == 0 ? "Den Haag" : ""),
                                                      ("thema", "Thema \(k + 1)"), ("agenda", ""), ("plaatsen", k == 2 ? "2" : "20")])
                #expect(added == .seeOther)
            }
            let (renamed, _, _) = try await W.post(client, "/beheer/netwerk/5e-editie/bewerken", cookie: organiser, [("csrf", csrf), ("naam", "5e editie 2027–2028"), ("omschrijving", "Vier sessies")])
            let afterRename = try await store.edition(id: "5e-editie")
            #expect(renamed == .seeOther && afterRename?.name == "5e editie 2027–2028")
            #expect(try await W.post(client, "/beheer/netwerk/5e-editie/bewerken", cookie: organiser, [("csrf", csrf), ("naam", " ")]).0 == .unprocessableContent)
            let (badSession, badBody, _) = try await W.post(client, "/beheer/netwerk/5e-editie/sessies", cookie: organiser,
                                                            [("csrf", csrf), ("datum", "2028-13-01"), ("begin", "16:00"), ("eind", "12:00"), ("plaatsen", "0")])
            #expect(badSession == .unprocessableContent && badBody.contains("Datum: vul een datum in") && badBody.contains("het eind ligt niet na het begin"))
            let corporation = try #require(try await store.organisations().first { $0.name.hasPrefix("Woningcorporatie") })
            let gemeente = try #require(try await store.organisations().first { $0.name.hasPrefix("Gemeente") })

            // The public page states the rules and the fee before anyone submits.
            let (_, publicPage, _) = try await Self.get(client, "/netwerk/5e-editie")
            #expect(publicPage.contains("Dat kost €130, eenmalig.") && publicPage.contains("Woningcorporatie Vechtstroom (demo)") && publicPage.contains("nog 2 van de 2 plaatsen vrij"))
            #expect(publicPage.contains("<input type=\"checkbox\" name=\"nieuwsbrief\" value=\"ja\"> "))  // unticked by default

            // The repeat non-partner took part in the demo edition, admitted as a non-partner.
            let demo = try #require(try await store.editions().first { $0.name == "4e editie (demo)" })
            guard case .registered(let earlier, _) = try await store.register(editionID: demo.id, RegistrationForm(name: "Rik", email: "rik@example.nl", function: "strateeg", organisationID: gemeente.id)) else {
                Issue.record("not registered"); return
            }
            for step in [RegistrationStatus.intakeGepland, .intakeGehouden, .toegelaten] { try await store.setStatus(registrationID: earlier.id, to: step, by: "Bea", intakeOn: Day(2027, 1, 5)) }

            let (partner, _, partnerLink) = try await Self.register(client, "5e-editie", "Petra", organisation: corporation.id)
            #expect(partner == .seeOther)
            let (_, partnerPage, _) = try await Self.get(client, partnerLink!)
            #expect(partnerPage.contains("je doet gratis mee") && partnerPage.contains("status: <strong>aangemeld</strong>"))
            let (first, _, firstLink) = try await Self.register(client, "5e-editie", "Frank", organisation: "anders", other: "Adviesbureau Frank")
            #expect(first == .seeOther)
            let (_, firstPage, _) = try await Self.get(client, firstLink!)
            #expect(firstPage.contains("Meedoen kost eenmalig €130"))
            // The gemeente took part as a non-partner (Rik, in the demo edition): Rik again, a
            // colleague, and the same name typed differently are all refused (issue 15's dodge).
            let (repeated, repeatBody, _) = try await Self.register(client, "5e-editie", "Rik", organisation: "anders", other: "Gemeente Utrecht (demo)")
            let (colleague, colleagueBody, _) = try await Self.register(client, "5e-editie", "Roos", organisation: "anders", other: "gemeente utrecht  (DEMO).")
            #expect(colleague == .unprocessableContent && colleagueBody.contains("iemand van je organisatie deed al mee aan 4e editie (demo)"))
            // The public list shows partners only, by name, without ids.
            let (_, listPage, _) = try await Self.get(client, "/netwerk/5e-editie")
            #expect(listPage.contains("<option value=\"\(corporation.name)\">") && !listPage.contains(gemeente.id) && !listPage.contains(corporation.id)
                    && !listPage.contains("<option value=\"Gemeente Utrecht (demo)\">"))
            #expect(repeated == .unprocessableContent && repeatBody.contains("deed al mee aan 4e editie (demo)") && repeatBody.contains("partner wordt"))
            #expect(repeatBody.contains("value=\"Rik\""))  // what was typed stays
            let (late, _, lateLink) = try await Self.register(client, "5e-editie", "Lotte", organisation: "anders", other: "Eigen Haard (proef)")
            #expect(late == .seeOther)
            let (_, latePage, _) = try await Self.get(client, lateLink!)
            #expect(latePage.contains("Je staat op de wachtlijst, op plaats 1"))
            let (missing, missingBody, _) = try await Self.register(client, "5e-editie", "", organisation: "")
            #expect(missing == .unprocessableContent && missingBody.contains("Naam: vul je naam in.") && missingBody.contains("Organisatie: kies je organisatie"))

            // Petra withdraws through her own page: Lotte moves up.
            let unticked = try await client.execute(uri: partnerLink!.components(separatedBy: "?")[0] + "/afmelden", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "")).status
            #expect(unticked == .unprocessableContent)
            let withdrawn = try await client.execute(uri: partnerLink!.components(separatedBy: "?")[0] + "/afmelden", method: .post,
                                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "zeker=ja"))
            #expect(withdrawn.status == .seeOther)
            let (_, movedUp, _) = try await Self.get(client, lateLink!)
            #expect(movedUp.contains("status: <strong>aangemeld</strong>") && movedUp.contains("Er kwam een plaats vrij"))

            // The organiser records Frank's intake and admits him; the notes stay with the organiser.
            let frank = try #require(try await store.registrations(editionID: "5e-editie").first { $0.name == "Frank" })
            let (skip, _, _) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(frank.id)/status", cookie: organiser, [("csrf", csrf), ("status", "toegelaten")])
            #expect(skip == .unprocessableContent)
            let (noDate, _, _) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(frank.id)/status", cookie: organiser, [("csrf", csrf), ("status", "intake-gepland")])
            #expect(noDate == .unprocessableContent)
            for (status, extra) in [("intake-gepland", [("intake-op", "2027-09-15")]), ("intake-gehouden", [("notities", "Wil vooral leren wegen met bewoners.")]), ("toegelaten", [])] {
                let (ok, _, location) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(frank.id)/status", cookie: organiser, [("csrf", csrf), ("status", status), ("terug", "intake")] + extra)
                #expect(ok == .seeOther && location == "/beheer/netwerk/5e-editie?toon=intake&opgeslagen=\(frank.id)#aanmelding-\(frank.id)", "\(status)")
            }
            let (_, dashboard, _) = try await W.page(client, "/beheer/netwerk/5e-editie", cookie: organiser)
            // Only Frank is admitted: his €130 is due; Lotte's follows on admission.
            #expect(dashboard.contains("Nog te ontvangen van toegelaten niet-partners: €130. Nog niet toegelaten: 1 niet-partner; bij toelating €130."))
            #expect(!dashboard.contains("Wil vooral leren wegen met bewoners."))
            let (_, frankAdmin, _) = try await W.page(client, "/beheer/netwerk/aanmeldingen/\(frank.id)", cookie: organiser)
            #expect(frankAdmin.contains("Wil vooral leren wegen met bewoners.") && frankAdmin.contains("Welkom bij 5e editie"))
            #expect(dashboard.contains("Een instrument voor &lt;samenwerkingen&gt;"))
            let (_, frankPage, _) = try await Self.get(client, firstLink!)
            #expect(frankPage.contains("Je bent toegelaten") && !frankPage.contains("leren wegen met bewoners"))
            let data = try await client.execute(uri: firstLink!.components(separatedBy: "?")[0] + "/gegevens.json", method: .get)
            let json = String(buffer: data.body)
            #expect(data.status == .ok && json.contains("\"email\" : \"frank@example.nl\"") && !json.contains("leren wegen met bewoners"))
            let (paid, _, _) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(frank.id)/betaald", cookie: organiser, [("csrf", csrf), ("betaald", "ja")])
            let afterPayment = try await store.registration(id: frank.id)
            #expect(paid == .seeOther && afterPayment?.paid == true)

            // iCal: four events; a session that moves keeps its UID and raises its SEQUENCE.
            let ics = String(buffer: try await client.execute(uri: "/netwerk/5e-editie/agenda.ics", method: .get).body)
            #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 5 && ics.contains("UID:5e-editie-2@") && ics.contains("SEQUENCE:0"))
            let (moved, _, _) = try await W.post(client, "/beheer/netwerk/5e-editie/sessies/5e-editie-2", cookie: organiser,
                                                 [("csrf", csrf), ("datum", "2027-12-08"), ("begin", "13:00"), ("eind", "17:00"), ("plaats", "Utrecht"), ("thema", "Thema 2"), ("agenda", ""), ("plaatsen", "20")])
            #expect(moved == .seeOther)
            let personal = String(buffer: try await client.execute(uri: firstLink!.components(separatedBy: "?")[0] + "/agenda.ics", method: .get).body)
            #expect(personal.contains("DTSTART;TZID=Europe/Amsterdam:20271208T130000") && personal.contains("SEQUENCE:1") && personal.contains("LOCATION:Utrecht"))
            let cancelled = String(buffer: try await client.execute(uri: partnerLink!.components(separatedBy: "?")[0] + "/agenda.ics", method: .get).body)
            #expect(cancelled.contains("STATUS:CANCELLED") && !cancelled.contains("STATUS:CONFIRMED"))

            // CSV: one line per registration, in order of arrival; formulas are defused.
            let csv = String(buffer: try await client.execute(uri: "/beheer/netwerk/5e-editie/deelnemers.csv", method: .get, headers: [.cookie: organiser]).body)
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 4 && lines[0].hasPrefix("\u{FEFF}volgorde;naam;e-mail"))
            #expect(lines[2].hasPrefix("2;\"Frank\";\"frank@example.nl\"") && lines[2].contains(";toegelaten;nee;130,00;ja;2027-09-15;"))
        }
    }

    @Test("casuïstiek: an admitted participant brings a case; one click makes it a dossier of their organisation; instrument, outcome and feedback show on the session page and the card", arguments: Backend.all)
    func cases(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let edition = try #require(try await store.editions().first)
            let gemeente = try #require(try await store.organisations().first { $0.name.hasPrefix("Gemeente") })
            guard case .registered(let r, let token) = try await store.register(editionID: edition.id, RegistrationForm(name: "Gea", email: "gea@example.nl", function: "strateeg", organisationID: gemeente.id)) else {
                Issue.record("not registered"); return
            }
            let link = "/netwerk/deelname/\(token)"
            func post(_ uri: String, _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String?) {
                let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
                let response = try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
                return (response.status, response.headers[.location])
            }
            let session = try #require(try await store.sessions(editionID: edition.id).first)
            let caseFields = [("sessie", session.id), ("titel", "Wonen boven winkels"), ("vraag", "Zetten we in op wonen boven winkels in het centrum?"), ("context", "Leegstand in de binnenstad.")]
            // Not yet admitted: no cases.
            #expect(try await post("\(link)/casussen", caseFields).0 == .forbidden)
            for step in [RegistrationStatus.intakeGepland, .intakeGehouden, .toegelaten] { try await store.setStatus(registrationID: r.id, to: step, by: "Bea", intakeOn: Day(2027, 1, 5)) }
            #expect(try await post("\(link)/casussen", caseFields).1 == "\(link)?melding=casus")
            #expect(try await post("\(link)/casussen", [("sessie", session.id), ("titel", "")]).0 == .unprocessableContent)
            let submitted = try #require(try await store.cases(sessionID: session.id).first)
            #expect(submitted.broughtBy == "Gea" && submitted.organisationName == gemeente.name)

            // The session page: for participants through their link and for signed-in users only.
            let sessionURI = "/netwerk/\(edition.id)/sessies/1"
            #expect(try await Self.get(client, sessionURI).0 == .forbidden)
            let (viaLink, page, _) = try await Self.get(client, "\(sessionURI)?deelname=\(token)")
            #expect(viaLink == .ok && page.contains("Wonen boven winkels") && page.contains("Leegstand in de binnenstad.") && page.contains("Van je casus kun je een dossier maken als je inlogt"))

            // One click makes a dossier skeleton, owned by the participant's organisation and shared with the organiser's:
            // a strategist of that organisation may make it, one of another organisation may not.
            let organiser = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let (_, organiserView, _) = try await W.page(client, sessionURI, cookie: organiser)
            let csrf = W.csrf(in: organiserView)
            #expect(organiserView.contains("aria-label=\"Maak een dossier van Wonen boven winkels\""))
            let other = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, otherView, _) = try await W.page(client, sessionURI, cookie: other)
            #expect(!otherView.contains("Maak een dossier van"))
            #expect(try await W.post(client, "/netwerk/casussen/\(submitted.id)/dossier", cookie: other, [("csrf", W.csrf(in: otherView))]).0 == .forbidden)
            _ = try await store.createUser(organisationID: gemeente.id, email: "gea@example.nl", name: "Gea", role: .strateeg, passwordHash: try await Password.hash(Demo.password, cost: 4))
            let gea = try await W.signIn(client, "gea@example.nl")
            let (_, geaView, _) = try await W.page(client, sessionURI, cookie: gea)
            #expect(geaView.contains("aria-label=\"Maak een dossier van Wonen boven winkels\""))
            let (made, _, location) = try await W.post(client, "/netwerk/casussen/\(submitted.id)/dossier", cookie: gea, [("csrf", W.csrf(in: geaView))])
            let address = try #require(W.newAddress(location, named: "casus-wonen-boven-winkels"))
            #expect(made == .seeOther && location == "/dossiers/\(address)?melding=opgeslagen")
            let partner = try #require(try await store.user(email: "partner@demo.wikken.nl"))
            let dossier = try await store.dossier(id: address, viewer: partner)
            #expect(dossier.record.organisationID == gemeente.id && dossier.dossier.question == "Zetten we in op wonen boven winkels in het centrum?")
            // The organiser's organisation sees it too; the dossier says where it came from.
            let (seen, dossierPage, _) = try await W.page(client, "/dossiers/\(address)", cookie: organiser)
            #expect(seen == .ok && dossierPage.contains("Gemaakt van de casus ‘Wonen boven winkels’ in <a href=\"\(sessionURI)#c-\(submitted.id)\">werksessie 1 van \(edition.name)</a>"))
            // The session page names the dossier by its title, not its address; a second click goes to the same dossier.
            let (_, afterView, _) = try await W.page(client, sessionURI, cookie: organiser)
            #expect(afterView.contains(">Wonen boven winkels</a>") && !afterView.contains(">\(address)<") && !afterView.contains("Maak een dossier van"))
            #expect(try await W.post(client, "/netwerk/casussen/\(submitted.id)/dossier", cookie: organiser, [("csrf", csrf)]).2 == "/dossiers/\(address)")
            #expect(try await store.dossiers(viewer: partner).filter { $0.id.hasPrefix("casus-wonen") }.count == 1)

            _ = try await W.post(client, "/beheer/netwerk/casussen/\(submitted.id)/instrument", cookie: organiser, [("csrf", csrf), ("instrument", "gewogen-optelling")])
            _ = try await W.post(client, "/beheer/netwerk/casussen/\(submitted.id)/uitkomst", cookie: organiser, [("csrf", csrf), ("uitkomst", "Pilot in twee panden.")])
            // Feedback only once a session has taken place: the demo's sessions are all still to come.
            let (_, waiting, _) = try await Self.get(client, link)
            #expect(waiting.contains("Na de eerste werksessie (3 februari 2027) kun je hier zeggen wat een instrument je bracht.") && !waiting.contains("name=\"tonen\""))
            let feedback = [("sessie", session.id), ("instrument", "gewogen-optelling"), ("hielp", "De uitleg per criterium"), ("hielp-niet", ""), ("cijfer", "4"), ("tonen", "naam")]
            #expect(try await post("\(link)/feedback", feedback).0 == .unprocessableContent)
            #expect(try await store.read { try await $0.feedbackWithSessions(instrumentID: "gewogen-optelling") }.isEmpty)
            var held = session
            held.date = Day(2026, 1, 14)
            _ = try await store.updateSession(held)
            let (_, open, _) = try await Self.get(client, link)
            #expect(open.contains("staat voor iedereen zichtbaar") && open.contains("toon het met ‘Gea, Gemeente Utrecht (demo)’"))
            let openModel = try #require(pages.last(ParticipationPage.self))
            #expect(openModel.geweestKeuzes.count == 1 && openModel.sessieKeuzes.count == 4)
            #expect(try await post("\(link)/feedback", feedback).1 == "\(link)?melding=feedback")
            #expect(try await post("\(link)/feedback", [("sessie", session.id), ("instrument", "gewogen-optelling"), ("hielp", "Snel klaar"), ("cijfer", "2")]).1 == "\(link)?melding=feedback")
            #expect(try await post("\(link)/feedback", [("sessie", session.id), ("instrument", "gewogen-optelling"), ("cijfer", "9")]).0 == .unprocessableContent)
            let later = try #require(try await store.sessions(editionID: edition.id).first { $0.number == 2 })
            #expect(try await post("\(link)/feedback", [("sessie", later.id), ("instrument", "gewogen-optelling"), ("cijfer", "3")]).0 == .unprocessableContent)
            let (_, after, _) = try await W.page(client, sessionURI, cookie: organiser)
            #expect(after.contains("getest met Gewogen optelling (MAVT)") && after.contains("Pilot in twee panden.") && after.contains("href=\"/dossiers/\(address)\""))
            let (_, card, _) = try await W.page(client, "/netwerk/instrumenten/gewogen-optelling", cookie: organiser)
            #expect(card.contains("2 oordelen, gemiddeld 3,0") && card.contains("Wonen boven winkels (Gemeente Utrecht (demo))"))
            // Signed as chosen, the other without a name.
            #expect(card.contains("<li>Hielp: De uitleg per criterium — Gea, Gemeente Utrecht (demo)</li>") && card.contains("<li>Hielp: Snel klaar</li>"))
            #expect(card.contains("Werksessie 1 van 4e editie (demo) (14 januari 2026)"))
            // Anonymising the participant takes the name off; what was said stays.
            try await store.anonymise(participantID: r.participantID, by: "Bea")
            let (_, anonymous, _) = try await Self.get(client, "/netwerk/instrumenten/gewogen-optelling")
            #expect(anonymous.contains("<li>Hielp: De uitleg per criterium</li>") && !anonymous.contains("Gea"))
            // Without signing in, the card names no cases.
            let (_, publicCard, _) = try await Self.get(client, "/netwerk/instrumenten/gewogen-optelling")
            #expect(publicCard.contains("1 casus uit het netwerk. Log in om ze te zien."))
            let publicModel = try #require(pages.last(InstrumentPage.self))
            #expect(!publicModel.ingelogd && publicModel.aantalCasussen == "1 casus" && publicModel.casussen.isEmpty)

            // The organiser adds the network's own instrument.
            let (saved, _, cardLocation) = try await W.post(client, "/beheer/netwerk/instrumenten/nieuw", cookie: organiser,
                                                             [("csrf", csrf), ("naam", "Wijkwaaier"), ("herkomst", "netwerk"), ("samenvatting", "Een waaier met vragen per wijk."), ("stappen", "Eén\nTwee")])
            #expect(saved == .seeOther && cardLocation == "/netwerk/instrumenten/wijkwaaier")
            let (_, newCard, _) = try await Self.get(client, "/netwerk/instrumenten/wijkwaaier")
            #expect(newCard.contains("<li>Eén</li><li>Twee</li>") && newCard.contains("instrument van het netwerk"))
        }
    }

    @Test("privacy: the newsletter choice is recorded, a participant asks for deletion, the organiser anonymises, the link stops working", arguments: Backend.all)
    func privacy(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let edition = try #require(try await store.editions().first)
            guard case .registered(let r, let token) = try await store.register(editionID: edition.id, RegistrationForm(name: "Dirk", email: "dirk@example.nl", function: "strateeg",
                                                                                                                        organisationID: nil, organisationName: "Eigen", newsletter: true)) else {
                Issue.record("not registered"); return
            }
            let link = "/netwerk/deelname/\(token)"
            func post(_ uri: String, _ body: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)).status
            }
            #expect(try await Self.get(client, link).1.contains("Nieuwsbrief: je krijgt hem."))
            // Anchor for the last check: while Dirk wants the newsletter, the organiser's list has him.
            let organiserFirst = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let before = String(buffer: try await client.execute(uri: "/beheer/netwerk/nieuwsbrief.csv", method: .get, headers: [.cookie: organiserFirst]).body)
            #expect(before.contains("\"Dirk\";\"dirk@example.nl\""))
            #expect(try await post("\(link)/nieuwsbrief", "") == .seeOther)
            #expect(try await Self.get(client, link).1.contains("Nieuwsbrief: je krijgt hem niet."))
            let json = try await Self.get(client, "\(link)/gegevens.json").1
            #expect(json.contains("\"toestemmingen\"") && json.contains("\"given\" : false") && json.contains("\"given\" : true"))
            #expect(try await post("\(link)/verwijderen", "") == .unprocessableContent)
            #expect(try await post("\(link)/verwijderen", "zeker=ja") == .seeOther)

            let organiser = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let (_, dashboard, _) = try await W.page(client, "/beheer/netwerk/\(edition.id)", cookie: organiser)
            #expect(dashboard.contains("vraagt om verwijdering van gegevens"))
            #expect(pages.last(EditionAdminPage.self)?.aanmeldingen.first { $0.id == r.id }?.email == "dirk@example.nl")
            let csrf = W.csrf(in: dashboard)
            #expect(try await W.post(client, "/beheer/netwerk/aanmeldingen/\(r.id)/anonimiseren", cookie: organiser, [("csrf", csrf)]).0 == .unprocessableContent)
            #expect(try await W.post(client, "/beheer/netwerk/aanmeldingen/\(r.id)/anonimiseren", cookie: organiser, [("csrf", csrf), ("zeker", "ja")]).0 == .seeOther)
            #expect(try await Self.get(client, link).0 == .notFound)
            let (_, after, _) = try await W.page(client, "/beheer/netwerk/\(edition.id)", cookie: organiser)
            #expect(after.contains("Geanonimiseerde deelnemer"))
            let anonymised = try #require(pages.last(EditionAdminPage.self)?.aanmeldingen.first { $0.id == r.id })
            #expect(anonymised.geanonimiseerd && anonymised.email != "dirk@example.nl" && anonymised.naam != "Dirk")
            let (_, retention, _) = try await W.post(client, "/beheer/netwerk/bewaartermijn", cookie: organiser, [("csrf", csrf), ("maanden", "24")])
            #expect(retention.contains("0 deelnemers geanonimiseerd"))
            let newsletter = String(buffer: try await client.execute(uri: "/beheer/netwerk/nieuwsbrief.csv", method: .get, headers: [.cookie: organiser]).body)
            #expect(!newsletter.contains("dirk@example.nl"))
        }
    }

    @Test("the organiser's network pages are for organisers only; a wrong personal link finds nothing", arguments: Backend.all)
    func access(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store in
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let edition = try #require(try await store.editions().first)
            for uri in ["/beheer/netwerk", "/beheer/netwerk/\(edition.id)", "/beheer/netwerk/\(edition.id)/deelnemers.csv"] {
                #expect(try await W.page(client, uri, cookie: strateeg).0 == .forbidden, "\(uri)")
            }
            let (_, page, _) = try await W.page(client, "/dossiers", cookie: strateeg)
            let (status, _, _) = try await W.post(client, "/beheer/netwerk/edities", cookie: strateeg, [("csrf", W.csrf(in: page)), ("naam", "x")])
            #expect(status == .forbidden)
            #expect(try await client.execute(uri: "/netwerk/deelname/verzonnen", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/netwerk/bestaat-niet", method: .get).status == .notFound)
            // The public pages need no account.
            #expect(try await client.execute(uri: "/netwerk", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/netwerk/\(edition.id)", method: .get).status == .ok)
        }
    }

    @Test("an edition with 42 registrations: a compact list with filters and counts, one page per registration, a save returns to its row, only admitted non-partners owe, CSV per filter", arguments: Backend.all)
    func dashboardAtScale(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let edition = try #require(try await store.editions().first)
            let partner = try #require(try await store.organisations().first { $0.name.hasPrefix("Woningcorporatie") })
            // The demo has two registrations; 40 more, half of them for non-partner organisations.
            for i in 1...40 {
                let form = i.isMultiple(of: 2)
                    ? RegistrationForm(name: "Partner \(i)", email: "p\(i)@example.nl", function: "strateeg", organisationID: partner.id)
                    : RegistrationForm(name: "Gast \(i)", email: "g\(i)@gast\(i).example", function: "strateeg", organisationID: nil, organisationName: "Gastcorporatie \(i)")
                _ = try await store.register(editionID: edition.id, form)
            }
            let all = try await store.registrations(editionID: edition.id)
            #expect(all.count == 42)
            let organiser = try await W.signIn(client, "beheerder@demo.wikken.nl")
            let uri = "/beheer/netwerk/\(edition.id)"
            let (_, dashboard, _) = try await W.page(client, uri, cookie: organiser)
            let csrf = W.csrf(in: dashboard)
            // One row per registration, and no form per registration on the list.
            #expect(dashboard.components(separatedBy: "<tr id=\"aanmelding-").count - 1 == 42)
            #expect(!dashboard.contains("/status\"") && !dashboard.contains("/anonimiseren\""))
            let waiting = all.filter { $0.status == .wachtlijst }.count, toPlan = all.filter { $0.status == .aangemeld }.count
            #expect(waiting > 0 && toPlan + waiting == 42)
            #expect(dashboard.contains("Intake te plannen of te houden (\(toPlan))") && dashboard.contains("Wachtlijst (\(waiting))") && dashboard.contains("Toegelaten, nog niet betaald (0)"))
            // Nobody is admitted: nothing is due yet, though the non-partners' contributions follow on admission.
            #expect(dashboard.contains("Nog te ontvangen van toegelaten niet-partners: €0."))
            // "Intakes te plannen" links to each registration's own page.
            let first = try #require(all.first { $0.status == .aangemeld && !$0.partner })
            #expect(dashboard.contains("<li><a href=\"/beheer/netwerk/aanmeldingen/\(first.id)\">\(first.name)</a>"))

            // The intake filter shows only those, and the registration's page keeps the filter for the way back.
            let (_, intakeList, _) = try await W.page(client, "\(uri)?toon=intake", cookie: organiser)
            #expect(intakeList.components(separatedBy: "<tr id=\"aanmelding-").count - 1 == toPlan)
            #expect(intakeList.contains("Intake te plannen of te houden: \(toPlan) van 42 aanmeldingen"))
            let (_, own, _) = try await W.page(client, "/beheer/netwerk/aanmeldingen/\(first.id)?toon=intake", cookie: organiser)
            #expect(own.contains("name=\"terug\" value=\"intake\"") && own.contains("href=\"/beheer/netwerk/\(edition.id)?toon=intake#aanmelding-\(first.id)\""))
            #expect(own.contains(">Je aanmelding voor 4e editie (demo)</a> — "))  // the confirmation mail, listed
            for (status, extra) in [("intake-gepland", [("intake-op", "2027-01-12")]), ("intake-gehouden", []), ("toegelaten", [])] {
                let (saved, _, location) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(first.id)/status", cookie: organiser, [("csrf", csrf), ("status", status), ("terug", "intake")] + extra)
                #expect(saved == .seeOther && location == "\(uri)?toon=intake&opgeslagen=\(first.id)#aanmelding-\(first.id)", "\(status)")
            }
            let (_, back, _) = try await W.page(client, "\(uri)?toon=intake&opgeslagen=\(first.id)", cookie: organiser)
            // Admitted now, so no longer in the intake list; the unpaid list has them.
            #expect(!back.contains("<tr id=\"aanmelding-\(first.id)\"") && back.contains("\(first.name) is opgeslagen (toegelaten) en staat daarom niet meer in deze selectie."))
            let (_, unpaid, _) = try await W.page(client, "\(uri)?toon=onbetaald&opgeslagen=\(first.id)", cookie: organiser)
            #expect(unpaid.components(separatedBy: "<tr id=\"aanmelding-").count - 1 == 1 && unpaid.contains("<tr id=\"aanmelding-\(first.id)\"")
                    && unpaid.contains("opgeslagen</span>") && unpaid.contains("Nog te ontvangen van toegelaten niet-partners: €130."))
            // Paid from the contributions list: back to that line.
            let (paid, _, paidLocation) = try await W.post(client, "/beheer/netwerk/aanmeldingen/\(first.id)/betaald", cookie: organiser, [("csrf", csrf), ("betaald", "ja"), ("terug", "bijdragen")])
            #expect(paid == .seeOther && paidLocation == "\(uri)?opgeslagen=\(first.id)#bijdrage-\(first.id)")
            #expect(try await W.page(client, "\(uri)?toon=onbetaald", cookie: organiser).1.contains("Geen aanmeldingen in deze selectie."))

            // CSV per filter, through the shared writer; an unknown filter shows all.
            let csv = String(buffer: try await client.execute(uri: "\(uri)/deelnemers.csv?toon=wachtlijst", method: .get, headers: [.cookie: organiser]).body)
            #expect(csv.split(whereSeparator: \.isNewline).count == waiting + 1)
            #expect(try await W.page(client, "\(uri)?toon=%3Cscript%3E", cookie: organiser).1.components(separatedBy: "<tr id=\"aanmelding-").count - 1 == 42)
            #expect(try await W.page(client, "/beheer/netwerk/aanmeldingen/bestaat-niet", cookie: organiser).0 == .notFound)
            _ = pages
        }
    }

}
