import Foundation
import Hummingbird
import WikkenCore
import WikkenStore

/// The criteria tree and the weight sets through forms (no JavaScript). A new criterion is
/// added under a chosen group and asks, per weight set, what that set needs to stay complete;
/// removing one takes its scores and weights along and keeps the stories (see
/// `Dossier.addCriterion` and `Dossier.removeCriterion`). Every save is a revision.
extension DossierController {
    /// What was typed in the criterion form.
    struct CriterionFields {
        var name = "", description = "", kind = "getal", unit = "", direction = "hoger", worst = "", best = "", levels = ""
        var values: [String: String] = [:]
    }

    func addCriteriaRoutes(to group: RouterGroup<WikkenContext>) {
        group.get(":id/criteria/:criterium") { request, context in try await criterionForm(request, context) }
        group.post(":id/criteria/:criterium") { request, context in try await saveCriterion(request, context) }
        group.post(":id/criteria/:criterium/verwijderen") { request, context in try await removeCriterion(request, context) }
        group.get(":id/wegingen/:weging") { _, context in try await weightSetForm(context) }
        group.post(":id/wegingen/:weging") { request, context in try await saveWeightSet(request, context) }
        group.post(":id/wegingen/:weging/verwijderen") { request, context in try await removeWeightSet(request, context) }
    }

    // MARK: - Criteria

    func criterionForm(_ request: Request, _ context: WikkenContext, parent: String? = nil, typed: CriterionFields? = nil,
                       version: Int? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (session, stored, criterionID) = try await editablePart(context, "criterium")
        let dossier = stored.dossier
        let existing = criterionID == Self.newOption ? nil : dossier.criterion(criterionID)
        guard criterionID == Self.newOption || existing != nil else { throw HTTPError(.notFound, message: "Dit criterium bestaat niet in dit dossier.") }
        let parent = parent ?? request.uri.queryParameters.get("onder").flatMap { $0.isEmpty ? nil : String($0) }
        let fields = typed ?? existing.map(Self.fields(of:)) ?? CriterionFields()
        var page = CriterionPage(
            titel: dossier.title, id: stored.record.id, criteriumID: criterionID, nieuw: existing == nil, csrf: session.csrf,
            versie: version ?? stored.revision, naam: fields.name, omschrijving: fields.description,
            blad: existing?.isLeaf ?? true, soortGetal: fields.kind == "getal", soortNiveaus: fields.kind == "niveaus",
            eenheid: fields.unit, hogerBeter: fields.direction == "hoger", lagerBeter: fields.direction == "lager",
            slechtst: fields.worst, best: fields.best, niveaus: fields.levels, kop: "", probleem: ProblemBox(problems))
        if let existing {
            page.kop = "Criterium ‘\(existing.name)’ bewerken"
            if case .numeric(let n)? = existing.scale, case .piecewise = n.valueFunction { page.knikpunten = true }
            if case .qualitative(let q)? = existing.scale, q.values != nil { page.eigenWaarden = true }
            page.onderdelen = existing.children.map(\.name).joined(separator: ", ")
        } else {
            let needs: [(weightSet: String, need: Dossier.NewCriterionNeed)]
            do {
                needs = try dossier.needsForNewCriterion(under: parent)
            } catch {
                throw HTTPError(.badRequest, message: "Een nieuw criterium hoort onder een groep (een criterium met subcriteria) of bovenaan.")
            }
            page.kop = parent.flatMap { dossier.criterion($0) }.map { "Nieuw criterium onder ‘\($0.name)’" } ?? "Nieuw criterium (bovenste niveau)"
            page.ouder = parent
            page.wegingen = needs.compactMap { setID, need -> CriterionPage.WeightSetNeed? in
                guard let set = dossier.weightSet(setID) else { return nil }
                let typed = fields.values[setID] ?? ""
                func name(_ id: String) -> String { dossier.criterion(id)?.name ?? id }
                switch need {
                case .nothing:
                    return nil
                case .weight(let siblings):
                    let others = siblings.map { "\(name($0.id)) \(Form.decimalText($0.weight))" }.joined(separator: ", ")
                    return .init(veld: "w-\(setID)", naam: set.name,
                                 uitleg: "De andere criteria in deze groep wegen in ‘\(set.name)’: \(others)\(set.method == .swing ? " (SWING: de belangrijkste is 100)" : "").",
                                 gewicht: true, waarde: typed)
                case .lastInRanking:
                    return .init(veld: "w-\(setID)", naam: set.name,
                                 uitleg: "In ‘\(set.name)’ (een rangorde) komt het nieuwe criterium onderaan zijn groep: het minst belangrijk. Klopt dat niet, verander de volgorde dan in de tekst van het dossier.",
                                 rang: true)
                case .judgement(let sibling):
                    let other = name(sibling)
                    let chosen = typed.isEmpty ? "1" : typed
                    let choices = Self.saatyChoices.map { value in
                        CriterionPage.Choice(waarde: value, tekst: "\(value) — \(Self.saatyWords(value, "het nieuwe criterium", "‘\(other)’"))", gekozen: value == chosen)
                    }
                    return .init(veld: "w-\(setID)", naam: set.name,
                                 uitleg: "‘\(set.name)’ weegt met paarsgewijze vergelijkingen (AHP). Hoe belangrijk is het nieuwe criterium vergeleken met ‘\(other)’?",
                                 oordeel: true, keuzes: choices)
                }
            }
        }
        return pages.render(page, context: context, status: status)
    }

