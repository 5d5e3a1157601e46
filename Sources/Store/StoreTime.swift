import Foundation
import GRDB

/// Times as the store writes them: UTC text `yyyy-MM-dd HH:mm:ss.SSS`, byte for byte what GRDB writes for a
/// bound `Date`, so rows written either way sort, compare and read back alike.
///
/// Written by hand because GRDB formats each bound `Date` through Foundation's `DateFormatter`, that is
/// through ICU: a few microseconds per value, several values per outbox row and per delivery attempt, and
/// most of the store's CPU in the end-to-end benchmark. This is integer arithmetic over the proleptic
/// Gregorian calendar, valid from 1970 to 9999; other times (never met in practice) go through GRDB.
enum StoreTime {
    /// The stored text of `date`.
    static func text(_ date: Date) -> String {
        // Foundation's and ICU's arithmetic, so that the last digit matches theirs: milliseconds since 1970
        // as a double plus one half (Foundation rounds to the nearest millisecond), days by floor division,
        // the rest of the day truncated to whole milliseconds (ICU).
        let millis = date.timeIntervalSince1970 * 1000 + 0.5
        let dayCount = (millis / 86_400_000).rounded(.down)
        guard dayCount >= 0, dayCount < 2_932_897 else {  // 1970-01-01 up to 9999-12-31
            return String.fromDatabaseValue(date.databaseValue) ?? ""
        }
        let days = Int(dayCount)
        let inDay = Int(millis - dayCount * 86_400_000)

        // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        return String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: " ")
            put(inDay / 3_600_000, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(inDay / 60_000 % 60, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(inDay / 1_000 % 60, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(inDay % 1_000, digits: 3, at: 20)
            return 23
        }
    }

    /// `text(date)`, or nil.
    static func text(_ date: Date?) -> String? {
        date.map { text($0) }
    }
}
