import Foundation
import Store
import TestSupport
import Testing
import Transport
import X12

@Suite struct SQLiteStoreOutboxTests {
    static func attempt(
        _ item: OutboxItem, _ result: DeliveryAttempt.Result, at: Date, status: Int?, retryAt: Date? = nil,
        body: String? = nil
    )
        -> DeliveryAttempt
    {
        DeliveryAttempt(
            outbox: item.id, eventID: item.eventID, destination: item.destination, result: result, status: status,
            latency: 0.125, error: result == .delivered ? nil : "HTTP \(status ?? 0)", responseBody: body,
            attemptedAt: at, nextAttemptAt: retryAt)
    }

    @Test func aRetryingRowHoldsBackOnlyLaterRowsOfItsSubjectAndADeadOneFreesThem() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let now = fixedStart
        _ = try await store.commitIngest(
            try eventBatch(
                "214.edi",
                events: [
                    event("A1", subject: "A"), event("A2", subject: "A"), event("B1", subject: "B"),
                    event("B2", subject: "B"), event("N1", subject: nil),
                ]))
        let first = try await store.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300)
        #expect(first.map(\.eventID) == ["A1", "B1", "N1"])
        // Another destination's rows are apart.
        #expect(try await store.leaseDeliveries(destination: "billing", limit: 10, now: now, leaseFor: 300).isEmpty)

        try await store.recordAttempt(
            Self.attempt(first[0], .retry, at: now, status: 503, retryAt: now.addingTimeInterval(60)))
        try await store.recordAttempt(Self.attempt(first[1], .delivered, at: now, status: 202))
        let second = try await store.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300)
        #expect(second.map(\.eventID) == ["B2"])
        try await store.recordAttempt(Self.attempt(second[0], .delivered, at: now, status: 202))
        #expect(
            try await store.leaseDeliveries(
                destination: "erp", limit: 10, now: now.addingTimeInterval(59), leaseFor: 300
            ).isEmpty)

        let retried = try await store.leaseDeliveries(
            destination: "erp", limit: 10, now: now.addingTimeInterval(60), leaseFor: 300)
        #expect(retried.map(\.eventID) == ["A1"])
        #expect(retried[0].attempts == 1)
        try await store.recordAttempt(
            Self.attempt(
                retried[0], .deadLetter, at: now.addingTimeInterval(61), status: 422,
                body: #"{"error":"unknown shipment"}"#))
        let freed = try await store.leaseDeliveries(
            destination: "erp", limit: 10, now: now.addingTimeInterval(61), leaseFor: 300)
        #expect(freed.map(\.eventID) == ["A2"])
        #expect(try await store.outboxState(first[0].id)! == (state: .dead, attempts: 2))
        #expect(try await store.outboxState(first[1].id)! == (state: .delivered, attempts: 1))
    }

    @Test func anExpiredLeaseIsLeasedAgain() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let now = fixedStart
        _ = try await store.commitIngest(
            try eventBatch("214.edi", events: [event("A1", subject: "A"), event("B1", subject: "B")]))
        let first = try await store.leaseDeliveries(destination: "erp", limit: 1, now: now, leaseFor: 30)
        #expect(first.map(\.eventID) == ["A1"])
        #expect(
            try await store.leaseDeliveries(destination: "erp", limit: 5, now: now.addingTimeInterval(29), leaseFor: 30)
                .map(\.eventID) == ["B1"])
        #expect(
            try await store.leaseDeliveries(
                destination: "erp", limit: 5, now: now.addingTimeInterval(29.5), leaseFor: 30
            ).isEmpty)
        let again = try await store.leaseDeliveries(
            destination: "erp", limit: 5, now: now.addingTimeInterval(30), leaseFor: 30)
        #expect(again.map(\.eventID) == ["A1"])
        #expect(again[0].id == first[0].id)
        #expect(again[0].attempts == 0)
    }

    @Test func twoInstancesLeasingAtOnceNeverGetTheSameRow() async throws {
        let folder = try TemporaryFolder()
        let stores = [try openStore(folder, owner: "one"), try openStore(folder, owner: "two")]
        let events = (1...300).map { event("ev-\($0)", subject: $0.isMultiple(of: 2) ? nil : "S\($0)") }
        _ = try await stores[0].commitIngest(try eventBatch("big.edi", events: events))
        let leased = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for store in stores {
                for _ in 0..<2 {
                    group.addTask {
                        var mine: [Int64] = []
                        // Bounded, so that a store handing rows out twice fails the test instead of looping.
                        for _ in 0..<100 {
                            let batch = try await store.leaseDeliveries(
                                destination: "erp", limit: 7, now: fixedStart, leaseFor: 600)
                            if batch.isEmpty { break }
                            mine += batch.map(\.id.rawValue)
                        }
                        return mine
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(leased.count == 300)
        #expect(Set(leased) == Set(1...300))
    }

    @Test func attemptsAreCountedAndSummarisedPerDestination() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, clock: TestClock())
        let now = fixedStart
        var batch = try eventBatch(
            "214.edi", events: [event("A1", subject: "A"), event("B1", subject: "B"), event("C1", subject: "C")])
        batch.deliveries.append((eventID: "A1", destination: "billing"))
        _ = try await store.commitIngest(batch)
        let rows = try await store.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 60)
        try await store.recordAttempt(Self.attempt(rows[0], .delivered, at: now, status: 200))
        try await store.recordAttempt(
            Self.attempt(
                rows[1], .retry, at: now.addingTimeInterval(1), status: 429, retryAt: now.addingTimeInterval(120)))
        try await store.recordAttempt(
            Self.attempt(rows[2], .deadLetter, at: now.addingTimeInterval(2), status: 400, body: "bad request"))

        let summaries = try await store.destinationSummaries()
        #expect(summaries.map(\.destination) == ["billing", "erp"])
        #expect(summaries[1].pending == 0)
        #expect(summaries[1].retrying == 1)
        #expect(summaries[1].delivered == 1)
        #expect(summaries[1].dead == 1)
        #expect(summaries[1].lastError == "HTTP 400")
        #expect(summaries[1].oldestWaiting == fixedStart)
        #expect(summaries[0].pending == 1)
        #expect(summaries[0].lastError == nil)

        let failures = try await store.recentFailures(limit: 10)
        #expect(failures.map(\.eventID) == ["C1", "B1"])
        #expect(failures.map(\.status) == [400, 429])
        #expect(failures[1].nextAttemptAt == now.addingTimeInterval(120))

        let dead = try await store.deadLetters(destination: "erp", limit: 10, offset: 0)
        #expect(
            dead == [
                DeadLetter(
                    outbox: rows[2].id, eventID: "C1", eventType: "shipment.status", subject: "C", destination: "erp",
                    attempts: 1, status: 400, error: "HTTP 400", responseBody: "bad request",
                    at: now.addingTimeInterval(2))
            ])
        #expect(try await store.deadLetters(destination: nil, limit: 10, offset: 0).count == 1)
        #expect(try await store.deadLetters(destination: "billing", limit: 10, offset: 0).isEmpty)

        // A late retry never moves a delivered row back.
        try await store.recordAttempt(
            Self.attempt(rows[0], .retry, at: now.addingTimeInterval(3), status: 503, retryAt: now))
        #expect(try await store.outboxState(rows[0].id)! == (state: .delivered, attempts: 1))
    }

    @Test func unknownOutboxAndAckIdsAreNotFound() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let item = OutboxItem(
            id: OutboxID(rawValue: 42), eventID: "x", eventType: "t", subject: nil, destination: "erp", attempts: 0,
            body: Data())
        await #expect(throws: StoreError.self) {
            try await store.recordAttempt(Self.attempt(item, .delivered, at: fixedStart, status: 200))
        }
        do {
            try await store.markAckSent(AckID(rawValue: 7), writtenAs: "997.edi", at: fixedStart)
            Issue.record("expected notFound")
        } catch let error as StoreError {
            #expect(error.code == .notFound)
            #expect(error.message == "ack 7 does not exist")
        }
    }

    @Test func replayPutsRowsBackWithTheirEventIdsAndIsAudited() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let now = fixedStart
        var batch = try eventBatch("214.edi", events: [event("A1", subject: "A"), event("B1", subject: "B")])
        batch.deliveries.append((eventID: "A1", destination: "billing"))
        _ = try await store.commitIngest(batch)
        let rows = try await store.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 60)
        try await store.recordAttempt(Self.attempt(rows[0], .deadLetter, at: now, status: 409, body: "conflict"))
        try await store.recordAttempt(Self.attempt(rows[1], .delivered, at: now, status: 200))

        let later = now.addingTimeInterval(3600)
        #expect(
            try await store.replay(
                .deadLetters(destination: "erp"), actor: "alice", reason: "mapping fixed", now: later) == 1)
        #expect(try await store.outboxState(rows[0].id)! == (state: .pending, attempts: 1))
        #expect(try await store.deadLetters(destination: nil, limit: 10, offset: 0).isEmpty)
        let again = try await store.leaseDeliveries(destination: "erp", limit: 10, now: later, leaseFor: 60)
        #expect(again.map(\.eventID) == ["A1"])
        #expect(again[0].attempts == 1)

        #expect(
            try await store.replay(
                .file(FileID(rawValue: 1)), actor: "bob", reason: nil, now: later.addingTimeInterval(1)) == 3)
        #expect(
            try await store.replay(
                .event("A1"), actor: "carol", reason: "asked by ERP", now: later.addingTimeInterval(2)) == 2)
        #expect(
            try await store.replay(.event("nope"), actor: "carol", reason: nil, now: later.addingTimeInterval(3)) == 0)
        #expect(try await store.outboxState(rows[1].id)! == (state: .pending, attempts: 1))

        let audit = try await store.auditLog(limit: 3, offset: 0)
        #expect(
            audit == [
                AuditEntry(
                    at: later.addingTimeInterval(3), actor: "carol", action: "replay", target: "event nope",
                    detail: "0 rows"),
                AuditEntry(
                    at: later.addingTimeInterval(2), actor: "carol", action: "replay", target: "event A1",
                    detail: "2 rows: asked by ERP"),
                AuditEntry(
                    at: later.addingTimeInterval(1), actor: "bob", action: "replay", target: "file 1",
                    detail: "3 rows"),
            ])
        #expect(
            try await store.auditLog(limit: 10, offset: 3) == [
                AuditEntry(
                    at: later, actor: "alice", action: "replay", target: "destination erp dead letters",
                    detail: "1 row: mapping fixed")
            ])
    }

    @Test func acksArePendingUntilMarkedSent() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(try SQLiteStoreIngestTests.fullBatch())
        let pending = try await store.pendingAcks(limit: 10)
        #expect(pending.map(\.id) == [AckID(rawValue: 1)])
        #expect(pending[0].fileID == FileID(rawValue: 1))
        try await store.markAckSent(AckID(rawValue: 1), writtenAs: "997_000000001.edi", at: fixedStart)
        #expect(try await store.pendingAcks(limit: 10).isEmpty)
        let ack = try #require(try await store.lineage(of: FileID(rawValue: 1))?.acks.first)
        #expect(ack.sentAt == fixedStart)
        #expect(ack.writtenAs == "997_000000001.edi")
    }

    @Test func acksAreMarkedSentTogetherAndUnknownIdsAreAnswered() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(try SQLiteStoreIngestTests.fullBatch())
        #expect(try await store.markAcksSent([], at: fixedStart) == [])
        let missing = try await store.markAcksSent(
            [
                AckSentMark(id: AckID(rawValue: 9), writtenAs: "nine.edi"),
                AckSentMark(id: AckID(rawValue: 1), writtenAs: "acme:997_000000001.edi"),
            ], at: fixedStart)
        #expect(missing == [AckID(rawValue: 9)])
        #expect(try await store.pendingAcks(limit: 10).isEmpty)
        let ack = try #require(try await store.lineage(of: FileID(rawValue: 1))?.acks.first)
        #expect(ack.sentAt == fixedStart)
        #expect(ack.writtenAs == "acme:997_000000001.edi")
    }

    @Test func controlNumbersFromTwoInstancesAtOnceAreAllDistinct() async throws {
        let folder = try TemporaryFolder()
        let stores = [try openStore(folder), try openStore(folder)]
        let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for store in stores {
                group.addTask {
                    var mine: [Int] = []
                    for _ in 0..<50 {
                        mine.append(
                            try await store.nextControlNumber(.interchange, sender: "ZZ:US", receiver: "ZZ:ACME"))
                    }
                    return mine
                }
                group.addTask {
                    // The synchronous X12.ControlNumbers face, as the ack builder calls it.
                    let numbers: any ControlNumbers = store
                    return try (0..<50).map { _ in try numbers.next(.interchange, sender: "ZZ:US", receiver: "ZZ:ACME")
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(numbers.sorted() == Array(1...200))
        // Pairs and kinds count apart.
        #expect(try await stores[0].nextControlNumber(.group, sender: "ZZ:US", receiver: "ZZ:ACME") == 1)
        #expect(try await stores[0].nextControlNumber(.interchange, sender: "ZZ:US", receiver: "ZZ:OTHER") == 1)
    }

    @Test func anAcknowledgementsNumbersAreReservedTogetherAfterTheLastOnesAndWrap() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        #expect(try await store.nextControlNumber(.interchange, sender: "ZZ:US", receiver: "ZZ:ACME") == 1)
        let first = try await store.reserveControlNumbers(interchanges: 1, groups: 2, sender: "ZZ:US", receiver: "ZZ:ACME")
        #expect(first.interchanges == [2])
        #expect(first.groups == [1, 2])
        try await store.setLastControlNumber(
            .group, sender: "ZZ:US", receiver: "ZZ:ACME", to: 999_999_998, actor: "ops", now: fixedStart)
        let second = try await store.reserveControlNumbers(interchanges: 1, groups: 3, sender: "ZZ:US", receiver: "ZZ:ACME")
        #expect(second.interchanges == [3])
        #expect(second.groups == [999_999_999, 1, 2])
        let none = try await store.reserveControlNumbers(interchanges: 0, groups: 0, sender: "ZZ:US", receiver: "ZZ:ACME")
        #expect(none.interchanges.isEmpty && none.groups.isEmpty)
        // Other pairs count apart.
        #expect(try await store.nextControlNumber(.interchange, sender: "ZZ:US", receiver: "ZZ:OTHER") == 1)
    }

    @Test func controlNumbersWrapAfterNineNines() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        try await store.setLastControlNumber(
            .interchange, sender: "A", receiver: "B", to: 999_999_998, actor: "ops", now: fixedStart)
        #expect(try await store.nextControlNumber(.interchange, sender: "A", receiver: "B") == 999_999_999)
        #expect(try store.next(.interchange, sender: "A", receiver: "B") == 1)
        #expect(try await store.auditLog(limit: 1, offset: 0).first?.action == "set-control-number")
    }
}

