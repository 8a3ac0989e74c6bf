import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenStore

// Building a dossier in the browser, step by step (*stap voor stap*): question → options →
// criteria → scales → scores in a grid → weights. Every step is saved as a revision, so nothing
// typed is lost and each step can be undone in the history; the store keeps a dossier that is
// still unfinished (``Dossier/blockingProblems()``), and its page sends an editor to the first
// open step (``Dossier/openStep``).
extension DossierController {
    static let stepsPath = "stap-voor-stap"

    func addStepRoutes(to group: RouterGroup<WikkenContext>) {
        group.get(RouterPath(Self.stepsPath)) { _, context in try await startForm(context) }
        group.post(RouterPath(Self.stepsPath)) { _, context in try await start(context) }
        group.get(":id/stap/:stap") { request, context in
            let notice = request.uri.queryParameters.get("melding") == "ingelezen" ? "De scores uit de spreadsheet zijn opgeslagen als nieuwe versie." : nil
            return try await stepForm(context, notice: notice)
        }
        group.post(":id/stap/:stap") { _, context in try await saveStep(context) }
        group.post(":id/scores.xlsx") { _, context in try await importGrid(context) }
    }

    static func stepTitle(_ step: Dossier.Step) -> String {
        switch step {
        case .question: return "Vraag"
        case .options: return "Opties"
        case .criteria: return "Criteria"
        case .scales: return "Schalen"
        case .scores: return "Scores"
        case .weights: return "Weging"
        }
    }

    /// The steps as a list of links, with the current one marked and those done ticked.
    static func stepLinks(_ dossier: Dossier?, address: String?, current: Dossier.Step) -> [StepPage.StepLink] {
        Dossier.Step.allCases.enumerated().map { i, step in
            var done = false
            if let d = dossier {
                switch step {
                case .question: done = true
                case .options: done = !d.options.isEmpty
                case .criteria: done = !d.criteria.isEmpty
                case .scales: done = !d.criteria.isEmpty && !d.leafCriteria.contains { $0.scale == nil }
                case .scores: done = !d.options.isEmpty && !d.criteria.isEmpty && d.missingScores.isEmpty
                case .weights: done = !d.weightSets.isEmpty
                }
            }
            return StepPage.StepLink(nummer: i + 1, naam: stepTitle(step), href: address.map { "/dossiers/\($0)/stap/\(step.rawValue)" },
                                     huidig: step == current, klaar: done)
        }
    }

    // MARK: - Step 1: a new dossier

    func startForm(_ context: WikkenContext, title: String = "", question: String = "", problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.session
        var page = StepPage(titel: "Nieuw dossier", csrf: session.csrf, stappen: Self.stepLinks(nil, address: nil, current: .question),
                            kop: "Stap 1 van 6: de vraag", actie: "/dossiers/\(Self.stepsPath)", probleem: ProblemBox(problems))
        page.vraag = StepPage.Question(titel: title.nilIfEmpty, vraag: question.nilIfEmpty, context: nil)
        page.volgende = Self.stepTitle(.options).lowercased()
        return pages.render(page, context: context, status: status)
    }

    func start(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        struct Fields: Decodable { var titel: String?; var vraag: String? }
        let fields = try context.form.decode(Fields.self)
        let title = Self.oneLine(fields.titel), question = Self.oneLine(fields.vraag)
        let problems = Self.questionProblems(title: title, question: question)
        guard problems.isEmpty else { return try await startForm(context, title: title, question: question, problems: problems, status: .unprocessableContent) }
        var dossier = Dossier.draft(title: title, question: question)
        let base = dossier.id
        // An id the organisation does not use yet: the title's, or with -2, -3, … behind it.
        for n in 1...50 {
            if n > 1 { dossier.id = "\(base.prefix(76))-\(n)" }
            do {
                let created = try await store.createDossier(dossier, organisationID: session.user.organisationID, author: session.user, summary: "Stap voor stap begonnen: de vraag")
                return Response.redirect(to: "/dossiers/\(created.record.id)/stap/\(Dossier.Step.options.rawValue)")
            } catch StoreError.duplicate {
                continue
            }
        }
        return try await startForm(context, title: title, question: question, problems: ["Je organisatie heeft al veel dossiers met deze titel. Kies een andere titel."], status: .conflict)
    }

