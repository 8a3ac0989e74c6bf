import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenStore

/// *Afwegen met partners* in the web app: each partner organisation weighs and marks the options
/// on its own (blind while the dossier says `partnerweging: blind`), the owner opens the
/// weighing, and then everyone sees the combination and the objections. The store enforces who
/// may read and change what (``StoreReader/dossierForPartners(id:viewer:)``,
/// ``Store/savePartnerPart(_:dossierID:basedOn:viewer:summary:)``); this page only shows it.
extension DossierController {
    func addPartnerRoutes(read: RouterGroup<WikkenContext>, edit: RouterGroup<WikkenContext>) {
        read.get(":id/partners") { request, context in try await partnersPage(request, context) }
        edit.post(":id/partners/deel") { _, context in try await savePartnerPart(context) }
        edit.post(":id/partners/zichtbaarheid") { _, context in try await setPartnerVisibility(context) }
    }

    func partnersPage(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let (stored, own) = try await readVisible { r in try await r.dossierForPartners(id: id, viewer: session.user) }
        let dossier = stored.dossier
        let owner = stored.record.organisationID == session.user.organisationID
        let canEdit = session.user.role.canEdit
        // A guest edits its own organisation's part; the owner's editors choose any partner
        // (?partner=), their own organisation's first.
        let asked = request.uri.queryParameters.get("partner").flatMap { p in dossier.decisionMakers.first { $0.id == p } }
        let editing: DecisionMaker? = !canEdit ? nil : owner ? (asked ?? own ?? dossier.decisionMakers.first) : own
        let progress = dossier.decisionMakers.map { m in
            let marked = dossier.positions.filter { $0.partner == m.id }.count
            return PartnersPage.Progress(naam: m.name, organisatie: m.organisation, afgevaardigden: m.delegates.isEmpty ? nil : m.delegates.joined(separator: ", "),
                                         gewogen: dossier.weightSets.contains { $0.owner == m.id }, oordelen: "\(marked) van \(dossier.options.count)",
                                         href: owner && canEdit ? "/dossiers/\(id)/partners?partner=\(m.id)#eigen-kop" : nil, gekozen: editing?.id == m.id)
        }
        let why: String? = dossier.decisionMakers.isEmpty ? "Dit dossier noemt nog geen besluitvormers; zet de partners bij ‘besluitvormers’ (met hun organisatie) in het dossier."
            : !canEdit ? "Je mag dit dossier alleen lezen."
            : editing == nil ? "Je organisatie is in dit dossier geen partner: geen besluitvormer heeft haar naam als organisatie." : nil
        let seesAll = owner || !dossier.partnersBlind
        var together: String?, explanation: String?
        if !seesAll {
            explanation = "Nog niet te zien: de partners wegen blind. Zodra de eigenaar de weging opent, staat hier hoe de partners samen uitkomen, waar ze verschillen en welke bezwaren er zijn."
        } else if let memo = try? Memo.assemble(dossier, weightSet: 0, missingRule: dossier.missingRule(), smaa: false, date: "", contentHash: "", language: .nl),
                  let section = memo.sections.first(where: { $0.id == "partners" }) {
            together = MemoHTML.fragment(section.blocks, language: .nl)
        } else {
            explanation = "Nog geen combinatie: daarvoor moeten minstens twee partners een eigen weging hebben, en alle scores ingevuld zijn of het dossier zeggen hoe Wikken met ontbrekende scores omgaat."
        }
        // Without the combination (which names them) the objections are listed on their own.
        let objections = seesAll && together == nil ? dossier.positions.filter { $0.mark == .objection }.map { p in
            "\(dossier.decisionMakers.first { $0.id == p.partner }?.name ?? p.partner) tegen \(dossier.option(p.option)?.name ?? p.option): \(p.reason ?? "")"
        } : []
        let page = PartnersPage(titel: dossier.title, vraag: dossier.question, id: id, versie: stored.revision, csrf: session.csrf, blind: dossier.partnersBlind,
                                eigenaar: owner, magOpenen: owner && canEdit, melding: request.uri.queryParameters.get("melding").map(Self.notices),
                                partners: progress, formulier: editing.map { Self.partForm(dossier, $0) }, geenFormulier: why,
                                samen: together, samenUitleg: explanation, bezwaren: objections, heeftBezwaren: !objections.isEmpty)
        return pages.render(page, context: context)
    }

