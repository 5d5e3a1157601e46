import Canonical
import Foundation

/// Runs a plan's rules over one scope, collecting findings. One evaluator per transaction.
struct Evaluator {
    let plan: MappingPlan
    var findings: [MappingFinding] = []
    /// Set when a rule rejected the event being built (`onMiss: reject`); the caller clears it per event.
    var rejected = false
    /// Per top-level field of the plan's data, what it gave the transaction's first event, when it reads
    /// only from the transaction's top (`ObjectLayout.transactionWide`); nil: not kept (one event per
    /// transaction, or the tree's way).
    var memos: [FieldMemo?]?

    init(plan: MappingPlan) { self.plan = plan }

    mutating func warn(_ key: String, _ message: String) { findings.append(MappingFinding(.warning, key: key, message)) }

    // MARK: Values

    /// The rule's value after trimming, default, table and decimals; nil when there is none.
    mutating func string(_ rule: ValueRule, in scope: any MappingScope) -> String? {
        guard let raw = sourceText(rule, in: scope) else { return nil }
        return finish(raw, rule, in: scope)
    }

    /// What the rule reads before default, table, lookup and transforms: the value as the partner sent it
    /// (trimmed when the rule trims), empty when absent; nil when the rule's condition does not hold.
    /// `string(rule.asSent, in:)` without building that rule per value.
    mutating func sourceText(_ rule: ValueRule, in scope: any MappingScope) -> String? {
        if let condition = rule.condition, !holds(condition, in: scope) { return nil }
        switch rule.source {
        case .constant(let text):
            return rule.trim ? text.trimmedOfBlanks : text
        case .paths(let paths):
            // Through the buffer: iterating the array copied each path (and retained what it holds) per value.
            return paths.withUnsafeBufferPointer { paths in
                var raw = ""
                for i in paths.indices {
                    if case .x12(let path) = paths[i] {
                        raw = scope.value(x12: path, trimmed: rule.trim)
                    } else {
                        raw = scope.value(paths[i])
                        if rule.trim { raw = raw.trimmedOfBlanks }
                    }
                    if !raw.isEmpty { break }
                }
                return raw
            }
        case .concat(let parts, let separator):
            let raw = parts.compactMap { string($0, in: scope) }.filter { !$0.isEmpty }.joined(separator: separator)
            return rule.trim ? raw.trimmedOfBlanks : raw
        }
    }

    /// `sourceText`'s result with the rule's default, table, lookup, coordinate and implied decimals
    /// applied; nil when there is no value.
    mutating func finish(_ text: String, _ rule: ValueRule, in scope: any MappingScope) -> String? {
        var raw = text
        if raw.isEmpty {
            guard let fallback = rule.defaultValue else { return nil }
            raw = fallback
        }
        if let name = rule.table {
            guard let mapped = rule.tableEntries?.map(raw) else {
                warn(rule.key, "code '\(raw)' is not in table \(name) and the table has no '*'")
                return nil
            }
            raw = mapped
        }
        if let name = rule.lookup {
            if let mapped = rule.lookupEntries?.map(raw) {
                raw = mapped
            } else {
                switch rule.onMiss {
                case .absent: return nil
                case .keep: break
                case .warn:
                    warn(rule.key, "code '\(raw)' is not in cross-reference table \(name)")
                    return nil
                case .reject:
                    findings.append(MappingFinding(.error, key: rule.key, "code '\(raw)' is not in cross-reference table \(name); no event"))
                    rejected = true
                    return nil
                }
            }
        }
        if let hemisphereRule = rule.coordinate.first {
            let hemisphere = string(hemisphereRule, in: scope) ?? ""
            guard let degrees = Evaluator.decimalDegrees(raw, negative: hemisphere == "W" || hemisphere == "S") else {
                warn(rule.key, "not a coordinate in DDDMMSS")
                return nil
            }
            raw = degrees
        }
        if let decimals = rule.decimals {
            guard let scaled = Evaluator.impliedDecimal(raw, decimals) else {
                warn(rule.key, "not a number with \(decimals) implied decimals")
                return nil
            }
            raw = scaled
        }
        return raw
    }