    static func oneLine(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func questionProblems(title: String, question: String) -> [String] {
        var problems: [String] = []
        if title.isEmpty { problems.append("Titel: geef het dossier een korte titel.") }
        if title.count > 200 { problems.append("Titel: hoogstens 200 tekens.") }
        if question.isEmpty { problems.append("Vraag: schrijf de vraag op die het bestuur moet beantwoorden.") }
        if question.count > 2000 { problems.append("Vraag: hoogstens 2000 tekens.") }
        return problems
    }

    // MARK: - Steps 1–6 of a dossier that exists

    func step(_ context: WikkenContext) throws -> Dossier.Step {
        guard let step = Dossier.Step(rawValue: try context.parameters.require("stap")) else {
            throw HTTPError(.notFound, message: "Deze stap bestaat niet. De stappen zijn: vraag, opties, criteria, schalen, scores en wegingen.")
        }
        return step
    }

    /// The form of one step, from the stored dossier or, after a refusal, from what was typed.
    func stepForm(_ context: WikkenContext, step: Dossier.Step? = nil, typed: [String: String]? = nil, version: Int? = nil, problems: [String] = [], notice: String? = nil,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let step = try step ?? self.step(context)
        var page = Self.stepPage(stored, step: step, typed: typed, version: version, problems: problems, csrf: session.csrf)
        page.melding = notice
        return pages.render(page, context: context, status: status)
    }

    static func stepPage(_ stored: StoredDossier, step: Dossier.Step, typed: [String: String]?, version: Int?, problems: [String], csrf: String) -> StepPage {
        let dossier = stored.dossier, address = stored.record.id
        let number = (Dossier.Step.allCases.firstIndex(of: step) ?? 0) + 1
        var page = StepPage(titel: dossier.title, id: address, csrf: csrf, versie: version ?? stored.revision,
                            stappen: stepLinks(dossier, address: address, current: step),
                            kop: "Stap \(number) van 6: \(stepTitle(step).lowercased())", actie: "/dossiers/\(address)/stap/\(step.rawValue)",
                            probleem: ProblemBox(problems))
        func typedOr(_ key: String, _ stored: String?) -> String? { (typed?[key] ?? stored)?.nilIfEmpty }
        switch step {
        case .question:
            page.vraag = .init(titel: typedOr("titel", dossier.title), vraag: typedOr("vraag", dossier.question), context: typedOr("context", dossier.context))
        case .options:
            page.opties = .init(lijst: typedOr("lijst", dossier.options.map(\.name).joined(separator: "\n")))
        case .criteria:
            page.criteria = .init(lijst: typedOr("lijst", dossier.criteriaOutline))
        case .scales:
            page.schalen = dossier.allCriteriaWithDepth.filter { $0.criterion.isLeaf }.map { leaf, _ in
                var f = fields(of: leaf)
                if let typed {
                    f.kind = typed["k-\(leaf.id)"] ?? f.kind
                    f.unit = typed["u-\(leaf.id)"] ?? f.unit
                    f.direction = typed["r-\(leaf.id)"] ?? f.direction
                    f.worst = typed["w-\(leaf.id)"] ?? f.worst
                    f.best = typed["b-\(leaf.id)"] ?? f.best
                    f.levels = typed["n-\(leaf.id)"] ?? f.levels
                }
                let parent = dossier.allCriteria.first { $0.children.contains { $0.id == leaf.id } }
                return .init(id: leaf.id, naam: leaf.name, onder: parent?.name, getal: f.kind != "niveaus", niveaus: f.kind == "niveaus",
                             eenheid: f.unit.nilIfEmpty, hoger: f.direction != "lager", lager: f.direction == "lager",
                             slechtst: f.worst.nilIfEmpty, best: f.best.nilIfEmpty, niveauLijst: f.levels.nilIfEmpty)
            }
            page.heeftSchalen = !(page.schalen ?? []).isEmpty
            page.geenCriteria = dossier.criteria.isEmpty
        case .scores:
            page.scores = grid(dossier, address: address, typed: typed)
        case .weights:
            page.wegingen = .init(
                bestaand: dossier.weightSets.map { .init(naam: $0.name, href: "/dossiers/\(address)#w-\($0.id)") },
                heeftBestaand: !dossier.weightSets.isEmpty,
                naam: typedOr("naam", "Eerste weging"),
                gewichten: dossier.allCriteriaWithDepth.map { c, depth in
                    .init(criterium: c.id, naam: c.name, inspring: String(repeating: "— ", count: depth), waarde: typedOr("g-\(c.id)", nil))
                })
        }
        page.volgende = step.next.map { stepTitle($0).lowercased() }
        return page
    }

    /// The score grid: a row per option, a column per criterion without subcriteria.
    static func grid(_ dossier: Dossier, address: String, typed: [String: String]?) -> StepPage.Grid? {
        let leaves = dossier.leafCriteria
        guard !dossier.options.isEmpty, !leaves.isEmpty, !leaves.contains(where: { $0.scale == nil }) else { return nil }
        return StepPage.Grid(
            kolommen: leaves.map { .init(id: $0.id, naam: $0.name, hint: hint($0.scale)) },
            rijen: dossier.options.map { option in
                .init(naam: option.name, cellen: leaves.map { leaf in
                    let field = cellField(option: option.id, criterion: leaf.id)
                    return .init(veld: field, waarde: (typed?[field] ?? ScoreCell.text(option.scores[leaf.id])).nilIfEmpty,
                                 label: "\(option.name), \(leaf.name)", niveaus: leaf.scale.flatMap { if case .qualitative = $0 { return "niveaus-\(leaf.id)" } else { return nil } })
                })
            },
            niveaulijsten: leaves.compactMap { leaf in
                guard case .qualitative(let q)? = leaf.scale else { return nil }
                return .init(id: "niveaus-\(leaf.id)", niveaus: q.levels)
            },
            export: "/dossiers/\(address)/scores.xlsx")
    }

    /// The form field of one grid cell; ids never hold "--", so the two parts stay apart.
    static func cellField(option: String, criterion: String) -> String { "c-\(option)--\(criterion)" }

    func saveStep(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let step = try step(context)
        var dossier = try await stored(id, session).dossier
        var typed: [String: String] = [:]
        func field(_ key: String) -> String {
            let value = Self.oneLine(form[key])
            typed[key] = value
            return value
        }
        var problems: [String] = []
        /// Options or criteria typed one per line: the revision's summary, or the problem.
        func listed(_ item: String, _ count: (Dossier) -> String, _ edit: (inout Dossier, String) throws(Dossier.StepError) -> [String]) -> String {
            do {
                let gone = try edit(&dossier, field("lijst"))
                return "Stap voor stap: \(count(dossier))" + (gone.isEmpty ? "" : "; weg: " + gone.joined(separator: ", "))
            } catch {
                problems = [Self.describe(error, item: item)]
                return ""
            }
        }
        let summary: String
        switch step {
        case .question:
            let title = field("titel"), question = field("vraag"), background = field("context")
            problems = Self.questionProblems(title: title, question: question)
            dossier.title = title
            dossier.question = question
            dossier.context = background.nilIfEmpty
            summary = "Stap voor stap: de vraag"
        case .options:
            summary = listed("optie", { counted($0.options.count, "optie", "opties") }) { d, text throws(Dossier.StepError) in try d.setOptions(fromLines: text) }
        case .criteria:
            summary = listed("criterium", { counted($0.allCriteria.count, "criterium", "criteria") }) { d, text throws(Dossier.StepError) in try d.setCriteria(fromOutline: text) }
        case .scales:
            for leaf in dossier.allCriteria where leaf.isLeaf {
                var f = CriterionFields(name: leaf.name)
                f.kind = field("k-\(leaf.id)")
                f.unit = field("u-\(leaf.id)")
                f.direction = field("r-\(leaf.id)")
                f.worst = field("w-\(leaf.id)")
                f.best = field("b-\(leaf.id)")
                f.levels = form["n-\(leaf.id)"] ?? ""
                typed["n-\(leaf.id)"] = f.levels
                switch Self.scale(f, keeping: leaf.scale) {
                case .success(let scale): dossier.setScale(scale, of: leaf.id)
                case .failure(let e): problems.append("\(leaf.name): \(e.message)")
                }
            }
            summary = "Stap voor stap: de schalen"
        case .scores:
            var entries: [ScoreGrid.Entry] = []
            for option in dossier.options {
                for leaf in dossier.leafCriteria {
                    let key = Self.cellField(option: option.id, criterion: leaf.id)
                    guard form[key] != nil else { continue }  // a cell not sent is left as it was
                    entries.append(ScoreGrid.Entry(option: option.id, criterion: leaf.id, text: field(key)))
                }
            }
            problems = Self.apply(entries, to: &dossier)
            summary = "Stap voor stap: de scores"
        case .weights:
            let name = field("naam")
            if name.isEmpty { problems.append("Naam: geef de weging een naam, zoals ‘Corporatie’ of ‘Huurders’.") }
            var weights: [String: Double] = [:]
            for c in dossier.allCriteria {
                let text = field("g-\(c.id)")
                guard !text.isEmpty else { continue }
                guard let x = Form.decimal(text), x >= 0 else { problems.append("\(c.name): ‘\(text)’ is geen getal van 0 of meer (een komma mag, zoals 7,5)."); continue }
                weights[c.id] = x
            }
            let weightSetID = Slug.unique(from: name.isEmpty ? "weging" : name, reserved: Dossier.reservedIDs) { id in dossier.weightSets.contains { $0.id == id } }
            dossier.weightSets.append(WeightSet(id: weightSetID, name: name, method: .direct, weights: weights))
            summary = "Stap voor stap: weging ‘\(name)’"
        }
        guard problems.isEmpty else { return try await stepForm(context, typed: typed, version: basedOn, problems: problems, status: .unprocessableContent) }
        let after = step.next.map { "/dossiers/\(id)/stap/\($0.rawValue)" }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice):
            // The last step, or a dossier now complete after its weights: on to its page.
            return Response.redirect(to: after ?? "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await stepForm(context, typed: typed, version: current, problems: [message], status: .conflict)
        case .invalid(let found): return try await stepForm(context, typed: typed, version: basedOn, problems: found, status: .unprocessableContent)
        }
    }

