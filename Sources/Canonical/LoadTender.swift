/// `load.tendered`, `load.tender.changed`, `load.tender.cancelled`: a shipper offers (changes, withdraws) a load.
public struct LoadTender: Sendable, Hashable, Codable {
    public var shipmentId: String
    public var scac: String?
    /// original, change, cancellation, replace; the original B2A01 beside it.
    public var purpose: CodedValue
    public var paymentTerms: CodedValue?
    public var respondBy: EventTime?
    public var parties: Parties?
    public var stops: [Stop]?
    public var equipment: Equipment?
    public var weight: Quantity?
    public var pieces: Int?
    public var totalCharge: Money?
    public var references: [Reference]?
    public var notes: [String]?

    /// One stop of the tender, in sequence.
    public struct Stop: Sendable, Hashable, Codable {
        public var sequence: Int
        /// pickup, delivery, partial_pickup, partial_delivery, other; the original S502 beside it.
        public var type: CodedValue
        public var location: Location?
        public var window: TimeWindow?
        public var weight: Quantity?
        public var pieces: Int?
        public var references: [Reference]?
    }
}
