import Testing
import WikkenCore
import WikkenNetwork

/// Every rule of taking part, with its edge cases.
@Suite("Registration rules")
struct AdmissionTests {
    static let edition = Edition(id: "4e-editie", name: "4e editie")
    /// Four sessions, the second in a smaller room (10 seats): the edition has 10 seats.
    static let sessions = [
        WorkingSession(id: "s1", editionID: "4e-editie", number: 1, date: Day(2027, 2, 3), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: "Den Haag", theme: "Samenwerken", seats: 12),
        WorkingSession(id: "s2", editionID: "4e-editie", number: 2, date: Day(2027, 4, 7), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "Veerkracht", seats: 10),
        WorkingSession(id: "s3", editionID: "4e-editie", number: 3, date: Day(2027, 6, 2), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "Tellen en vertellen", seats: 12),
        WorkingSession(id: "s4", editionID: "4e-editie", number: 4, date: Day(2027, 9, 29), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30), place: nil, theme: "Oogst", seats: 12),
    ]
    static func applicant(_ partnerships: [Partnership] = [], earlier: [String] = [], registered: Bool = false) -> Admission.Applicant {
        Admission.Applicant(partnerships: partnerships, earlierNonPartnerEditions: earlier, alreadyRegistered: registered)
    }
    static func decide(_ a: Admission.Applicant, seatsHeld: Int = 0, edition: Edition = edition) -> Admission.Decision {
        Admission.decide(edition: edition, sessions: sessions, applicant: a, seatsHeld: seatsHeld)
    }

    @Test("days read strictly and count like a calendar")
    func days() {
        #expect(Day("2027-02-03") == Day(2027, 2, 3))
        #expect(Day("2027-02-29") == nil && Day("2028-02-29") != nil && Day("2027-2-3") == nil && Day("3-2-2027") == nil)
        #expect(Day(2027, 2, 3).adding(days: 30) == Day(2027, 3, 5))
        #expect(Day(1970, 1, 1).ordinal == 0 && Day(ordinal: Day(2026, 12, 1).ordinal) == Day(2026, 12, 1))
        #expect(Day(2027, 2, 3).dutch == "3 februari 2027")
        #expect(TimeOfDay("12:00") == TimeOfDay(12, 0) && TimeOfDay("24:00") == nil && TimeOfDay(9, 5).description == "09:05")
    }

    @Test("a partner takes part free; partner status counts on the first session's day")
    func partner() {
        #expect(Self.decide(Self.applicant([Partnership(since: Day(2020, 1, 1))])) == .registered(status: .aangemeld, feeCents: 0, partner: true))
        // A partnership that starts on the day of the first session counts; one that starts a day later does not.
        #expect(Self.decide(Self.applicant([Partnership(since: Day(2027, 2, 3))])) == .registered(status: .aangemeld, feeCents: 0, partner: true))
        #expect(Self.decide(Self.applicant([Partnership(since: Day(2027, 2, 4))])) == .registered(status: .aangemeld, feeCents: 13_000, partner: false))
        // A partnership that ended before the edition does not count.
        #expect(Self.decide(Self.applicant([Partnership(since: Day(2020, 1, 1), until: Day(2026, 12, 31))])) == .registered(status: .aangemeld, feeCents: 13_000, partner: false))
    }

    @Test("a partnership that ends between two sessions: free for this edition, flagged from the first session after it ends")
    func partnershipEnds() {
        let ending = [Partnership(since: Day(2020, 1, 1), until: Day(2027, 5, 31))]
        #expect(Self.decide(Self.applicant(ending)) == .registered(status: .aangemeld, feeCents: 0, partner: true))
        #expect(Admission.partnershipEnds(ending, sessions: Self.sessions)?.number == 3)
        // The last day of the partnership is still a partner day.
        #expect(Admission.partnershipEnds([Partnership(since: Day(2020, 1, 1), until: Day(2027, 9, 29))], sessions: Self.sessions) == nil)
        #expect(Admission.partnershipEnds([], sessions: Self.sessions) == nil)
    }

    @Test("a first-time non-partner pays €130 once; a repeat non-partner must become partner; earlier free participation does not count")
    func nonPartner() {
        #expect(Self.decide(Self.applicant()) == .registered(status: .aangemeld, feeCents: 13_000, partner: false))
        #expect(Self.decide(Self.applicant(earlier: ["3e editie"])) == .refused(.becomePartner(earlierEdition: "3e editie")))
        let refusal = Admission.Refusal.becomePartner(earlierEdition: "3e editie").message(contact: NetworkContact(name: "Bea", email: "bea@platform31.example"))
        #expect(refusal.contains("partner wordt") && refusal.contains("Bea (bea@platform31.example)"))
        // Having taken part as a non-partner is no obstacle once the organisation is a partner.
        #expect(Self.decide(Self.applicant([Partnership(since: Day(2026, 1, 1))], earlier: ["3e editie"])) == .registered(status: .aangemeld, feeCents: 0, partner: true))
        #expect(Admission.euros(13_000) == "€130" && Admission.euros(13_050) == "€130,50" && Admission.euros(13_005) == "€130,05")
    }

    @Test("capacity is the smallest room; past it a registration goes on the waitlist")
    func capacity() {
        #expect(Admission.capacity(Self.sessions) == 10)
        #expect(Self.decide(Self.applicant(), seatsHeld: 9) == .registered(status: .aangemeld, feeCents: 13_000, partner: false))
        #expect(Self.decide(Self.applicant(), seatsHeld: 10) == .registered(status: .wachtlijst, feeCents: 13_000, partner: false))
    }

    @Test("a second registration, a closed edition or one without sessions is refused")
    func refused() {
        #expect(Self.decide(Self.applicant(registered: true)) == .refused(.alreadyRegistered))
        #expect(Self.decide(Self.applicant(), edition: Edition(id: "x", name: "x", open: false)) == .refused(.closed))
        #expect(Admission.decide(edition: Self.edition, sessions: [], applicant: Self.applicant(), seatsHeld: 0) == .refused(.noSessions))
    }

    @Test("the waitlist moves up in order of arrival; an empty waitlist gives nobody")
    func waitlist() {
        let entries = [
            Waitlist.Entry(id: "a", status: .toegelaten, arrival: 1),
            Waitlist.Entry(id: "c", status: .wachtlijst, arrival: 5),
            Waitlist.Entry(id: "b", status: .wachtlijst, arrival: 3),
            Waitlist.Entry(id: "d", status: .afgemeld, arrival: 2),
        ]
        #expect(Waitlist.next(entries)?.id == "b")
        #expect(Waitlist.position(of: "c", in: entries) == 2 && Waitlist.position(of: "a", in: entries) == nil)
        #expect(Waitlist.next(entries.filter { $0.status != .wachtlijst }) == nil)
    }

    @Test("the status flow: each state's next states; only seat-holding states count for capacity")
    func flow() {
        #expect(RegistrationStatus.aangemeld.next == [.intakeGepland, .afgewezen, .afgemeld])
        #expect(RegistrationStatus.intakeGehouden.next.contains(.toegelaten))
        #expect(RegistrationStatus.afgemeld.next.isEmpty && RegistrationStatus.afgewezen.next.isEmpty)
        #expect(RegistrationStatus.allCases.filter(\.holdsSeat) == [.aangemeld, .intakeGepland, .intakeGehouden, .toegelaten])
        for status in RegistrationStatus.allCases where !status.next.isEmpty { #expect(status.next.contains(.afgemeld)) }
    }
}

