import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenStore

// A rank order or AHP judgements on a form instead of in the dossier's text: the rank order as
// a place per criterion in each group (with buttons to move a criterion up or down), the AHP
// judgements as sentences in words, with the consistency ratio (CR), the weights that follow and
// the judgement most worth reconsidering shown for each group — after "Controleren", and while
// choosing when the browser runs the page's script.
extension DossierController {
    func addJudgementRoutes(to group: RouterGroup<WikkenContext>) {
        group.get(":id/wegingen/:weging/oordelen") { _, context in try await judgementForm(context) }
        group.post(":id/wegingen/:weging/oordelen") { _, context in try await saveJudgements(context) }
    }

    /// The sibling groups of the tree with at least two members, and the name of each group's parent.
    static func groups(_ dossier: Dossier) -> [(parent: String?, members: [Criterion])] {
        var result: [(String?, [Criterion])] = []
        func visit(_ siblings: [Criterion], parent: Criterion?) {
            if siblings.count > 1 { result.append((parent?.name, siblings)) }
            for c in siblings { visit(c.children, parent: c) }
        }
        visit(dossier.criteria, parent: nil)
        return result
    }

    static func groupTitle(_ parent: String?) -> String { parent.map { "Onder ‘\($0)’" } ?? "Het bovenste niveau" }

    /// The Saaty choice of a pair as sent ("3": the first is more important, "1/3": the second).
    static func choice(_ a: String, _ b: String, in judgements: [Judgement]) -> String {
        if let j = judgements.first(where: { $0.more == a && $0.less == b }) { return saatyText(j.value) }
        if let j = judgements.first(where: { $0.more == b && $0.less == a }) { return j.value == 1 ? "1" : "1/" + saatyText(j.value) }
        return "1"
    }

    static func saatyText(_ x: Double) -> String { String(Int(SaatyScale.nearest(to: max(1, x)))) }

    func judgementForm(_ context: WikkenContext, typed: Dossier? = nil, version: Int? = nil, problems: [String] = [], checked: Bool = false,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let (session, stored, setID) = try await editablePart(context, "weging")
        let dossier = typed ?? stored.dossier
        guard let set = dossier.weightSet(setID) else { throw HTTPError(.notFound, message: "Deze weging bestaat niet in dit dossier.") }
        var page = JudgementPage(titel: dossier.title, id: stored.record.id, wegingID: set.id, naam: set.name, csrf: session.csrf, versie: version ?? stored.revision,
                                 probleem: ProblemBox(problems), gecontroleerd: checked)
        switch set.method {
        case .rankOrder(_, let ranking):
            page.rangorde = true
            let place = Dictionary(firstValues: ranking.enumerated().flatMap { tier, ids in ids.map { ($0, tier) } })
            page.groepen = Self.groups(dossier).map { parent, members in
                // Places within the group, 1 for the most important; ties share a place.
                let tiers = Array(Set(members.compactMap { place[$0.id] })).sorted()
                let items = members.enumerated().sorted { (place[$0.element.id] ?? .max, $0.offset) < (place[$1.element.id] ?? .max, $1.offset) }.map(\.element).map { c in
                    JudgementPage.RankItem(id: c.id, naam: c.name, plaats: (place[c.id].flatMap { tiers.firstIndex(of: $0) } ?? tiers.count) + 1)
                }
                return JudgementPage.Group(kop: Self.groupTitle(parent), items: items, aantal: members.count)
            }
        case .pairwise(let judgements):
            page.ahp = true
            page.groepen = Self.groups(dossier).map { parent, members in
                var pairs: [JudgementPage.Pair] = []
                for i in members.indices {
                    for k in members.indices where k > i {
                        let a = members[i], b = members[k], chosen = Self.choice(a.id, b.id, in: judgements)
                        let choices = Self.saatyChoices.map { value in
                            JudgementPage.Choice(waarde: value, tekst: Self.saatyWords(value, "‘\(a.name)’", "‘\(b.name)’"), gekozen: value == chosen)
                        }
                        pairs.append(.init(veld: "j-\(a.id)--\(b.id)", vraag: "‘\(a.name)’ tegenover ‘\(b.name)’", keuzes: choices))
                    }
                }
                return JudgementPage.Group(kop: Self.groupTitle(parent), paren: pairs, coaching: Self.coaching(members, judgements, in: dossier), aantal: members.count)
            }
        case .direct, .swing:
            return Response.redirect(to: "/dossiers/\(stored.record.id)#w-\(set.id)")
        }
        return pages.render(page, context: context, status: status)
    }

