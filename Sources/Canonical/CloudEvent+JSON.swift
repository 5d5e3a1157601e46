/// The JSON of an event, written straight into bytes: the same bytes `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` produces (keys in byte order at every level, absent optionals left out, the same
/// string escapes), without building a container tree per event.
///
/// Written by hand because `JSONEncoder` with sorted keys was about a quarter of `translate`'s time. Each
/// type lists its keys already sorted; `CloudEventJSONTests` checks the bytes against `JSONEncoder` over
/// every sample's events and over fully populated values, so a new field that is not added here fails there.
extension CloudEvent {
    /// Appends the event's JSON (one line, without the newline) to `bytes`.
    public func appendJSON(to bytes: inout [UInt8]) {
        var w = JSONWriter()
        write(&w)
        w.append(to: &bytes)
    }

    /// The event's JSON bytes (one line, without the newline).
    public func jsonBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        appendJSON(to: &bytes)
        return bytes
    }

    func write(_ w: inout JSONWriter) {
        var none: LineageTail?
        write(&w, lineageTail: &none)
    }

    /// `write(_:)`, with the `crossdock` object after its event index taken from `tail` when `tail` was
    /// written for a lineage that differs from this one in the event index only (the events of one
    /// transaction); otherwise written, and kept in `tail` for the next event. `nil` keeps nothing.
    func write(_ w: inout JSONWriter, lineageTail tail: inout LineageTail?) {
        w.open()
        if tail != nil {
            w.key("crossdock")
            w.open()
            w.field("eventIndex", crossdock.eventIndex)
            if tail!.fits(crossdock) {
                w.raw(tail!.bytes)
            } else {
                let start = w.count
                crossdock.writeAfterEventIndex(&w)
                tail = LineageTail(lineage: crossdock, bytes: w.bytes(from: start))
            }
            w.endValue()
        } else {
            w.field("crossdock", crossdock)
        }
        w.field("data", RawJSON(bytes: dataJSON))
        w.field("datacontenttype", datacontenttype)
        w.field("dataschema", dataschema)
        w.field("id", id)
        w.field("source", source)
        w.field("specversion", specversion)
        w.field("subject", subject)
        w.field("time", time)
        w.field("type", type.rawValue)
        w.close()
    }
}

/// Events as JSON lines (each followed by a newline) in one buffer kept from event to event: for printing
/// many events without a buffer allocated per event.
///
/// Consecutive events of one transaction share their lineage but for the event index (the first key of
/// the `crossdock` object): what follows it is written once and copied for the next events.
public final class CloudEventLines {
    private var writer = JSONWriter(capacity: 1 << 17)
    private var lineageTail: LineageTail? = LineageTail()

    public init() {}

    /// How many bytes are waiting to be taken.
    public var count: Int { writer.count }

    public func append(_ event: CloudEvent) {
        event.write(&writer, lineageTail: &lineageTail)
        writer.newline()
    }

    /// The bytes written since the last call; the buffer is then empty (its memory is kept).
    public func take() -> [UInt8] {
        defer { writer.removeAll() }
        return writer.bytes
    }

    /// Hands the bytes written since the last call to `body`, in place (valid only during the call); the
    /// buffer is then empty (its memory is kept). `take()` without copying them into an array.
    public func drain(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        writer.withBytes(body)
        writer.removeAll()
    }
}

