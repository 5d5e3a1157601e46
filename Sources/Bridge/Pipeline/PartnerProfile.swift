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

/// What to do when an interchange, group or transaction control number was seen before.
public struct DuplicatePolicy: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// ISA13 per sender/receiver pair, within `windowDays`.
        case interchange
        /// GS06 per GS02/GS03 pair, within `windowDays`.
        case group
        /// ST02 within GS06 per GS02/GS03 pair, within `windowDays`.
        case transaction
    }

    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// The duplicate is rejected (TA1 025 for an interchange, AK905 19 for a group, AK502 23 for a set)
        /// and produces no event.
        case reject
        /// Processed as new; the file says it was a duplicate.
        case warn
        /// Processed as new, silently.
        case accept
    }

    public var scopes: Set<Scope>
    public var windowDays: Int
    public var action: Action

    public init(scopes: Set<Scope> = [.interchange], windowDays: Int = 30, action: Action = .reject) {
        self.scopes = scopes
        self.windowDays = windowDays
        self.action = action
    }
}
