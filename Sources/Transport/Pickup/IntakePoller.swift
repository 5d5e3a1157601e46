import Crypto

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
    /// Files archived or deleted at the source (this poll's fetches, and clean-ups left by earlier polls).
    public var cleanedUp: [RemotePath] = []
    /// Names or files refused for good (not plain names, too large), with why.
    public var refused: [String] = []
    /// Fetches, archives or deletions that failed; released, so the next poll tries again (a fetched file
    /// is never fetched twice: only its archive or deletion is retried).
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
    ///
    /// Fetch and clean-up failures (a session that cannot be opened included) are reported per file in
    /// `failures`, and their holds released, so the next poll tries again; fetched files are reported
    /// whatever happens to their clean-up.
    /// - Throws: `TransportError` when the folder cannot be listed; the ledger's errors.
    public func poll(tracker: inout StabilityTracker, now: UnixTime = .now) async throws -> PollReport {
        let folder = source.folder
        let listing = try await source.endpoint.withSession { session in try session.list(folder) }
        var report = PollReport()
        report.refused = listing.refusedNames.map { "\($0): not a plain name" }
        let decision = tracker.decide(listing.entries, rules: source.rules, now: now)
        report.waiting = (decision.waiting + decision.deferred).map(\.path)
        report.refused += decision.refused.map { "\($0.entry.path): \($0.reason)" }

        var toFetch: [(FileIdentity, PickupCandidate)] = []
        var toCleanUp: [(FileIdentity, PickupCandidate)] = []
        // The ledger's steps go in one transaction per poll each (claim, record, complete), not one per file.
        let identities = decision.ready.map { FileIdentity(source: source.id, entry: $0.entry) }
        let claims = try await ledger.claimAll(identities)
        for (identity, (candidate, claim)) in zip(identities, zip(decision.ready, claims)) {
            switch claim {
            case .claimed: toFetch.append((identity, candidate))
            case .cleanupPending: toCleanUp.append((identity, candidate))
            case .heldElsewhere, .done: report.alreadyClaimed.append(candidate.entry.path)
            }
        }

        let outcomes: [Result<SpooledFile, TransportError>]
        do {
            outcomes = try await fetch(toFetch)
        } catch {
            // No session (connect refused, host key, cancelled): every file of the batch failed alike.
            outcomes = toFetch.map { _ in .failure(Self.transportError(error, path: folder)) }
        }
        var spooled: [FetchedFile] = []
        for ((identity, candidate), outcome) in zip(toFetch, outcomes) {
            if case .success(let file) = outcome {
                spooled.append(FetchedFile(identity: identity, sha256: file.sha256, spooledAs: file.name))
                report.fetched.append(PollReport.Fetched(identity: identity, file: file))
                toCleanUp.append((identity, candidate))
            }
        }
        // Every spooled copy is durable (synced by `fetch`): recorded all together before any clean-up.
        try await ledger.recordAllFetched(spooled)
        for ((identity, _), outcome) in zip(toFetch, outcomes) {
            if case .failure(let error) = outcome {
                try await ledger.release(identity)
                report.failures.append(PollReport.Failure(path: identity.path, error: error))
            }
        }

        var failures: [RemotePath: TransportError]
        do {
            failures = try await cleanUp(toCleanUp.map(\.1), now: now)
        } catch {
            // No session, or no archive folder: every clean-up waits for the next poll.
            let shared = Self.transportError(error, path: folder)
            failures = Dictionary(toCleanUp.map { ($0.0.path, shared) }, uniquingKeysWith: { first, _ in first })
        }
        var finished: [FileIdentity] = []
        for (identity, _) in toCleanUp {
            if let error = failures[identity.path] {
                try await ledger.release(identity)
                report.failures.append(PollReport.Failure(path: identity.path, error: error))
            } else {
                finished.append(identity)
                if source.afterFetch != .leave { report.cleanedUp.append(identity.path) }
            }
        }
        try await ledger.completeAll(finished)
        return report
    }

    static func transportError(_ error: any Error, path: RemotePath) -> TransportError {
        if let error = error as? TransportError { return error }
        if error is CancellationError {
            return TransportError(code: .cancelled, path: path.string, message: "the task was cancelled; stopped")
        }
        return TransportError(code: .localIO, path: path.string, message: "unexpected failure", underlying: error)
    }

    /// Fetches the batch in one session; each file's outcome is kept apart.
    private func fetch(_ files: [(FileIdentity, PickupCandidate)]) async throws -> [Result<SpooledFile, TransportError>]
    {
        guard !files.isEmpty else { return [] }
        // One flush for the batch, below, instead of two fsyncs per file. Every file here was just claimed
        // and spool names are unique per file identity: a spooled copy under one of these names is what a
        // crash left before the ledger recorded it, and is replaced.
        let spool = Spool(
            root: self.spool.root, folder: self.spool.folder, durability: .batch, replacesUnrecordedCopies: true)
        let limit = source.fetchLimit
        let jobs = try files.map { (identity, _) in (identity.path, try Self.spoolName(for: identity)) }
        return try await source.endpoint.withSession { session in
            var results: [Result<SpooledFile, TransportError>] = []
            var broken: TransportError?
            for (path, name) in jobs {
                if let broken {
                    // The connection is gone (or the task cancelled); the rest waits for the next poll.
                    results.append(.failure(broken))
                    continue
                }
                do {
                    results.append(
                        .success(try session.fetch(path, into: spool, as: name, limit: limit, progress: nil)))
                } catch let error as TransportError {
                    results.append(.failure(error))
                    if [.connectionLost, .timeout, .cancelled].contains(error.code) { broken = error }
                }
            }
            // The files and names are durable only once synced; the ledger records them after this.
            do {
                try spool.syncBatch()
            } catch let error as TransportError {
                // Not durable: take this batch's files back out, so the next poll fetches them again.
                for case .success(let file) in results { spool.removeIfPresent(file.name) }
                return results.map { _ in .failure(error) }
            }
            return results
        }
    }

    /// Archives or deletes fetched files (and their markers) in one session; returns the failures by path.
    private func cleanUp(_ candidates: [PickupCandidate], now: UnixTime) async throws -> [RemotePath: TransportError] {
        let afterFetch = source.afterFetch
        guard afterFetch != .leave, !candidates.isEmpty else { return [:] }
        let targets = candidates.map { ($0.entry.path, $0.marker) }
        return try await source.endpoint.withSession { session in
            var failures: [RemotePath: TransportError] = [:]
            var datedFolder: RemotePath?
            if case .archive(let archive) = afterFetch {
                // One dated folder per batch: made once, not once per file.
                let folder = archive.appending(try RemotePath(now.datedFolder))
                try session.makeFolder(folder)
                datedFolder = folder
            }
            // Deletions leave their folders unsynced; each folder is synced once after the batch (one fsync
            // instead of one per file). A folder that cannot be synced fails every deletion in it.
            var deleted: [RemotePath: [RemotePath]] = [:]
            for (path, marker) in targets {
                do {
                    if let datedFolder, let name = path.name {
                        try session.move(path, to: datedFolder.appending(name))
                    } else {
                        try session.delete(path, syncingFolder: false)
                        deleted[path.parent, default: []].append(path)
                    }
                    if let marker {
                        try session.delete(marker, syncingFolder: false)
                        deleted[marker.parent, default: []].append(path)
                    }
                } catch let error as TransportError {
                    failures[path] = error
                }
            }
            for (folder, paths) in deleted {
                do {
                    try session.syncFolder(folder)
                } catch let error as TransportError {
                    for path in paths where failures[path] == nil { failures[path] = error }
                }
            }
            return failures
        }
    }

    /// `<mtime>_<tag>_<name>`, where the tag is 12 hex digits of the SHA-256 of the file's identity (source,
    /// path, size, mtime): a partner that reuses a name for a new file, two sources sharing the spool, or two
    /// folders of one source never collide, and a name belongs to one file identity only.
    static func spoolName(for identity: FileIdentity) throws -> RemoteName {
        let key = "\(identity.source.value)\u{0}\(identity.path.string)\u{0}\(identity.size)\u{0}\(identity.modified)"
        let tag = lowercaseHex(SHA256.hash(data: Array(key.utf8)).prefix(6))
        let name = "\(identity.modified)_\(tag)_" + String((identity.path.name?.value ?? "file").prefix(200))
        return try RemoteName(name)
    }
}