    /// What the judgements of one group say: the weights, the CR and whether it is acceptable,
    /// and the one change that would help most.
    static func coaching(_ members: [Criterion], _ judgements: [Judgement], in dossier: Dossier) -> JudgementPage.Coaching {
        let ids = Set(members.map(\.id))
        let comparison = PairwiseComparison(elements: members.map(\.id), judgements: judgements.filter { ids.contains($0.more) && ids.contains($0.less) })
        let result = comparison.analyse()
        func name(_ id: String) -> String { dossier.criterion(id)?.name ?? id }
        let weights = zip(members, result.priorities).map { "\($0.name) \(NumberText.percent($1, language: .nl))" }
        var text: String
        if let cr = result.consistencyRatio {
            let shown = NumberText.rounded(cr, decimals: 2, language: .nl)
            text = result.isAcceptable
                ? "De oordelen passen goed bij elkaar (CR \(shown); tot 0,10 is goed)."
                : "De oordelen spreken elkaar tegen (CR \(shown); boven 0,10 is te veel). Kijk nog eens naar de vergelijkingen."
        } else {
            text = "Met twee criteria kunnen de oordelen elkaar niet tegenspreken."
        }
        var hint: String?
        if !result.isAcceptable, let s = comparison.mostInconsistent(limit: 1).first {
            let now = s.current, next = s.suggested
            func phrase(_ more: String, _ less: String, _ x: Double) -> String {
                x >= 1 ? "‘\(name(more))’ \(SaatyScale.label(for: x, language: .nl)) dan ‘\(name(less))’" : "‘\(name(less))’ \(SaatyScale.label(for: 1 / x, language: .nl)) dan ‘\(name(more))’"
            }
            hint = "Het meest helpt: \(phrase(s.more, s.less, now)) veranderen in \(phrase(s.more, s.less, next)); dan wordt de CR \(NumberText.rounded(s.consistencyRatioAfter, decimals: 2, language: .nl))."
        }
        return .init(tekst: text, goed: result.isAcceptable, gewichten: "Gewichten die hieruit volgen: " + weights.joined(separator: ", ") + ".", tip: hint)
    }

    func saveJudgements(_ context: WikkenContext) async throws -> Response {
        let (session, id, form, basedOn) = try dossierPost(context)
        let setID = try context.parameters.require("weging")
        var dossier = try await stored(id, session).dossier
        guard let k = dossier.weightSets.firstIndex(where: { $0.id == setID }) else { throw HTTPError(.notFound, message: "Deze weging bestaat niet in dit dossier.") }
        let set = dossier.weightSets[k]
        var problems: [String] = []
        let summary: String
        switch set.method {
        case .rankOrder(let formula, _):
            var places: [String: Int] = [:]
            for (parent, members) in Self.groups(dossier) {
                for c in members {
                    let text = (form["p-\(c.id)"] ?? "").trimmingCharacters(in: .whitespaces)
                    guard let p = Int(text), (1...members.count).contains(p) else {
                        problems.append("\(Self.groupTitle(parent)), ‘\(c.name)’: de plaats ‘\(text)’ is geen getal van 1 tot en met \(members.count).")
                        continue
                    }
                    places[c.id] = p
                }
            }
            // Tiers across the tree: every criterion with place p is in tier p (each group reads only its own members).
            let top = places.values.max() ?? 0
            let ranking = top == 0 ? [] : (1...top).map { p in dossier.allCriteria.filter { places[$0.id] == p }.map(\.id) }.filter { !$0.isEmpty }
            dossier.weightSets[k].method = .rankOrder(formula, ranking: ranking)
            summary = "Rangorde van ‘\(set.name)’ bijgewerkt"
        case .pairwise:
            var judgements: [Judgement] = []
            for (_, members) in Self.groups(dossier) {
                for i in members.indices {
                    for m in members.indices where m > i {
                        let a = members[i].id, b = members[m].id
                        let value = form["j-\(a)--\(b)"] ?? "1"
                        guard Self.saatyChoices.contains(value), let x = Self.fraction(value) else {
                            problems.append("‘\(members[i].name)’ tegenover ‘\(members[m].name)’: kies een van de zinnen.")
                            continue
                        }
                        judgements.append(x >= 1 ? Judgement(a, b, x) : Judgement(b, a, 1 / x))
                    }
                }
            }
            dossier.weightSets[k].method = .pairwise(judgements)
            summary = "AHP-oordelen van ‘\(set.name)’ bijgewerkt"
        case .direct, .swing:
            return Response.redirect(to: "/dossiers/\(id)#w-\(set.id)")
        }
        guard problems.isEmpty else { return try await judgementForm(context, typed: dossier, version: basedOn, problems: problems, status: .unprocessableContent) }
        // "Controleren": the page again with what the choices give, nothing saved.
        if form["actie"] == "controleren" { return try await judgementForm(context, typed: dossier, version: basedOn, checked: true) }
        switch try await save(dossier, at: id, basedOn: basedOn, session, summary: summary) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)#w-\(set.id)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(let current, let message): return try await judgementForm(context, typed: dossier, version: current, problems: [message], status: .conflict)
        case .invalid(let found): return try await judgementForm(context, typed: dossier, version: basedOn, problems: found, status: .unprocessableContent)
        }
    }
}
