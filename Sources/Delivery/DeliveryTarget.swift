public import Store

/// Something a `DeliveryWorker` delivers outbox items to: an HTTP API or a folder.
public protocol DeliveryTarget: Sendable {
    /// The destination's name, as the outbox rows carry it.
    var name: String { get }
    /// Items in flight at once.
    var concurrency: Int { get }
    var retryPolicy: RetryPolicy { get }
    var circuitBreakerPolicy: CircuitBreakerPolicy { get }
    /// One attempt. Never throws: every failure is an outcome (retry or dead letter) with a reason.
    func deliver(_ item: OutboxItem) async -> DeliveryOutcome
}