    /// The form for one partner's own part, with its own result first.
    static func partForm(_ dossier: Dossier, _ maker: DecisionMaker) -> PartnersPage.PartForm {
        let part = dossier.part(of: maker.id)
        let sets = part.weightSets.isEmpty ? [newPartnerSet(dossier, maker)] : part.weightSets
        let criteria = dossier.criteriaWithDepth(weighedBy: maker.id)
        let forms = sets.map { set in
            let numbers = set.method == .direct || set.method == .swing
            return PartnersPage.WeightSetForm(id: set.id, naam: set.name, gewichten: numbers ? criteria.map { c, depth in
                PartnersPage.Weight(veld: "g-\(set.id)-\(c.id)", label: String(repeating: "— ", count: depth) + c.name, waarde: set.weights[c.id].map(Form.decimalText))
            } : [], opGetallen: numbers, methode: partnerMethodName(set.method))
        }
        let marks = [("", "nog geen oordeel")] + Position.Mark.allCases.map { ($0.rawValue, $0.dutch) }
        let options = dossier.options.map { o in
            let given = part.positions.first { $0.option == o.id }
            return PartnersPage.OptionMark(id: o.id, naam: o.name, oordelen: marks.map { .init(waarde: $0.0, naam: $0.1, gekozen: (given?.mark.rawValue ?? "") == $0.0) },
                                           reden: given?.reason)
        }
        let own = ownResult(dossier, part)
        return .init(partner: maker.id, naam: maker.name, wegingen: forms, opties: options, eigenUitkomst: own, heeftUitkomst: !own.isEmpty)
    }

    /// How the partners page names a weighting method (the partner edits numbers only).
    static func partnerMethodName(_ method: WeightingMethod) -> String {
        switch method {
        case .direct: return "directe gewichten"
        case .swing: return "SWING-punten: het belangrijkste verschil krijgt 100"
        case .rankOrder: return "een rangorde"
        case .pairwise: return "paarsgewijze vergelijking (AHP)"
        }
    }

    /// The partner's ranking under each of its own weight sets, before any combination; empty
    /// when it has none yet or the scores cannot be analysed.
    static func ownResult(_ dossier: Dossier, _ part: PartnerPart) -> [String] {
        guard !part.weightSets.isEmpty, dossier.missingScores.isEmpty || dossier.missingRule != nil else { return [] }
        var own = dossier
        own.weightSets = part.weightSets
        guard let result = try? Mavt.analyse(own, missingRule: own.missingRule()) else { return [] }
        // The ranking, then why the first comes first and what would flip it, in the sentences of
        // the dossier page and the memo.
        return result.weightSets.indices.flatMap { k -> [String] in
            let set = result.weightSets[k]
            let text = ExplanationText(dossier: own, result: result, facts: Explanation.facts(own, result, weightSet: k), language: .nl)
            let ranking = (result.weightSets.count > 1 ? "\(set.name): " : "") + set.ranking.map { "\($0.rank). \(dossier.options[$0.option].name) (\(NumberText.rounded($0.total, language: .nl)))" }.joined(separator: " · ")
            return [ranking] + [text.why()].compactMap { $0 } + (result.missingRule == .renormalise ? [] : [text.flip()])
        }
    }

    /// A first weight set for a partner that has none: direct weights, named after it, with an
    /// id no other set has.
    static func newPartnerSet(_ dossier: Dossier, _ maker: DecisionMaker) -> WeightSet {
        let taken = Set(dossier.weightSets.map(\.id))
        let id = ([maker.id, "\(maker.id)-weging"] + (2...99).map { "\(maker.id)-weging-\($0)" }).first { !taken.contains($0) } ?? UUID().uuidString.lowercased()
        return WeightSet(id: id, name: maker.name, owner: maker.id)
    }

