import Foundation
import Hummingbird
import WikkenCore
import WikkenNetwork
import WikkenReports
import WikkenStore

/// The network *Wikken en wegen*: public pages per edition with the registration form (no
/// account needed), each participant's own page behind a personal link, iCalendar files, and
/// the organiser's dashboard. The rules live in `WikkenNetwork.Admission`; the store applies
/// them in one unit of work.
struct NetworkController {
    let store: any NetworkStore & AccountStore
    let pages: Pages
    let configuration: WebConfiguration
    /// The domain part of calendar UIDs: fixed, so a UID never changes with the server's address.
    let domain = "wikken-en-wegen.invalid"
    /// Registrations per client address; link requests per client address and per e-mail address.
    let registrations: RateLimiter
    let linkRequestsByAddress: RateLimiter
    let linkRequestsByEmail: RateLimiter

    init(store: any NetworkStore & AccountStore, pages: Pages, configuration: WebConfiguration, registrations: RateLimiter? = nil) {
        self.store = store
        self.pages = pages
        self.configuration = configuration
        self.registrations = registrations ?? RateLimiter(limit: configuration.registrationLimit.count, window: configuration.registrationLimit.window)
        linkRequestsByAddress = RateLimiter(limit: configuration.linkRequestLimit.perAddress, window: configuration.linkRequestLimit.window)
        linkRequestsByEmail = RateLimiter(limit: configuration.linkRequestLimit.perEmail, window: configuration.linkRequestLimit.window)
    }

    /// The personal-link and public pages in `router`; making a case's dossier in `editor`.
    func add(to router: RouterGroup<WikkenContext>, editor: RouterGroup<WikkenContext>, cases: CaseService) {
        editor.post("/netwerk/casussen/:casus/dossier") { _, context in
            let user = try context.session.user
            let caseID = try context.parameters.require("casus")
            let dossier = try await cases.dossier(of: caseID, by: user)
            return Response.redirect(to: "/dossiers/\(dossier.id)" + (dossier.made ? "?melding=opgeslagen" : ""))
        }
        router.get("/netwerk") { _, context in try await overview(context) }
        router.get("/netwerk/deelname/:token") { request, context in try await participation(request, context) }
        router.get("/netwerk/deelname/:token/agenda.ics") { _, context in try await personalCalendar(context) }
        router.get("/netwerk/deelname/:token/gegevens.json") { _, context in try await ownData(context) }
        router.post("/netwerk/deelname/:token/afmelden") { request, context in try await withdraw(request, context) }
        router.post("/netwerk/deelname/:token/nieuwsbrief") { request, context in
            let r = try await registration(context)
            struct NewsletterFields: Decodable { var nieuwsbrief: String? }
            try await store.setNewsletter(participantID: r.participantID, try context.form.decode(NewsletterFields.self).nieuwsbrief == "ja")
            return Response.redirect(to: "/netwerk/deelname/\(try context.parameters.require("token"))?melding=nieuwsbrief")
        }
        router.post("/netwerk/deelname/:token/verwijderen") { request, context in
            let r = try await registration(context)
            let token = try context.parameters.require("token")
            guard try context.form.decode(Confirmation.self).confirmed else {
                return pages.message("Niet gevraagd", ["Vink aan dat je wilt dat we je gegevens verwijderen."], link: ("/netwerk/deelname/\(token)", "Terug naar je aanmelding"), context: context, status: .unprocessableContent)
            }
            try await store.requestDeletion(participantID: r.participantID)
            return Response.redirect(to: "/netwerk/deelname/\(token)?melding=verwijderen")
        }
        router.post("/netwerk/deelname/:token/casussen") { request, context in try await submitCase(request, context) }
        router.post("/netwerk/deelname/:token/feedback") { request, context in try await giveFeedback(request, context) }
        router.get("/netwerk/link") { _, context in
            pages.render(LinkRequestPage(contact: store.contact.sentence), context: context)
        }
        router.post("/netwerk/link") { request, context in try await requestLink(request, context) }
        router.get("/netwerk/instrumenten") { _, context in try await library(context) }
        router.get("/netwerk/instrumenten/:instrument") { _, context in try await instrumentCard(context) }
        router.get("/netwerk/:editie/sessies/:nummer") { request, context in try await sessionPage(request, context) }
        router.get("/netwerk/:editie") { _, context in try await editionPage(context) }
        router.post("/netwerk/:editie/aanmelden") { request, context in try await register(request, context) }
        router.get("/netwerk/:editie/agenda.ics") { _, context in try await editionCalendar(context) }
    }

