import Foundation
import Store
import TestSupport
import Testing
import Transport

/// The SQLite store as the claim ledger of a real folder intake.
@Suite struct SQLiteStoreIntakeTests {
    @Test func aFailedArchiveIsRetriedAfterARestartWithoutFetchingAgain() async throws {
        let folder = try TemporaryFolder("intake")
        let hubPath = folder.url.appendingPathComponent("hub").path
        let hub = try LocalRoot(hubPath, create: true)
        let spool = Spool(root: try LocalRoot(folder.url.appendingPathComponent("spool").path, create: true))
        try Data("ISA*first~".utf8).write(to: URL(fileURLWithPath: hubPath + "/210.edi"))
        // A file where the archive folder should be: the archive step fails.
        try Data().write(to: URL(fileURLWithPath: hubPath + "/archive"))
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)),
            afterFetch: .archive(try RemotePath("archive")))
        let now = UnixTime.now
        var tracker = StabilityTracker()

        let identity: FileIdentity
        do {
            let store = try openStore(folder)
            let report = try await IntakePoller(source: source, spool: spool, ledger: store).poll(
                tracker: &tracker, now: now)
            #expect(report.fetched.map(\.identity.path.string) == ["210.edi"])
            #expect(report.failures.map(\.path.string) == ["210.edi"])
            identity = try #require(report.fetched.first).identity
            let entry = try #require(try await store.ledgerEntry(for: identity))
            #expect(entry.state == .fetched)
            #expect(entry.holder == nil)
            #expect(try await store.spooledButNotIngested().map(\.identity) == [identity])
        }

        try FileManager.default.removeItem(atPath: hubPath + "/archive")
        let restarted = try openStore(folder)
        let report = try await IntakePoller(source: source, spool: spool, ledger: restarted).poll(
            tracker: &tracker, now: now)
        #expect(report.fetched.isEmpty)
        #expect(report.cleanedUp.map(\.string) == ["210.edi"])
        #expect(try await restarted.ledgerEntry(for: identity)?.state == .done)
        #expect(try await restarted.claim(identity) == .done)
        // Archived but not ingested yet: the pipeline still finds it in the spool.
        #expect(try await restarted.spooledButNotIngested().map(\.identity) == [identity])
    }
}
