public import Bridge
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
public import Prometheus

/// swift-metrics onto a Prometheus registry, served at `/metrics`.
public enum ConsoleMetrics {
    /// Bootstraps swift-metrics (once per process, as swift-metrics requires) onto a new registry, with
    /// the delivery latency histogram's buckets, and returns the registry for `ConsoleServer`. The
    /// `Telemetry` functions of the pipeline then count into it.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(factory(registry))
        return registry
    }

    /// The factory `bootstrap` installs, for a caller that wraps it in a multiplexing factory.
    public static func factory(_ registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Telemetry.Name.deliveryLatency] = Telemetry.deliveryLatencyBuckets
        return factory
    }
}

extension ConsoleServer {
    /// Refreshes the outbox gauges from the store, then writes the registry in the text format.
    func metricsResponse() async throws -> Response {
        for destination in try await data.destinationViews() {
            registry.makeGauge(name: Telemetry.Name.outboxBacklog, labels: [("destination", destination.id)])
                .set(Double(destination.backlog))
            registry.makeGauge(name: Telemetry.Name.outboxDead, labels: [("destination", destination.id)])
                .set(Double(destination.dead))
        }
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
