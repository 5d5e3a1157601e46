import Bridge
import Foundation
import HTTPTestSupport
import Logging
import Store
import Testing
import TestSupport

/// `BridgeRuntime.runOnce` end to end: a folder source, the real SQLite store, folder and HTTP
/// destinations (the HTTP test server on 127.0.0.1), acks into the partners' folders.
@Suite struct RuntimeTests {
    /// A working folder with inbound/, hub/, out/erp and partners/, and a configuration written into it.
    struct Site {
        /// Removed with the site.
        let temporary: TemporaryFolder
        var root: URL { temporary.url }
        var inbound: URL { root.appendingPathComponent("inbound") }
        var erp: URL { root.appendingPathComponent("out/erp") }
        var billing: URL { root.appendingPathComponent("out/billing") }
        var config: URL { root.appendingPathComponent("crossdock.yaml") }

        /// `erp` is a folder destination unless `erpURL` is given, then HTTP.
        init(erpURL: String? = nil, retryBase: String = "50ms", erpRoutes: String? = nil) throws {
            temporary = try TemporaryFolder("rt")
            for folder in ["inbound", "out/erp", "out/billing", "partners"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let erp = erpURL.map { url in
                """
                  - id: erp
                    kind: http
                    base_url: \(url)
                    routes:
                \(erpRoutes ?? """
                      - event: "*"
                        method: POST
                        path: /events/{subject}
                """)
                    concurrency: 4
                    timeout: 60s
                    retry: {base: \(retryBase), cap: 200ms}
                    circuit_breaker: {threshold: 1000, cool_down: 1s}
                """
            } ?? """
                  - id: erp
                    kind: folder
                    path: out/erp
                """
            let yaml = """
                store:
                  sqlite: var/crossdock.sqlite
                spool: var/spool
                mappings: \(ProjectPaths.root.appendingPathComponent("mappings").path)
                endpoints:
                  - id: inbound
                    kind: folder
                    path: inbound
                  - id: partners
                    kind: folder
                    path: partners
                partners:
                  - id: ACMEFOODS
                    isa: {qualifier: ZZ, id: ACMEFOODS}
                    ack: {kind: auto, set_detail: every, ta1: on-request, target: partners, path: ACMEFOODS/outbound}
                  - id: PRAIRIEFRT
                    isa: {qualifier: ZZ, id: PRAIRIEFRT}
                    ack: {kind: "997", set_detail: errors, ta1: on-error, target: partners, path: PRAIRIEFRT/outbound}
                sources:
                  - id: x12
                    endpoint: inbound
                    format: x12
                    patterns: ["*.edi"]
                    minimum_age: 0s
                    poll_interval: 1s
                    after: delete
                destinations:
                \(erp)
                  - id: billing
                    kind: folder
                    path: out/billing
                routes:
                  - events: ["load.*", shipment.status]
                    to: [erp]
                  - events: [freight.invoice]
                    to: [billing]
                """
            try yaml.write(to: config, atomically: true, encoding: .utf8)
        }

        func drop(_ sample: String) throws {
            try Data(Sample.named(sample).bytes).write(to: inbound.appendingPathComponent(sample + ".edi"))
        }

        func drop(_ bytes: [UInt8], as name: String) throws {
            try Data(bytes).write(to: inbound.appendingPathComponent(name))
        }

        func runtime() throws -> BridgeRuntime {
            let configuration = try CrossdockConfiguration.load(file: config, environment: [:])
            return try BridgeRuntime(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        }

        func files(in folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }
    }

    @Test func samplesFlowIntoFolderDestinationsAndAcksIntoPartnerFolders() async throws {
        let site = try Site()
        try site.drop("204_004010_acme_original_tender")
        try site.drop("214_004010_prfl_pickup_to_delivery")
        try site.drop("210_004010_prfl_linehaul_fuel")
        try site.drop("204_004010_acme_two_sets_one_bad")
        let runtime = try site.runtime()
        let summary = try await runtime.runOnce(timeout: .seconds(600))
        await runtime.shutdown()

        #expect(summary.fileCount == 4)
        #expect(summary.files[.processed] == 3)
        #expect(summary.files[.partial] == 1)
        #expect(summary.everythingDelivered, "\(summary.lines)")
        let expectedEvents = ["204_004010_acme_original_tender", "214_004010_prfl_pickup_to_delivery", "204_004010_acme_two_sets_one_bad"]
            .map { name in
                let golden = (try? String(contentsOf: Sample.named(name).golden("events"), encoding: .utf8)) ?? ""
                return golden.split(separator: "\n").filter { $0.contains("\"specversion\"") }.count
            }
            .reduce(0, +)
        #expect(site.files(in: site.erp).count == expectedEvents)
        #expect(site.files(in: site.billing).count == 1)
        #expect(summary.events == expectedEvents + 1)
        // ACME asked for every set; PRAIRIEFRT's clean files get a 997 with AK1/AK9 only.
        #expect(site.files(in: site.root.appendingPathComponent("partners/ACMEFOODS/outbound")).count == 2)
        #expect(site.files(in: site.root.appendingPathComponent("partners/PRAIRIEFRT/outbound")).count == 2)
        #expect(summary.acksWritten == 4)
        // The inbound folder is emptied (after: delete); the spool keeps the archived copies.
        #expect(site.files(in: site.inbound).isEmpty)
    }

    @Test func aSecondRunFindsNothingNewAndSendsNothingTwice() async throws {
        let site = try Site()
        try site.drop("214_004010_prfl_one_line")
        // The first copy was written an hour ago, so the resend below is a new file to the poller (a file is
        // known by path, size and modification second) even when both runs finish within one second.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-3600)],
            ofItemAtPath: site.inbound.appendingPathComponent("214_004010_prfl_one_line.edi").path)
        let first = try site.runtime()
        let one = try await first.runOnce(timeout: .seconds(600))
        await first.shutdown()
        #expect(one.events == 2)
        #expect(one.everythingDelivered, "\(one.lines)")
        try site.drop("214_004010_prfl_one_line")  // the same bytes again, under the same name
        let second = try site.runtime()
        let two = try await second.runOnce(timeout: .seconds(600))
        await second.shutdown()
        // The interchange was seen before: refused as a duplicate (TA1 025), no new events.
        #expect(two.files[.duplicate] == 1)
        #expect(two.events == 0)
        #expect(two.delivered == 0)
        #expect(site.files(in: site.erp).count == 2)
    }

