/// The canonical event types, as CloudEvents `type` spells them, and the data each carries.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case loadTendered = "load.tendered"
    case loadTenderChanged = "load.tender.changed"
    case loadTenderCancelled = "load.tender.cancelled"
    case shipmentStatus = "shipment.status"
    case freightInvoice = "freight.invoice"

    /// The version of the data's shape; it changes only with an incompatible change.
    public static let dataVersion = 1

    /// The data type's description (fields, types, required fields).
    public var dataType: ObjectType {
        switch self {
        case .loadTendered, .loadTenderChanged, .loadTenderCancelled: EventType.loadTenderData
        case .shipmentStatus: EventType.shipmentStatusData
        case .freightInvoice: EventType.freightInvoiceData
        }
    }

    /// `dataschema` of the envelope: names the JSON Schema file in `docs/schema/`.
    public var dataSchema: String {
        switch self {
        case .loadTendered, .loadTenderChanged, .loadTenderCancelled: EventType.loadTenderSchema
        case .shipmentStatus: EventType.shipmentStatusSchema
        case .freightInvoice: EventType.freightInvoiceSchema
        }
    }

    // Made once: every event names its schema.
    private static let loadTenderSchema = schemaURN(loadTenderData)
    private static let shipmentStatusSchema = schemaURN(shipmentStatusData)
    private static let freightInvoiceSchema = schemaURN(freightInvoiceData)

    private static func schemaURN(_ type: ObjectType) -> String {
        "urn:crossdock:schema:\(type.schemaFileStem):\(EventType.dataVersion)"
    }

    static let loadTenderData = ObjectType("LoadTender", [
        Field("shipmentId", .string, required: true),
        Field("scac", .string),
        Field("purpose", .coded("TenderPurposeCode", TenderPurpose.self), required: true),
        Field("paymentTerms", .paymentTerms),
        Field("respondBy", .eventTime),
        Field("parties", .parties),
        Field("stops", .array(.object(ObjectType("Stop", [
            Field("sequence", .integer, required: true),
            Field("type", .coded("StopTypeCode", StopType.self), required: true),
            Field("location", .location),
            Field("window", .timeWindow),
            Field("weight", .quantity),
            Field("pieces", .integer),
            Field("references", .references),
        ])))),
        Field("equipment", .equipment),
        Field("weight", .quantity),
        Field("pieces", .integer),
        Field("totalCharge", .money),
        Field("references", .references),
        Field("notes", .array(.string)),
    ])

    static let shipmentStatusData = ObjectType("ShipmentStatus", [
        Field("shipmentId", .string, required: true),
        Field("carrierReference", .string),
        Field("scac", .string),
        Field("status", .coded("StatusCode", StatusCode.self), required: true),
        Field("reason", .coded("StatusReasonCode", StatusReason.self)),
        Field("time", .eventTime),
        Field("location", .location),
        Field("stop", .integer),
        Field("equipment", .equipment),
        Field("podSigner", .string),
        Field("weight", .quantity),
        Field("pieces", .integer),
        Field("references", .references),
    ])

    static let freightInvoiceData = ObjectType("FreightInvoice", [
        Field("invoiceNumber", .string, required: true),
        Field("shipmentId", .string),
        Field("scac", .string),
        Field("invoiceDate", .date, required: true),
        Field("deliveryDate", .date),
        Field("currency", .string, required: true),
        Field("netAmountDue", .money, required: true),
        Field("paymentTerms", .paymentTerms),
        Field("charges", .array(.object(ObjectType("Charge", [
            Field("line", .integer),
            Field("charge", .coded("ChargeCode", ChargeCode.self), required: true),
            Field("description", .string),
            Field("amount", .money, required: true),
            Field("rate", .decimal),
            Field("rateQualifier", .string),
            Field("quantity", .quantity),
        ])))),
        Field("weight", .quantity),
        Field("references", .references),
        Field("parties", .parties),
    ])
}

extension ObjectType {
    /// `LoadTender` → `load-tender`.
    public var schemaFileStem: String {
        var out = ""
        for (i, c) in name.enumerated() {
            if c.isUppercase, i > 0 { out += "-" }
            out += c.lowercased()
        }
        return out
    }
}
