import Foundation
import Hummingbird
import WikkenNetwork
import WikkenStore

/// The network in the JSON API: editions and registering are open (as the public pages), the
/// registrations of an edition and status changes are for organisers (token of a beheerder).
extension APIController {
    static let networkRoutes: [Route] = [
        Route(method: .get, path: "/api/netwerk/edities", summary: "De edities met hun werksessies en vrije plaatsen", responses: [200], access: .open),
        Route(method: .get, path: "/api/netwerk/edities/:id", summary: "Eén editie met haar werksessies en vrije plaatsen", responses: [200, 404], access: .open),
        Route(method: .post, path: "/api/netwerk/edities/:id/aanmeldingen",
              summary: "Aanmelden (zoals het formulier): naam, email, functie, organisatie (id) of andereOrganisatie, zoekt, brengt, nieuwsbrief",
              responses: [201, 404, 422], access: .open,
              body: .object(["naam": "string", "email": "string", "telefoon": "string", "functie": "string", "organisatie": "string", "andereOrganisatie": "string",
                             "zoekt": "string", "brengt": "string", "nieuwsbrief": "boolean"], required: ["naam", "email", "functie"])),
        Route(method: .post, path: "/api/netwerk/deelname/:id/afmelden", summary: "Afmelden met de persoonlijke link (id = de code uit de link); de plaats gaat naar de eerste op de wachtlijst",
              responses: [200, 404, 422], access: .open),
        Route(method: .post, path: "/api/netwerk/edities", summary: "Een nieuwe editie: naam, omschrijving (beheerders)", responses: [201, 401, 403, 422], access: .organiser,
              body: .object(["naam": "string", "omschrijving": "string"], required: ["naam"])),
        Route(method: .post, path: "/api/netwerk/edities/:id/sessies", summary: "Een werksessie toevoegen: datum, begin, eind, plaats, thema, programma, plaatsen (beheerders)",
              responses: [201, 401, 403, 404, 422], access: .organiser,
              body: .object(["datum": "string", "begin": "string", "eind": "string", "plaats": "string", "thema": "string", "programma": "string", "plaatsen": "integer"],
                            required: ["datum", "begin", "eind", "plaatsen"])),
        Route(method: .post, path: "/api/netwerk/casussen/:id/dossier", summary: "Een casus wordt een dossier (beheerders, en strategen van de organisatie die de casus inbracht); antwoordt met de id van het dossier",
              responses: [201, 401, 403, 404], access: .token),
        Route(method: .get, path: "/api/netwerk/edities/:id/aanmeldingen", summary: "Alle aanmeldingen van een editie, met intakenotities (beheerders)",
              responses: [200, 401, 403, 404], access: .organiser),
        Route(method: .post, path: "/api/netwerk/aanmeldingen/:id/status", summary: "Status van een aanmelding wijzigen: status, intakeOp, notities (beheerders)",
              responses: [200, 401, 403, 404, 422], access: .organiser,
              body: .object(["status": "string", "intakeOp": "string", "notities": "string"], required: ["status"])),
    ]

    struct SessionJSON: Encodable {
        var nummer: Int, datum: String, begin: String, eind: String, plaats: String?, thema: String, plaatsen: Int, volgnummer: Int
        init(_ s: WorkingSession) {
            nummer = s.number; datum = s.date.description; begin = s.start.description; eind = s.end.description
            plaats = s.place; thema = s.theme; plaatsen = s.seats; volgnummer = s.sequence
        }
    }

    struct EditionJSON: Encodable {
        var id: String, naam: String, omschrijving: String, open: Bool, plaatsen: Int, vrij: Int, regels: [String], sessies: [SessionJSON]
    }

