import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenStore

/// Dossier pages: the list, the analysis with explanation and a weights form per weight set,
/// the history with restore, the board memo and exports. Reading pages are in the signed-in
/// group; every form and every change in the editor group. The organisation's right to see a
/// dossier is checked by the store on every read.
struct DossierController {
    let store: any DossierStore & AccountStore
    let pages: Pages
    /// Memos per revision (with and without SMAA): a revision never changes.
    let memos = BoundedCache<String, String>(limit: 64)
    let pdfs = BoundedCache<String, Data>(limit: 16)
    let printSlots = Slots(2)

    func add(signedIn: RouterGroup<WikkenContext>, editor: RouterGroup<WikkenContext>) {
        let read = signedIn.group("dossiers")
        read.get { _, context in try await list(context) }
        read.get(":id") { request, context in try await show(request, context) }
        read.get(":id/voorbeeld") { request, context in try await preview(request, context) }
        read.get(":id/geschiedenis") { request, context in try await history(request, context) }
        read.get(":id/notitie") { request, context in try await memo(request, context) }
        read.get(":id/notitie.pdf") { request, context in try await memoPDF(request, context) }
        read.get(":id/smaa") { _, context in try await smaaFragment(context) }
        read.get(":id/export.yaml") { request, context in try await export(request, context, .yaml) }
        read.get(":id/export.json") { request, context in try await export(request, context, .json) }
        read.get(":id/scores.xlsx") { _, context in try await exportGrid(context) }
        read.get(":id/analyse.xlsx") { _, context in try await exportAnalysis(context) }

        let edit = editor.group("dossiers")
        edit.get("nieuw") { _, context in try await newForm(context) }
        edit.post("nieuw") { _, context in try await create(context) }
        edit.get(":id/bewerken") { _, context in try await editForm(context) }
        edit.post(":id/bewerken") { _, context in try await self.edit(context) }
        edit.post(":id/delen") { _, context in try await share(context) }
        edit.post(":id/verhalen") { _, context in try await addStory(context) }
        edit.get(":id/opties/:optie") { _, context in try await optionForm(context) }
        edit.post(":id/opties/:optie") { _, context in try await saveOption(context) }
        edit.post(":id/opties/:optie/verwijderen") { _, context in try await removeOption(context) }
        addCriteriaRoutes(to: edit)
        addStepRoutes(to: edit)
        addJudgementRoutes(to: edit)
        addPartnerRoutes(read: read, edit: edit)
        edit.post(":id/gewichten") { _, context in try await saveWeights(context) }
        edit.post(":id/herstel") { _, context in try await restore(context) }
        edit.post(":id/ontbrekend") { _, context in try await saveMissingRule(context) }
        edit.post(":id/hoofdweging") { _, context in try await saveMainWeightSet(context) }
        edit.post(":id/samenvoegen") { _, context in try await resolveMerge(context) }
    }

    // MARK: - Reading what the route group guarantees

    /// One read unit about a dossier; a dossier the organisation may not see (or that does not
    /// exist) is the same 404 everywhere.
    func readVisible<T: Sendable>(_ body: @escaping @Sendable (StoreReader) async throws -> T) async throws -> T {
        do {
            return try await store.read(body)
        } catch StoreError.notFound {
            throw Self.notVisible
        }
    }

    func stored(_ id: String, _ session: Session, revision: Int? = nil) async throws -> StoredDossier {
        do {
            return try await store.dossier(id: id, revision: revision, viewer: session.user)
        } catch StoreError.notFound {
            throw Self.notVisible
        }
    }

    /// A posted dossier form (in the editor group: signed in, token and role checked): the
    /// session, the dossier's id, the form and the revision it was based on.
    func dossierPost(_ context: WikkenContext) throws -> (Session, String, Form, Int) {
        let form = try context.form
        /// The revision every dossier form was based on.
        struct Base: Decodable { var versie: String? }
        guard let basedOn = try form.decode(Base.self).versie.flatMap({ Int($0) }) else { throw HTTPError(.badRequest, message: "Versie ontbreekt.") }
        return (try context.session, try context.parameters.require("id"), form, basedOn)
    }

    /// The start of a form page for one part of a dossier (an option, a criterion, a weight
    /// set): the session, the stored dossier, and the part's id from the path parameter
    /// `parameter` (``newOption`` for a new one).
    func editablePart(_ context: WikkenContext, _ parameter: String) async throws -> (Session, StoredDossier, String) {
        let session = try context.session
        return (session, try await stored(try context.parameters.require("id"), session), try context.parameters.require(parameter))
    }

    /// A removal needs its tick ("Ja, verwijder …"); without it, a page that says so.
    func unconfirmed(_ form: Form, _ name: String, back: (href: String, text: String), _ context: WikkenContext) -> Response? {
        guard !((try? form.decode(Confirmation.self))?.confirmed ?? false) else { return nil }
        return pages.message("Niet verwijderd", ["Vink aan dat je ‘\(name)’ echt wilt verwijderen."], link: back, context: context, status: .unprocessableContent)
    }


    // MARK: - Pages