    func savePartnerPart(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let back = (href: "/dossiers/\(id)/partners", text: "Terug naar afwegen met partners")
        let (stored, _) = try await readVisible { r in try await r.dossierForPartners(id: id, viewer: session.user) }
        let dossier = stored.dossier
        guard let maker = dossier.decisionMakers.first(where: { $0.id == form["partner"] }) else { throw HTTPError(.badRequest, message: "Onbekende partner.") }
        var part = dossier.part(of: maker.id)
        if part.weightSets.isEmpty { part.weightSets = [Self.newPartnerSet(dossier, maker)] }
        var problems: [String] = []
        for k in part.weightSets.indices where part.weightSets[k].method == .direct || part.weightSets[k].method == .swing {
            var weights: [String: Double] = [:]
            for (c, _) in dossier.criteriaWithDepth(weighedBy: maker.id) {
                let raw = (form["g-\(part.weightSets[k].id)-\(c.id)"] ?? "").trimmingCharacters(in: .whitespaces)
                if raw.isEmpty { continue }
                if let x = Form.decimal(raw), x >= 0, x <= 1_000_000 { weights[c.id] = x } else { problems.append("\(c.name): ‘\(raw)’ is geen gewicht van 0 tot een miljoen (een komma mag: 7,5).") }
            }
            part.weightSets[k].weights = weights
        }
        part.positions = []
        for o in dossier.options {
            let raw = form["oordeel-\(o.id)"] ?? ""
            guard !raw.isEmpty else { continue }
            guard let mark = Position.Mark(rawValue: raw) else { problems.append("\(o.name): ‘\(raw)’ is geen oordeel; kies acceptabel, kan ermee leven of bezwaar."); continue }
            let reason = String((form["reden-\(o.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
            if mark == .objection, reason.isEmpty { problems.append("Je bezwaar tegen \(o.name) heeft geen reden. Zeg waarom, zodat de anderen erop kunnen ingaan.") }
            part.positions.append(Position(partner: maker.id, option: o.id, mark: mark, reason: reason.isEmpty ? nil : reason))
        }
        if !problems.isEmpty {
            return pages.message("Niet opgeslagen", problems + ["Ga terug (wat je invulde staat er nog), verbeter het en sla opnieuw op."], link: back, context: context, status: .unprocessableContent)
        }
        do {
            _ = try await store.savePartnerPart(part, dossierID: id, basedOn: basedOn, viewer: session.user, summary: "Weging en standpunten van \(maker.name)")
        } catch StoreError.conflict(_, let current) {
            let entered = part.positions.map { "\(dossier.option($0.option)?.name ?? $0.option): \($0.mark.dutch)\($0.reason.map { " (\($0))" } ?? "")" }
            return pages.message("Niet opgeslagen", ["Intussen heeft iemand anders de weging of standpunten van \(maker.name) gewijzigd (nu versie \(current)). Er is niets overschreven.",
                                                     "Dit had je ingevuld: " + (entered.isEmpty ? "geen standpunten" : entered.joined(separator: "; ")) + "."],
                                 link: back, context: context, status: .conflict)
        }
        return Response.redirect(to: "/dossiers/\(id)/partners?partner=\(maker.id)&melding=opgeslagen#eigen-kop")
    }

    /// The owner opens the weighing for all partners, or makes it blind again (a revision, undone
    /// through the history like any other).
    func setPartnerVisibility(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        var dossier = try await stored(id, session).dossier
        let blind = form["stand"] == "blind"
        guard dossier.partnersBlind != blind else { return Response.redirect(to: "/dossiers/\(id)/partners") }
        dossier.partnersBlind = blind
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: blind ? "Partners wegen blind" : "Weging van de partners geopend") {
        case .saved: return Response.redirect(to: "/dossiers/\(id)/partners?melding=\(blind ? "blind" : "geopend")")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message):
            return pages.message("Niet gewijzigd", [message], link: (href: "/dossiers/\(id)/partners", text: "Terug naar afwegen met partners"), context: context, status: .conflict)
        case .invalid(let problems):
            return pages.message("Niet gewijzigd", problems, link: (href: "/dossiers/\(id)/partners", text: "Terug naar afwegen met partners"), context: context, status: .unprocessableContent)
        }
    }
}