@Suite("A case becomes a dossier")
struct CaseSkeletonTests {
    @Test("the skeleton is a valid dossier with every score missing for a reason, and analyses under the worst-value rule")
    func skeleton() throws {
        let d = CaseSkeleton.dossier(id: "casus-horst", title: "Aandachtsgroepen in De Horst", question: "Hoeveel woningen geven we?", context: "120 woningen", organisation: "Zuiderhaven")
        #expect(d.validate().filter { $0.severity == .error }.isEmpty)
        #expect(d.options.allSatisfy { o in d.leafCriteria.allSatisfy { o.scores[$0.id]?.missingReason == CaseSkeleton.notScored } })
        #expect(d.question == "Hoeveel woningen geven we?" && d.context == "120 woningen" && d.organisation == "Zuiderhaven")
        #expect(throws: MavtError.self) { try Mavt.analyse(d, missingRule: .refuse) }
        let result = try Mavt.analyse(d, missingRule: .worst)
        #expect(result.weightSets[0].totals == [0, 0])
        #expect(CaseSkeleton.dossier(id: "x", title: "Titel", question: "", context: "", organisation: "").question == "Titel")
    }
}

@Suite("Retention")
struct RetentionTests {
    @Test("the cutoff counts calendar months back; only participants whose editions all ended before it expire")
    func cutoff() {
        #expect(Retention.cutoff(today: Day(2026, 12, 1), months: 24) == Day(2024, 12, 1))
        #expect(Retention.cutoff(today: Day(2027, 3, 31), months: 1) == Day(2027, 2, 28))
        #expect(Retention.cutoff(today: Day(2027, 1, 15), months: 13) == Day(2025, 12, 15))
        let cutoff = Day(2024, 12, 1)
        #expect(Retention.expired(lastSessions: [Day(2024, 6, 1), Day(2023, 1, 1)], cutoff: cutoff))
        #expect(!Retention.expired(lastSessions: [Day(2024, 6, 1), Day(2025, 1, 1)], cutoff: cutoff))
        #expect(!Retention.expired(lastSessions: [], cutoff: cutoff))
        #expect(!Retention.expired(lastSessions: [cutoff], cutoff: cutoff))
    }
}