    func list(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let (records, organisations) = try await store.read { r in (try await r.dossiers(viewer: session.user), try await r.organisations()) }
        let names = Dictionary(firstValues: organisations.map { ($0.id, $0.name) })
        let rows = records.map { r in
            DossierListPage.Row(id: r.id, titel: r.title, versie: r.currentRevision, bijgewerkt: LocalTime.day(r.updated),
                                gedeeld: r.organisationID != session.user.organisationID, eigenaar: names[r.organisationID] ?? "")
        }
        return pages.render(DossierListPage(dossiers: rows, magMaken: session.user.role.canEdit), context: context)
    }

    /// The dossier and every organisation, in one statement; 404 when the organisation may not see it.
    func storedWithOrganisations(_ id: String, _ session: Session) async throws -> (StoredDossier, [Organisation]) {
        do {
            return try await store.dossierWithOrganisations(id: id, viewer: session.user)
        } catch StoreError.notFound {
            throw Self.notVisible
        }
    }

    static let notVisible = HTTPError(.notFound, message: "Dit dossier bestaat niet, of je organisatie mag het niet zien.")

    /// The dossier page. Everything on it but the person (name, organisation, CSRF token) follows
    /// from the revision, the role, the organisations and the notice, so it is rendered once per
    /// such key and shared (``Pages/renderShared(key:session:context:status:_:)``).
    func show(_ request: Request, _ context: WikkenContext, notice: String? = nil) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let stored: StoredDossier, organisations: [Organisation]
        do {
            (stored, organisations) = try await storedWithOrganisations(id, session)
        } catch StoreError.blind {
            return Response.redirect(to: "/dossiers/\(id)/partners")  // a partner weighing blind sees only its own part
        }
        // A dossier still being built has no page yet: an editor goes on where it stopped.
        if let open = stored.dossier.openStep {
            let owner = session.user.role.canEdit && stored.record.organisationID == session.user.organisationID
            if owner { return Response.redirect(to: "/dossiers/\(stored.record.id)/stap/\(open.rawValue)") }
            return pages.message("Dit dossier is nog in opbouw", ["Er ontbreekt nog een stap (\(Self.stepTitle(open).lowercased())). Zodra het af is, staat hier de afweging."],
                                 link: (href: "/dossiers", text: "Terug naar de dossiers"), context: context, status: .ok)
        }
        let notice = notice ?? request.uri.queryParameters.get("melding").map(Self.notices)
        let names = Dictionary(firstValues: organisations.map { ($0.id, $0.name) })
        let canEdit = session.user.role.canEdit
        let owner = canEdit && stored.record.organisationID == session.user.organisationID
        let candidates = owner ? organisations.filter { $0.id != session.user.organisationID && !stored.record.sharedWith.contains($0.id) } : []
        let shared = stored.record.sharedWith.compactMap { names[$0] }.joined(separator: ", ")
        let origin = try await origin(of: stored.record.id)
        let key = ["dossier", stored.record.id, String(stored.revision), canEdit ? "bewerken" : "lezen", session.user.role == .beheerder ? "beheerder" : "",
                   notice ?? "", shared, candidates.map { "\($0.id)=\($0.name)" }.joined(separator: ","), origin?.href ?? "", origin?.sessie ?? ""].joined(separator: "\u{1F}")
        do {
            return try pages.renderShared(key: key, session: session, context: context) {
                try Self.page(stored, canEdit: canEdit, notice: notice, shared: shared, candidates: candidates, origin: origin)
            }
        } catch is NotAnalysable {
            return pages.message("Dit dossier is nog niet te analyseren", ["Er ontbreken gegevens; vul ze aan in het bestand."], context: context, status: .ok)
        }
    }

    struct NotAnalysable: Error {}

    /// The dossier page's model, with ``RenderedPages/csrf`` for the forms' token.
    static func page(_ stored: StoredDossier, canEdit: Bool, notice: String?, shared: String, candidates: [Organisation],
                     origin: DossierPage.Origin? = nil) throws -> DossierPage {
        let dossier = stored.dossier, address = stored.record.id
        // Missing scores follow the dossier's rule, as on the command line and in the memo. Without
        // one the page computes (as the worst value) only to show the weights: no ranking, no advice.
        let rule = dossier.missingRule()
        let possible = dossier.options.count * dossier.leafCriteria.count
        let missing = dossier.missingScores.count
        let nothingScored = possible > 0 && missing == possible
        let ruleNeeded = missing > 0 && rule == .refuse
        let result: MavtResult
        do {
            result = try Mavt.analyse(dossier, missingRule: rule == .refuse ? .worst : rule)
        } catch {
            throw NotAnalysable()
        }
        let criteria = dossier.allCriteriaWithDepth
        let sets = result.weightSets.indices.map { k in
            let set = result.weightSets[k]
            let text = ExplanationText(dossier: dossier, result: result, facts: Explanation.facts(dossier, result, weightSet: k), language: .nl)
            let weightSet = dossier.weightSets[k]
            let weights = dossier.criteriaWithDepth(weighedBy: weightSet.owner).map { c, depth in
                DossierPage.Weight(criterium: c.id, naam: c.name, inspring: String(repeating: "— ", count: depth), wegingId: weightSet.id,
                                   waarde: weightSet.weights[c.id].map(Form.decimalText))
            }
            let sentences = nothingScored ? ["Er is nog niets gescoord, dus er is nog geen rangorde. Vul de scores in bij ‘Opties en scores bewerken’."]
                : ruleNeeded ? ["Nog geen rangorde en geen advies: er ontbreken scores en het dossier zegt nog niet hoe Wikken daarmee omgaat (zie boven)."]
                // One advice per page, on the first weight set; the others say what comes first according to them.
                : [k == 0 ? text.advice() : text.accordingTo()] + [text.why()].compactMap { $0 } + (rule == .renormalise ? [] : [text.flip()])
            // Without a single score every option ties at 0: that is no ranking, so none is shown.
            let ranking = nothingScored || ruleNeeded ? [] : RankingRow.rows(dossier, set)
            // The main weight set's contributions are drawn with the results above; each other set
            // gets its own chart here, from the page's own analysis (ids apart per set), with its table.
            let contributions = k > 0 && !ranking.isEmpty
                ? MemoHTML.fragment([.chart(Memo.contributionChart(dossier, result, weightSet: k, id: "bijdragen-\(weightSet.id)"))], language: .nl) : nil
            return DossierPage.WeightSetView(id: weightSet.id, naam: set.name, zinnen: sentences, rangorde: ranking, heeftRangorde: !ranking.isEmpty,
                                             bewerkbaar: canEdit && (weightSet.method == .direct || weightSet.method == .swing),
                                             gewichten: weights, dossier: address, hoofd: k == 0, maakHoofd: canEdit && k > 0,
                                             oordelen: Self.judgementLink(weightSet, address: address, canEdit: canEdit), bijdragen: contributions)
        }
        // What the CLI and the memo show beyond the ranking — contributions, the weight sets side by
        // side, what would flip the order, the methods compared — as the memo draws it (SVG with a
        // summary and the data), for the first weight set.
        var results: String?
        if !nothingScored, !ruleNeeded,
           let memo = try? Memo.assemble(dossier, weightSet: 0, missingRule: rule, smaa: false, date: "", contentHash: "", language: .nl),
           let section = memo.sections.first(where: { $0.id == "uitkomsten" }) {
            results = MemoHTML.fragment(section.blocks, language: .nl)
            if let flips = memo.sections.first(where: { $0.id == "omslag" }) {
                results? += "<h3>Wat de keuze kan omdraaien</h3>\n" + MemoHTML.fragment(flips.blocks, language: .nl)
            }
        }
        let tree = criteria.map { c, depth in
            DossierPage.TreeRow(naam: c.name, inspring: String(repeating: "— ", count: depth), href: "/dossiers/\(address)/criteria/\(c.id)",
                                groep: !c.isLeaf, erbij: "/dossiers/\(address)/criteria/\(Self.newOption)?onder=\(c.id)")
        }
        let stories = dossier.narratives.map { n in
            let about = [n.option.flatMap { dossier.option($0)?.name }, n.criterion.flatMap { dossier.criterion($0)?.name }].compactMap { $0 }.joined(separator: " · ")
            return DossierPage.Story(tekst: n.text, bron: [n.teller, n.date].compactMap { $0 }.joined(separator: ", "), over: about,
                                     houding: n.stance.label(.nl), spanning: n.stance == .contradicts)
        }
        return DossierPage(
            titel: dossier.title, vraag: dossier.question, id: address, versie: stored.revision, csrf: RenderedPages.csrf, wegingen: sets,
            gedeeldMet: shared, melding: notice,
            ontbrekend: missing == 0 ? nil : Self.missing(missing, of: possible, rule: dossier.missingRule, nothingScored: nothingScored, canEdit: canEdit),
            bewerkbaarDossier: canEdit,
            opties: dossier.options.map { .init(id: $0.id, naam: $0.name, href: "/dossiers/\(address)/opties/\($0.id)") },
            criteria: dossier.allCriteria.map { .init(id: $0.id, naam: $0.name) },
            boom: tree,
            wegingLinks: dossier.weightSets.map { .init(id: $0.id, naam: $0.name, href: "/dossiers/\(address)/wegingen/\($0.id)") },
            verhalen: stories, deelbaar: !candidates.isEmpty, organisaties: candidates.map { .init(id: $0.id, naam: $0.name) },
            uitkomsten: results, uitkomstenWeging: results == nil ? nil : dossier.weightSets.first?.name, herkomst: origin,
            metPartners: !dossier.decisionMakers.isEmpty)
    }

    /// The working session a dossier's case was brought to, if it was made from one.
    func origin(of dossierID: String) async throws -> DossierPage.Origin? {
        try await store.read { r -> DossierPage.Origin? in
            guard let c = try await r.case(dossierID: dossierID), let s = try await r.session(id: c.sessionID) else { return nil }
            let edition = try await r.edition(id: s.editionID)?.name ?? s.editionID
            return .init(casus: c.title, sessie: "werksessie \(s.number) van \(edition)", href: "/netwerk/\(s.editionID)/sessies/\(s.number)#c-\(c.id)")
        }
    }

    /// The link to a rank order's or AHP judgements' form, for an editor.
    static func judgementLink(_ set: WeightSet, address: String, canEdit: Bool) -> DossierPage.ActionLink? {
        guard canEdit else { return nil }
        switch set.method {
        case .rankOrder: return .init(href: "/dossiers/\(address)/wegingen/\(set.id)/oordelen", tekst: "Rangorde van \(set.name) aanpassen")
        case .pairwise: return .init(href: "/dossiers/\(address)/wegingen/\(set.id)/oordelen", tekst: "Vergelijkingen (AHP) van \(set.name) aanpassen")
        case .direct, .swing: return nil
        }
    }

    /// The note on missing scores: how many, what the rule does, and for editors the choice.
    static func missing(_ count: Int, of possible: Int, rule: MissingRule?, nothingScored: Bool, canEdit: Bool) -> DossierPage.Missing {
        var text = count == 1 ? "Er ontbreekt nog 1 van de \(possible) scores." : "Er ontbreken nog \(count) van de \(possible) scores."
        if !nothingScored {
            switch rule {
            case nil, .refuse?:
                text += " Kies hoe Wikken daarmee omgaat; tot dan geeft deze pagina geen rangorde en geen advies."
                if !canEdit { text += " Vraag iemand die het dossier mag bewerken om een regel te kiezen." }
            case .worst?: text += " Regel van dit dossier: ze tellen als de slechtste waarde. Met alle scores ingevuld kan de rangorde anders uitvallen."
            case .renormalise?: text += " Regel van dit dossier: het gewicht van een ontbrekende score gaat naar de bekende scores van die optie."
            }
        }
        let rules = MissingRule.allCases.map { r in
            DossierPage.Missing.Rule(waarde: r.fileName, uitleg: r.explanation(.nl), gekozen: (rule ?? .refuse) == r)
        }
        return DossierPage.Missing(tekst: text, regels: rules, kiesbaar: canEdit && !nothingScored)
    }

    /// Saves the dossier's rule for missing scores as a new revision.
    func saveMissingRule(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        struct RuleField: Decodable { var regel: String? }
        guard let rule = try form.decode(RuleField.self).regel.flatMap(MissingRule.init(fileName:)) else {
            throw HTTPError(.badRequest, message: "Kies een regel: weigeren, slechtst of herverdelen.")
        }
        var dossier = try await stored(id, session).dossier
        dossier.missingRule = rule
        let back = (href: "/dossiers/\(id)", text: "Terug naar het dossier")
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: "Regel voor ontbrekende scores: \(rule.fileName)") {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, _):
            return pages.message("Niet opgeslagen", ["Het dossier is intussen gewijzigd (nu versie \(current)). De regel is niet opgeslagen; kies hem opnieuw op de nieuwste versie."],
                                 link: back, context: context, status: .conflict)
        case .invalid(let problems): return pages.message("Niet opgeslagen", problems, link: back, context: context, status: .unprocessableContent)
        }
    }

    /// Makes a weight set the main one (first in the dossier): the advice on the page and in
    /// the memo follows it; the others say what comes first according to them.
    func saveMainWeightSet(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        struct Field: Decodable { var weging: String? }
        var dossier = try await stored(id, session).dossier
        guard let chosen = try form.decode(Field.self).weging, let k = dossier.weightSets.firstIndex(where: { $0.id == chosen }) else {
            throw HTTPError(.badRequest, message: "Kies een weging van dit dossier.")
        }
        let set = dossier.weightSets.remove(at: k)
        dossier.weightSets.insert(set, at: 0)
        let back = (href: "/dossiers/\(id)", text: "Terug naar het dossier")
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: "Hoofdweging: ‘\(set.name)’") {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message): return pages.message("Niet opgeslagen", [message], link: back, context: context, status: .conflict)
        case .invalid(let problems): return pages.message("Niet opgeslagen", problems, link: back, context: context, status: .unprocessableContent)
        }
    }

    /// How sure the order is (SMAA-2), as the memo shows it, for the dossier page to fetch while
    /// it shows that it is computing: an HTML fragment, made once per revision and kept.
    func smaaFragment(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let dossier = stored.dossier
        let fragment = try? memos.value("\(stored.record.id)@\(stored.revision)#smaa-fragment") { () throws -> String in
            let memo = try Memo.assemble(dossier, weightSet: 0, missingRule: dossier.missingRule(), smaa: true, date: "", contentHash: "", language: .nl)
            let blocks = memo.sections.first { $0.id == "uitkomsten" }?.blocks.filter {
                if case .chart(let chart) = $0 { return chart.id == "smaa" } else { return false }
            } ?? []
            return MemoHTML.fragment(blocks, language: .nl)
        }
        guard let fragment, !fragment.isEmpty else {
            return Response(status: .unprocessableContent, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "<p>Nog niet te berekenen: er ontbreken scores zonder regel, of het dossier is nog niet af.</p>")))
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: fragment)))
    }

    static func notices(_ key: String) -> String {
        switch key {
        case "opgeslagen": return "Opgeslagen als nieuwe versie."
        case "samengevoegd": return "Opgeslagen als nieuwe versie. Intussen had iemand anders het dossier ook gewijzigd; beide wijzigingen staan erin (zie de geschiedenis)."
        case "samengevoegd-zelf": return "Opgeslagen als nieuwe versie. Je had het dossier intussen ook in een ander venster gewijzigd; beide wijzigingen staan erin."
        case "teruggezet": return "De oude versie is teruggezet als nieuwe versie."
        case "aangemaakt": return "Het dossier is aangemaakt."
        case "verwijderd": return "De optie is verwijderd, als nieuwe versie. Terugzetten kan via de geschiedenis."
        case "gedeeld": return "Het dossier is gedeeld. De andere organisatie ziet het nu in haar lijst."
        case "geopend": return "De weging is open: alle partners zien nu ieders weging, de combinatie en de bezwaren."
        case "blind": return "De partners wegen nu blind: elke partner ziet alleen haar eigen deel."
        default: return ""
        }
    }

    func saveWeights(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let form = try context.form
        /// The weights form: its revision, weight set and summary; the weights are a field per
        /// criterion (`g-<id>`), read by name below.
        struct WeightsFields: Decodable { var versie: String?; var weging: String?; var samenvatting: String? }
        let fields = try form.decode(WeightsFields.self)
        guard let basedOn = fields.versie.flatMap({ Int($0) }), let setID = fields.weging else { throw HTTPError(.badRequest, message: "Versie of weging ontbreekt.") }
        var dossier = try await stored(id, session).dossier
        guard let k = dossier.weightSets.firstIndex(where: { $0.id == setID }) else { throw HTTPError(.badRequest, message: "Onbekende weging.") }
        var weights: [String: Double] = [:]
        var unreadable: [String] = []
        for (c, _) in dossier.criteriaWithDepth(weighedBy: dossier.weightSets[k].owner) {
            let raw = (form["g-\(c.id)"] ?? "").trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { continue }
            if let x = Form.decimal(raw), x >= 0 { weights[c.id] = x } else { unreadable.append("\(c.name): ‘\(raw)’ is geen gewicht van 0 of meer (een komma mag: 7,5).") }
        }
        if !unreadable.isEmpty {
            return pages.message("Niet opgeslagen", unreadable + ["Ga terug, verbeter de getallen en sla opnieuw op."], link: ("/dossiers/\(id)", "Terug naar het dossier"), context: context, status: .unprocessableContent)
        }
        dossier.weightSets[k].weights = weights
        let summary = (fields.samenvatting ?? "").trimmingCharacters(in: .whitespaces)
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary.isEmpty ? "Gewichten van \(dossier.weightSets[k].name) aangepast" : summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message):
            let entered = dossier.allCriteria.compactMap { c in weights[c.id].map { "\(c.name): \(Form.decimalText($0))" } }
            return pages.message("Niet opgeslagen", [message, "Dit had je ingevuld: " + entered.joined(separator: "; ") + "."],
                                 link: ("/dossiers/\(id)", "Naar de nieuwste versie"), context: context, status: .conflict)
        case .invalid(let problems):
            return pages.message("Niet opgeslagen", problems, link: ("/dossiers/\(id)", "Terug naar het dossier"), context: context, status: .unprocessableContent)
        }
    }

    // MARK: - Editing the whole dossier as text

    static let skeleton = """
    wikken: 1
    id: mijn-dossier
    titel: Mijn dossier
    vraag: Welke optie kiezen we?
    criteria:
      - id: kosten
        naam: Kosten
        schaal: {soort: numeriek, eenheid: euro, richting: lager-is-beter}
      - id: draagvlak
        naam: Draagvlak
        schaal: {soort: kwalitatief, niveaus: ["--", "-", "0", "+", "++"]}
    opties:
      - id: optie-a
        naam: Optie A
        scores: {kosten: 100, draagvlak: "+"}
      - id: optie-b
        naam: Optie B
        scores: {kosten: 80, draagvlak: "-"}
    wegingen:
      - id: corporatie
        naam: Corporatie
        gewichten: {kosten: 50, draagvlak: 50}

    """

    /// Problems as people read them on a page: "Regel 12, kolom 5 — opties[0].naam: …".
    static func describe(_ problems: [DossierProblem]) -> [String] {
        problems.filter { $0.severity == .error }.map { p in
            let place = p.location.map { "Regel \($0.line), kolom \($0.column) — " } ?? ""
            return place + "\(p.path): \(p.message(in: .nl))"
        }
    }

    func newForm(_ context: WikkenContext, text: String? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.session
        return pages.render(NewDossierPage(csrf: session.csrf, tekst: text ?? Self.skeleton, probleem: ProblemBox(problems)), context: context, status: status)
    }

    func create(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let form = try context.form
        struct NewFields: Decodable { var tekst: String? }
        let typed = try form.decode(NewFields.self).tekst
        let upload = form.files["bestand"]
        if let upload, upload.text == nil {
            return try await newForm(context, text: typed, problems: ["\(upload.name) is geen tekstbestand (UTF-8). Kies een YAML- of JSON-bestand."], status: .unprocessableContent)
        }
        let text = upload?.text ?? typed ?? ""
        let read = DossierReader.read(text, file: upload?.name ?? "dossier")
        guard let dossier = read.validDossier else {
            return try await newForm(context, text: text, problems: Self.describe(read.problems), status: .unprocessableContent)
        }
        do {
            let created = try await store.createDossier(dossier, organisationID: session.user.organisationID, author: session.user,
                                                        summary: upload.map { "Ingelezen uit \($0.name)" } ?? "Aangemaakt in de browser")
            return Response.redirect(to: "/dossiers/\(created.record.id)?melding=aangemaakt")
        } catch StoreError.duplicate(let id) {
            return try await newForm(context, text: text, problems: ["Je organisatie heeft al een dossier met id '\(id)'. Kies een andere id."], status: .conflict)
        }
    }

    func editForm(_ context: WikkenContext, text: String? = nil, version: Int? = nil, summary: String = "", problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        return pages.render(EditDossierPage(titel: stored.dossier.title, id: stored.record.id, csrf: session.csrf, versie: version ?? stored.revision,
                                            tekst: text ?? DossierWriter.write(stored.dossier, as: .yaml), samenvatting: summary, probleem: ProblemBox(problems)),
                            context: context, status: status)
    }

    func edit(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        /// The whole dossier as text, with the revision it was based on and a summary.
        struct EditFields: Decodable { var tekst: String?; var samenvatting: String?; var versie: String? }
        let form = try context.form.decode(EditFields.self)
        let text = form.tekst ?? "", summary = (form.samenvatting ?? "").trimmingCharacters(in: .whitespaces)
        guard let basedOn = form.versie.flatMap({ Int($0) }) else { throw HTTPError(.badRequest, message: "Versie ontbreekt.") }
        let current = try await stored(id, session)
        let read = DossierReader.read(text, file: "dossier")
        guard let dossier = read.storableDossier else {
            return try await editForm(context, text: text, version: basedOn, summary: summary, problems: Self.describe(read.problems), status: .unprocessableContent)
        }
        guard dossier.id == current.record.name else {
            return try await editForm(context, text: text, version: basedOn, summary: summary,
                                      problems: [Store.renamed(current.record.name, to: dossier.id)], status: .unprocessableContent)
        }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary.isEmpty ? "Dossier bewerkt" : summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message): return try await editForm(context, text: text, version: basedOn, summary: summary, problems: [message], status: .conflict)
        case .invalid(let problems): return try await editForm(context, text: text, version: basedOn, summary: summary, problems: problems, status: .unprocessableContent)
        }
    }

    func share(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let form = try context.form
        struct ShareFields: Decodable { var organisatie: String? }
        guard let organisation = try form.decode(ShareFields.self).organisatie, try await store.organisation(id: organisation) != nil else { throw HTTPError(.badRequest, message: "Kies een organisatie.") }
        do {
            try await store.share(dossierID: id, with: organisation, viewer: session.user)
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: "Dit dossier bestaat niet, of alleen de eigenaar kan het delen.")
        }
        return Response.redirect(to: "/dossiers/\(id)?melding=gedeeld")
    }

    /// The story form: the text, who tells it and when, what it is about and how it relates to
    /// the number.
    struct StoryForm: Decodable {
        var tekst: String?
        var verteller: String?
        var datum: String?
        var optie: String?
        var criterium: String?
        var houding: String?
    }

    /// Adds a story (verhaal) as a new revision.
    func addStory(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let story = try form.decode(StoryForm.self)
        var dossier = try await stored(id, session).dossier
        let text = (story.tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func given(_ value: String?) -> String? { value.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        let (teller, date, option, criterion) = (given(story.verteller), given(story.datum), given(story.optie), given(story.criterium))
        guard !text.isEmpty else {
            return pages.message("Niet opgeslagen", ["Een verhaal heeft tekst nodig."], link: ("/dossiers/\(id)", "Terug naar het dossier"), context: context, status: .unprocessableContent)
        }
        guard option != nil || criterion != nil else {
            return pages.message("Niet opgeslagen", ["Kies waar het verhaal over gaat: een optie, een criterium of allebei.", "Je tekst: \(text)"],
                                 link: ("/dossiers/\(id)", "Terug naar het dossier"), context: context, status: .unprocessableContent)
        }
        let storyID = Slug.unique(from: String(text.prefix(40))) { id in dossier.narratives.contains { $0.id == id } }
        dossier.narratives.append(Narrative(id: storyID, text: text, teller: teller, date: date, option: option, criterion: criterion,
                                            stance: given(story.houding).flatMap(Narrative.Stance.init(fileName:)) ?? .nuances))
        // A new story has an id of its own, so it merges with anything saved meanwhile.
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: "Verhaal toegevoegd") {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message):
            return pages.message("Niet opgeslagen", [message, "Je tekst: \(text)"], link: ("/dossiers/\(id)", "Naar de nieuwste versie"), context: context, status: .conflict)
        case .invalid(let problems):
            return pages.message("Niet opgeslagen", problems + ["Je tekst: \(text)"], link: ("/dossiers/\(id)", "Terug naar het dossier"), context: context, status: .unprocessableContent)
        }
    }

    /// The ranking and explanation with other weights for one weight set, without saving: what
    /// the live sliders show. Same checks as the page.
    func preview(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        var dossier = try await stored(try context.parameters.require("id"), session).dossier
        let query = request.uri.queryParameters
        guard let setID = query.get("weging"), let k = dossier.weightSets.firstIndex(where: { $0.id == setID }) else {
            throw HTTPError(.badRequest, message: "Onbekende weging.")
        }
        var weights: [String: Double] = [:]
        for (c, _) in dossier.criteriaWithDepth(weighedBy: dossier.weightSets[k].owner) {
            if let raw = query.get("g-\(c.id)"), let x = Form.decimal(String(raw)) { weights[c.id] = x }
        }
        dossier.weightSets[k].weights = weights
        dossier.weightSets = [dossier.weightSets[k]]
        let analysed = Result { () throws(MavtError) -> MavtResult in try Mavt.analyse(dossier, missingRule: dossier.missingRule()) }
        guard case .success(let result) = analysed else {
            var message = "Deze gewichten kloppen niet."
            if case .failure(.invalidDossier(let problems)) = analysed, let first = problems.first { message = first.message(in: .nl) }
            if case .failure(.missingScores) = analysed { message = "Er ontbreken scores en het dossier heeft nog geen regel daarvoor: nog geen rangorde." }
            return JSONResponse.encode(["fout": message])
        }
        let set = result.weightSets[0]
        let text = ExplanationText(dossier: dossier, result: result, facts: Explanation.facts(dossier, result, weightSet: 0), language: .nl)
        struct Preview: Encodable { var rangorde: [RankingRow]; var zinnen: [String] }
        let rows = RankingRow.rows(dossier, set)
        return JSONResponse.encode(Preview(rangorde: rows, zinnen: [k == 0 ? text.advice() : text.accordingTo()] + [text.why()].compactMap { $0 } + (dossier.missingRule() == .renormalise ? [] : [text.flip()])))
    }

    func history(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let (stored, revisions) = try await readVisible { r in
            (try await r.dossier(id: id, viewer: session.user), try await r.revisions(dossierID: id, viewer: session.user))
        }
        let rows = revisions.map { r in
            HistoryPage.Row(nummer: r.number, wanneer: LocalTime.minute(r.created), wie: r.authorName, wat: r.summary,
                            terugzetbaar: r.number != stored.revision && session.user.role.canEdit, vorige: r.number > 1 ? r.number - 1 : nil)
        }
        // Two revisions to compare (`?van=2&naar=5`): by default the one before the current and the current.
        let query = request.uri.queryParameters
        let asked = (query.get("van").map { Int($0) }, query.get("naar").map { Int($0) })
        let from = asked.0 ?? max(stored.revision - 1, 1), to = asked.1 ?? stored.revision
        var difference: HistoryPage.Difference?, problem: String?
        if let from, let to, (1...stored.revision).contains(from), (1...stored.revision).contains(to) {
            if asked.0 != nil || asked.1 != nil {
                let (old, new) = try await readVisible { r in
                    (try await r.dossier(id: id, revision: from, viewer: session.user).dossier, try await r.dossier(id: id, revision: to, viewer: session.user).dossier)
                }
                let lines = DossierChanges.between(old, new).map { c in
                    HistoryPage.Difference.Line(waar: c.place, wat: c.kind == .added ? "toegevoegd" : c.kind == .removed ? "verwijderd" : "gewijzigd",
                                                was: c.before ?? "—", werd: c.after ?? "—")
                }
                difference = .init(van: from, naar: to, regels: lines, geen: lines.isEmpty)
            }
        } else {
            problem = "Kies twee versies die bestaan: van 1 tot en met \(stored.revision)."
        }
        let numbers = Array((1...stored.revision).reversed())
        return pages.render(HistoryPage(titel: stored.dossier.title, id: id, dossier: id, csrf: session.csrf, huidig: stored.revision, versies: rows,
                                        verschil: difference, vergelijkbaar: stored.revision > 1, keuzesVan: numbers.map { .init(nummer: $0, gekozen: $0 == from) },
                                        keuzesNaar: numbers.map { .init(nummer: $0, gekozen: $0 == to) }, verschilFout: problem),
                            context: context, status: problem == nil ? .ok : .unprocessableContent)
    }

    func restore(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        /// Restore revision `terug`, starting from the current revision `versie`.
        struct RestoreForm: Decodable {
            var versie: Int
            var terug: Int
        }
        let form = try context.form.decode(RestoreForm.self)
        let (basedOn, back) = (form.versie, form.terug)
        do {
            _ = try await store.restore(dossierID: id, revision: back, basedOn: basedOn, viewer: session.user)
        } catch StoreError.conflict(_, let current) {
            return pages.message("Iemand anders was je voor", ["Het dossier is intussen gewijzigd (nu versie \(current)). Er is niets teruggezet."],
                                 link: ("/dossiers/\(id)/geschiedenis", "Naar de geschiedenis"), context: context, status: .conflict)
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: "Die versie bestaat niet.")
        }
        return Response.redirect(to: "/dossiers/\(id)?melding=teruggezet")
    }

    /// The memo page, with SMAA when asked (`?smaa=ja`).
    func memo(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let smaa = request.uri.queryParameters.get("smaa") == "ja"
        let html: String
        switch memoHTML(stored, smaa: smaa, context: context) {
        case .success(let text): html = text
        case .failure(let refusal): return refusal.response
        }
        return Response(status: .ok, headers: [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        ], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that says why there is no memo (a response, carried as an error).
    struct MemoRefusal: Error {
        var response: Response
    }

    /// The memo's HTML, made once per revision (and SMAA or not) and kept; or the page that says
    /// why it cannot be made yet.
    func memoHTML(_ stored: StoredDossier, smaa: Bool, context: WikkenContext) -> Result<String, MemoRefusal> {
        let dossier = stored.dossier, address = stored.record.id
        let query = smaa ? "?smaa=ja" : ""
        let links = [("/dossiers/\(address)", "Terug naar het dossier"),
                     smaa ? ("/dossiers/\(address)/notitie", "Notitie zonder SMAA") : ("/dossiers/\(address)/notitie?smaa=ja", "Notitie met SMAA-kansen (duurt enkele seconden)"),
                     ("/dossiers/\(address)/notitie.pdf\(query)", "Download als PDF")]
        do {
            // With SMAA: thousands of draws, done once per revision and kept.
            return .success(try memos.value("\(address)@\(stored.revision)#\(smaa)") {
                let hash = SHA256.hex(Array(DossierWriter.write(dossier, as: .json).utf8))
                let memo = try Memo.assemble(dossier, weightSet: 0, missingRule: dossier.missingRule(), smaa: smaa, date: LocalTime.day(stored.record.updated), contentHash: hash, language: .nl)
                return MemoHTML.render(memo, links: links)
            })
        } catch MavtError.missingScores(let list) {
            return .failure(MemoRefusal(response: pages.message("De notitie kan nog niet worden gemaakt", [
                "Er \(MissingScore.counted(list.count)), en het dossier zegt nog niet hoe Wikken daarmee omgaat.",
                "Vul de scores aan, of kies op de dossierpagina een regel voor ontbrekende scores. De notitie noemt die regel bij het advies.",
            ], link: ("/dossiers/\(address)", "Terug naar het dossier"), context: context, status: .unprocessableContent)))
        } catch {
            return .failure(MemoRefusal(response: pages.message("De notitie kan nog niet worden gemaakt", ["Het dossier is nog niet compleet genoeg voor een analyse. Vul de opties, criteria en scores aan."],
                                                                link: ("/dossiers/\(address)", "Terug naar het dossier"), context: context, status: .unprocessableContent)))
        }
    }

    /// The memo as PDF, printed by headless Chromium on the server (as `wikken notitie --formaat
    /// pdf`), kept per revision. At most two prints at once; without Chromium, a page that says
    /// how to print the memo to PDF in one's own browser.
    func memoPDF(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let smaa = request.uri.queryParameters.get("smaa") == "ja"
        let back = (href: "/dossiers/\(stored.record.id)/notitie" + (smaa ? "?smaa=ja" : ""), text: "Terug naar de notitie")
        let key = "\(stored.record.id)@\(stored.revision)#\(smaa)"
        func pdf(_ data: Data) -> Response {
            Response(status: .ok, headers: [
                .contentType: "application/pdf",
                .contentDisposition: "attachment; filename=\"bestuursnotitie-\(stored.dossier.id)-v\(stored.revision).pdf\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        if let kept = pdfs.kept(key) { return pdf(kept) }
        let html: String
        switch memoHTML(stored, smaa: smaa, context: context) {
        case .success(let text): html = text
        case .failure(let refusal): return refusal.response
        }
        guard let chromium = PDFPrinter.find() else {
            return pages.message("Geen PDF op deze server", ["Op deze server staat geen Chromium om de PDF mee te maken. Open de notitie en kies in je browser Afdrukken → Opslaan als PDF: de notitie is daarvoor opgemaakt (A4)."],
                                 link: back, context: context, status: .serviceUnavailable)
        }
        guard printSlots.take() else {
            return pages.message("Even geduld", ["Er worden nu al twee notities als PDF gemaakt. Probeer het over een halve minuut opnieuw."],
                                 link: back, context: context, status: .serviceUnavailable)
        }
        defer { printSlots.release() }
        guard let data = await PDFPrinter.print(html, with: chromium) else {
            return pages.message("De PDF kon niet worden gemaakt", ["Chromium kon de notitie niet afdrukken. Open de notitie en kies in je browser Afdrukken → Opslaan als PDF."],
                                 link: back, context: context, status: .internalServerError)
        }
        pdfs.keep(key, data)
        return pdf(data)
    }

    func export(_ request: Request, _ context: WikkenContext, _ syntax: DossierSyntax) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let text = DossierWriter.write(stored.dossier, as: syntax)
        return Response(status: .ok, headers: [
            .contentType: syntax == .json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(stored.dossier.id)-v\(stored.revision).\(syntax.rawValue)\"",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
