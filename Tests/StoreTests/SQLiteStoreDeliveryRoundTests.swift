import Foundation
import Store
import TestSupport
import Testing
import Transport
import X12

/// A delivery worker's round (record, release, lease in one transaction), lease release, and the outbox signal.
@Suite struct SQLiteStoreDeliveryRoundTests {
    @Test func aRoundRecordsReleasesAndLeasesSeeingWhatItJustRecorded() async throws {
        let folder = try TemporaryFolder()
        let (store, other) = try await twoInstances(
            folder,
            committing: [
                event("A1", subject: "A"), event("A2", subject: "A"), event("B1", subject: "B"), event("C1", subject: "C"),
            ])
        let now = fixedStart
        let first = try await store.deliveryRound(
            destination: "erp", record: [], release: [], lease: 2, now: now, leaseFor: 300)
        #expect(first.map(\.eventID) == ["A1", "B1"])

        // A1 delivered, B1 given back unsent, and the lease sees both: A2 is free, B1 due again.
        let second = try await store.deliveryRound(
            destination: "erp",
            record: [SQLiteStoreOutboxTests.attempt(first[0], .delivered, at: now, status: 202)],
            release: [first[1].id], lease: 10, now: now, leaseFor: 300)
        #expect(second.map(\.eventID) == ["A2", "B1", "C1"])
        #expect(try await store.outboxState(first[0].id)! == (state: .delivered, attempts: 1))
        #expect(try await store.outboxState(first[1].id)! == (state: .pending, attempts: 0))
        #expect(try await other.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300).isEmpty)

        // Nothing to do: no transaction, nothing leased.
        #expect(
            try await store.deliveryRound(
                destination: "erp", record: [], release: [], lease: 0, now: now, leaseFor: 300
            ).isEmpty)
    }

    @Test func aRoundIsAllOrNothing() async throws {
        let folder = try TemporaryFolder()
        let (store, other) = try await twoInstances(
            folder, committing: [event("A1", subject: "A"), event("B1", subject: "B")])
        let now = fixedStart
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 1, now: now, leaseFor: 300)
        #expect(leased.map(\.eventID) == ["A1"])
        var unknown = SQLiteStoreOutboxTests.attempt(leased[0], .delivered, at: now, status: 200)
        unknown.outbox = OutboxID(rawValue: 99)
        await #expect {
            try await store.deliveryRound(
                destination: "erp",
                record: [SQLiteStoreOutboxTests.attempt(leased[0], .delivered, at: now, status: 200), unknown],
                release: [leased[0].id], lease: 10, now: now, leaseFor: 300)
        } throws: { error in
            (error as? StoreError)?.code == .notFound && (error as? StoreError)?.operation == "deliveryRound"
        }
        // A1 neither recorded nor released; B1 not leased.
        #expect(try await store.outboxState(leased[0].id)! == (state: .pending, attempts: 0))
        let free = try await other.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300)
        #expect(free.map(\.eventID) == ["B1"])
    }

    @Test func releaseGivesBackOnlyOurOwnLeases() async throws {
        let folder = try TemporaryFolder()
        let (store, other) = try await twoInstances(
            folder, committing: [event("A1", subject: "A"), event("B1", subject: "B")])
        let now = fixedStart
        let ours = try await store.leaseDeliveries(destination: "erp", limit: 1, now: now, leaseFor: 300)
        let theirs = try await other.leaseDeliveries(destination: "erp", limit: 1, now: now, leaseFor: 300)
        #expect(ours.map(\.eventID) == ["A1"])
        #expect(theirs.map(\.eventID) == ["B1"])
        try await store.releaseLeases([ours[0].id, theirs[0].id])
        // A1 is free for anyone at once; B1 stays with its holder.
        let free = try await other.leaseDeliveries(destination: "erp", limit: 10, now: now, leaseFor: 300)
        #expect(free.map(\.eventID) == ["A1"])
    }

    @Test func newAndReplayedRowsRaiseTheSignalAndADuplicateFileDoesNot() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let signal = try #require(store.outboxSignal)
        #expect(signal.generation == 0)
        let receipt = try await store.commitIngest(try eventBatch("214.edi", events: [event("A1", subject: "A")]))
        #expect(signal.generation == 1)
        guard case .committed(let file) = receipt else {
            Issue.record("not committed: \(receipt)")
            return
        }
        let again = try await store.commitIngest(try eventBatch("214.edi", events: [event("A1", subject: "A")]))
        #expect(again == .alreadyIngested(file))
        #expect(signal.generation == 1)
        // A file without events adds no outbox rows.
        _ = try await store.commitIngest(try eventBatch("empty.edi", events: []))
        #expect(signal.generation == 1)
        #expect(try await store.replay(.event("A1"), actor: "test", reason: nil, now: fixedStart) == 1)
        #expect(signal.generation == 2)
        #expect(try await store.replay(.event("nope"), actor: "test", reason: nil, now: fixedStart) == 0)
        #expect(signal.generation == 2)
    }

    @Test func aWaitEndsAtARaiseOrAtOnceWhenOneCameSinceItsGeneration() async throws {
        // Each wait says why it ended, so nothing here depends on how busy the machine is: a raise
        // must end a wait whose timeout is ten minutes away, whatever the clock shows.
        let signal = OutboxSignal()
        // Raised since generation 0: no wait at all, however long the timeout.
        signal.raise()
        #expect(await signal.wait(after: 0, timeout: .seconds(600)) == .raised)

        // A raise from another task ends a long wait.
        let generation = signal.generation
        async let waited = signal.wait(after: generation, timeout: .seconds(600))
        try await Task.sleep(for: .milliseconds(50))
        signal.raise()
        #expect(await waited == .raised)
        #expect(signal.generation == generation + 1)

        // Without a raise, the timeout ends it, never earlier.
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await signal.wait(after: signal.generation, timeout: .milliseconds(100)) == .timedOut)
        #expect(clock.now - started >= .milliseconds(100))
    }
}
