public import Foundation
import Synchronization

/// The circuit breaker of one destination, as a state machine without I/O (the worker owns one and feeds
/// it outcomes and times).
///
/// closed → open after `failureThreshold` consecutive failures → half-open when `coolDown` has passed,
/// letting one probe through → closed when the probe succeeds, open again (a new cool-down) when it fails.
/// While open nothing is sent: items stay in the outbox, due, and no attempt is spent on them.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed(consecutiveFailures: Int)
        case open(until: Date)
        /// The cool-down is over; `probing` while the one probe request is out.
        case halfOpen(probing: Bool)
    }

    /// What the worker may send now.
    public enum Admission: Sendable, Hashable {
        /// As much as concurrency allows.
        case all
        /// Exactly one request, the probe (call `startProbe()` when it goes out).
        case probe
        /// Nothing; look again at `until` (or when the probe's answer comes, if `nil`).
        case none(until: Date?)
    }

    public let policy: CircuitBreakerPolicy
    public private(set) var state: State = .closed(consecutiveFailures: 0)

    public init(policy: CircuitBreakerPolicy) { self.policy = policy }

    /// What may be sent at `now`; moves an open circuit whose cool-down is over to half-open.
    public mutating func admission(now: Date) -> Admission {
        switch state {
        case .closed: return .all
        case .open(let until):
            if now < until { return .none(until: until) }
            state = .halfOpen(probing: false)
            return .probe
        case .halfOpen(let probing): return probing ? .none(until: nil) : .probe
        }
    }

    /// The probe request went out.
    public mutating func startProbe() {
        if case .halfOpen = state { state = .halfOpen(probing: true) }
    }

    /// There was nothing to probe with after all.
    public mutating func abandonProbe() {
        if case .halfOpen = state { state = .halfOpen(probing: false) }
    }

    /// Feeds one attempt's outcome. While open (answers of requests sent before it opened) nothing changes.
    public mutating func record(failure: Bool, now: Date) {
        switch state {
        case .closed(let failures):
            if !failure {
                state = .closed(consecutiveFailures: 0)
            } else if failures + 1 >= policy.failureThreshold {
                state = .open(until: now.addingTimeInterval(policy.coolDown.seconds))
            } else {
                state = .closed(consecutiveFailures: failures + 1)
            }
        case .open:
            break
        case .halfOpen:
            state =
                failure
                ? .open(until: now.addingTimeInterval(policy.coolDown.seconds)) : .closed(consecutiveFailures: 0)
        }
    }
}

/// The circuit states of a process's delivery workers, for the console: each worker reports its breaker's
/// state after every change it may have made.
public final class CircuitMonitor: Sendable {
    private let states = Mutex<[String: String]>([:])

    public init() {}

    /// Records `state` as `destination`'s current one.
    public func report(_ destination: String, _ state: CircuitBreaker.State) {
        let name: String
        switch state {
        case .closed: name = "closed"
        case .open: name = "open"
        case .halfOpen: name = "half-open"
        }
        states.withLock { $0[destination] = name }
    }

    /// `closed`, `open` or `half-open`; nil when no worker reported for `destination`.
    public func state(of destination: String) -> String? { states.withLock { $0[destination] } }
}
