import Canonical
import Foundation

/// Turns a date, a time and a zone (an X12 time code, a zone name, an offset, or nothing) into an
/// `EventTime` that keeps the local offset and says where the zone came from.
enum TimeResolver {
    /// X12 time codes (element 623) to zones: generic codes follow daylight saving time, S and D codes are
    /// fixed offsets. `LT` (local time) is not here: it means "use the stop's or partner's zone".
    static let x12Codes: [String: String] = [
        "UT": "UTC", "GM": "UTC", "Z": "UTC",
        "ET": "America/New_York", "ES": "-05:00", "ED": "-04:00",
        "CT": "America/Chicago", "CS": "-06:00", "CD": "-05:00",
        "MT": "America/Denver", "MS": "-07:00", "MD": "-06:00",
        "PT": "America/Los_Angeles", "PS": "-08:00", "PD": "-07:00",
        "AT": "America/Anchorage", "AS": "-09:00", "AD": "-08:00",
        "HT": "Pacific/Honolulu", "HS": "-10:00", "HD": "-09:00",
        "NT": "America/St_Johns", "TT": "America/Halifax",
    ]

    /// A zone from a name: an IANA id, `UTC`, or a fixed offset `±HH:MM`.
    static func zone(named name: String) -> TimeZone? {
        if name == "UTC" { return TimeZone(secondsFromGMT: 0) }
        if let seconds = offsetSeconds(name) { return TimeZone(secondsFromGMT: seconds) }
        guard name.contains("/") else { return nil }
        return TimeZone(identifier: name)
    }

    static func offsetSeconds(_ text: String) -> Int? {
        let chars = Array(text)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
            let h = Int(String(chars[1...2])), let m = Int(String(chars[4...5])), h <= 14, m < 60
        else { return nil }
        return (chars[0] == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }

    struct LocalTime: Equatable {
        var year, month, day, hour, minute, second: Int
    }

    /// Reads CCYYMMDD, YYMMDD (20xx) or YYYY-MM-DD, and HHMM, HHMMSS, HHMMSSDD or HH:MM[:SS]. Nil when either
    /// is not a real date or time.
    static func local(date: String, time: String) -> LocalTime? {
        let d = date.filter(\.isNumber), t = time.filter(\.isNumber)
        var year: Int, month: Int, day: Int
        switch d.count {
        case 8:
            (year, month, day) = (Int(d.prefix(4))!, Int(d.dropFirst(4).prefix(2))!, Int(d.suffix(2))!)
        case 6:
            (year, month, day) = (2000 + Int(d.prefix(2))!, Int(d.dropFirst(2).prefix(2))!, Int(d.suffix(2))!)
        default: return nil
        }
        var hour = 0, minute = 0, second = 0
        if !t.isEmpty {
            guard [4, 6, 8].contains(t.count) else { return nil }
            hour = Int(t.prefix(2))!
            minute = Int(t.dropFirst(2).prefix(2))!
            if t.count >= 6 { second = Int(t.dropFirst(4).prefix(2))! }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard hour < 24, minute < 60, second < 60, components.isValidDate(in: calendar) else { return nil }
        return LocalTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `2026-11-24`.
    static func isoDate(_ date: String) -> String? {
        guard let t = local(date: date, time: "") else { return nil }
        return String(format: "%04d-%02d-%02d", t.year, t.month, t.day)
    }

    /// The event time of `local` in `zoneName`: the offset in force at that wall-clock time.
    static func eventTime(_ local: LocalTime, zoneName: String, source: ZoneSource, code: String?) -> EventTime? {
        guard let zone = zone(named: zoneName) else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let wall = utc.date(from: DateComponents(
            year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second))
        else { return nil }
        // The wall time read as UTC, shifted by the zone's offset near it, then the offset at that instant.
        let guess = zone.secondsFromGMT(for: wall)
        let offset = zone.secondsFromGMT(for: wall.addingTimeInterval(TimeInterval(-guess)))
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let at = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", local.year, local.month, local.day, local.hour, local.minute, local.second)
            + sign + String(format: "%02d:%02d", magnitude / 3600, magnitude % 3600 / 60)
        return EventTime(at: at, zone: zoneName, zoneSource: source, originalZoneCode: code)
    }
}
