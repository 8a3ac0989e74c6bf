import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenNetwork
import WikkenReports
import WikkenStore

/// The organiser's side of the network: editions and their sessions, partner periods of
/// organisations, and per edition a dashboard with seats, intakes to plan, the waitlist, fees
/// due, partnerships that end during the edition, and a CSV export. Only for beheerders.
struct NetworkAdminController {
    let store: any NetworkStore & AccountStore
    let pages: Pages
    let mail: MailConfiguration

    /// An edition's name and description (new or changed).
    struct EditionFields: Decodable {
        var naam: String?
        var omschrijving: String?

        var name: String { String((naam ?? "").trimmingCharacters(in: .whitespaces).prefix(120)) }
        var description: String { String((omschrijving ?? "").prefix(2000)) }
    }

    /// One choice or text of the organiser's small forms (open, instrument, outcome, paid).
    struct SmallFields: Decodable {
        var open, instrument, uitkomst, betaald, terug: String?
    }

    /// The retention period in months, as typed.
    struct RetentionFields: Decodable {
        var maanden: String?
    }

    func add(to router: RouterGroup<WikkenContext>) {
        router.get("/beheer/netwerk") { _, context in try await overview(context) }
        router.post("/beheer/netwerk/edities") { request, context in
            let form = try context.form.decode(EditionFields.self)
            guard !form.name.isEmpty else { return try await overview(context, error: "Geef de editie een naam, bijvoorbeeld ‘4e editie’.") }
            let edition = try await store.createEdition(name: form.name, description: form.description)
            return Response.redirect(to: "/beheer/netwerk/\(edition.id)?melding=editie")
        }
        router.post("/beheer/netwerk/organisaties/:organisatie/partner") { request, context in
            let form = try context.form
            return try await addPartnership(try context.parameters.require("organisatie"), form, context)
        }
        router.post("/beheer/netwerk/organisaties/:organisatie/bevestigen") { _, context in
            struct Fields: Decodable { var domein: String? }
            let domain = String((try context.form.decode(Fields.self).domein ?? "").prefix(120))
            try await store.confirmOrganisation(id: try context.parameters.require("organisatie"), emailDomain: domain)
            return try await overview(context, notice: "Organisatie bevestigd.")
        }
        router.post("/beheer/netwerk/organisaties/:organisatie/samenvoegen") { _, context in
            struct Fields: Decodable { var met: String? }
            guard let known = try context.form.decode(Fields.self).met, !known.isEmpty else {
                return try await overview(context, error: "Kies de organisatie waarmee je wilt samenvoegen.")
            }
            do {
                try await store.mergeOrganisation(try context.parameters.require("organisatie"), into: known)
            } catch StoreError.notAllowed(let reason) {
                return try await overview(context, error: reason)
            }
            return try await overview(context, notice: "Samengevoegd: de aanmeldingen horen nu bij de bekende organisatie, en haar eerdere deelname telt mee.")
        }
        router.post("/beheer/netwerk/bewaartermijn") { request, context in
            let (form, session) = (try context.form.decode(RetentionFields.self), try context.session)
            guard let months = form.maanden.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), months >= 1 else { return try await overview(context, error: "Bewaartermijn: vul een aantal maanden in (1 of meer).") }
            let cutoff = Retention.cutoff(today: Self.today(), months: months)
            let count = try await store.anonymiseExpired(cutoff: cutoff, by: session.user.name)
            let live = try await store.purgeLiveInputs(startedBefore: cutoff)
            return try await overview(context, notice: "\(count) \(count == 1 ? "deelnemer" : "deelnemers") geanonimiseerd (alle edities meer dan \(months) maanden geleden afgelopen); "
                                      + "van \(live) \(live == 1 ? "live sessie" : "live sessies") van vóór \(cutoff) de ruwe invoer en de namen gewist (wat in een dossier is vastgelegd, blijft).")
        }
        router.get("/beheer/netwerk/nieuwsbrief.csv") { _, context in
            var csv = CSVWriter(header: ["naam", "e-mail"])
            for person in try await store.newsletterList() { csv.append(texts: [person.name, person.email]) }
            return Self.csvResponse(csv, filename: "nieuwsbrief.csv")
        }
        router.get("/beheer/netwerk/aanmeldingen/:aanmelding") { request, context in try await registrationPage(request, context) }
        router.post("/beheer/netwerk/aanmeldingen/:aanmelding/anonimiseren") { request, context in
            let (posted, session) = (try context.form, try context.session)
            let (form, back) = (try posted.decode(Confirmation.self), try posted.decode(SmallFields.self).terug)
            guard let r = try await store.registration(id: try context.parameters.require("aanmelding")) else { throw HTTPError(.notFound, message: "Deze aanmelding bestaat niet.") }
            guard form.confirmed else {
                return pages.message("Niet geanonimiseerd", ["Vink aan dat je de gegevens van \(r.name) echt wilt anonimiseren; dat kan niet ongedaan worden gemaakt."],
                                     link: (Self.registrationHref(r.id, filter: RegistrationFilter(query: back)), "Terug naar de aanmelding"), context: context, status: .unprocessableContent)
            }
            try await store.anonymise(participantID: r.participantID, by: session.user.name)
            return Self.backToList(r, from: back)
        }
        router.get("/beheer/netwerk/post") { request, context in try await outbox(request, context) }
        router.get("/beheer/netwerk/post/:bericht") { request, context in try await outbox(request, context, id: try context.parameters.require("bericht")) }
        router.post("/beheer/netwerk/post/:bericht/opnieuw") { _, context in
            let id = try context.parameters.require("bericht")
            try await store.retryMail(id: id)
            return Response.redirect(to: "/beheer/netwerk/post/\(id)?melding=opnieuw")
        }
        router.get("/beheer/netwerk/:editie") { request, context in try await dashboard(request, context) }
        router.get("/beheer/netwerk/:editie/deelnemers.csv") { request, context in try await csv(request, context) }
        router.post("/beheer/netwerk/:editie/bewerken") { request, context in
            let form = try context.form.decode(EditionFields.self)
            let id = try context.parameters.require("editie")
            guard !form.name.isEmpty else { return try await dashboard(request, context, error: "Geef de editie een naam.") }
            do {
                try await store.updateEdition(id: id, name: form.name, description: form.description)
            } catch StoreError.notFound {
                throw HTTPError(.notFound, message: "Deze editie bestaat niet.")
            }
            return Response.redirect(to: "/beheer/netwerk/\(id)?melding=opgeslagen")
        }
        router.post("/beheer/netwerk/:editie/open") { request, context in
            let form = try context.form
            let id = try context.parameters.require("editie")
            try await store.setEditionOpen(id: id, try form.decode(SmallFields.self).open == "ja")
            return Response.redirect(to: "/beheer/netwerk/\(id)?melding=opgeslagen")
        }
        router.post("/beheer/netwerk/:editie/sessies") { request, context in
            let form = try context.form
            return try await saveSession(try context.parameters.require("editie"), sessionID: nil, form, request, context)
        }
        router.post("/beheer/netwerk/:editie/sessies/:sessie") { request, context in
            let form = try context.form
            return try await saveSession(try context.parameters.require("editie"), sessionID: try context.parameters.require("sessie"), form, request, context)
        }
        router.post("/beheer/netwerk/aanmeldingen/:aanmelding/status") { request, context in
            let (form, session) = (try context.form, try context.session)
            return try await setStatus(try context.parameters.require("aanmelding"), form, session, request, context)
        }
        router.post("/beheer/netwerk/casussen/:casus/instrument") { request, context in
            let form = try context.form
            let c = try await knownCase(context)
            guard let instrument = try form.decode(SmallFields.self).instrument, try await store.instrument(id: instrument) != nil else { throw HTTPError(.badRequest, message: "Kies een instrument.") }
            try await store.linkInstrument(instrument, caseID: c.id)
            return try await backToSession(c)
        }
        router.post("/beheer/netwerk/casussen/:casus/uitkomst") { request, context in
            let form = try context.form
            let c = try await knownCase(context)
            try await store.setOutcome(caseID: c.id, String((try form.decode(SmallFields.self).uitkomst ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(4000)))
            return try await backToSession(c)
        }
        router.get("/beheer/netwerk/instrumenten/:instrument") { _, context in try await instrumentForm(context) }
        router.post("/beheer/netwerk/instrumenten/:instrument") { request, context in
            let form = try context.form
            return try await saveInstrument(form, context)
        }
        router.post("/beheer/netwerk/aanmeldingen/:aanmelding/betaald") { request, context in
            let (form, session) = (try context.form, try context.session)
            let id = try context.parameters.require("aanmelding")
            guard let r = try await store.registration(id: id) else { throw HTTPError(.notFound, message: "Deze aanmelding bestaat niet.") }
            let fields = try form.decode(SmallFields.self)
            try await store.setPaid(registrationID: id, fields.betaald == "ja", by: session.user.name)
            return Self.backToList(r, from: fields.terug)
        }
    }

