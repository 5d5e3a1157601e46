/// Canonical shipment status codes; mappings translate partner codes (AT701, hub status columns) into these.
public enum StatusCode: String, Sendable, CaseIterable, Codable {
    case tendered, acknowledged
    case arrivedPickup = "arrived_pickup"
    case loaded
    case departedPickup = "departed_pickup"
    case enRoute = "en_route"
    case arrivedTerminal = "arrived_terminal"
    case departedTerminal = "departed_terminal"
    case estimatedDelivery = "estimated_delivery"
    case arrivedDelivery = "arrived_delivery"
    case delivered
    case departedDelivery = "departed_delivery"
    case deliveryAttempted = "delivery_attempted"
    case refused, damaged, delayed, cancelled
    case appointment
    case other
}

/// Canonical charge codes for invoice lines; the partner's own code (L108 `400`, `FUE`) is kept beside them.
public enum ChargeCode: String, Sendable, CaseIterable, Codable {
    case linehaul
    case fuelSurcharge = "fuel_surcharge"
    case detention
    case loading, unloading
    case stopOff = "stop_off"
    case lumper
    case discount
    case tax
    case accessorial
    case other
}

/// Stop types in a load tender.
public enum StopType: String, Sendable, CaseIterable, Codable {
    case pickup, delivery
    case partialPickup = "partial_pickup"
    case partialDelivery = "partial_delivery"
    case other
}

/// What a load tender does to the load (B2A01).
public enum TenderPurpose: String, Sendable, CaseIterable, Codable {
    case original, change, cancellation, replace
}

/// Who pays the freight (B206, B304).
public enum PaymentTerms: String, Sendable, CaseIterable, Codable {
    case prepaid, collect
    case thirdParty = "third_party"
    case other
}

/// Why a status happened (AT702).
public enum StatusReason: String, Sendable, CaseIterable, Codable {
    case normal
    case weather
    case mechanical
    case consignee
    case shipper
    case carrier
    case missedAppointment = "missed_appointment"
    case other
}

/// Equipment kinds (N711, MS203).
public enum EquipmentType: String, Sendable, CaseIterable, Codable {
    case reefer, van, flatbed, container, tank, other
}
