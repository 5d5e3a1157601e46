/// A token bucket without I/O: `rate` tokens a second, at most `burst` kept.
public struct TokenBucket: Sendable, Hashable {
    public let rate: Double
    public let burst: Double
    private var tokens: Double
    private var last: Double?

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        self.tokens = self.burst
    }

    /// Takes a token at `now` (seconds on any monotonic scale) if there is one; otherwise answers how many
    /// seconds until there is, and takes nothing.
    public mutating func take(now: Double) -> Double? {
        if let last { tokens = min(burst, tokens + (now - last) * rate) }
        last = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }
}

/// The rate limit of one destination, shared by its concurrent requests.
actor RateLimiter {
    private var bucket: TokenBucket
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    init(rate: Double, burst: Int) {
        bucket = TokenBucket(rate: rate, burst: burst)
        origin = clock.now
    }

    /// Waits until a request may go.
    func acquire() async throws {
        while true {
            let now = (clock.now - origin).seconds
            guard let wait = bucket.take(now: now) else { return }
            try await Task.sleep(for: .seconds(wait))
        }
    }
}
