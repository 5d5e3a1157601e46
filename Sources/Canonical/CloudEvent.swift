import Foundation

/// A canonical event in its CloudEvents 1.0 JSON envelope, with the `crossdock` lineage extension.
public struct CloudEvent: Sendable, Hashable, Encodable {
    public let specversion = "1.0"
    public var id: String
    /// `/partners/<partner>/<format>`.
    public var source: String
    public var type: EventType
    /// When it happened (RFC 3339, with the offset it happened at), when known.
    public var time: String?
    /// The canonical shipment key (`shipment/<shipment id>`).
    public var subject: String?
    public let datacontenttype = "application/json"
    public var dataschema: String
    public var data: EventData
    public var crossdock: Lineage

    /// An event for `data` with the id derived from `lineage`.
    public init(type: EventType, time: String?, data: EventData, lineage: Lineage) {
        self.id = EventID.derive(from: lineage)
        self.source = "/partners/\(lineage.partner)/\(lineage.format)"
        self.type = type
        self.time = time
        self.subject = data.shipmentKey.map { "shipment/\($0)" }
        self.dataschema = type.dataSchema
        self.data = data
        self.crossdock = lineage
    }

    enum CodingKeys: String, CodingKey {
        case specversion, id, source, type, time, subject, datacontenttype, dataschema, data, crossdock
    }

    /// The event as one line of JSON, keys sorted at every level, slashes unescaped: stable for golden files.
    /// The same bytes as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`, written by
    /// `appendJSON(to:)` (see `CloudEvent+JSON.swift`); it no longer throws, the signature stays for callers.
    public func jsonLine() throws -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }
}
