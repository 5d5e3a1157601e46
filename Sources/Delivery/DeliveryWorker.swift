public import Foundation
public import Logging
public import ServiceLifecycle
public import Store

/// Delivers the outbox rows of one destination: leases what is due, sends up to `concurrency` at once,
/// records every attempt, and sleeps while nothing is due.
///
/// One loop per destination leases and sends; per-subject order comes from the store's lease rule (a row
/// is not handed out while an earlier row of its subject is pending, retrying or leased), so the loop may
/// send several subjects at once without reordering any one of them.
///
/// As a `Service`, `run()` stops leasing on graceful shutdown and returns once the requests in flight are
/// answered and recorded. Cancellation cuts them short: their leases expire and the rows are sent again,
/// with the same idempotency key.
public struct DeliveryWorker: Service {
    /// How the worker paces itself.
    public struct Settings: Sendable, Hashable {
        /// How long a leased row stays ours; longer than any request can take.
        public var leaseDuration: TimeInterval
        /// How long to sleep when nothing is due (new rows and retries are noticed this late at most).
        public var idlePoll: Duration
        /// How long to wait after the store failed before trying it again.
        public var storeErrorBackoff: Duration

        public init(
            leaseDuration: TimeInterval = 300, idlePoll: Duration = .seconds(1),
            storeErrorBackoff: Duration = .seconds(1)
        ) {
            self.leaseDuration = leaseDuration
            self.idlePoll = idlePoll
            self.storeErrorBackoff = storeErrorBackoff
        }
    }

    /// What a drain (or a run) did.
    public struct Report: Sendable, Hashable {
        public var delivered = 0
        /// Attempts that failed and will be tried again.
        public var retried = 0
        public var deadLettered = 0
        /// Rows of the destination still pending or retrying when the drain ended (0 when idle).
        public var remaining = 0
        /// Whether the drain ended because its time was up rather than because nothing was left.
        public var timedOut = false
        public init() {}
    }

    public let target: any DeliveryTarget
    private let store: any Store
    private let settings: Settings
    private let logger: Logger
    private let random: @Sendable () -> Double
    private let monitor: CircuitMonitor?

    /// - Parameters:
    ///   - random: A draw in `0..<1` for backoff jitter (tests pin it).
    ///   - monitor: Told the circuit breaker's state after each change (the console shows it).
    public init(
        target: any DeliveryTarget, store: any Store, settings: Settings = Settings(), logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, monitor: CircuitMonitor? = nil
    ) {
        self.target = target
        self.store = store
        self.settings = settings
        self.logger = logger
        self.random = random
        self.monitor = monitor
    }

    /// Delivers until graceful shutdown (finishing the requests in flight) or cancellation.
    public func run() async throws {
        _ = await loop(deadline: nil)
    }

    /// Delivers until nothing of this destination is pending or retrying, or until `timeout` has passed
    /// (requests in flight then are still answered and recorded). For `crossdock run --once`.
    public func drain(timeout: Duration) async -> Report {
        await loop(deadline: ContinuousClock.now + timeout)
    }

