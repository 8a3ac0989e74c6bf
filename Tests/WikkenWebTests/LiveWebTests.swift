import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WikkenCore
import WikkenStore
@testable import WikkenWeb

/// A live session on the demo's wijkaanpak dossier: the strategist leads, three people join on
/// "phones" (cookies of their own), weigh blind, the result is revealed and recorded.
@Suite("Live sessions on pages")
struct LiveWebTests {
    typealias W = WebTests

    /// Posts a participant's form (no sign-in; the participant's cookie, if any).
    static func post(_ client: some TestClientProtocol, _ uri: String, cookie: String?, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func points(_ values: [Int]) -> [(String, String)] {
        zip(["leefbaarheid", "wonen", "geld", "draagvlak"], values).map { ("p-\($0)", String($1)) }
    }

    @Test("start, join with a code, weigh blind, reveal, record: names unique, input only while open, a wrong sum named, nothing of one person shown", arguments: Backend.all)
    func wholeSession(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let strateeg = try await W.signIn(client, "strateeg@demo.wikken.nl")
            let (_, dossierPage, _) = try await W.page(client, "/dossiers/wijkaanpak-neckardreef", cookie: strateeg)
            #expect(dossierPage.contains("Start een live sessie"))
            let (started, _, location) = try await W.post(client, "/dossiers/wijkaanpak-neckardreef/live", cookie: strateeg, [("csrf", W.csrf(in: dossierPage)), ("anoniem", "ja")])
            let code = String(try #require(location?.split(separator: "/").dropFirst().first))
            #expect(started == .seeOther && location == "/live/\(code)/leiden" && JoinCode.normalised(code) == code)

            // Joining: the code page, a name, an organisation; the same name again is refused.
            let (joinStatus, joinForm, _) = try await W.page(client, "/live?code=\(code)", cookie: "")
            #expect(joinStatus == .ok && joinForm.contains("action=\"/live/\(code)/deelnemen\""))
            var phones: [String] = []
            for (name, organisation) in [("An", "Huurdersraad"), ("Bo", "Gemeente"), ("Cas", "")] {
                let joined = try await Self.post(client, "/live/\(code.lowercased())/deelnemen", cookie: nil, [("naam", name), ("organisatie", organisation)])
                let cookie = try #require(joined.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                #expect(joined.status == .seeOther && cookie.hasPrefix("wikken_live=") && joined.headers[.setCookie]?.contains("SameSite=Strict") == true)
                phones.append(cookie)
            }
            let taken = try await Self.post(client, "/live/\(code)/deelnemen", cookie: nil, [("naam", "an"), ("organisatie", "")])
            #expect(taken.status == .conflict && String(buffer: taken.body).contains("al gekozen"))
            #expect(try await client.execute(uri: "/live/AAAAAA", method: .get).status == .notFound)

            // Input before the facilitator opens it: refused, nothing stored.
            let early = try await Self.post(client, "/live/\(code)/invoer", cookie: phones[0], Self.points([40, 30, 20, 10]))
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("De invoer is gesloten"))

            let (_, console, _) = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            #expect(try await W.post(client, "/live/\(code)/fase", cookie: strateeg, [("csrf", W.csrf(in: console)), ("fase", "invoer")]).0 == .seeOther)
            let wrong = try await Self.post(client, "/live/\(code)/invoer", cookie: phones[0], Self.points([40, 30, 10, 10]))
            let wrongText = String(buffer: wrong.body)
            #expect(wrong.status == .unprocessableContent && wrongText.contains("Samen 90 punten") && wrongText.contains("value=\"10\""))
            for (phone, values) in zip(phones, [[40, 30, 20, 10], [10, 50, 20, 20], [40, 10, 20, 30]]) {
                let handed = try await Self.post(client, "/live/\(code)/invoer", cookie: phone, Self.points(values))
                #expect(handed.status == .seeOther)
            }
            // Changed once more: still three inputs, the last one counts.
            #expect(try await Self.post(client, "/live/\(code)/invoer", cookie: phones[2], Self.points([40, 10, 10, 40])).status == .seeOther)
            let (_, waiting, _) = try await W.page(client, "/live/\(code)", cookie: phones[0])
            #expect(waiting.contains("Wijzig mijn verdeling") && !waiting.contains("gemiddeld over"))
            _ = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            let consolePage = try #require(pages.last(LiveConsolePage.self))
            #expect(consolePage.klaar == "3 van 3 klaar" && consolePage.uitkomst == nil && consolePage.deelnemers.map(\.naam) == ["An", "Bo", "Cas"])

            // Reveal: everyone sees the mean (leefbaarheid (40 + 10 + 40) / 3 = 30, wonen 30, draagvlak 70/3, geld 50/3).
            #expect(try await W.post(client, "/live/\(code)/fase", cookie: strateeg, [("csrf", W.csrf(in: console)), ("fase", "onthullen")]).0 == .seeOther)
            _ = try await W.page(client, "/live/\(code)", cookie: phones[1])
            let seen = try #require(pages.last(LiveParticipantPage.self)?.uitkomst)
            #expect(seen.aantal == 3 && seen.rijen.map(\.gemiddeld) == ["30,0", "30,0", "23,3", "16,7"] && seen.heeftRangorde && seen.klein == nil, "\(seen.rijen.map(\.gemiddeld)) \(seen.rangorde)")

            // Recorded as a weight set of the dossier, as a revision.
            let (_, revealed, _) = try await W.page(client, "/live/\(code)/leiden", cookie: strateeg)
            let (recorded, _, recordedAt) = try await W.post(client, "/live/\(code)/vastleggen", cookie: strateeg, [("csrf", W.csrf(in: revealed))])
            #expect(recorded == .seeOther && recordedAt?.hasPrefix("/dossiers/wijkaanpak-neckardreef?melding=opgeslagen") == true)
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let set = try #require(try await store.dossier(id: "wijkaanpak-neckardreef", viewer: owner).dossier.weightSets.last)
            #expect(set.id == "live-\(code.lowercased())-1" && set.weights["leefbaarheid"] == 30 && abs((set.weights["geld"] ?? 0) - 50.0 / 3) < 1e-9)

            // Another organisation cannot lead it; after closing, nobody joins.
            let partner = try await W.signIn(client, "partner@demo.wikken.nl")
            #expect(try await W.page(client, "/live/\(code)/leiden", cookie: partner).0 == .notFound)
            #expect(try await W.post(client, "/live/\(code)/sluiten", cookie: strateeg, [("csrf", W.csrf(in: revealed))]).0 == .seeOther)
            let late = try await Self.post(client, "/live/\(code)/deelnemen", cookie: nil, [("naam", "Dirk"), ("organisatie", "")])
            #expect(late.status == .unprocessableContent && String(buffer: late.body).contains("gesloten"))
        }
    }

