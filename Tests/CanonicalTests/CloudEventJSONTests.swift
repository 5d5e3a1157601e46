import Canonical
import Foundation
import Testing

/// The hand-written event JSON against `JSONEncoder` (sorted keys, slashes unescaped), byte for byte, on
/// values with every optional field present, so that a field the writer forgets or misorders shows here.
@Suite struct CloudEventJSONTests {
    static func foundationLine(_ event: CloudEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }

    /// Every character class the escaper treats apart: quote, backslash, slash, the named control escapes,
    /// other controls (`\u00xx`), DEL, two- to four-byte UTF-8 and U+2028.
    static let awkward = "A\"B\\C/D\tE\u{8}F\u{C}G\nH\rI\u{1}J\u{1F}K\u{7F}L é \u{2028} 😀 \u{0}"

    static let time = #"{"at":"2026-11-25T10:52:00-06:00","zone":"America/Chicago","zoneSource":"stop","originalZoneCode":"CT"}"#
    static let location = #"""
        {"name":"N","id":"I","idQualifier":"93","canonicalId":"C","address":["a","b"],"city":"c","state":"s",
         "postalCode":"p","country":"US","latitude":"41.5","longitude":"-93.25"}
        """#
    static let equipment = #"{"type":{"code":"reefer","original":"RT"},"scac":"S","number":"N","lengthFeet":"53.00"}"#
    static let quantity = #"{"value":"-12.5","unit":"L"}"#
    static let references = #"[{"qualifier":"BM","value":"V1"},{"qualifier":"PO","value":"V2"}]"#
    static let parties = "{\"shipper\":\(location),\"consignee\":\(location),\"billTo\":\(location)}"

    static let tenderJSON = """
        {"shipmentId":"SID","scac":"SCAC","purpose":{"code":"original","original":"00"},
         "paymentTerms":{"code":"prepaid","original":"PP"},"respondBy":\(time),"parties":\(parties),
         "stops":[{"sequence":1,"type":{"code":"pickup","original":"LD"},"location":\(location),
                   "window":{"from":\(time),"to":\(time)},"weight":\(quantity),"pieces":3,"references":\(references)},
                  {"sequence":2,"type":{"code":"delivery","original":"UL"}}],
         "equipment":\(equipment),"weight":\(quantity),"pieces":-7,"totalCharge":{"amount":"1855.00","currency":"USD"},
         "references":\(references),"notes":["one","two"]}
        """
    static let statusJSON = """
        {"shipmentId":"SID","carrierReference":"PRO","scac":"SCAC","status":{"code":"delivered","original":"D1"},
         "reason":{"code":"normal","original":"NS"},"time":\(time),"location":\(location),"stop":2,
         "equipment":\(equipment),"podSigner":"M","weight":\(quantity),"pieces":9223372036854775807,"references":\(references)}
        """
    static let invoiceJSON = """
        {"invoiceNumber":"INV","shipmentId":"SID","scac":"SCAC","invoiceDate":"2026-11-25","deliveryDate":"2026-11-24",
         "currency":"USD","netAmountDue":{"amount":"100.00","currency":"USD"},"paymentTerms":{"code":"collect","original":"CC"},
         "charges":[{"line":1,"charge":{"code":"linehaul","original":"400"},"description":"D","amount":{"amount":"90.00","currency":"USD"},
                     "rate":"2.5","rateQualifier":"PM","quantity":\(quantity)},
                    {"charge":{"code":"fuel_surcharge","original":"FUE"},"amount":{"amount":"10.00","currency":"USD"}}],
         "weight":\(quantity),"references":\(references),"parties":\(parties)}
        """

    static func lineage(_ text: String = "file.edi") -> Lineage {
        Lineage(
            partner: "P/1", fileName: text, fileSha256: String(repeating: "0f", count: 32), format: "x12", isa13: "000000001",
            gs06: "1", st02: "0001", transactionSet: "214", version: "004010", transactionIndex: 12, eventIndex: 3,
            mappingName: "m", mappingVersion: 2)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func fullyPopulatedEventsMatchJSONEncoderByteForByte() throws {
        let events = [
            CloudEvent(type: .loadTenderChanged, time: "2026-11-25T10:52:00-06:00",
                       data: .loadTender(try Self.decode(LoadTender.self, Self.tenderJSON)), lineage: Self.lineage()),
            CloudEvent(type: .shipmentStatus, time: nil,
                       data: .shipmentStatus(try Self.decode(ShipmentStatus.self, Self.statusJSON)), lineage: Self.lineage()),
            CloudEvent(type: .freightInvoice, time: "2026-11-25T10:52:00Z",
                       data: .freightInvoice(try Self.decode(FreightInvoice.self, Self.invoiceJSON)), lineage: Self.lineage()),
        ]
        for event in events {
            let line = try event.jsonLine()
            #expect(line == (try Self.foundationLine(event)))
            #expect(event.jsonBytes() == Array(line.utf8))
        }
        // Every optional of the documents is present above: each key appears in the output.
        let tender = try events[0].jsonLine()
        for key in ["respondBy", "window", "from", "to", "totalCharge", "notes", "latitude", "originalZoneCode", "lengthFeet"] {
            #expect(tender.contains("\"\(key)\":"), "missing \(key)")
        }
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() throws {
        var status = try Self.decode(ShipmentStatus.self, Self.statusJSON)
        status.podSigner = Self.awkward
        status.shipmentId = Self.awkward
        let event = CloudEvent(type: .shipmentStatus, time: Self.awkward, data: .shipmentStatus(status), lineage: Self.lineage(Self.awkward))
        let line = try event.jsonLine()
        #expect(line == (try Self.foundationLine(event)))
        #expect(line.contains(#""podSigner":"A\"B\\C/D\tE\bF\fG\nH\rI\u0001J\u001fK"# + "\u{7F}L é \u{2028} 😀 " + #"\u0000""#))
    }

    @Test func jsonStringAppendsWhatTheEventWriterWritesAndWhatJSONEncoderWrites() throws {
        var bytes = Array("x".utf8)
        JSONString.append(Self.awkward, to: &bytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        #expect(bytes == Array("x".utf8) + Array(try encoder.encode(Self.awkward)))
        // Longer than the stack's share of a temporary allocation, and empty.
        let long = String(repeating: Self.awkward, count: 2_000)
        var longBytes: [UInt8] = []
        JSONString.append(long, to: &longBytes)
        #expect(longBytes == Array(try encoder.encode(long)))
        var empty: [UInt8] = []
        JSONString.append("", to: &empty)
        #expect(empty == Array(#""""#.utf8))
    }

    /// The writer copies eight bytes at a time while none needs an escape: a byte that does, at any offset of
    /// any word (and in the tail after the last whole word), is still escaped as `JSONEncoder` escapes it.
    @Test func escapesAreFoundAtEveryOffsetOfTheWordsCopiedWhole() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let special: [Character] = ["\"", "\\", "\u{0}", "\u{1F}", "\n", "\t", "\u{7F}", " ", "é", "/"]
        var checked = 0
        for length in 1...19 {
            for offset in 0..<length {
                for character in special {
                    var text = String(repeating: "a", count: length)
                    let at = text.index(text.startIndex, offsetBy: offset)
                    text.replaceSubrange(at...at, with: String(character))
                    var bytes: [UInt8] = []
                    JSONString.append(text, to: &bytes)
                    #expect(bytes == Array(try encoder.encode(text)), "\(length) \(offset) \(character.unicodeScalars.first!.value)")
                    checked += 1
                }
            }
        }
        #expect(checked == 1_900)
    }

    @Test func minimalEventsLeaveAbsentOptionalsOut() throws {
        let status = try Self.decode(ShipmentStatus.self, #"{"shipmentId":"","status":{"code":"other","original":""}}"#)
        var lineage = Self.lineage()
        lineage.isa13 = nil
        lineage.gs06 = nil
        lineage.st02 = nil
        lineage.transactionSet = nil
        lineage.version = nil
        let event = CloudEvent(type: .shipmentStatus, time: nil, data: .shipmentStatus(status), lineage: lineage)
        let line = try event.jsonLine()
        #expect(line == (try Self.foundationLine(event)))
        #expect(line.hasPrefix(#"{"crossdock":{"eventIndex":3,"fileName":"file.edi","fileSha256":""#))
        #expect(line.contains(#""data":{"shipmentId":"","status":{"code":"other","original":""}},"datacontenttype""#))
    }

    @Test func appendJSONAddsToWhatIsThere() throws {
        let event = statusEvent()
        var bytes = Array("x\n".utf8)
        event.appendJSON(to: &bytes)
        #expect(bytes == Array("x\n".utf8) + event.jsonBytes())
    }
}