    @Test func eventsReachAnHTTPDestinationWithIdempotencyKeysAndPerShipmentOrder() async throws {
        let server = try await TestHTTPServer.start(defaultAnswer: .status(201))
        defer { Task { await server.stop() } }
        let site = try Site(erpURL: server.baseURL)
        for (name, bytes) in StatusBatch.files(count: 3, setsPerFile: 5) { try site.drop(bytes, as: name) }
        // The first event of the first shipment fails twice before it is taken.
        server.enqueue(.status(503), .status(503), path: "/events/shipment%2FACM7000001")
        let runtime = try site.runtime()
        let summary = try await runtime.runOnce(timeout: .seconds(600))
        await runtime.shutdown()

        #expect(summary.everythingDelivered, "\(summary.lines)")
        #expect(summary.events == 30)
        #expect(summary.delivered == 30)
        #expect(summary.retried == 2)
        let requests = server.requests
        #expect(requests.count == 32)
        // One key per event, the same on every attempt of it.
        var keys: [String: Set<String>] = [:]
        for request in requests {
            let id = try #require(Self.eventID(request.bodyString))
            keys[id, default: []].insert(try #require(request.header("Idempotency-Key")))
        }
        #expect(keys.count == 30)
        #expect(keys.values.allSatisfy { $0.count == 1 })
        #expect(Set(keys.values.map { $0.first! }).count == 30)
        // Per shipment, the statuses arrive in file order: arrived_pickup (X3) before departed (AF).
        // Shipment 1's AF waits until its X3 is taken, after two refusals.
        for shipment in 1...15 {
            let path = "/events/shipment%2FACM\(7_000_000 + shipment)"
            let statuses = server.requests(path: path).map { Self.status($0.bodyString) ?? "?" }
            #expect(statuses == (shipment == 1 ? ["X3", "X3", "X3", "AF"] : ["X3", "AF"]), "shipment \(shipment)")
        }
    }

    /// A route's body_mapping: the shipped `erp-load-tender` body mapping makes the request body of a
    /// tender, byte for byte its golden case; other events still go as CloudEvents.
    @Test func aRouteWithABodyMappingSendsTheMappedBody() async throws {
        let server = try await TestHTTPServer.start(defaultAnswer: .status(201))
        defer { Task { await server.stop() } }
        let site = try Site(
            erpURL: server.baseURL,
            erpRoutes: """
                      - event: load.tendered
                        method: PUT
                        path: /loads/{subject}
                        body_mapping: erp-load-tender
                      - event: "*"
                        method: POST
                        path: /events/{subject}
                """)
        try site.drop("204_004010_acme_original_tender")
        try site.drop("214_004010_prfl_one_line")
        let runtime = try site.runtime()
        let summary = try await runtime.runOnce(timeout: .seconds(600))
        await runtime.shutdown()
        #expect(summary.everythingDelivered, "\(summary.lines)")

        let loads = server.requests.filter { $0.path.hasPrefix("/loads/") }
        #expect(loads.count == 1)
        let load = try #require(loads.first)
        #expect(load.method == "PUT")
        #expect(load.header("Content-Type") == "application/json")
        let golden = try String(
            contentsOf: ProjectPaths.root.appendingPathComponent("mappings/bodies/tests/erp-load-tender/expected.jsonl"),
            encoding: .utf8)
        #expect(load.bodyString == golden.trimmingCharacters(in: .newlines))
        let others = server.requests.filter { $0.path.hasPrefix("/events/") }
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { $0.header("Content-Type") == "application/cloudevents+json" })
        #expect(others.allSatisfy { Self.eventID($0.bodyString) != nil })
    }