    struct RegistrationJSON: Encodable {
        var id: String, naam: String, email: String, organisatie: String, functie: String, status: String, volgorde: Int
        var partner: Bool, bijdrageInEuro: Double, betaald: Bool, zoekt: String, brengt: String, intakeOp: String?, intakeNotities: String
        init(_ r: RegistrationRecord) {
            id = r.id; naam = r.name; email = r.email; organisatie = r.organisationName; functie = r.function; status = r.status.rawValue; volgorde = r.arrival
            partner = r.partner; bijdrageInEuro = Double(r.feeCents) / 100; betaald = r.paid; zoekt = r.needs; brengt = r.brings; intakeOp = r.intakeOn; intakeNotities = r.intakeNotes
        }
    }

    func editionJSON(_ edition: Edition) async throws -> EditionJSON {
        let sessions = try await store.sessions(editionID: edition.id)
        let held = try await store.registrations(editionID: edition.id).filter { $0.status.holdsSeat }.count
        return Self.editionJSON(edition, sessions: sessions, held: held)
    }

    static func editionJSON(_ edition: Edition, sessions: [WorkingSession], held: Int) -> EditionJSON {
        let capacity = Admission.capacity(sessions)
        return EditionJSON(id: edition.id, naam: edition.name, omschrijving: edition.description, open: edition.open, plaatsen: capacity,
                           vrij: max(0, capacity - held), regels: Admission.rules, sessies: sessions.map(SessionJSON.init))
    }

