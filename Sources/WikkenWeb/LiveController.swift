import Foundation
import Hummingbird
import WikkenCore
import WikkenReports
import WikkenStore

/// Live working sessions (*live werksessie*): a facilitator starts one on a dossier and leads it
/// through the phases from a console; participants join on a phone at `/live` with the code, a
/// name and an organisation (no account), spread 100 points over the criteria blind, and see the
/// group's result once the facilitator reveals it; the projector view shows the code and the
/// result large. The round's mean can be saved into the dossier as a weight set (a revision).
///
/// The pages update themselves: ``LiveHub`` tells them over WebSocket when the session changes
/// (`wikken.js` reloads on a new phase, otherwise fetches the marked parts again); without script
/// the pages without a form refresh every ten seconds, and every page has a *Vernieuwen* link.
struct LiveController {
    let store: Store
    let pages: Pages
    let configuration: WebConfiguration
    /// Hand-ins per participant token: a flood from one phone is refused, not stored.
    let handIns = RateLimiter(limit: 20, window: .seconds(60))
    /// QR codes drawn per address (a code's address never changes).
    let codes = BoundedCache<String, String>(limit: 64)
    let qrencode = QRCode.find()

    static let cookie = "wikken_live"

    func add(open: RouterGroup<WikkenContext>, signedIn: RouterGroup<WikkenContext>, editor: RouterGroup<WikkenContext>) {
        open.get("/live") { request, context in joinPage(request, context, code: request.uri.queryParameters.get("code").flatMap { JoinCode.normalised(String($0)) }) }
        open.get("/live/:code") { request, context in try await participantPage(request, context) }
        open.post("/live/:code/deelnemen") { request, context in try await join(request, context) }
        open.post("/live/:code/invoer") { request, context in try await handIn(request, context) }
        editor.post("/dossiers/:id/live") { _, context in try await start(context) }
        signedIn.get("/live/:code/leiden") { request, context in try await console(request, context) }
        signedIn.get("/live/:code/scherm") { request, context in try await projector(request, context) }
        editor.post("/live/:code/fase") { _, context in try await setPhase(context) }
        editor.post("/live/:code/vastleggen") { _, context in try await record(context) }
        editor.post("/live/:code/sluiten") { _, context in try await close(context) }
        editor.post("/live/:code/timer") { _, context in try await timer(context) }
        open.post("/live/:code/instemming") { request, context in try await consent(request, context) }
        editor.post("/live/:code/reden") { _, context in try await moderate(context) }
    }

    // MARK: - Reading

    /// The session the path's code names, and its dossier (the current revision): the session's
    /// organisation can see it, so it is read on that organisation's behalf.
    func session(_ context: WikkenContext) async throws -> (LiveSessionRecord, Dossier) {
        let typed = try context.parameters.require("code")
        guard let code = JoinCode.normalised(typed), let session = try await store.liveSession(code: code) else {
            throw HTTPError(.notFound, message: "Er is geen live sessie met de code ‘\(typed)’. Kijk de code nog eens na (zes tekens, op het scherm van de facilitator).")
        }
        let dossier = try await store.read { r in try await r.dossierOfLiveSession(session) }
        return (session, dossier)
    }

    /// The criteria a participant weighs: the top level, without partners' own criteria.
    static func criteria(_ dossier: Dossier) -> [Criterion] { Criterion.weighed(by: nil, in: dossier.criteria) }

    /// Every criterion with its parts indented by name ("— Minder overlast"), for reading.
    static func outline(_ criteria: [Criterion], depth: Int = 0) -> [LiveParticipantPage.Criterion] {
        // Depth is bounded by the dossier's validation; the cap keeps a page finite regardless.
        guard depth < 8 else { return [] }
        return criteria.flatMap { c in
            [LiveParticipantPage.Criterion(id: c.id, naam: String(repeating: "— ", count: depth) + c.name, omschrijving: c.description, punten: nil)]
                + outline(c.children, depth: depth + 1)
        }
    }

    /// The facilitator's organisation only.
    func facilitated(_ context: WikkenContext) async throws -> (Session, LiveSessionRecord, Dossier) {
        let session = try context.session
        let (live, dossier) = try await self.session(context)
        guard live.organisationID == session.user.organisationID else {
            throw HTTPError(.notFound, message: "Er is geen live sessie met deze code die je organisatie leidt.")
        }
        return (session, live, dossier)
    }

