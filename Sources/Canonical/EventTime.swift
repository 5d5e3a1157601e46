/// Where the zone of an event time came from.
public enum ZoneSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The message named it (AT707, G6205, an offset in the text).
    case message
    /// The message had none; the stop's zone (from its location) was used.
    case stop
    /// The message had none; the partner's zone was used.
    case partner
}

/// A point in time that keeps the offset it happened at: `2026-11-24T05:52:00-06:00` in `America/Chicago`.
public struct EventTime: Sendable, Hashable, Codable {
    /// RFC 3339 with the local offset (never converted to UTC).
    public var at: String
    /// The zone used: an IANA name (`America/Chicago`) or a fixed offset (`-06:00`, `UTC`).
    public var zone: String
    public var zoneSource: ZoneSource
    /// The time code as received (AT707 `CT`), when there was one.
    public var originalZoneCode: String?

    public init(at: String, zone: String, zoneSource: ZoneSource, originalZoneCode: String? = nil) {
        self.at = at
        self.zone = zone
        self.zoneSource = zoneSource
        self.originalZoneCode = originalZoneCode
    }

    /// The pattern `at` follows, as the JSON Schema states it.
    public static let pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$"
}

/// A time window (an appointment, a pickup or delivery window); either end may be open.
public struct TimeWindow: Sendable, Hashable, Codable {
    public var from: EventTime?
    public var to: EventTime?
}