    @Test func aRefusedEventIsDeadLetteredAndAReplaySendsItAgainWithTheSameKey() async throws {
        let server = try await TestHTTPServer.start(defaultAnswer: .status(200))
        defer { Task { await server.stop() } }
        let site = try Site(erpURL: server.baseURL)
        try site.drop("214_004010_prfl_one_line")
        server.enqueue(.status(422, body: "{\"error\":\"unknown shipment\"}"), path: "/events/shipment%2FACM7741115")
        let runtime = try site.runtime()
        let summary = try await runtime.runOnce(timeout: .seconds(600))
        #expect(!summary.everythingDelivered)
        #expect(summary.deadLettered == 1)
        let dead = try await runtime.store.deadLetters(destination: "erp", limit: 10, offset: 0)
        #expect(dead.count == 1)
        #expect(dead.first?.status == 422)
        #expect(dead.first?.responseBody == "{\"error\":\"unknown shipment\"}")
        let firstKey = server.requests.first?.header("Idempotency-Key")

        let replayed = try await runtime.store.replay(.deadLetters(destination: "erp"), actor: "test", reason: "fixed", now: Date())
        #expect(replayed == 1)
        let again = try await runtime.runOnce(timeout: .seconds(600))
        await runtime.shutdown()
        #expect(again.everythingDelivered, "\(again.lines)")
        let audit = try await runtime.store.auditLog(limit: 10, offset: 0)
        #expect(audit.map(\.actor) == ["test"])
        let keys = server.requests.filter { Self.eventID($0.bodyString) == Self.eventID(server.requests[0].bodyString) }
            .map { $0.header("Idempotency-Key") }
        #expect(keys.count == 2)
        #expect(keys.allSatisfy { $0 == firstKey })
    }

    static func eventID(_ body: String) -> String? {
        guard let data = body.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["id"] as? String
    }

    static func status(_ body: String) -> String? {
        guard let data = body.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let payload = object["data"] as? [String: Any], let status = payload["status"] as? [String: Any]
        else { return nil }
        return status["original"] as? String
    }
}
