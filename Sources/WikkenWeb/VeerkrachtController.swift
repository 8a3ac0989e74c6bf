import Foundation
import Hummingbird
import Veerkracht
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenStore

/// The veerkracht pages: the signal per buurt (a scatter of the two axes with its bands, a table
/// and the conventions), an area's profile with the reasons and a dossier of interventions, and
/// the allocation planner. Every choice is a form field (GET, so a view can be bookmarked and
/// shared); every threshold is shown and marked as an assumption until changed.
struct VeerkrachtController {
    let store: Store
    let pages: Pages
    /// The loaded years, or why there are none.
    let data: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>

    struct VeerkrachtDataError: Error { var message: String }

    /// Reads every CSV in `folder` (see ``load(_:origin:)``).
    static func loadData(folder: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return .failure(VeerkrachtDataError(message: "De map \(folder) met CBS-gegevens is er niet. Start Wikken in de map van het project, of geef --veerkracht-gegevens."))
        }
        let files: [VeerkrachtFiles.File] = names.filter { $0.hasSuffix(".csv") }.sorted().compactMap { name in
            (try? String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)).map { .init(name: name, text: $0) }
        }
        return load(files, origin: "in \(folder)")
    }

    /// Sorts files by name: `kwb` kerncijfers, `lbm` Leefbaarometer, `ses_woa` SES-WOA (the
    /// `_raw` export is skipped), `codebook`/`codeboek` the codebook.
    static func load(_ files: [VeerkrachtFiles.File], origin: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError> {
        func pick(_ test: (String) -> Bool) -> [VeerkrachtFiles.File] { files.filter { test($0.name.lowercased()) } }
        let isCodebook = { (n: String) in n.contains("codebook") || n.contains("codeboek") }
        let kwb = pick { $0.contains("kwb") && !isCodebook($0) }
        guard !kwb.isEmpty else { return .failure(VeerkrachtDataError(message: "Geen CBS-kerncijfers (een bestand met kwb en een jaartal in de naam) \(origin).")) }
        let result = VeerkrachtFiles.load(kwb: kwb, lbm: pick { $0.contains("lbm") }, ses: pick { $0.contains("ses_woa") && !$0.contains("raw") }, codebook: pick(isCodebook))
        return result.mapError { VeerkrachtDataError(message: $0.list.prefix(5).map(\.description).joined(separator: " ")) }
    }

    /// Parsed uploads per organisation, by the names and times of its files (a new upload makes a
    /// new key; at most a few kept).
    final class Parsed: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>] = [:]
        subscript(key: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>? {
            get { lock.lock(); defer { lock.unlock() }; return entries[key] }
            set {
                lock.lock(); defer { lock.unlock() }
                if entries.count >= 16 { entries.removeAll() }
                entries[key] = newValue
            }
        }
    }
    let parsed = Parsed()

    /// The data a user sees: their organisation's own files when it uploaded any, else the
    /// shared data; and whether they are the organisation's own. Only the list of files is read
    /// per request; their contents only when they changed.
    func data(for user: User) async throws -> (Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>, own: Bool) {
        let info = try await store.dataFileInfo(organisationID: user.organisationID)
        guard !info.isEmpty else { return (data, false) }
        let key = user.organisationID + "|" + info.map { "\($0.name)@\($0.uploadedAt)" }.joined(separator: "|")
        if let hit = parsed[key] { return (hit, true) }
        let files = try await store.dataFiles(organisationID: user.organisationID)
        let loaded = Self.load(files.map { .init(name: $0.name, text: $0.content) }, origin: "in je eigen gegevens")
        parsed[key] = loaded
        return (loaded, true)
    }

    func add(to router: Router<WikkenContext>) {
        router.get("/veerkracht") { request, context in try await overview(request, context) }
        router.get("/veerkracht/gebied/:code") { request, context in try await profile(request, context) }
        router.post("/veerkracht/gebied/:code/interventies") { request, context in try await interventions(request, context) }
        router.get("/veerkracht/toewijzing") { request, context in try await allocation(request, context) }
        router.post("/veerkracht/toewijzing") { request, context in try await allocation(request, context) }
        router.post("/veerkracht/gegevens") { request, context in try await upload(request, context) }
        router.post("/veerkracht/gegevens/verwijderen") { request, context in try await removeFile(request, context) }
    }

    /// The choices of a view, read from the query (with the defaults of the instruments).
    struct Choices {
        var year: Int?
        var weights: [Indicator: Double] = [.bijstand: 2, .laagInkomen: 1, .sociaalMinimum: 1, .sesWoa: 0, .corporatie: 0]
        /// Indicators whose direction the user turned.
        var turned: Set<Indicator> = []
        var normalisation = CompositeSpec.Normalisation.zScore
        var relative = false
        var thresholds = SignalThresholds()
        var problems: [String] = []

        static let offered: [Indicator] = [.bijstand, .laagInkomen, .sociaalMinimum, .sesWoa, .corporatie]

        init(_ query: [String: String]) {
            func number(_ key: String) -> Double? {
                guard let raw = query[key], !raw.isEmpty else { return nil }
                return Form.decimal(raw)
            }
            year = query["jaar"].flatMap(Int.init)
            for indicator in Self.offered {
                if let raw = query["g-\(indicator.rawValue)"], !raw.isEmpty {
                    if let w = number("g-\(indicator.rawValue)"), w >= 0 { weights[indicator] = w } else { problems.append("Gewicht van \(indicator.label): ‘\(raw)’ is geen getal van 0 of meer.") }
                }
            }
            for indicator in Self.offered where query["r-\(indicator.rawValue)"] == "omgekeerd" { turned.insert(indicator) }
            if query["normalisatie"] == "min-max" { normalisation = .minMax }
            thresholds = SignalThresholds(for: normalisation)
            relative = query["vergelijk"] == "gemeente"
            for (key, path) in [("d-concentratie", \SignalThresholds.vulnerabilityLevel), ("d-stijging", \.vulnerabilityRise), ("d-overlast", \.nuisanceLevel), ("d-overlast-stijging", \.nuisanceRise)] {
                if let raw = query[key], !raw.isEmpty {
                    if let x = number(key) { thresholds[keyPath: path] = x; thresholds.areAssumptions = false } else { problems.append("Drempel ‘\(raw)’ is geen getal.") }
                }
            }
            if weights.values.allSatisfy({ $0 == 0 }) { problems.append("Geef minstens één indicator een gewicht groter dan 0."); weights[.bijstand] = 1 }
        }

        var spec: CompositeSpec {
            var s = CompositeSpec(parts: Self.offered.filter { (weights[$0] ?? 0) > 0 }.map {
                .init($0, weight: weights[$0]!, direction: turned.contains($0) ? -$0.vulnerableDirection : nil)
            })
            s.normalisation = normalisation
            s.reference = relative ? .gemeente : .all
            return s
        }

        /// The query string that reproduces these choices (for links to profiles).
        var query: String {
            var parts = Self.offered.map { "g-\($0.rawValue)=\(NumberText.plain(weights[$0] ?? 0))" } + turned.map { "r-\($0.rawValue)=omgekeerd" }.sorted()
            if let year { parts.append("jaar=\(year)") }
            if normalisation == .minMax { parts.append("normalisatie=min-max") }
            if relative { parts.append("vergelijk=gemeente") }
            if !thresholds.areAssumptions {
                parts += [("d-concentratie", thresholds.vulnerabilityLevel), ("d-stijging", thresholds.vulnerabilityRise), ("d-overlast", thresholds.nuisanceLevel),
                          ("d-overlast-stijging", thresholds.nuisanceRise)].map { "\($0.0)=\(NumberText.plain($0.1))" }
            }
            return parts.joined(separator: "&")
        }
    }

    static func query(_ request: Request) -> [String: String] {
        var q: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { q[String(k)] = String(v) }
        return q
    }

    /// The page that says why there is no data.
    func unavailable(_ context: WikkenContext, _ result: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>) -> Response {
        let message: String
        if case .failure(let e) = result { message = e.message } else { message = "" }
        return pages.message("Geen veerkrachtgegevens", [message], link: ("/dossiers", "Naar de dossiers"), context: context, status: .serviceUnavailable)
    }

    /// The signal of the chosen year against the year before it. Without a choice: the latest
    /// year that has both axes for some area (a new CBS release lacks income and benefit figures
    /// for a year or more).
    func signals(_ choices: Choices, _ loaded: VeerkrachtFiles.Loaded) -> (year: AreaYear, before: AreaYear?, signals: [AreaSignal]) {
        let years = loaded.years
        func at(_ k: Int) -> (AreaYear, AreaYear?, [AreaSignal]) {
            let before = k > 0 ? years[k - 1] : nil
            return (years[k], before, Signal.compute(later: years[k], earlier: before, spec: choices.spec, thresholds: choices.thresholds))
        }
        if let chosen = choices.year.flatMap({ y in years.firstIndex { $0.year == y } }) { return at(chosen) }
        for k in years.indices.reversed() {
            let result = at(k)
            if result.2.contains(where: { $0.vulnerability != nil && $0.nuisance != nil }) { return result }
        }
        return at(years.count - 1)
    }


    static func n(_ x: Double?) -> String { x.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? "onbekend" }

    func overview(_ request: Request, _ context: WikkenContext, problems uploadProblems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let session = context.session else { return Response.redirect(to: "/inloggen") }
        let (result, own) = try await data(for: session.user)
        guard case .success(let l) = result else { return unavailable(context, result) }
        let choices = Choices(Self.query(request))
        var (year, before, signals) = signals(choices, l)
        signals = signals.mostPressingFirst
        let t = choices.thresholds
        let bands = Band.allCases
        let plotted = signals.filter { $0.vulnerability != nil && $0.nuisance != nil }
        let counts = bands.map { b in (b, signals.filter { $0.band == b }.count) }
        let summary = "\(plotted.count) buurten met beide cijfers. " + counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            + ". Rechtsboven de stippellijnen: een hoge concentratie kwetsbare huishoudens én veel overlast."
        let svg = VeerkrachtReport.scatter(title: "Concentratie kwetsbare huishoudens en overlast per buurt, \(year.year)", summary: summary, signals: plotted,
                                           thresholds: t, xLabel: "Concentratie kwetsbare huishoudens (\(choices.normalisation.rawValue))")
        let rows: [[String: Any]] = signals.map { s in
            ["code": s.code.text, "naam": s.name, "band": s.band.rawValue, "concentratie": Self.n(s.vulnerability), "overlast": Self.n(s.nuisance),
             "ontwikkeling": s.vulnerabilityChange.map { Self.n($0) } ?? "onbekend",
             "corporatie": s.corporatiebuurt == true ? "ja" : s.corporatiebuurt == false ? "nee" : "onbekend", "href": "/veerkracht/gebied/\(s.code.text)?\(choices.query)"]
        }
        let values: [String: Any] = [
            "titel": "Veerkracht", "jaar": year.year, "jaarGekozen": choices.year != nil, "vorig": before.map { String($0.year) } ?? "", "conventies": choices.spec.conventions,
            "bronnen": l.notes, "jaren": l.years.map { ["jaar": $0.year, "gekozen": $0.year == year.year] },
            "melding": Self.query(request)["melding"] == "gegevens" ? "Het bestand is opgeslagen; de pagina rekent nu met je eigen gegevens." : "",
            "jaarUitleg": choices.year == nil && year.year != l.years.last!.year
                ? "Het jaar \(year.year) is gekozen: in de nieuwere CBS-cijfers (\(l.years.last!.year)) ontbreken nog de inkomens- en uitkeringscijfers of de Leefbaarometer." : "",
            "indicatoren": Choices.offered.map { ["id": $0.rawValue, "naam": $0.label, "gewicht": Form.decimalText(choices.weights[$0] ?? 0), "omgekeerd": choices.turned.contains($0),
                                                 "richting": $0.vulnerableDirection > 0 ? "hoger telt als kwetsbaarder" : "lager telt als kwetsbaarder"] },
            "minmax": choices.normalisation == .minMax, "relatief": choices.relative,
            "dConcentratie": Form.decimalText(t.vulnerabilityLevel), "dStijging": Form.decimalText(t.vulnerabilityRise),
            "dOverlast": Form.decimalText(t.nuisanceLevel), "dOverlastStijging": Form.decimalText(t.nuisanceRise), "aannames": t.areAssumptions,
            "grafiek": plotted.isEmpty ? "" : svg, "samenvatting": summary, "gebieden": rows,
            "banden": bands.map { ["naam": $0.rawValue, "uitleg": $0.explanation] },
            "eigen": own, "organisatie": session.organisationName, "magUploaden": session.user.role.canEdit, "csrf": session.csrf,
            "bestanden": try await store.dataFileInfo(organisationID: session.user.organisationID).map { ["naam": $0.name, "op": String($0.uploadedAt.prefix(10)), "door": $0.uploadedBy] },
            "uploadFouten": uploadProblems, "heeftUploadFouten": !uploadProblems.isEmpty,
        ].merging(DossierController.problemValues(choices.problems)) { $1 }
        return pages.render("veerkracht", values, context: context, status: status)
    }

    func profile(_ request: Request, _ context: WikkenContext) async throws -> Response {
        guard let session = context.session else { return Response.redirect(to: "/inloggen") }
        let (result, _) = try await data(for: session.user)
        guard case .success(let l) = result else { return unavailable(context, result) }
        let choices = Choices(Self.query(request))
        guard let code = AreaCode(try context.parameters.require("code")) else { throw HTTPError(.notFound, message: "Dit is geen gebiedscode.") }
        let (year, _, signals) = signals(choices, l)
        guard let area = year.byCode[code], let signal = signals.first(where: { $0.code == code }) else {
            throw HTTPError(.notFound, message: "Dit gebied staat niet in de gegevens van \(year.year).")
        }
        let rules = IndicatorRules()
        let indicators: [[String: Any]] = Indicator.allCases.map { i in
            let v = rules.value(i, in: area)
            return ["naam": i.label, "waarde": v.number.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? (v.reason ?? "onbekend"), "bron": i.source]
        }
        let cbs: [[String: Any]] = Sources.profile(area, codebook: l.codebook).map { ["variabele": $0.variable, "naam": $0.label, "waarde": $0.value] }
        var values: [String: Any] = [
            "cbs": cbs, "titel": area.name, "naam": area.name, "code": code.text, "gemeente": area.gemeenteName, "jaar": year.year, "band": signal.band.rawValue,
            "waarom": signal.why, "indicatoren": indicators, "terug": "/veerkracht?\(choices.query)", "csrf": session.csrf,
            "magMaken": session.user.role.canEdit, "query": choices.query,
        ]
        if let lbm = area["lbm"].number { values["klasse"] = LeefbaarometerClasses.assumed.label(lbm) }
        if let corp = rules.isCorporatiebuurt(area) { values["corporatiebuurt"] = corp ? "ja" : "nee" }
        return pages.render("gebied", values, context: context)
    }

    /// A posted form of someone who may change things: signed in (else nil), right token, an
    /// editing role.
    func editorPost(_ request: Request, _ context: WikkenContext) async throws -> (Session, Form)? {
        guard let session = context.session else { return nil }
        let form = try await Form.read(request)
        try form.requireToken(of: session)
        guard session.user.role.canEdit else { throw HTTPError(.forbidden, message: "Je mag alleen lezen.") }
        return (session, form)
    }

    /// Makes the interventions dossier for an area in the user's organisation (once; after that
    /// the existing one opens).
    func interventions(_ request: Request, _ context: WikkenContext) async throws -> Response {
        guard let (session, form) = try await editorPost(request, context) else { return Response.redirect(to: "/inloggen") }
        let (result, _) = try await data(for: session.user)
        guard case .success(let l) = result else { return unavailable(context, result) }
        var query: [String: String] = [:]
        for pair in (form["query"] ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { query[kv[0]] = kv[1] }
        }
        let choices = Choices(query)
        guard let code = AreaCode(try context.parameters.require("code")) else { throw HTTPError(.notFound, message: "Dit is geen gebiedscode.") }
        let (year, _, signals) = signals(choices, l)
        guard let area = year.byCode[code], let signal = signals.first(where: { $0.code == code }) else { throw HTTPError(.notFound, message: "Dit gebied staat niet in de gegevens.") }
        let dossier = Interventions.dossier(for: signal, area: area)
        do {
            _ = try await store.createDossier(dossier, organisationID: session.user.organisationID, author: session.user,
                                              summary: "Gemaakt vanuit de veerkrachtmonitor (band ‘\(signal.band.rawValue)’, \(year.year))")
            return Response.redirect(to: "/dossiers/\(dossier.id)?melding=opgeslagen")
        } catch StoreError.duplicate {
            return Response.redirect(to: "/dossiers/\(dossier.id)")
        }
    }

    func allocation(_ request: Request, _ context: WikkenContext) async throws -> Response {
        guard let session = context.session else { return Response.redirect(to: "/inloggen") }
        let (result, _) = try await data(for: session.user)
        guard case .success(let l) = result else { return unavailable(context, result) }
        let isPost = request.method == .post
        let form = isPost ? try await Form.read(request) : Form()
        if isPost { try form.requireToken(of: session) }
        var values: [String: Any] = ["titel": "Toewijzing aandachtsgroepen", "csrf": session.csrf]
        let groupKeys = ["statushouders", "beschermd-wonen", "jongeren"]
        var typed: [String: String] = [:]
        for g in groupKeys { typed[g] = form["groep-\(g)"] ?? (g == "statushouders" ? "30" : g == "beschermd-wonen" ? "12" : "10") }
        values["groepen"] = groupKeys.map { ["id": $0, "waarde": typed[$0]!] }
        values["complexenTekst"] = form["complexen"] ?? Self.exampleComplexes
        values["regels"] = Band.allCases.map { b in
            let r = AllocationProblem.defaultRules[b]!
            return "\(b.rawValue): hoogstens \(Int((r.maxShare * 100).rounded()))% van het vrijkomen, druk \(r.pressure) per huishouden"
        }
        guard isPost else { return pages.render("toewijzing", values, context: context) }

        let counts = groupKeys.map { ($0, typed[$0]!) }
        let outcome = plan(groups: counts, complexesCSV: form["complexen"] ?? "", data: l)
        guard case .success(let (plan, groups, complexes, year)) = outcome else {
            if case .failure(let problems) = outcome {
                return pages.render("toewijzing", values.merging(DossierController.problemValues(problems.list)) { $1 }, context: context, status: .unprocessableContent)
            }
            fatalError("unreachable")
        }
        values["resultaat"] = true
        values["jaar"] = year
        values["regelsPlan"] = zip(plan.lines, complexes).map { line, c -> [String: Any] in
            ["naam": c.name, "buurt": c.buurt.text, "band": line.band.rawValue, "totaal": line.total, "maximum": line.cap,
             "perGroep": line.perGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "), "waarom": line.why]
        }
        values["geplaatst"] = groups.map { "\($0.name) \(plan.placed[$0.id] ?? 0) van \($0.households)" }.joined(separator: ", ")
        values["druk"] = plan.pressure
        values["tekort"] = plan.totalUnplaced
        values["knelpunten"] = plan.binding
        return pages.render("toewijzing", values, context: context)
    }

    /// Stores an organisation's own file after checking it together with its other files; a file
    /// with problems is not stored and the problems are shown with their lines.
    func upload(_ request: Request, _ context: WikkenContext) async throws -> Response {
        guard let (session, form) = try await editorPost(request, context) else { return Response.redirect(to: "/inloggen") }
        guard let file = form.files["bestand"], !file.text.isEmpty else {
            return try await overview(request, context, problems: ["Kies een CSV-bestand."], status: .unprocessableContent)
        }
        let kinds = ["kwb": "kerncijfers", "lbm": "Leefbaarometer", "ses_woa": "SES-WOA", "codeboek": "codeboek"]
        guard let kind = form["soort"], kinds[kind] != nil else { return try await overview(request, context, problems: ["Kies wat voor bestand het is."], status: .unprocessableContent) }
        let year = (form["jaar"] ?? "").trimmingCharacters(in: .whitespaces)
        guard kind == "codeboek" || VeerkrachtFiles.year(of: year) != nil else {
            return try await overview(request, context, problems: ["Jaar: vul het jaar van de cijfers in (bijvoorbeeld 2023)."], status: .unprocessableContent)
        }
        let original = file.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { $0.append($1) }
        let name = "\(kind)\(kind == "codeboek" ? "" : year)-\(original.prefix(60)).csv"
        let existing = try await store.dataFiles(organisationID: session.user.organisationID).filter { $0.name != name }
        let all = existing.map { VeerkrachtFiles.File(name: $0.name, text: $0.content) } + [.init(name: name, text: file.text)]
        if kind == "kwb" || all.contains(where: { $0.name.hasPrefix("kwb") }) {
            if case .failure(let e) = Self.load(all, origin: "in je eigen gegevens") {
                return try await overview(request, context, problems: ["Niet opgeslagen: \(e.message)"], status: .unprocessableContent)
            }
        }
        try await store.saveDataFile(organisationID: session.user.organisationID, name: name, content: file.text, by: session.user)
        context.logger.info("veerkracht: \(name) opgeslagen voor \(session.organisationName) door \(session.user.email)")
        return Response.redirect(to: "/veerkracht?melding=gegevens")
    }

    func removeFile(_ request: Request, _ context: WikkenContext) async throws -> Response {
        guard let (session, form) = try await editorPost(request, context) else { return Response.redirect(to: "/inloggen") }
        guard form["zeker"] == "ja", let name = form["naam"] else {
            return pages.message("Niet verwijderd", ["Vink aan dat je het bestand echt wilt verwijderen."], link: ("/veerkracht", "Terug naar veerkracht"), context: context, status: .unprocessableContent)
        }
        try await store.deleteDataFile(organisationID: session.user.organisationID, name: name)
        return Response.redirect(to: "/veerkracht")
    }

    struct PlanProblems: Error { var list: [String] }

    /// An allocation plan for household counts per group (as typed) and complexes (CSV text),
    /// with the bands of the default view; or the problems, each with its line.
    func plan(groups counts: [(String, String)], complexesCSV: String, data l: VeerkrachtFiles.Loaded)
        -> Result<(AllocationPlan, [AllocationProblem.Group], [AllocationProblem.Complex], Int), PlanProblems> {
        var problems: [String] = []
        var groups: [AllocationProblem.Group] = []
        for (g, text) in counts {
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 else { problems.append("\(g): vul een aantal huishoudens in (0 of meer)."); continue }
            groups.append(.init(id: g, name: g, households: n))
        }
        var complexes: [AllocationProblem.Complex] = []
        switch CSVTable.read(complexesCSV, file: "complexen") {
        case .failure(let p): problems.append("Complexen, regel \(p.line): \(p.message)")
        case .success(let t):
            switch Sources.complexes(header: t.header, rows: t.rows.map { ($0.line, $0.fields) }, file: "complexen") {
            case .success(let list): complexes = list
            case .failure(let p): problems += p.list.map { "Complexen, regel \($0.line)\($0.column.map { " (kolom \($0))" } ?? ""): \($0.message)." }
            }
        }
        guard problems.isEmpty else { return .failure(PlanProblems(list: problems)) }
        let (year, _, signals) = signals(Choices([:]), l)
        let bands = Dictionary(signals.map { ($0.code, $0.band) }, uniquingKeysWith: { a, _ in a })
        return .success((Allocation.plan(AllocationProblem(groups: groups, complexes: complexes, bands: bands)), groups, complexes, year.year))
    }

    static let exampleComplexes = """
    complex_id,naam,buurt,woningen,vrijkomend,maximum,geschikt_voor,overlastmeldingen,kwetsbaarheid_pct
    c-neckar-1,Neckardreef flats 1-4,BU03440322,320,24,,,41,34
    c-tigris,Tigrisdreef portieken,BU03440342,210,16,,,18,28
    c-kanaleneiland,Kanaleneiland-Zuid blokken,BU03440831,260,20,,,22,22
    c-hoograven,Nieuw Hoograven-Zuid,BU03440733,140,10,,,9,18
    c-sciencepark,Studentenflat Science Park,BU03440533,400,120,10,jongeren,12,5
    c-leidsche-rijn,Parkwijk-Noord appartementen,BU03440941,120,8,,,3,8
    c-vleuten,Vleuten centrum,BU03441013,80,5,,,2,6
    c-ondiep,Ondiep portieken,BU03440222,110,9,,,14,15
    """
}