    /// Puts the grid's cells into the dossier's scores; the problems, each with the cell's
    /// option and criterion. A cell's source and note stay (the grid does not show them).
    static func apply(_ entries: [ScoreGrid.Entry], to dossier: inout Dossier) -> [String] {
        var problems: [String] = []
        for entry in entries {
            guard let k = dossier.options.firstIndex(where: { $0.id == entry.option }), let leaf = dossier.criterion(entry.criterion) else { continue }
            var qualitative = false
            if case .qualitative? = leaf.scale { qualitative = true }
            switch ScoreCell.parse(entry.text, qualitative: qualitative, keeping: dossier.options[k].scores[leaf.id]) {
            case .success(let score): dossier.options[k].scores[leaf.id] = score
            case .failure(let p): problems.append("\(dossier.options[k].name), \(leaf.name): \(p.message).")
            }
        }
        return problems
    }

    /// The score grid as a spreadsheet, to fill in Excel or LibreOffice.
    func exportGrid(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let data = Spreadsheet.write(ScoreGrid.sheets(stored.dossier))
        return Response(status: .ok, headers: [
            .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            .contentDisposition: "attachment; filename=\"\(stored.dossier.id)-scores-v\(stored.revision).xlsx\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The analysis as a spreadsheet (as `wikken analyseer --xlsx`), by the dossier's own rule for
    /// missing scores; refused, as the page refuses to rank, without one.
    func exportAnalysis(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let stored = try await stored(try context.parameters.require("id"), session)
        let back = (href: "/dossiers/\(stored.record.id)", text: "Terug naar het dossier")
        let result: MavtResult
        do {
            result = try Mavt.analyse(stored.dossier, missingRule: stored.dossier.missingRule())
        } catch .missingScores(let list) {
            return pages.message("Nog geen analyse", ["Er \(MissingScore.counted(list.count)), en het dossier zegt nog niet hoe Wikken daarmee omgaat. Kies op de dossierpagina een regel."],
                                 link: back, context: context, status: .unprocessableContent)
        } catch {
            return pages.message("Nog geen analyse", ["Het dossier is nog niet af."], link: back, context: context, status: .unprocessableContent)
        }
        return Response(status: .ok, headers: [
            .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            .contentDisposition: "attachment; filename=\"\(stored.dossier.id)-analyse-v\(stored.revision).xlsx\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: Spreadsheet.write(AnalysisSheets.sheets(stored.dossier, result)))))
    }

    /// A filled-in grid read back: every cell as on the page, saved as one revision; every
    /// problem named with its place, and nothing saved until there are none.
    func importGrid(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        var dossier = try await stored(id, session).dossier
        func refuse(_ problems: [String]) async throws -> Response {
            try await stepForm(context, step: .scores, version: basedOn, problems: problems, status: .unprocessableContent)
        }
        guard let upload = form.files["bestand"], !upload.bytes.isEmpty else { return try await refuse(["Kies een .xlsx-bestand met de scores."]) }
        let sheet: Spreadsheet.Sheet
        do {
            sheet = try Spreadsheet.readFirstSheet(Data(upload.bytes))
        } catch {
            return try await refuse(["\(upload.name): \(error.message)."])
        }
        switch ScoreGrid.entries(sheet, for: dossier) {
        case .failure(let problems): return try await refuse(problems.messages.map { "\(upload.name), \($0)" })
        case .success(let entries):
            let problems = Self.apply(entries, to: &dossier)
            guard problems.isEmpty else { return try await refuse(problems) }
        }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: "Scores ingelezen uit \(upload.name)") {
        case .saved: return Response.redirect(to: "/dossiers/\(id)/stap/scores?melding=ingelezen")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await stepForm(context, step: .scores, version: current, problems: [message], status: .conflict)
        case .invalid(let found): return try await refuse(found)
        }
    }

    static func describe(_ error: Dossier.StepError, item: String) -> String {
        switch error {
        case .empty: return "De lijst is leeg: zet elke \(item) op een eigen regel."
        case .tooMany(let limit): return "Te veel regels: hoogstens \(limit)."
        case .tooLong(let line): return "Regel \(line): een naam is hoogstens \(Dossier.maxNameLength) tekens."
        case let .duplicateName(line, name): return "Regel \(line): ‘\(name)’ staat er al eerder in; elke naam komt één keer voor."
        case .levelSkipped(let line): return "Regel \(line): een subcriterium heeft één streepje meer dan het criterium erboven, niet meer (en de eerste regel heeft er geen)."
        case .tooDeep(let line): return "Regel \(line): hoogstens \(Dossier.maxCriteriaDepth - 1) streepjes."
        }
    }
}

extension Dossier {
    /// Gives criterion `id` a scale (and keeps everything else).
    mutating func setScale(_ scale: Scale, of id: String) {
        func visit(_ list: inout [Criterion]) {
            for i in list.indices {
                if list[i].id == id { list[i].scale = scale; return }
                visit(&list[i].children)
            }
        }
        visit(&criteria)
    }
}
