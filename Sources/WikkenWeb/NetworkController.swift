import Foundation
import Hummingbird
import WikkenCore
import WikkenNetwork
import WikkenStore

/// The network *Wikken en wegen*: public pages per edition with the registration form (no
/// account needed), each participant's own page behind a personal link, iCalendar files, and
/// the organiser's dashboard. The rules live in `WikkenNetwork.Admission`; the store applies
/// them in one unit of work.
struct NetworkController {
    let store: Store
    let pages: Pages
    /// The domain part of calendar UIDs: fixed, so a UID never changes with the server's address.
    let domain = "wikken-en-wegen.invalid"

    func add(to router: Router<WikkenContext>) {
        router.get("/netwerk") { _, context in try await overview(context) }
        router.get("/netwerk/deelname/:token") { request, context in try await participation(request, context) }
        router.get("/netwerk/deelname/:token/agenda.ics") { _, context in try await personalCalendar(context) }
        router.get("/netwerk/deelname/:token/gegevens.json") { _, context in try await ownData(context) }
        router.post("/netwerk/deelname/:token/afmelden") { request, context in try await withdraw(request, context) }
        router.get("/netwerk/:editie") { _, context in try await editionPage(context) }
        router.post("/netwerk/:editie/aanmelden") { request, context in try await register(request, context) }
        router.get("/netwerk/:editie/agenda.ics") { _, context in try await editionCalendar(context) }
    }

    // MARK: - Public pages

    func overview(_ context: WikkenContext) async throws -> Response {
        var rows: [[String: Any]] = []
        for edition in try await store.editions() {
            let sessions = try await store.sessions(editionID: edition.id)
            rows.append(["id": edition.id, "naam": edition.name, "omschrijving": edition.description, "open": edition.open,
                         "eerste": Admission.referenceDay(sessions)?.dutch ?? "nog niet gepland", "aantal": sessions.count])
        }
        return pages.render("netwerk", ["titel": "Wikken en wegen", "edities": rows], context: context)
    }

    func edition(_ context: WikkenContext) async throws -> (Edition, [WorkingSession]) {
        guard let edition = try await store.edition(id: try context.parameters.require("editie")) else {
            throw HTTPError(.notFound, message: "Deze editie bestaat niet.")
        }
        return (edition, try await store.sessions(editionID: edition.id))
    }

    static func sessionRows(_ sessions: [WorkingSession]) -> [[String: Any]] {
        sessions.map { s in
            ["nummer": s.number, "datum": s.date.dutch, "tijd": "\(s.start)–\(s.end)", "plaats": s.placeText, "thema": s.theme,
             "agenda": s.agenda, "plaatsen": s.seats]
        }
    }

    func editionPage(_ context: WikkenContext, typed: [String: String] = [:], problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (edition, sessions) = try await edition(context)
        let partnerships = try await store.partnerships()
        let day = Admission.referenceDay(sessions)
        let organisations = try await store.organisations()
        let partners = organisations.filter { org in day.map { Admission.isPartner(partnerships[org.id] ?? [], on: $0) } ?? false }
        let held = try await store.registrations(editionID: edition.id).filter { $0.status.holdsSeat }.count
        let capacity = Admission.capacity(sessions)
        var values: [String: Any] = [
            "titel": "\(edition.name) — Wikken en wegen", "id": edition.id, "naam": edition.name, "omschrijving": edition.description,
            "open": edition.open && !sessions.isEmpty, "sessies": Self.sessionRows(sessions), "regels": Admission.rules,
            "partners": partners.map(\.name), "heeftPartners": !partners.isEmpty, "peildatum": day?.dutch ?? "",
            "organisaties": organisations.map { ["id": $0.id, "naam": $0.name, "gekozen": typed["organisatie"] == $0.id] },
            "vol": held >= capacity, "vrij": max(0, capacity - held), "capaciteit": capacity,
            "nieuwsbriefTekst": Store.newsletterWording,
        ]
        for key in ["naam", "email", "telefoon", "functie", "andere", "zoekt", "brengt"] { values["v-\(key)"] = typed[key] ?? "" }
        values["v-nieuwsbrief"] = typed["nieuwsbrief"] == "ja"
        return pages.render("editie", values.merging(DossierController.problemValues(problems)) { $1 }, context: context, status: status)
    }

