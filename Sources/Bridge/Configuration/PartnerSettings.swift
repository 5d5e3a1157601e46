public import Transport
public import X12

/// One trading partner: who it is in the envelopes, how its files are read, and how it is answered.
public struct PartnerSettings: Sendable, Hashable {
    public var id: PartnerID
    public var name: String?
    /// ISA05/ISA06 as the partner sends them (ISA07/ISA08 of what Crossdock sends back).
    public var interchangeSender: InterchangeAddress
    /// GS02 application sender code, when it differs from ISA06 or should be checked.
    public var groupSender: String?
    /// IANA zone name (`America/Chicago`) for X12 times that carry no zone; nil: the mapping's own rule.
    public var timeZone: String?
    public var leniency: Leniency
    public var ack: AckSettings
    public var duplicates: DuplicatePolicy

    public init(
        id: PartnerID, name: String? = nil, interchangeSender: InterchangeAddress, groupSender: String? = nil,
        timeZone: String? = nil, leniency: Leniency = .strict, ack: AckSettings = AckSettings(),
        duplicates: DuplicatePolicy = DuplicatePolicy()
    ) {
        self.id = id
        self.name = name
        self.interchangeSender = interchangeSender
        self.groupSender = groupSender
        self.timeZone = timeZone
        self.leniency = leniency
        self.ack = ack
        self.duplicates = duplicates
    }

    /// The partner's acknowledgement policy.
    public var ackPolicy: AckPolicy { ack.policy }
}

/// An ISA qualifier and id (`ZZ`, `ACMEFOODS`), without the ISA's space padding.
public struct InterchangeAddress: Sendable, Hashable, CustomStringConvertible {
    public var qualifier: String
    public var id: String

    public init(qualifier: String, id: String) {
        self.qualifier = qualifier
        self.id = id
    }

    /// `ZZ:ACMEFOODS`, the form the store's duplicate keys use.
    public var description: String { "\(qualifier):\(id)" }
}

/// How and where a partner's TA1, 997 and 999 go.
public struct AckSettings: Sendable, Hashable {
    public var policy: AckPolicy
    /// Where acks are written; nil: acks are built and stored, but not sent.
    public var target: AckTarget?

    public init(policy: AckPolicy = AckPolicy(), target: AckTarget? = nil) {
        self.policy = policy
        self.target = target
    }
}

/// A folder of an endpoint that acks are put into (temporary name, then rename).
public struct AckTarget: Sendable, Hashable {
    public var endpoint: EndpointID
    public var folder: RemotePath

    public init(endpoint: EndpointID, folder: RemotePath) {
        self.endpoint = endpoint
        self.folder = folder
    }
}

/// What to do when an interchange, group or set arrives again.
public struct DuplicatePolicy: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable, Comparable {
        /// ISA13 per sender/receiver pair, within `windowDays`.
        case interchange
        /// GS06 per GS02/GS03 pair.
        case group
        /// ST02 within its group.
        case transaction

        public static func < (a: Scope, b: Scope) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// Refuse it (TA1 025 for an interchange); nothing is mapped.
        case reject
        /// Process it and record a warning.
        case warn
        /// Process it silently.
        case accept
    }

    public var scopes: Set<Scope>
    /// How far back an ISA13 counts as seen before.
    public var windowDays: Int
    public var action: Action

    public init(scopes: Set<Scope> = [.interchange], windowDays: Int = 30, action: Action = .reject) {
        self.scopes = scopes
        self.windowDays = windowDays
        self.action = action
    }
}
