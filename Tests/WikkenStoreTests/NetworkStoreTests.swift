import Foundation
import Testing
import WikkenNetwork
import WikkenStore

/// The network's registrations in the store, on both databases (part of the serialized store suite).
extension StoreTests {
    /// An edition with four sessions (the smallest room has `seats` seats), a partner
    /// organisation and a non-partner organisation.
    static func network(_ kind: String, seats: Int = 2) async throws -> (store: Store, edition: Edition, partner: Organisation, other: Organisation) {
        let store = try await store(kind)
        let partner = try await store.createOrganisation(name: "Woonstichting Partner")
        let other = try await store.createOrganisation(name: "Wooncorporatie Buiten")
        try await store.setPartnerships(organisationID: partner.id, [Partnership(since: Day(2020, 1, 1))])
        let edition = try await store.createEdition(name: "4e editie", description: "Vier werksessies over afwegen.")
        for (k, date) in ["2027-02-03", "2027-04-07", "2027-06-02", "2027-09-29"].enumerated() {
            _ = try await store.addSession(editionID: edition.id, date: Day(date)!, start: TimeOfDay(12, 0), end: TimeOfDay(16, 30),
                                           place: k == 0 ? "Den Haag" : nil, theme: "Thema \(k + 1)", agenda: "", seats: k == 1 ? seats : seats + 5)
        }
        return (store, edition, partner, other)
    }

    static func form(_ name: String, _ organisation: Organisation?, newsletter: Bool = false) -> RegistrationForm {
        RegistrationForm(name: name, email: "\(name.lowercased())@example.nl", function: "strateeg", organisationID: organisation?.id,
                         organisationName: organisation == nil ? "Eigen bureau" : "", needs: "Scherper kiezen", brings: "Een casus", newsletter: newsletter)
    }

