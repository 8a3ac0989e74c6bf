import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import Veerkracht
import WikkenReports
import WikkenStore

/// The JSON API for scripts, mirroring the pages: dossiers, revisions, analyses. Authorization:
/// `Authorization: Bearer <token>` with a token made on the account page. Every route goes through
/// the same organisation checks as the pages. The OpenAPI document is generated from the same
/// route table, so the two cannot drift apart.
struct APIController {
    let store: any DossierStore & NetworkStore & AccountStore
    let veerkracht: VeerkrachtService
    let cases: CaseService
    /// Registrations per client address, shared with the registration page.
    let registrationLimit: RateLimiter
    let trustProxy: Bool

    struct Route {
        /// Who may call it: anyone (public network pages), anyone with a token, or organisers.
        enum Access { case open, token, organiser }
        var method: HTTPRequest.Method
        /// Hummingbird path, with `:id` parameters.
        var path: String
        var summary: String
        var responses: [Int]
        var access: Access = .token
        /// What the request carries (declared in the OpenAPI document, so contract tests reach the write routes).
        var body: Body = .none
        /// Whether the request carries `If-Match` with the revision it builds on.
        var ifMatch = false
        /// Optional query parameters: name → what it does and the values it takes.
        var query: [String: (description: String, values: [String])] = [:]

        enum Body {
            case none
            /// A dossier in its file format (`docs/dossier.schema.json`).
            case dossier
            /// A partner's own part: `wegingen` and `standpunten` in the dossier format.
            case partnerPart
            /// A JSON object: field → JSON type (`string`, `integer`, `boolean`, or `object` of integers), and the required fields.
            case object([String: String], required: [String])
        }
    }

    static let routes: [Route] = [
        Route(method: .get, path: "/api/dossiers", summary: "De dossiers die je organisatie mag zien", responses: [200, 401]),
        Route(method: .post, path: "/api/dossiers", summary: "Een nieuw dossier (dossierformaat, JSON)", responses: [201, 401, 409, 422], body: .dossier),
        Route(method: .get, path: "/api/dossiers/:id", summary: "Een dossier met zijn versie", responses: [200, 401, 404]),
        Route(method: .put, path: "/api/dossiers/:id", summary: "Een nieuwe versie; If-Match draagt de versie waarop je voortbouwt", responses: [200, 401, 404, 409, 422, 428],
              body: .dossier, ifMatch: true),
        Route(method: .get, path: "/api/dossiers/:id/versies", summary: "Alle versies, nieuwste eerst", responses: [200, 401, 404]),
        Route(method: .get, path: "/api/dossiers/:id/analyse", summary: "MAVT-analyse per weging (zoals wikken analyseer --json)", responses: [200, 401, 404, 422],
              query: missingQuery),
        Route(method: .get, path: "/api/dossiers/:id/methoden",
              summary: "MAVT, AHP, PROMETHEE, TOPSIS en VIKOR per weging met hun tussenstappen en afspraken (zoals wikken methoden --json); VIKOR met v = 0,5",
              responses: [200, 401, 404, 422], query: missingQuery),
        Route(method: .get, path: "/api/dossiers/:id/gewichten",
              summary: "De gewichten per weging: AHP-matrix, λmax, CI, CR en de RI-tabel, of de rangorde (zoals wikken gewichten --json)", responses: [200, 401, 404, 422]),
        Route(method: .get, path: "/api/dossiers/:id/gevoeligheid",
              summary: "Gevoeligheid per weging: bij welk gewicht wie de eerste plaats overneemt, en hoe ver scores mogen schuiven (zoals wikken gevoeligheid --json)",
              responses: [200, 401, 404, 422], query: missingQuery),
        Route(method: .get, path: "/api/dossiers/:id/smaa",
              summary: "SMAA-2 op de hoofdweging met 10.000 trekkingen en zaad 1, gewichten vrij (zoals wikken smaa --json): kans op elke plaats, centrale gewichten, betrouwbaarheid",
              responses: [200, 401, 404, 422], query: missingQuery),
        Route(method: .get, path: "/api/dossiers/:id/partners",
              summary: "Afwegen met partners: ieders eigen uitkomst, vier lenzen naast elkaar (partners even zwaar), Kendalls W, terugvalonderhandeling en wat de keuze omdraait (zoals wikken partners --json)",
              responses: [200, 401, 404, 422], query: missingQuery),
        Route(method: .get, path: "/api/dossiers/:id/partners/:partner",
              summary: "Het eigen deel van één partner: haar wegingen en standpunten in het dossierformaat, met de versie (ook als de partners blind wegen, voor de eigen organisatie en de eigenaar)",
              responses: [200, 401, 403, 404]),
        Route(method: .put, path: "/api/dossiers/:id/partners/:partner",
              summary: "Het eigen deel van één partner vervangen: {\"wegingen\": […], \"standpunten\": […]} in het dossierformaat; de rest van het dossier blijft. If-Match draagt de versie; die mag ouder zijn zolang niemand dit deel intussen wijzigde",
              responses: [200, 401, 403, 404, 409, 422, 428], body: .partnerPart, ifMatch: true),
        Route(method: .get, path: "/api/veerkracht/signaal",
              summary: "Het veerkrachtsignaal per buurt; dezelfde keuzes als de pagina in de query (jaar, g-<indicator>, r-<indicator>=omgekeerd, normalisatie, vergelijk, d-…)",
              responses: [200, 401, 503]),
        Route(method: .post, path: "/api/veerkracht/toewijzing",
              summary: "Een toewijzingsplan: {\"groepen\": {\"statushouders\": 30}, \"complexen\": \"<CSV>\"}", responses: [200, 401, 422, 503],
              body: .object(["groepen": "object", "complexen": "string"], required: ["groepen", "complexen"])),
    ] + networkRoutes

