import Foundation
import GRDB
import TestSupport
import Testing
import Transport
import X12

@testable import Store

/// The store's cheap writes: times formatted by hand exactly as GRDB formats a `Date`, outbox rows and
/// attempts written with multi-row statements (more rows than one chunk), and leases ended by `IN` lists.
@Suite struct SQLiteStoreBatchWriteTests {
    /// GRDB's own text for a `Date` (through Foundation's `DateFormatter`).
    static func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func handFormattedTimesAreGRDBsTextByteForByte() {
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), fixedStart, fixedStart.addingTimeInterval(0.0005),
            fixedStart.addingTimeInterval(0.9999), fixedStart.addingTimeInterval(-0.0001),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999),  // 2100-02-28 23:59:59.999
            Date(timeIntervalSince1970: 253_402_300_799.5),  // 9999-12-31 23:59:59.500
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_200_000_000, using: &generator)))
        }
        for _ in 0..<2_000 {
            // Whole milliseconds and a hair either side of them, where rounding would show.
            let millis = Double(Int64.random(in: 1_500_000_000_000..<2_000_000_000_000, using: &generator))
            dates.append(Date(timeIntervalSince1970: millis / 1000))
            dates.append(Date(timeIntervalSince1970: millis / 1000 + 0.000_000_1))
            dates.append(Date(timeIntervalSince1970: millis / 1000 - 0.000_000_1))
        }
        var mismatches: [String] = []
        for date in dates where StoreTime.text(date) != Self.grdbText(date) {
            mismatches.append("\(date.timeIntervalSince1970): \(StoreTime.text(date)) vs \(Self.grdbText(date) ?? "nil")")
        }
        #expect(mismatches.prefix(5) == [])
        #expect(StoreTime.text(fixedStart) == "2027-01-15 08:00:00.000")
        // To the nearest millisecond, as Foundation does, carried into the next day.
        #expect(StoreTime.text(fixedStart.addingTimeInterval(86_399.9994)) == "2027-01-16 07:59:59.999")
        #expect(StoreTime.text(fixedStart.addingTimeInterval(86_399.9996)) == "2027-01-16 08:00:00.000")
        // Out of the fast range: GRDB's text.
        let early = Date(timeIntervalSince1970: -86_400 * 365.25 * 300)
        #expect(StoreTime.text(early) == Self.grdbText(early))
    }

    @Test func aFileOfManyEventsGetsItsOutboxRowsInEventOrderWithOneTimeText() async throws {
        let folder = try TemporaryFolder()
        let clock = TestClock(fixedStart.addingTimeInterval(0.25))
        let store = try openStore(folder, clock: clock)
        let events = (1...150).map { event("E\($0)", subject: "S\($0 % 7)", transaction: $0) }
        _ = try await store.commitIngest(try eventBatch("many.edi", events: events))
        let queue = try DatabaseQueue(path: folder.database.path)
        let rows = try await queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.event_id, o.subject, o.state, o.next_attempt_at, o.created_at, o.updated_at,
                        e.id AS event_row, e.event_id AS event_event_id
                    FROM outbox o JOIN event e ON e.id = o.event_row_id ORDER BY o.id
                    """)
        }
        #expect(rows.count == 150)
        #expect(rows.map { $0["event_id"] as String } == events.map(\.id))
        #expect(rows.map { $0["id"] as Int64 } == Array(1...150))
        #expect(rows.allSatisfy { ($0["event_id"] as String) == ($0["event_event_id"] as String) })
        #expect(rows[149]["subject"] as String? == "S3")
        let times = Set(rows.flatMap { [$0["next_attempt_at"], $0["created_at"], $0["updated_at"]] as [String] })
        #expect(times == ["2027-01-15 08:00:00.250"])
        #expect(rows.allSatisfy { ($0["state"] as String) == "pending" })
    }

    @Test func aRoundRecordsAndReleasesMoreThanOneChunkInOrder() async throws {
        let folder = try TemporaryFolder()
        let events = (1...200).map { event("E\($0)", subject: "S\($0)") }
        let (store, other) = try await twoInstances(folder, committing: events, file: "many.edi")
        let now = fixedStart
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 200, now: now, leaseFor: 300)
        #expect(leased.count == 200)
        #expect(try await other.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300).isEmpty)

        // 130 answers (delivered, retry, dead letter in turn, times 125 ms apart) and 70 given back.
        let answered = Array(leased.prefix(130))
        let attempts = answered.enumerated().map { index, item in
            let at = now.addingTimeInterval(Double(index) * 0.125)
            switch index % 3 {
            case 0: return SQLiteStoreOutboxTests.attempt(item, .delivered, at: at, status: 200)
            case 1:
                return SQLiteStoreOutboxTests.attempt(item, .retry, at: at, status: 503, retryAt: at.addingTimeInterval(60))
            default: return SQLiteStoreOutboxTests.attempt(item, .deadLetter, at: at, status: 422, body: "no")
            }
        }
        let next = try await store.deliveryRound(
            destination: "erp", record: attempts, release: leased.suffix(70).map(\.id), lease: 0, now: now,
            leaseFor: 300)
        #expect(next.isEmpty)

        let queue = try DatabaseQueue(path: folder.database.path)
        let recorded = try await queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT outbox_id, result, status, attempted_at, next_attempt_at FROM attempt ORDER BY id")
        }
        #expect(recorded.map { $0["outbox_id"] as Int64 } == answered.map(\.id.rawValue))
        #expect(recorded.map { $0["result"] as String } == attempts.map(\.result.rawValue))
        #expect(recorded[129]["attempted_at"] as String == "2027-01-15 08:00:16.125")
        #expect(recorded[1]["next_attempt_at"] as String? == "2027-01-15 08:01:00.125")
        #expect(recorded[0]["next_attempt_at"] as String? == nil)
        let outbox = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT state, attempts, leased_by, updated_at, next_attempt_at FROM outbox ORDER BY id")
        }
        #expect(outbox.prefix(130).map { $0["state"] as String } == attempts.map {
            switch $0.result {
            case .delivered: "delivered"
            case .retry: "retrying"
            case .deadLetter: "dead"
            }
        })
        #expect(outbox.allSatisfy { ($0["leased_by"] as String?) == nil })
        #expect(outbox[127]["updated_at"] as String == "2027-01-15 08:00:15.875")
        #expect(outbox[127]["next_attempt_at"] as String == "2027-01-15 08:01:15.875")
        #expect(outbox.suffix(70).allSatisfy { ($0["attempts"] as Int) == 0 && ($0["state"] as String) == "pending" })

        // The 70 given back are free for anyone at once, in order.
        let free = try await other.leaseDeliveries(destination: "erp", limit: 100, now: now, leaseFor: 300)
        #expect(free.map(\.id) == leased.suffix(70).map(\.id))
    }

    @Test func aLateRetryForADeliveredRowIsKeptWithoutMovingItAndAnUnknownRowFailsTheRound() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(try eventBatch("one.edi", events: [event("A1", subject: "A")]))
        let now = fixedStart
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 1, now: now, leaseFor: 300)
        try await store.recordAttempt(SQLiteStoreOutboxTests.attempt(leased[0], .delivered, at: now, status: 200))
        try await store.recordAttempts([
            SQLiteStoreOutboxTests.attempt(leased[0], .retry, at: now, status: 503, retryAt: now),
            SQLiteStoreOutboxTests.attempt(leased[0], .deadLetter, at: now, status: 400),
        ])
        #expect(try await store.outboxState(leased[0].id)! == (state: .delivered, attempts: 1))
        var unknown = SQLiteStoreOutboxTests.attempt(leased[0], .retry, at: now, status: 503)
        unknown.outbox = OutboxID(rawValue: 42)
        await #expect {
            try await store.recordAttempts([
                SQLiteStoreOutboxTests.attempt(leased[0], .delivered, at: now, status: 200), unknown,
            ])
        } throws: { error in
            (error as? StoreError)?.code == .notFound && "\(error)".contains("outbox row 42 does not exist")
        }
        let queue = try DatabaseQueue(path: folder.database.path)
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") } == 3)
    }

    @Test func deliveriesMoveTheirRowsInChunksEachWithItsOwnStatusAndTime() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let events = (1...150).map { event("E\($0)", subject: "S\($0)") }
        _ = try await store.commitIngest(try eventBatch("many.edi", events: events))
        let now = fixedStart
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 150, now: now, leaseFor: 300)
        #expect(leased.count == 150)
        let statuses = [200, 201, 204]
        let attempts = leased.enumerated().map { index, item in
            SQLiteStoreOutboxTests.attempt(
                item, .delivered, at: now.addingTimeInterval(Double(index) * 0.25), status: statuses[index % 3])
        }
        // An unknown row among deliveries (in the second chunk) fails the round, naming it; nothing is written.
        var unknown = attempts[100]
        unknown.outbox = OutboxID(rawValue: 4242)
        await #expect {
            try await store.recordAttempts(Array(attempts.prefix(100)) + [unknown])
        } throws: { error in
            (error as? StoreError)?.code == .notFound && "\(error)".contains("outbox row 4242 does not exist")
        }
        let queue = try DatabaseQueue(path: folder.database.path)
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") } == 0)
        #expect(try await store.outboxState(leased[0].id)! == (state: .pending, attempts: 0))

        _ = try await store.deliveryRound(
            destination: "erp", record: attempts, release: [], lease: 0, now: now, leaseFor: 300)
        let outbox = try await queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT state, attempts, leased_by, lease_until, last_status, last_error, updated_at
                    FROM outbox ORDER BY id
                    """)
        }
        #expect(outbox.count == 150)
        #expect(outbox.allSatisfy { ($0["state"] as String) == "delivered" && ($0["attempts"] as Int) == 1 })
        #expect(outbox.allSatisfy { ($0["leased_by"] as String?) == nil && ($0["lease_until"] as String?) == nil })
        #expect(outbox.map { $0["last_status"] as Int } == (0..<150).map { statuses[$0 % 3] })
        #expect(outbox.allSatisfy { ($0["last_error"] as String?) == nil })
        #expect(outbox[0]["updated_at"] as String == "2027-01-15 08:00:00.000")
        #expect(outbox[65]["updated_at"] as String == "2027-01-15 08:00:16.250")
        #expect(outbox[149]["updated_at"] as String == "2027-01-15 08:00:37.250")
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") } == 150)
    }

    @Test func twoAttemptsOfOneRowInABatchAreRecordedInTheirOrder() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(
            try eventBatch("two.edi", events: [event("A1", subject: "A"), event("B1", subject: "B")]))
        let now = fixedStart
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 2, now: now, leaseFor: 300)
        // A retry, then the delivery of the same row; and a delivery of another row.
        try await store.recordAttempts([
            SQLiteStoreOutboxTests.attempt(leased[0], .retry, at: now, status: 503, retryAt: now),
            SQLiteStoreOutboxTests.attempt(leased[0], .delivered, at: now.addingTimeInterval(1), status: 200),
            SQLiteStoreOutboxTests.attempt(leased[1], .delivered, at: now.addingTimeInterval(2), status: 202),
        ])
        #expect(try await store.outboxState(leased[0].id)! == (state: .delivered, attempts: 2))
        #expect(try await store.outboxState(leased[1].id)! == (state: .delivered, attempts: 1))
        let queue = try DatabaseQueue(path: folder.database.path)
        let rows = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT last_status, updated_at FROM outbox ORDER BY id")
        }
        #expect(rows.map { $0["last_status"] as Int } == [200, 202])
        #expect(rows.map { $0["updated_at"] as String } == ["2027-01-15 08:00:01.000", "2027-01-15 08:00:02.000"])
    }
}