/// Writes JSON into a buffer of its own. Objects are written key by key in the order the caller gives,
/// which must be byte order (what `.sortedKeys` gives).
///
/// The buffer is raw memory that grows by doubling, and each write checks room once: appending to an
/// `[UInt8]` byte by byte checked uniqueness and capacity per byte, and was most of printing's time.
/// Not copyable, so that the memory has one owner and is freed once.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// True right after `{`: the next field needs no comma.
    private var first = true

    init(capacity: Int = 4096) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    /// Appends what was written to `bytes`.
    func append(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// What was written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// What was written from `start` on.
    func bytes(from start: Int) -> [UInt8] { Array(UnsafeBufferPointer(start: base + start, count: count - start)) }

    /// What was written, in place.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(UnsafeBufferPointer(start: base, count: count)) }

    /// Appends JSON already written (a value).
    mutating func raw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { bytes in
            reserve(bytes.count)
            (base + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    /// `,"key":` (the comma unless first in its object), for a value written next by the caller.
    mutating func key(_ key: String) {
        if key.utf8.withContiguousStorageIfAvailable({ keyBytes($0) }) == nil {
            var key = key
            key.withUTF8 { keyBytes($0) }
        }
    }

    private mutating func keyBytes(_ key: UnsafeBufferPointer<UInt8>) {
        reserve(key.count + 4)
        if !first {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: key.baseAddress!, count: key.count)
        count += key.count + 1
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
    }

    /// After a value written following `key(_:)`: the next key needs a comma.
    mutating func endValue() { first = false }

    mutating func openArray() { put(UInt8(ascii: "[")) }
    mutating func closeArray() { put(UInt8(ascii: "]")) }
    mutating func comma() { put(UInt8(ascii: ",")) }

    /// Forgets what was written; the memory is kept.
    mutating func removeAll() {
        count = 0
        first = true
    }

    mutating func newline() { put(0x0A) }

    /// Makes room for `n` more bytes.
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
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func open() {
        put(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() { put(UInt8(ascii: "}")) }

    mutating func field<Value: JSONWritable>(_ key: StaticString, _ value: Value?) {
        guard let value else { return }
        // `,"key":` in one reservation.
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        if !first {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: key.utf8Start, count: length)
        count += length + 1
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        value.write(&self)
        first = false
    }

    mutating func integer(_ n: Int) {
        reserve(JSONNumber.maximumLength)
        count += JSONNumber.write(n, into: base + count)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00xx` (lowercase
    /// hex, as Foundation writes them), everything else (`/`, DEL, non-ASCII) as its UTF-8 bytes.
    mutating func string(_ text: String) {
        // Native strings are contiguous: read in place, without the copy `withUTF8` (mutating) needs.
        if text.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
            var text = text
            text.withUTF8 { quoted($0) }
        }
    }

    /// `utf8` between quotes, with JSON's escapes.
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Room for the worst case at once, so that the escaping loop writes without checks.
        reserve(JSONString.maximumLength(utf8.count))
        count += JSONString.quote(utf8, into: base + count)
    }

    mutating func array<Element: JSONWritable>(_ items: [Element]) {
        put(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { put(UInt8(ascii: ",")) }
            item.write(&self)
        }
        put(UInt8(ascii: "]"))
    }
}

/// JSON integers, written without a `String` in between: the events' writer and the mapping engine's data
/// writer both write through it.
public enum JSONNumber {
    /// The most bytes `write` writes: a sign and 19 digits.
    public static let maximumLength = 20

    /// Writes `n` in decimal at `destination`, which has room for `maximumLength` bytes; returns how many
    /// bytes it wrote.
    public static func write(_ n: Int, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        if n < 0 {
            destination[0] = UInt8(ascii: "-")
            count = 1
        }
        var magnitude = n.magnitude
        var digits = 0
        var rest = magnitude
        repeat {
            digits += 1
            rest /= 10
        } while rest > 0
        var at = count + digits - 1
        repeat {
            destination[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            at -= 1
        } while magnitude > 0
        return count + digits
    }
}

/// JSON strings as every JSON Crossdock writes has them: `"` and `\` escaped, control characters as
/// `\b \f \n \r \t` or `\u00xx` (lowercase hex, as Foundation writes them), everything else (`/`, DEL,
/// non-ASCII) as its UTF-8 bytes. The events' writer and the outbound body mappings both write through it.
public enum JSONString {
    /// Appends `text` between quotes, with JSON's escapes, to `out`.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength(utf8.count)) { room in
                let written = quote(utf8, into: room.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: room[..<written]))
            }
        }
    }

    /// The most bytes `quote` writes for `count` bytes of text: every byte as `\u00xx`, and the quotes.
    public static func maximumLength(_ count: Int) -> Int { count * 6 + 2 }

    /// Writes `utf8` between quotes, with JSON's escapes, at `destination`, which has room for
    /// `maximumLength(utf8.count)` bytes; returns how many bytes it wrote.
    public static func quote(_ utf8: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        destination[count] = UInt8(ascii: "\"")
        count += 1
        let hex: StaticString = "0123456789abcdef"
        // Eight bytes at a time while none needs an escape (nearly all text): a word test finds a byte below
        // 0x20, a quote or a backslash (it may also flag a clean word, which then goes byte by byte).
        var start = 0
        if let base = utf8.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while start + 8 <= utf8.count {
                let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let flagged =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if flagged & highs != 0 { break }
                UnsafeMutableRawPointer(destination + count).storeBytes(of: word, as: UInt64.self)
                count += 8
                start += 8
            }
        }
        for byte in UnsafeBufferPointer(rebasing: utf8[start...]) {
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                destination[count] = byte
                count += 1
                continue
            }
            destination[count] = UInt8(ascii: "\\")
            switch byte {
            case 0x22: destination[count + 1] = 0x22
            case 0x5C: destination[count + 1] = 0x5C
            case 0x08: destination[count + 1] = UInt8(ascii: "b")
            case 0x0C: destination[count + 1] = UInt8(ascii: "f")
            case 0x0A: destination[count + 1] = UInt8(ascii: "n")
            case 0x0D: destination[count + 1] = UInt8(ascii: "r")
            case 0x09: destination[count + 1] = UInt8(ascii: "t")
            default:
                destination[count + 1] = UInt8(ascii: "u")
                destination[count + 2] = UInt8(ascii: "0")
                destination[count + 3] = UInt8(ascii: "0")
                destination[count + 4] = hex.utf8Start[Int(byte >> 4)]
                destination[count + 5] = hex.utf8Start[Int(byte & 0x0F)]
                count += 4
            }
            count += 2
        }
        destination[count] = UInt8(ascii: "\"")
        return count + 1
    }
}