    /// `?ontbrekend=`: the rule for missing scores for this request, as `--ontbrekend` on the command line.
    static let missingQuery: [String: (description: String, values: [String])] = [
        "ontbrekend": ("Regel voor ontbrekende scores voor deze analyse; standaard die van het dossier, anders weigeren (422)", MissingRule.fileNames),
    ]

    /// Registers every route of the table in the group its access names: open routes with the
    /// public pages, the others behind the token (and for organisers the role) middleware.
    func add(open: RouterGroup<WikkenContext>, token: RouterGroup<WikkenContext>, organiser: RouterGroup<WikkenContext>) {
        open.get("/openapi.json") { _, _ in JSONResponse.text(OpenAPI.text) }
        for route in Self.routes {
            switch route.access {
            case .open:
                open.on(RouterPath(route.path), method: route.method) { request, context in try await handleNetwork(route, request, context) }
            case .organiser:
                organiser.on(Self.inGroup(route.path), method: route.method) { request, context in try await handleNetwork(route, request, context) }
            case .token:
                if route.path.hasPrefix("/api/netwerk/") {  // the network's routes for any signed-in role decide themselves
                    token.on(Self.inGroup(route.path), method: route.method) { request, context in try await handleNetwork(route, request, context) }
                } else {
                    token.on(Self.inGroup(route.path), method: route.method) { request, context in try await handle(route, request, context, try context.apiUser) }
                }
            }
        }
    }

    /// A table path inside the `/api` group.
    static func inGroup(_ path: String) -> RouterPath {
        RouterPath(String(path.dropFirst("/api/".count)))
    }

