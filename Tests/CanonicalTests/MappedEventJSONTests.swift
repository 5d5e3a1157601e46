import Canonical
import Foundation
import Testing

/// Events written straight from a mapped tree (`CloudEvent(type:time:mapped:lineage:)`) against events built
/// from the typed document: the same bytes for every tree that fits, nil for every tree the document refuses.
@Suite struct MappedEventJSONTests {
    /// The tree a mapping would produce for `json` (an object's keys in the order `JSONSerialization` gives:
    /// the writer must sort them itself).
    static func tree(_ json: String) throws -> MappedValue {
        try tree(of: JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    static func tree(of value: Any) throws -> MappedValue {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber: return .integer(number.intValue)
        case let items as [Any]: return .array(try items.map { try tree(of: $0) })
        case let object as [String: Any]:
            // Reversed byte order, so that nothing is written in the order it was found.
            return .object(try object.keys.sorted(by: >).map { ($0, try tree(of: object[$0]!)) })
        default: throw CocoaError(.coderReadCorrupt)
        }
    }

    static func typed(_ type: EventType, _ mapped: MappedValue) -> CloudEvent? {
        EventData(mapped: mapped, as: type).map {
            CloudEvent(type: type, time: "2026-11-25T10:52:00Z", data: $0, lineage: CloudEventJSONTests.lineage())
        }
    }

    static func direct(_ type: EventType, _ mapped: MappedValue) -> CloudEvent? {
        let lineage = CloudEventJSONTests.lineage()
        return CloudEvent(
            type: type, time: "2026-11-25T10:52:00Z", mapped: mapped, lineage: lineage,
            id: EventID.Prefix(lineage).id(eventIndex: lineage.eventIndex), source: CloudEvent.source(of: lineage))
    }

    @Test(arguments: [
        (EventType.loadTendered, CloudEventJSONTests.tenderJSON),
        (EventType.shipmentStatus, CloudEventJSONTests.statusJSON),
        (EventType.freightInvoice, CloudEventJSONTests.invoiceJSON),
    ])
    func fullyPopulatedTreesAreWrittenAsTheirDocuments(type: EventType, json: String) throws {
        let mapped = try Self.tree(json)
        let direct = try #require(Self.direct(type, mapped))
        let typed = try #require(Self.typed(type, mapped))
        #expect(direct.jsonBytes() == typed.jsonBytes())
        #expect(direct == typed)
        #expect(direct.data == typed.data)
        #expect(direct.subject == "shipment/SID")
        #expect(try direct.jsonLine() == (try CloudEventJSONTests.foundationLine(direct)))
    }

    @Test func idsFromAPrefixAreTheIdsDerivedFromTheWholeLineage() {
        var x12 = CloudEventJSONTests.lineage()
        var flat = x12
        flat.format = "csv"
        for var lineage in [x12, flat] {
            let prefix = EventID.Prefix(lineage)
            for index in [1, 2, 9, 10, 12345] {
                lineage.eventIndex = index
                #expect(prefix.id(eventIndex: index) == EventID.derive(from: lineage))
            }
        }
        x12.eventIndex = 1
        #expect(EventID.Prefix(x12).id(eventIndex: 2) != EventID.derive(from: x12))
    }

    @Test func theLastOfTwoEqualKeysWinsAndUnknownKeysAreLeftOut() throws {
        let mapped = MappedValue.object([
            ("shipmentId", .string("FIRST")), ("extra", .string("x")),
            ("status", .object([("code", .string("delivered")), ("original", .string("D1"))])),
            ("shipmentId", .string("LAST")), ("pieces", .integer(4)),
        ])
        let direct = try #require(Self.direct(.shipmentStatus, mapped))
        #expect(direct.jsonBytes() == (try #require(Self.typed(.shipmentStatus, mapped))).jsonBytes())
        #expect(direct.subject == "shipment/LAST")
        #expect(String(decoding: direct.dataJSON, as: UTF8.self)
            == #"{"pieces":4,"shipmentId":"LAST","status":{"code":"delivered","original":"D1"}}"#)
    }

    @Test func treesTheDocumentRefusesAreRefused() throws {
        let status = MappedValue.object([("code", .string("delivered")), ("original", .string("D1"))])
        let refused: [MappedValue] = [
            // No shipmentId (required).
            .object([("status", status)]),
            // A nested required field missing (status.original).
            .object([("shipmentId", .string("S")), ("status", .object([("code", .string("delivered"))]))]),
            // A string where an integer belongs.
            .object([("shipmentId", .string("S")), ("status", status), ("pieces", .string("4"))]),
            // A decimal that is not one.
            .object([("shipmentId", .string("S")), ("status", status),
                     ("weight", .object([("value", .string("1,5"))]))]),
            // A zone source outside its list.
            .object([("shipmentId", .string("S")), ("status", status),
                     ("time", .object([("at", .string("t")), ("zone", .string("z")),
                                       ("zoneSource", .string("moon"))]))]),
            // A list where an object belongs, and one bad item in a list.
            .object([("shipmentId", .string("S")), ("status", .array([status]))]),
            .object([("shipmentId", .string("S")), ("status", status),
                     ("references", .array([.object([("qualifier", .string("BM"))])]))]),
        ]
        for mapped in refused {
            #expect(Self.direct(.shipmentStatus, mapped) == nil)
            #expect(Self.typed(.shipmentStatus, mapped) == nil)
        }
    }
}
