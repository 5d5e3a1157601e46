import Foundation
import Store
import TestSupport
import Testing
import Transport
import X12

@Suite struct SQLiteStoreIngestTests {
    /// A 214 file with one interchange, one group and two sets, the second rejected; two events, three
    /// deliveries and one 997.
    static func fullBatch(name: String = "214_acme_0001.edi") throws -> IngestBatch {
        let received = fixedStart
        return IngestBatch(
            identity: try identity(name),
            file: FileRecord(
                source: "acme-inbox", partner: "acme", name: name,
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", size: 1200, format: "x12",
                outcome: .partial, note: "1 of 2 transaction sets rejected", receivedAt: received,
                transactionsAccepted: 1, transactionsRejected: 1, eventCount: 2),
            interchanges: [
                InterchangeRecord(
                    senderQualifier: "ZZ", sender: "ACME", receiverQualifier: "ZZ", receiver: "CROSSDOCK",
                    controlNumber: "000000905", version: "00401", byteOffset: 0, verdict: "accepted")
            ],
            groups: [
                GroupRecord(
                    interchangeControlNumber: "000000905", functionalID: "QM", controlNumber: "77",
                    version: "004010", byteOffset: 106, verdict: "P", applicationSender: "ACME",
                    applicationReceiver: "CROSSDOCK")
            ],
            transactions: [
                TransactionRecord(
                    index: 0, interchangeControlNumber: "000000905", groupControlNumber: "77", controlNumber: "0001",
                    transactionSet: "214", version: "004010", byteOffset: 160, byteLength: 412, verdict: "A",
                    findings: ""),
                TransactionRecord(
                    index: 1, interchangeControlNumber: "000000905", groupControlNumber: "77", controlNumber: "0002",
                    transactionSet: "214", version: "004010", byteOffset: 572, byteLength: 388, verdict: "R",
                    findings: #"{"kind":"missingSegment","segment":14,"tag":"B10"}"#),
            ],
            events: [
                event("ev-1", subject: "SHIP-1", transaction: 0),
                event("ev-2", subject: "SHIP-2", transaction: 0, type: "shipment.status"),
            ],
            deliveries: [
                (eventID: "ev-1", destination: "erp"), (eventID: "ev-1", destination: "billing"),
                (eventID: "ev-2", destination: "erp"),
            ],
            acks: [
                AckRecord(
                    partner: "acme", kind: "997", answersInterchange: "000000905", controlNumber: "000000001",
                    code: "P", target: "acme-outbound", fileName: "997_000000001.edi", bytes: Data("ISA*00*...~".utf8))
            ])
    }

    @Test func lineageReturnsExactlyWhatWasCommittedWithAttempts() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let batch = try Self.fullBatch()
        guard case .committed(let fileID) = try await store.commitIngest(batch) else {
            Issue.record("expected a commit")
            return
        }
        #expect(fileID == FileID(rawValue: 1))

        let leased = try await store.leaseDeliveries(destination: "erp", limit: 10, now: fixedStart, leaseFor: 60)
        #expect(leased.map(\.eventID) == ["ev-1", "ev-2"])
        #expect(leased.map(\.id.rawValue) == [1, 3])
        #expect(leased[0].body == batch.events[0].json)
        let attemptedAt = fixedStart.addingTimeInterval(5)
        let failed = DeliveryAttempt(
            outbox: leased[0].id, eventID: "ev-1", destination: "erp", result: .retry, status: 503, latency: 0.25,
            error: "HTTP 503", attemptedAt: attemptedAt, nextAttemptAt: attemptedAt.addingTimeInterval(30))
        try await store.recordAttempt(failed)

        let lineage = try #require(try await store.lineage(of: fileID))
        var expectedFile = batch.file
        expectedFile.id = fileID
        #expect(lineage.file == expectedFile)
        #expect(lineage.interchanges == batch.interchanges)
        #expect(lineage.groups == batch.groups)
        #expect(lineage.transactions == batch.transactions)
        #expect(lineage.events.map(\.record) == batch.events)
        let ev1 = lineage.events[0].deliveries
        #expect(ev1.map(\.destination) == ["erp", "billing"])
        #expect(ev1.map(\.state) == [.retrying, .pending])
        #expect(ev1[0].attempts == [failed])
        #expect(ev1[1].attempts.isEmpty)
        #expect(lineage.events[1].deliveries.map(\.state) == [.pending])
        #expect(lineage.acks.count == 1)
        var expectedAck = batch.acks[0]
        expectedAck.id = AckID(rawValue: 1)
        expectedAck.fileID = fileID
        #expect(lineage.acks[0] == expectedAck)
        #expect(try await store.lineage(of: FileID(rawValue: 2)) == nil)
    }

