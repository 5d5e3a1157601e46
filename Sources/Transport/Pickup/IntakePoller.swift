/// What happens to a source file once its spool copy and ledger row are durable.
public enum AfterFetch: Sendable, Hashable {
    /// Leave it; the ledger keeps it from being taken twice.
    case leave
    case delete
    /// Move it to `<folder>/YYYY/MM/DD/<name>`.
    case archive(RemotePath)
}

/// One intake source: where to look, what to take, and what to do with a file once it is fetched.
public struct IntakeSource: Sendable {
    public var id: SourceID
    public var endpoint: any Endpoint
    public var folder: RemotePath
    public var rules: PickupRules
    public var afterFetch: AfterFetch
    /// Largest file fetched, in bytes (refused before the fetch when the listing shows it, and during it).
    public var fetchLimit: Int64?

    public init(
        id: SourceID, endpoint: any Endpoint, folder: RemotePath = .root, rules: PickupRules,
        afterFetch: AfterFetch = .leave, fetchLimit: Int64? = nil
    ) {
        self.id = id
        self.endpoint = endpoint
        self.folder = folder
        self.rules = rules
        self.afterFetch = afterFetch
        self.fetchLimit = fetchLimit ?? rules.maximumSize
    }
}

/// The outcome of one poll.
public struct PollReport: Sendable {
    public struct Fetched: Sendable, Hashable {
        public var identity: FileIdentity
        public var file: SpooledFile
    }

    public struct Failure: Sendable {
        public var path: RemotePath
        public var error: TransportError
    }

    public var fetched: [Fetched] = []
    /// Files seen but not yet stable, or over the batch limit.
    public var waiting: [RemotePath] = []
    /// Files the ledger says were taken already.
    public var alreadyClaimed: [RemotePath] = []
    /// Names or files refused for good (not plain names, too large), with why.
    public var refused: [String] = []
    /// Fetches, archives or deletions that failed; a failed fetch is released and retried next poll.
    public var failures: [Failure] = []
}

/// Polls one source: list → stability → claim in the ledger → fetch into the spool (SHA-256) → record →
/// archive or delete remotely. A file is archived only after its spool copy and ledger row are durable.
public struct IntakePoller: Sendable {
    public let source: IntakeSource
    public let spool: Spool
    public let ledger: any ClaimLedger

    public init(source: IntakeSource, spool: Spool, ledger: any ClaimLedger) {
        self.source = source
        self.spool = spool
        self.ledger = ledger
    }

    /// One poll. `tracker` carries what earlier polls saw, for the "unchanged for" rule.
    public func poll(tracker: inout StabilityTracker, now: UnixTime = .now) async throws -> PollReport {
        let folder = source.folder
        let listing = try await source.endpoint.withSession { session in try session.list(folder) }
        var report = PollReport()
        report.refused = listing.refusedNames.map { "\($0): not a plain name" }
        let decision = tracker.decide(listing.entries, rules: source.rules, now: now)
        report.waiting = (decision.waiting + decision.deferred).map(\.path)
        report.refused += decision.refused.map { "\($0.entry.path): \($0.reason)" }

        var claimed: [(FileIdentity, PickupCandidate)] = []
        for candidate in decision.ready {
            let identity = FileIdentity(source: source.id, entry: candidate.entry)
            if try await ledger.claim(identity) {
                claimed.append((identity, candidate))
            } else {
                report.alreadyClaimed.append(candidate.entry.path)
            }
        }
        guard !claimed.isEmpty else { return report }

        // Fetch the batch in one session; each file's outcome is kept apart.
        let spool = self.spool
        let limit = source.fetchLimit
        let jobs = claimed.map { (identity, candidate) in (identity, Self.spoolName(for: candidate.entry)) }
        let outcomes = try await source.endpoint.withSession { session in
            var results: [Result<SpooledFile, TransportError>] = []
            var broken: TransportError?
            for (identity, name) in jobs {
                if let broken {
                    // The connection is gone; the rest waits for the next poll.
                    results.append(.failure(broken))
                    continue
                }
                do {
                    results.append(
                        .success(try session.fetch(identity.path, into: spool, as: name, limit: limit, progress: nil)))
                } catch let error as TransportError {
                    results.append(.failure(error))
                    if error.code == .connectionLost || error.code == .timeout { broken = error }
                }
            }
            return results
        }

        var done: [(FileIdentity, PickupCandidate)] = []
        for ((identity, candidate), outcome) in zip(claimed, outcomes) {
            switch outcome {
            case .success(let file):
                try await ledger.recordFetched(identity, sha256: file.sha256, spooledAs: file.name)
                report.fetched.append(PollReport.Fetched(identity: identity, file: file))
                done.append((identity, candidate))
            case .failure(let error):
                try await ledger.release(identity)
                report.failures.append(PollReport.Failure(path: identity.path, error: error))
            }
        }

        let afterFetch = source.afterFetch
        guard afterFetch != .leave, !done.isEmpty else { return report }
        let targets = done.map { ($0.0.path, $0.1.marker) }
        let cleanupFailures = try await source.endpoint.withSession { session in
            var failures: [PollReport.Failure] = []
            var datedFolder: RemotePath?
            if case .archive(let archive) = afterFetch {
                // One dated folder per batch: made once, not once per file.
                let folder = archive.appending(try RemotePath(now.datedFolder))
                try session.makeFolder(folder)
                datedFolder = folder
            }
            for (path, marker) in targets {
                do {
                    if let datedFolder, let name = path.name {
                        try session.move(path, to: datedFolder.appending(name))
                    } else {
                        try session.delete(path)
                    }
                    if let marker { try session.delete(marker) }
                } catch let error as TransportError {
                    failures.append(PollReport.Failure(path: path, error: error))
                }
            }
            return failures
        }
        report.failures += cleanupFailures
        return report
    }

    /// `<mtime>_<name>`: a partner that reuses a name for a new file does not collide in the spool.
    static func spoolName(for entry: RemoteEntry) -> RemoteName {
        let name = "\(entry.modified)_" + String(entry.name.value.prefix(200))
        return (try? RemoteName(name)) ?? entry.name
    }
}
