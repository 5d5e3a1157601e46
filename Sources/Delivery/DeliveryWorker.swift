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
/// The loop talks to the store in rounds, one transaction (one disk sync) each: record the attempts
/// answered since the last round, give back leases it will not use, lease up to `leaseBatch` rows (rows
/// in flight plus rows waiting for a free slot). A new round starts once half of the batch is answered,
/// so under load a sync covers a hundred or more attempts and leases instead of one. A round runs beside the
/// requests in flight (one round at a time): sending goes on from the rows still waiting while the store
/// syncs, instead of stopping for every sync. Nothing is marked delivered
/// before its 2xx: a crash between an answer and its round loses only the record, and the row, still
/// leased, is sent again with the same idempotency key once the lease ends (or at once when the same
/// instance restarts).
///
/// While nothing is due it sleeps `idlePoll`, or less: the store's `outboxSignal` wakes it when this
/// process commits new outbox rows.
///
/// As a `Service`, `run()` stops leasing on graceful shutdown and returns once the requests in flight are
/// answered and recorded. Cancellation cuts them short: their leases expire and the rows are sent again,
/// with the same idempotency key.
public struct DeliveryWorker: Service {
    /// How the worker paces itself.
    public struct Settings: Sendable, Hashable {
        /// How long a leased row stays ours; longer than any request can take.
        public var leaseDuration: TimeInterval
        /// How long to sleep when nothing is due. Rows this process commits wake the worker at once (the
        /// store's `outboxSignal`); other processes' rows and retries falling due are noticed this late.
        public var idlePoll: Duration
        /// How long to wait after the store failed before trying it again.
        public var storeErrorBackoff: Duration
        /// At most how many rows the worker holds leased at once: in flight plus waiting for a slot (at
        /// least the destination's concurrency). Larger batches mean fewer store transactions per event
        /// (a round comes once half of the batch is answered, so 256 records about 128 attempts per disk
        /// sync); a waiting row is given back when the circuit opens, on shutdown, or after half its lease.
        public var leaseBatch: Int