    @Test("partner free, first-time non-partner €130, repeat non-partner refused, past capacity on the waitlist, moving up after a withdrawal", arguments: backends)
    func registrationRules(kind: String) async throws {
        let (store, edition, partner, other) = try await Self.network(kind)
        defer { Task { await store.close() } }
        // The repeat non-partner took part in an earlier edition, admitted as a non-partner.
        let earlier = try await store.createEdition(name: "3e editie", description: "")
        _ = try await store.addSession(editionID: earlier.id, date: Day(2026, 3, 4), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "", agenda: "", seats: 20)
        guard case .registered(let old, _) = try await store.register(editionID: earlier.id, Self.form("Ria", other)) else { Issue.record("not registered"); return }
        for step in [RegistrationStatus.intakeGepland, .intakeGehouden, .toegelaten] { try await store.setStatus(registrationID: old.id, to: step, by: "Organisator") }

        guard case .registered(let p, let token) = try await store.register(editionID: edition.id, Self.form("Pieter", partner, newsletter: true)) else { Issue.record("partner refused"); return }
        #expect(p.status == .aangemeld && p.feeCents == 0 && p.partner && p.organisationName == "Woonstichting Partner")
        let third = try await store.createOrganisation(name: "Woonbron Derde")
        guard case .registered(let n, _) = try await store.register(editionID: edition.id, Self.form("Nina", third)) else { Issue.record("first-time refused"); return }
        #expect(n.status == .aangemeld && n.feeCents == 13_000 && !n.partner && !n.paid)
        #expect(try await store.register(editionID: edition.id, Self.form("Ria", other)) == .refused(.becomePartner(earlierEdition: "3e editie")))
        // The rule is the organisation's (issue 15): a colleague of Ria's is refused too, whether
        // she chooses the organisation or types its name another way.
        #expect(try await store.register(editionID: edition.id, Self.form("Karin", other)) == .refused(.becomePartner(earlierEdition: "3e editie")))
        #expect(try await store.register(editionID: edition.id, RegistrationForm(name: "Kees", email: "kees@elders.example", function: "adviseur", organisationID: nil,
                                                                               organisationName: "wooncorporatie  BUITEN")) == .refused(.becomePartner(earlierEdition: "3e editie")))
        #expect(try await store.register(editionID: edition.id, Self.form("Pieter", partner)) == .refused(.alreadyRegistered))
        guard case .registered(let w, _) = try await store.register(editionID: edition.id, Self.form("Wim", nil)) else { Issue.record("waitlist refused"); return }
        #expect(w.status == .wachtlijst && w.organisationName == "Eigen bureau" && w.arrival == 3)

        // The personal link finds the registration; a wrong one finds nothing.
        #expect(try await store.registration(token: token)?.id == p.id)
        #expect(try await store.registration(token: "fout") == nil)

        // Admission needs the intake first.
        await #expect(throws: StoreError.self) { try await store.setStatus(registrationID: n.id, to: .toegelaten, by: "Organisator") }
        try await store.setStatus(registrationID: n.id, to: .intakeGepland, by: "Organisator", intakeOn: Day(2027, 1, 10))
        try await store.setStatus(registrationID: n.id, to: .intakeGehouden, by: "Organisator", intakeNotes: "Zoekt een instrument voor samenwerkingen.")
        try await store.setStatus(registrationID: n.id, to: .toegelaten, by: "Organisator")
        #expect(try await store.registration(id: n.id)?.intakeNotes == "Zoekt een instrument voor samenwerkingen.")

        // The partner withdraws: Wim moves up from the waitlist, in the same unit of work.
        let moved = try await store.setStatus(registrationID: p.id, to: .afgemeld, by: "Pieter")
        #expect(moved?.id == w.id && moved?.status == .aangemeld)
        #expect(try await store.events(registrationID: w.id).map(\.status) == ["wachtlijst", "aangemeld"])
        // A withdrawal with an empty waitlist frees the seat and moves nobody.
        #expect(try await store.setStatus(registrationID: w.id, to: .afgemeld, by: "Wim") == nil)
        // Withdrawn, Pieter may register again (still free: his organisation is a partner).
        guard case .registered(let again, _) = try await store.register(editionID: edition.id, Self.form("Pieter", partner)) else { Issue.record("re-registration refused"); return }
        #expect(again.status == .aangemeld && again.feeCents == 0)
        try await store.setPaid(registrationID: n.id, true, by: "Organisator")
        #expect(try await store.registration(id: n.id)?.paid == true)
        #expect(try await store.events(registrationID: n.id).last.map { [$0.by, $0.note] } == ["Organisator", "Bijdrage betaald."])
    }

    @Test("two registrations racing for the last seat: exactly one gets it", arguments: backends)
    func lastSeatRace(kind: String) async throws {
        let (store, edition, partner, _) = try await Self.network(kind, seats: 1)
        defer { Task { await store.close() } }
        let outcomes = try await withThrowingTaskGroup(of: RegistrationStatus?.self) { group in
            for name in ["Anna", "Bert", "Cees", "Door"] {
                group.addTask {
                    if case .registered(let r, _) = try await store.register(editionID: edition.id, Self.form(name, partner)) { return r.status }
                    return nil
                }
            }
            return try await group.reduce(into: [RegistrationStatus?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .aangemeld }.count == 1)
        #expect(outcomes.filter { $0 == .wachtlijst }.count == 3)
        let arrivals = try await store.registrations(editionID: edition.id).map(\.arrival)
        #expect(arrivals == [1, 2, 3, 4])
    }

    @Test("a session that moves raises its SEQUENCE; a new theme alone does not", arguments: backends)
    func sessionSequence(kind: String) async throws {
        let (store, edition, _, _) = try await Self.network(kind)
        defer { Task { await store.close() } }
        var s = try await store.sessions(editionID: edition.id)[1]
        #expect(s.place == nil && s.sequence == 0 && s.number == 2)
        s.theme = "Veerkracht"
        s = try await store.updateSession(s)
        #expect(s.sequence == 0)
        s.date = Day(2027, 4, 14)
        s.place = "Utrecht"
        s = try await store.updateSession(s)
        #expect(s.sequence == 1)
        #expect(try await store.sessions(editionID: edition.id)[1].place == "Utrecht")
    }

    @Test("consent records, the newsletter list, anonymising one participant, and anonymising after the retention period", arguments: backends)
    func privacy(kind: String) async throws {
        let (store, edition, partner, other) = try await Self.network(kind)
        defer { Task { await store.close() } }
        let old = try await store.createEdition(name: "1e editie", description: "")
        _ = try await store.addSession(editionID: old.id, date: Day(2023, 3, 1), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "", agenda: "", seats: 20)
        guard case .registered(let anna, let annaToken) = try await store.register(editionID: edition.id, Self.form("Anna", partner, newsletter: true)),
              case .registered(let oud, _) = try await store.register(editionID: old.id, Self.form("Oud", other)),
              case .registered(let both, _) = try await store.register(editionID: old.id, Self.form("Beide", other)),
              case .registered(_, _) = try await store.register(editionID: edition.id, Self.form("Beide", other)) else { Issue.record("not registered"); return }
        #expect(try await store.consents(participantID: anna.participantID).map(\.given) == [true])
        #expect(try await store.newsletterList().map(\.email) == ["anna@example.nl"])
        try await store.setNewsletter(participantID: anna.participantID, false)
        #expect(try await store.consents(participantID: anna.participantID).map(\.given) == [true, false])
        #expect(try await store.newsletterList().isEmpty)

        try await store.requestDeletion(participantID: anna.participantID)
        #expect(try await store.registration(id: anna.id)?.deletionRequested == true)
        try await store.anonymise(participantID: anna.participantID, by: "Organisator")
        let gone = try #require(try await store.registration(id: anna.id))
        #expect(gone.anonymised && gone.name == "Geanonimiseerde deelnemer" && gone.needs.isEmpty && gone.phone.isEmpty && !gone.email.contains("anna"))
        #expect(gone.organisationName == "Woonstichting Partner" && gone.status == .aangemeld)
        #expect(try await store.registration(token: annaToken) == nil)
        #expect(try await store.consents(participantID: anna.participantID).isEmpty)
        // The address is free again.
        guard case .registered = try await store.register(editionID: edition.id, Self.form("Anna", partner)) else { Issue.record("re-registration refused"); return }

        // Retention: only who took part solely in editions that ended before the cutoff.
        #expect(try await store.anonymiseExpired(cutoff: Day(2024, 12, 1), by: "Organisator") == 1)
        #expect(try await store.registration(id: oud.id)?.anonymised == true)
        #expect(try await store.registration(id: both.id)?.anonymised == false)
        #expect(try await store.anonymiseExpired(cutoff: Day(2024, 12, 1), by: "Organisator") == 0)
    }
}

