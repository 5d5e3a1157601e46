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

/// Remembers which files were taken, so each is processed once, across polls, instances and restarts.
///
/// The persistent implementation belongs to the Store module (SQLite, and PostgreSQL with
/// `FOR UPDATE SKIP LOCKED` leases); `InMemoryClaimLedger` serves tests and single-process trials.
public protocol ClaimLedger: Sendable {
    /// Claims `file` for this process. False when it is claimed or done already (by anyone).
    func claim(_ file: FileIdentity) async throws -> Bool

    /// Records that `file` is in the spool, with the SHA-256 of its bytes. Called before the remote file
    /// is archived or deleted, so a crash in between never loses it.
    func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) async throws

    /// Gives up a claim whose fetch failed, so a later poll takes the file again.
    func release(_ file: FileIdentity) async throws
}

/// A ledger kept in memory: for tests, and for trying a route out. Forgets everything on restart.
public actor InMemoryClaimLedger: ClaimLedger {
    public enum State: Sendable, Hashable {
        case claimed
        case fetched(sha256: String, spooledAs: RemoteName)
    }

    private var states: [FileIdentity: State] = [:]
    /// How many times each file was recorded as fetched (a test checks it is never more than once).
    private var fetchCounts: [FileIdentity: Int] = [:]

    public init() {}

    public func claim(_ file: FileIdentity) -> Bool {
        guard states[file] == nil else { return false }
        states[file] = .claimed
        return true
    }

    public func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) {
        states[file] = .fetched(sha256: sha256, spooledAs: spooledAs)
        fetchCounts[file, default: 0] += 1
    }

    public func release(_ file: FileIdentity) {
        if states[file] == .claimed { states[file] = nil }
    }

    public func state(of file: FileIdentity) -> State? { states[file] }

    public var fetchedCounts: [FileIdentity: Int] { fetchCounts }
}