    /// `185500`, 2 → `1855.00`; `-4500`, 2 → `-45.00`; `0000150` → `1.50`. Exact: digits move, nothing rounds.
    /// On the bytes, written in place (every amount of a 204 and 210 goes through here; slicing and joining
    /// substrings cost ten times as much).
    static func impliedDecimal(_ text: String, _ decimals: Int) -> String? {
        var text = text
        let moved: String? = text.withUTF8 { bytes in
            var start = 0
            var negative = false
            if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                negative = first == UInt8(ascii: "-")
                start = 1
            }
            guard start < bytes.count else { return nil }
            var isZero = true
            for i in start..<bytes.count {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                if bytes[i] != 0x30 { isZero = false }
            }
            // Leading zeros dropped down to one before the point.
            while bytes.count - start > decimals + 1, bytes[start] == 0x30 { start += 1 }
            let digits = bytes.count - start
            let width = max(digits, decimals + 1)
            let sign = negative && !isZero ? 1 : 0
            return String(unsafeUninitializedCapacity: sign + width + (decimals > 0 ? 1 : 0)) { out in
                var at = 0
                if sign == 1 {
                    out[0] = UInt8(ascii: "-")
                    at = 1
                }
                // Position `p` of the padded digits: zeros first when there are fewer digits than the width.
                for p in 0..<width {
                    if p == width - decimals, decimals > 0 {
                        out[at] = UInt8(ascii: ".")
                        at += 1
                    }
                    let i = p - (width - digits)
                    out[at] = i < 0 ? 0x30 : bytes[start + i]
                    at += 1
                }
                return at
            }
        }
        if let moved { return moved }
        // Already written with a point: keep it when it is a decimal number.
        return DecimalString(text).map { _ in text }
    }

    /// `0934512` (93° 45' 12") → `93.753333`, six decimals, rounded half up.
    static func decimalDegrees(_ text: String, negative: Bool) -> String? {
        guard text.count >= 5, text.count <= 7, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let seconds = Int(text.suffix(2))!, minutes = Int(text.dropLast(2).suffix(2))!, degrees = Int(text.dropLast(4))!
        guard minutes < 60, seconds < 60, degrees <= 180 else { return nil }
        // Millionths of a degree, in integers: exact up to the final rounding.
        let total = degrees * 3_600_000_000 + minutes * 60_000_000 + seconds * 1_000_000
        let millionths = (total + 1_800) / 3_600
        let whole = millionths / 1_000_000, fraction = millionths % 1_000_000
        let digits = String(fraction)
        let text = "\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
        return (negative && millionths != 0 ? "-" : "") + text
    }

    mutating func holds(_ condition: Condition, in scope: any MappingScope) -> Bool {
        let value = string(condition.value, in: scope) ?? ""
        switch condition.test {
        case .equals(let values): return values.contains(value)
        case .notEquals(let values): return !values.contains(value)
        case .present: return !value.isEmpty
        case .absent: return value.isEmpty
        }
    }

    // MARK: Fields

    mutating func field(_ rule: FieldRule, in scope: any MappingScope) -> MappedValue? {
        switch rule {
        case .value(let rule, let type):
            guard let text = string(rule, in: scope) else { return nil }
            return typed(text, type, key: rule.key)
        case .coded(let rule, let allowed):
            // The original is what the partner sent: before the table, and empty when only a default applied.
            // (Read once: `sourceText` is what `string(rule.asSent, in:)` gives.)
            guard let original = sourceText(rule, in: scope) else { return nil }
            guard let code = finish(original, rule, in: scope) else { return nil }
            guard allowed.contains(code) else {
                warn(rule.key, "'\(code)' is not a canonical code here; add the code to a table")
                return nil
            }
            return .object([("code", .string(code)), ("original", .string(original))])
        case .time(let rule):
            return time(rule, in: scope).map(MappedValue.eventTime)
        case .object(let rule):
            if let condition = rule.condition, !holds(condition, in: scope) { return nil }
            var target = scope
            if let path = rule.scope {
                guard let first = scope.selectFirst(path) else { return nil }
                target = first
            }
            var fields: [(String, MappedValue)] = []
            fields.reserveCapacity(rule.fields.count)
            // Through the buffer, so that each field's rule is read in place rather than copied.
            rule.fields.withUnsafeBufferPointer { rules in
                for i in rules.indices {
                    if let value = field(rules[i].rule, in: target) { fields.append((rules[i].name, value)) }
                }
            }
            if fields.isEmpty { return nil }
            // A part (a stop, a charge line, an amount) without its required fields is left out with a
            // warning; the event's own required fields are checked when the event is built.
            // (The required names are listed once per rule, not filtered from the type per object.)
            if !rule.isTopLevel, rule.required.contains(where: { name in !fields.contains { $0.0 == name } }) {
                let missing = rule.required.filter { name in !fields.contains { $0.0 == name } }
                warn(rule.key, "left out: no \(missing.joined(separator: ", "))")
                return nil
            }
            return .object(fields)
        case .array(let rule):
            if let condition = rule.condition, !holds(condition, in: scope) { return nil }
            var items: [MappedValue] = []
            let scopes = rule.each.map { scope.select($0) } ?? [scope]
            for itemScope in scopes {
                if let item = rule.item, let value = field(item, in: itemScope) { items.append(value) }
                rule.items.withUnsafeBufferPointer { rules in
                    for i in rules.indices { if let value = field(rules[i], in: itemScope) { items.append(value) } }
                }
            }
            return items.isEmpty ? nil : .array(items)
        }
    }

    mutating func typed(_ text: String, _ type: FieldType, key: String) -> MappedValue? {
        switch type {
        case .integer:
            guard let n = Int(text) else {
                warn(key, "not a whole number")
                return nil
            }
            return .integer(n)
        case .decimal:
            // X12 R values may drop the leading zero or carry a sign (`.404`, `+5`, `-.5`, `12.`).
            var text = text
            let first = text.utf8.first, last = text.utf8.last
            // Most values need none of this; the first and last bytes say which might.
            if first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || first == UInt8(ascii: "-") || last == UInt8(ascii: ".") {
                if text.hasPrefix("+") { text.removeFirst() }
                if text.hasPrefix(".") { text = "0" + text }
                if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            guard DecimalString(text) != nil else {
                warn(key, "not a decimal number")
                return nil
            }
            return .string(text)
        case .date:
            guard let date = TimeResolver.isoDate(text) else {
                warn(key, "not a date (CCYYMMDD, YYMMDD or YYYY-MM-DD)")
                return nil
            }
            return .string(date)
        case .enumeration(let name, let values):
            guard values.contains(text) else {
                warn(key, "'\(text)' is not a \(name)")
                return nil
            }
            return .string(text)
        default:
            return .string(text)
        }
    }

    mutating func time(_ rule: TimeRule, in outer: any MappingScope) -> EventTime? {
        if let condition = rule.condition, !holds(condition, in: outer) { return nil }
        var scope = outer
        if let path = rule.scope {
            guard let first = outer.selectFirst(path) else { return nil }
            scope = first
        }
        let local: TimeResolver.LocalTime?
        var writtenOffset: String?
        if rule.hasPlainDateAndTime, let plainDate = rule.plainDate {
            // Plain paths (most times): the digits straight from the kept bytes, as `string` would have
            // read them (trimmed when the rule trims; an empty date is no time, an empty time is none).
            guard let date = scope.digits(x12: plainDate.path, trimmed: plainDate.trim) else { return nil }
            var time = TimeResolver.Digits()
            if let plainTime = rule.plainTime {
                time = scope.digits(x12: plainTime.path, trimmed: plainTime.trim) ?? time
            }
            local = TimeResolver.local(date: date, time: time)
        } else if let dateTime = rule.dateTime {
            guard let text = string(dateTime, in: scope) else { return nil }
            let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
            let date = parts.first ?? ""
            var clock = parts.count > 1 ? Substring(parts[1]) : ""
            // An offset written into the value (`08:00:00-06:00`, `...Z`) is the message's own zone.
            if let sign = clock.firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" }) {
                let offset = String(clock[sign...])
                writtenOffset = offset == "Z" ? "UTC" : offset
                clock = clock[..<sign]
            }
            local = TimeResolver.local(date: date, time: String(clock))
        } else {
            guard let date = rule.date.flatMap({ string($0, in: scope) }) else { return nil }
            local = TimeResolver.local(date: date, time: rule.time.flatMap { string($0, in: scope) } ?? "")
        }
        guard let local else {
            warn(rule.key, "not a valid date and time")
            return nil
        }
        // The zone as sent (`CST`), before a table turned it into a zone (`-06:00`); read once.
        var code: String?, sentCode: String?
        if let plainZone = rule.plainZone {
            // One path as it comes: the code is the value, none when empty (what `finish` gives such a rule),
            // and the rule is not copied out of the `TimeRule`.
            let sent = scope.value(x12: plainZone.path, trimmed: plainZone.trim)
            sentCode = sent.isEmpty ? nil : sent
            code = sentCode
        } else if let zoneRule = rule.zone, let sent = sourceText(zoneRule, in: scope) {
            sentCode = sent.isEmpty ? nil : sent
            code = finish(sent, zoneRule, in: scope)
        }
        // Each candidate zone looked up once, and the lookup handed on.
        var zone: (name: String, source: ZoneSource, zone: TimeResolver.Zone)?
        if let code, code != "LT" {
            let name = TimeResolver.x12Codes[code] ?? code
            if let found = TimeResolver.zone(named: name) {
                zone = (name, .message, found)
            } else {
                warn(rule.key, "time code '\(code)' is not known; the stop's or partner's zone is used")
            }
        }
        if zone == nil, let writtenOffset, let found = TimeResolver.zone(named: writtenOffset) {
            zone = (writtenOffset, .message, found)
        }
        if zone == nil, let stop = rule.stopZone.flatMap({ string($0, in: scope) }), let found = TimeResolver.zone(named: stop) {
            zone = (stop, .stop, found)
        }
        if zone == nil, let partner = plan.timeZone {
            guard let found = TimeResolver.zone(named: partner) else { return nil }
            zone = (partner, .partner, found)
        }
        guard let zone else {
            warn(rule.key, "the time has no zone, and neither the stop nor the partner gives one (set timeZone:)")
            return nil
        }
        return TimeResolver.eventTime(local, zone: zone.zone, zoneName: zone.name, source: zone.source, code: sentCode)
    }
}

extension MappedValue {
    static func eventTime(_ t: EventTime) -> MappedValue {
        var fields: [(String, MappedValue)] = [("at", .string(t.at)), ("zone", .string(t.zone)), ("zoneSource", .string(t.zoneSource.rawValue))]
        if let code = t.originalZoneCode { fields.append(("originalZoneCode", .string(code))) }
        return .object(fields)
    }
}

extension ValueRule {
    /// The same rule without default, table, lookup or transforms: the value as the partner sent it.
    var asSent: ValueRule {
        var plain = self
        plain.defaultValue = nil
        plain.table = nil
        plain.lookup = nil
        plain.tableEntries = nil
        plain.lookupEntries = nil
        plain.onMiss = .absent
        plain.decimals = nil
        plain.coordinate = []
        return plain
    }
}

extension String {
    /// Without leading and trailing spaces and tabs. Works on UTF-8 bytes: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and was a fifth of translate's time.
    var trimmedOfBlanks: String {
        var text = self
        // On the contiguous bytes: `utf8.last` walks index by index, and this runs for every value read.
        let trimmed: String? = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last,
                first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
            else { return nil }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return trimmed ?? self
    }
}