    static func fields(of c: Criterion) -> CriterionFields {
        var f = CriterionFields(name: c.name, description: c.description ?? "")
        switch c.scale {
        case .numeric(let n)?:
            f.unit = n.unit ?? ""
            f.direction = n.direction == .lowerIsBetter ? "lager" : "hoger"
            f.worst = n.worst.map(Form.decimalText) ?? ""
            f.best = n.best.map(Form.decimalText) ?? ""
        case .qualitative(let q)?:
            f.kind = "niveaus"
            f.levels = q.levels.joined(separator: "\n")
        case nil: break
        }
        return f
    }


    /// Saaty's scale as offered in a select, as sent ("1/3" means the other is more important).
    static let saatyChoices = ["9", "7", "5", "3", "2", "1", "1/2", "1/3", "1/5", "1/7", "1/9"]

    /// A Saaty choice as sent ("3", "1/3", "1") in words, comparing `a` with `b`.
    static func saatyWords(_ value: String, _ a: String, _ b: String) -> String {
        guard let x = fraction(value), value != "1" else { return "\(a) en \(b) zijn even belangrijk" }
        return value.hasPrefix("1/") ? "\(b) is \(SaatyScale.label(for: 1 / x, language: .nl)) dan \(a)" : "\(a) is \(SaatyScale.label(for: x, language: .nl)) dan \(b)"
    }

    static func fraction(_ text: String) -> Double? {
        let parts = text.split(separator: "/")
        if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { return a / b }
        return Form.decimal(text)
    }