/// A value `JSONWriter` can write.
protocol JSONWritable {
    func write(_ w: inout JSONWriter)
}

/// JSON bytes written before (an event's data object).
struct RawJSON: JSONWritable {
    let bytes: [UInt8]
    func write(_ w: inout JSONWriter) { w.raw(bytes) }
}

extension String: JSONWritable {
    func write(_ w: inout JSONWriter) { w.string(self) }
}

extension Int: JSONWritable {
    func write(_ w: inout JSONWriter) { w.integer(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(_ w: inout JSONWriter) { w.array(self) }
}

extension DecimalString: JSONWritable {
    func write(_ w: inout JSONWriter) { w.string(text) }
}

extension ZoneSource: JSONWritable {
    func write(_ w: inout JSONWriter) { w.string(rawValue) }
}

/// The `crossdock` object of the last event written, after its event index: `,"fileName":…}`.
struct LineageTail {
    /// The lineage it was written for (its event index is not compared).
    var lineage: Lineage?
    var bytes: [UInt8] = []

    /// Whether `lineage` differs from the one `bytes` was written for in the event index at most.
    func fits(_ other: Lineage) -> Bool {
        guard let lineage else { return false }
        return lineage.transactionIndex == other.transactionIndex && lineage.mappingVersion == other.mappingVersion
            && lineage.st02 == other.st02 && lineage.gs06 == other.gs06 && lineage.isa13 == other.isa13
            && lineage.fileSha256 == other.fileSha256 && lineage.fileName == other.fileName
            && lineage.partner == other.partner && lineage.format == other.format
            && lineage.transactionSet == other.transactionSet && lineage.version == other.version
            && lineage.mappingName == other.mappingName
    }
}

extension Lineage: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("eventIndex", eventIndex)
        writeAfterEventIndex(&w)
    }