    // MARK: - Overview: editions and partner periods

    /// Today in the Netherlands.
    static func today() -> Day {
        let parts = LocalTime.calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1)
    }

    /// The outbox: the newest messages, or one message with its text (and "try again" when it failed).
    func outbox(_ request: Request, _ context: WikkenContext, id: String? = nil) async throws -> Response {
        let session = try context.session
        let all = try await store.outbox(limit: 200)
        var counts: [OutboxStatus: Int] = [:]
        for m in all { counts[m.status, default: 0] += 1 }
        let telling = OutboxStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.label)" } }.joined(separator: ", ")
        var message: OutboxPage.Message?
        if let id {
            guard let m = try await store.outboxMessage(id: id) else { throw HTTPError(.notFound, message: "Dit bericht bestaat niet.") }
            var editionID: String?
            if let r = m.registrationID { editionID = try await store.registration(id: r)?.editionID }
            message = .init(id: m.id, onderwerp: m.subject, aan: m.to, soort: m.kind?.label ?? "bericht", status: m.status.label,
                            verzonden: m.sentAt.map { LocalTime.minute(Timestamp.date($0)) }, pogingen: m.attempts, reden: m.lastError.isEmpty ? nil : m.lastError,
                            aanmelding: zip2(editionID, m.registrationID).map { "/beheer/netwerk/\($0.0)#aanmelding-\($0.1)" },
                            tekst: m.text.isEmpty ? "(tekst verwijderd: de deelnemer is geanonimiseerd)" : m.text, opnieuw: m.status == .mislukt)
        }
        let rows = id != nil ? [] : all.map { m in
            OutboxPage.Row(id: m.id, gemaakt: LocalTime.minute(Timestamp.date(m.createdAt)), aan: m.to, onderwerp: m.subject, soort: m.kind?.label ?? "bericht",
                           status: m.status.label, pogingen: m.attempts, reden: m.lastError)
        }
        let notice = request.uri.queryParameters.get("melding") == "opnieuw" ? "Het bericht staat weer klaar om te verzenden." : nil
        return pages.render(OutboxPage(csrf: session.csrf, geenVerzending: mail.command == nil, opdracht: mail.command?.first ?? "", telling: all.isEmpty ? "" : "Van de laatste \(all.count): \(telling).",
                                       heeftBerichten: !rows.isEmpty, aantal: rows.count, berichten: rows, bericht: message, melding: notice), context: context)
    }

    func overview(_ context: WikkenContext, notice: String? = nil, error: String? = nil) async throws -> Response {
        let session = try context.session
        let (partnerships, overview, organisationList, newsletter) = try await store.read { r in
            (try await r.partnerships(), try await r.editionsWithSessions(), try await r.organisations(), try await r.newsletterList().count)
        }
        let network = try await store.networkOrganisations()
        let domains = Dictionary(network.map { ($0.organisation.id, $0.emailDomain ?? "") }, uniquingKeysWith: { a, _ in a })
        let editions = overview.map { e, sessions in
            NetworkAdminPage.EditionRow(id: e.id, naam: e.name, sessies: sessions.count, open: e.open)
        }
        let organisations = organisationList.map { org in
            let periods = partnerships[org.id] ?? []
            return NetworkAdminPage.OrganisationRow(
                id: org.id, naam: org.name,
                perioden: periods.isEmpty ? "geen partner" : periods.map { "sinds \($0.since.dutch)" + ($0.until.map { " tot en met \($0.dutch)" } ?? "") }.joined(separator: "; "),
                domein: domains[org.id] ?? "")
        }
        let proposed = network.filter(\.proposed).map { NetworkAdminPage.ProposedRow(id: $0.organisation.id, naam: $0.organisation.name, domein: $0.emailDomain ?? "") }
        let page = NetworkAdminPage(csrf: session.csrf, edities: editions, organisaties: organisations, nieuwsbrief: newsletter,
                                    bewaartermijn: Retention.defaultMonths, melding: notice, fout: error,
                                    voorgesteld: proposed, heeftVoorgesteld: !proposed.isEmpty,
                                    bekend: organisationList.map { .init(id: $0.id, naam: $0.name, domein: domains[$0.id] ?? "") })
        return pages.render(page, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    /// A partner period: from (and possibly until) a day, as typed.
    struct PartnershipFields: Decodable {
        var sinds: String?
        var tot: String?
    }

    func addPartnership(_ organisationID: String, _ posted: Form, _ context: WikkenContext) async throws -> Response {
        let form = try posted.decode(PartnershipFields.self)
        guard let org = try await store.organisation(id: organisationID) else { return try await overview(context, error: "Deze organisatie bestaat niet.") }
        guard let since = Day((form.sinds ?? "").trimmingCharacters(in: .whitespaces)) else {
            return try await overview(context, error: "Partner sinds: vul een datum in (jjjj-mm-dd).")
        }
        let untilText = (form.tot ?? "").trimmingCharacters(in: .whitespaces)
        let until = untilText.isEmpty ? nil : Day(untilText)
        if !untilText.isEmpty && until == nil { return try await overview(context, error: "Partner tot en met: ‘\(untilText)’ is geen datum (jjjj-mm-dd).") }
        if let until, until < since { return try await overview(context, error: "Partner tot en met ligt vóór partner sinds.") }
        var periods = try await store.partnerships()[organisationID] ?? []
        // A new period closes an open one that started earlier (partner until the day before).
        periods = periods.map { p in
            var p = p
            if p.until == nil, p.since < since { p.until = since.adding(days: -1) }
            return p
        }.filter { $0.since != since }
        periods.append(Partnership(since: since, until: until))
        try await store.setPartnerships(organisationID: organisationID, periods.sorted { $0.since < $1.since })
        return try await overview(context, notice: "Partnerschap van \(org.name) vastgelegd.")
    }

    // MARK: - Dashboard of one edition

    func dashboard(_ request: Request, _ context: WikkenContext, error: String? = nil) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("editie")
        guard let overview = try await store.read({ try await $0.editionOverview(id: id) }) else { throw HTTPError(.notFound, message: "Deze editie bestaat niet.") }
        let (edition, sessions, registrations, partnerships) = (overview.edition, overview.sessions, overview.registrations, overview.partnerships)
        let held = registrations.filter { $0.status.holdsSeat }.count
        let capacity = Admission.capacity(sessions)
        let filter = RegistrationFilter(query: request.uri.queryParameters.get("toon"))
        let saved = request.uri.queryParameters.get("opgeslagen")

        func row(_ r: RegistrationRecord) -> EditionAdminPage.Registration {
            .init(id: r.id, href: Self.registrationHref(r.id, filter: filter), naam: r.name, email: r.email, organisatie: r.organisationName, status: r.status.label,
                  volgorde: r.arrival, bijdrage: Self.fee(r), betaald: r.paid,
                  zoekt: r.needs, intakeOp: r.intakeOn.flatMap(Day.init).map(\.dutch) ?? r.intakeOn,
                  signalen: Self.flags(r, sessions: sessions, partnerships: partnerships).joined(separator: "; "),
                  geanonimiseerd: r.anonymised, opgeslagen: r.id == saved)
        }
        let live = registrations.filter { $0.status != .afgemeld && $0.status != .afgewezen }
        let due = registrations.filter(RegistrationFilter.onbetaald.includes)
        let pending = live.filter { $0.feeCents > 0 && $0.status != .toegelaten && $0.status != .wachtlijst }
        let shown = registrations.filter(filter.includes)
        var notice = request.uri.queryParameters.get("melding").map { $0 == "editie" ? "Editie aangemaakt. Voeg nu de werksessies toe." : "Opgeslagen." }
        // A save that takes a registration out of the list it came from says so, instead of a list without it.
        if let saved, let r = registrations.first(where: { $0.id == saved }), !filter.includes(r) {
            notice = "\(r.name) is opgeslagen (\(r.status.label)) en staat daarom niet meer in deze selectie."
        }
        let page = EditionAdminPage(
            titel: "\(edition.name) — netwerkbeheer", id: edition.id, naam: edition.name, omschrijving: edition.description, open: edition.open, csrf: session.csrf,
            sessies: sessions.map { s in
                .init(id: s.id, nummer: s.number, datum: s.date.description, datumTekst: s.date.dutch, begin: s.start.description, eind: s.end.description,
                      plaats: s.place, plaatsTekst: s.placeText, thema: s.theme, agenda: s.agenda, plaatsen: s.seats,
                      bezet: held, vrij: max(0, s.seats - held), versie: s.sequence, editie: edition.id)
            },
            capaciteit: capacity, bezet: held,
            intakes: registrations.filter(RegistrationFilter.intake.includes).map(row),
            wachtlijst: registrations.filter { $0.status == .wachtlijst }.map(row),
            bijdragen: registrations.filter { $0.feeCents > 0 && $0.status == .toegelaten }.map(row),
            filters: RegistrationFilter.allCases.compactMap { f in
                let count = registrations.filter(f.includes).count
                // Statuses nobody has are left out; the three working lists always show.
                guard count > 0 || [.alle, .intake, .onbetaald].contains(f) else { return nil }
                return .init(href: "/beheer/netwerk/\(edition.id)\(f == .alle ? "" : "?toon=\(f.rawValue)")#aanmeldingen", tekst: "\(f.label) (\(count))", actief: f == filter)
            },
            lijstKop: filter == .alle ? "Alle aanmeldingen (\(registrations.count))" : "\(filter.label): \(shown.count) van \(registrations.count) aanmeldingen",
            toon: filter == .alle ? nil : filter.rawValue,
            aanmeldingen: shown.map(row), heeftAanmeldingen: !shown.isEmpty,
            signalen: live.compactMap { r -> String? in
                guard r.partner, let orgID = r.organisationID, let ends = Admission.partnershipEnds(partnerships[orgID] ?? [], sessions: sessions) else { return nil }
                return "\(r.name) (\(r.organisationName)): het partnerschap loopt af vóór sessie \(ends.number) op \(ends.date.dutch). Deze editie blijft gratis; bij een volgende aanmelding geldt de bijdrage."
            },
            openBedrag: Admission.euros(due.map(\.feeCents).reduce(0, +)),
            naToelating: pending.isEmpty ? nil
                : "Nog niet toegelaten: \(counted(pending.count, "niet-partner", "niet-partners")); bij toelating \(Admission.euros(pending.map(\.feeCents).reduce(0, +))).",
            melding: notice, fout: error)
        return pages.render(page, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    /// What the organiser should notice about a registration: a partnership that ends during the
    /// edition, a request for deletion.
    static func flags(_ r: RegistrationRecord, sessions: [WorkingSession], partnerships: [String: [Partnership]]) -> [String] {
        var flags: [String] = []
        if r.partner, let orgID = r.organisationID, let ends = Admission.partnershipEnds(partnerships[orgID] ?? [], sessions: sessions) {
            flags.append("partnerschap loopt af vóór sessie \(ends.number) (\(ends.date.dutch))")
        }
        if r.deletionRequested { flags.append("vraagt om verwijdering van gegevens") }
        return flags
    }

    /// A registration's contribution as the organiser reads it.
    static func fee(_ r: RegistrationRecord) -> String { r.feeCents == 0 ? "gratis (partner)" : Admission.euros(r.feeCents) }

    static func registrationHref(_ id: String, filter: RegistrationFilter) -> String {
        "/beheer/netwerk/aanmeldingen/\(id)" + (filter == .alle ? "" : "?toon=\(filter.rawValue)")
    }

    /// Back to the edition's list after a change on a registration's page, filtered as it was,
    /// at the registration's row (or its line under "Bijdragen"), marked as saved.
    static func backToList(_ r: RegistrationRecord, from posted: String?) -> Response {
        if posted == "bijdragen" { return Response.redirect(to: "/beheer/netwerk/\(r.editionID)?opgeslagen=\(r.id)#bijdrage-\(r.id)") }
        let filter = RegistrationFilter(query: posted)
        return Response.redirect(to: "/beheer/netwerk/\(r.editionID)?\(filter == .alle ? "" : "toon=\(filter.rawValue)&")opgeslagen=\(r.id)#aanmelding-\(r.id)")
    }

    /// One registration on its own page.
    func registrationPage(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("aanmelding")
        let read = try await store.read { reader -> (RegistrationRecord, EditionOverview, [RegistrationEvent])? in
            guard let r = try await reader.registration(id: id), let overview = try await reader.editionOverview(id: r.editionID) else { return nil }
            return (r, overview, try await reader.events(registrationID: id))
        }
        guard let (r, overview, events) = read else { throw HTTPError(.notFound, message: "Deze aanmelding bestaat niet.") }
        let mails = try await store.outbox(registrationID: id)
        let filter = RegistrationFilter(query: request.uri.queryParameters.get("toon"))
        let back = "/beheer/netwerk/\(r.editionID)\(filter == .alle ? "" : "?toon=\(filter.rawValue)")#aanmelding-\(r.id)"
        let page = RegistrationAdminPage(
            titel: "\(r.name) — \(overview.edition.name)", id: r.id, editieID: r.editionID, editie: overview.edition.name, csrf: session.csrf,
            toon: filter == .alle ? nil : filter.rawValue, terug: back, naam: r.name, email: r.email, telefoon: r.phone.isEmpty ? nil : r.phone,
            organisatie: r.organisationName, functie: r.function, status: r.status.label, volgorde: r.arrival,
            bijdrage: Self.fee(r) + (r.feeCents == 0 || r.status == .toegelaten ? "" : " (te betalen na toelating)"),
            betaalbaar: r.feeCents > 0 && r.status == .toegelaten, betaald: r.paid,
            zoekt: r.needs.isEmpty ? nil : r.needs, brengt: r.brings.isEmpty ? nil : r.brings, intakeOp: r.intakeOn,
            notities: r.intakeNotes.isEmpty ? nil : r.intakeNotes,
            signalen: Self.flags(r, sessions: overview.sessions, partnerships: overview.partnerships),
            volgende: r.status.next.map { .init(waarde: $0.rawValue, tekst: $0.label) }, kanVerder: !r.status.next.isEmpty && !r.anonymised,
            geanonimiseerd: r.anonymised,
            geschiedenis: events.map { e in
                .init(wanneer: LocalTime.minute(Timestamp.date(e.at)), wat: e.note.isEmpty ? RegistrationStatus(rawValue: e.status)?.label ?? e.status : e.note, door: e.by)
            },
            post: mails.map { .init(href: "/beheer/netwerk/post/\($0.id)", onderwerp: $0.subject, status: $0.status.label, wanneer: LocalTime.minute(Timestamp.date($0.createdAt))) })
        return pages.render(page, context: context)
    }

    /// A working session's form: day, times, place, theme, programme and seats, as typed.
    struct SessionFields: Decodable {
        var datum, begin, eind, plaats, thema, agenda, plaatsen: String?
    }

    func saveSession(_ editionID: String, sessionID: String?, _ posted: Form, _ request: Request, _ context: WikkenContext) async throws -> Response {
        let form = try posted.decode(SessionFields.self)
        func field(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var problems: [String] = []
        let date = Day(field(form.datum)), start = TimeOfDay(field(form.begin)), end = TimeOfDay(field(form.eind)), seats = Int(field(form.plaatsen))
        if date == nil { problems.append("Datum: vul een datum in (jjjj-mm-dd).") }
        if start == nil || end == nil { problems.append("Tijd: vul begin en eind in als uu:mm, bijvoorbeeld 12:00 en 16:30.") }
        if let start, let end, end <= start { problems.append("Tijd: het eind ligt niet na het begin.") }
        if seats.map({ !(1...1000).contains($0) }) ?? true { problems.append("Plaatsen: vul een aantal van 1 tot en met 1.000 in.") }
        guard problems.isEmpty, let date, let start, let end, let seats else {
            return try await dashboard(request, context, error: problems.joined(separator: " "))
        }
        let place = field(form.plaats).isEmpty ? nil : field(form.plaats)
        if let sessionID {
            guard var s = try await store.sessions(editionID: editionID).first(where: { $0.id == sessionID }) else { throw HTTPError(.notFound, message: "Deze sessie bestaat niet.") }
            s.date = date; s.start = start; s.end = end; s.place = place; s.theme = field(form.thema); s.agenda = field(form.agenda); s.seats = seats
            _ = try await store.updateSession(s)
        } else {
            do {
                _ = try await store.addSession(editionID: editionID, date: date, start: start, end: end, place: place, theme: field(form.thema), agenda: field(form.agenda), seats: seats)
            } catch StoreError.notFound {
                throw HTTPError(.notFound, message: "Deze editie bestaat niet.")
            }
        }
        return Response.redirect(to: "/beheer/netwerk/\(editionID)?melding=opgeslagen")
    }

    /// A registration's next step: the status, the intake day and the organiser's notes.
    struct StatusFields: Decodable {
        var status: String?
        var intakeOp: String?
        var notities: String?
        /// The list filter to return to.
        var terug: String?

        enum CodingKeys: String, CodingKey {
            case status, intakeOp = "intake-op", notities, terug
        }
    }

    func setStatus(_ id: String, _ posted: Form, _ session: Session, _ request: Request, _ context: WikkenContext) async throws -> Response {
        let form = try posted.decode(StatusFields.self)
        guard let r = try await store.registration(id: id) else { throw HTTPError(.notFound, message: "Deze aanmelding bestaat niet.") }
        guard let status = form.status.flatMap(RegistrationStatus.init(rawValue:)) else { throw HTTPError(.badRequest, message: "Kies een status.") }
        let back = (Self.registrationHref(id, filter: RegistrationFilter(query: form.terug)), "Terug naar de aanmelding van \(r.name)")
        let dayText = (form.intakeOp ?? "").trimmingCharacters(in: .whitespaces)
        let day = dayText.isEmpty ? nil : Day(dayText)
        if status == .intakeGepland && day == nil {
            return pages.message("Niet opgeslagen", ["Vul bij een geplande intake de datum in (jjjj-mm-dd)."], link: back, context: context, status: .unprocessableContent)
        }
        let notes = form.notities.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        do {
            try await store.setStatus(registrationID: id, to: status, by: session.user.name, intakeOn: day, intakeNotes: notes.flatMap { $0.isEmpty ? nil : $0 })
        } catch StoreError.notAllowed(let reason) {
            return pages.message("Niet opgeslagen", [reason], link: back, context: context, status: .unprocessableContent)
        }
        return Self.backToList(r, from: form.terug)
    }

    // MARK: - Cases and instruments

    func knownCase(_ context: WikkenContext) async throws -> CaseRecord {
        guard let c = try await store.case(id: try context.parameters.require("casus")) else { throw HTTPError(.notFound, message: "Deze casus bestaat niet.") }
        return c
    }

    func backToSession(_ c: CaseRecord) async throws -> Response {
        guard let session = try await store.session(id: c.sessionID) else { throw HTTPError(.notFound) }
        return Response.redirect(to: "/netwerk/\(session.editionID)/sessies/\(session.number)#c-\(c.id)")
    }

    func instrumentForm(_ context: WikkenContext, typed: InstrumentCard? = nil, error: String? = nil) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("instrument")
        let card: InstrumentCard
        if let typed { card = typed } else if id == "nieuw" {
            card = InstrumentCard(id: "", name: "", origin: "netwerk", summary: "", whenToUse: "", steps: "", pitfalls: "")
        } else {
            guard let found = try await store.instrument(id: id) else { throw HTTPError(.notFound, message: "Dit instrument bestaat niet.") }
            card = found
        }
        let page = InstrumentFormPage(titel: id == "nieuw" ? "Nieuw instrument" : "Instrument bewerken", kop: id == "nieuw" ? "Nieuw instrument" : "‘\(card.name)’ bewerken",
                                      id: id, csrf: session.csrf, naam: card.name, samenvatting: card.summary, wanneer: card.whenToUse,
                                      stappen: card.steps, valkuilen: card.pitfalls, netwerk: card.origin != "wikken", fout: error)
        return pages.render(page, context: context, status: error == nil ? .ok : .unprocessableContent)
    }

    /// An instrument card's form.
    struct InstrumentFields: Decodable {
        var naam, herkomst, samenvatting, wanneer, stappen, valkuilen: String?
    }

    func saveInstrument(_ posted: Form, _ context: WikkenContext) async throws -> Response {
        let id = try context.parameters.require("instrument")
        let form = try posted.decode(InstrumentFields.self)
        func field(_ value: String?) -> String { String((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(4000)) }
        let card = InstrumentCard(id: id == "nieuw" ? "" : id, name: field(form.naam), origin: form.herkomst == "wikken" ? "wikken" : "netwerk", summary: field(form.samenvatting),
                                  whenToUse: field(form.wanneer), steps: field(form.stappen), pitfalls: field(form.valkuilen))
        guard !card.name.isEmpty, !card.summary.isEmpty else { return try await instrumentForm(context, typed: card, error: "Geef het instrument een naam en zeg wat het doet.") }
        if id != "nieuw", try await store.instrument(id: id) == nil { throw HTTPError(.notFound, message: "Dit instrument bestaat niet.") }
        let saved = try await store.saveInstrument(card)
        return Response.redirect(to: "/netwerk/instrumenten/\(saved.id)")
    }

    /// Participants of an edition as CSV (semicolon separated, as Dutch spreadsheet programs
    /// expect; fields quoted; UTF-8 with a byte order mark so accents survive), filtered as the
    /// list on the page (`?toon=`).
    func csv(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let id = try context.parameters.require("editie")
        guard try await store.edition(id: id) != nil else { throw HTTPError(.notFound, message: "Deze editie bestaat niet.") }
        let filter = RegistrationFilter(query: request.uri.queryParameters.get("toon"))
        var csv = CSVWriter(header: ["volgorde", "naam", "e-mail", "telefoon", "functie", "organisatie", "status", "partner", "bijdrage_euro", "betaald", "intake_op", "aangemeld_op"])
        for r in try await store.registrations(editionID: id) where filter.includes(r) {
            csv.append([.plain(String(r.arrival)), .text(r.name), .text(r.email), .text(r.phone), .text(r.function), .text(r.organisationName), .plain(r.status.rawValue),
                        .plain(r.partner ? "ja" : "nee"), .plain(String(format: "%d,%02d", r.feeCents / 100, r.feeCents % 100)), .plain(r.paid ? "ja" : "nee"),
                        .plain(r.intakeOn ?? ""), .plain(LocalTime.day(Timestamp.date(r.createdAt)))])
        }
        return Self.csvResponse(csv, filename: "deelnemers-\(id)\(filter == .alle ? "" : "-\(filter.rawValue)").csv")
    }

    static func csvResponse(_ csv: CSVWriter, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(string: csv.text)))
    }
}

/// Both values, or nil.
func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