    func handleNetwork(_ route: Route, _ request: Request, _ context: WikkenContext) async throws -> Response {
        func edition() async throws -> Edition {
            guard let e = try await store.edition(id: try context.parameters.require("id")) else { throw StoreError.notFound }
            return e
        }
        func body() async throws -> [String: Any] {
            let data = Data(String(buffer: try await request.body.collect(upTo: 100_000)).utf8)
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw StoreError.notAllowed("Stuur een JSON-object, bijvoorbeeld {\"naam\": \"…\", \"email\": \"…\"}.")
            }
            return object
        }
        switch (route.method, route.path) {
        case (.get, "/api/netwerk/edities"):
            // Three queries whatever the number of editions (was two per edition).
            let (editions, held) = try await store.read { r in (try await r.editionsWithSessions(), try await r.seatsHeld()) }
            return JSONResponse.encode(editions.map { Self.editionJSON($0.edition, sessions: $0.sessions, held: held[$0.edition.id] ?? 0) })
        case (.get, "/api/netwerk/edities/:id"):
            return JSONResponse.encode(try await editionJSON(try await edition()))
        case (.post, "/api/netwerk/edities/:id/aanmeldingen"):
            if let wait = await registrationLimit.admit(context.clientAddress(of: request, trustingProxy: trustProxy)) {
                throw Problem(.tooManyRequests, "Te veel aanmeldingen van dit adres kort na elkaar; probeer het over \(NetworkController.minutes(wait)) opnieuw.")
            }
            let e = try await edition()
            let b = try await body()
            func text(_ key: String) -> String { ((b[key] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            var problems: [String] = []
            if text("naam").isEmpty { problems.append("naam ontbreekt") }
            if !text("email").contains("@") { problems.append("email is geen e-mailadres") }
            if text("functie").isEmpty { problems.append("functie ontbreekt") }
            let organisation = text("organisatie").isEmpty ? nil : text("organisatie")
            if let organisation, try await store.organisation(id: organisation) == nil { problems.append("organisatie '\(organisation)' bestaat niet") }
            if organisation == nil && text("andereOrganisatie").isEmpty { problems.append("geef organisatie (id) of andereOrganisatie") }
            guard problems.isEmpty else { throw Problem(.unprocessableContent, "De aanmelding is niet compleet.", details: problems) }
            let outcome = try await store.register(editionID: e.id, RegistrationForm(
                name: text("naam"), email: text("email"), phone: text("telefoon"), function: text("functie"), organisationID: organisation,
                organisationName: text("andereOrganisatie"), needs: text("zoekt"), brings: text("brengt"), newsletter: b["nieuwsbrief"] as? Bool ?? false))
            switch outcome {
            case .refused(let refusal):
                throw Problem(.unprocessableContent, refusal.message(contact: store.contact))
            case .registered(let r, let token):
                struct Created: Encodable { var status: String; var partner: Bool; var bijdrageInEuro: Double; var link: String; var uitleg: [String] }
                let all = try await store.registrations(editionID: e.id).map { Waitlist.Entry(id: $0.id, status: $0.status, arrival: $0.arrival) }
                return JSONResponse.encode(Created(status: r.status.rawValue, partner: r.partner, bijdrageInEuro: Double(r.feeCents) / 100, link: "/netwerk/deelname/\(token)",
                                         uitleg: RegistrationText.explain(r, position: Waitlist.position(of: r.id, in: all))), status: .created)
            }
        case (.post, "/api/netwerk/deelname/:id/afmelden"):
            guard let r = try await store.registration(token: try context.parameters.require("id")), !r.anonymised else { throw StoreError.notFound }
            let moved = try await store.setStatus(registrationID: r.id, to: .afgemeld, by: r.name, note: "Zelf afgemeld (API).")
            struct Withdrawn: Encodable { var status: String; var plaatsGingNaarWachtlijst: Bool }
            return JSONResponse.encode(Withdrawn(status: RegistrationStatus.afgemeld.rawValue, plaatsGingNaarWachtlijst: moved != nil))
        case (.post, "/api/netwerk/edities"):
            let b = try await body()
            let name = ((b["naam"] as? String) ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw StoreError.notAllowed("naam ontbreekt") }
            return JSONResponse.encode(try await editionJSON(try await store.createEdition(name: name, description: (b["omschrijving"] as? String) ?? "")), status: .created)
        case (.post, "/api/netwerk/edities/:id/sessies"):
            let e = try await edition()
            let b = try await body()
            guard let date = (b["datum"] as? String).flatMap(Day.init), let start = (b["begin"] as? String).flatMap(TimeOfDay.init),
                  let end = (b["eind"] as? String).flatMap(TimeOfDay.init), start < end, let seats = b["plaatsen"] as? Int, (1...1000).contains(seats) else {
                throw StoreError.notAllowed("Geef datum (jjjj-mm-dd), begin en eind (uu:mm, eind na begin) en plaatsen (1 tot en met 1.000).")
            }
            let place = (b["plaats"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            _ = try await store.addSession(editionID: e.id, date: date, start: start, end: end, place: place, theme: (b["thema"] as? String) ?? "",
                                           agenda: (b["programma"] as? String) ?? "", seats: seats)
            return JSONResponse.encode(try await editionJSON(e), status: .created)
        case (.post, "/api/netwerk/casussen/:id/dossier"):
            let id = try await cases.dossier(of: try context.parameters.require("id"), by: try context.apiUser).id
            struct Made: Encodable { var dossier: String }
            return JSONResponse.encode(Made(dossier: id), status: .created)
        case (.get, "/api/netwerk/edities/:id/aanmeldingen"):
            return JSONResponse.encode(try await store.registrations(editionID: try await edition().id).map(RegistrationJSON.init))
        case (.post, "/api/netwerk/aanmeldingen/:id/status"):
            let id = try context.parameters.require("id")
            let b = try await body()
            guard let status = (b["status"] as? String).flatMap(RegistrationStatus.init(rawValue:)) else {
                throw StoreError.notAllowed("status moet een van deze zijn: \(RegistrationStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let day = (b["intakeOp"] as? String).flatMap(Day.init)
            if status == .intakeGepland && day == nil { throw StoreError.notAllowed("Geef bij intake-gepland de datum in intakeOp (jjjj-mm-dd).") }
            let moved = try await store.setStatus(registrationID: id, to: status, by: try context.apiUser.name, intakeOn: day, intakeNotes: b["notities"] as? String)
            struct Changed: Encodable { var aanmelding: RegistrationJSON; var opgeschoven: RegistrationJSON? }
            guard let r = try await store.registration(id: id) else { throw StoreError.notFound }
            return JSONResponse.encode(Changed(aanmelding: RegistrationJSON(r), opgeschoven: moved.map(RegistrationJSON.init)))
        default:
            throw Problem(.notFound, "Onbekende route.")
        }
    }
}