    func register(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (edition, _) = try await edition(context)
        let form = try await Form.read(request)
        var typed: [String: String] = [:]
        for key in ["naam", "email", "telefoon", "functie", "organisatie", "andere", "zoekt", "brengt", "nieuwsbrief"] {
            typed[key] = (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var problems: [String] = []
        if typed["naam"]!.isEmpty { problems.append("Naam: vul je naam in.") }
        let email = typed["email"]!
        if !(email.contains("@") && email.contains(".") && !email.contains(" ")) { problems.append("E-mailadres: vul een geldig e-mailadres in, zoals naam@corporatie.nl.") }
        if typed["functie"]!.isEmpty { problems.append("Functie: vul je functie in, bijvoorbeeld strateeg.") }
        let organisationID = typed["organisatie"]!.isEmpty || typed["organisatie"] == "anders" ? nil : typed["organisatie"]
        if let organisationID, try await store.organisation(id: organisationID) == nil { problems.append("Organisatie: kies een organisatie uit de lijst.") }
        if organisationID == nil && typed["andere"]!.isEmpty { problems.append("Organisatie: kies je organisatie, of vul bij ‘Andere organisatie’ de naam in.") }
        guard problems.isEmpty else { return try await editionPage(context, typed: typed, problems: problems, status: .unprocessableContent) }
        let outcome = try await store.register(editionID: edition.id, RegistrationForm(
            name: String(typed["naam"]!.prefix(120)), email: email, phone: String(typed["telefoon"]!.prefix(40)), function: String(typed["functie"]!.prefix(120)),
            organisationID: organisationID, organisationName: String(typed["andere"]!.prefix(120)),
            needs: String(typed["zoekt"]!.prefix(2000)), brings: String(typed["brengt"]!.prefix(2000)), newsletter: typed["nieuwsbrief"] == "ja"))
        switch outcome {
        case .refused(let refusal):
            return try await editionPage(context, typed: typed, problems: [refusal.message], status: .unprocessableContent)
        case .registered(_, let token):
            return Response.redirect(to: "/netwerk/deelname/\(token)?melding=aangemeld")
        }
    }

    // MARK: - A participant's own page

    func registration(_ context: WikkenContext) async throws -> RegistrationRecord {
        guard let r = try await store.registration(token: try context.parameters.require("token")), !r.anonymised else {
            throw HTTPError(.notFound, message: "Deze link klopt niet (meer). Vraag de organisator om hulp.")
        }
        return r
    }

    func participation(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let r = try await registration(context)
        let token = try context.parameters.require("token")
        guard let edition = try await store.edition(id: r.editionID) else { throw HTTPError(.notFound) }
        let sessions = try await store.sessions(editionID: edition.id)
        let all = try await store.registrations(editionID: edition.id)
        let position = Waitlist.position(of: r.id, in: all.map { Waitlist.Entry(id: $0.id, status: $0.status, arrival: $0.arrival) })
        var values: [String: Any] = [
            "titel": "Je aanmelding — \(edition.name)", "editie": edition.name, "editieID": edition.id, "token": token,
            "naam": r.name, "organisatie": r.organisationName, "status": r.status.label, "sessies": Self.sessionRows(sessions),
            "uitleg": Self.explain(r, position: position), "kanAfmelden": r.status.next.contains(.afgemeld),
            "geschiedenis": try await store.events(registrationID: r.id).map { ["wanneer": String($0.at.prefix(10)), "wat": $0.note.isEmpty ? RegistrationStatus(rawValue: $0.status)?.label ?? $0.status : $0.note] },
        ]
        switch request.uri.queryParameters.get("melding") {
        case "aangemeld": values["melding"] = "Je aanmelding is ontvangen. Bewaar de link van deze pagina: hier zie je hoe het ervoor staat, en hier kun je je afmelden."
        case "afgemeld": values["melding"] = "Je bent afgemeld. Je plaats gaat naar de eerste op de wachtlijst."
        default: break
        }
        return pages.render("deelname", values, context: context)
    }

    /// What a participant reads about their registration: status, fee, waitlist, next step.
    static func explain(_ r: RegistrationRecord, position: Int?) -> [String] {
        var lines: [String] = []
        switch r.status {
        case .aangemeld: lines.append("Je hebt een plaats. De organisator neemt contact met je op voor een kort intakegesprek.")
        case .intakeGepland: lines.append("Je intakegesprek is gepland\(r.intakeOn.flatMap(Day.init).map { " op \($0.dutch)" } ?? "").")
        case .intakeGehouden: lines.append("Je intakegesprek is gehouden. Je hoort binnenkort of je bent toegelaten.")
        case .toegelaten: lines.append("Je bent toegelaten. Welkom bij Wikken en wegen!")
        case .wachtlijst: lines.append("Alle plaatsen zijn bezet. Je staat op de wachtlijst\(position.map { ", op plaats \($0)" } ?? ""). Komt er een plaats vrij, dan krijg je die op volgorde van aanmelding.")
        case .afgewezen: lines.append("Je bent helaas niet toegelaten. De organisator heeft je laten weten waarom.")
        case .afgemeld: lines.append("Je bent afgemeld.")
        }
        if r.partner {
            lines.append("Je organisatie is partner van Platform31: je doet gratis mee.")
        } else if r.status != .afgemeld && r.status != .afgewezen {
            lines.append("Je organisatie is geen partner van Platform31. Meedoen kost eenmalig \(Admission.euros(r.feeCents)); je krijgt een factuur na toelating\(r.paid ? " (betaald)" : ""). Daarna kun je alleen opnieuw meedoen als je organisatie partner wordt.")
        }
        return lines
    }

    func withdraw(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let r = try await registration(context)
        let token = try context.parameters.require("token")
        let form = try await Form.read(request)
        guard form["zeker"] == "ja" else {
            return pages.message("Niet afgemeld", ["Vink aan dat je je echt wilt afmelden."], link: ("/netwerk/deelname/\(token)", "Terug naar je aanmelding"), context: context, status: .unprocessableContent)
        }
        do {
            try await store.setStatus(registrationID: r.id, to: .afgemeld, by: r.name, note: "Zelf afgemeld.")
        } catch StoreError.notAllowed(let reason) {
            return pages.message("Niet afgemeld", [reason], link: ("/netwerk/deelname/\(token)", "Terug naar je aanmelding"), context: context, status: .unprocessableContent)
        }
        return Response.redirect(to: "/netwerk/deelname/\(token)?melding=afgemeld")
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
        }
        let export = Export(naam: r.name, email: r.email, telefoon: r.phone, functie: r.function, organisatie: r.organisationName, editie: r.editionID,
                            status: r.status.label, aangemeldOp: r.createdAt, partner: r.partner, bijdrageInEuro: Double(r.feeCents) / 100, betaald: r.paid,
                            zoekt: r.needs, brengt: r.brings, intakeOp: r.intakeOn,
                            intakeNotities: r.intakeNotes.isEmpty ? "geen" : "er zijn notities van het intakegesprek; vraag de organisator om inzage",
                            geschiedenis: try await store.events(registrationID: r.id))
        var response = APIController.json(export)
        response.headers[.contentDisposition] = "attachment; filename=\"mijn-gegevens-wikken-en-wegen.json\""
        return response
    }
}