@Suite struct EventIDNameTests {
    @Test func theIDIsTheUUID5OfTheDocumentedName() {
        var lineage = CloudEventJSONTests.lineage()
        #expect(EventID.derive(from: lineage) == EventID.uuid5(name: ["x12", "P/1", "000000001", "1", "0001", "12", "3"].joined(separator: "\u{1F}")))
        lineage.gs06 = nil
        #expect(EventID.derive(from: lineage) == EventID.uuid5(name: ["x12", "P/1", "000000001", "", "0001", "12", "3"].joined(separator: "\u{1F}")))
        lineage.format = "csv"
        let sha = String(repeating: "0f", count: 32)
        #expect(EventID.derive(from: lineage) == EventID.uuid5(name: ["csv", "P/1", sha, "12", "3"].joined(separator: "\u{1F}")))
    }
}

/// `CloudEventLines`, the buffer `translate` prints events through: one JSON line per event, the same bytes
/// as `jsonBytes()`, and a buffer that grows past its first size and is emptied by `take()`.
@Suite struct CloudEventLinesTests {
    @Test func eachEventIsItsJSONAndANewline() {
        let event = statusEvent()
        let lines = CloudEventLines()
        #expect(lines.count == 0)
        lines.append(event)
        lines.append(event)
        let line = event.jsonBytes() + [0x0A]
        #expect(lines.count == 2 * line.count)
        #expect(lines.take() == line + line)
        #expect(lines.count == 0)
        #expect(lines.take() == [])
        // After `take()`, writing starts again from the beginning (the first field has no comma).
        lines.append(event)
        #expect(lines.take() == line)
    }

