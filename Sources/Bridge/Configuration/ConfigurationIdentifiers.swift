/// Names a trading partner profile (`ACMEFOODS`) in the configuration, the store and logs (`partner.id`).
public struct PartnerID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: PartnerID, b: PartnerID) -> Bool { a.value < b.value }
}

/// Names a folder or SFTP endpoint of the configuration, used by sources and ack targets.
public struct EndpointID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: EndpointID, b: EndpointID) -> Bool { a.value < b.value }
}

/// Names a destination (`erp`, `billing`) in routes, the outbox and logs (`destination`).
public struct DestinationID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
    public static func < (a: DestinationID, b: DestinationID) -> Bool { a.value < b.value }
}
