/// An event type pattern of a route: an exact type (`shipment.status`), a prefix (`load.*`, every type
/// that starts with `load.`), or `*` (every type).
public struct EventPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    /// Nil when `pattern` is none of the three forms (letters, digits, `_` and `-` between the dots).
    public init?(_ pattern: String) {
        if pattern != "*" {
            let body = pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let valid = parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
                }
            }
            guard valid else { return nil }
        }
        self.pattern = pattern
    }

    public func matches(_ eventType: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") { return eventType.hasPrefix(pattern.dropLast()) }
        return eventType == pattern
    }

    /// Orders matching patterns: `*` < `load.*` < `load.tender.*` < `load.tendered`.
    public var specificity: Int {
        if pattern == "*" { return 0 }
        if pattern.hasSuffix(".*") { return 1 + pattern.count }
        return Int.max
    }

    public var description: String { pattern }
}

/// Event type patterns → destinations.
public struct RouteSettings: Sendable, Hashable {
    public var events: [EventPattern]
    public var destinations: [DestinationID]

    public init(events: [EventPattern], destinations: [DestinationID]) {
        self.events = events
        self.destinations = destinations
    }

    public func matches(_ eventType: String) -> Bool { events.contains { $0.matches(eventType) } }
}

/// The admin API and console (served by `crossdock run`).
public struct ConsoleSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Required off loopback; everything but `/healthz` and `/readyz` then needs it as a bearer token.
    public var token: Secret?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: Secret? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// `127.0.0.0/8`, `::1` and `localhost`.
    public var isLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Where Crossdock keeps its state.
public enum StoreSettings: Sendable, Hashable {
    /// An absolute path of the SQLite database file. (`postgres:` is accepted by the schema and refused
    /// at load until the PostgreSQL store exists.)
    case sqlite(path: String)
}
