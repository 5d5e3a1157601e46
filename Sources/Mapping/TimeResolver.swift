import Canonical
import Foundation
import Synchronization

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

    /// A zone from a name: an IANA id, `UTC`, or a fixed offset `±HH:MM`. Remembered by name: making a
    /// `TimeZone` from an identifier reads the zone database, and every stop time of a 204 asks for one.
    static func zone(named name: String) -> Zone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        let made = makeZone(named: name).map(Zone.init)
        zones.withLock { cache in
            // A folder of mappings names a few dozen zones at most; the bound only guards against a partner
            // that sends a new unknown code in every message.
            if cache.count < 1024 { cache[name] = .some(made) }
        }
        return made
    }

    /// Zones by name (nil inside: not a zone), shared by every translation. Lookups are pure: caching them
    /// changes no result.
    private static let zones = Mutex<[String: Zone?]>([:])

    private static func makeZone(named name: String) -> TimeZone? {
        if name == "UTC" { return TimeZone(secondsFromGMT: 0) }
        if let seconds = offsetSeconds(name) { return TimeZone(secondsFromGMT: seconds) }
        guard name.utf8.contains(UInt8(ascii: "/")) else { return nil }
        return TimeZone(identifier: name)
    }

    /// A zone and the offsets already found in it, by hour of wall-clock time. Two `secondsFromGMT` calls
    /// into ICU per value were most of the time a time took; the times of one file fall in a few hundred
    /// hours at most.
    final class Zone: Sendable {
        let timeZone: TimeZone
        /// Offset in seconds by wall-clock hour (wall seconds since 1970 read as UTC, divided by 3600).
        private let offsets = Mutex<[Int: Int]>([:])

        init(_ timeZone: TimeZone) { self.timeZone = timeZone }

        /// The offset in force at wall-clock time `wall` (seconds since 1970 read as UTC): the zone's offset
        /// near it, then the offset at the instant that gives. An hour is remembered only when both ends give
        /// the same offset and that offset holds at all four instants looked at; every instant the hour can
        /// map to lies between two of them, so the offset holds over the whole hour unless the zone changes
        /// offset twice within 18 hours, which no zone does. An hour with a change in it (the DST gap or
        /// overlap) is computed value by value, as before.
        func offset(atWall wall: Int) -> Int {
            let hour = wall >= 0 ? wall / 3600 : (wall - 3599) / 3600
            if let known = offsets.withLock({ $0[hour] }) { return known }
            let start = hour * 3600, end = start + 3599
            let startGuess = offsetNear(start), endGuess = offsetNear(end)
            let startOffset = offsetNear(start - startGuess), endOffset = offsetNear(end - endGuess)
            if startGuess == endGuess, startOffset == startGuess, endOffset == startGuess {
                offsets.withLock { cache in
                    if cache.count < 65_536 { cache[hour] = startOffset }
                }
                return startOffset
            }
            return offsetNear(wall - offsetNear(wall))
        }

        private func offsetNear(_ seconds: Int) -> Int {
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }

    static func offsetSeconds(_ text: String) -> Int? {
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Int? { b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":"),
            let h1 = digit(1), let h2 = digit(2), let m1 = digit(4), let m2 = digit(5)
        else { return nil }
        let h = h1 * 10 + h2, m = m1 * 10 + m2
        guard h <= 14, m < 60 else { return nil }
        return (b[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)
    }

    struct LocalTime: Equatable {
        var year, month, day, hour, minute, second: Int
    }

    /// The ASCII digits of a value as one number (the first eight) and a count; separators (`-`, `:`) and
    /// anything else are skipped.
    struct Digits {
        var value = 0, count = 0

        mutating func add(_ byte: UInt8) {
            guard byte >= 0x30, byte <= 0x39 else { return }
            count += 1
            if count <= 8 { value = value * 10 + Int(byte - 0x30) }
        }
    }

    // On the contiguous bytes: iterating a small string's UTF-8 view took a byte out of its packed form at
    // every step.
    static func digits(_ text: String) -> Digits {
        var text = text
        return text.withUTF8 { bytes in
            var digits = Digits()
            for byte in bytes { digits.add(byte) }
            return digits
        }
    }

    /// Reads CCYYMMDD, YYMMDD (20xx) or YYYY-MM-DD, and HHMM, HHMMSS, HHMMSSDD or HH:MM[:SS]. Nil when either
    /// is not a real date or time.
    static func local(date: String, time: String) -> LocalTime? {
        local(date: digits(date), time: digits(time))
    }

    /// `local(date:time:)` from the digits of each. No arrays: this runs for every date and time a mapping
    /// reads.
    static func local(date d: Digits, time t: Digits) -> LocalTime? {
        var year: Int, month: Int, day: Int
        switch d.count {
        case 8:
            (year, month, day) = (d.value / 10_000, d.value / 100 % 100, d.value % 100)
        case 6:
            (year, month, day) = (2000 + d.value / 10_000, d.value / 100 % 100, d.value % 100)
        default: return nil
        }
        var hour = 0, minute = 0, second = 0
        switch t.count {
        case 0: break
        case 4: (hour, minute) = (t.value / 100, t.value % 100)
        case 6: (hour, minute, second) = (t.value / 10_000, t.value / 100 % 100, t.value % 100)
        // HHMMSSDD: hundredths are read and dropped.
        case 8: (hour, minute, second) = (t.value / 1_000_000, t.value / 10_000 % 100, t.value / 100 % 100)
        default: return nil
        }
        // Gregorian calendar arithmetic instead of a `Calendar` per value (which was a tenth of translate's
        // time); the years read here are 1 to 9999, where both agree.
        guard hour < 24, minute < 60, second < 60, year >= 1, month >= 1, month <= 12, day >= 1,
            day <= daysIn(month: month, year: year)
        else { return nil }
        return LocalTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds from 1970-01-01T00:00:00 to `local` read as UTC (days from the civil date, proleptic Gregorian).
    static func secondsSinceEpoch(_ local: LocalTime) -> Int {
        let y = local.month <= 2 ? local.year - 1 : local.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = local.month > 2 ? local.month - 3 : local.month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + local.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + local.hour * 3600 + local.minute * 60 + local.second
    }

    /// `2026-11-24`.
    static func isoDate(_ date: String) -> String? {
        guard let t = local(date: date, time: "") else { return nil }
        // Ten bytes written in place (`local` gives years 1 to 9999): no string per part.
        return String(unsafeUninitializedCapacity: 10) { out in
            func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(n % 10) }
            (out[0], out[1], out[2], out[3]) = (digit(t.year / 1000), digit(t.year / 100), digit(t.year / 10), digit(t.year))
            (out[4], out[5], out[6]) = (UInt8(ascii: "-"), digit(t.month / 10), digit(t.month))
            (out[7], out[8], out[9]) = (UInt8(ascii: "-"), digit(t.day / 10), digit(t.day))
            return 10
        }
    }

    /// `n` in decimal, zero-padded on the left to `width` digits (`String(format: "%0*d")` without Foundation).
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The event time of `local` in `zoneName`: the offset in force at that wall-clock time.
    static func eventTime(_ local: LocalTime, zoneName: String, source: ZoneSource, code: String?) -> EventTime? {
        guard let zone = zone(named: zoneName) else { return nil }
        return eventTime(local, zone: zone, zoneName: zoneName, source: source, code: code)
    }

    /// `eventTime(_:zoneName:source:code:)` with the zone already looked up.
    static func eventTime(
        _ local: LocalTime, zone: Zone, zoneName: String, source: ZoneSource, code: String?
    ) -> EventTime {
        let offset = zone.offset(atWall: secondsSinceEpoch(local))
        let magnitude = abs(offset)
        // `2026-11-24T05:52:00-06:00`, 25 bytes written in place (`local` gives years 1 to 9999; offsets are
        // under 100 hours): no array and no string per part.
        let at = String(unsafeUninitializedCapacity: 25) { out in
            var i = 0
            func put(_ n: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var n = n
                while divisor > 0 {
                    out[i] = UInt8(ascii: "0") + UInt8(n / divisor % 10)
                    i += 1
                    n %= divisor
                    divisor /= 10
                }
            }
            func mark(_ byte: UInt8) {
                out[i] = byte
                i += 1
            }
            put(local.year, 4); mark(UInt8(ascii: "-")); put(local.month, 2); mark(UInt8(ascii: "-")); put(local.day, 2)
            mark(UInt8(ascii: "T"))
            put(local.hour, 2); mark(UInt8(ascii: ":")); put(local.minute, 2); mark(UInt8(ascii: ":")); put(local.second, 2)
            mark(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            put(magnitude / 3600, 2); mark(UInt8(ascii: ":")); put(magnitude % 3600 / 60, 2)
            return i
        }
        return EventTime(at: at, zone: zoneName, zoneSource: source, originalZoneCode: code)
    }
}
