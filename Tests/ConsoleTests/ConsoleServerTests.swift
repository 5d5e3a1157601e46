import Bridge
import Console
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Store
import Testing
import Yams

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import HTTPTypes
#endif

@Suite struct ConsoleServerTests {
    @Test func metricsAreInThePrometheusFormatWithTheBacklogReadAtScrape() async throws {
        let fixture = try await Fixture()
        // Labels unique to this test: the registry is shared by the whole process. It is bootstrapped before the
        // first count: counters made before swift-metrics is bootstrapped count into nothing, and without this
        // the test passed only when another console test happened to bootstrap first.
        _ = TestMetrics.registry
        Telemetry.fileProcessed(source: "metrics-test", outcome: .partial)
        Telemetry.fileProcessed(source: "metrics-test", outcome: .partial)
        Telemetry.transactionJudged(set: "214", verdict: "metrics-test")
        Telemetry.eventProduced(type: "metrics.test")
        Telemetry.deliveryAttempted(destination: "metrics-test", outcome: .retry, latency: .milliseconds(30))
        // A destination's kept meters count into the same series, every time.
        let meters = Telemetry.DeliveryMeters(destination: "metrics-kept")
        meters.attempted(.delivered, latency: .milliseconds(5))
        meters.attempted(.retry, latency: .milliseconds(40))
        meters.attempted(.delivered, latency: .milliseconds(7))
        Telemetry.ackBuilt(kind: "997", code: "metrics-test")
        Telemetry.pollFailed(source: "metrics-test")
        try await fixture.withClient { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: bearer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(response.text.split(separator: "\n").map(String.init))
            let expected = [
                #"crossdock_files_total{source="metrics-test",outcome="partial"} 2"#,
                #"crossdock_transactions_total{set="214",verdict="metrics-test"} 1"#,
                #"crossdock_events_total{type="metrics.test"} 1"#,
                #"crossdock_delivery_attempts_total{destination="metrics-test",outcome="retry"} 1"#,
                #"crossdock_delivery_latency_seconds_bucket{destination="metrics-test",le="0.025"} 0"#,
                #"crossdock_delivery_latency_seconds_bucket{destination="metrics-test",le="0.05"} 1"#,
                #"crossdock_delivery_latency_seconds_count{destination="metrics-test"} 1"#,
                #"crossdock_delivery_attempts_total{destination="metrics-kept",outcome="delivered"} 2"#,
                #"crossdock_delivery_attempts_total{destination="metrics-kept",outcome="retry"} 1"#,
                #"crossdock_delivery_latency_seconds_bucket{destination="metrics-kept",le="0.01"} 2"#,
                #"crossdock_delivery_latency_seconds_count{destination="metrics-kept"} 3"#,
                #"crossdock_acks_total{kind="997",code="metrics-test"} 1"#,
                #"crossdock_poll_errors_total{source="metrics-test"} 1"#,
                #"crossdock_outbox_backlog{destination="erp"} 1.0"#,
                #"crossdock_outbox_dead{destination="erp"} 1.0"#,
                #"crossdock_outbox_backlog{destination="billing"} 0.0"#,
                "# TYPE crossdock_files_total counter",
                "# TYPE crossdock_delivery_latency_seconds histogram",
                "# TYPE crossdock_outbox_backlog gauge",
            ]
            for line in expected {
                #expect(lines.contains(line), "\(line)\n--- got:\n\(response.text)")
            }
        }
    }

    @Test func aServerOffLoopbackWithoutATokenIsRefused() async throws {
        let fixture = try await Fixture()
        #expect(throws: ConsoleError.self) { try fixture.server(token: nil, host: "0.0.0.0") }
        do {
            _ = try fixture.server(token: nil, host: "192.168.1.10")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .insecureListen)
            #expect(error.message.contains("192.168.1.10"))
        }
        do {
            _ = try fixture.server(token: "", host: "0.0.0.0")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .insecureListen)
        }
        _ = try fixture.server(token: token, host: "0.0.0.0")
        _ = try fixture.server(token: nil, host: "127.0.0.1")
    }

    @Test func theServerListensOnPortZeroAndTellsTheBoundPort() async throws {
        let fixture = try await Fixture()
        let server = try fixture.server()
        try await withRunningServer(server) { port in
            #expect(port > 0)
            let health = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            #expect(String(decoding: health.0, as: UTF8.self) == #"{"status":"ok"}"#)
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/files?limit=1")!)
            let refused = try await URLSession.shared.data(for: request)
            #expect((refused.1 as? HTTPURLResponse)?.statusCode == 401)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let files = try await URLSession.shared.data(for: request)
            #expect((files.1 as? HTTPURLResponse)?.statusCode == 200)
        }
    }

    /// Every route of the API is in docs/openapi.yaml with its method, and every path there is routed.
    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let fixture = try await Fixture()
        let router = try fixture.server().makeRouter()
        let routed = Set(
            router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" }
                .filter { !$0.contains(" /console") && !$0.hasSuffix(" /") })
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: Set<String> = []
        for (path, value) in paths {
            for method in (value as? [String: Any] ?? [:]).keys
            where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert("\(method) \(path)")
            }
        }
        #expect(
            routed.subtracting(documented).isEmpty,
            "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(routed).isEmpty,
            "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(routed.contains("get /api/files/{id}"))
        #expect(routed.contains("post /api/replay"))
        #expect(routed.count == 12)
    }
}
