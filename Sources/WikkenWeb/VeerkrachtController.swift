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
    let service: VeerkrachtService
    let store: any DossierStore & VeerkrachtFileStore
    let pages: Pages
    /// Uploads shown with their effect and not yet confirmed (kept in memory; a restart forgets them).
    let pending = BoundedCache<String, Pending>(limit: 32)

    func add(signedIn: RouterGroup<WikkenContext>, editor: RouterGroup<WikkenContext>) {
        signedIn.get("/veerkracht") { request, context in try await overview(request, context) }
        signedIn.get("/veerkracht/gebied/:code") { request, context in try await profile(request, context) }
        signedIn.get("/veerkracht/toewijzing") { request, context in try await allocation(request, context) }
        // Planning changes nothing, so readers may too; the form carries the token all the same.
        signedIn.post("/veerkracht/toewijzing") { request, context in try await allocation(request, context) }
        editor.post("/veerkracht/gebied/:code/interventies") { _, context in try await interventions(context) }
        editor.post("/veerkracht/gegevens") { request, context in try await upload(request, context) }
        editor.post("/veerkracht/gegevens/bevestigen") { _, context in try await confirmUpload(context) }
        editor.post("/veerkracht/gegevens/verwijderen") { _, context in try await removeFile(context) }
        editor.post("/veerkracht/keuzes") { _, context in try await saveChoices(context) }
    }

    /// The page that says why there is no data.
    func unavailable(_ context: WikkenContext, _ result: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>) -> Response {
        let message: String
        if case .failure(let e) = result { message = e.message } else { message = "" }
        return pages.message("Geen veerkrachtgegevens", [message], link: ("/dossiers", "Naar de dossiers"), context: context, status: .serviceUnavailable)
    }

    static func n(_ x: Double?) -> String { x.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? "onbekend" }

    func overview(_ request: Request, _ context: WikkenContext, problems uploadProblems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.session
        let view = try await service.data(for: session.user)
        let (result, own, files) = (view.loaded, view.own, view.files)
        let notices = uploadProblems + [view.ownProblem].compactMap { $0 }
        guard case .success(let l) = result else { return unavailable(context, result) }
        let (query, saved) = try await service.query(request, for: session.user)
        let choices = VeerkrachtService.Choices(query)
        var (year, before, signals) = service.signals(choices, l)
        signals = signals.mostPressingFirst
        let t = choices.thresholds
        let bands = Band.allCases
        let plotted = signals.filter { $0.vulnerability != nil && $0.nuisance != nil }
        let counts = bands.map { b in (b, signals.filter { $0.band == b }.count) }
        let summary = counted(plotted.count, "buurt", "buurten") + " met beide cijfers. " + counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            + ". Rechtsboven de stippellijnen: een hoge concentratie kwetsbare huishoudens én veel overlast."
        let svg = VeerkrachtReport.scatter(title: "Concentratie kwetsbare huishoudens en overlast per buurt, \(year.year)", summary: summary, signals: plotted,
                                           thresholds: t, xLabel: "Concentratie kwetsbare huishoudens (\(choices.normalisation.rawValue))")
        let rows = signals.map { s in
            VeerkrachtPage.Area(code: s.code.text, naam: s.name, band: s.band.rawValue, concentratie: Self.n(s.vulnerability), overlast: Self.n(s.nuisance),
                                ontwikkeling: s.vulnerabilityChange.map { Self.n($0) } ?? "onbekend",
                                corporatie: s.corporatiebuurt == true ? "ja" : s.corporatiebuurt == false ? "nee" : "onbekend",
                                href: "/veerkracht/gebied/\(s.code.text)?\(choices.query)")
        }
        let latest = l.years.last?.year ?? year.year
        let page = VeerkrachtPage(
            jaar: year.year, jaarGekozen: choices.year != nil, vorig: before.map { String($0.year) }, conventies: choices.spec.conventions,
            bronnen: l.notes, jaren: l.years.map { .init(jaar: $0.year, gekozen: $0.year == year.year) },
            melding: [query["melding"] == "keuzes" ? "De keuzes zijn bewaard: ze gelden nu voor iedereen van je organisatie op deze pagina's." : nil,
                      query["melding"] == "gegevens" ? (own ? "Het bestand is opgeslagen; de pagina rekent nu met je eigen gegevens." : "Het bestand is opgeslagen.") : nil,
                      view.waitingForKerncijfers ? "Je eigen bestanden worden gebruikt zodra er een bestand met de CBS-kerncijfers bij is; tot dan zie je de voorbeeldgegevens." : nil]
                .compactMap { $0 }.joined(separator: " ").nilIfEmpty,
            jaarUitleg: choices.year == nil && year.year != latest
                ? "Het jaar \(year.year) is gekozen: in de nieuwere CBS-cijfers (\(latest)) ontbreken nog de inkomens- en uitkeringscijfers of de Leefbaarometer." : nil,
            waarschuwingen: Signal.warnings(later: year, earlier: before, spec: choices.spec),
            indicatoren: VeerkrachtService.Choices.offered.map {
                .init(id: $0.rawValue, naam: $0.label, gewicht: Form.decimalText(choices.weights[$0] ?? 0), omgekeerd: choices.turned.contains($0),
                      richting: $0.vulnerableDirection > 0 ? "hoger telt als kwetsbaarder" : "lager telt als kwetsbaarder")
            },
            minmax: choices.normalisation == .minMax, relatief: choices.relative,
            dConcentratie: Form.decimalText(t.vulnerabilityLevel), dStijging: Form.decimalText(t.vulnerabilityRise),
            dOverlast: Form.decimalText(t.nuisanceLevel), dOverlastStijging: Form.decimalText(t.nuisanceRise), aannames: t.areAssumptions,
            grafiek: plotted.isEmpty ? nil : svg, samenvatting: summary, gebieden: rows,
            banden: bands.map { .init(naam: $0.rawValue, uitleg: $0.explanation) },
            eigen: own, organisatie: session.organisationName, magUploaden: session.user.role.canEdit,
            bewaard: saved.map { "Dit zijn de keuzes die je organisatie bewaarde (\(LocalTime.minute(Timestamp.date($0.savedAt))), \($0.savedBy))." },
            keuzes: choices.query, csrf: session.csrf,
            bestanden: files.map { .init(naam: $0.name, op: LocalTime.day(Timestamp.date($0.uploadedAt)), door: $0.uploadedBy) },
            uploadFouten: notices, heeftUploadFouten: !notices.isEmpty, probleem: ProblemBox(choices.problems))
        return pages.render(page, context: context, status: status)
    }

    /// Saves the view's choices (indicators, weights, directions, thresholds) as the
    /// organisation's default for its veerkracht pages. Checked as the page checks them.
    func saveChoices(_ context: WikkenContext) async throws -> Response {
        let (session, form) = (try context.session, try context.form)
        struct ChoicesField: Decodable { var query: String? }
        let text = try form.decode(ChoicesField.self).query ?? ""
        guard let query = try? URLEncodedFormDecoder().decode([String: String].self, from: text) else {
            throw HTTPError(.badRequest, message: "Deze keuzes zijn niet te lezen.")
        }
        let choices = VeerkrachtService.Choices(query)
        guard choices.problems.isEmpty else {
            return pages.message("Niet bewaard", choices.problems, link: ("/veerkracht", "Terug naar de veerkracht"), context: context, status: .unprocessableContent)
        }
        // The allocation's maxima are chosen on their own page; saving the view keeps them.
        var kept = query
        if let saved = try await service.store.veerkrachtChoices(organisationID: session.user.organisationID),
           let previous = try? URLEncodedFormDecoder().decode([String: String].self, from: saved.choices) {
            for (key, value) in previous where (key.hasPrefix("m-") || key.hasPrefix("p-")) && kept[key] == nil { kept[key] = value }
        }
        try await service.store.saveVeerkrachtChoices(organisationID: session.user.organisationID, choices: VeerkrachtService.Choices(kept).query, by: session.user)
        return Response.redirect(to: "/veerkracht?melding=keuzes")
    }

    func profile(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let result = try await service.data(for: session.user).loaded
        guard case .success(let l) = result else { return unavailable(context, result) }
        let choices = VeerkrachtService.Choices(try await service.query(request, for: session.user).query)
        guard let code = AreaCode(try context.parameters.require("code")) else { throw HTTPError(.notFound, message: "Dit is geen gebiedscode.") }
        let (year, _, signals) = service.signals(choices, l)
        guard let area = year.byCode[code], let signal = signals.first(where: { $0.code == code }) else {
            throw HTTPError(.notFound, message: "Dit gebied staat niet in de gegevens van \(year.year).")
        }
        let rules = IndicatorRules()
        let indicators = Indicator.allCases.map { i in
            let v = rules.value(i, in: area)
            return AreaPage.Indicator(naam: i.label, waarde: v.number.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? (v.reason ?? "onbekend"), bron: i.source)
        }
        let cbs = Sources.profile(area, codebook: l.codebook).map { AreaPage.Figure(variabele: $0.variable, naam: $0.label, waarde: $0.value) }
        // What this area's vulnerability rests on: per indicator of the composite its weight, its
        // contribution and its share of the whole; an indicator without a figure counts for nothing.
        let spec = choices.spec
        let composite = Composite.compute(year, spec, rules: rules).first { $0.code == code }
        let totalWeight = spec.parts.reduce(0) { $0 + $1.weight }
        let absolute = (composite?.contributions ?? []).compactMap { $0.map(abs) }.reduce(0, +)
        let parts = spec.parts.enumerated().map { k, part in
            let c = composite?.contributions.indices.contains(k) == true ? composite?.contributions[k] : nil
            return AreaPage.Part(naam: part.indicator.label,
                                 gewicht: totalWeight > 0 ? NumberText.percent(part.weight / totalWeight, language: .nl) : "–",
                                 bijdrage: c.map { NumberText.signed($0, decimals: 2, language: .nl) } ?? "geen cijfer: telt niet mee",
                                 aandeel: c.map { absolute > 0 ? NumberText.percent(abs($0) / absolute, language: .nl) : "–" } ?? "–")
        }
        let page = AreaPage(titel: area.name, naam: area.name, code: code.text, gemeente: area.gemeenteName, jaar: year.year, band: signal.band.rawValue,
                            waarom: signal.why, indicatoren: indicators, cbs: cbs, terug: "/veerkracht?\(choices.query)", csrf: session.csrf,
                            magMaken: session.user.role.canEdit, query: choices.query,
                            klasse: area["lbm"].number.map { LeefbaarometerClasses.assumed.label($0) },
                            corporatiebuurt: rules.isCorporatiebuurt(area).map { $0 ? "ja" : "nee" },
                            samenstelling: parts, samenstellingNoten: composite?.flags ?? [],
                            score: composite?.score.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? "onbekend",
                            schaalUitleg: spec.normalisation == .zScore
                                ? "Per indicator een z-score: 0 is het gemiddelde van de buurten waarmee vergeleken wordt, 1 ligt de gewone spreiding (een standaardafwijking) daarboven."
                                : "Per indicator een min–max-score: 0 is de laagste buurt waarmee vergeleken wordt, 100 de hoogste.")
        return pages.render(page, context: context)
    }

    /// Makes the interventions dossier for an area in the user's organisation (once; after that
    /// the existing one opens).
    func interventions(_ context: WikkenContext) async throws -> Response {
        let (session, form) = (try context.session, try context.form)
        let result = try await service.data(for: session.user).loaded
        guard case .success(let l) = result else { return unavailable(context, result) }
        /// The view's choices travel as the query string of the page the button was on.
        struct InterventionFields: Decodable { var query: String? }
        let query = (try? URLEncodedFormDecoder().decode([String: String].self, from: try form.decode(InterventionFields.self).query ?? "")) ?? [:]
        let choices = VeerkrachtService.Choices(query)
        guard let code = AreaCode(try context.parameters.require("code")) else { throw HTTPError(.notFound, message: "Dit is geen gebiedscode.") }
        let (year, _, signals) = service.signals(choices, l)
        guard let area = year.byCode[code], let signal = signals.first(where: { $0.code == code }) else { throw HTTPError(.notFound, message: "Dit gebied staat niet in de gegevens.") }
        let dossier = Interventions.dossier(for: signal, area: area)
        do {
            let created = try await store.createDossier(dossier, organisationID: session.user.organisationID, author: session.user,
                                                        summary: "Gemaakt vanuit de veerkrachtmonitor (band ‘\(signal.band.rawValue)’, \(year.year))")
            return Response.redirect(to: "/dossiers/\(created.record.id)?melding=opgeslagen")
        } catch StoreError.duplicate {
            guard let address = try await store.address(ofDossierNamed: dossier.id, organisationID: session.user.organisationID) else { throw StoreError.notFound }
            return Response.redirect(to: "/dossiers/\(address)")
        }
    }

    func allocation(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let result = try await service.data(for: session.user).loaded
        guard case .success(let l) = result else { return unavailable(context, result) }
        let isPost = request.method == .post
        // The planner's form: households per group (as typed), the complexes as CSV, and the
        // maximum share and pressure per band; the bands follow the organisation's choices.
        let form = isPost ? try context.form.decode([String: String].self) : [:]
        var query = try await service.query(request, for: session.user).query
        for (key, value) in form where key.hasPrefix("m-") || key.hasPrefix("p-") { query[key] = value }
        let choices = VeerkrachtService.Choices(query)
        let groupKeys = ["statushouders", "beschermd-wonen", "jongeren"]
        let defaults = ["statushouders": "30", "beschermd-wonen": "12", "jongeren": "10"]
        let typed = Dictionary(firstValues: groupKeys.map { ($0, form["groep-\($0)"] ?? defaults[$0] ?? "") })
        var page = AllocationPage(
            csrf: session.csrf, groepen: groupKeys.map { .init(id: $0, waarde: typed[$0] ?? "") },
            complexenTekst: form["complexen"] ?? Self.exampleComplexes,
            banden: Band.allCases.compactMap { b -> AllocationPage.BandRule? in
                guard let r = choices.rules[b] else { return nil }
                let key = VeerkrachtService.Choices.key(b)
                return .init(band: b.rawValue, sleutel: key, maximum: form["m-\(key)"] ?? Form.decimalText(r.maxShare * 100), druk: form["p-\(key)"] ?? String(r.pressure))
            },
            aannames: !choices.rulesChanged, magBewaren: session.user.role.canEdit)
        guard isPost else { return pages.render(page, context: context) }
        guard choices.problems.isEmpty else {
            page.probleem = ProblemBox(choices.problems)
            return pages.render(page, context: context, status: .unprocessableContent)
        }
        if form["bewaren"] == "ja", session.user.role.canEdit {
            try await service.store.saveVeerkrachtChoices(organisationID: session.user.organisationID, choices: choices.query, by: session.user)
            page.melding = "De maxima en drukgewichten zijn bewaard als standaard van je organisatie."
        }

        let counts = groupKeys.map { ($0, typed[$0] ?? "") }
        switch service.plan(groups: counts, complexesCSV: form["complexen"] ?? "", choices: choices, data: l) {
        case .failure(let problems):
            page.probleem = ProblemBox(problems.list)
            return pages.render(page, context: context, status: .unprocessableContent)
        case .success(let (plan, groups, complexes, year)):
            page.resultaat = true
            page.jaar = year
            page.regelsPlan = zip(plan.lines, complexes).map { line, c in
                .init(naam: c.name, buurt: c.buurt.text, band: line.band.rawValue, totaal: line.total, maximum: line.cap,
                      perGroep: line.perGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "), waarom: line.why)
            }
            page.geplaatst = groups.map { "\($0.name) \(plan.placed[$0.id] ?? 0) van \($0.households)" }.joined(separator: ", ")
            page.druk = plan.pressure
            page.tekort = plan.totalUnplaced > 0 ? plan.totalUnplaced : nil
            page.knelpunten = plan.binding
            return pages.render(page, context: context)
        }
    }

    /// Stores an organisation's own file after checking it together with its other files; a file
    /// with problems is not stored and the problems are shown with their lines.
    func upload(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, form) = (try context.session, try context.form)
        guard let file = form.files["bestand"], !file.bytes.isEmpty else {
            return try await overview(request, context, problems: ["Kies een CSV-bestand."], status: .unprocessableContent)
        }
        guard let text = file.text else {
            return try await overview(request, context, problems: ["\(file.name) is geen tekstbestand (UTF-8). Sla het op als CSV (UTF-8) en kies het opnieuw."], status: .unprocessableContent)
        }
        /// The upload form's fields besides the file (multipart fields decode like any form).
        struct UploadFields: Decodable {
            var soort: String?
            var jaar: String?
        }
        let fields = try form.decode(UploadFields.self)
        guard let kind = fields.soort.flatMap(VeerkrachtFiles.Kind.init(rawValue:)) else {
            return try await overview(request, context, problems: ["Kies wat voor bestand het is."], status: .unprocessableContent)
        }
        let year = (fields.jaar ?? "").trimmingCharacters(in: .whitespaces)
        guard kind == .codebook || VeerkrachtFiles.year(of: year) != nil else {
            return try await overview(request, context, problems: ["Jaar: vul het jaar van de cijfers in (bijvoorbeeld 2023)."], status: .unprocessableContent)
        }
        // The original name without its digits: the year is the one chosen on the form (a year in
        // the original name, `kwb2024.csv`, would otherwise win, since the last year in a name counts).
        let original = file.name.lowercased().map { $0.isLetter ? $0 : "-" }.reduce(into: "") { $0.append($1) }
        let name = "\(kind.rawValue)\(kind == .codebook ? "" : year)-\(original.prefix(60)).csv"
        // Checked before it is stored, never stored and failing later: together with what is
        // stored once there are kerncijfers (each file read once), else on its own by its kind.
        let existing = try await store.dataFiles(organisationID: session.user.organisationID).filter { $0.name != name }
        let all = existing.map { VeerkrachtFiles.File(name: $0.name, text: $0.content) } + [.init(name: name, text: text)]
        var loaded: VeerkrachtFiles.Loaded?
        if all.contains(where: { VeerkrachtFiles.Kind(fileName: $0.name) == .kwb }) {
            switch VeerkrachtService.load(all, origin: "in je eigen gegevens") {
            case .success(let l): loaded = l
            case .failure(let e): return try await overview(request, context, problems: ["Niet opgeslagen: \(e.message)"], status: .unprocessableContent)
            }
        } else {
            let alone = VeerkrachtFiles.check(.init(name: name, text: text), as: kind)
            guard alone.isEmpty else {
                return try await overview(request, context, problems: alone.prefix(5).map { "Niet opgeslagen: \($0.description)" }, status: .unprocessableContent)
            }
        }
        // Nothing replaces the organisation's data before its effect is shown and confirmed.
        let token = Self.token()
        pending.keep(token, Pending(organisationID: session.user.organisationID, userID: session.user.id, name: name, text: text, loaded: loaded))
        let before = try await service.data(for: session.user)
        let choices = VeerkrachtService.Choices(try await service.query(request, for: session.user).query)
        var effect: [String] = []
        if !before.own { effect.append("Nu gebruikt je organisatie de voorbeeldgegevens (Utrecht, met de voorbeeld-Leefbaarometer).") }
        if case .success(let now) = before.loaded { effect.append("Nu: " + Self.bandSummary(service.signals(choices, now))) }
        if let loaded {
            effect.append("Na opslaan: " + Self.bandSummary(service.signals(choices, loaded)))
            if !before.own { effect.append("Daarna telt alleen wat je organisatie zelf inleest: de voorbeeldgegevens vallen weg, ook de voorbeeld-Leefbaarometer (overlast). Lees ook een Leefbaarometer-bestand in, anders blijft de overlast onbekend.") }
        } else {
            effect.append("Dit bestand telt pas mee als er ook Kerncijfers wijken en buurten van je organisatie zijn; tot dan verandert er niets aan de pagina.")
        }
        return pages.render(UploadPreviewPage(bestand: file.name, soort: kind.rawValue, effect: effect, token: token, csrf: session.csrf), context: context)
    }

    /// An upload waiting for its confirmation, for at most as long as the cache keeps it.
    struct Pending: Sendable {
        var organisationID: String
        var userID: String
        var name: String
        var text: String
        var loaded: VeerkrachtFiles.Loaded?
    }

    static func token() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement(using: &random) ?? "x") }.joined()
    }

    /// "111 buurten in 2023: 3 onder druk, 12 kwetsbaar, …".
    static func bandSummary(_ result: (year: AreaYear, before: AreaYear?, signals: [AreaSignal])) -> String {
        let counts = Band.allCases.map { band in (band, result.signals.filter { $0.band == band }.count) }.filter { $0.1 > 0 }
        return "\(counted(result.signals.count, "buurt", "buurten")) in \(result.year.year): " + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + "."
    }

    /// Saves an upload whose effect was shown, by the same person for the same organisation.
    func confirmUpload(_ context: WikkenContext) async throws -> Response {
        let (session, form) = (try context.session, try context.form)
        struct Fields: Decodable { var token: String? }
        guard let token = try form.decode(Fields.self).token, let upload = pending.kept(token),
              upload.organisationID == session.user.organisationID, upload.userID == session.user.id else {
            return pages.message("Niet opgeslagen", ["Dit voorbeeld is verlopen of hoort bij iemand anders. Lees het bestand opnieuw in."],
                                 link: ("/veerkracht#gegevens", "Terug naar de gegevens"), context: context, status: .unprocessableContent)
        }
        pending.remove(token)
        try await store.saveDataFile(organisationID: session.user.organisationID, name: upload.name, content: upload.text, by: session.user)
        if let loaded = upload.loaded { try await service.remember(loaded, organisationID: session.user.organisationID) }
        context.logger.info("veerkracht: \(upload.name) opgeslagen voor \(session.organisationName) door \(session.user.email)")
        return Response.redirect(to: "/veerkracht?melding=gegevens")
    }

    func removeFile(_ context: WikkenContext) async throws -> Response {
        /// Which file, and the tick that confirms it.
        struct RemoveFields: Decodable {
            var zeker: String?
            var naam: String?
        }
        let (session, form) = (try context.session, try context.form.decode(RemoveFields.self))
        guard form.zeker == "ja", let name = form.naam else {
            return pages.message("Niet verwijderd", ["Vink aan dat je het bestand echt wilt verwijderen."], link: ("/veerkracht", "Terug naar veerkracht"), context: context, status: .unprocessableContent)
        }
        try await store.deleteDataFile(organisationID: session.user.organisationID, name: name)
        return Response.redirect(to: "/veerkracht")
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
