/// The rules of taking part, each with the sentence the registration page shows.
///
/// - Partners of Platform31 take part free of charge. Partner status counts on the day of the
///   edition's first working session (registrations open well before; a partnership that starts
///   by then counts). If it ends before a later session, the registration stays free and the
///   organiser's dashboard flags it from that session on.
/// - A non-partner may take part once, for €130 (paid once, per edition taken part in).
/// - A non-partner who has taken part once before as a non-partner (admitted, in an earlier
///   edition) must become partner before registering again. Earlier free participation as a
///   partner does not count.
/// - Seats are limited: the smallest number of seats of the edition's sessions. Past capacity a
///   registration goes on the waitlist, in order of arrival.
/// - Every registration needs an intake interview before admission.
/// - A withdrawal frees the seat, which goes to the first on the waitlist.
public enum Admission {
    public static let nonPartnerFeeCents = 13_000

    /// What the applicant brings to the decision, read by the store in the same unit of work.
    public struct Applicant: Sendable {
        public var partnerships: [Partnership]
        /// Names of earlier editions in which this person was admitted as a non-partner.
        public var earlierNonPartnerEditions: [String]
        /// Whether this person (by e-mail address) already has a live registration for the edition.
        public var alreadyRegistered: Bool

        public init(partnerships: [Partnership], earlierNonPartnerEditions: [String], alreadyRegistered: Bool) {
            self.partnerships = partnerships
            self.earlierNonPartnerEditions = earlierNonPartnerEditions
            self.alreadyRegistered = alreadyRegistered
        }
    }

    public enum Refusal: Equatable, Sendable {
        case closed
        case noSessions
        case alreadyRegistered
        case becomePartner(earlierEdition: String)

    }

    public enum Decision: Equatable, Sendable {
        case refused(Refusal)
        /// Registered: with a seat (`aangemeld`) or on the waitlist; the fee in euro cents (0 for partners).
        case registered(status: RegistrationStatus, feeCents: Int, partner: Bool)
    }

    /// The day partner status counts on: the first session's.
    public static func referenceDay(_ sessions: [WorkingSession]) -> Day? { sessions.map(\.date).min() }

    /// Seats of an edition: the smallest room of its sessions (everyone admitted comes to all).
    public static func capacity(_ sessions: [WorkingSession]) -> Int { sessions.map(\.seats).min() ?? 0 }

    public static func isPartner(_ partnerships: [Partnership], on day: Day) -> Bool { partnerships.contains { $0.covers(day) } }

    public static func decide(edition: Edition, sessions: [WorkingSession], applicant: Applicant, seatsHeld: Int) -> Decision {
        guard edition.open else { return .refused(.closed) }
        guard let day = referenceDay(sessions) else { return .refused(.noSessions) }
        guard !applicant.alreadyRegistered else { return .refused(.alreadyRegistered) }
        let partner = isPartner(applicant.partnerships, on: day)
        if !partner, let earlier = applicant.earlierNonPartnerEditions.first { return .refused(.becomePartner(earlierEdition: earlier)) }
        let status: RegistrationStatus = seatsHeld < capacity(sessions) ? .aangemeld : .wachtlijst
        return .registered(status: status, feeCents: partner ? 0 : nonPartnerFeeCents, partner: partner)
    }

    /// The first session a partner organisation is no longer partner on, if its partnership ends
    /// between two sessions of the edition.
    public static func partnershipEnds(_ partnerships: [Partnership], sessions: [WorkingSession]) -> WorkingSession? {
        guard let day = referenceDay(sessions), isPartner(partnerships, on: day) else { return nil }
        return sessions.sorted { $0.date < $1.date }.first { !isPartner(partnerships, on: $0.date) }
    }
}

/// The waitlist: registrations on it, in order of arrival.
public enum Waitlist {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var status: RegistrationStatus
        /// Order of arrival (a number from the store, increasing).
        public var arrival: Int

        public init(id: String, status: RegistrationStatus, arrival: Int) {
            self.id = id
            self.status = status
            self.arrival = arrival
        }
    }

    /// The registration that gets a freed seat: the earliest on the waitlist, if any.
    public static func next(_ entries: [Entry]) -> Entry? {
        entries.filter { $0.status == .wachtlijst }.min { $0.arrival < $1.arrival }
    }

    /// Place on the waitlist (1 = next), or nil when not on it.
    public static func position(of id: String, in entries: [Entry]) -> Int? {
        let waiting = entries.filter { $0.status == .wachtlijst }.sorted { $0.arrival < $1.arrival }
        return waiting.firstIndex { $0.id == id }.map { $0 + 1 }
    }
}

/// How long participants' data is kept after an edition ends (AVG: no longer than needed).
public enum Retention {
    public static let defaultMonths = 24

    /// The day `months` months before `today` (the last day of a shorter month when needed).
    public static func cutoff(today: Day, months: Int) -> Day {
        let total = today.year * 12 + (today.month - 1) - months
        let year = total / 12, month = total % 12 + 1
        return Day(year, month, min(today.day, Day.daysIn(month: month, year: year)))
    }

    /// Whether a participant whose editions ended on `lastSessions` may be anonymised: all of
    /// them ended before the cutoff (someone in a running edition is kept).
    public static func expired(lastSessions: [Day], cutoff: Day) -> Bool {
        !lastSessions.isEmpty && lastSessions.allSatisfy { $0 < cutoff }
    }
}
