import Delivery
import Foundation
import Store

/// A delivery target that counts every attempt and its latency in `Telemetry` (the Delivery module knows
/// nothing of metrics; the bridge wraps each destination's target in one of these).
struct MeteredTarget: DeliveryTarget {
    let base: any DeliveryTarget
    private let meters: Telemetry.DeliveryMeters

    init(base: any DeliveryTarget) {
        self.base = base
        meters = Telemetry.DeliveryMeters(destination: base.name)
    }

    var name: String { base.name }
    var concurrency: Int { base.concurrency }
    var retryPolicy: RetryPolicy { base.retryPolicy }
    var circuitBreakerPolicy: CircuitBreakerPolicy { base.circuitBreakerPolicy }

    func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
        let start = ContinuousClock.now
        let outcome = await base.deliver(item)
        let result: DeliveryAttempt.Result
        switch outcome {
        case .delivered: result = .delivered
        case .retry: result = .retry
        case .deadLetter: result = .deadLetter
        }
        meters.attempted(result, latency: ContinuousClock.now - start)
        return outcome
    }
}