    @Test func secondCommitOfTheSameFileChangesNothing() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let batch = try Self.fullBatch()
        let first = try await store.commitIngest(batch)
        let second = try await store.commitIngest(batch)
        #expect(first == .committed(FileID(rawValue: 1)))
        #expect(second == .alreadyIngested(FileID(rawValue: 1)))
        #expect(try await store.files(FileQuery()).count == 1)
        let summaries = try await store.destinationSummaries()
        #expect(summaries.map(\.destination) == ["billing", "erp"])
        #expect(summaries.map(\.pending) == [1, 2])
        #expect(try await store.pendingAcks(limit: 10).count == 1)
        // The ledger row was created for the file given directly: fetched, unheld, ingested.
        let entry = try #require(try await store.ledgerEntry(for: batch.identity))
        #expect(entry.state == .fetched)
        #expect(entry.holder == nil)
        #expect(entry.ingestedFileID == FileID(rawValue: 1))
        #expect(try await store.claim(batch.identity) == .cleanupPending)
    }

    @Test func batchNamingAnUnknownEventIsRefusedAndWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        var batch = try eventBatch("bad.edi", events: [event("ev-1", subject: "A")])
        batch.deliveries.append((eventID: "ev-9", destination: "erp"))
        do {
            _ = try await store.commitIngest(batch)
            Issue.record("expected invalidBatch")
        } catch let error as StoreError {
            #expect(error.code == .invalidBatch)
            #expect(error.operation == "commitIngest")
            #expect(error.message.contains("delivery 2 of file 'bad.edi' names event ev-9"))
        }
        #expect(try await store.files(FileQuery()).isEmpty)
        #expect(try await store.destinationSummaries().isEmpty)
        #expect(try await store.ledgerEntry(for: batch.identity) == nil)
    }

    @Test func ingestMarksTheClaimedLedgerRowAndLeavesSpooledButNotIngested() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let first = try identity("a.edi")
        let second = try identity("b.edi")
        #expect(try await store.claim(first) == .claimed)
        try await store.recordFetched(first, sha256: "aa", spooledAs: try RemoteName("0001-a.edi"))
        #expect(try await store.claim(second) == .claimed)
        try await store.recordFetched(second, sha256: "bb", spooledAs: try RemoteName("0002-b.edi"))
        try await store.complete(second)
        #expect(try await store.spooledButNotIngested().map(\.spooledAs.value) == ["0001-a.edi", "0002-b.edi"])

        var batch = try eventBatch("a.edi", events: [event("ev-1", subject: "A")])
        batch.identity = first
        #expect(try await store.commitIngest(batch) == .committed(FileID(rawValue: 1)))
        let left = try await store.spooledButNotIngested()
        #expect(left == [SpooledFileRecord(identity: second, sha256: "bb", spooledAs: try RemoteName("0002-b.edi"))])
        let entry = try #require(try await store.ledgerEntry(for: first))
        #expect(entry.state == .fetched)
        #expect(entry.sha256 == "aa")
        #expect(entry.ingestedFileID == FileID(rawValue: 1))
    }

    @Test func priorOccurrenceFindsInterchangeGroupAndTransactionSinceADate() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        _ = try await store.commitIngest(try Self.fullBatch())
        let day: TimeInterval = 86_400
        let before = fixedStart.addingTimeInterval(-day)
        let one = FileID(rawValue: 1)
        #expect(
            try await store.priorOccurrence(
                of: .interchange(sender: "ZZ:ACME", receiver: "ZZ:CROSSDOCK", controlNumber: "000000905"), since: before
            ) == one)
        #expect(
            try await store.priorOccurrence(
                of: .interchange(sender: "ZZ:ACME", receiver: "ZZ:CROSSDOCK", controlNumber: "000000905"),
                since: fixedStart.addingTimeInterval(1)) == nil)
        #expect(
            try await store.priorOccurrence(
                of: .interchange(sender: "01:ACME", receiver: "ZZ:CROSSDOCK", controlNumber: "000000905"), since: before
            ) == nil)
        #expect(
            try await store.priorOccurrence(
                of: .group(sender: "ACME", receiver: "CROSSDOCK", controlNumber: "77"), since: before) == one)
        #expect(
            try await store.priorOccurrence(
                of: .group(sender: "ACME", receiver: "CROSSDOCK", controlNumber: "78"), since: before) == nil)
        #expect(
            try await store.priorOccurrence(
                of: .transaction(sender: "ACME", receiver: "CROSSDOCK", group: "77", controlNumber: "0002"),
                since: before) == one)
        #expect(
            try await store.priorOccurrence(
                of: .transaction(sender: "ACME", receiver: "CROSSDOCK", group: "78", controlNumber: "0002"),
                since: before) == nil)
    }

    @Test func filesFilterByPartnerOutcomeAndTimeNewestFirst() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        for (index, outcome) in [FileOutcome.processed, .rejected, .processed].enumerated() {
            var batch = try eventBatch(
                "f\(index).edi", events: [], receivedAt: fixedStart.addingTimeInterval(Double(index) * 60))
            batch.file.outcome = outcome
            _ = try await store.commitIngest(batch)
        }
        #expect(try await store.files(FileQuery()).map(\.name) == ["f2.edi", "f1.edi", "f0.edi"])
        #expect(try await store.files(FileQuery(outcome: .processed)).map(\.name) == ["f2.edi", "f0.edi"])
        #expect(
            try await store.files(FileQuery(receivedAfter: fixedStart.addingTimeInterval(60))).map(\.name) == [
                "f2.edi", "f1.edi",
            ])
        #expect(
            try await store.files(FileQuery(receivedBefore: fixedStart.addingTimeInterval(60))).map(\.name) == [
                "f0.edi"
            ])
        #expect(try await store.files(FileQuery(partner: "other")).isEmpty)
        #expect(try await store.files(FileQuery(limit: 1, offset: 1)).map(\.name) == ["f1.edi"])
    }

    @Test func everythingCommittedIsSeenByANewInstanceOnTheSameFile() async throws {
        let folder = try TemporaryFolder()
        let batch = try Self.fullBatch()
        var lineage: FileLineage?
        do {
            let store = try openStore(folder)
            _ = try await store.commitIngest(batch)
            _ = try await store.nextControlNumber(.interchange, sender: "ZZ:CROSSDOCK", receiver: "ZZ:ACME")
            _ = try await store.replay(.event("ev-2"), actor: "ops", reason: nil, now: fixedStart)
            lineage = try await store.lineage(of: FileID(rawValue: 1))
            try store.close()
            await #expect(throws: StoreError.self) { try await store.files(FileQuery()) }
        }
        let reopened = try openStore(folder)
        #expect(try await reopened.lineage(of: FileID(rawValue: 1)) == lineage)
        #expect(try await reopened.auditLog(limit: 10, offset: 0).map(\.target) == ["event ev-2"])
        #expect(try await reopened.nextControlNumber(.interchange, sender: "ZZ:CROSSDOCK", receiver: "ZZ:ACME") == 2)
        #expect(try await reopened.commitIngest(batch) == .alreadyIngested(FileID(rawValue: 1)))
    }
}