    // MARK: - Public pages

    func overview(_ context: WikkenContext) async throws -> Response {
        let rows = try await store.editionsWithSessions().map { edition, sessions in
            NetworkPage.EditionRow(id: edition.id, naam: edition.name, omschrijving: edition.description, open: edition.open,
                                   eerste: Admission.referenceDay(sessions)?.dutch ?? "nog niet gepland", aantal: sessions.count)
        }
        return pages.render(NetworkPage(edities: rows), context: context)
    }

    func edition(_ context: WikkenContext) async throws -> (Edition, [WorkingSession]) {
        guard let edition = try await store.edition(id: try context.parameters.require("editie")) else {
            throw HTTPError(.notFound, message: "Deze editie bestaat niet.")
        }
        return (edition, try await store.sessions(editionID: edition.id))
    }

    static func sessionRows(_ sessions: [WorkingSession]) -> [SessionRow] {
        sessions.map { s in
            SessionRow(nummer: s.number, datum: s.date.dutch, tijd: "\(s.start)–\(s.end)", plaats: s.placeText, thema: s.theme, agenda: s.agenda, plaatsen: s.seats)
        }
    }

    func editionPage(_ context: WikkenContext, typed: [String: String] = [:], problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try context.parameters.require("editie")
        let read = try await store.read { r in (try await r.editionOverview(id: id), try await r.organisations()) }
        guard let overview = read.0 else { throw HTTPError(.notFound, message: "Deze editie bestaat niet.") }
        let (edition, sessions, partnerships, organisations) = (overview.edition, overview.sessions, overview.partnerships, read.1)
        let day = Admission.referenceDay(sessions)
        let partners = organisations.filter { org in day.map { Admission.isPartner(partnerships[org.id] ?? [], on: $0) } ?? false }
        let held = overview.registrations.filter { $0.status.holdsSeat }.count
        let capacity = Admission.capacity(sessions)
        let page = EditionPage(
            titel: "\(edition.name) — Wikken en wegen", id: edition.id, naam: edition.name, omschrijving: edition.description,
            open: edition.open && !sessions.isEmpty, sessies: Self.sessionRows(sessions), regels: Admission.rules,
            partners: partners.map(\.name), heeftPartners: !partners.isEmpty, peildatum: day?.dutch,
            // Partners only, by name: the public page shows no internal ids and no other organisations.
            organisaties: partners.map { .init(id: "", naam: $0.name, gekozen: typed["organisatie"] == $0.name) },
            vol: held >= capacity, vrij: max(0, capacity - held), capaciteit: capacity, nieuwsbriefTekst: Store.newsletterWording,
            typedName: typed["naam"], typedEmail: typed["email"], typedPhone: typed["telefoon"], typedFunction: typed["functie"],
            typedOther: typed["andere"], typedNeeds: typed["zoekt"], typedBrings: typed["brengt"], typedNewsletter: typed["nieuwsbrief"] == "ja",
            probleem: ProblemBox(problems))
        return pages.render(page, context: context, status: status)
    }

    /// The public registration form; every field may be missing (the page names what is).
    struct RegistrationFields: Decodable {
        var naam, email, telefoon, functie, organisatie, andere, zoekt, brengt, nieuwsbrief: String?

