/// Checks one element value's bytes against its X12 type and length, without building strings.
enum ElementSyntax {
    /// The element-level problem with `bytes`, or nil when the value is well formed.
    /// `printable`: the caller knows every byte is printable ASCII (the reader saw the whole segment).
    @inline(__always)
    static func check(
        _ bytes: UnsafeBufferPointer<UInt8>, type: ElementType, min: Int, max: Int, printable: Bool = false
    ) -> FindingKind? {
        switch type {
        case .string, .identifier:
            if printable { return lengthProblem(bytes.count, min, max) }
            // Printable ASCII (0x20...0x7E) is one unsigned comparison per byte; anything else takes the
            // slow path, which rejects control characters and counts UTF-8 characters, not bytes.
            for b in bytes where b &- 0x20 >= 0x5F {
                var length = 0
                for b in bytes {
                    if b < 0x20 || b == 0x7F { return .invalidCharacter }
                    if b & 0xC0 != 0x80 { length += 1 }
                }
                return lengthProblem(length, min, max)
            }
            return lengthProblem(bytes.count, min, max)
        case .numeric:
            var digits = 0
            for (i, b) in bytes.enumerated() {
                if b >= 0x30 && b <= 0x39 {
                    digits += 1
                } else if !(b == 0x2D && i == 0) {
                    return .invalidCharacter
                }
            }
            if digits == 0 { return .invalidCharacter }
            return lengthProblem(digits, min, max)
        case .decimal:
            var digits = 0
            var points = 0
            for (i, b) in bytes.enumerated() {
                if b >= 0x30 && b <= 0x39 {
                    digits += 1
                } else if b == 0x2E {
                    points += 1
                } else if !(b == 0x2D && i == 0) {
                    return .invalidCharacter
                }
            }
            if digits == 0 || points > 1 { return .invalidCharacter }
            return lengthProblem(digits, min, max)
        case .date:
            guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .invalidDate }
            if let problem = lengthProblem(bytes.count, min, max) { return problem }
            return isValidDate(bytes) ? nil : .invalidDate
        case .time:
            guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .invalidTime }
            if let problem = lengthProblem(bytes.count, min, max) { return problem }
            return isValidTime(bytes) ? nil : .invalidTime
        case .binary:
            return nil
        }
    }

    @inline(__always)
    static func lengthProblem(_ length: Int, _ min: Int, _ max: Int) -> FindingKind? {
        if length < min { return .elementTooShort }
        if max > 0 && length > max { return .elementTooLong }
        return nil
    }

    @inline(__always)
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int {
        var v = 0
        for i in from..<(from + count) { v = v * 10 + Int(bytes[i] &- 0x30) }
        return v
    }

    /// CCYYMMDD or YYMMDD, with the month's real length (leap years included).
    static func isValidDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let year: Int
        let offset: Int
        switch bytes.count {
        case 8:
            year = number(bytes, 0, 4)
            offset = 4
        case 6:
            let yy = number(bytes, 0, 2)
            year = yy < 50 ? 2000 + yy : 1900 + yy
            offset = 2
        default:
            return false
        }
        let month = number(bytes, offset, 2)
        let day = number(bytes, offset + 2, 2)
        guard month >= 1, month <= 12, day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        // A switch, not an array literal: the literal was allocated on every date checked.
        let days: Int
        switch month {
        case 2: days = leap ? 29 : 28
        case 4, 6, 9, 11: days = 30
        default: days = 31
        }
        return day <= days
    }

    /// HHMM, HHMMSS, HHMMSSd or HHMMSSdd.
    static func isValidTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4, bytes.count <= 8, bytes.count != 5 else { return false }
        guard number(bytes, 0, 2) < 24, number(bytes, 2, 2) < 60 else { return false }
        return bytes.count < 6 || number(bytes, 4, 2) < 60
    }
}
