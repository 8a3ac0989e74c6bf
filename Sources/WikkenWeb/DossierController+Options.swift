import Foundation
import Hummingbird
import WikkenCore
import WikkenStore

/// One option and its scores through a form (no JavaScript): name, description and per leaf
/// criterion a value, an optional range (low–high), a reason when it is missing, and a source.
/// Saving makes a new revision; errors are named per field and what was typed is kept.
extension DossierController {
    /// What was typed for one leaf, as text.
    struct ScoreFields {
        var value = "", low = "", high = "", reason = "", source = "", note = ""
    }

    static let newOption = "nieuw"

    func optionForm(_ context: WikkenContext, name: String? = nil, description: String? = nil, typed: [String: ScoreFields]? = nil,
                    version: Int? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (session, stored, optionID) = try await editablePart(context, "optie")
        // "nieuw" always means a new option (an option with that id from a file is edited as text).
        let existing = optionID == Self.newOption ? nil : stored.dossier.option(optionID)
        guard optionID == Self.newOption || existing != nil else { throw HTTPError(.notFound, message: "Deze optie bestaat niet in dit dossier.") }
        let leaves = stored.dossier.leafCriteria.map { leaf in
            let fields = typed?[leaf.id] ?? existing.map { Self.fields(of: $0.scores[leaf.id]) } ?? ScoreFields()
            var row = OptionPage.Leaf(id: leaf.id, naam: leaf.name, hint: Self.hint(leaf.scale), waarde: fields.value, laag: fields.low, hoog: fields.high,
                                      reden: fields.reason, bron: fields.source, toelichting: fields.note, kwalitatief: false)
            if case .qualitative(let q) = leaf.scale {
                func choices(_ chosen: String) -> [OptionPage.Level] { q.levels.map { .init(niveau: $0, gekozen: $0 == chosen) } }
                row.kwalitatief = true
                row.niveausWaarde = choices(fields.value)
                row.niveausLaag = choices(fields.low)
                row.niveausHoog = choices(fields.high)
            }
            return row
        }
        return pages.render(OptionPage(titel: stored.dossier.title, id: stored.record.id, optieID: optionID, nieuw: existing == nil,
                                       kop: existing.map { "Optie ‘\($0.name)’ bewerken" } ?? "Nieuwe optie",
                                       naam: name ?? existing?.name, omschrijving: description ?? existing?.description,
                                       csrf: session.csrf, versie: version ?? stored.revision, criteria: leaves, probleem: ProblemBox(problems)),
                            context: context, status: status)
    }

    func saveOption(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let optionID = try context.parameters.require("optie")
        var dossier = try await stored(id, session).dossier
        func trimmed(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let name = trimmed("naam"), description = trimmed("omschrijving")
        var typed: [String: ScoreFields] = [:]
        for leaf in dossier.leafCriteria {
            typed[leaf.id] = ScoreFields(value: trimmed("s-\(leaf.id)"), low: trimmed("l-\(leaf.id)"), high: trimmed("h-\(leaf.id)"),
                                         reason: trimmed("r-\(leaf.id)"), source: trimmed("b-\(leaf.id)"), note: trimmed("t-\(leaf.id)"))
        }
        func again(_ problems: [String], _ status: HTTPResponse.Status, version: Int? = nil) async throws -> Response {
            try await optionForm(context, name: name, description: description, typed: typed, version: version ?? basedOn, problems: problems, status: status)
        }

        var problems: [String] = []
        if name.isEmpty { problems.append("Naam: geef de optie een naam.") }
        var scores: [String: Score] = [:]
        for leaf in dossier.leafCriteria {
            guard let fields = typed[leaf.id] else { continue }
            switch Self.score(fields, on: leaf.scale) {
            case .success(let score): scores[leaf.id] = score
            case .failure(let error): problems.append("\(leaf.name): \(error.message)")
            }
        }
        var option: Option
        if optionID == Self.newOption {
            let newID = Slug.unique(from: name.isEmpty ? "optie" : name, reserved: [Self.newOption]) { dossier.option($0) != nil }
            option = Option(id: newID, name: name, description: nil)
        } else {
            guard let existing = dossier.option(optionID) else { throw HTTPError(.notFound, message: "Deze optie bestaat niet in dit dossier.") }
            option = existing
        }
        option.name = name
        option.description = description.isEmpty ? nil : description
        option.scores = scores
        if let k = dossier.options.firstIndex(where: { $0.id == option.id }) { dossier.options[k] = option } else { dossier.options.append(option) }
        guard problems.isEmpty else { return try await again(problems, .unprocessableContent) }
        let summary = optionID == Self.newOption ? "Optie ‘\(name)’ toegevoegd" : "Optie ‘\(name)’ en haar scores bewerkt"
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await again([message], .conflict, version: current)
        case .invalid(let found): return try await again(found, .unprocessableContent)
        }
    }