    // MARK: - Participants

    /// The join page: the code first (a typed code that cannot be one is said so), then name and organisation.
    func joinPage(_ request: Request, _ context: WikkenContext, code: String?, name: String? = nil, organisation: String? = nil, problem: String? = nil,
                  status: HTTPResponse.Status = .ok) -> Response {
        let typed = request.uri.queryParameters.get("code").map { String($0) }
        let wrong = code == nil && typed != nil ? "‘\(typed ?? "")’ is geen code: een code heeft zes tekens, letters en cijfers zoals op het scherm van de facilitator." : nil
        return pages.render(LiveJoinPage(code: code, naam: name, organisatie: organisation, fout: problem ?? wrong), context: context,
                            status: wrong != nil && problem == nil ? .unprocessableContent : status)
    }

    func participantPage(_ request: Request, _ context: WikkenContext, notice: String? = nil, problem: String? = nil, typed: Allocation? = nil,
                         typedConsent: (mark: Position.Mark, reason: String?)? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (live, dossier) = try await session(context)
        guard let token = request.cookies[Self.cookie]?.value, let me = try await store.liveParticipant(code: live.code, token: token) else {
            return joinPage(request, context, code: live.code)
        }
        let criteria = Self.criteria(dossier)
        var own = typed
        if own == nil { own = try await store.ownAllocation(code: live.code, token: token) }
        guard let state = try await store.liveState(code: live.code, contents: live.phase.showsResult) else { throw HTTPError(.notFound) }
        let ready = Self.readiness(ready: state.handedIn.count, of: state.participants.count), takesInput = live.phase.takesInput && live.closedAt == nil
        let consenting = live.phase == .record && live.closedAt == nil
        let proposal = live.phase == .record ? Self.proposal(state, dossier) : nil
        var ownConsent = typedConsent
        if ownConsent == nil, consenting { ownConsent = try await store.ownConsent(code: live.code, token: token) }
        let page = LiveParticipantPage(
            live: LiveMarks(live, ready: ready, hidden: state.hiddenReasons, refresh: !takesInput && !consenting),
            code: live.code, naam: me.displayName, vraag: dossier.question, klaar: ready, fase: live.phase.dutch, gesloten: live.closedAt != nil,
            invoer: takesInput, ingeleverd: own != nil && typed == nil,
            melding: notice ?? Self.notice(request.uri.queryParameters.get("melding")), fout: problem,
            criteria: criteria.map { c in .init(id: c.id, naam: c.name, omschrijving: c.description, punten: own?.points[c.id].map(String.init)) },
            criteriaLijst: live.phase == .criteria ? Self.outline(dossier.criteria) : [], heeftCriteriaLijst: live.phase == .criteria,
            opties: live.phase == .options ? dossier.options.map(\.name) : [], heeftOpties: live.phase == .options,
            uitkomst: live.phase.showsResult ? Self.result(state, dossier) : nil, anoniem: live.anonymous,
            instemmen: consenting && proposal != nil, voorstel: proposal, geenVoorstel: consenting && proposal == nil ? Self.noProposal(state, dossier) : nil,
            markeringen: Position.Mark.allCases.map { .init(waarde: $0.rawValue, naam: $0.dutch, gekozen: ownConsent?.mark == $0) },
            reden: ownConsent?.reason, instemming: Self.consent(state, proposal: proposal, moderator: false))
        return pages.render(page, context: context, status: status)
    }