        public init(
            leaseDuration: TimeInterval = 300, idlePoll: Duration = .seconds(1),
            storeErrorBackoff: Duration = .seconds(1), leaseBatch: Int = 256
        ) {
            self.leaseDuration = leaseDuration
            self.idlePoll = idlePoll
            self.storeErrorBackoff = storeErrorBackoff
            self.leaseBatch = leaseBatch
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
    ///
    /// - Parameter complete: Whether no more rows are coming. While it answers false, an empty outbox does
    ///   not end the drain: the worker waits for rows (woken by the store's `outboxSignal`), so delivery
    ///   can run while files are still being processed. Raise the signal after it turns true.
    public func drain(timeout: Duration, complete: @escaping @Sendable () -> Bool = { true }) async -> Report {
        await loop(deadline: ContinuousClock.now + timeout, complete: complete)
    }

    /// What the loop's task group hands back: an answered request, or a finished store round with what it
    /// asked for (`leased` is `nil` when the store failed; then nothing of that round happened).
    private enum Event: Sendable {
        case answered(DeliveryOutcome, DeliveryAttempt)
        case round(leased: [OutboxItem]?, limit: Int, probing: Bool)
    }

    private func loop(deadline: ContinuousClock.Instant?, complete: @Sendable () -> Bool = { true }) async -> Report {
        var breaker = CircuitBreaker(policy: target.circuitBreakerPolicy)
        var report = Report()
        var idle = false
        let concurrency = max(1, target.concurrency)
        let batch = max(concurrency, settings.leaseBatch)
        let metadata: Logger.Metadata = ["destination.name": "\(target.name)"]
        let signal = store.outboxSignal
        // A waiting row is given back once it has been held this long, well before its lease ends.
        let holdLimit = Duration.milliseconds(Int64(settings.leaseDuration * 500))

        await withTaskGroup(of: Event.self) { group in
            var inFlight = 0
            // Leased, not yet sent, oldest first, with when each was leased.
            var waiting: [(item: OutboxItem, leasedAt: ContinuousClock.Instant)] = []
            // Answered but not yet recorded: written by the next round. Their rows stay leased until then,
            // so nothing of their subject can overtake them.
            var unrecorded: [DeliveryAttempt] = []
            // Whether the last round found fewer due rows than it asked for, and the signal's generation
            // before it: after a short round the next comes once all is answered, when new rows came, or
            // when a quarter of the batch is answered and not yet recorded.
            var lastRoundShort = false
            var seen = signal?.generation ?? 0
            // Whether a round runs beside the requests (at most one does).
            var roundRunning = false
            // After a failed round, no other before this instant.
            var storeRetryAt: ContinuousClock.Instant?
            // Whether the last round asked for rows and found none: then, with nothing in flight, the
            // worker checks whether it is done and sleeps instead of asking again at once.
            var foundNothing = false

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

            func send(_ item: OutboxItem) {
                inFlight += 1
                group.addTask {
                    let (outcome, attempt) = await self.attempt(item)
                    return .answered(outcome, attempt)
                }
            }

            /// Records what was answered, gives back `release`, leases up to `limit`: one transaction.
            /// `nil` when the store failed (then nothing of it happened; the answers it carried are
            /// dropped, their rows stay leased until their leases end and are sent again, same key).
            @Sendable func round(_ attempts: [DeliveryAttempt], release: [OutboxID], limit: Int) async -> [OutboxItem]? {
                do {
                    return try await store.deliveryRound(
                        destination: target.name, record: attempts, release: release, lease: limit, now: Date(),
                        leaseFor: settings.leaseDuration)
                } catch {
                    logger.error(
                        "could not record \(attempts.count) delivery attempts and lease: \(error)",
                        metadata: metadata)
                    return nil
                }
            }

            /// Starts a round beside the requests in flight, taking every unrecorded answer with it.
            func startRound(release: [OutboxID], limit: Int, probing: Bool) {
                seen = signal?.generation ?? 0
                roundRunning = true
                let attempts = unrecorded
                unrecorded.removeAll()
                group.addTask {
                    .round(leased: await round(attempts, release: release, limit: limit), limit: limit, probing: probing)
                }
            }

            /// Takes in what the group handed back.
            func handle(_ event: Event) {
                switch event {
                case .answered(let outcome, let attempt):
                    settle(outcome, attempt)
                case .round(let leased, let limit, let probing):
                    roundRunning = false
                    guard let leased else {
                        if probing { breaker.abandonProbe() }
                        storeRetryAt = ContinuousClock.now + settings.storeErrorBackoff
                        return
                    }
                    if limit > 0 {
                        lastRoundShort = leased.count < limit
                        foundNothing = leased.isEmpty
                    }
                    let now = ContinuousClock.now
                    if probing {
                        // The probe goes out at once, alone.
                        if let probe = leased.first {
                            breaker.startProbe()
                            send(probe)
                        } else {
                            breaker.abandonProbe()
                        }
                        return
                    }
                    waiting += leased.map { (item: $0, leasedAt: now) }
                }
            }

            while true {
                let stopping =
                    Task.isCancelled || Task.isShuttingDownGracefully
                    || deadline.map { ContinuousClock.now >= $0 } ?? false
                if stopping {
                    while let event = await group.next() { handle(event) }
                    let attempts = unrecorded
                    unrecorded.removeAll()
                    _ = await round(attempts, release: waiting.map(\.item.id), limit: 0)
                    break
                }

                // What the next round does (none while one runs): lease to refill the batch (once half of
                // it is answered), one probe, or nothing while the circuit is open. Rows waiting too long,
                // or while the circuit is not closed, are given back.
                let admission = breaker.admission(now: Date())
                monitor?.report(target.name, breaker.state)
                var wakeAt: Date?
                if case .none(let until) = admission { wakeAt = until }
                let backingOff = storeRetryAt.map { ContinuousClock.now < $0 } ?? false
                if !roundRunning && !backingOff {
                    var limit = 0
                    var probing = false
                    var release: [OutboxID] = []
                    /// Gives every waiting row back in this round.
                    func releaseWaiting() {
                        release += waiting.map(\.item.id)
                        waiting.removeAll()
                    }
                    if let oldest = waiting.first, ContinuousClock.now - oldest.leasedAt > holdLimit {
                        releaseWaiting()
                    }
                    switch admission {
                    case .all:
                        let held = waiting.count + inFlight
                        let fresh = signal.map { $0.generation != seen } ?? false
                        // After a short round, answers not yet recorded are a reason to go on too: the rows
                        // the round missed are often the next rows of those answers' subjects, due once the
                        // answers are recorded. Waiting for every held row instead leaves nothing in flight
                        // while the round syncs.
                        let unblocking = unrecorded.count * 4 >= batch
                        if held == 0 || (held * 2 <= batch && (!lastRoundShort || fresh || unblocking)) {
                            limit = batch - held
                        }
                    case .probe:
                        releaseWaiting()
                        if inFlight == 0 {
                            limit = 1
                            probing = true
                        }
                    case .none:
                        releaseWaiting()
                    }
                    // Answers are also recorded before the worker goes idle.
                    let goingIdle = inFlight == 0 && waiting.isEmpty && !unrecorded.isEmpty
                    if limit > 0 || !release.isEmpty || goingIdle {
                        startRound(release: release, limit: limit, probing: probing)
                    }
                }
                if admission == .all {
                    while inFlight < concurrency, !waiting.isEmpty { send(waiting.removeFirst().item) }
                }

                if inFlight > 0 || roundRunning {
                    foundNothing = false
                    if let event = await group.next() { handle(event) }
                    let settled = inFlight == 0 && !roundRunning && waiting.isEmpty && unrecorded.isEmpty
                    if !(foundNothing && settled) { continue }
                }
                if backingOff {
                    await pause(settings.storeErrorBackoff, deadline: deadline)
                    continue
                }

                // Nothing in flight, nothing waiting, nothing due.
                // `complete` is asked before the backlog is read, so rows committed before it turned true are seen.
                if deadline != nil, wakeAt == nil, complete() {
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
                await pause(sleep, deadline: deadline, wakeOn: wakeAt == nil ? signal : nil, after: seen)
            }
        }
        if deadline != nil, !idle {
            report.timedOut = true
            let summary = try? await store.destinationSummaries().first { $0.destination == target.name }
            report.remaining = (summary?.pending ?? 0) + (summary?.retrying ?? 0)
        }
        return report
    }

    /// Sleeps `duration` (cut at the deadline), waking early on graceful shutdown or cancellation, or when
    /// `signal` is raised after its generation `after`.
    private func pause(
        _ duration: Duration, deadline: ContinuousClock.Instant?, wakeOn signal: OutboxSignal? = nil,
        after generation: UInt64 = 0
    ) async {
        let cut = deadline.map { min(duration, max(.zero, $0 - ContinuousClock.now)) } ?? duration
        guard cut > .zero else { return }
        do {
            try await cancelWhenGracefulShutdown {
                if let signal {
                    await signal.wait(after: generation, timeout: cut)
                } else {
                    try await Task.sleep(for: cut)
                }
            }
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
        // The metadata is an autoclosure: built only when the level is logged (not per delivery at `info`).
        switch attempt.result {
        case .delivered: logger.debug("delivered", metadata: Self.metadata(attempt))
        case .retry: logger.info("delivery will be retried", metadata: Self.metadata(attempt))
        case .deadLetter: logger.warning("delivery dead-lettered", metadata: Self.metadata(attempt))
        }
        return (outcome, attempt)
    }

    private static func metadata(_ attempt: DeliveryAttempt) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "destination.name": "\(attempt.destination)", "event.id": "\(attempt.eventID)",
            "delivery.result": "\(attempt.result.rawValue)",
        ]
        if let status = attempt.status { metadata["http.status"] = "\(status)" }
        if let error = attempt.error { metadata["delivery.error"] = "\(error)" }
        return metadata
    }
}