    @Test("two anonymous people: the mean, but no extremes; a flood of hand-ins is slowed", arguments: Backend.all)
    func smallGroupAndFlood(backend: Backend) async throws {
        try await WebSupport.withApp(backend) { client, store, pages in
            let owner = try #require(try await store.user(email: "strateeg@demo.wikken.nl"))
            let live = try await store.startLiveSession(dossierID: "wijkaanpak-neckardreef", facilitator: owner, anonymous: true)
            _ = try await store.setLivePhase(code: live.code, to: .input, by: owner)
            var phones: [String] = []
            for name in ["An", "Bo"] {
                let joined = try await Self.post(client, "/live/\(live.code)/deelnemen", cookie: nil, [("naam", name), ("organisatie", "")])
                phones.append(try #require(joined.headers[.setCookie]?.split(separator: ";").first.map(String.init)))
            }
            for phone in phones { _ = try await Self.post(client, "/live/\(live.code)/invoer", cookie: phone, Self.points([25, 25, 25, 25])) }  // one hand-in each counts towards the limit
            _ = try await store.setLivePhase(code: live.code, to: .reveal, by: owner)
            _ = try await W.page(client, "/live/\(live.code)", cookie: phones[0])
            let result = try #require(pages.last(LiveParticipantPage.self)?.uitkomst)
            #expect(result.aantal == 2 && result.klein != nil && result.rijen.allSatisfy { $0.spreiding == nil })
            _ = try await store.setLivePhase(code: live.code, to: .revote, by: owner)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<22 { statuses.append(try await Self.post(client, "/live/\(live.code)/invoer", cookie: phones[1], Self.points([25, 25, 25, 25])).status) }
            #expect(statuses.filter { $0 == .seeOther }.count == 19 && statuses.last == .tooManyRequests)
        }
    }
}
