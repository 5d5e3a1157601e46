import Foundation
import Testing
import Transport

/// The poller's ledger steps come once per poll for the whole batch, so a persistent ledger syncs three
/// times per poll rather than three times per file.
@Suite("Intake: ledger steps per poll")
struct BatchedLedgerIntakeTests {
    /// Counts the calls a poller makes, and keeps the states in an in-memory ledger.
    actor CountingLedger: ClaimLedger {
        let inner = InMemoryClaimLedger()
        private(set) var calls: [String] = []

        func claim(_ file: FileIdentity) async throws -> ClaimOutcome {
            calls.append("claim")
            return await inner.claim(file)
        }
        func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) async throws {
            calls.append("recordFetched")
            await inner.recordFetched(file, sha256: sha256, spooledAs: spooledAs)
        }
        func complete(_ file: FileIdentity) async throws {
            calls.append("complete")
            await inner.complete(file)
        }
        func release(_ file: FileIdentity) async throws {
            calls.append("release \(file.path)")
            await inner.release(file)
        }
        func claimAll(_ files: [FileIdentity]) async throws -> [ClaimOutcome] {
            calls.append("claimAll \(files.map(\.path.string).joined(separator: ","))")
            var outcomes: [ClaimOutcome] = []
            for file in files { outcomes.append(await inner.claim(file)) }
            return outcomes
        }
        func recordAllFetched(_ files: [FetchedFile]) async throws {
            calls.append("recordAllFetched \(files.map(\.identity.path.string).joined(separator: ","))")
            for file in files { await inner.recordFetched(file.identity, sha256: file.sha256, spooledAs: file.spooledAs) }
        }
        func completeAll(_ files: [FileIdentity]) async throws {
            calls.append("completeAll \(files.map(\.path.string).joined(separator: ","))")
            for file in files { await inner.complete(file) }
        }
    }

    @Test func threeFilesTakeOneClaimOneRecordAndOneCompleteForTheBatch() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        for name in ["a.edi", "b.edi", "c.edi"] {
            try Data("ISA*\(name)~".utf8).write(to: URL(fileURLWithPath: hub.path + "/" + name))
        }
        let ledger = CountingLedger()
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)),
            afterFetch: .delete)
        var tracker = StabilityTracker()
        let report = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
            .poll(tracker: &tracker)

        #expect(report.fetched.map(\.identity.path.string) == ["a.edi", "b.edi", "c.edi"])
        #expect(report.cleanedUp.map(\.string) == ["a.edi", "b.edi", "c.edi"])
        #expect(
            await ledger.calls == [
                "claimAll a.edi,b.edi,c.edi", "recordAllFetched a.edi,b.edi,c.edi", "completeAll a.edi,b.edi,c.edi",
            ])
        for fetched in report.fetched {
            guard case .done(let sha256, let name) = await ledger.inner.state(of: fetched.identity) else {
                Issue.record("\(fetched.identity) is not done")
                continue
            }
            #expect(sha256 == fetched.file.sha256)
            #expect(name == fetched.file.name)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: hub.path).isEmpty)

        // A second poll finds nothing to take; a file done before is never claimed again.
        let again = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
            .poll(tracker: &tracker)
        #expect(again.fetched.isEmpty)
    }

    /// A clean-up that fails for one file releases that file alone; the others complete together.
    @Test func aFailedArchiveReleasesItsFileAndCompletesTheRest() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        for name in ["a.edi", "b.edi"] {
            try Data("ISA*\(name)~".utf8).write(to: URL(fileURLWithPath: hub.path + "/" + name))
        }
        // The archive already holds a folder named like b.edi: moving b.edi there fails.
        let now = UnixTime.now
        let dated = try RemotePath(now.datedFolder)
        try FileManager.default.createDirectory(
            atPath: hub.path + "/archive/" + dated.string + "/b.edi", withIntermediateDirectories: true)
        let ledger = CountingLedger()
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)),
            afterFetch: .archive(try RemotePath("archive")))
        var tracker = StabilityTracker()
        let report = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
            .poll(tracker: &tracker, now: now)

        #expect(report.fetched.map(\.identity.path.string) == ["a.edi", "b.edi"])
        #expect(report.cleanedUp.map(\.string) == ["a.edi"])
        #expect(report.failures.map(\.path.string) == ["b.edi"])
        #expect(
            await ledger.calls == [
                "claimAll a.edi,b.edi", "recordAllFetched a.edi,b.edi", "release b.edi", "completeAll a.edi",
            ])
        let b = try #require(report.fetched.last).identity
        guard case .fetched(_, _, held: false) = await ledger.inner.state(of: b) else {
            Issue.record("b.edi should wait, unheld, for its clean-up")
            return
        }
    }
}
