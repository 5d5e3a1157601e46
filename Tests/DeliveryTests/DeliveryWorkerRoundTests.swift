import Foundation
import GRDB
import Logging
import Store
import Synchronization
import Testing
import Transport

@testable import Delivery

/// The worker's store rounds run beside its requests: a round waiting for the database does not stop the
/// sending of rows already leased.
@Suite struct DeliveryWorkerRoundTests {
    /// A target that answers 2xx at once, one request at a time, and counts. On its first delivery (the first round has committed,
    /// the second cannot have started) it takes the database's write lock through a connection of its own,
    /// so the worker's next round waits; it gives the lock back once `releaseAfter` deliveries are done, or
    /// after `patience` at the latest (so a worker that stops sending during a round fails the test
    /// instead of hanging it).
    final class LockingTarget: DeliveryTarget {
        let name = "erp"
        let concurrency = 1
        let retryPolicy = RetryPolicy()
        let circuitBreakerPolicy = CircuitBreakerPolicy()
        let releaseAfter: Int
        let patience: Duration
        private let queue: DatabaseQueue
        private struct State {
            var delivered: [String] = []
            var locked = false
            /// Deliveries made while the lock was held.
            var whileLocked = 0
        }
        private let state = Mutex(State())

        init(database: URL, releaseAfter: Int, patience: Duration) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            configuration.busyMode = .timeout(600)
            queue = try DatabaseQueue(path: database.path, configuration: configuration)
            self.releaseAfter = releaseAfter
            self.patience = patience
        }

        var delivered: [String] { state.withLock { $0.delivered } }
        var whileLocked: Int { state.withLock { $0.whileLocked } }

        func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
            let (first, release) = state.withLock { state -> (Bool, Bool) in
                state.delivered.append(item.eventID)
                if state.locked { state.whileLocked += 1 }
                return (state.delivered.count == 1, state.locked && state.delivered.count == releaseAfter)
            }
            if first {
                try? queue.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                state.withLock { $0.locked = true }
                let patience = patience
                Task {
                    try? await Task.sleep(for: patience)
                    self.unlock()
                }
            }
            if release { unlock() }
            return .delivered(status: 200)
        }

        func unlock() {
            let wasLocked = state.withLock { state -> Bool in
                defer { state.locked = false }
                return state.locked
            }
            if wasLocked { try? queue.inDatabase { db in try db.execute(sql: "COMMIT") } }
        }
    }

    @Test func sendingGoesOnWhileARoundWaitsForTheDatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-rounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("crossdock.sqlite")
        let store = try SQLiteStore(at: database, options: .init(busyTimeout: 600))
        let ids = (1...64).map { "E\($0)" }
        let records = ids.map { id in
            EventRecord(
                id: id, type: "shipment.status", subject: "S-\(id)", time: nil, transactionIndex: 0,
                json: Data(#"{"id":"\#(id)"}"#.utf8))
        }
        _ = try await store.commitIngest(
            IngestBatch(
                identity: FileIdentity(
                    source: "acme-inbox", path: try RemotePath("in/214.edi"), size: 1200, modified: 1_799_990_000),
                file: FileRecord(
                    source: "acme-inbox", partner: "acme", name: "214.edi", sha256: String(repeating: "0", count: 64),
                    size: 1200, format: "x12", outcome: .processed, receivedAt: Date(), eventCount: records.count),
                events: records, deliveries: records.map { (eventID: $0.id, destination: "erp") }))

        // Batch 64: the first round leases all 64, the second starts once 32 are answered and then waits
        // for the lock. The 32 rows still leased go out meanwhile; the 48th delivery gives the lock back.
        // The patience is long: the whole suite runs in parallel on few cores and may starve this test.
        let target = try LockingTarget(database: database, releaseAfter: 48, patience: .seconds(180))
        let worker = DeliveryWorker(
            target: target, store: store, settings: DeliveryWorker.Settings(idlePoll: .milliseconds(50), leaseBatch: 64),
            logger: quietLogger)
        let report = await worker.drain(timeout: .seconds(600))

        #expect(report == DeliveryWorker.Report(delivered: 64, retried: 0, deadLettered: 0, remaining: 0, timedOut: false))
        #expect(target.delivered == ids)
        // Sent while the second round waited: the 2nd to the 48th delivery.
        #expect(target.whileLocked == 47)
        let states = try await DatabaseQueue(path: database.path).read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT state FROM outbox")
        }
        #expect(states == ["delivered"])
    }
}
