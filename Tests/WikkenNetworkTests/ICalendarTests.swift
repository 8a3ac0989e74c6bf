import Foundation
import Testing
@testable import WikkenNetwork

@Suite("iCalendar")
struct ICalendarTests {
    static let session = WorkingSession(id: "4e-editie-1", editionID: "4e-editie", number: 1, date: Day(2027, 2, 3), start: TimeOfDay(12, 0), end: TimeOfDay(16, 30),
                                        place: "Platform31, Den Haag", theme: "Samenwerken; wanneer doe je mee?", agenda: "12:00 Inloop\n12:30 Casus", seats: 20, sequence: 2)

    @Test("one event per session with local times, a stable UID, its SEQUENCE and escaped text")
    func event() {
        let text = ICalendar.calendar(name: "Wikken en wegen, 4e editie", events: [.init(session: Self.session, editionName: "4e editie")], stamp: "20261201T093000Z", domain: "wikken.test")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.dropLast().last == "END:VCALENDAR" && lines.last == "")
        #expect(lines.contains("DTSTART;TZID=Europe/Amsterdam:20270203T120000") && lines.contains("DTEND;TZID=Europe/Amsterdam:20270203T163000"))
        #expect(lines.contains("UID:4e-editie-1@wikken.test") && lines.contains("SEQUENCE:2") && lines.contains("STATUS:CONFIRMED"))
        #expect(lines.contains("LOCATION:Platform31\\, Den Haag"))
        #expect(text.contains("Samenwerken\\; wanneer doe je mee?"))
        #expect(!text.contains("\n12:30") && text.contains("\\n"))
        // Unfolded, every line is at most 75 octets.
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    }

    @Test("folding never splits a character and unfolds to the original")
    func folding() {
        let long = "DESCRIPTION:" + String(repeating: "café – ë ", count: 30)
        let folded = ICalendar.fold(long)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == long)
        #expect(ICalendar.fold("SHORT:x") == "SHORT:x")
    }

    @Test("a withdrawn participant's events are cancelled; a session still without place says so")
    func cancelled() {
        var s = Self.session
        s.place = nil
        let text = ICalendar.calendar(name: "x", events: [.init(session: s, editionName: "4e editie", cancelled: true)], stamp: "20261201T093000Z", domain: "w")
        #expect(text.contains("STATUS:CANCELLED") && text.contains("LOCATION:nader te bepalen"))
    }
}