        /// The fields, trimmed, by name (kept to fill the form again after a refusal).
        var typed: [String: String] {
            let all = ["naam": naam, "email": email, "telefoon": telefoon, "functie": functie, "organisatie": organisatie, "andere": andere,
                       "zoekt": zoekt, "brengt": brengt, "nieuwsbrief": nieuwsbrief]
            return all.mapValues { ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// The partner organisation the registration form names (by name; an id from a script is
    /// taken too), on the edition's reference day; nil when it is not a partner.
    func partnerID(named value: String, edition: String) async throws -> String? {
        let read = try await store.read { r in (try await r.editionOverview(id: edition), try await r.organisations()) }
        guard let overview = read.0, let day = Admission.referenceDay(overview.sessions) else { return nil }
        return read.1.first { ($0.name == value || $0.id == value) && Admission.isPartner(overview.partnerships[$0.id] ?? [], on: day) }?.id
    }

    /// "Link kwijt": the same answer whether or not the address is known; limited per client
    /// address and per e-mail address.
    func requestLink(_ request: Request, _ context: WikkenContext) async throws -> Response {
        struct Fields: Decodable { var email: String? }
        let email = String((try context.form.decode(Fields.self).email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(254))
        let contact = store.contact.sentence
        guard email.contains("@") else {
            return pages.render(LinkRequestPage(email: email, contact: contact, fout: "Vul het e-mailadres in waarmee je je aanmeldde, zoals naam@corporatie.nl."),
                                context: context, status: .unprocessableContent)
        }
        let address = context.clientAddress(of: request, trustingProxy: configuration.trustProxy)
        let byAddress = await linkRequestsByAddress.admit(address)
        let byEmail = byAddress == nil ? await linkRequestsByEmail.admit(email.lowercased()) : nil
        if let wait = byAddress ?? byEmail {
            return Self.tooMany(pages.render(LinkRequestPage(email: email, contact: contact, fout: "Je vroeg de link al een paar keer aan. Probeer het over \(Self.minutes(wait)) opnieuw, of kijk in je e-mail (ook bij ongewenste e-mail)."),
                                             context: context, status: .tooManyRequests), wait: wait)
        }
        try await store.resendLinks(email: email)
        return pages.render(LinkRequestPage(contact: contact, melding: "Als dit e-mailadres bij ons bekend is, krijg je binnen enkele minuten een e-mail met je persoonlijke link. Niets ontvangen? Kijk ook bij ongewenste e-mail."),
                            context: context)
    }

    /// "1 minuut" / "12 minuten", rounded up.
    static func minutes(_ wait: Duration) -> String {
        let m = max(1, Int((Double(wait.components.seconds) / 60).rounded(.up)))
        return m == 1 ? "1 minuut" : "\(m) minuten"
    }

    /// A 429 with `Retry-After`.
    static func tooMany(_ response: Response, wait: Duration) -> Response {
        var r = response
        r.headers[.retryAfter] = String(max(1, wait.components.seconds))
        return r
    }

    func register(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (edition, _) = try await edition(context)
        if let wait = await registrations.admit(context.clientAddress(of: request, trustingProxy: configuration.trustProxy)) {
            return Self.tooMany(pages.message("Even wachten", ["Er kwamen veel aanmeldingen van dit adres kort na elkaar. Probeer het over \(Self.minutes(wait)) opnieuw."],
                                              context: context, status: .tooManyRequests), wait: wait)
        }
        let typed = try context.form.decode(RegistrationFields.self).typed
        func field(_ key: String) -> String { typed[key] ?? "" }
        var problems: [String] = []
        if field("naam").isEmpty { problems.append("Naam: vul je naam in.") }
        let email = field("email")
        if !(email.contains("@") && email.contains(".") && !email.contains(" ")) { problems.append("E-mailadres: vul een geldig e-mailadres in, zoals naam@corporatie.nl.") }
        if field("functie").isEmpty { problems.append("Functie: vul je functie in, bijvoorbeeld strateeg.") }
        let chosen = field("organisatie").isEmpty || typed["organisatie"] == "anders" ? nil : typed["organisatie"]
        var organisationID: String?
        if let chosen { organisationID = try await partnerID(named: chosen, edition: edition.id) }
        if chosen != nil && organisationID == nil { problems.append("Organisatie: kies een organisatie uit de lijst, of kies ‘Een andere organisatie’ en vul de naam in.") }
        if organisationID == nil && field("andere").isEmpty { problems.append("Organisatie: kies je organisatie, of vul bij ‘Andere organisatie’ de naam in.") }
        guard problems.isEmpty else { return try await editionPage(context, typed: typed, problems: problems, status: .unprocessableContent) }
        let outcome = try await store.register(editionID: edition.id, RegistrationForm(
            name: String(field("naam").prefix(120)), email: email, phone: String(field("telefoon").prefix(40)), function: String(field("functie").prefix(120)),
            organisationID: organisationID, organisationName: String(field("andere").prefix(120)),
            needs: String(field("zoekt").prefix(2000)), brings: String(field("brengt").prefix(2000)), newsletter: typed["nieuwsbrief"] == "ja"))
        switch outcome {
        case .refused(let refusal):
            return try await editionPage(context, typed: typed, problems: [refusal.message(contact: store.contact)], status: .unprocessableContent)
        case .registered(_, let token):
            return Response.redirect(to: "/netwerk/deelname/\(token)?melding=aangemeld")
        }
    }

    // MARK: - A participant's own page

    /// A personal link that leads nowhere (wrong, or the participant was anonymised).
    static let unknownLink = HTTPError(.notFound, message: "Deze link klopt niet (meer). Vraag de organisator om hulp.")

    func registration(_ context: WikkenContext) async throws -> RegistrationRecord {
        guard let r = try await store.registration(token: try context.parameters.require("token")), !r.anonymised else {
            throw Self.unknownLink
        }
        return r
    }

    /// Everything a participant's page shows, read in one unit of work.
    struct ParticipationData: Sendable {
        var registration: RegistrationRecord
        var edition: Edition
        var sessions: [WorkingSession]
        var all: [RegistrationRecord]
        var consents: [ConsentRecord]
        var instruments: [InstrumentCard]
        var cases: [CaseRecord]
        var events: [RegistrationEvent]
    }

    func participation(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let data = try await store.read { r -> ParticipationData? in
            guard let registration = try await r.registration(token: token), !registration.anonymised,
                  let edition = try await r.edition(id: registration.editionID) else { return nil }
            return ParticipationData(registration: registration, edition: edition, sessions: try await r.sessions(editionID: edition.id),
                                     all: try await r.registrations(editionID: edition.id), consents: try await r.consents(participantID: registration.participantID),
                                     instruments: try await r.instruments(), cases: try await r.cases(registrationID: registration.id),
                                     events: try await r.events(registrationID: registration.id))
        }
        guard let data else { throw Self.unknownLink }
        let (r, edition, sessions, all) = (data.registration, data.edition, data.sessions, data.all)
        let position = Waitlist.position(of: r.id, in: all.map { Waitlist.Entry(id: $0.id, status: $0.status, arrival: $0.arrival) })
        let today = NetworkAdminController.today()
        let firstDay = sessions.map(\.date).min().map { " (\($0.dutch))" } ?? ""
        let notice: String?
        switch request.uri.queryParameters.get("melding") {
        case "aangemeld": notice = "Je aanmelding is ontvangen. We sturen je een e-mail met de link van deze pagina: hier zie je hoe het ervoor staat, en hier kun je je afmelden. Link kwijt? Vraag hem opnieuw aan via ‘Link kwijt’ op de netwerkpagina."
        case "afgemeld": notice = "Je bent afgemeld. Je plaats gaat naar de eerste op de wachtlijst."
        case "nieuwsbrief": notice = "Je keuze voor de nieuwsbrief is vastgelegd."
        case "verwijderen": notice = "Je verzoek is ontvangen. De organisator verwijdert je gegevens binnen een maand en laat je dat weten."
        case "casus": notice = "Je casus is ingebracht. De organisator zet hem op het programma van de sessie."
        case "feedback": notice = "Dank je wel voor je oordeel over het instrument."
        default: notice = nil
        }
        let page = ParticipationPage(
            titel: "Je aanmelding — \(edition.name)", editie: edition.name, editieID: edition.id, token: token,
            naam: r.name, organisatie: r.organisationName, status: r.status.label, sessies: Self.sessionRows(sessions),
            uitleg: RegistrationText.explain(r, position: position), kanAfmelden: r.status.next.contains(.afgemeld),
            toegelaten: r.status == .toegelaten,
            nieuwsbrief: data.consents.last { $0.kind == "nieuwsbrief" }?.given ?? false,
            nieuwsbriefTekst: Store.newsletterWording, verwijderingGevraagd: r.deletionRequested,
            sessieKeuzes: sessions.map(Self.sessionChoice),
            geweestKeuzes: sessions.filter { $0.date <= today }.map(Self.sessionChoice),
            nogGeenSessie: sessions.contains { $0.date <= today } ? nil : "Na de eerste werksessie\(firstDay) kun je hier zeggen wat een instrument je bracht.",
            ondertekening: Self.signature(r),
            instrumenten: data.instruments.map { .init(id: $0.id, naam: $0.name) },
            casussen: data.cases.map { c in
                let number = sessions.first { $0.id == c.sessionID }?.number ?? 0
                return .init(titel: c.title, sessie: number, href: "/netwerk/\(edition.id)/sessies/\(number)?deelname=\(token)", uitkomst: c.outcome)
            },
            geschiedenis: data.events.map {
                .init(wanneer: LocalTime.day(Timestamp.date($0.at)), wat: $0.note.isEmpty ? RegistrationStatus(rawValue: $0.status)?.label ?? $0.status : $0.note)
            },
            melding: notice)
        return pages.render(page, context: context)
    }

    static func sessionChoice(_ session: WorkingSession) -> ParticipationPage.Choice {
        .init(id: session.id, tekst: "Sessie \(session.number), \(session.date.dutch)\(session.theme.isEmpty ? "" : " — \(session.theme)")")
    }

    /// How a participant's signed feedback is shown in the library.
    static func signature(_ r: RegistrationRecord) -> String {
        r.organisationName.isEmpty ? r.name : "\(r.name), \(r.organisationName)"
    }

    /// What a participant reads about their registration: status, fee, waitlist, next step.
    func withdraw(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let r = try await registration(context)
        let token = try context.parameters.require("token")
        let form = try context.form
        guard try form.decode(Confirmation.self).confirmed else {
            return pages.message("Niet afgemeld", ["Vink aan dat je je echt wilt afmelden."], link: ("/netwerk/deelname/\(token)", "Terug naar je aanmelding"), context: context, status: .unprocessableContent)
        }
        do {
            try await store.setStatus(registrationID: r.id, to: .afgemeld, by: r.name, note: "Zelf afgemeld.")
        } catch StoreError.notAllowed(let reason) {
            return pages.message("Niet afgemeld", [reason], link: ("/netwerk/deelname/\(token)", "Terug naar je aanmelding"), context: context, status: .unprocessableContent)
        }
        return Response.redirect(to: "/netwerk/deelname/\(token)?melding=afgemeld")
    }

    // MARK: - Cases and feedback from participants

    /// An admitted participant's registration for a posted form, or a page that says why not.
    func admitted(_ context: WikkenContext) async throws -> (RegistrationRecord, String, [WorkingSession]) {
        let r = try await registration(context)
        guard r.status == .toegelaten else { throw HTTPError(.forbidden, message: "Casussen en oordelen kunnen alleen toegelaten deelnemers inbrengen.") }
        return (r, try context.parameters.require("token"), try await store.sessions(editionID: r.editionID))
    }

    /// A case brought to a working session.
    struct CaseFields: Decodable {
        var sessie, titel, vraag, context: String?
    }

    func submitCase(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (r, token, sessions) = try await admitted(context)
        let form = try context.form.decode(CaseFields.self)
        func field(_ value: String?, _ limit: Int) -> String { String((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(limit)) }
        let back = ("/netwerk/deelname/\(token)", "Terug naar je aanmelding")
        guard let session = sessions.first(where: { $0.id == form.sessie }) else {
            return pages.message("Niet ingebracht", ["Kies de werksessie waarin je de casus wilt bespreken."], link: back, context: context, status: .unprocessableContent)
        }
        guard !field(form.titel, 200).isEmpty, !field(form.vraag, 1000).isEmpty else {
            return pages.message("Niet ingebracht", ["Geef je casus een titel en een vraag.", "Je tekst: \(field(form.context, 4000))"], link: back, context: context, status: .unprocessableContent)
        }
        _ = try await store.addCase(sessionID: session.id, registrationID: r.id, title: field(form.titel, 200), question: field(form.vraag, 1000),
                                    context: field(form.context, 4000), organisationName: r.organisationName)
        return Response.redirect(to: "/netwerk/deelname/\(token)?melding=casus")
    }

    /// A participant's verdict on an instrument tried in a session.
    struct FeedbackFields: Decodable {
        var sessie, instrument, cijfer, hielp: String?
        var hielpNiet: String?
        /// "naam" to sign with name and organisation; anything else is anonymous.
        var tonen: String?

        enum CodingKeys: String, CodingKey {
            case sessie, instrument, cijfer, hielp, tonen, hielpNiet = "hielp-niet"
        }
    }

    func giveFeedback(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (r, token, sessions) = try await admitted(context)
        let form = try context.form.decode(FeedbackFields.self)
        let back = ("/netwerk/deelname/\(token)", "Terug naar je aanmelding")
        guard let session = sessions.first(where: { $0.id == form.sessie }), let instrument = form.instrument, try await store.instrument(id: instrument) != nil,
              let score = form.cijfer.flatMap({ Int($0) }), (1...5).contains(score) else {
            return pages.message("Niet opgeslagen", ["Kies de sessie, het instrument en een oordeel van 1 tot 5."], link: back, context: context, status: .unprocessableContent)
        }
        do {
            try await store.addFeedback(instrumentID: instrument, sessionID: session.id, registrationID: r.id,
                                        helped: String((form.hielp ?? "").prefix(2000)), didNotHelp: String((form.hielpNiet ?? "").prefix(2000)), score: score,
                                        shownAs: form.tonen == "naam" ? Self.signature(r) : nil, today: NetworkAdminController.today())
        } catch StoreError.notAllowed(let reason) {
            return pages.message("Niet opgeslagen", [reason], link: back, context: context, status: .unprocessableContent)
        }
        return Response.redirect(to: "/netwerk/deelname/\(token)?melding=feedback")
    }

    // MARK: - Session page and instrument library

    /// A working session's cases, the dossiers made of them and what came out. For signed-in
    /// users, and for admitted participants of the edition through their personal link.
    func sessionPage(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let editionID = try context.parameters.require("editie")
        let number = Int(try context.parameters.require("nummer"))
        let token = request.uri.queryParameters.get("deelname").map { String($0) }
        // One read unit: the edition and its sessions, the participant of the link, the instruments, and
        // the session's cases with the instruments each was tried with.
        struct Read: Sendable {
            var edition: Edition?
            var sessions: [WorkingSession] = []
            var participant: RegistrationRecord?
            var instruments: [InstrumentCard] = []
            var cases: [(case: CaseRecord, instruments: [String])] = []
        }
        let read = try await store.read { r -> Read in
            guard let edition = try await r.edition(id: editionID) else { return Read() }
            let sessions = try await r.sessions(editionID: editionID)
            guard let session = sessions.first(where: { $0.number == number }) else { return Read(edition: edition, sessions: sessions) }
            var participant: RegistrationRecord?
            if let token { participant = try await r.registration(token: token) }
            return Read(edition: edition, sessions: sessions, participant: participant,
                        instruments: try await r.instruments(), cases: try await r.casesWithInstruments(sessionID: session.id))
        }
        guard let edition = read.edition else { throw HTTPError(.notFound, message: "Deze editie bestaat niet.") }
        guard let number, let session = read.sessions.first(where: { $0.number == number }) else {
            throw HTTPError(.notFound, message: "Deze werksessie bestaat niet.")
        }
        var participant: RegistrationRecord?
        if let r = read.participant, r.editionID == edition.id, r.status == .toegelaten, !r.anonymised { participant = r }
        guard context.identity != nil || participant != nil else {
            return pages.message("Alleen voor deelnemers", ["De casussen van een werksessie zijn alleen voor deelnemers. Gebruik de link van je aanmelding, of log in."],
                                 link: ("/inloggen", "Inloggen"), context: context, status: .forbidden)
        }
        let organiser = context.identity?.user.role == .beheerder
        let instruments = read.instruments
        let names = Dictionary(firstValues: instruments.map { ($0.id, $0.name) })
        var cases: [WorkingSessionPage.CaseRow] = []
        for (c, tried) in read.cases {
            cases.append(.init(id: c.id, titel: c.title, vraag: c.question, context: c.context, organisatie: c.organisationName, door: c.broughtBy,
                               uitkomst: c.outcome, instrumenten: tried.compactMap { names[$0] }.joined(separator: ", "),
                               dossier: c.dossierID.map { _ in c.dossierTitle ?? c.title }, dossierHref: context.identity != nil ? c.dossierID.map { "/dossiers/\($0)" } : nil,
                               maakDossier: c.dossierID == nil && (context.identity.map { CaseService.mayMakeDossier(of: c, $0.user) } ?? false),
                               eigenCasus: context.identity == nil && c.dossierID == nil && c.registrationID != nil && c.registrationID == participant?.id,
                               keuzes: organiser ? instruments.map { .init(id: $0.id, naam: $0.name) } : nil))
        }
        return pages.render(WorkingSessionPage(
            titel: "Werksessie \(number) — \(edition.name)", editie: edition.name, editieID: edition.id, nummer: number,
            datum: session.date.dutch, tijd: "\(session.start)–\(session.end)", plaats: session.placeText, thema: session.theme, agenda: session.agenda,
            casussen: cases, beheer: organiser, csrf: context.identity?.csrf, contact: store.contact.sentence), context: context)
    }

    func library(_ context: WikkenContext) async throws -> Response {
        let cards = try await store.instruments().map { LibraryPage.Card(id: $0.id, naam: $0.name, herkomst: $0.originLabel, samenvatting: $0.summary) }
        return pages.render(LibraryPage(kaarten: cards, beheer: context.identity?.user.role == .beheerder), context: context)
    }

    /// One card: what it does, when, steps, pitfalls, the cases it was tried on (names for
    /// signed-in users only) and the participants' feedback per session.
    func instrumentCard(_ context: WikkenContext) async throws -> Response {
        let id = try context.parameters.require("instrument")
        // One read unit: the card, its feedback with the sessions and editions, and the cases.
        let read = try await store.read { r in
            (try await r.instrument(id: id), try await r.feedbackWithSessions(instrumentID: id), try await r.cases(instrumentID: id))
        }
        guard let card = read.0 else { throw HTTPError(.notFound, message: "Dit instrument bestaat niet.") }
        var perSession: [InstrumentPage.Feedback] = []
        for (sessionID, items) in Dictionary(grouping: read.1, by: \.feedback.sessionID).sorted(by: { $0.key < $1.key }) {
            let average = Double(items.map(\.feedback.score).reduce(0, +)) / Double(max(items.count, 1))
            let session = items.first?.session, editionName = items.first?.edition
            let label = session.map { "Werksessie \($0.number) van \(editionName ?? $0.editionID) (\($0.date.dutch))" } ?? sessionID
            // Signed remarks carry the name and organisation the participant agreed to show.
            func remarks(_ text: KeyPath<FeedbackRecord, String>) -> [String] {
                items.map(\.feedback).filter { !$0[keyPath: text].isEmpty }.map { f in f.shownAs.map { "\(f[keyPath: text]) — \($0)" } ?? f[keyPath: text] }
            }
            perSession.append(.init(sessie: label, aantal: counted(items.count, "oordeel", "oordelen"), gemiddeld: NumberText.rounded(average, language: .nl),
                                    hielp: remarks(\.helped), hielpNiet: remarks(\.didNotHelp)))
        }
        let cases = read.2
        return pages.render(InstrumentPage(
            titel: card.name, id: card.id, naam: card.name, herkomst: card.originLabel, samenvatting: card.summary, wanneer: card.whenToUse,
            stappen: card.steps.split(whereSeparator: \.isNewline).map(String.init), valkuilen: card.pitfalls.split(whereSeparator: \.isNewline).map(String.init),
            ingelogd: context.identity != nil, aantalCasussen: counted(cases.count, "casus", "casussen"),
            // Which cases, and whose, only for members of the network; others see the number.
            casussen: context.identity == nil ? [] : cases.map { .init(titel: $0.title, organisatie: $0.organisationName) },
            oordelen: perSession, beheer: context.identity?.user.role == .beheerder), context: context)
    }

    // MARK: - Calendars and data

    static func stamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date())
    }

    static func calendarResponse(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func editionCalendar(_ context: WikkenContext) async throws -> Response {
        let (edition, sessions) = try await edition(context)
        let text = ICalendar.calendar(name: "Wikken en wegen, \(edition.name)", events: sessions.map { .init(session: $0, editionName: edition.name) }, stamp: Self.stamp(), domain: domain)
        return Self.calendarResponse(text, filename: "wikken-en-wegen-\(edition.id).ics")
    }

    /// The sessions of the participant's edition; cancelled in the calendar once they withdrew
    /// or were not admitted, so an imported calendar clears itself.
    func personalCalendar(_ context: WikkenContext) async throws -> Response {
        let r = try await registration(context)
        guard let edition = try await store.edition(id: r.editionID) else { throw HTTPError(.notFound) }
        let cancelled = r.status == .afgemeld || r.status == .afgewezen
        let events = try await store.sessions(editionID: edition.id).map { ICalendar.Event(session: $0, editionName: edition.name, cancelled: cancelled) }
        return Self.calendarResponse(ICalendar.calendar(name: "Wikken en wegen, \(edition.name) (\(r.name))", events: events, stamp: Self.stamp(), domain: domain),
                                     filename: "wikken-en-wegen-\(edition.id)-persoonlijk.ics")
    }

    /// Everything stored about the participant, as JSON (AVG: right of access). Intake notes
    /// are the organiser's working notes and are listed as present, not shown.
    func ownData(_ context: WikkenContext) async throws -> Response {
        let r = try await registration(context)
        struct Export: Encodable {
            var naam: String, email: String, telefoon: String, functie: String, organisatie: String
            var editie: String, status: String, aangemeldOp: String, partner: Bool, bijdrageInEuro: Double, betaald: Bool
            var zoekt: String, brengt: String, intakeOp: String?, intakeNotities: String
            var geschiedenis: [RegistrationEvent]
            var toestemmingen: [ConsentRecord]
            var casussen: [String]
        }
        let export = Export(naam: r.name, email: r.email, telefoon: r.phone, functie: r.function, organisatie: r.organisationName, editie: r.editionID,
                            status: r.status.label, aangemeldOp: r.createdAt, partner: r.partner, bijdrageInEuro: Double(r.feeCents) / 100, betaald: r.paid,
                            zoekt: r.needs, brengt: r.brings, intakeOp: r.intakeOn,
                            intakeNotities: r.intakeNotes.isEmpty ? "geen" : "er zijn notities van het intakegesprek; vraag de organisator om inzage",
                            geschiedenis: try await store.events(registrationID: r.id), toestemmingen: try await store.consents(participantID: r.participantID),
                            casussen: try await store.cases(registrationID: r.id).map(\.title))
        var response = JSONResponse.encode(export)
        response.headers[.contentDisposition] = "attachment; filename=\"mijn-gegevens-wikken-en-wegen.json\""
        return response
    }
}