    /// The fields after `eventIndex` and the closing brace.
    func writeAfterEventIndex(_ w: inout JSONWriter) {
        w.field("fileName", fileName)
        w.field("fileSha256", fileSha256)
        w.field("format", format)
        w.field("gs06", gs06)
        w.field("isa13", isa13)
        w.field("mappingName", mappingName)
        w.field("mappingVersion", mappingVersion)
        w.field("partner", partner)
        w.field("st02", st02)
        w.field("transactionIndex", transactionIndex)
        w.field("transactionSet", transactionSet)
        w.field("version", version)
        w.close()
    }
}

extension EventData: JSONWritable {
    func write(_ w: inout JSONWriter) {
        switch self {
        case .loadTender(let value): value.write(&w)
        case .shipmentStatus(let value): value.write(&w)
        case .freightInvoice(let value): value.write(&w)
        }
    }
}

extension LoadTender: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("equipment", equipment)
        w.field("notes", notes)
        w.field("parties", parties)
        w.field("paymentTerms", paymentTerms)
        w.field("pieces", pieces)
        w.field("purpose", purpose)
        w.field("references", references)
        w.field("respondBy", respondBy)
        w.field("scac", scac)
        w.field("shipmentId", shipmentId)
        w.field("stops", stops)
        w.field("totalCharge", totalCharge)
        w.field("weight", weight)
        w.close()
    }
}

extension LoadTender.Stop: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("location", location)
        w.field("pieces", pieces)
        w.field("references", references)
        w.field("sequence", sequence)
        w.field("type", type)
        w.field("weight", weight)
        w.field("window", window)
        w.close()
    }
}

extension ShipmentStatus: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("carrierReference", carrierReference)
        w.field("equipment", equipment)
        w.field("location", location)
        w.field("pieces", pieces)
        w.field("podSigner", podSigner)
        w.field("reason", reason)
        w.field("references", references)
        w.field("scac", scac)
        w.field("shipmentId", shipmentId)
        w.field("status", status)
        w.field("stop", stop)
        w.field("time", time)
        w.field("weight", weight)
        w.close()
    }
}

extension FreightInvoice: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("charges", charges)
        w.field("currency", currency)
        w.field("deliveryDate", deliveryDate)
        w.field("invoiceDate", invoiceDate)
        w.field("invoiceNumber", invoiceNumber)
        w.field("netAmountDue", netAmountDue)
        w.field("parties", parties)
        w.field("paymentTerms", paymentTerms)
        w.field("references", references)
        w.field("scac", scac)
        w.field("shipmentId", shipmentId)
        w.field("weight", weight)
        w.close()
    }
}

extension FreightInvoice.Charge: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("amount", amount)
        w.field("charge", charge)
        w.field("description", description)
        w.field("line", line)
        w.field("quantity", quantity)
        w.field("rate", rate)
        w.field("rateQualifier", rateQualifier)
        w.close()
    }
}

extension Money: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("amount", amount)
        w.field("currency", currency)
        w.close()
    }
}

extension Quantity: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("unit", unit)
        w.field("value", value)
        w.close()
    }
}

extension CodedValue: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("code", code)
        w.field("original", original)
        w.close()
    }
}

extension Reference: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("qualifier", qualifier)
        w.field("value", value)
        w.close()
    }
}

extension Location: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("address", address)
        w.field("canonicalId", canonicalId)
        w.field("city", city)
        w.field("country", country)
        w.field("id", id)
        w.field("idQualifier", idQualifier)
        w.field("latitude", latitude)
        w.field("longitude", longitude)
        w.field("name", name)
        w.field("postalCode", postalCode)
        w.field("state", state)
        w.close()
    }
}

extension Parties: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("billTo", billTo)
        w.field("consignee", consignee)
        w.field("shipper", shipper)
        w.close()
    }
}

extension Equipment: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("lengthFeet", lengthFeet)
        w.field("number", number)
        w.field("scac", scac)
        w.field("type", type)
        w.close()
    }
}

extension EventTime: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("at", at)
        w.field("originalZoneCode", originalZoneCode)
        w.field("zone", zone)
        w.field("zoneSource", zoneSource)
        w.close()
    }
}

extension TimeWindow: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("from", from)
        w.field("to", to)
        w.close()
    }
}