    @Test func eventsOfOneTransactionShareTheirLineageButTheEventIndex() throws {
        // Two events of one transaction, one of the next, then the first transaction again.
        var lineage = CloudEventJSONTests.lineage()
        var events: [CloudEvent] = []
        for (transaction, index) in [(12, 1), (12, 2), (13, 1), (12, 3)] {
            lineage.transactionIndex = transaction
            lineage.eventIndex = index
            events.append(CloudEvent(type: .shipmentStatus, time: nil, data: statusEvent().data, lineage: lineage))
        }
        // The same transaction from another file: only the file name differs.
        lineage.fileName = "other.edi"
        events.append(CloudEvent(type: .shipmentStatus, time: nil, data: statusEvent().data, lineage: lineage))
        let lines = CloudEventLines()
        for event in events { lines.append(event) }
        let text = String(decoding: lines.take(), as: UTF8.self)
        #expect(text == events.map { String(decoding: $0.jsonBytes(), as: UTF8.self) + "\n" }.joined())
        #expect(text.components(separatedBy: #""eventIndex":3,"fileName":"file.edi""#).count == 2)
        #expect(text.components(separatedBy: #""fileName":"other.edi""#).count == 2)
        #expect(text.components(separatedBy: #""transactionIndex":13,"#).count == 2)
    }

    @Test func eventsLargerThanTheBufferAreWrittenWhole() throws {
        // 300,000 bytes that all need escaping (`\u0001`, 6 bytes each): far past the first 128 KiB.
        var status = try CloudEventJSONTests.decode(ShipmentStatus.self, CloudEventJSONTests.statusJSON)
        status.podSigner = String(repeating: "\u{1}", count: 300_000)
        let big = CloudEvent(type: .shipmentStatus, time: nil, data: .shipmentStatus(status), lineage: CloudEventJSONTests.lineage())
        let lines = CloudEventLines()
        lines.append(statusEvent())
        lines.append(big)
        let bytes = lines.take()
        #expect(bytes == statusEvent().jsonBytes() + [0x0A] + big.jsonBytes() + [0x0A])
        #expect(bytes.count > 1_800_000)
        #expect(try big.jsonLine() == (try CloudEventJSONTests.foundationLine(big)))
    }
}

@Suite struct DecimalStringCheckTests {
    @Test func anOptionalMinusDigitsAndOneOptionalFraction() {
        for good in ["0", "7", "007", "-0", "1855.00", "-45.5", "0.62", "-0.001"] { #expect(DecimalString.isValid(good), "\(good)") }
        for bad in ["", "-", ".", "-.", "1.", ".5", "-.5", "+1", "1-", "1-2", "--1", "1..2", "1.2.3", "1e3", "12,5", " 1", "1 ", "١٢"] {
            #expect(!DecimalString.isValid(bad), "\(bad)")
        }
    }
}