    private func loop(deadline: ContinuousClock.Instant?) async -> Report {
        var breaker = CircuitBreaker(policy: target.circuitBreakerPolicy)
        var report = Report()
        var idle = false
        let concurrency = max(1, target.concurrency)
        let metadata: Logger.Metadata = ["destination.name": "\(target.name)"]

        await withTaskGroup(of: (DeliveryOutcome, DeliveryAttempt).self) { group in
            var inFlight = 0
            // Answered but not yet recorded: written in one store transaction before the next lease (one disk
            // sync for several attempts). Their rows stay leased until then, so nothing can overtake them.
            var unrecorded: [DeliveryAttempt] = []

            func settle(_ outcome: DeliveryOutcome, _ attempt: DeliveryAttempt) {
                inFlight -= 1
                unrecorded.append(attempt)
                breaker.record(failure: outcome.isFailure, now: Date())
                monitor?.report(target.name, breaker.state)
                switch outcome {
                case .delivered: report.delivered += 1
                case .retry: report.retried += 1
                case .deadLetter: report.deadLettered += 1
                }
            }

            func flush() async {
                guard !unrecorded.isEmpty else { return }
                do {
                    try await store.recordAttempts(unrecorded)
                } catch {
                    // The rows stay leased until their lease expires; then they are sent again, same key.
                    logger.error(
                        "could not record \(unrecorded.count) delivery attempts: \(error)", metadata: metadata
                    )
                }
                unrecorded.removeAll()
            }

            while true {
                let stopping =
                    Task.isCancelled || Task.isShuttingDownGracefully
                    || deadline.map { ContinuousClock.now >= $0 } ?? false
                if stopping {
                    while let (outcome, attempt) = await group.next() { settle(outcome, attempt) }
                    await flush()
                    break
                }

                // How many to lease now: free slots (refilled once half are free, to lease in batches), one
                // probe, or none while the circuit is open.
                var limit = 0
                var probing = false
                var wakeAt: Date?
                let admission = breaker.admission(now: Date())
                monitor?.report(target.name, breaker.state)
                switch admission {
                case .all:
                    let free = concurrency - inFlight
                    if inFlight == 0 || free * 2 >= concurrency { limit = free }
                case .probe:
                    if inFlight == 0 {
                        limit = 1
                        probing = true
                    }
                case .none(let until):
                    wakeAt = until
                }

                var leased: [OutboxItem] = []
                if limit > 0 {
                    await flush()
                    do {
                        leased = try await store.leaseDeliveries(
                            destination: target.name, limit: limit, now: Date(), leaseFor: settings.leaseDuration
                        )
                    } catch {
                        logger.error("could not lease deliveries: \(error)", metadata: metadata)
                        if probing { breaker.abandonProbe() }
                        await pause(settings.storeErrorBackoff, deadline: deadline)
                        continue
                    }
                }
                if probing {
                    if leased.isEmpty { breaker.abandonProbe() } else { breaker.startProbe() }
                }
                for item in leased {
                    inFlight += 1
                    group.addTask { await self.attempt(item) }
                }

                if inFlight > 0 {
                    if let (outcome, attempt) = await group.next() { settle(outcome, attempt) }
                    continue
                }

                // Nothing in flight and nothing due.
                await flush()
                if deadline != nil, wakeAt == nil {
                    do {
                        let summary = try await store.destinationSummaries().first { $0.destination == target.name }
                        if (summary?.pending ?? 0) + (summary?.retrying ?? 0) == 0 {
                            idle = true
                            return
                        }
                    } catch {
                        logger.error("could not read the backlog: \(error)", metadata: metadata)
                    }
                }
                var sleep = settings.idlePoll
                if let wakeAt {
                    sleep = min(sleep, .milliseconds(max(1, Int(wakeAt.timeIntervalSinceNow * 1000) + 1)))
                }
                await pause(sleep, deadline: deadline)
            }
        }
        if deadline != nil, !idle {
            report.timedOut = true
            let summary = try? await store.destinationSummaries().first { $0.destination == target.name }
            report.remaining = (summary?.pending ?? 0) + (summary?.retrying ?? 0)
        }
        return report
    }

    /// Sleeps `duration` (cut at the deadline), waking early on graceful shutdown or cancellation.
    private func pause(_ duration: Duration, deadline: ContinuousClock.Instant?) async {
        let cut = deadline.map { min(duration, max(.zero, $0 - ContinuousClock.now)) } ?? duration
        guard cut > .zero else { return }
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: cut) }
        } catch {
            // Woken by shutdown or cancellation: the loop sees which at its top.
        }
    }

    /// Sends one item and describes the attempt (the loop records it).
    private func attempt(_ item: OutboxItem) async -> (DeliveryOutcome, DeliveryAttempt) {
        let clock = ContinuousClock()
        let started = clock.now
        let attemptedAt = Date()
        let outcome = await target.deliver(item)
        let latency = (clock.now - started).seconds
        let attempt: DeliveryAttempt
        switch outcome {
        case .delivered(let status):
            attempt = DeliveryAttempt(
                outbox: item.id, eventID: item.eventID, destination: item.destination, result: .delivered,
                status: status, latency: latency, error: nil, attemptedAt: attemptedAt
            )
        case .retry(let status, let reason, let retryAfter):
            let delay = target.retryPolicy.delay(
                afterFailedAttempts: item.attempts + 1, retryAfter: retryAfter, unit: random()
            )
            attempt = DeliveryAttempt(
                outbox: item.id, eventID: item.eventID, destination: item.destination, result: .retry,
                status: status, latency: latency, error: reason, attemptedAt: attemptedAt,
                nextAttemptAt: Date().addingTimeInterval(delay)
            )
        case .deadLetter(let status, let reason, let body):
            attempt = DeliveryAttempt(
                outbox: item.id, eventID: item.eventID, destination: item.destination, result: .deadLetter,
                status: status, latency: latency, error: reason, responseBody: body, attemptedAt: attemptedAt
            )
        }
        var metadata: Logger.Metadata = [
            "destination.name": "\(item.destination)", "event.id": "\(item.eventID)",
            "delivery.result": "\(attempt.result.rawValue)",
        ]
        if let status = attempt.status { metadata["http.status"] = "\(status)" }
        if let error = attempt.error { metadata["delivery.error"] = "\(error)" }
        switch attempt.result {
        case .delivered: logger.debug("delivered", metadata: metadata)
        case .retry: logger.info("delivery will be retried", metadata: metadata)
        case .deadLetter: logger.warning("delivery dead-lettered", metadata: metadata)
        }
        return (outcome, attempt)
    }
}