    func saveCriterion(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let criterionID = try context.parameters.require("criterium")
        var dossier = try await stored(id, session).dossier
        func trimmed(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let parent = trimmed("ouder").isEmpty ? nil : trimmed("ouder")
        var typed = CriterionFields(name: trimmed("naam"), description: trimmed("omschrijving"), kind: trimmed("soort"), unit: trimmed("eenheid"),
                                    direction: trimmed("richting"), worst: trimmed("slechtst"), best: trimmed("best"), levels: form["niveaus"] ?? "")
        for set in dossier.weightSets { typed.values[set.id] = trimmed("w-\(set.id)") }
        func again(_ problems: [String], _ status: HTTPResponse.Status, version: Int? = nil) async throws -> Response {
            try await criterionForm(request, context, parent: parent, typed: typed, version: version ?? basedOn, problems: problems, status: status)
        }

        let existing = criterionID == Self.newOption ? nil : dossier.criterion(criterionID)
        guard criterionID == Self.newOption || existing != nil else { throw HTTPError(.notFound, message: "Dit criterium bestaat niet in dit dossier.") }
        var problems: [String] = []
        if typed.name.isEmpty { problems.append("Naam: geef het criterium een naam.") }
        var scale: Scale?
        if existing?.isLeaf ?? true {
            switch Self.scale(typed, keeping: existing?.scale) {
            case .success(let s): scale = s
            case .failure(let e): problems.append(e.message)
            }
        }
        guard problems.isEmpty else { return try await again(problems, .unprocessableContent) }

        let summary: String
        if let existing {
            func update(_ list: inout [Criterion]) {
                for i in list.indices {
                    if list[i].id == existing.id {
                        list[i].name = typed.name
                        list[i].description = typed.description.isEmpty ? nil : typed.description
                        if list[i].isLeaf { list[i].scale = scale }
                    } else {
                        update(&list[i].children)
                    }
                }
            }
            update(&dossier.criteria)
            summary = "Criterium ‘\(typed.name)’ bewerkt"
        } else {
            let newID = Slug.unique(from: typed.name, reserved: [Self.newOption]) { dossier.criterion($0) != nil }
            var values: [String: Double] = [:]
            var valueProblems: [String] = []
            for (setID, need) in (try? dossier.needsForNewCriterion(under: parent)) ?? [] {
                let name = dossier.weightSet(setID)?.name ?? setID
                let text = typed.values[setID] ?? ""
                switch need {
                case .nothing, .lastInRanking: break
                case .weight:
                    guard let w = Form.decimal(text), w >= 0 else {
                        valueProblems.append("Gewicht in ‘\(name)’: " + (text.isEmpty ? "vul een gewicht in (0 of meer)." : "‘\(text)’ is geen gewicht van 0 of meer."))
                        continue
                    }
                    values[setID] = w
                case .judgement:
                    values[setID] = Self.fraction(text)
                }
            }
            guard valueProblems.isEmpty else { return try await again(valueProblems, .unprocessableContent) }
            do {
                try dossier.addCriterion(Criterion(id: newID, name: typed.name, description: typed.description.isEmpty ? nil : typed.description, scale: scale),
                                         under: parent, values: values)
            } catch let error as Dossier.EditError {
                return try await again([Self.describe(error, in: dossier)], .unprocessableContent)
            }
            let under = parent.flatMap { dossier.criterion($0)?.name }.map { " onder ‘\($0)’" } ?? ""
            summary = "Criterium ‘\(typed.name)’ toegevoegd\(under)"
        }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await again([message], .conflict, version: current)
        case .invalid(let found): return try await again(found, .unprocessableContent)
        }
    }

    /// The scale typed for a leaf. A piecewise value function and own level values are kept
    /// when they still fit (same kind; same levels).
    static func scale(_ f: CriterionFields, keeping old: Scale?) -> Result<Scale, FieldError> {
        switch f.kind {
        case "getal":
            guard let direction = ["hoger": Direction.higherIsBetter, "lager": .lowerIsBetter][f.direction] else {
                return .failure(FieldError("Richting: kies of hoger of lager beter is."))
            }
            var bounds: [Double?] = []
            for (label, text) in [("Slechtste waarde", f.worst), ("Beste waarde", f.best)] {
                if text.isEmpty { bounds.append(nil); continue }
                guard let x = Form.decimal(text) else { return .failure(FieldError("\(label): ‘\(text)’ is geen getal (schrijf bijvoorbeeld 12,5).")) }
                bounds.append(x)
            }
            var scale = NumericScale(unit: f.unit.isEmpty ? nil : f.unit, direction: direction, worst: bounds[0], best: bounds[1])
            if case .numeric(let n)? = old { scale.valueFunction = n.valueFunction }
            return .success(.numeric(scale))
        case "niveaus":
            let levels = f.levels.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard levels.count >= 2 else { return .failure(FieldError("Niveaus: geef er minstens twee, één per regel, van slecht naar goed.")) }
            var scale = QualitativeScale(levels: levels)
            if case .qualitative(let q)? = old, q.levels == levels { scale.values = q.values }
            return .success(.qualitative(scale))
        default:
            return .failure(FieldError("Soort: kies getallen of niveaus."))
        }
    }

