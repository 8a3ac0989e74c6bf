/// The network *Wikken en wegen*: editions of working sessions, organisations with a partner
/// status over time, participants and their registrations. Pure values and rules (no clock, no
/// storage): the store applies them inside one unit of work, the web app shows their reasons.

/// A calendar day, `yyyy-mm-dd`, compared as a date. No time zone: a day in the Netherlands.
public struct Day: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd`; nil for anything else, including days that do not exist (2026-02-30).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
        self.init(y, m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// "3 februari 2027".
    public var dutch: String {
        let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
        return "\(day) \(months[month - 1]) \(year)"
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic and weekdays.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
}

/// A time of day, `hh:mm`.
public struct TimeOfDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var hour: Int, minute: Int

    public init(_ hour: Int, _ minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(h, m)
    }

    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}

/// One edition of the network (e.g. "4e editie"): a series of working sessions.
public struct Edition: Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String
    /// Whether the public registration page takes registrations.
    public var open: Bool

    public init(id: String, name: String, description: String = "", open: Bool = true) {
        self.id = id
        self.name = name
        self.description = description
        self.open = open
    }
}

/// A working session (*werksessie*) of an edition.
public struct WorkingSession: Equatable, Sendable {
    public var id: String
    public var editionID: String
    public var number: Int
    public var date: Day
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// A place, or nil while it is "nader te bepalen".
    public var place: String?
    public var theme: String
    public var agenda: String
    public var seats: Int
    /// Raised every time the date, time or place changes, so calendars update (RFC 5545 SEQUENCE).
    public var sequence: Int

    public init(id: String, editionID: String, number: Int, date: Day, start: TimeOfDay, end: TimeOfDay, place: String?, theme: String,
                agenda: String = "", seats: Int, sequence: Int = 0) {
        self.id = id
        self.editionID = editionID
        self.number = number
        self.date = date
        self.start = start
        self.end = end
        self.place = place
        self.theme = theme
        self.agenda = agenda
        self.seats = seats
        self.sequence = sequence
    }

    public var placeText: String { place ?? "nader te bepalen" }
}

/// A period in which an organisation is a partner of Platform31; `until` is the last day, nil
/// while it lasts.
public struct Partnership: Equatable, Sendable {
    public var since: Day
    public var until: Day?

    public init(since: Day, until: Day? = nil) {
        self.since = since
        self.until = until
    }

    public func covers(_ day: Day) -> Bool { since <= day && (until.map { day <= $0 } ?? true) }
}

/// Where a registration stands. The flow: aangemeld → intake gepland → intake gehouden →
/// toegelaten or afgewezen; past capacity a registration starts on the waitlist and moves up to
/// aangemeld when a seat frees; afgemeld (withdrawn) from any state except the end states.
public enum RegistrationStatus: String, CaseIterable, Sendable {
    case aangemeld
    case intakeGepland = "intake-gepland"
    case intakeGehouden = "intake-gehouden"
    case toegelaten
    case wachtlijst
    case afgewezen
    case afgemeld

    /// The words on screen.
    public var label: String {
        switch self {
        case .aangemeld: return "aangemeld"
        case .intakeGepland: return "intake gepland"
        case .intakeGehouden: return "intake gehouden"
        case .toegelaten: return "toegelaten"
        case .wachtlijst: return "wachtlijst"
        case .afgewezen: return "afgewezen"
        case .afgemeld: return "afgemeld"
        }
    }

    /// Whether a registration in this state holds one of the edition's seats.
    public var holdsSeat: Bool { [.aangemeld, .intakeGepland, .intakeGehouden, .toegelaten].contains(self) }

    /// The states an organiser (or the participant, for afgemeld) can move it to.
    public var next: [RegistrationStatus] {
        switch self {
        case .aangemeld: return [.intakeGepland, .afgewezen, .afgemeld]
        case .intakeGepland: return [.intakeGehouden, .afgewezen, .afgemeld]
        case .intakeGehouden: return [.toegelaten, .afgewezen, .afgemeld]
        case .toegelaten: return [.afgemeld]
        case .wachtlijst: return [.afgemeld]
        case .afgewezen, .afgemeld: return []
        }
    }
}
