import Canonical
import Foundation
import Testing
@testable import Mapping

@Suite struct MappedValueDecoderTests {
    struct Stop: Decodable, Equatable {
        var sequence: Int
        var city: String?
        var references: [String]
    }

    @Test func decodesNestedObjectsArraysAndMissingOptionals() throws {
        let value = MappedValue.object([
            ("sequence", .integer(2)), ("references", .array([.string("BM 7741"), .string("PO 88")])),
        ])
        let stop = try MappedValueDecoder.decode(Stop.self, from: value)
        #expect(stop == Stop(sequence: 2, city: nil, references: ["BM 7741", "PO 88"]))
    }

    @Test func refusesWhatAJSONRoundTripWouldRefuse() throws {
        let asString = MappedValue.object([("sequence", .string("2")), ("references", .array([]))])
        #expect(throws: DecodingError.self) { try MappedValueDecoder.decode(Stop.self, from: asString) }
        let missing = MappedValue.object([("references", .array([]))])
        #expect(throws: DecodingError.self) { try MappedValueDecoder.decode(Stop.self, from: missing) }
    }

    @Test func givesTheSameDocumentAsTheJSONRoundTrip() throws {
        let status = MappedValue.object([
            ("shipmentId", .string("ACM7741023")), ("scac", .string("PRFL")),
            ("status", .object([("code", .string("delivered")), ("original", .string("D1"))])),
            ("time", .object([("at", .string("2026-11-25T16:11:00-06:00")), ("zone", .string("America/Chicago")), ("zoneSource", .string("message"))])),
        ])
        let direct = try MappedValueDecoder.decode(ShipmentStatus.self, from: status)
        let viaJSON = try JSONDecoder().decode(ShipmentStatus.self, from: try JSONEncoder().encode(status))
        #expect(direct == viaJSON)
    }
}