    static func describe(_ error: Dossier.EditError, in dossier: Dossier) -> String {
        func name(_ id: String?) -> String { id.flatMap { dossier.criterion($0)?.name } ?? "het bovenste niveau" }
        switch error {
        case .unknownCriterion(let id): return "Het criterium ‘\(id)’ bestaat niet (meer) in dit dossier."
        case .unknownWeightSet(let id): return "De weging ‘\(id)’ bestaat niet (meer) in dit dossier."
        case .parentIsLeaf(let id): return "‘\(name(id))’ heeft scores en geen subcriteria; een nieuw criterium kan er niet onder. Kies een groep of het bovenste niveau."
        case .lastChild(let parent):
            return parent == nil ? "Dit is het laatste criterium op het bovenste niveau; een dossier heeft criteria nodig."
                : "Dit is het enige subcriterium van ‘\(name(parent))’. Verwijder ‘\(name(parent))’ zelf, of voeg eerst een ander subcriterium toe."
        case .lastWeightSet: return "Dit is de enige weging; een analyse heeft er minstens één nodig. Voeg eerst een andere toe."
        case .valueNeeded(let set): return "Gewicht in ‘\(dossier.weightSet(set)?.name ?? set)’: vul een waarde in."
        case .invalidValue(let set): return "Gewicht in ‘\(dossier.weightSet(set)?.name ?? set)’: deze waarde kan niet (gewichten zijn 0 of meer; oordelen liggen tussen 1/9 en 9)."
        }
    }

    func removeCriterion(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let criterionID = try context.parameters.require("criterium")
        var dossier = try await stored(id, session).dossier
        guard let criterion = dossier.criterion(criterionID) else { throw HTTPError(.notFound, message: "Dit criterium bestaat niet in dit dossier.") }
        let back = (href: "/dossiers/\(id)/criteria/\(criterionID)", text: "Terug naar het criterium")
        if let refusal = unconfirmed(form, criterion.name, back: back, context) { return refusal }
        let removal: Dossier.Removal
        do {
            removal = try dossier.removeCriterion(criterionID)
        } catch let error as Dossier.EditError {
            return pages.message("Niet verwijderd", [Self.describe(error, in: dossier)], link: back, context: context, status: .unprocessableContent)
        }
        var parts = ["Criterium ‘\(criterion.name)’ verwijderd"]
        if removal.criteria.count > 1 { parts.append("met \(removal.criteria.count - 1) subcriteria") }
        if removal.scores > 0 { parts.append("\(removal.scores) \(removal.scores == 1 ? "score" : "scores") vervallen") }
        if removal.storiesUnlinked > 0 { parts.append("\(removal.storiesUnlinked) \(removal.storiesUnlinked == 1 ? "verhaal blijft" : "verhalen blijven"), zonder koppeling aan dit criterium") }
        return try await saveRemoval(dossier, at: id, basedOn: basedOn, session, summary: parts.joined(separator: "; "), back: back, context: context)
    }

    // MARK: - Weight sets

    func weightSetForm(_ context: WikkenContext, typed: (name: String, owner: String, description: String, start: String)? = nil,
                       version: Int? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (session, stored, setID) = try await editablePart(context, "weging")
        let dossier = stored.dossier
        let existing = setID == Self.newOption ? nil : dossier.weightSet(setID)
        guard setID == Self.newOption || existing != nil else { throw HTTPError(.notFound, message: "Deze weging bestaat niet in dit dossier.") }
        let fields = typed ?? (existing?.name ?? "", existing?.owner ?? "", existing?.description ?? "", dossier.weightSets.first.map { "kopie-\($0.id)" } ?? "gelijk")
        let owners = [WeightSetPage.Choice(id: "", naam: "(niemand in het bijzonder)", gekozen: fields.owner.isEmpty)]
            + dossier.decisionMakers.map { WeightSetPage.Choice(id: $0.id, naam: $0.name, gekozen: $0.id == fields.owner) }
        let starts = existing != nil ? nil : [WeightSetPage.Choice(id: "gelijk", naam: "Gelijke gewichten (daarna aanpassen op de dossierpagina)", gekozen: fields.start == "gelijk")]
            + dossier.weightSets.map { WeightSetPage.Choice(id: "kopie-\($0.id)", naam: "Een kopie van ‘\($0.name)’", gekozen: fields.start == "kopie-\($0.id)") }
        let page = WeightSetPage(titel: dossier.title, id: stored.record.id, wegingID: setID, nieuw: existing == nil, csrf: session.csrf, versie: version ?? stored.revision,
                                 kop: existing.map { "Weging ‘\($0.name)’ bewerken" } ?? "Nieuwe weging", naam: fields.name, omschrijving: fields.description,
                                 eigenaars: owners, methode: existing.map { Self.methodName($0.method) }, starts: starts, probleem: ProblemBox(problems))
        return pages.render(page, context: context, status: status)
    }

