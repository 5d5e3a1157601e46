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
