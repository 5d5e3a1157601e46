/// `freight.invoice`: a carrier's bill for a shipment (a 210, a billing batch record).
public struct FreightInvoice: Sendable, Hashable, Codable {
    public var invoiceNumber: String
    public var shipmentId: String?
    public var scac: String?
    /// `YYYY-MM-DD`.
    public var invoiceDate: String
    public var deliveryDate: String?
    public var currency: String
    public var netAmountDue: Money
    public var paymentTerms: CodedValue?
    public var charges: [Charge]?
    public var weight: Quantity?
    public var references: [Reference]?
    public var parties: Parties?

    /// One charge line; canonical charge code with the original code kept.
    public struct Charge: Sendable, Hashable, Codable {
        public var line: Int?
        public var charge: CodedValue
        public var description: String?
        public var amount: Money
        public var rate: DecimalString?
        public var rateQualifier: String?
        public var quantity: Quantity?
    }
}