extension SQLiteStoreOutboxTests {
    @Test func attemptsRecordedTogetherAreAllOrNothing() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(
            try eventBatch("214.edi", events: [event("A1", subject: "A"), event("B1", subject: "B")]))
        let rows = try await store.leaseDeliveries(destination: "erp", limit: 10, now: fixedStart, leaseFor: 60)
        let unknown = OutboxItem(
            id: OutboxID(rawValue: 99), eventID: "Z", eventType: "t", subject: nil, destination: "erp", attempts: 0,
            body: Data())
        do {
            try await store.recordAttempts([
                Self.attempt(rows[0], .delivered, at: fixedStart, status: 200),
                Self.attempt(unknown, .delivered, at: fixedStart, status: 200),
            ])
            Issue.record("expected notFound")
        } catch let error as StoreError {
            #expect(error.code == .notFound)
            #expect(error.operation == "recordAttempts")
        }
        #expect(try await store.outboxState(rows[0].id)! == (state: .pending, attempts: 0))
        try await store.recordAttempts(rows.map { Self.attempt($0, .delivered, at: fixedStart, status: 200) })
        #expect(try await store.outboxState(rows[0].id)! == (state: .delivered, attempts: 1))
        #expect(try await store.outboxState(rows[1].id)! == (state: .delivered, attempts: 1))
    }
}
