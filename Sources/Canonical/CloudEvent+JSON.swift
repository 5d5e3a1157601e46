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
        var w = JSONWriter(bytes: bytes)
        bytes = []
        write(&w)
        bytes = w.bytes
    }

    /// The event's JSON bytes (one line, without the newline).
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(bytes: [])
        w.bytes.reserveCapacity(2048)
        write(&w)
        return w.bytes
    }

    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("crossdock", crossdock)
        w.field("data", data)
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

/// Appends JSON to a byte buffer. Objects are written key by key in the order the caller gives, which
/// must be byte order (what `.sortedKeys` gives).
struct JSONWriter {
    var bytes: [UInt8]
    /// True right after `{`: the next field needs no comma.
    private var first = true

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    mutating func field<Value: JSONWritable>(_ key: StaticString, _ value: Value?) {
        guard let value else { return }
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        value.write(&self)
        first = false
    }

    mutating func integer(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00xx` (lowercase
    /// hex, as Foundation writes them), everything else (`/`, DEL, non-ASCII) as its UTF-8 bytes.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Native strings are contiguous: read in place, without the copy `withUTF8` (mutating) needs.
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var text = text
            text.withUTF8 { escaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `utf8` with JSON's escapes, without the quotes.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            start = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                hex.withUTF8Buffer { digits in
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0F)])
                }
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    mutating func array<Element: JSONWritable>(_ items: [Element]) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            item.write(&self)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// A value `JSONWriter` can write.
protocol JSONWritable {
    func write(_ w: inout JSONWriter)
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

extension Lineage: JSONWritable {
    func write(_ w: inout JSONWriter) {
        w.open()
        w.field("eventIndex", eventIndex)
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
