public import Store
public import Transport
import Foundation

/// A configured source as the runner needs it.
public struct SourceRuntime: Sendable {
    public var intake: IntakeSource
    /// The configured partner (flat files name none of their own).
    public var partner: String?
    /// Force one mapping by name.
    public var mapping: String?
    public var pollInterval: Duration

    public init(intake: IntakeSource, partner: String? = nil, mapping: String? = nil, pollInterval: Duration = .seconds(10)) {
        self.intake = intake
        self.partner = partner
        self.mapping = mapping
        self.pollInterval = pollInterval
    }
}

/// What one poll (or a recovery pass) of a source did.
public struct IntakeReport: Sendable {
    public var processed: [FileSummary] = []
    /// Files still waiting to become stable.
    public var waiting = 0
    /// Per-file problems (fetch failures, refused names, store errors), in plain words.
    public var problems: [String] = []
}

/// Polls sources into the spool and hands each fetched file to the `FileProcessor`; then moves the spool
/// copy into `archive/YYYY/MM/DD/` inside the spool, or `error/` with a note when it could not be read.
///
/// On start, `recover()` first ingests what a crash left spooled but not committed.
public actor IntakeRunner {
    public let sources: [SourceRuntime]
    public let spool: Spool
    public let store: any Store
    public let processor: FileProcessor
    private var trackers: [SourceID: StabilityTracker] = [:]

    public init(sources: [SourceRuntime], spool: Spool, store: any Store, processor: FileProcessor) {
        self.sources = sources
        self.spool = spool
        self.store = store
        self.processor = processor
    }

    /// Ingests every file fetched before a crash but never committed.
    public func recover() async throws -> IntakeReport {
        var report = IntakeReport()
        for entry in try await store.spooledButNotIngested() {
            let runtime = sources.first { $0.intake.id == entry.identity.source }
            let input = FileInput(
                identity: entry.identity, name: entry.identity.path.name?.value ?? entry.spooledAs.value,
                localPath: spool.localPath(of: entry.spooledAs), sha256: entry.sha256,
                partner: runtime?.partner, mapping: runtime?.mapping)
            guard FileManager.default.fileExists(atPath: input.localPath) else {
                report.problems.append("\(entry.identity): its spool copy \(entry.spooledAs) is missing; not processed")
                continue
            }
            await ingest(input, spooledAs: entry.spooledAs, into: &report)
        }
        return report
    }

    /// One poll of one source, and the processing of everything it fetched.
    public func poll(_ runtime: SourceRuntime, now: UnixTime = .now) async throws -> IntakeReport {
        var tracker = trackers[runtime.intake.id] ?? StabilityTracker()
        let poller = IntakePoller(source: runtime.intake, spool: spool, ledger: store)
        let polled: PollReport
        do {
            polled = try await poller.poll(tracker: &tracker, now: now)
        } catch {
            Telemetry.pollFailed(source: runtime.intake.id.value)
            throw error
        }
        trackers[runtime.intake.id] = tracker
        var report = IntakeReport()
        report.waiting = polled.waiting.count
        report.problems += polled.refused.map { "\(runtime.intake.id): refused \($0)" }
        report.problems += polled.failures.map { "\(runtime.intake.id): \($0.path): \($0.error)" }
        if !polled.failures.isEmpty { Telemetry.pollFailed(source: runtime.intake.id.value) }
        for fetched in polled.fetched {
            let input = FileInput(
                identity: fetched.identity, name: fetched.identity.path.name?.value ?? fetched.file.name.value,
                localPath: fetched.file.localPath, sha256: fetched.file.sha256, partner: runtime.partner,
                mapping: runtime.mapping)
            await ingest(input, spooledAs: fetched.file.name, into: &report)
        }
        return report
    }

    private func ingest(_ input: FileInput, spooledAs name: RemoteName, into report: inout IntakeReport) async {
        do {
            let summary = try await processor.process(input)
            report.processed.append(summary)
            try await dispose(name, outcome: summary.file)
        } catch {
            // Not committed: the spool copy stays, and `recover()` tries again on the next start.
            report.problems.append("\(input.identity): \(error)")
        }
    }

    /// Moves a committed file's spool copy aside: archived by date, or into `error/` with its note.
    private func dispose(_ name: RemoteName, outcome file: FileRecord) async throws {
        let spool = self.spool
        let date = UnixTime(seconds: Int64(file.receivedAt.timeIntervalSince1970))
        let path = spool.folder.appending(name)
        // Archived without folder fsyncs: the commit is durable already, and a move a crash loses only
        // leaves the copy in the spool, where nothing reads it again (`recover()` goes by the store).
        try await FolderEndpoint(root: spool.root, syncsFolders: file.outcome == .failed).withSession { session in
            guard try session.stat(path) != nil else { return }
            do {
                if file.outcome == .failed {
                    try session.quarantine(path, into: spool.folder.appending(try RemoteName("error")), reason: file.note ?? "failed")
                } else {
                    try session.archive(path, into: spool.folder.appending(try RemoteName("archive")), date: date)
                }
            } catch let error as TransportError where error.code == .conflict {
                // The same name was archived today already; the store holds this copy's outcome and hash.
                try session.delete(path)
            }
        }
    }
}
