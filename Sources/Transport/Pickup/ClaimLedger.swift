/// A file as the ledger knows it: where it was found and what it looked like.
public struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
    public var source: SourceID
    public var path: RemotePath
    public var size: Int64
    public var modified: Int64

    public init(source: SourceID, path: RemotePath, size: Int64, modified: Int64) {
        self.source = source
        self.path = path
        self.size = size
        self.modified = modified
    }

    public init(source: SourceID, entry: RemoteEntry) {
        self.init(source: source, path: entry.path, size: entry.size, modified: entry.modified)
    }

    public var description: String { "\(source):\(path) (\(size) bytes, mtime \(modified))" }
}

/// What `ClaimLedger.claim` found.
public enum ClaimOutcome: Sendable, Hashable {
    /// Nobody had it: it is now held by the caller, to fetch.
    case claimed
    /// Fetched before, but its archive or deletion did not happen: now held by the caller, to finish
    /// that (never to fetch it again).
    case cleanupPending
    /// Held by another poller or instance right now.
    case heldElsewhere
    /// Fetched and finished; never taken again.
    case done
}

/// Remembers which files were taken, so each is processed once, across polls, instances and restarts.
///
/// A file's life: `claim` (held) → `recordFetched` (its spool copy is durable, with its SHA-256) →
/// archived or deleted remotely → `complete`. `release` gives up a hold: a file never fetched becomes
/// free again; a fetched one waits for its clean-up (`.cleanupPending`) and is never fetched twice.
///
/// The persistent implementation belongs to the Store module (SQLite, and PostgreSQL with
/// `FOR UPDATE SKIP LOCKED` leases); `InMemoryClaimLedger` serves tests and single-process trials.
public protocol ClaimLedger: Sendable {
    func claim(_ file: FileIdentity) async throws -> ClaimOutcome

    /// Records that `file` is in the spool, with the SHA-256 of its bytes. Called before the remote file
    /// is archived or deleted, so a crash in between never loses it.
    func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) async throws

    /// The file is fetched and its source archived, deleted or deliberately left: done for good.
    func complete(_ file: FileIdentity) async throws

    /// Gives up the caller's hold (a fetch or clean-up that failed), so a later poll tries again.
    func release(_ file: FileIdentity) async throws

    /// `claim` for several files at once; outcomes in the order of `files`. A persistent ledger does it in
    /// one transaction (one disk sync per poll instead of one per file).
    func claimAll(_ files: [FileIdentity]) async throws -> [ClaimOutcome]

    /// `recordFetched` for several files at once: a persistent ledger records all of them or none.
    func recordAllFetched(_ files: [FetchedFile]) async throws

    /// `complete` for several files at once.
    func completeAll(_ files: [FileIdentity]) async throws
}

/// A file whose spool copy is durable, as `ClaimLedger.recordAllFetched` records it.
public struct FetchedFile: Sendable, Hashable {
    public var identity: FileIdentity
    public var sha256: String
    /// The spool file's name (inside the spool folder).
    public var spooledAs: RemoteName

    public init(identity: FileIdentity, sha256: String, spooledAs: RemoteName) {
        self.identity = identity
        self.sha256 = sha256
        self.spooledAs = spooledAs
    }
}

extension ClaimLedger {
    /// One `claim` after another; a ledger that can do better overrides it.
    public func claimAll(_ files: [FileIdentity]) async throws -> [ClaimOutcome] {
        var outcomes: [ClaimOutcome] = []
        for file in files { outcomes.append(try await claim(file)) }
        return outcomes
    }

    public func recordAllFetched(_ files: [FetchedFile]) async throws {
        for file in files { try await recordFetched(file.identity, sha256: file.sha256, spooledAs: file.spooledAs) }
    }

    public func completeAll(_ files: [FileIdentity]) async throws {
        for file in files { try await complete(file) }
    }
}

/// A ledger kept in memory: for tests, and for trying a route out. Forgets everything on restart.
public actor InMemoryClaimLedger: ClaimLedger {
    public enum State: Sendable, Hashable {
        case claimed
        case fetched(sha256: String, spooledAs: RemoteName, held: Bool)
        case done(sha256: String, spooledAs: RemoteName)
    }

    private var states: [FileIdentity: State] = [:]
    /// How many times each file was recorded as fetched (a test checks it is never more than once).
    private var fetchCounts: [FileIdentity: Int] = [:]

    public init() {}

    public func claim(_ file: FileIdentity) -> ClaimOutcome {
        switch states[file] {
        case nil:
            states[file] = .claimed
            return .claimed
        case .claimed, .fetched(_, _, held: true):
            return .heldElsewhere
        case .fetched(let sha256, let name, held: false):
            states[file] = .fetched(sha256: sha256, spooledAs: name, held: true)
            return .cleanupPending
        case .done:
            return .done
        }
    }

    public func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) {
        states[file] = .fetched(sha256: sha256, spooledAs: spooledAs, held: true)
        fetchCounts[file, default: 0] += 1
    }

    public func complete(_ file: FileIdentity) {
        if case .fetched(let sha256, let name, _) = states[file] {
            states[file] = .done(sha256: sha256, spooledAs: name)
        }
    }

    public func release(_ file: FileIdentity) {
        switch states[file] {
        case .claimed:
            states[file] = nil
        case .fetched(let sha256, let name, held: true):
            states[file] = .fetched(sha256: sha256, spooledAs: name, held: false)
        default:
            break
        }
    }

    public func state(of file: FileIdentity) -> State? { states[file] }

    public var fetchedCounts: [FileIdentity: Int] { fetchCounts }
}
