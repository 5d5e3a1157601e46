/// `shipment.status`: one status of a shipment (one AT7 of a 214, one row of a hub's status batch).
public struct ShipmentStatus: Sendable, Hashable, Codable {
    public var shipmentId: String
    /// The carrier's own number for the shipment (PRO).
    public var carrierReference: String?
    public var scac: String?
    /// A canonical status code; the original AT701 (or hub code) beside it.
    public var status: CodedValue
    public var reason: CodedValue?
    public var time: EventTime?
    public var location: Location?
    /// The stop number the status is about, when the partner said.
    public var stop: Int?
    public var equipment: Equipment?
    public var podSigner: String?
    public var weight: Quantity?
    public var pieces: Int?
    public var references: [Reference]?
}