extension StoreTests {
    @Test("a typed-in organisation is proposed, found again by its e-mail domain, and merged by the organiser into a known one", arguments: backends)
    func proposedOrganisations(kind: String) async throws {
        let (store, edition, _, other) = try await Self.network(kind, seats: 10)
        defer { Task { await store.close() } }
        guard case .registered(let tom, _) = try await store.register(editionID: edition.id, RegistrationForm(name: "Tom", email: "tom@bureaunieuw.nl", function: "adviseur",
                                                                                                           organisationID: nil, organisationName: "Bureau Nieuw")),
              case .registered(let tess, _) = try await store.register(editionID: edition.id, RegistrationForm(name: "Tess", email: "tess@bureaunieuw.nl", function: "adviseur",
                                                                                                            organisationID: nil, organisationName: "BN advies")),
              case .registered(let gijs, _) = try await store.register(editionID: edition.id, RegistrationForm(name: "Gijs", email: "gijs@gmail.com", function: "adviseur",
                                                                                                            organisationID: nil, organisationName: "Gijs Advies")) else {
            Issue.record("not registered"); return
        }
        let proposed = try await store.networkOrganisations().filter(\.proposed)
        #expect(proposed.map(\.organisation.name).sorted() == ["Bureau Nieuw", "Gijs Advies"])
        #expect(proposed.first { $0.organisation.name == "Bureau Nieuw" }?.emailDomain == "bureaunieuw.nl")
        #expect(proposed.first { $0.organisation.name == "Gijs Advies" }?.emailDomain == nil)  // a public provider's domain says nothing
        #expect(tom.organisationID == tess.organisationID && tom.organisationID != gijs.organisationID)
        // Proposed organisations are not offered where organisations are chosen (sharing, accounts).
        #expect(try await store.organisations().allSatisfy { $0.name != "Bureau Nieuw" })

        let nieuw = try #require(tom.organisationID)
        try await store.mergeOrganisation(nieuw, into: other.id)
        let mergedTom = try await store.registration(id: tom.id), mergedTess = try await store.registration(id: tess.id)
        #expect(mergedTom?.organisationID == other.id && mergedTess?.organisationName == other.name)
        await #expect(throws: StoreError.self) { try await store.mergeOrganisation(other.id, into: nieuw) }
        let gijsOrganisation = try #require(gijs.organisationID)
        try await store.confirmOrganisation(id: gijsOrganisation, emailDomain: " GijsAdvies.NL ")
        let confirmed = try #require(try await store.networkOrganisations().first { $0.organisation.id == gijsOrganisation })
        #expect(!confirmed.proposed && confirmed.emailDomain == "gijsadvies.nl")
        await #expect(throws: StoreError.self) { try await store.mergeOrganisation(gijsOrganisation, into: other.id) }
    }
}
