import Foundation

/// Where files come from and go to: a local hub folder or a partner's SFTP server.
///
/// Work happens in a session, which runs on a dedicated thread (never on Swift's cooperative pool, since
/// file-system and libssh2 calls block) and is closed when the body returns. A session is used by one
/// task only; only `Sendable` results leave it.
///
/// ```swift
/// let listing = try await endpoint.withSession { session in try session.list(inbox) }
/// ```
public protocol Endpoint: Sendable {
    /// Names the endpoint in logs and errors (host and port, or the folder); never a secret.
    var label: String { get }

    /// Opens a session: connects and logs in, for SFTP (with retries). Called by `withSession` on the
    /// session's own thread; the session is closed when it is released. The session checks
    /// `cancellation` between operations and chunks.
    func openSession(cancellation: SessionCancellation) throws -> any EndpointSession
}

extension Endpoint {
    /// Opens a session on a dedicated thread, runs `body` with it there, and closes it.
    ///
    /// Cancelling the calling task makes the session's next operation, or next chunk of a transfer, throw
    /// `.cancelled`; a blocking call already under way ends first (bounded by the session timeout).
    public func withSession<T: Sendable>(
        _ body: @escaping @Sendable (any EndpointSession) throws -> T
    ) async throws -> T {
        let cancellation = SessionCancellation()
        return try await withTaskCancellationHandler {
            try await BlockingThread.run(name: "crossdock \(label)") {
                let session = try openSession(cancellation: cancellation)
                return try body(session)
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// The operations of an open session. Paths are relative to the endpoint's root.
public protocol EndpointSession {
    /// Lists a folder; names that are not plain names are reported in `refusedNames`, never returned.
    func list(_ folder: RemotePath) throws -> DirectoryListing

    /// Size, time and kind of `path`; nil when it does not exist.
    func stat(_ path: RemotePath) throws -> RemoteEntry?

    /// Copies `path` into `spool` as `name`: temporary dot-name, SHA-256 while streaming, fsync, final name.
    /// On any failure the temporary file is removed; an existing final name is a `.conflict`.
    /// - Parameters:
    ///   - limit: Largest size accepted, in bytes; a larger file fails with `.tooLarge`.
    ///   - progress: Called with the byte count so far after each chunk (tests use it to break connections).
    func fetch(
        _ path: RemotePath, into spool: Spool, as name: RemoteName, limit: Int64?,
        progress: ((Int64) throws -> Void)?
    ) throws -> SpooledFile

    /// Writes `source` to `path`: a temporary dot-name in the same folder, fsync, then a rename that never
    /// replaces an existing file (`.conflict`).
    func put(_ source: PutSource, as path: RemotePath) throws

    /// Renames `from` to `to`, which must not exist (`.conflict`); folders must exist.
    func move(_ from: RemotePath, to: RemotePath) throws

    func delete(_ path: RemotePath) throws
    /// `delete(_:)`, except that with `syncingFolder: false` the folder's fsync is left to one `syncFolder`
    /// call after a batch of deletions (a folder endpoint; other sessions have no folder sync to leave).
    func delete(_ path: RemotePath, syncingFolder: Bool) throws
    /// Makes the names in `folder` durable: an fsync of a local folder; nothing for SFTP, whose server decides.
    func syncFolder(_ folder: RemotePath) throws

    /// Creates `path` and any missing parents; an existing folder is fine.
    func makeFolder(_ path: RemotePath) throws
}

extension EndpointSession {
    public func delete(_ path: RemotePath, syncingFolder: Bool) throws {
        try delete(path)
    }

    public func syncFolder(_ folder: RemotePath) throws {}

    /// Fetches `path` under its own name with no size limit.
    public func fetch(_ path: RemotePath, into spool: Spool, limit: Int64? = nil) throws -> SpooledFile {
        guard let name = path.name else {
            throw TransportError(code: .invalidName, path: path.string, message: "the root is not a file")
        }
        return try fetch(path, into: spool, as: name, limit: limit, progress: nil)
    }

    /// Moves `path` into `archive/YYYY/MM/DD/` (UTC date of `date`), creating the dated folders.
    /// - Returns: The new path.
    @discardableResult
    public func archive(_ path: RemotePath, into archive: RemotePath, date: UnixTime) throws -> RemotePath {
        guard let name = path.name else {
            throw TransportError(code: .invalidName, path: path.string, message: "the root cannot be archived")
        }
        let folder = archive.appending(try RemotePath(date.datedFolder))
        try makeFolder(folder)
        let target = folder.appending(name)
        try move(path, to: target)
        return target
    }

    /// Moves a file that failed into `errorFolder`, with a note `<name>.error.txt` beside it saying why.
    /// The note holds `reason` only; callers keep file content out of it.
    public func quarantine(_ path: RemotePath, into errorFolder: RemotePath, reason: String) throws {
        guard let name = path.name else {
            throw TransportError(code: .invalidName, path: path.string, message: "the root cannot be quarantined")
        }
        try makeFolder(errorFolder)
        try move(path, to: errorFolder.appending(name))
        let note = try RemoteName(name.value + ".error.txt")
        try put(.bytes(Array((reason + "\n").utf8)), as: errorFolder.appending(note))
    }
}

/// What `put` writes.
public enum PutSource: Sendable {
    case bytes([UInt8])
    /// A local file of Crossdock's own (an acknowledgement it wrote), read without following links.
    case file(root: LocalRoot, path: RemotePath)
}

/// Seconds since 1970, UTC. Transport keeps to whole seconds, like SFTP v3.
public struct UnixTime: Sendable, Hashable, Comparable {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: UnixTime, b: UnixTime) -> Bool { a.seconds < b.seconds }

    /// `YYYY/MM/DD` in UTC.
    public var datedFolder: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(seconds)))
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 1970)/\(two(parts.month))/\(two(parts.day))"
    }

    /// The current time.
    public static var now: UnixTime { UnixTime(seconds: Int64(Date().timeIntervalSince1970)) }
}
