/// iCalendar (RFC 5545) for the working sessions of an edition: one VEVENT per session with a
/// stable UID and a SEQUENCE that rises when the session moves, so calendar programs update
/// the event instead of adding a second one. Times are local Dutch time (TZID Europe/Amsterdam,
/// with its VTIMEZONE); lines end in CRLF and are folded at 75 octets.
public enum ICalendar {
    public struct Event: Sendable {
        public var session: WorkingSession
        public var editionName: String
        /// CANCELLED for a participant who withdrew; CONFIRMED otherwise.
        public var cancelled: Bool

        public init(session: WorkingSession, editionName: String, cancelled: Bool = false) {
            self.session = session
            self.editionName = editionName
            self.cancelled = cancelled
        }
    }

    /// A calendar named `name`. `stamp` is the moment of writing in UTC (`20261201T093000Z`);
    /// `domain` makes the UIDs globally unique (`wikken.example.nl`).
    public static func calendar(name: String, events: [Event], stamp: String, domain: String) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Wikken//Wikken en wegen//NL",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name),
            "X-WR-TIMEZONE:Europe/Amsterdam",
        ]
        lines += amsterdam
        for event in events.sorted(by: { ($0.session.date, $0.session.start) < ($1.session.date, $1.session.start) }) {
            let s = event.session
            var description = "Werksessie \(s.number) van \(event.editionName)."
            if !s.theme.isEmpty { description += "\nThema: \(s.theme)" }
            if !s.agenda.isEmpty { description += "\n\nProgramma:\n\(s.agenda)" }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + escape("\(s.id)@\(domain)"),
                "DTSTAMP:" + stamp,
                "SEQUENCE:\(s.sequence)",
                "DTSTART;TZID=Europe/Amsterdam:" + local(s.date, s.start),
                "DTEND;TZID=Europe/Amsterdam:" + local(s.date, s.end),
                "SUMMARY:" + escape("Wikken en wegen: werksessie \(s.number)" + (s.theme.isEmpty ? "" : " – \(s.theme)")),
                "LOCATION:" + escape(s.placeText),
                "DESCRIPTION:" + escape(description),
                "STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Central European time with its daylight-saving rules (last Sunday of March and October).
    static let amsterdam = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Amsterdam",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func local(_ day: Day, _ time: TimeOfDay) -> String {
        day.description.filter { $0 != "-" } + "T" + time.description.filter { $0 != ":" } + "00"
    }

    /// TEXT values: backslash, semicolon and comma escaped; new lines as `\n` (RFC 5545 3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out
    }

    /// Splits a line into pieces of at most 75 octets, never inside a UTF-8 character; each
    /// continuation starts with a space (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var pieces: [String] = [], current = "", octets = 0
        for ch in line {
            let size = String(ch).utf8.count
            let limit = pieces.isEmpty ? 75 : 74 // continuation lines carry the leading space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
