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

    /// A target that answers 2xx, one request at a time, in order; its `gate`-th delivery first waits until
    /// `recorded` attempts are in the store, for `patience` at most (then `stalled` is set).
    final class GatedTarget: DeliveryTarget {
        let name = "erp"
        let concurrency = 1
        let retryPolicy = RetryPolicy()
        let circuitBreakerPolicy = CircuitBreakerPolicy()
        let gate: Int
        let recorded: Int
        let patience: Duration
        private let queue: DatabaseQueue
        private struct State {
            var delivered: [String] = []
            var stalled = false
        }
        private let state = Mutex(State())

        init(database: URL, gate: Int, recorded: Int, patience: Duration) throws {
            queue = try DatabaseQueue(path: database.path)
            self.gate = gate
            self.recorded = recorded
            self.patience = patience
        }

        var delivered: [String] { state.withLock { $0.delivered } }
        var stalled: Bool { state.withLock { $0.stalled } }

        func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
            let count = state.withLock { state in
                state.delivered.append(item.eventID)
                return state.delivered.count
            }
            if count == gate {
                let deadline = ContinuousClock.now + patience
                while await attempts() < recorded {
                    if ContinuousClock.now >= deadline {
                        state.withLock { $0.stalled = true }
                        break
                    }
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            return .delivered(status: 200)
        }

        private func attempts() async -> Int {
            (try? await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") ?? 0 }) ?? 0
        }
    }

    @Test func afterAShortRoundAnswersAwaitingTheirRecordStartTheNextRound() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-rounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("crossdock.sqlite")
        let store = try SQLiteStore(at: database)
        // Four shipments of two events each, in file order S1-1, S1-2, S2-1, …: a lease finds only the four
        // first events (each second one waits for its first), so the first round of a batch of 8 is short.
        let ids = (1...4).flatMap { shipment in ["S\(shipment)-1", "S\(shipment)-2"] }
        let records = ids.map { id in
            EventRecord(
                id: id, type: "shipment.status", subject: String(id.prefix(2)), time: nil, transactionIndex: 0,
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

        // Two answers are a quarter of the batch: they start a round (recording them) while S3-1 and S4-1
        // still wait to be sent. S3-1's delivery waits for that record; had the worker waited for every
        // held row to be answered first, it would wait out its patience.
        let target = try GatedTarget(database: database, gate: 3, recorded: 2, patience: .seconds(120))
        let worker = DeliveryWorker(
            target: target, store: store, settings: DeliveryWorker.Settings(idlePoll: .milliseconds(50), leaseBatch: 8),
            logger: quietLogger)
        let report = await worker.drain(timeout: .seconds(600))

        #expect(report == DeliveryWorker.Report(delivered: 8, retried: 0, deadLettered: 0, remaining: 0, timedOut: false))
        #expect(!target.stalled)
        #expect(Array(target.delivered.prefix(4)) == ["S1-1", "S2-1", "S3-1", "S4-1"])
        for shipment in 1...4 {
            let first = target.delivered.firstIndex(of: "S\(shipment)-1")
            let second = target.delivered.firstIndex(of: "S\(shipment)-2")
            #expect(first != nil && second != nil && first! < second!)
        }
    }
}
