import Foundation
import Testing
import Transport

@Suite("Intake from a hub folder")
struct FolderIntakeTests {
    @Test func takesAFileOnceItsMarkerAppearsThenDeletesBoth() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        let write = { (name: String, text: String) in
            try Data(text.utf8).write(to: URL(fileURLWithPath: hub.path + "/" + name))
        }
        try write("batch_1.csv", "order,1\n")
        try write("batch_2.csv", "order,2\n")
        try write(".batch_3.csv.part", "order,3\n")
        let ledger = InMemoryClaimLedger()
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.csv")], stability: .markerFile(suffix: ".done")),
            afterFetch: .delete)
        let poller = IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
        var tracker = StabilityTracker()

        var report = try await poller.poll(tracker: &tracker)
        #expect(report.fetched.isEmpty)
        #expect(report.waiting.map(\.string) == ["batch_1.csv", "batch_2.csv"])

        try write("batch_1.csv.done", "")
        report = try await poller.poll(tracker: &tracker)
        #expect(report.fetched.map(\.identity.path.string) == ["batch_1.csv"])
        #expect(report.failures.isEmpty)
        let remaining = try FileManager.default.contentsOfDirectory(atPath: hub.path).sorted()
        #expect(remaining == [".batch_3.csv.part", "batch_2.csv"])
        let spooled = try #require(report.fetched.first).file
        #expect(FileManager.default.contents(atPath: spooled.localPath) == Data("order,1\n".utf8))
        #expect(await ledger.state(of: try #require(report.fetched.first).identity) != nil)
    }

    /// A crash after a batch was spooled but before the ledger recorded it leaves copies under the final
    /// names; the file is claimed again after the restart and its fetch replaces the leftover.
    @Test func replacesASpoolCopyThatACrashLeftUnrecorded() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        try Data("ST*214*0001~".utf8).write(to: URL(fileURLWithPath: hub.path + "/214.edi"))
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)),
            afterFetch: .delete)
        // The first run spooled the file, then died before recording it (its ledger was in memory).
        var tracker = StabilityTracker()
        let first = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: InMemoryClaimLedger())
            .poll(tracker: &tracker)
        let name = try #require(first.fetched.first).file.name
        try Data("ST*214*0001~".utf8).write(to: URL(fileURLWithPath: hub.path + "/214.edi"))
        let attributes = try FileManager.default.attributesOfItem(atPath: hub.path + "/214.edi")
        let identity = try #require(first.fetched.first).identity
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(identity.modified))],
            ofItemAtPath: hub.path + "/214.edi")
        #expect(attributes[.size] as? Int64 == identity.size)
        // What the crash left: a torn copy under the final name.
        try Data("ST*2".utf8).write(to: URL(fileURLWithPath: spoolRoot.path + "/" + name.value))

        var again = StabilityTracker()
        let second = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: InMemoryClaimLedger())
            .poll(tracker: &again)
        #expect(second.failures.isEmpty)
        let fetched = try #require(second.fetched.first)
        #expect(fetched.identity == identity)
        #expect(fetched.file.name == name)
        #expect(fetched.file.sha256 == (try sha256Hex(of: Array("ST*214*0001~".utf8))))
        #expect(FileManager.default.contents(atPath: fetched.file.localPath) == Data("ST*214*0001~".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path) == [name.value])
    }

    /// Spool names are unique per file identity: the same name and mtime from two sources, or again with
    /// another size, never share a spool file.
    @Test func spoolNamesAreUniquePerFileIdentity() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let spoolRoot = try temporary.make("spool")
        var names: [String] = []
        for (sourceID, text) in [("east", "ST*214*0001~"), ("west", "ST*214*0001~"), ("west", "ST*214*00002~")] {
            let hub = try temporary.make(sourceID)
            let url = URL(fileURLWithPath: hub.path + "/214.edi")
            try Data(text.utf8).write(to: url)
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_764_201_600)], ofItemAtPath: url.path)
            let source = IntakeSource(
                id: SourceID(sourceID), endpoint: FolderEndpoint(root: hub),
                rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)))
            var tracker = StabilityTracker()
            let report = try await IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: InMemoryClaimLedger())
                .poll(tracker: &tracker)
            #expect(report.failures.isEmpty)
            let file = try #require(report.fetched.first).file
            #expect(FileManager.default.contents(atPath: file.localPath) == Data(text.utf8))
            names.append(file.name.value)
        }
        #expect(Set(names).count == 3)
        for name in names {
            #expect(name.hasPrefix("1764201600_"))
            #expect(name.hasSuffix("_214.edi"))
            #expect(name.count == "1764201600_".count + 12 + "_214.edi".count)
        }
    }

    @Test func quarantinesAFailedFileWithANoteSayingWhy() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        try Data("ISA*broken".utf8).write(to: URL(fileURLWithPath: hub.path + "/204.edi"))
        try await FolderEndpoint(root: hub).withSession { session in
            try session.quarantine(
                try RemotePath("204.edi"), into: try RemotePath("errors"), reason: "noISA at segment 1: not X12")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hub.path + "/errors").sorted()
                == ["204.edi", "204.edi.error.txt"])
        #expect(
            FileManager.default.contents(atPath: hub.path + "/errors/204.edi.error.txt")
                == Data("noISA at segment 1: not X12\n".utf8))
    }

    @Test func retriesAFailedArchiveWithoutFetchingTheFileAgain() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        try Data("ST*210*0001~".utf8).write(to: URL(fileURLWithPath: hub.path + "/210.edi"))
        // A file where the archive folder should be: the archive step fails.
        try Data().write(to: URL(fileURLWithPath: hub.path + "/archive"))
        let ledger = InMemoryClaimLedger()
        let source = IntakeSource(
            id: "hub", endpoint: FolderEndpoint(root: hub),
            rules: PickupRules(patterns: [GlobPattern("*.edi")], stability: .minimumAge(.zero)),
            afterFetch: .archive(try RemotePath("archive")))
        let poller = IntakePoller(source: source, spool: Spool(root: spoolRoot), ledger: ledger)
        var tracker = StabilityTracker()
        let now = UnixTime.now

        var report = try await poller.poll(tracker: &tracker, now: now)
        #expect(report.fetched.map(\.identity.path.string) == ["210.edi"])
        #expect(report.failures.map(\.path.string) == ["210.edi"])
        #expect(report.cleanedUp.isEmpty)
        let identity = try #require(report.fetched.first).identity

        try FileManager.default.removeItem(atPath: hub.path + "/archive")
        report = try await poller.poll(tracker: &tracker, now: now)
        #expect(report.fetched.isEmpty)
        #expect(report.failures.isEmpty)
        #expect(report.cleanedUp.map(\.string) == ["210.edi"])
        #expect(FileManager.default.fileExists(atPath: hub.path + "/archive/\(now.datedFolder)/210.edi"))
        #expect(await ledger.fetchedCounts[identity] == 1)
        if case .done = await ledger.state(of: identity) {} else { Issue.record("not done in the ledger") }
    }

    @Test func stopsASessionWhenItsTaskIsCancelled() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        for i in 0..<5 { try Data(count: 100_000).write(to: URL(fileURLWithPath: hub.path + "/\(i).edi")) }
        let inFirstFetch = DispatchSemaphore(value: 0)
        let resume = DispatchSemaphore(value: 0)
        let spool = Spool(root: spoolRoot)
        let task = Task {
            try await FolderEndpoint(root: hub).withSession { session in
                for i in 0..<5 {
                    _ = try session.fetch(
                        try RemotePath("\(i).edi"), into: spool, as: try RemoteName("\(i).edi"), limit: nil
                    ) {
                        _ in
                        if i == 0 {
                            inFirstFetch.signal()
                            resume.wait()
                        }
                    }
                }
            }
        }
        inFirstFetch.wait()
        task.cancel()
        resume.signal()
        let result = await task.result
        #expect(throws: TransportError.self) { try result.get() }
        if case .failure(let error as TransportError) = result { #expect(error.code == .cancelled) }
        // The fetch in progress removed its temporary file; nothing else was started.
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).isEmpty)
    }
}
