/// The `data` of a canonical event: one of the typed documents.
public enum EventData: Sendable, Hashable, Encodable {
    case loadTender(LoadTender)
    case shipmentStatus(ShipmentStatus)
    case freightInvoice(FreightInvoice)

    /// The canonical shipment key the event is about (CloudEvents `subject`).
    public var shipmentKey: String? {
        switch self {
        case .loadTender(let tender): tender.shipmentId
        case .shipmentStatus(let status): status.shipmentId
        case .freightInvoice(let invoice): invoice.shipmentId
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .loadTender(let value): try value.encode(to: encoder)
        case .shipmentStatus(let value): try value.encode(to: encoder)
        case .freightInvoice(let value): try value.encode(to: encoder)
        }
    }
}
