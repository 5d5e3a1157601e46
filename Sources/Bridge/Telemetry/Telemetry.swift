public import Foundation
import Metrics
public import Store
import Synchronization

/// The metrics of the pipeline and delivery, as static functions over swift-metrics.
///
/// They report to whatever `MetricsSystem` was bootstrapped with (the Console module bootstraps a
/// Prometheus registry and serves it at `/metrics`); before a bootstrap they cost next to nothing. Names
/// and label sets are stable: `docs/console.md` lists them. Labels carry identifiers only (source,
/// destination, set, kind, code), never partner data.
public enum Telemetry {
    /// Metric names, as Prometheus shows them.
    public enum Name {
        public static let files = "crossdock_files_total"
        public static let transactions = "crossdock_transactions_total"
        public static let events = "crossdock_events_total"
        public static let deliveryAttempts = "crossdock_delivery_attempts_total"
        public static let deliveryLatency = "crossdock_delivery_latency_seconds"
        public static let acks = "crossdock_acks_total"
        public static let pollErrors = "crossdock_poll_errors_total"
        /// A gauge the console refreshes from the store at each scrape (pending + retrying rows).
        public static let outboxBacklog = "crossdock_outbox_backlog"
        /// A gauge the console refreshes from the store at each scrape (dead-lettered rows).
        public static let outboxDead = "crossdock_outbox_dead"
    }

    /// Buckets of the delivery latency histogram, in seconds.
    public static let deliveryLatencyBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// One file committed by the pipeline, by the source it came from and its outcome.
    public static func fileProcessed(source: String, outcome: FileOutcome) {
        Counter(label: Name.files, dimensions: [("source", source), ("outcome", outcome.rawValue)]).increment()
    }

    /// One transaction set (or flat record group) judged: `set` is `204`, `214`, `210` (or the flat
    /// layout's name), `verdict` its AK5/IK5 code (`A`, `E`, `R`).
    public static func transactionJudged(set: String, verdict: String) {
        Counter(label: Name.transactions, dimensions: [("set", set), ("verdict", verdict)]).increment()
    }

    /// One canonical event committed, by type (`shipment.status`, …).
    public static func eventProduced(type: String) {
        Counter(label: Name.events, dimensions: [("type", type)]).increment()
    }

    /// One delivery attempt: counted by destination and outcome, its latency into the histogram.
    public static func deliveryAttempted(destination: String, outcome: DeliveryAttempt.Result, latency: Duration) {
        Counter(
            label: Name.deliveryAttempts, dimensions: [("destination", destination), ("outcome", outcome.rawValue)]
        )
        .increment()
        Metrics.Timer(label: Name.deliveryLatency, dimensions: [("destination", destination)])
            .recordNanoseconds(nanoseconds(latency))
    }

    /// `deliveryAttempted` for one destination, with its metrics made at their first use and kept: making a
    /// metric per attempt looks it up in the registry and checks its labels every time (about 1 % of the
    /// CPU of a busy bridge). Made lazily, so that a bootstrap that comes after the runtime is still seen.
    public final class DeliveryMeters: Sendable {
        private struct Made {
            var attempts: [DeliveryAttempt.Result: Counter] = [:]
            var latency: Metrics.Timer?
        }
        public let destination: String
        private let made = Mutex(Made())

        public init(destination: String) { self.destination = destination }

        /// The same counts as `Telemetry.deliveryAttempted(destination:outcome:latency:)`.
        public func attempted(_ outcome: DeliveryAttempt.Result, latency: Duration) {
            let destination = destination
            let (counter, timer) = made.withLock { made -> (Counter, Metrics.Timer) in
                let counter =
                    made.attempts[outcome]
                    ?? Counter(
                        label: Name.deliveryAttempts,
                        dimensions: [("destination", destination), ("outcome", outcome.rawValue)])
                made.attempts[outcome] = counter
                let timer =
                    made.latency ?? Metrics.Timer(label: Name.deliveryLatency, dimensions: [("destination", destination)])
                made.latency = timer
                return (counter, timer)
            }
            counter.increment()
            timer.recordNanoseconds(nanoseconds(latency))
        }
    }

    /// One ack built (`TA1`, `997`, `999`) with the code it carries (`A`, `E`, `P`, `R`).
    public static func ackBuilt(kind: String, code: String) {
        Counter(label: Name.acks, dimensions: [("kind", kind), ("code", code)]).increment()
    }

    /// One poll of a source that failed (listing, claiming or fetching).
    public static func pollFailed(source: String) {
        Counter(label: Name.pollErrors, dimensions: [("source", source)]).increment()
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
