public import Foundation

/// What one attempt to deliver an event came to.
public enum DeliveryOutcome: Sendable, Hashable {
    /// Accepted (2xx, or the file is written).
    case delivered(status: Int?)
    /// Worth trying again: 408, 429, 5xx, a timeout, a refused or reset connection, a token endpoint down.
    /// `retryAfter` is the server's `Retry-After`, in seconds, when it sent one.
    case retry(status: Int?, reason: String, retryAfter: TimeInterval?)
    /// Refused for good (another 4xx, an unexpected status, no route): dead-lettered until replayed.
    case deadLetter(status: Int?, reason: String, responseBody: String?)

    /// Whether the attempt counts against the circuit breaker (only retry outcomes do: a destination that
    /// answers 400 is up).
    public var isFailure: Bool {
        if case .retry = self { true } else { false }
    }

    /// The HTTP status, when a response came.
    public var status: Int? {
        switch self {
        case .delivered(let status), .retry(let status, _, _), .deadLetter(let status, _, _): status
        }
    }

    /// Classifies an answer: 2xx delivered; 408, 429 and 5xx retried (with `Retry-After` when readable);
    /// everything else dead-lettered with the body.
    ///
    /// - Parameters:
    ///   - retryAfter: The `Retry-After` header, if any.
    ///   - body: The (already capped) response body.
    public static func classify(status: Int, retryAfter: String?, body: String, now: Date) -> DeliveryOutcome {
        switch status {
        case 200...299:
            return .delivered(status: status)
        case 408, 429, 500...599:
            let delay = retryAfter.flatMap { parseRetryAfter($0, now: now) }
            return .retry(status: status, reason: "HTTP \(status)", retryAfter: delay)
        case 400...499:
            return .deadLetter(status: status, reason: "HTTP \(status): refused by the destination", responseBody: body)
        default:
            return .deadLetter(status: status, reason: "HTTP \(status): unexpected status", responseBody: body)
        }
    }
}

extension RetryPolicy {
    /// The delay before the next attempt after `failedAttempts` failures (1 after the first):
    /// a `Retry-After` when the server gave one (cut to `maxRetryAfter`), else full jitter — a uniform
    /// draw from zero to `min(maxDelay, baseDelay × 2^(failedAttempts − 1))`.
    ///
    /// - Parameter unit: A number in `0..<1` (the random draw), given by the caller so tests can pin it.
    public func delay(afterFailedAttempts failedAttempts: Int, retryAfter: TimeInterval?, unit: Double) -> TimeInterval
    {
        if let retryAfter { return min(retryAfter, maxRetryAfter.seconds) }
        return ceiling(afterFailedAttempts: failedAttempts) * unit
    }

    /// The upper bound of the jittered delay after `failedAttempts` failures.
    public func ceiling(afterFailedAttempts failedAttempts: Int) -> TimeInterval {
        let exponent = min(max(failedAttempts - 1, 0), 62)
        return min(maxDelay.seconds, baseDelay.seconds * pow(2, Double(exponent)))
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }
}
