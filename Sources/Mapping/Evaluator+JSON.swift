import Canonical

/// The JSON of one event's `data`, written while the fields are evaluated: the bytes
/// `CloudEvent(type:time:mapped:lineage:id:source:)` writes from a mapped tree, without the tree.
///
/// Fields are evaluated in rule order (so findings come in the order the rules give them), each value
/// appended where the buffer ends; an object remembers where each of its fields' values went (one slot per
/// distinct field name, the last value of a name wins) and, when its fields are done, writes itself in
/// key order behind them and moves that down over them. A value is thus copied once per level of nesting
/// (a few hundred bytes per event) instead of becoming a `MappedValue` that is built, walked and freed.
///
/// A buffer of raw memory kept from event to event (growing by doubling), not an `[UInt8]`: appending to an
/// array checks uniqueness and capacity per call. Not copyable, so that the memory has one owner.
struct DataOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written; lowering it forgets the bytes above.
    var count = 0
    /// Per open object, two entries per slot (start and end of the value; -1 when absent).
    private var slots: UnsafeMutablePointer<Int>
    private var slotCapacity: Int
    private var slotCount = 0

    init(capacity: Int = 4096) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
        slotCapacity = 256
        slots = .allocate(capacity: slotCapacity)
    }

    deinit {
        base.deallocate()
        slots.deallocate()
    }

    /// The bytes written, as an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes of `range` (below `count`), as an array.
    func bytes(_ range: Range<Int>) -> [UInt8] { Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)) }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        var grown = capacity * 2
        while grown < count + n { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// JSON written out in the source (keys, brackets).
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `text` as a JSON string (with `JSONString`'s escapes).
    mutating func string(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
            var text = text
            text.withUTF8 { quoted($0) }
        }
    }

    /// `utf8` between quotes, with JSON's escapes.
    mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        reserve(JSONString.maximumLength(utf8.count))
        count += JSONString.quote(utf8, into: base + count)
    }

    mutating func integer(_ n: Int) {
        reserve(JSONNumber.maximumLength)
        count += JSONNumber.write(n, into: base + count)
    }

    /// Appends a copy of bytes already written (`range` lies below `count`).
    mutating func copy(_ range: Range<Int>) {
        reserve(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// Moves the bytes from `from` to the end down to `to`; the end follows them.
    mutating func moveTail(from: Int, to: Int) {
        let n = count - from
        (base + to).update(from: base + from, count: n)
        count = to + n
    }

    /// Opens `n` slots, all absent; returns where they start.
    mutating func pushSlots(_ n: Int) -> Int {
        if slotCount + 2 * n > slotCapacity {
            var grown = slotCapacity * 2
            while grown < slotCount + 2 * n { grown *= 2 }
            let moved = UnsafeMutablePointer<Int>.allocate(capacity: grown)
            moved.update(from: slots, count: slotCount)
            slots.deallocate()
            slots = moved
            slotCapacity = grown
        }
        let start = slotCount
        (slots + start).update(repeating: -1, count: 2 * n)
        slotCount += 2 * n
        return start
    }

    mutating func popSlots(to start: Int) { slotCount = start }

    @inline(__always)
    mutating func setSlot(_ slot: Int, _ range: Range<Int>) {
        slots[slot] = range.lowerBound
        slots[slot + 1] = range.upperBound
    }

    /// The value in slot `slot`, nil when absent.
    @inline(__always)
    func slot(_ slot: Int) -> Range<Int>? {
        let start = slots[slot]
        return start < 0 ? nil : start..<slots[slot + 1]
    }
}

/// An object rule's fields as its JSON writes them: each field's slot (the rank of its name in byte order
/// among the rule's distinct names), and per slot the key as written (`"name":`). Made once per rule.
final class ObjectLayout: Sendable {
    /// Per field of the rule, in rule order: its slot.
    let slotOfField: [Int]
    /// How many distinct names (slots).
    let slotCount: Int
    /// `"name":` of every slot, in slot (byte) order, one after the other; `keyStarts[slot]..<keyStarts[slot + 1]`.
    let keys: [UInt8]
    let keyStarts: [Int]
    /// The type's required fields in the type's order, with their slot (nil: the rule has no such field).
    let required: [(name: String, slot: Int?)]
    /// The slots of `required` (-1: the rule has no such field), checked per object without the names.
    let requiredSlots: [Int]
    /// The rule's fields named `shipmentId` (the event's subject).
    let shipmentIdFields: [Bool]
    /// Per field: it reads only from the transaction's top (`/B1002`, `each: /L11`), so every event of a
    /// transaction gets the same value and findings (see `Evaluator.memos`). Time fields are never so marked
    /// (the event's time is taken from the first present one).
    let transactionWide: [Bool]

    init(fields: [(name: String, rule: FieldRule)], required: [String]) {
        let names = Array(Set(fields.map(\.name))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var slotByName: [String: Int] = [:]
        for (i, name) in names.enumerated() { slotByName[name] = i }
        slotOfField = fields.map { slotByName[$0.name]! }
        slotCount = names.count
        var keys: [UInt8] = [], starts: [Int] = []
        for name in names {
            starts.append(keys.count)
            JSONString.append(name, to: &keys)
            keys.append(UInt8(ascii: ":"))
        }
        starts.append(keys.count)
        self.keys = keys
        keyStarts = starts
        self.required = required.map { ($0, slotByName[$0]) }
        requiredSlots = required.map { slotByName[$0] ?? -1 }
        shipmentIdFields = fields.map { $0.name == "shipmentId" }
        transactionWide = fields.map { field in
            if case .time = field.rule { return false }
            return field.rule.readsOnlyFromTop
        }
    }
}

/// What a transaction-wide field gave the first event of a transaction that evaluated it: its JSON (nil:
/// absent), the findings it added, whether it rejected the event, the shipment id it gave. Replayed for the
/// transaction's later events instead of reading the same paths again.
struct FieldMemo {
    var json: [UInt8]?
    var findings: [MappingFinding]
    var rejects: Bool
    var shipmentId: String?
}

/// What the event around the data takes from its top-level fields.
struct TopLevelValues {
    /// The last `shipmentId` string (the `subject`).
    var shipmentId: String?
    /// The first value of the plan's time field (the CloudEvents `time`).
    var time: String?
}

extension Evaluator {
    /// Writes the event's data object (the top-level rule `rule`) into `out` from its start; false when
    /// the data lacks a required field (nothing to write then: the caller goes the way of the mapped tree,
    /// which names what is missing). An empty object is written as `{}`.
    mutating func writeData(
        _ rule: ObjectRule, in scope: any MappingScope, to out: inout DataOutput, top: inout TopLevelValues
    ) -> Bool {
        out.count = 0
        if !writeObject(rule, in: scope, to: &out, top: &top) {
            out.count = 0
            // No field at all: `{}`, unless something was required.
            if rule.layout.required.isEmpty {
                out.byte(UInt8(ascii: "{"))
                out.byte(UInt8(ascii: "}"))
                return true
            }
            return false
        }
        return true
    }

    /// `field(.object(rule), in:)` written at the end of `out`; false (with nothing written) when absent.
    /// For the top-level rule, false also when a required field is absent.
    private mutating func writeObject(
        _ rule: ObjectRule, in scope: any MappingScope, to out: inout DataOutput, top: inout TopLevelValues
    ) -> Bool {
        if let condition = rule.condition, !holds(condition, in: scope) { return false }
        var target = scope
        if let path = rule.scope {
            guard let first = scope.selectFirst(path) else { return false }
            target = first
        }
        let layout = rule.layout
        let start = out.count
        let slots = out.pushSlots(layout.slotCount)
        var any = false
        // Through the buffers, so that each field's rule is read in place rather than copied.
        rule.fields.withUnsafeBufferPointer { rules in
            layout.slotOfField.withUnsafeBufferPointer { slotOfField in
                for i in rules.indices {
                    let before = out.count
                    let written: Bool
                    if rule.isTopLevel, layout.transactionWide[i], memos != nil {
                        written = writeTransactionWide(
                            i, rules[i], isShipmentId: layout.shipmentIdFields[i], in: target, to: &out, top: &top)
                    } else if rule.isTopLevel {
                        written = writeTopLevel(rules[i], isShipmentId: layout.shipmentIdFields[i], in: target, to: &out, top: &top)
                    } else {
                        written = write(rules[i].rule, in: target, to: &out)
                    }
                    if written {
                        out.setSlot(slots + 2 * slotOfField[i], before..<out.count)
                        any = true
                    }
                }
            }
        }
        defer { out.popSlots(to: slots) }
        guard any else {
            out.count = start
            return false
        }
        // The type's required fields: a part without them is left out with a warning; the event's data is
        // refused (the caller names what is missing).
        let complete = layout.requiredSlots.withUnsafeBufferPointer { required in
            required.allSatisfy { $0 >= 0 && out.slot(slots + 2 * $0) != nil }
        }
        if !complete {
            out.count = start
            if rule.isTopLevel { return false }
            let missing = layout.required.filter { $0.slot.flatMap { out.slot(slots + 2 * $0) } == nil }.map(\.name)
            warn(rule.key, "left out: no \(missing.joined(separator: ", "))")
            return false
        }
        // The object in key order behind its values, then moved down over them.
        let assembled = out.count
        out.byte(UInt8(ascii: "{"))
        var first = true
        layout.keys.withUnsafeBufferPointer { keys in
            for s in 0..<layout.slotCount {
                guard let value = out.slot(slots + 2 * s) else { continue }
                if !first { out.byte(UInt8(ascii: ",")) }
                first = false
                out.append(UnsafeBufferPointer(rebasing: keys[layout.keyStarts[s]..<layout.keyStarts[s + 1]]))
                out.copy(value)
            }
        }
        out.byte(UInt8(ascii: "}"))
        out.moveTail(from: assembled, to: start)
        return true
    }

    /// Top-level field `index`, which reads only from the transaction's top: evaluated for the first event
    /// of the transaction, replayed (bytes, findings, rejection, shipment id) for the others.
    private mutating func writeTransactionWide(
        _ index: Int, _ field: (name: String, rule: FieldRule), isShipmentId: Bool, in scope: any MappingScope,
        to out: inout DataOutput, top: inout TopLevelValues
    ) -> Bool {
        if let memo = memos![index] {
            findings.append(contentsOf: memo.findings)
            if memo.rejects { rejected = true }
            if let id = memo.shipmentId { top.shipmentId = id }
            guard let json = memo.json else { return false }
            json.withUnsafeBufferPointer { out.append($0) }
            return true
        }
        let findingsBefore = findings.count, rejectedBefore = rejected, start = out.count
        let shipmentIdBefore = top.shipmentId
        top.shipmentId = nil
        let written = writeTopLevel(field, isShipmentId: isShipmentId, in: scope, to: &out, top: &top)
        let shipmentId = top.shipmentId
        if shipmentId == nil { top.shipmentId = shipmentIdBefore }
        // Kept only when the rejection (if any) is this field's own.
        if !rejectedBefore {
            memos![index] = FieldMemo(
                json: written ? out.bytes(start..<out.count) : nil, findings: Array(findings[findingsBefore...]),
                rejects: rejected, shipmentId: shipmentId)
        }
        return written
    }

    /// One top-level field: as `write`, also keeping the shipment id and the event's time.
    private mutating func writeTopLevel(
        _ field: (name: String, rule: FieldRule), isShipmentId: Bool, in scope: any MappingScope,
        to out: inout DataOutput, top: inout TopLevelValues
    ) -> Bool {
        if isShipmentId, case .value(let rule, let type) = field.rule, !type.isInteger {
            guard let text = string(rule, in: scope), let typed = typedText(text, type, key: rule.key) else { return false }
            out.string(typed)
            top.shipmentId = typed
            return true
        }
        if top.time == nil, case .time(let rule) = field.rule, field.name == plan.timeField {
            guard let eventTime = time(rule, in: scope) else { return false }
            write(eventTime, to: &out)
            top.time = eventTime.at
            return true
        }
        return write(field.rule, in: scope, to: &out)
    }

    /// `field(rule, in:)` written at the end of `out`; false (with nothing written) when absent.
    mutating func write(_ rule: FieldRule, in scope: any MappingScope, to out: inout DataOutput) -> Bool {
        switch rule {
        case .value(let rule, let type):
            if let path = rule.plainStringPath {
                // The element's bytes straight into the JSON: no string made.
                return scope.writeValue(x12: path, trimmed: rule.trim, to: &out)
            }
            guard let text = string(rule, in: scope) else { return false }
            // Kinds told by pattern (`==` on `FieldType` compares whole payloads).
            if case .integer = type {
                guard let n = Int(text) else {
                    warn(rule.key, "not a whole number")
                    return false
                }
                out.integer(n)
                return true
            }
            guard let typed = typedText(text, type, key: rule.key) else { return false }
            out.string(typed)
            return true
        case .coded(let rule, let allowed):
            guard let original = sourceText(rule, in: scope) else { return false }
            guard let code = finish(original, rule, in: scope) else { return false }
            guard allowed.contains(code) else {
                warn(rule.key, "'\(code)' is not a canonical code here; add the code to a table")
                return false
            }
            out.append("{\"code\":")
            out.string(code)
            out.append(",\"original\":")
            out.string(original)
            out.byte(UInt8(ascii: "}"))
            return true
        case .time(let rule):
            guard let eventTime = time(rule, in: scope) else { return false }
            write(eventTime, to: &out)
            return true
        case .object(let rule):
            var top = TopLevelValues()
            return writeObject(rule, in: scope, to: &out, top: &top)
        case .array(let rule):
            if let condition = rule.condition, !holds(condition, in: scope) { return false }
            let start = out.count
            out.byte(UInt8(ascii: "["))
            var items = 0
            let scopes = rule.each.map { scope.select($0) } ?? [scope]
            for itemScope in scopes {
                if let item = rule.item { writeItem(item, in: itemScope, to: &out, items: &items) }
                rule.items.withUnsafeBufferPointer { rules in
                    for i in rules.indices { writeItem(rules[i], in: itemScope, to: &out, items: &items) }
                }
            }
            guard items > 0 else {
                out.count = start
                return false
            }
            out.byte(UInt8(ascii: "]"))
            return true
        }
    }

    /// One list item, after a comma unless it is the first; nothing when absent.
    private mutating func writeItem(_ rule: FieldRule, in scope: any MappingScope, to out: inout DataOutput, items: inout Int) {
        let before = out.count
        if items > 0 { out.byte(UInt8(ascii: ",")) }
        if write(rule, in: scope, to: &out) {
            items += 1
        } else {
            out.count = before
        }
    }

    /// An `EventTime` as its JSON (keys in byte order: at, originalZoneCode, zone, zoneSource).
    private func write(_ time: EventTime, to out: inout DataOutput) {
        out.append("{\"at\":")
        out.string(time.at)
        if let code = time.originalZoneCode {
            out.append(",\"originalZoneCode\":")
            out.string(code)
        }
        out.append(",\"zone\":")
        out.string(time.zone)
        out.append(",\"zoneSource\":")
        out.string(time.zoneSource.rawValue)
        out.byte(UInt8(ascii: "}"))
    }

    /// `typed(text, type, key:)` for the kinds written as strings: the text to write, nil (with the same
    /// warning) when it does not fit.
    mutating func typedText(_ text: String, _ type: FieldType, key: String) -> String? {
        switch type {
        case .string: return text
        default:
            guard case .string(let typed)? = typed(text, type, key: key) else { return nil }
            return typed
        }
    }
}

extension ValueRule {
    /// The one X12 path this rule reads when it reads it as it comes (trimmed or not), with nothing else
    /// to apply: no condition, default, table, lookup, coordinate or implied decimals.
    var plainX12Path: X12Path? {
        guard condition == nil, defaultValue == nil, table == nil, lookup == nil, decimals == nil, coordinate.isEmpty,
            case .paths(let paths) = source, paths.count == 1, case .x12(let path) = paths[0]
        else { return nil }
        return path
    }
}

extension SourcePath {
    /// An X12 path that starts at the transaction's top (`/B1002`): the same wherever it is read from.
    var startsAtTop: Bool {
        guard case .x12(let path) = self, case .root = path.start else { return false }
        return true
    }
}

extension ValueRule {
    /// Reads nothing but paths from the transaction's top (or constants).
    var readsOnlyFromTop: Bool {
        if let condition, !condition.value.readsOnlyFromTop { return false }
        if !coordinate.allSatisfy(\.readsOnlyFromTop) { return false }
        switch source {
        case .constant: return true
        case .paths(let paths): return paths.allSatisfy(\.startsAtTop)
        case .concat(let parts, _): return parts.allSatisfy(\.readsOnlyFromTop)
        }
    }
}

extension FieldRule {
    /// Whether the rule gives the same value and findings for every event of a transaction: every path it
    /// reads from the event's scope starts at the transaction's top, and what it reads below a scope it
    /// moved to from the top (`scope: /N1`, `each: /L11`) is the same for every event too.
    var readsOnlyFromTop: Bool {
        switch self {
        case .value(let rule, _), .coded(let rule, _):
            return rule.readsOnlyFromTop
        case .time(let rule):
            if let condition = rule.condition, !condition.value.readsOnlyFromTop { return false }
            if let scope = rule.scope { return scope.startsAtTop }
            return [rule.date, rule.time, rule.dateTime, rule.zone, rule.stopZone].allSatisfy { $0?.readsOnlyFromTop ?? true }
        case .object(let rule):
            if let condition = rule.condition, !condition.value.readsOnlyFromTop { return false }
            if let scope = rule.scope { return scope.startsAtTop }
            return rule.fields.allSatisfy(\.rule.readsOnlyFromTop)
        case .array(let rule):
            if let condition = rule.condition, !condition.value.readsOnlyFromTop { return false }
            if let each = rule.each { return each.startsAtTop }
            return (rule.item?.readsOnlyFromTop ?? true) && rule.items.allSatisfy(\.readsOnlyFromTop)
        }
    }
}

extension FieldType {
    var isInteger: Bool {
        if case .integer = self { return true }
        return false
    }
}
