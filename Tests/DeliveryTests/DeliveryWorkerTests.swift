import AsyncHTTPClient
import Foundation
import HTTPTestSupport
import Logging
import ServiceLifecycleTestKit
import Store
import Synchronization
import Testing
import Transport

@testable import Delivery

/// The worker against a real SQLite store and a real server on 127.0.0.1.
@Suite struct DeliveryWorkerTests {
    /// A store in a fresh temporary folder, with `events` committed as one file for destination `erp`.
    final class Fixture: Sendable {
        let folder: URL
        let store: SQLiteStore

        init(events: [(id: String, subject: String?)]) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "crossdock-worker-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(at: folder.appendingPathComponent("crossdock.sqlite"))
            let records = events.map { event in
                EventRecord(
                    id: event.id, type: "shipment.status", subject: event.subject, time: "2027-01-15T07:55:00-05:00",
                    transactionIndex: 0, json: Data(#"{"id":"\#(event.id)"}"#.utf8)
                )
            }
            let batch = IngestBatch(
                identity: FileIdentity(
                    source: "acme-inbox", path: try RemotePath("in/214.edi"), size: 1200, modified: 1_799_990_000),
                file: FileRecord(
                    source: "acme-inbox", partner: "acme", name: "214.edi", sha256: String(repeating: "0", count: 64),
                    size: 1200, format: "x12", outcome: .processed, receivedAt: Date(), eventCount: records.count
                ),
                events: records,
                deliveries: records.map { (eventID: $0.id, destination: "erp") }
            )
            _ = try await store.commitIngest(batch)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// State and attempt count of each row, in outbox order.
        func states(_ count: Int) async throws -> [String] {
            var out: [String] = []
            for id in 1...count {
                let row = try await store.outboxState(OutboxID(rawValue: Int64(id)))
                out.append(row.map { "\($0.state.rawValue)/\($0.attempts)" } ?? "missing")
            }
            return out
        }
    }

    func worker(
        _ server: TestHTTPServer, _ store: SQLiteStore, client: AsyncHTTPClientBox, concurrency: Int = 4,
        breaker: CircuitBreakerPolicy = CircuitBreakerPolicy(), idlePoll: Duration = .milliseconds(50),
        leaseBatch: Int = DeliveryWorker.Settings().leaseBatch
    ) throws -> DeliveryWorker {
        var settings = HTTPDestination(
            name: "erp", baseURL: server.baseURL,
            routes: [EventRoute(eventType: "*", path: "/shipments/{subject}/{id}")],
            concurrency: concurrency, circuitBreaker: breaker
        )
        settings.requestTimeout = .seconds(60)
        let target = try HTTPDeliveryTarget(destination: settings, client: client.client, logger: quietLogger)
        return DeliveryWorker(
            target: target, store: store, settings: DeliveryWorker.Settings(idlePoll: idlePoll, leaseBatch: leaseBatch),
            logger: quietLogger, random: { 0 }
        )
    }

