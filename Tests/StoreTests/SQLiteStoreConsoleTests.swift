import Foundation
import Store
import TestSupport
import Testing
import Transport
import X12

@Suite struct SQLiteStoreConsoleTests {
    /// Three files of `acme`: processed at the start, rejected an hour later, processed a day later; an ack
    /// for the second; and one attempt of each result.
    static func seeded(_ folder: TemporaryFolder) async throws -> SQLiteStore {
        let store = try openStore(folder)
        var first = try eventBatch(
            "a.edi", events: [event("ev-1", subject: "S1"), event("ev-2", subject: "S2", transaction: 1)])
        first.file.partner = "acme"
        _ = try await store.commitIngest(first)
        var second = try eventBatch("b.edi", events: [], receivedAt: fixedStart.addingTimeInterval(3600))
        second.identity = try identity("b.edi", size: 7)
        second.file.outcome = .rejected
        second.acks = [
            AckRecord(
                partner: "acme", kind: "TA1", answersInterchange: "000000007", controlNumber: "000000002", code: "R",
                target: "acme-out", fileName: "acme-7.x12", bytes: Data("ISA~".utf8))
        ]
        _ = try await store.commitIngest(second)
        var third = try eventBatch(
            "c.edi", events: [event("ev-3", subject: "S3")], receivedAt: fixedStart.addingTimeInterval(86_400))
        third.identity = try identity("c.edi", size: 9)
        _ = try await store.commitIngest(third)
        let items = try await store.leaseDeliveries(
            destination: "erp", limit: 10, now: fixedStart.addingTimeInterval(90_000), leaseFor: 60)
        let results: [DeliveryAttempt.Result] = [.delivered, .retry, .deadLetter]
        for (item, result) in zip(items, results) {
            try await store.recordAttempt(
                DeliveryAttempt(
                    outbox: item.id, eventID: item.eventID, destination: "erp", result: result, status: 500,
                    latency: 0.1,
                    error: nil, attemptedAt: fixedStart.addingTimeInterval(90_000),
                    nextAttemptAt: result == .retry ? fixedStart.addingTimeInterval(99_000) : nil))
        }
        return store
    }

    @Test func eventsOfOneFileInFileOrderAndOfAllFilesNewestFirst() async throws {
        let folder = try TemporaryFolder()
        let store = try await Self.seeded(folder)
        let all = try await store.events(EventQuery(limit: 10))
        #expect(all.map(\.id) == ["ev-3", "ev-2", "ev-1"])
        #expect(all.map(\.fileName) == ["c.edi", "a.edi", "a.edi"])
        let first = try #require(all.last?.fileID)
        let ofFile = try await store.events(EventQuery(file: first, limit: 10))
        #expect(ofFile.map(\.id) == ["ev-1", "ev-2"])
        #expect(ofFile.map(\.transactionIndex) == [0, 1])
        let paged = try await store.events(EventQuery(limit: 1, offset: 1))
        #expect(paged.map(\.id) == ["ev-2"])
        #expect(try await store.events(EventQuery(type: "load.tendered", limit: 10)).isEmpty)
    }

    @Test func partnerActivityCountsFilesSinceATimeAndKeepsTheNewestFileAndAck() async throws {
        let folder = try TemporaryFolder()
        let store = try await Self.seeded(folder)
        let all = try await store.partnerActivity(since: fixedStart)
        #expect(all.map(\.partner) == ["acme"])
        #expect(all.first?.files == 3)
        #expect(all.first?.filesNotProcessed == 1)
        #expect(all.first?.lastFile?.name == "c.edi")
        #expect(all.first?.lastAck?.kind == "TA1")
        #expect(all.first?.lastAck?.code == "R")
        #expect(all.first?.lastAckCreatedAt != nil)
        let lastDay = try await store.partnerActivity(since: fixedStart.addingTimeInterval(7200))
        #expect(lastDay.first?.files == 1)
        #expect(lastDay.first?.filesNotProcessed == 0)
        let none = try await store.partnerActivity(since: fixedStart.addingTimeInterval(200_000))
        #expect(none.first?.files == 0)
        #expect(none.first?.filesNotProcessed == 0)
        #expect(none.first?.lastFile?.name == "c.edi")
    }

    @Test func activityCountsFilesByOutcomeEventsAndAttemptsSinceATime() async throws {
        let folder = try TemporaryFolder()
        let store = try await Self.seeded(folder)
        let all = try await store.activity(since: fixedStart)
        #expect(all.filesByOutcome == ["processed": 2, "partial": 0, "rejected": 1, "duplicate": 0, "failed": 0])
        #expect(all.events == 3)
        #expect(all.attemptsByResult == ["delivered": 1, "retry": 1, "deadLetter": 1])
        let later = try await store.activity(since: fixedStart.addingTimeInterval(7200))
        #expect(later.filesByOutcome["processed"] == 1)
        #expect(later.filesByOutcome["rejected"] == 0)
        #expect(later.events == 1)
        let none = try await store.activity(since: fixedStart.addingTimeInterval(100_000))
        #expect(none.attemptsByResult == ["delivered": 0, "retry": 0, "deadLetter": 0])
    }
}
