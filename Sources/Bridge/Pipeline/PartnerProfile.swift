public import X12

/// What the pipeline needs to know of a trading partner: how to judge, answer and de-duplicate its files.
/// The configuration builds one per configured partner.
public struct PartnerProfile: Sendable, Hashable {
    public var id: String
    /// ISA05:ISA06 as `ZZ:ACMEFOODS` (trimmed), the key an inbound interchange is matched by.
    public var interchangeSender: String
    public var ackPolicy: AckPolicy
    public var leniency: Leniency
    public var duplicates: DuplicatePolicy
    /// The configured ack target (an endpoint name), or nil when acks are not sent back.
    public var ackTarget: String?

    public init(
        id: String, interchangeSender: String, ackPolicy: AckPolicy = AckPolicy(), leniency: Leniency = .strict,
        duplicates: DuplicatePolicy = DuplicatePolicy(), ackTarget: String? = nil
    ) {
        self.id = id
        self.interchangeSender = interchangeSender
        self.ackPolicy = ackPolicy
        self.leniency = leniency
        self.duplicates = duplicates
        self.ackTarget = ackTarget
    }
}
