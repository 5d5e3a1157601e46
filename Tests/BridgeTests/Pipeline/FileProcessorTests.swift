import Bridge
import Canonical
import Foundation
import Mapping
import Store
import Testing
import TestSupport
import Transport
import X12

/// The file processor against a real SQLite store in a temporary folder, over the bundled samples.
@Suite struct FileProcessorTests {
    /// A store, a processor with both demo partners, and a spool folder, in a fresh temporary folder.
    struct Fixture {
        /// Removed with the fixture.
        let temporary: TemporaryFolder
        var folder: URL { temporary.url }
        let store: SQLiteStore
        let processor: FileProcessor

        init(duplicates: DuplicatePolicy = DuplicatePolicy(), ackPolicy: AckPolicy = AckPolicy()) throws {
            temporary = try TemporaryFolder("fp")
            store = try SQLiteStore(at: temporary.url.appendingPathComponent("store.sqlite"))
            let registry = MappingRegistry(folder: ProjectPaths.root.appendingPathComponent("mappings"))
            let partners = [
                PartnerProfile(
                    id: "acmefoods", interchangeSender: "ZZ:ACMEFOODS", ackPolicy: ackPolicy, duplicates: duplicates,
                    ackTarget: "acme-out"),
                PartnerProfile(
                    id: "prairiefrt", interchangeSender: "ZZ:PRAIRIEFRT", ackPolicy: ackPolicy, duplicates: duplicates,
                    ackTarget: "prairie-out"),
            ]
            processor = FileProcessor(
                store: store, registry: registry, partners: partners,
                route: { type in type == "freight.invoice" ? ["billing"] : ["erp"] },
                now: { Date(timeIntervalSince1970: 1_795_780_800) })  // 2026-11-27 12:00 UTC
        }

        /// Copies `bytes` into the folder and processes it as a file of source `hub`.
        func process(_ bytes: [UInt8], name: String, path: String? = nil, partner: String? = nil) async throws -> FileSummary {
            let local = folder.appendingPathComponent(UUID().uuidString)
            try Data(bytes).write(to: local)
            let identity = FileIdentity(source: "hub", path: try RemotePath(path ?? name), size: Int64(bytes.count), modified: 1)
            return try await processor.process(FileInput(
                identity: identity, name: name, localPath: local.path, sha256: FileDigest.sha256(bytes), partner: partner))
        }

        func process(_ sample: String) async throws -> FileSummary {
            let sample = Sample.named(sample)
            return try await process(sample.bytes, name: sample.fileName)
        }
    }

    static func fileID(_ summary: FileSummary) throws -> FileID {
        guard case .committed(let id) = summary.receipt else {
            Issue.record("not committed: \(summary.receipt)")
            throw CancellationError()
        }
        return id
    }

