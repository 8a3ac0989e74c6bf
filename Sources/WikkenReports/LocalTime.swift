import Foundation

/// Moments as a person in the Netherlands reads them: in Europe/Amsterdam (CET/CEST, the clock on
/// the wall), never in UTC. Used by every page, export and memo that shows a time.
public enum LocalTime {
    /// The Gregorian calendar on the Amsterdam clock, made once (a history page asks for every row).
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600) ?? .current
        return calendar
    }()

    private static func components(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    /// "2026-12-03 09:05" (date and time on the Amsterdam clock); "—" when unknown.
    public static func minute(_ date: Date?) -> String {
        guard let date else { return "—" }
        let c = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// "2026-12-03": the day on the Amsterdam calendar (a save at 00:30 in the night is that
    /// day, not the day before as in UTC); "—" when unknown.
    public static func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        let c = components(date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
