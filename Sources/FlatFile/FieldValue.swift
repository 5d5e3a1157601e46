public import Foundation

/// A typed value read from a fixed-width field.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// An amount or quantity, exact: never a binary float.
    case decimal(Decimal)
    case date(LocalDateTime)
    /// A numeric or date field left blank (spaces only) that the layout does not require.
    case blank

    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    public var decimal: Decimal? {
        switch self {
        case .decimal(let value): value
        case .integer(let value): Decimal(value)
        default: nil
        }
    }
    public var date: LocalDateTime? { if case .date(let value) = self { value } else { nil } }
}

/// A calendar date, with a time of day when the field's format has one, and no zone: flat files
/// rarely say theirs, so the mapping resolves it with the partner's (or the stop's) zone.
public struct LocalDateTime: Sendable, Hashable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Whether the field carried a time of day; when false the time is 00:00:00.
    public var hasTime: Bool

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, hasTime: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.hasTime = hasTime
    }

    /// ISO 8601 without a zone: `2026-11-27` or `2026-11-27T08:10:00`.
    public var description: String {
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        return hasTime ? "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" : date
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A date pattern such as `yyyyMMdd`, `MMddyy` or `yyyy-MM-dd HH:mm`, compiled once per layout.
///
/// Tokens: `yyyy`, `yy` (00-69 is 20xx, 70-99 is 19xx), `MM`, `dd`, `HH`, `mm`, `ss`; any other character
/// must appear as written.
struct DateFormat: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case year4, year2, month, day, hour, minute, second
        case literal(UInt8)

        var width: Int {
            switch self {
            case .year4: 4
            case .year2, .month, .day, .hour, .minute, .second: 2
            case .literal: 1
            }
        }
    }

    let pattern: String
    let parts: [Part]
    var width: Int { parts.reduce(0) { $0 + $1.width } }

    init?(_ pattern: String) {
        let tokens: [(String, Part)] = [
            ("yyyy", .year4), ("yy", .year2), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute), ("ss", .second),
        ]
        var parts: [Part] = []
        var rest = Substring(pattern)
        outer: while let first = rest.first {
            for (token, part) in tokens where rest.hasPrefix(token) {
                parts.append(part)
                rest = rest.dropFirst(token.count)
                continue outer
            }
            guard first.isASCII, !first.isLetter, let byte = first.asciiValue else { return nil }
            parts.append(.literal(byte))
            rest = rest.dropFirst()
        }
        guard parts.contains(.month), parts.contains(.day), parts.contains(.year4) || parts.contains(.year2) else {
            return nil
        }
        self.pattern = pattern
        self.parts = parts
    }

    /// Reads `bytes` (exactly `width` ASCII bytes); nil when they do not match or name no real date.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        guard bytes.count == width else { return nil }
        var value = LocalDateTime(year: 0, month: 0, day: 0)
        var index = 0
        for part in parts {
            if case .literal(let byte) = part {
                guard bytes[index] == byte else { return nil }
                index += 1
                continue
            }
            var number = 0
            for offset in index..<(index + part.width) {
                let digit = bytes[offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                number = number * 10 + Int(digit)
            }
            index += part.width
            switch part {
            case .year4: value.year = number
            case .year2: value.year = number < 70 ? 2000 + number : 1900 + number
            case .month: value.month = number
            case .day: value.day = number
            case .hour: (value.hour, value.hasTime) = (number, true)
            case .minute: value.minute = number
            case .second: value.second = number
            case .literal: break
            }
        }
        guard (1...12).contains(value.month), value.day >= 1, value.day <= Self.days(in: value.month, of: value.year),
            value.hour < 24, value.minute < 60, value.second < 60
        else { return nil }
        return value
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