    static func methodName(_ method: WeightingMethod) -> String {
        switch method {
        case .direct: return "directe gewichten (aan te passen op de dossierpagina)"
        case .swing: return "SWING (aan te passen op de dossierpagina)"
        case .rankOrder: return "rangorde (de volgorde pas je aan in de tekst van het dossier)"
        case .pairwise: return "paarsgewijze vergelijking, AHP (de oordelen pas je aan in de tekst van het dossier)"
        }
    }

    func saveWeightSet(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let setID = try context.parameters.require("weging")
        var dossier = try await stored(id, session).dossier
        func trimmed(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let typed = (name: trimmed("naam"), owner: trimmed("eigenaar"), description: trimmed("omschrijving"), start: trimmed("start"))
        func again(_ problems: [String], _ status: HTTPResponse.Status, version: Int? = nil) async throws -> Response {
            try await weightSetForm(context, typed: typed, version: version ?? basedOn, problems: problems, status: status)
        }
        guard !typed.name.isEmpty else { return try await again(["Naam: geef de weging een naam, bijvoorbeeld de partij of het perspectief."], .unprocessableContent) }
        let owner = typed.owner.isEmpty ? nil : typed.owner
        let description = typed.description.isEmpty ? nil : typed.description
        let summary: String
        if setID == Self.newOption {
            let copyOf = typed.start.hasPrefix("kopie-") ? String(typed.start.dropFirst(6)) : nil
            do {
                try dossier.addWeightSet(name: typed.name, owner: owner, description: description, copyOf: copyOf, reserved: [Self.newOption])
            } catch let error as Dossier.EditError {
                return try await again([Self.describe(error, in: dossier)], .unprocessableContent)
            }
            summary = "Weging ‘\(typed.name)’ toegevoegd" + (copyOf.flatMap { dossier.weightSet($0)?.name }.map { " (kopie van ‘\($0)’)" } ?? " (gelijke gewichten)")
        } else {
            guard let k = dossier.weightSets.firstIndex(where: { $0.id == setID }) else { throw HTTPError(.notFound, message: "Deze weging bestaat niet in dit dossier.") }
            dossier.weightSets[k].name = typed.name
            dossier.weightSets[k].owner = owner
            dossier.weightSets[k].description = description
            summary = "Naam, eigenaar of omschrijving van weging ‘\(typed.name)’ bewerkt"
        }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await again([message], .conflict, version: current)
        case .invalid(let found): return try await again(found, .unprocessableContent)
        }
    }

    func removeWeightSet(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let setID = try context.parameters.require("weging")
        var dossier = try await stored(id, session).dossier
        guard let set = dossier.weightSet(setID) else { throw HTTPError(.notFound, message: "Deze weging bestaat niet in dit dossier.") }
        let back = (href: "/dossiers/\(id)/wegingen/\(setID)", text: "Terug naar de weging")
        if let refusal = unconfirmed(form, set.name, back: back, context) { return refusal }
        do {
            try dossier.removeWeightSet(setID)
        } catch let error as Dossier.EditError {
            return pages.message("Niet verwijderd", [Self.describe(error, in: dossier)], link: back, context: context, status: .unprocessableContent)
        }
        return try await saveRemoval(dossier, at: id, basedOn: basedOn, session, summary: "Weging ‘\(set.name)’ verwijderd", back: back, context: context)
    }
}
