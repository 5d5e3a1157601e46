import Foundation

/// A canonical event in its CloudEvents 1.0 JSON envelope, with the `crossdock` lineage extension.
///
/// The `data` document is held as its JSON bytes (written once, when the event is made): consumers print or
/// store the JSON, and an event made by a mapping is written straight from the mapped values without a typed
/// document in between (see `init?(type:time:mapped:lineage:)`). `data` decodes the typed document from those
/// bytes for the few readers that want it.
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
    /// The `data` object's JSON (keys sorted, as `appendJSON(to:)` writes the whole event).
    public let dataJSON: [UInt8]
    public var crossdock: Lineage

    /// An event for `data` with the id derived from `lineage`.
    public init(type: EventType, time: String?, data: EventData, lineage: Lineage) {
        var w = JSONWriter(capacity: 1024)
        data.write(&w)
        self.init(type: type, time: time, shipmentId: data.shipmentKey, dataJSON: w.bytes, lineage: lineage)
    }

    /// An event whose data is the mapped tree `mapped`, written as the typed document of `type` would be
    /// written, without building that document; nil when the tree does not fit the type (a required field
    /// missing, a value of the wrong kind: `EventData(mapped:as:)` and its `Codable` fallback say why).
    ///
    /// `id` and `source` are what `init(type:time:data:lineage:)` derives from `lineage`
    /// (`EventID.Prefix(lineage).id(eventIndex:)`, `CloudEvent.source(of:)`): a mapping derives them once per
    /// transaction.
    public init?(type: EventType, time: String?, mapped: MappedValue, lineage: Lineage, id: String, source: String) {
        var w = JSONWriter(capacity: 1024)
        guard DataWriter.plan(for: type).write(mapped, to: &w) else { return nil }
        var shipmentId: String?
        if case .string(let text)? = mapped.last("shipmentId") { shipmentId = text }
        self.init(
            type: type, time: time, shipmentId: shipmentId, dataJSON: w.bytes, lineage: lineage, id: id, source: source)
    }

    /// The CloudEvents `source` of events of `lineage`: `/partners/<partner>/<format>`.
    public static func source(of lineage: Lineage) -> String { "/partners/\(lineage.partner)/\(lineage.format)" }

    private init(type: EventType, time: String?, shipmentId: String?, dataJSON: [UInt8], lineage: Lineage) {
        self.init(
            type: type, time: time, shipmentId: shipmentId, dataJSON: dataJSON, lineage: lineage,
            id: EventID.derive(from: lineage), source: CloudEvent.source(of: lineage))
    }

    /// An event whose `data` object is `dataJSON`, already written as the typed document of `type` would be
    /// (keys in byte order at every level, `JSONString`'s escapes): a mapping writes it while it evaluates
    /// the fields. `shipmentId` gives the `subject`; `id` and `source` are what
    /// `init(type:time:data:lineage:)` would derive from `lineage`.
    public init(
        type: EventType, time: String?, shipmentId: String?, dataJSON: [UInt8], lineage: Lineage, id: String,
        source: String
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = shipmentId.map { "shipment/\($0)" }
        self.dataschema = type.dataSchema
        self.dataJSON = dataJSON
        self.crossdock = lineage
    }

    /// The typed document, decoded from `dataJSON` (which was written from a document of `type`, or from a
    /// mapped tree that fits it, so decoding does not fail).
    public var data: EventData {
        let decoder = JSONDecoder()
        do {
            switch type {
            case .loadTendered, .loadTenderChanged, .loadTenderCancelled:
                return .loadTender(try decoder.decode(LoadTender.self, from: Data(dataJSON)))
            case .shipmentStatus: return .shipmentStatus(try decoder.decode(ShipmentStatus.self, from: Data(dataJSON)))
            case .freightInvoice: return .freightInvoice(try decoder.decode(FreightInvoice.self, from: Data(dataJSON)))
            }
        } catch {
            preconditionFailure("an event's data JSON does not decode as \(type.dataType.name): \(error)")
        }
    }

    enum CodingKeys: String, CodingKey {
        case specversion, id, source, type, time, subject, datacontenttype, dataschema, data, crossdock
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(specversion, forKey: .specversion)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encodeIfPresent(subject, forKey: .subject)
        try c.encode(datacontenttype, forKey: .datacontenttype)
        try c.encode(dataschema, forKey: .dataschema)
        try c.encode(data, forKey: .data)
        try c.encode(crossdock, forKey: .crossdock)
    }

    /// The event as one line of JSON, keys sorted at every level, slashes unescaped: stable for golden files.
    /// The same bytes as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`, written by
    /// `appendJSON(to:)` (see `CloudEvent+JSON.swift`); it no longer throws, the signature stays for callers.
    public func jsonLine() throws -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }
}