    @Test func a503ForA1HoldsA2ButNotB1() async throws {
        let fixture = try await Fixture(events: [("A1", "A"), ("A2", "A"), ("B1", "B")])
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(503).withHeader("retry-after", "1"), path: "/shipments/A/A1")
        let report = try await withHTTPClient { client in
            try await worker(server, fixture.store, client: AsyncHTTPClientBox(client)).drain(timeout: .seconds(60))
        }
        #expect(
            report == DeliveryWorker.Report(delivered: 3, retried: 1, deadLettered: 0, remaining: 0, timedOut: false))
        let paths = server.requests.map(\.path)
        #expect(
            paths.filter { $0.hasPrefix("/shipments/A/") } == ["/shipments/A/A1", "/shipments/A/A1", "/shipments/A/A2"])
        // B1 went while A1 waited out its Retry-After; A2 only after A1 was delivered.
        let b1 = try #require(paths.firstIndex(of: "/shipments/B/B1"))
        let firstA1 = try #require(paths.firstIndex(of: "/shipments/A/A1"))
        let secondA1 = try #require(paths.lastIndex(of: "/shipments/A/A1"))
        #expect(b1 < secondA1)
        #expect(server.requests[secondA1].receivedAt - server.requests[firstA1].receivedAt >= .seconds(1))
        let keys = server.requests(path: "/shipments/A/A1").map { $0.header("Idempotency-Key") }
        #expect(
            keys == [
                IdempotencyKey.make(eventID: "A1", destination: "erp"),
                IdempotencyKey.make(eventID: "A1", destination: "erp"),
            ])
        #expect(try await fixture.states(3) == ["delivered/2", "delivered/1", "delivered/1"])
        await server.stop()
    }

    @Test func manySubjectsAtOnceKeepTheirOrderThroughRetries() async throws {
        // 12 shipments × 8 events, interleaved as a file would carry them; every 4th request answers 503.
        let events = (0..<8).flatMap { n in
            (0..<12).map { subject in (id: "S\(subject)-E\(n)", subject: "S\(subject)") }
        }
        let fixture = try await Fixture(events: events.map { (id: $0.id, subject: Optional($0.subject)) })
        let server = try await TestHTTPServer.start()
        server.setResponder { request in request.sequence % 4 == 0 ? .status(503) : .status(200) }
        let report = try await withHTTPClient { client in
            try await worker(server, fixture.store, client: AsyncHTTPClientBox(client), concurrency: 8)
                .drain(timeout: .seconds(120))
        }
        let requests = server.requests
        let accepted = requests.filter { $0.sequence % 4 != 0 }
        #expect(report.delivered == 96)
        #expect(report.retried == requests.count - 96)
        #expect(report.remaining == 0 && !report.timedOut)
        // Each event accepted exactly once, and per shipment in file order.
        #expect(accepted.count == 96)
        for subject in 0..<12 {
            let order = accepted.map(\.path).filter { $0.hasPrefix("/shipments/S\(subject)/") }
            #expect(order == (0..<8).map { "/shipments/S\(subject)/S\(subject)-E\($0)" })
        }
        await server.stop()
    }

    @Test func aRefusalIsDeadLetteredWithItsBodyAndFreesTheSubject() async throws {
        let fixture = try await Fixture(events: [("A1", "A"), ("A2", "A")])
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(422, body: #"{"error":"unknown consignee"}"#), path: "/shipments/A/A1")
        let report = try await withHTTPClient { client in
            try await worker(server, fixture.store, client: AsyncHTTPClientBox(client)).drain(timeout: .seconds(60))
        }
        #expect(
            report == DeliveryWorker.Report(delivered: 1, retried: 0, deadLettered: 1, remaining: 0, timedOut: false))
        #expect(try await fixture.states(2) == ["dead/1", "delivered/1"])
        let dead = try #require(try await fixture.store.deadLetters(destination: "erp", limit: 10, offset: 0).first)
        #expect(dead.eventID == "A1")
        #expect(dead.status == 422)
        #expect(dead.responseBody == #"{"error":"unknown consignee"}"#)
        #expect(dead.error == "HTTP 422: refused by the destination")
        await server.stop()
    }

    @Test func drainStopsAtItsTimeoutWhileTheDestinationIsDownAndReportsTheBacklog() async throws {
        let fixture = try await Fixture(events: [("A1", "A"), ("A2", "A"), ("B1", "B")])
        let server = try await TestHTTPServer.start(defaultAnswer: .status(503).withHeader("retry-after", "3600"))
        let report = try await withHTTPClient { client in
            try await worker(server, fixture.store, client: AsyncHTTPClientBox(client)).drain(timeout: .seconds(2))
        }
        #expect(
            report == DeliveryWorker.Report(delivered: 0, retried: 2, deadLettered: 0, remaining: 3, timedOut: true))
        #expect(Set(server.requests.map(\.path)) == ["/shipments/A/A1", "/shipments/B/B1"])
        #expect(try await fixture.states(3) == ["retrying/1", "pending/0", "retrying/1"])
        await server.stop()
    }

    @Test func openCircuitSendsNothingUntilOneProbeAndSpendsNoAttempts() async throws {
        let fixture = try await Fixture(events: [("E1", "1"), ("E2", "2"), ("E3", "3"), ("E4", "4")])
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(502), .status(502))
        let report = try await withHTTPClient { client in
            try await worker(
                server, fixture.store, client: AsyncHTTPClientBox(client), concurrency: 1,
                breaker: CircuitBreakerPolicy(failureThreshold: 2, coolDown: .seconds(1))
            ).drain(timeout: .seconds(60))
        }
        #expect(
            report == DeliveryWorker.Report(delivered: 4, retried: 2, deadLettered: 0, remaining: 0, timedOut: false))
        let requests = server.requests
        // E1 and E2 (leased together) fail (backoff pinned to 0), the circuit opens, E3 and E4 are given
        // back unsent, and after the cool-down E1 is the probe; the rest follow in outbox order.
        #expect(
            requests.map(\.path) == [
                "/shipments/1/E1", "/shipments/2/E2", "/shipments/1/E1", "/shipments/2/E2", "/shipments/3/E3",
                "/shipments/4/E4",
            ])
        #expect(requests[2].receivedAt - requests[1].receivedAt >= .seconds(1))
        #expect(try await fixture.states(4) == ["delivered/2", "delivered/2", "delivered/1", "delivered/1"])
        await server.stop()
    }

    @Test func replayResendsWithTheSameIdempotencyKey() async throws {
        let fixture = try await Fixture(events: [("A1", "A")])
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let worker = try worker(server, fixture.store, client: AsyncHTTPClientBox(client))
            _ = await worker.drain(timeout: .seconds(60))
            #expect(
                try await fixture.store.replay(.event("A1"), actor: "test", reason: "ERP restored", now: Date()) == 1)
            let again = await worker.drain(timeout: .seconds(60))
            #expect(again.delivered == 1)
        }
        let keys = server.requests.map { $0.header("Idempotency-Key") }
        #expect(keys.count == 2)
        #expect(keys[0] == keys[1])
        #expect(keys[0] == IdempotencyKey.make(eventID: "A1", destination: "erp"))
        await server.stop()
    }

    @Test func gracefulShutdownFinishesTheRequestInFlightAndLeasesNothingMore() async throws {
        let fixture = try await Fixture(events: [("A1", "A"), ("B1", "B"), ("C1", "C")])
        let server = try await TestHTTPServer.start(
            defaultAnswer: TestHTTPAnswer.status(201).delayed(by: .milliseconds(500)))
        try await withHTTPClient { client in
            let worker = try worker(server, fixture.store, client: AsyncHTTPClientBox(client), concurrency: 1)
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await worker.run() }
                    try await server.waitForRequests(count: 1)
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            }
        }
        #expect(server.requests.map(\.path) == ["/shipments/A/A1"])
        #expect(try await fixture.states(3) == ["delivered/1", "pending/0", "pending/0"])
        await server.stop()
    }

    @Test(arguments: [(64, [String]()), (1, ["B1", "C1", "D1"])])
    func leasesAheadUpToItsBatchAndGivesBackWhatItDidNotSendOnShutdown(batch: Int, freeWhileSending: [String])
        async throws
    {
        let fixture = try await Fixture(events: [("A1", "A"), ("B1", "B"), ("C1", "C"), ("D1", "D")])
        let other = try SQLiteStore(
            at: fixture.folder.appendingPathComponent("crossdock.sqlite"), options: .init(owner: "elsewhere"))
        // A1's answer takes 3 s: time to look at the leases while it is in flight.
        let server = try await TestHTTPServer.start(
            defaultAnswer: TestHTTPAnswer.status(201).delayed(by: .seconds(3)))
        try await withHTTPClient { client in
            let worker = try worker(
                server, fixture.store, client: AsyncHTTPClientBox(client), concurrency: 1, leaseBatch: batch)
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await worker.run() }
                    try await server.waitForRequests(count: 1)
                    // While A1 is in flight the worker holds the batch: what is left is free for others.
                    let free = try await other.leaseDeliveries(
                        destination: "erp", limit: 10, now: Date(), leaseFor: 300)
                    #expect(free.map(\.eventID) == freeWhileSending)
                    try await other.releaseLeases(free.map(\.id))
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            }
        }
        #expect(server.requests.map(\.path) == ["/shipments/A/A1"])
        #expect(try await fixture.states(4) == ["delivered/1", "pending/0", "pending/0", "pending/0"])
        // Given back on shutdown: another instance leases them at once, not after the lease.
        let after = try await other.leaseDeliveries(destination: "erp", limit: 10, now: Date(), leaseFor: 300)
        #expect(after.map(\.eventID) == ["B1", "C1", "D1"])
        await server.stop()
    }

    @Test func aDrainWaitsForRowsUntilToldNoMoreAreComing() async throws {
        let fixture = try await Fixture(events: [])
        let server = try await TestHTTPServer.start()
        let complete = Flag()
        let report = try await withHTTPClient { client in
            let worker = try worker(server, fixture.store, client: AsyncHTTPClientBox(client), idlePoll: .seconds(3600))
            async let report = worker.drain(timeout: .seconds(60), complete: { complete.value })
            // The outbox is empty, but the drain goes on: the file below is still being processed.
            try await Task.sleep(for: .milliseconds(300))
            complete.set()
            _ = try await fixture.store.commitIngest(Self.batch(name: "214-2.edi", events: ["A2": "A"]))
            return await report
        }
        #expect(
            report == DeliveryWorker.Report(delivered: 1, retried: 0, deadLettered: 0, remaining: 0, timedOut: false))
        #expect(server.requests.map(\.path) == ["/shipments/A/A2"])
        await server.stop()
    }

    /// A second file of events for `erp`, in the order given.
    static func batch(name: String, events: KeyValuePairs<String, String>) throws -> IngestBatch {
        let records = events.map { id, subject in
            EventRecord(
                id: id, type: "shipment.status", subject: subject, time: "2027-01-15T07:55:00-05:00",
                transactionIndex: 0, json: Data(#"{"id":"\#(id)"}"#.utf8))
        }
        return IngestBatch(
            identity: FileIdentity(
                source: "acme-inbox", path: try RemotePath("in/\(name)"), size: 1200, modified: 1_799_990_001),
            file: FileRecord(
                source: "acme-inbox", partner: "acme", name: name, sha256: String(repeating: "1", count: 64),
                size: 1200, format: "x12", outcome: .processed, receivedAt: Date(), eventCount: records.count),
            events: records, deliveries: records.map { (eventID: $0.id, destination: "erp") })
    }

    @Test func aCommitWakesTheIdleWorkerLongBeforeItsPoll() async throws {
        let fixture = try await Fixture(events: [("A1", "A")])
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let worker = try worker(server, fixture.store, client: AsyncHTTPClientBox(client), idlePoll: .seconds(3600))
            try await testGracefulShutdown { trigger in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await worker.run() }
                    try await server.waitForRequests(count: 1)
                    // Let the worker record A1, find nothing more and go to sleep for its hour.
                    try await Task.sleep(for: .milliseconds(300))
                    _ = try await fixture.store.commitIngest(Self.batch(name: "214-2.edi", events: ["A2": "A"]))
                    // Within the server's 30 s wait, not the worker's hour.
                    try await server.waitForRequests(count: 2)
                    trigger.triggerGracefulShutdown()
                    try await group.waitForAll()
                }
            }
        }
        #expect(server.requests.map(\.path) == ["/shipments/A/A1", "/shipments/A/A2"])
        #expect(try await fixture.states(2) == ["delivered/1", "delivered/1"])
        await server.stop()
    }
}

/// A flag one task sets and another reads.
final class Flag: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// Carries the test's client into helpers.
struct AsyncHTTPClientBox {
    let client: HTTPClient
    init(_ client: HTTPClient) { self.client = client }
}

extension DeliveryWorker.Report {
    init(delivered: Int, retried: Int, deadLettered: Int, remaining: Int, timedOut: Bool) {
        self.init()
        self.delivered = delivered
        self.retried = retried
        self.deadLettered = deadLettered
        self.remaining = remaining
        self.timedOut = timedOut
    }
}