    @Test func aCleanTenderCommitsItsEventsOutboxRowsAndA997() async throws {
        let fx = try Fixture()
        let summary = try await fx.process("204_004010_acme_original_tender")
        #expect(summary.file.outcome == .processed)
        #expect(summary.file.partner == "acmefoods")
        #expect(summary.file.transactionsAccepted == 1)
        #expect(summary.file.transactionsRejected == 0)
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(summary)))
        #expect(lineage.interchanges.map(\.controlNumber) == ["000004711"])
        #expect(lineage.transactions.map(\.verdict) == ["A"])
        // The same events, byte for byte, as `crossdock translate` prints for the sample.
        let golden = try String(contentsOf: Sample.named("204_004010_acme_original_tender").golden("events"), encoding: .utf8)
        let stored = lineage.events.map { String(decoding: $0.record.json, as: UTF8.self) }
        #expect(stored == golden.split(separator: "\n").map(String.init))
        #expect(lineage.events.allSatisfy { $0.deliveries.map(\.destination) == ["erp"] && $0.deliveries.map(\.state) == [.pending] })
        #expect(lineage.acks.count == 1)
        let ack = try #require(lineage.acks.first)
        #expect(ack.kind == "997")
        #expect(ack.code == "A")
        #expect(ack.target == "acme-out")
        #expect(ack.fileName == "acmefoods-000000001-997.x12")
    }

    @Test func aPartlyBadGroupIsAcknowledgedAsTheGoldenSaysWithStoreControlNumbers() async throws {
        let fx = try Fixture()
        let summary = try await fx.process("204_004010_acme_two_sets_one_bad")
        #expect(summary.file.outcome == .partial)
        #expect(summary.file.transactionsAccepted == 1)
        #expect(summary.file.transactionsRejected == 1)
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(summary)))
        #expect(lineage.transactions.map(\.verdict) == ["A", "R"])
        #expect(lineage.transactions[1].findings.contains("\"code\":\"4\"") || !lineage.transactions[1].findings.isEmpty)
        let golden = try String(contentsOf: Sample.named("204_004010_acme_two_sets_one_bad").golden("ack"), encoding: .utf8)
            .replacingOccurrences(of: "000007001", with: "000000001")
            .replacingOccurrences(of: "*7001*", with: "*1*")
            .replacingOccurrences(of: "GE*1*7001~", with: "GE*1*1~")
        let ack = try #require(lineage.acks.first)
        #expect(String(decoding: ack.bytes, as: UTF8.self) == golden)
        #expect(ack.code == "P")
    }

    @Test func controlNumbersComeFromTheStoreAndNeverRepeat() async throws {
        let fx = try Fixture(duplicates: DuplicatePolicy(action: .accept))
        let first = try await fx.process(Sample.named("204_004010_acme_original_tender").bytes, name: "a.edi")
        let second = try await fx.process(Sample.named("204_004010_acme_original_tender").bytes, name: "b.edi")
        let acks = [
            try #require(try await fx.store.lineage(of: try Self.fileID(first))).acks,
            try #require(try await fx.store.lineage(of: try Self.fileID(second))).acks,
        ].flatMap { $0 }
        #expect(acks.map(\.controlNumber) == ["000000001", "000000002"])
    }

    @Test func aMailbagMapsEachInterchangesSetsOnceWithTheEventsTranslateGives() async throws {
        let fx = try Fixture()
        let summary = try await fx.process("mixed_004010_acme_mailbag")
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(summary)))
        let golden = try String(contentsOf: Sample.named("mixed_004010_acme_mailbag").golden("events"), encoding: .utf8)
        let expected = golden.split(separator: "\n").filter { $0.contains("\"specversion\"") }.map(String.init)
        #expect(lineage.events.map { String(decoding: $0.record.json, as: UTF8.self) } == expected)
        #expect(lineage.interchanges.count == 2)
        // Positions are unique in the file, and each event names the set it came from.
        #expect(lineage.transactions.map(\.index) == Array(1...lineage.transactions.count))
        let mapped = lineage.transactions.filter { $0.verdict != "R" }.map(\.index)
        #expect(Set(lineage.events.map(\.record.transactionIndex)).isSubset(of: Set(mapped)))
    }

    @Test func theSameLedgerEntryIsIngestedOnce() async throws {
        let fx = try Fixture()
        let bytes = Sample.named("214_004010_prfl_one_line").bytes
        let first = try await fx.process(bytes, name: "s.edi")
        let again = try await fx.process(bytes, name: "s.edi")
        let id = try Self.fileID(first)
        #expect(again.receipt == .alreadyIngested(id))
        #expect(try await fx.store.files(FileQuery()).count == 1)
    }

    @Test func aDuplicateInterchangeIsRejectedWithTA1Code025AndNoEvents() async throws {
        let fx = try Fixture()
        let bytes = Sample.named("204_004010_acme_original_tender").bytes
        _ = try await fx.process(bytes, name: "first.edi")
        let second = try await fx.process(bytes, name: "second.edi")
        #expect(second.file.outcome == .duplicate)
        #expect(second.file.eventCount == 0)
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(second)))
        #expect(lineage.events.isEmpty)
        let ack = try #require(lineage.acks.first)
        #expect(ack.kind == "TA1")
        #expect(ack.code == "R")
        let text = String(decoding: ack.bytes, as: UTF8.self)
        #expect(text.contains("TA1*000004711*"))
        #expect(text.contains("*R*025~"))
    }

    @Test func aDuplicateUnderTheWarnPolicyIsProcessedAndNoted() async throws {
        let fx = try Fixture(duplicates: DuplicatePolicy(action: .warn))
        let bytes = Sample.named("204_004010_acme_original_tender").bytes
        _ = try await fx.process(bytes, name: "first.edi")
        let second = try await fx.process(bytes, name: "second.edi")
        #expect(second.file.outcome == .processed)
        #expect(second.file.eventCount == 1)
        #expect(second.file.note?.contains("duplicate interchange 000004711") == true)
    }

    @Test func aSetSeenBeforeInANewInterchangeIsRejectedWithAK502Code23() async throws {
        let fx = try Fixture(duplicates: DuplicatePolicy(scopes: [.interchange, .transaction], action: .reject))
        let original = String(decoding: Sample.named("204_004010_acme_original_tender").bytes, as: UTF8.self)
        _ = try await fx.process(Array(original.utf8), name: "first.edi")
        // The same group and set control numbers inside a new interchange (ISA13 4712, IEA02 too).
        let resent = original.replacingOccurrences(of: "000004711", with: "000004712")
        let second = try await fx.process(Array(resent.utf8), name: "second.edi")
        #expect(second.file.outcome == .rejected)
        #expect(second.file.eventCount == 0)
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(second)))
        #expect(lineage.transactions.map(\.verdict) == ["R"])
        #expect(lineage.transactions.first?.findings.contains("\"code\":\"23\"") == true)
        let ack = String(decoding: try #require(lineage.acks.first).bytes, as: UTF8.self)
        #expect(ack.contains("AK5*R*23~"))
        #expect(ack.contains("AK9*R*1*1*0~"))
    }

    @Test func anUnknownSenderIsNeitherMappedNorAcknowledged() async throws {
        let fx = try Fixture()
        var text = String(decoding: Sample.named("204_004010_acme_original_tender").bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "ACMEFOODS      ", with: "STRANGER       ")
        let summary = try await fx.process(Array(text.utf8), name: "stranger.edi")
        #expect(summary.file.outcome == .rejected)
        #expect(summary.file.note?.contains("no partner is configured for sender ZZ:STRANGER") == true)
        #expect(summary.acks == 0)
        #expect(summary.file.eventCount == 0)
    }

    @Test func aFileThatIsNotX12OrAnyKnownLayoutIsCommittedAsFailedWithItsReason() async throws {
        let fx = try Fixture()
        let summary = try await fx.process(Array("hello, this is not a batch\n".utf8), name: "junk.txt")
        #expect(summary.file.outcome == .failed)
        #expect(summary.file.note?.isEmpty == false)
        #expect(summary.acks == 0)
    }

    @Test func aGzippedFileIsProcessedLikeItsContents() async throws {
        let fx = try Fixture()
        let sample = Sample.named("214_004010_prfl_one_line")
        let gzip = try Self.gzip(sample.bytes)
        let summary = try await fx.process(gzip, name: "status.edi.gz")
        #expect(summary.file.outcome == .processed)
        #expect(summary.file.eventCount == 2)  // one per AT7
    }

    @Test func aHubCSVBatchBecomesStatusEventsForItsConfiguredPartner() async throws {
        let fx = try Fixture()
        let sample = Sample(url: ProjectPaths.samples.appendingPathComponent("csv/status_hub_batch.csv"))
        let summary = try await fx.process(sample.bytes, name: sample.fileName, partner: "ACMEHUB")
        #expect(summary.file.format == "csv")
        #expect(summary.file.eventCount > 0)
        let lineage = try #require(try await fx.store.lineage(of: try Self.fileID(summary)))
        #expect(lineage.events.allSatisfy { $0.record.type == "shipment.status" })
        #expect(lineage.acks.isEmpty)
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