    func handle(_ route: Route, _ request: Request, _ context: WikkenContext, _ user: User) async throws -> Response {
        switch (route.method, route.path) {
        case (.get, "/api/dossiers"):
            return JSONResponse.encode(try await store.dossiers(viewer: user))
        case (.post, "/api/dossiers"):
            guard user.role.canEdit else { throw Problem(.forbidden, "Je mag alleen lezen.") }
            let dossier = try await Self.readDossier(request)
            let stored = try await store.createDossier(dossier, organisationID: user.organisationID, author: user, summary: "Aangemaakt via de API")
            return Self.dossierResponse(stored, status: .created)
        case (.get, "/api/dossiers/:id"):
            return Self.dossierResponse(try await store.dossier(id: try context.parameters.require("id"), viewer: user))
        case (.put, "/api/dossiers/:id"):
            guard user.role.canEdit else { throw Problem(.forbidden, "Je mag alleen lezen.") }
            let basedOn = try Self.ifMatch(request)
            let dossier = try await Self.readDossier(request)
            return Self.dossierResponse(try await store.save(dossier, at: try context.parameters.require("id"), basedOn: basedOn, viewer: user, summary: "Gewijzigd via de API"))
        case (.get, "/api/dossiers/:id/versies"):
            return JSONResponse.encode(try await store.revisions(dossierID: try context.parameters.require("id"), viewer: user))
        case (.get, "/api/veerkracht/signaal"):
            guard case .success(let loaded) = try await veerkracht.data(for: user).loaded else { throw Problem(.serviceUnavailable, "Er zijn geen veerkrachtgegevens geladen.") }
            let choices = VeerkrachtService.Choices(try await veerkracht.query(request, for: user).query)
            guard choices.problems.isEmpty else { throw Problem(.unprocessableContent, "De keuzes kloppen niet.", details: choices.problems) }
            let (year, before, signals) = veerkracht.signals(choices, loaded)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: VeerkrachtJSON.signal(year: year.year, previousYear: before?.year, spec: choices.spec, thresholds: choices.thresholds, signals: signals.mostPressingFirst,
                                                                                            warnings: Signal.warnings(later: year, earlier: before, spec: choices.spec)))))
        case (.post, "/api/veerkracht/toewijzing"):
            guard case .success(let loaded) = try await veerkracht.data(for: user).loaded else { throw Problem(.serviceUnavailable, "Er zijn geen veerkrachtgegevens geladen.") }
            let data = Data(String(buffer: try await request.body.collect(upTo: 5_000_000)).utf8)
            guard let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let groups = body["groepen"] as? [String: Any], let csv = body["complexen"] as? String else {
                throw Problem(.unprocessableContent, "Stuur {\"groepen\": {\"statushouders\": 30, …}, \"complexen\": \"<CSV met complex_id,naam,buurt,woningen,vrijkomend>\"}.")
            }
            let counts = groups.keys.sorted().map { ($0, (groups[$0] as? Int).map(String.init) ?? "\(groups[$0] ?? "")") }
            // The organisation's saved choices decide the bands and the maxima, as on the page.
            let choices = VeerkrachtService.Choices(try await veerkracht.query(request, for: user).query)
            switch veerkracht.plan(groups: counts, complexesCSV: csv, choices: choices, data: loaded) {
            case .failure(let problems): throw Problem(.unprocessableContent, "Het plan kan niet worden berekend.", details: problems.list)
            case .success(let (plan, _, _, _)):
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: VeerkrachtJSON.plan(plan))))
            }
        case (.get, "/api/dossiers/:id/analyse"):
            return try await analysed(request, context, user) { dossier, rule throws(MavtError) in
                JSONResponse.encode(AnalysisJSON.document(dossier, try Mavt.analyse(dossier, missingRule: rule)))
            }
        case (.get, "/api/dossiers/:id/methoden"):
            return try await analysed(request, context, user) { dossier, rule throws(MavtError) in
                let comparisons = try dossier.weightSets.map { set throws(MavtError) in try MethodComparison.run(dossier, weightSet: set, missingRule: rule) }
                return JSONResponse.encode(MethodsJSON.document(dossier, comparisons))
            }
        case (.get, "/api/dossiers/:id/partners"):
            let twoPartners = { (dossier: Dossier) throws in
                let owners = PartnerAnalysis.partners(of: dossier)
                guard owners.count >= 2 else {
                    throw Problem(.unprocessableContent, "Afwegen met partners vraagt minstens twee besluitvormers met een eigen weging (eigenaar); dit dossier heeft er \(owners.count).")
                }
            }
            return try await analysed(request, context, user, check: twoPartners) { dossier, rule throws(MavtError) in
                let analysis: PartnerAnalysis
                do throws(PartnerAnalysis.Problem) {
                    analysis = try PartnerAnalysis.analyse(dossier, missingRule: rule)
                } catch .analysis(let error) {
                    throw error
                } catch {
                    throw .invalidDossier([])  // checked above: two partners, no partner weights
                }
                return JSONResponse.encode(PartnerJSON.document(dossier, analysis))
            }
        case (.get, "/api/dossiers/:id/partners/:partner"):
            let (stored, maker) = try await partnerPart(context, user)
            return Self.partJSON(stored, stored.dossier.part(of: maker.id))
        case (.put, "/api/dossiers/:id/partners/:partner"):
            guard user.role.canEdit else { throw Problem(.forbidden, "Je mag alleen lezen.") }
            let basedOn = try Self.ifMatch(request)
            let (stored, maker) = try await partnerPart(context, user)
            let part = try Self.readPart(String(buffer: try await request.body.collect(upTo: 1_000_000)), into: stored.dossier, partner: maker.id)
            let saved = try await store.savePartnerPart(part, dossierID: stored.record.id, basedOn: basedOn, viewer: user, summary: "Weging en standpunten van \(maker.name) (via de API)")
            return Self.partJSON(saved, saved.dossier.part(of: maker.id))
        case (.get, "/api/dossiers/:id/gewichten"):
            return JSONResponse.encode(WeightsJSON.document(try await analysable(context, user)))
        case (.get, "/api/dossiers/:id/gevoeligheid"):
            return try await analysed(request, context, user) { dossier, rule throws(MavtError) in
                // Sensitivity needs additive totals: the renormalise rule does not give them.
                guard rule != .renormalise else { throw .ruleNotSupported(rule) }
                return JSONResponse.encode(SensitivityJSON.document(dossier, try Mavt.analyse(dossier, missingRule: rule)))
            }
        case (.get, "/api/dossiers/:id/smaa"):
            return try await analysed(request, context, user) { dossier, rule throws(MavtError) in
                guard rule != .renormalise else { throw .ruleNotSupported(rule) }
                var single = dossier
                single.weightSets = Array(dossier.weightSets.prefix(1))
                let settings = Smaa.Settings(samples: 10_000, seed: 1)
                // Free weights and no bounds: nothing here can make the sampler fail.
                guard let result = try? Smaa.run(SmaaModel(single, try Mavt.analyse(single, missingRule: rule)), settings: settings) else {
                    throw .invalidDossier([])
                }
                return JSONResponse.encode(SmaaJSON.document(dossier, result, settings))
            }
        default:
            throw Problem(.notFound, "Onbekende route.")
        }
    }

    /// Runs an analysis on a stored dossier with the dossier's rule for missing scores, or the one
    /// `?ontbrekend=` asks for; refusals become problems that name what to do.
    /// `check` refuses a dossier the analysis cannot take, with its own problem.
    func analysed(_ request: Request, _ context: WikkenContext, _ user: User, check: (Dossier) throws -> Void = { _ in },
                  _ body: (Dossier, MissingRule) throws(MavtError) -> Response) async throws -> Response {
        let d = try await analysable(context, user)
        try check(d)
        var override: MissingRule?
        if let asked = request.uri.queryParameters.get("ontbrekend") {
            guard let rule = MissingRule(fileName: String(asked)) else {
                throw Problem(.unprocessableContent, "ontbrekend='\(asked)' bestaat niet; kies weigeren, slechtst of herverdelen.")
            }
            override = rule
        }
        do {
            return try body(d, d.missingRule(override: override))
        } catch .missingScores(let list) {
            throw Problem(.unprocessableContent, "Er \(MissingScore.counted(list.count)) en het dossier heeft geen regel daarvoor (ontbrekend:). Vul ze aan, zet een regel in het dossier, of vraag er één voor deze analyse: ?ontbrekend=slechtst of ?ontbrekend=herverdelen.",
                          details: list.map { "\(d.option($0.option)?.name ?? $0.option) op \(d.criterion($0.criterion)?.name ?? $0.criterion)" + ($0.reason.map { " (reden: \($0))" } ?? "") })
        } catch .ruleNotSupported(let rule) {
            throw Problem(.unprocessableContent, "De regel '\(rule.cliName)' geldt alleen voor de MAVT-analyse; vraag ?ontbrekend=slechtst of vul de scores aan.")
        } catch {
            throw Problem(.unprocessableContent, "Dit dossier kan niet worden geanalyseerd.")
        }
    }

    /// The stored dossier the path names, refused (422, with its problems) while it is unfinished
    /// or has errors: analyses run only on valid dossiers.
    func analysable(_ context: WikkenContext, _ user: User) async throws -> Dossier {
        let dossier = try await store.dossier(id: try context.parameters.require("id"), viewer: user).dossier
        let errors = dossier.validate().filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw Problem(.unprocessableContent, "Dit dossier is nog niet af of bevat fouten; er is niets berekend.", details: errors.map { $0.rendered(in: .nl) })
        }
        return dossier
    }

    static func readDossier(_ request: Request) async throws -> Dossier {
        let body = String(buffer: try await request.body.collect(upTo: 5_000_000))
        let read = DossierReader.read(body, file: "verzoek.json", syntax: .json)
        guard let dossier = read.validDossier else { throw StoreError.invalidDossier(read.errors) }
        return dossier
    }

    /// The revision a change builds on, from `If-Match` (`"3"` or `3`); 428 without it.
    static func ifMatch(_ request: Request) throws -> Int {
        guard let basedOn = request.headers[.ifMatch].flatMap({ Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) }) else {
            throw Problem(.preconditionRequired, "Zet in If-Match de versie waarop je voortbouwt, bijvoorbeeld If-Match: \"3\".")
        }
        return basedOn
    }

    /// The dossier and the partner the path names, if this user may see that partner's part: the
    /// owner's people always, another organisation its own partner's part, and anyone who sees
    /// the dossier once the weighing is open.
    func partnerPart(_ context: WikkenContext, _ user: User) async throws -> (StoredDossier, DecisionMaker) {
        let id = try context.parameters.require("id"), partner = try context.parameters.require("partner")
        let (stored, own) = try await store.read { r in try await r.dossierForPartners(id: id, viewer: user) }
        guard let maker = stored.dossier.decisionMakers.first(where: { $0.id == partner }) else {
            throw Problem(.notFound, "Dit dossier heeft geen besluitvormer '\(partner)'.")
        }
        let owner = stored.record.organisationID == user.organisationID
        guard owner || own?.id == maker.id || !stored.dossier.partnersBlind else { throw StoreError.blind(dossierID: stored.record.id) }
        return (stored, maker)
    }

    /// `{"versie": n, "partner": id, "wegingen": […], "standpunten": […]}`, in the dossier format.
    static func partJSON(_ stored: StoredDossier, _ part: PartnerPart) -> Response {
        var only = stored.dossier
        only.weightSets = part.weightSets
        only.positions = part.positions
        let written = (try? JSONSerialization.jsonObject(with: Data(DossierWriter.write(only, as: .json).utf8))) as? [String: Any] ?? [:]
        let object: [String: Any] = ["versie": stored.revision, "partner": part.partner, "wegingen": written["wegingen"] ?? [], "standpunten": written["standpunten"] ?? []]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// A partner's part from a request body, read by the dossier reader: the body's weight sets
    /// and positions go first into the dossier (so a problem's path, `wegingen[0].gewichten.x`,
    /// points into the body), the others' after them. Each must belong to `partner`.
    static func readPart(_ body: String, into dossier: Dossier, partner: String) throws -> PartnerPart {
        guard let given = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
              Set(given.keys).isSubset(of: ["wegingen", "standpunten"]) else {
            throw Problem(.unprocessableContent, "Stuur {\"wegingen\": […], \"standpunten\": […]} in het dossierformaat (zie /openapi.json).")
        }
        var sets = given["wegingen"] as? [[String: Any]] ?? [], positions = given["standpunten"] as? [[String: Any]] ?? []
        guard given["wegingen"] == nil || given["wegingen"] is [[String: Any]], given["standpunten"] == nil || given["standpunten"] is [[String: Any]] else {
            throw Problem(.unprocessableContent, "wegingen en standpunten zijn lijsten van objecten.")
        }
        var wrong: [String] = []
        for k in sets.indices {
            if let owner = sets[k]["eigenaar"], owner as? String != partner { wrong.append("wegingen[\(k)].eigenaar: de weging hoort bij '\(partner)'") }
            sets[k]["eigenaar"] = partner
        }
        for k in positions.indices {
            if let owner = positions[k]["partner"], owner as? String != partner { wrong.append("standpunten[\(k)].partner: het standpunt hoort bij '\(partner)'") }
            positions[k]["partner"] = partner
        }
        guard wrong.isEmpty else { throw Problem(.unprocessableContent, "Dit deel hoort bij één partner.", details: wrong) }
        var others = dossier
        others.weightSets.removeAll { $0.owner == partner }
        others.positions.removeAll { $0.partner == partner }
        guard var whole = (try? JSONSerialization.jsonObject(with: Data(DossierWriter.write(others, as: .json).utf8))) as? [String: Any] else {
            throw Problem(.unprocessableContent, "Dit dossier kan niet worden gelezen.")
        }
        whole["wegingen"] = sets + (whole["wegingen"] as? [[String: Any]] ?? [])
        whole["standpunten"] = positions + (whole["standpunten"] as? [[String: Any]] ?? [])
        guard let data = try? JSONSerialization.data(withJSONObject: whole) else { throw Problem(.unprocessableContent, "Dit deel kan niet worden gelezen.") }
        let read = DossierReader.read(String(decoding: data, as: UTF8.self), file: "verzoek.json", syntax: .json)
        let errors = read.errors
        guard errors.isEmpty, let merged = read.dossier else {
            throw Problem(.unprocessableContent, "Dit deel bevat fouten; er is niets opgeslagen.", details: errors.map { "\($0.path): \($0.message(in: .nl))" })
        }
        return merged.part(of: partner)
    }

    /// A dossier with its place in the store: `{"versie": n, "record": {…}, "dossier": {…}}`, the
    /// dossier in its own file format, embedded as written. A new dossier's answer says where it
    /// lives (`Location`: the store made its address, see ``DossierRecord/id``).
    static func dossierResponse(_ stored: StoredDossier, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let record = (try? encoder.encode(stored.record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let text = "{\"versie\": \(stored.revision), \"record\": \(record), \"dossier\": \(DossierWriter.write(stored.dossier, as: .json))}\n"
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .created { headers[.location] = "/api/dossiers/\(stored.record.id)" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

}

/// The OpenAPI 3.1 document of the JSON API, from the route table: every path with its
/// parameters, `If-Match` where a change builds on a revision, the request body (the dossier
/// schema from `docs/dossier.schema.json`, or the fields of a JSON object) and for every error
/// status the problem body `{"fout", "status", "fouten"?, "huidig"?}`.
enum OpenAPI {
    /// The document as JSON text, made once.
    static let text: String = {
        let data = (try? JSONSerialization.data(withJSONObject: document(APIController.routes), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }()

    /// The dossier schema's parts as OpenAPI components (its `$defs`, with references rewritten).
    /// The schema lives with the web app's resources (`Schema/`); `docs/dossier.schema.json` links to it.
    static func dossierSchemas() -> [String: Any] {
        guard let url = Bundle.module.url(forResource: "Schema/dossier.schema", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let object = try? JSONSerialization.jsonObject(with: Data(text.replacingOccurrences(of: "\"#/$defs/", with: "\"#/components/schemas/").utf8)) as? [String: Any],
              let defs = object["$defs"] as? [String: Any] else { return [:] }
        return defs
    }

    /// Example ids per path, from the demo data (`wikken serve --demo`).
    static let exampleIDs = ["/api/dossiers/": "wijkaanpak-neckardreef", "/api/netwerk/edities/": "4e-editie-demo"]

    static func document(_ routes: [APIController.Route]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        let problem: [String: Any] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/probleem"]]]]
        for route in routes {
            let path = route.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            var responses: [String: Any] = [:]
            for code in route.responses {
                var response: [String: Any] = ["description": Self.describe(code)]
                if code >= 400 { response.merge(problem) { a, _ in a } }
                responses[String(code)] = response
            }
            var operation: [String: Any] = [
                "summary": route.summary,
                "security": route.access == .open ? [] : [["token": [String]()]],
                "responses": responses,
            ]
            var parameters: [[String: Any]] = []
            if path.contains("{id}") {
                var id: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]
                // An id that exists in the demo data, so that contract tests reach past the 404.
                if let example = Self.exampleIDs.first(where: { route.path.hasPrefix($0.key) })?.value { id["example"] = example }
                parameters.append(id)
            }
            if path.contains("{partner}") {
                parameters.append(["name": "partner", "in": "path", "required": true, "schema": ["type": "string"], "example": "gemeente",
                                   "description": "De id van de besluitvormer (besluitvormers[].id)"])
            }
            for (name, spec) in route.query.sorted(by: { $0.key < $1.key }) {
                parameters.append(["name": name, "in": "query", "required": false, "description": spec.description, "schema": ["type": "string", "enum": spec.values]])
            }
            if route.ifMatch {
                parameters.append(["name": "If-Match", "in": "header", "required": true, "description": "De versie waarop je voortbouwt, zoals \"3\"",
                                   "schema": ["type": "string", "pattern": "^\"?[0-9]{1,9}\"?$"]])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            switch route.body {
            case .none: break
            case .dossier:
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/dossier"]]]]
            case .partnerPart:
                let schema: [String: Any] = ["type": "object", "additionalProperties": false, "properties": [
                    "wegingen": ["type": "array", "items": ["$ref": "#/components/schemas/weging"]],
                    "standpunten": ["type": "array", "items": ["$ref": "#/components/schemas/standpunt"]],
                ]]
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": schema]]]
            case .object(let fields, let required):
                let properties = fields.mapValues { type -> [String: Any] in
                    type == "object" ? ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0]] : ["type": type]
                }
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["type": "object", "properties": properties, "required": required]]]]
            }
            paths["/" + path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        var schemas = dossierSchemas()
        schemas["probleem"] = JSONResponse.problemSchema
        return [
            "openapi": "3.1.0",
            "info": ["title": "Wikken API", "version": "1", "description": "Dossiers, versies en analyses; het netwerk Wikken en wegen (edities, aanmeldingen). Foutmeldingen in het Nederlands."],
            "components": ["securitySchemes": ["token": ["type": "http", "scheme": "bearer"]], "schemas": schemas],
            "paths": paths,
        ]
    }

    static func describe(_ code: Int) -> String {
        switch code {
        case 200: return "Gelukt"
        case 201: return "Aangemaakt"
        case 401: return "Geen of een ongeldige sleutel"
        case 403: return "Niet toegestaan voor je rol"
        case 404: return "Niet gevonden of niet zichtbaar voor je organisatie"
        case 409: return "Conflict: het dossier is intussen gewijzigd, of je organisatie heeft al een dossier met deze id"
        case 422: return "De invoer bevat fouten of past niet bij de regels (de foutmelding zegt welke)"
        case 428: return "If-Match met de versie ontbreekt"
        case 503: return "Er zijn geen veerkrachtgegevens geladen"
        default: return "Zie de foutmelding"
        }
    }
}