    func join(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (live, _) = try await session(context)
        struct Fields: Decodable { var naam: String?; var organisatie: String? }
        let fields = try context.form.decode(Fields.self)
        do {
            let (_, token) = try await store.joinLiveSession(code: live.code, name: fields.naam ?? "", organisation: fields.organisatie ?? "")
            var response = Response.redirect(to: "/live/\(live.code)")
            // Strict: a page elsewhere cannot post in a participant's name.
            response.setCookie(Cookie(name: Self.cookie, value: token, path: "/live/\(live.code)", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        } catch StoreError.duplicate(let name) {
            return joinPage(request, context, code: live.code, name: name, organisation: fields.organisatie,
                            problem: "De naam ‘\(name)’ is in deze sessie al gekozen. Kies een andere, bijvoorbeeld met je voorletter erbij.", status: .conflict)
        } catch StoreError.notAllowed(let reason) {
            return joinPage(request, context, code: live.code, name: fields.naam, organisation: fields.organisatie, problem: reason, status: .unprocessableContent)
        }
    }

    /// A page that answers a participant's post instead of handling it.
    struct Refusal: Error { var response: Response }

    /// The token of a participant who joined and is not flooding; otherwise the page to answer
    /// with (join first; or wait, past 20 posts a minute).
    func admit(_ request: Request, _ context: WikkenContext, _ live: LiveSessionRecord, toDo: String) async throws -> Result<String, Refusal> {
        guard let token = request.cookies[Self.cookie]?.value, try await store.liveParticipant(code: live.code, token: token) != nil else {
            return .failure(Refusal(response: joinPage(request, context, code: live.code, problem: "Doe eerst mee met je naam; daarna kun je \(toDo).", status: .forbidden)))
        }
        if let wait = await handIns.admit(token) {
            return .failure(Refusal(response: try await participantPage(
                request, context, problem: "Je stuurde heel vaak achter elkaar in. Wacht \(max(1, Int(wait.components.seconds))) seconden en probeer het dan opnieuw.",
                status: .tooManyRequests)))
        }
        return .success(token)
    }

    func handIn(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (live, dossier) = try await session(context)
        let token: String
        switch try await admit(request, context, live, toDo: "wegen") {
        case .success(let admitted): token = admitted
        case .failure(let refusal): return refusal.response
        }
        let form = try context.form
        let criteria = Self.criteria(dossier)
        var points: [String: Int] = [:], unreadable: [String] = []
        for c in criteria {
            let raw = (form["p-\(c.id)"] ?? "").trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { points[c.id] = 0; continue }
            if let n = Int(raw) { points[c.id] = n } else { unreadable.append("‘\(raw)’ bij \(c.name) is geen heel getal.") }
        }
        let typed = Allocation(points: points)
        guard unreadable.isEmpty else {
            return try await participantPage(request, context, problem: unreadable.joined(separator: " "), typed: typed, status: .unprocessableContent)
        }
        do {
            try await store.handIn(typed, code: live.code, token: token, criteria: criteria.map(\.id))
        } catch StoreError.notAllowed(let reason) {
            // Names shown for ids: the participant reads criteria, not ids.
            var text = reason
            for c in criteria { text = text.replacingOccurrences(of: "‘\(c.id)’", with: "‘\(c.name)’") }
            return try await participantPage(request, context, problem: text, typed: typed, status: .unprocessableContent)
        }
        return Response.redirect(to: "/live/\(live.code)?melding=ingeleverd")
    }

    /// A participant's consent to the proposal: a mark, and for an objection its reason.
    func consent(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (live, _) = try await session(context)
        let token: String
        switch try await admit(request, context, live, toDo: "instemmen") {
        case .success(let admitted): token = admitted
        case .failure(let refusal): return refusal.response
        }
        struct Fields: Decodable { var instemming: String?; var reden: String? }
        let fields = try context.form.decode(Fields.self)
        guard let mark = fields.instemming.flatMap(Position.Mark.init(rawValue:)) else {
            return try await participantPage(request, context, problem: "Kies acceptabel, kan ermee leven of bezwaar.", status: .unprocessableContent)
        }
        do {
            try await store.giveConsent(mark, reason: fields.reden, code: live.code, token: token)
        } catch StoreError.notAllowed(let reason) {
            return try await participantPage(request, context, problem: reason, typedConsent: (mark, fields.reden), status: .unprocessableContent)
        }
        return Response.redirect(to: "/live/\(live.code)?melding=ingestemd")
    }

    static func notice(_ key: String?) -> String? {
        switch key {
        case "ingeleverd": return "Je verdeling is binnen."
        case "ingestemd": return "Je standpunt is binnen. Je kunt het wijzigen zolang deze fase loopt."
        default: return nil
        }
    }

    // MARK: - Facilitator

    /// Moderation: hides a consent's reason from the projector and the phones, or shows it again.
    func moderate(_ context: WikkenContext) async throws -> Response {
        struct Fields: Decodable { var sleutel: String?; var verbergen: String? }
        let fields = try context.form.decode(Fields.self)
        guard let key = fields.sleutel, key.count == 64, key.allSatisfy(\.isHexDigit) else { throw HTTPError(.badRequest, message: "Onbekende reden.") }
        let (session, live, _) = try await facilitated(context)
        try await store.setConsentReasonHidden(code: live.code, key: key, hidden: fields.verbergen != "nee", by: session.user)
        return Response.redirect(to: "/live/\(live.code)/leiden#live-instemming")
    }

    func start(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        struct Fields: Decodable { var anoniem: String? }
        let anonymous = (try context.form.decode(Fields.self)).anoniem != "nee"
        // The facilitator must see the dossier whole (not blind as a partner).
        _ = try await store.dossier(id: id, viewer: session.user)
        let live = try await store.startLiveSession(dossierID: id, facilitator: session.user, anonymous: anonymous)
        return Response.redirect(to: "/live/\(live.code)/leiden")
    }

    /// Where participants join, as a full address for the QR code and the projector: the host
    /// the facilitator's browser used (only host characters), or nil.
    func joinAddress(_ request: Request, code: String) -> String? {
        guard let host = request.head.authority,
              !host.isEmpty, host.count <= 200, host.allSatisfy({ $0.isLetter || $0.isNumber || ".:-[]".contains($0) }) else { return nil }
        return "\(configuration.secureCookies ? "https" : "http")://\(host)/live?code=\(code)"
    }

    /// The QR code for the join address (nil without `qrencode`; the pages then show the address).
    func qr(_ address: String?) async -> String? {
        guard let address, let qrencode else { return nil }
        if let drawn = codes.kept(address) { return drawn }
        guard let drawn = await QRCode.svg(for: address, label: "QR-code naar \(address)", with: qrencode) else { return nil }
        codes.keep(address, drawn)
        return drawn
    }

    func console(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (session, live, dossier) = try await facilitated(context)
        guard let state = try await store.liveState(code: live.code, contents: live.phase.showsResult) else { throw HTTPError(.notFound) }
        let phases = LiveSession.Phase.allCases.map { LiveConsolePage.Phase(waarde: $0.rawValue, naam: $0.dutch, huidig: $0 == live.phase) }
        let ready = Self.readiness(ready: state.handedIn.count, of: state.participants.count)
        let page = LiveConsolePage(
            live: LiveMarks(live, ready: ready, hidden: state.hiddenReasons, refresh: true), code: live.code, dossier: dossier.title, dossierID: live.dossierID, vraag: dossier.question, csrf: session.csrf,
            fase: live.phase.dutch, ronde: live.round, fasen: phases, gesloten: live.closedAt != nil, anoniem: live.anonymous,
            klaar: ready,
            deelnemers: state.participants.map { p in .init(naam: p.displayName, organisatie: p.organisation.isEmpty ? nil : p.organisation, klaar: state.handedIn.contains(p.id)) },
            uitkomst: Self.result(state, dossier), instemming: live.phase == .record ? Self.consent(state, proposal: Self.proposal(state, dossier), moderator: true)
                .map { var c = $0; c.moderatie = LiveModeration(csrf: session.csrf, code: live.code); return c } : nil,
            magVastleggen: live.phase.showsResult && !state.allocations.isEmpty && session.user.role.canEdit,
            adres: joinAddress(request, code: live.code) ?? "/live?code=\(live.code)", qr: await qr(joinAddress(request, code: live.code)))
        return pages.render(page, context: context)
    }

    func projector(_ request: Request, _ context: WikkenContext) async throws -> Response {
        let (_, live, dossier) = try await facilitated(context)
        guard let state = try await store.liveState(code: live.code, contents: live.phase.showsResult) else { throw HTTPError(.notFound) }
        let ready = Self.readiness(ready: state.handedIn.count, of: state.participants.count)
        let page = LiveProjectorPage(live: LiveMarks(live, ready: ready, hidden: state.hiddenReasons, refresh: true), code: live.code, vraag: dossier.question, fase: live.phase.dutch, klaar: ready,
                                     uitkomst: Self.result(state, dossier),
                                     instemming: live.phase == .record ? Self.consent(state, proposal: Self.proposal(state, dossier), moderator: false) : nil, adres: joinAddress(request, code: live.code) ?? "/live", toonCode: !live.phase.showsResult,
                                     qr: live.phase.showsResult ? nil : await qr(joinAddress(request, code: live.code)))
        return pages.render(page, context: context)
    }

    func setPhase(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        struct Fields: Decodable { var fase: String? }
        guard let phase = (try context.form.decode(Fields.self)).fase.flatMap(LiveSession.Phase.init(rawValue:)) else { throw HTTPError(.badRequest, message: "Onbekende fase.") }
        let (_, live, _) = try await facilitated(context)
        _ = try await store.setLivePhase(code: live.code, to: phase, by: session.user)
        return Response.redirect(to: "/live/\(live.code)/leiden")
    }

    /// Starts or extends the phase's timer by the minutes of the button pressed; 0 stops it.
    func timer(_ context: WikkenContext) async throws -> Response {
        struct Fields: Decodable { var minuten: String? }
        guard let minutes = (try context.form.decode(Fields.self)).minuten.flatMap({ Int($0) }), (0...Store.liveTimerLimit).contains(minutes) else {
            throw HTTPError(.badRequest, message: "Kies een timer van 1 tot en met \(Store.liveTimerLimit) minuten, of 0 om hem te stoppen.")
        }
        let (session, live, _) = try await facilitated(context)
        _ = try await store.setLiveTimer(code: live.code, extendBy: minutes == 0 ? nil : minutes, by: session.user)
        return Response.redirect(to: "/live/\(live.code)/leiden")
    }

    func close(_ context: WikkenContext) async throws -> Response {
        let (session, live, _) = try await facilitated(context)
        try await store.closeLiveSession(code: live.code, by: session.user)
        return Response.redirect(to: "/live/\(live.code)/leiden")
    }

    /// The round's mean becomes a weight set of the dossier (a revision that says where it came
    /// from): what the room decided is kept with the dossier, and its history can undo it.
    func record(_ context: WikkenContext) async throws -> Response {
        let (session, live, _) = try await facilitated(context)
        guard let state = try await store.liveState(code: live.code, contents: true) else { throw HTTPError(.notFound) }
        let stored = try await store.dossier(id: live.dossierID, viewer: session.user)
        var dossier = stored.dossier
        let criteria = Self.criteria(dossier)
        guard let round = AllocationRound(state.allocations, criteria: criteria.map(\.id), anonymous: live.anonymous) else {
            return pages.message("Niets vast te leggen", ["In deze ronde heeft nog niemand ingeleverd."], link: ("/live/\(live.code)/leiden", "Terug naar de sessie"), context: context, status: .unprocessableContent)
        }
        var id = "live-\(live.code.lowercased())-\(live.round)"
        while dossier.weightSets.contains(where: { $0.id == id }) { id += "-x" }
        var set = round.weightSet(id: id, name: "Live sessie \(live.code), ronde \(live.round)", base: dossier.weightSets.first)
        var consentNote = ""
        if let proposal = Self.proposal(state, dossier), !state.consents.isEmpty {
            let reasons = state.consents.compactMap { $0.mark == .objection ? $0.reason : nil }
            consentNote = ". Instemming met ‘\(proposal)’: \(Self.tally(state.consents))" + (reasons.isEmpty ? "" : " (bezwaren: " + reasons.map { "‘\($0)’" }.joined(separator: "; ") + ")")
            set.description = (set.description ?? "") + consentNote
        }
        dossier.weightSets.append(set)
        _ = try await store.save(dossier, at: live.dossierID, basedOn: stored.revision, viewer: session.user,
                                 summary: "Live sessie \(live.code), ronde \(live.round): gemiddelde van \(round.count) verdelingen van 100 punten als weging" + consentNote)
        return Response.redirect(to: "/dossiers/\(live.dossierID)?melding=opgeslagen#w-\(id)")
    }

    // MARK: - The result, as the views show it

    /// The options ranked under the round's mean weights (MAVT), or none when it cannot be computed.
    static func ranking(_ round: AllocationRound, _ dossier: Dossier) -> [(rank: Int, option: Int, total: Double)] {
        var withMean = dossier
        withMean.weightSets = [round.weightSet(id: "live", name: "Live", base: dossier.weightSets.first)]
        guard let analysed = try? Mavt.analyse(withMean, missingRule: dossier.missingRule()), let set = analysed.weightSets.first else { return [] }
        return set.ranking.filter { dossier.options.indices.contains($0.option) }.map { ($0.rank, $0.option, $0.total) }
    }

    /// The proposal people consent to: the option ranked first under the round's mean weights.
    static func proposal(_ state: LiveState, _ dossier: Dossier) -> String? {
        guard let round = AllocationRound(state.allocations, criteria: criteria(dossier).map(\.id), anonymous: state.session.anonymous),
              let first = ranking(round, dossier).first else { return nil }
        return dossier.options[first.option].name
    }

    /// Why there is no proposal to consent to, in words for the room.
    static func noProposal(_ state: LiveState, _ dossier: Dossier) -> String {
        guard let round = AllocationRound(state.allocations, criteria: criteria(dossier).map(\.id), anonymous: state.session.anonymous) else {
            return "Er is nog geen voorstel: in deze ronde heeft niemand punten verdeeld."
        }
        var withMean = dossier
        withMean.weightSets = [round.weightSet(id: "live", name: "Live", base: dossier.weightSets.first)]
        do {
            _ = try Mavt.analyse(withMean, missingRule: dossier.missingRule())
            return "Er is nog geen voorstel."
        } catch MavtError.missingScores(let missing) {
            let names = Dictionary(firstValues: dossier.options.map { ($0.id, $0.name) })
            let example = missing.first.map { " (zoals ‘\(names[$0.option] ?? $0.option)’ op ‘\(dossier.criterion($0.criterion)?.name ?? $0.criterion)’)" } ?? ""
            return "Er is geen voorstel: in het dossier \(missing.count == 1 ? "ontbreekt 1 score" : "ontbreken \(missing.count) scores")\(example), dus er is geen rangorde. Vul de scores aan in het dossier en kies dan opnieuw deze fase."
        } catch {
            return "Er is geen voorstel: met deze gewichten is geen rangorde te berekenen."
        }
    }

    /// The consents so far: the tally and the objections' reasons (hidden ones only for the
    /// moderator). Nil before anyone consented or without a proposal.
    static func consent(_ state: LiveState, proposal: String?, moderator: Bool) -> LiveConsentResult? {
        guard let proposal, !state.consents.isEmpty else { return nil }
        let reasons = state.consents.filter { $0.mark == .objection && $0.reason != nil && (moderator || !$0.hidden) }
            .map { LiveConsentResult.Reason(tekst: $0.reason ?? "", sleutel: $0.key, verborgen: $0.hidden) }
        return LiveConsentResult(voorstel: proposal, aantal: state.consents.count, telling: tally(state.consents), redenen: reasons, heeftRedenen: !reasons.isEmpty, moderatie: nil)
    }

    /// "5 acceptabel, 2 kan ermee leven, 1 bezwaar".
    static func tally(_ consents: [LiveConsent]) -> String {
        Position.Mark.allCases.map { mark in "\(consents.filter { $0.mark == mark }.count) \(mark.dutch)" }.joined(separator: ", ")
    }

    /// "7 van 9 klaar": the ready check, the same on every view and in the live messages.
    static func readiness(ready: Int, of total: Int) -> String { "\(ready) van \(total) klaar" }

    /// The round's result: per criterion the mean share with its spread (extremes only for
    /// groups of three or more when anonymous), and the ranking under the mean weights.
    static func result(_ state: LiveState, _ dossier: Dossier) -> LiveResult? {
        let criteria = Self.criteria(dossier)
        guard let round = AllocationRound(state.allocations, criteria: criteria.map(\.id), anonymous: state.session.anonymous) else { return nil }
        let names = Dictionary(firstValues: criteria.map { ($0.id, $0.name) })
        let rows = round.criteria.sorted { ($0.mean, $1.id) > ($1.mean, $0.id) }.map { c in
            LiveResult.Row(naam: names[c.id] ?? c.id, gemiddeld: NumberText.rounded(c.mean, language: .nl), waarde: String(format: "%.1f", min(100, max(0, c.mean))),
                           spreiding: round.mayBreakDown ? "\(c.lowest)–\(c.highest)" : nil)
        }
        let ranking = Self.ranking(round, dossier).map { "\($0.rank). \(dossier.options[$0.option].name) (\(NumberText.rounded($0.total, language: .nl)))" }
        let summary = "Gemiddeld over \(round.count) \(round.count == 1 ? "persoon" : "mensen"): " + rows.map { "\($0.naam) \($0.gemiddeld) punten" }.joined(separator: ", ") + "."
        return LiveResult(aantal: round.count, rijen: rows, samenvatting: summary, rangorde: ranking, heeftRangorde: !ranking.isEmpty,
                          klein: !round.mayBreakDown ? "Met minder dan \(AllocationRound.smallestGroup) mensen tonen we geen uitersten: dan kan ieder de ander terugrekenen." : nil)
    }
}