    /// Removes an option, and the stories about it, as a new revision (undo: restore in the history).
    func removeOption(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let optionID = try context.parameters.require("optie")
        var dossier = try await stored(id, session).dossier
        guard let option = dossier.option(optionID) else { throw HTTPError(.notFound, message: "Deze optie bestaat niet in dit dossier.") }
        let back = (href: "/dossiers/\(id)/opties/\(optionID)", text: "Terug naar de optie")
        if let refusal = unconfirmed(form, option.name, back: back, context) { return refusal }
        guard dossier.decision?.chosenOption != optionID else {
            return pages.message("Niet verwijderd", ["‘\(option.name)’ is de gekozen optie in het besluit. Pas eerst het besluit aan."], link: back, context: context, status: .unprocessableContent)
        }
        dossier.options.removeAll { $0.id == optionID }
        let stories = dossier.narratives.filter { $0.option == optionID }.count
        dossier.narratives.removeAll { $0.option == optionID }
        let positions = dossier.positions.filter { $0.option == optionID }.count
        dossier.positions.removeAll { $0.option == optionID }
        let withStories = (stories == 0 ? "" : stories == 1 ? ", met het verhaal erover" : ", met de \(stories) verhalen erover")
            + (positions == 0 ? "" : positions == 1 ? " en het standpunt erover" : " en de \(positions) standpunten erover")
        return try await saveRemoval(dossier, at: id, basedOn: basedOn, session, summary: "Optie ‘\(option.name)’ verwijderd\(withStories)", back: back, context: context)
    }

    /// Saves a removal made through a confirm form and goes back to the dossier, or explains on
    /// a message page why nothing was removed.
    func saveRemoval(_ dossier: Dossier, at address: String, basedOn: Int, _ session: Session, summary: String, back: (href: String, text: String), context: WikkenContext) async throws -> Response {
        switch try await save(dossier, at: address, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice):
            return Response.redirect(to: "/dossiers/\(address)?melding=\(notice == "opgeslagen" ? "verwijderd" : notice)")
        case .clashes(let view):
            return mergePage(view, session, context: context)
        case .conflict(_, let message):
            return pages.message("Niet verwijderd", [message], link: back, context: context, status: .conflict)
        case .invalid(let problems):
            return pages.message("Niet verwijderd", problems, link: back, context: context, status: .unprocessableContent)
        }
    }

    static func fields(of score: Score?) -> ScoreFields {
        guard let score else { return ScoreFields() }
        return ScoreFields(value: score.value.map(text) ?? "", low: score.low.map(text) ?? "", high: score.high.map(text) ?? "",
                           reason: score.missingReason ?? "", source: score.source ?? "", note: score.note ?? "")
    }

    private static func text(_ value: ScoreValue) -> String {
        switch value {
        case .number(let x): return Form.decimalText(x)
        case .level(let s): return s
        }
    }

    static func hint(_ scale: Scale?) -> String {
        switch scale {
        case .numeric(let n)?:
            let unit = n.unit.map { " in \($0)" } ?? ""
            let direction = n.direction == .lowerIsBetter ? "lager is beter" : "hoger is beter"
            return "Een getal\(unit); \(direction)."
        case .qualitative(let q)?:
            return "Kies een van: \(q.levels.joined(separator: ", "))."
        case nil:
            return ""
        }
    }

    /// The score typed for one leaf. Missing is a state with a reason, never an empty field.
    static func score(_ f: ScoreFields, on scale: Scale?) -> Result<Score, FieldError> {
        func value(_ text: String, _ field: String) -> Result<ScoreValue?, FieldError> {
            guard !text.isEmpty else { return .success(nil) }
            if case .qualitative = scale { return .success(.level(text)) }
            guard let x = Form.decimal(text) else {
                return .failure(FieldError("\(field) ‘\(text)’ is geen getal (schrijf bijvoorbeeld 12,5)."))
            }
            return .success(.number(x))
        }
        let parsed: (ScoreValue?, ScoreValue?, ScoreValue?)
        switch (value(f.value, "score"), value(f.low, "laagste waarde"), value(f.high, "hoogste waarde")) {
        case (.success(let v), .success(let l), .success(let h)): parsed = (v, l, h)
        case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)): return .failure(e)
        }
        let (v, l, h) = parsed
        if v == nil && (l != nil || h != nil) { return .failure(FieldError("een bandbreedte hoort bij een score; vul ook de score in, of laat de bandbreedte leeg.")) }
        if v != nil && !f.reason.isEmpty { return .failure(FieldError("er staat een score én een reden waarom hij ontbreekt; kies één van de twee.")) }
        if (l == nil) != (h == nil) { return .failure(FieldError("vul bij een bandbreedte zowel de laagste als de hoogste waarde in.")) }
        if v == nil && f.reason.isEmpty { return .failure(FieldError("vul een score in, of schrijf bij ‘Ontbreekt, want’ waarom hij ontbreekt.")) }
        func optional(_ s: String) -> String? { s.isEmpty ? nil : s }
        return .success(Score(value: v, low: l, high: h, missingReason: optional(f.reason), source: optional(f.source), note: optional(f.note)))
    }

    struct FieldError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
