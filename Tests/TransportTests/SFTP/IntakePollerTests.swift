import Foundation
import Testing
import Transport

@Suite("Intake polling against a real sshd")
struct IntakePollerTests {
    @Test func takesAFileStillGrowingOnlyOnceItIsStable() async throws {
        try await withSSHServer { server in
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let ledger = InMemoryClaimLedger()
            let source = IntakeSource(
                id: "acme", endpoint: server.endpoint(), folder: try RemotePath("inbox"),
                rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .unchangedFor(.seconds(5))))
            let poller = IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
            var tracker = StabilityTracker()
            let start = UnixTime.now

            try server.place("inbox/204_load.edi", Array("ISA*first half".utf8))
            var report = try await poller.poll(tracker: &tracker, now: start)
            #expect(report.fetched.isEmpty)
            #expect(report.waiting.map(\.string) == ["inbox/204_load.edi"])

            // The upload goes on: the size changed, so the clock starts again.
            try server.place(
                "inbox/204_load.edi", Array("ISA*first half, second half~IEA~".utf8),
                modified: Date(timeIntervalSince1970: Double(start.seconds + 10)))
            report = try await poller.poll(tracker: &tracker, now: UnixTime(seconds: start.seconds + 10))
            #expect(report.fetched.isEmpty)
            report = try await poller.poll(tracker: &tracker, now: UnixTime(seconds: start.seconds + 12))
            #expect(report.fetched.isEmpty)

            report = try await poller.poll(tracker: &tracker, now: UnixTime(seconds: start.seconds + 16))
            #expect(report.fetched.count == 1)
            let file = try #require(report.fetched.first).file
            #expect(file.size == Int64("ISA*first half, second half~IEA~".utf8.count))
            #expect(
                FileManager.default.contents(atPath: file.localPath).map { [UInt8]($0) }
                    == Array("ISA*first half, second half~IEA~".utf8))

            // Left in place (`.leave`): the ledger keeps it from being taken again.
            report = try await poller.poll(tracker: &tracker, now: UnixTime(seconds: start.seconds + 30))
            #expect(report.fetched.isEmpty)
            #expect(report.alreadyClaimed.map(\.string) == ["inbox/204_load.edi"])
        }
    }

    @Test func fetchesADropOfAThousandFilesExactlyOnceWithTwoPollersAtOnce() async throws {
        try await withSSHServer { server in
            let count = 1_000
            for i in 0..<count {
                try server.place("inbox/214_\(i).edi", Array("ST*214*\(i)~".utf8))
            }
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let ledger = InMemoryClaimLedger()
            let source = IntakeSource(
                id: "acme", endpoint: server.endpoint(), folder: try RemotePath("inbox"),
                rules: PickupRules(stability: .minimumAge(.zero), batchLimit: 250),
                afterFetch: .archive(try RemotePath("archive")))
            let spool = Spool(root: spoolRoot)

            // Two pollers on the same folder and ledger, as two instances would run.
            let reports = try await withThrowingTaskGroup(of: [PollReport].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let poller = IntakePoller(source: source, spool: spool, ledger: ledger)
                        var tracker = StabilityTracker()
                        var reports: [PollReport] = []
                        // Poll until the folder is drained. A poll that finds only files the other poller
                        // holds does no work, so the bound is generous and such polls back off briefly: on a
                        // loaded machine one poller can spin many times while the other fetches a batch.
                        for _ in 0..<400 {
                            let report = try await poller.poll(tracker: &tracker)
                            reports.append(report)
                            if report.fetched.isEmpty && report.waiting.isEmpty && report.alreadyClaimed.isEmpty {
                                break
                            }
                            if report.fetched.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
                        }
                        return reports
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let fetched = reports.flatMap(\.fetched)
            #expect(reports.flatMap(\.failures).isEmpty)
            #expect(fetched.count == count)
            #expect(Set(fetched.map(\.identity.path)).count == count)
            let counts = await ledger.fetchedCounts
            #expect(counts.count == count)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).count == count)
            #expect(server.names(in: "inbox").isEmpty)
            let day = UnixTime.now.datedFolder
            #expect(server.names(in: "archive/\(day)").count == count)
        }
    }
}
