import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local folder that fetched files land in, under a `LocalRoot`.
///
/// A file appears there only complete: it is written under a temporary dot-name (`.<name>.part-<random>`),
/// then linked to its final name, which is never replaced (an existing name is a `.conflict`) unless
/// `replacesUnrecordedCopies` says the caller knows better. When it is flushed depends on `durability`.
public struct Spool: Sendable, Hashable {
    /// When a fetched file and its name reach the disk.
    public enum Durability: Sendable, Hashable {
        /// Each fetch fsyncs its file and the folder: durable when `fetch` returns.
        case eachFile
        /// Fetches write without flushing; the caller calls `syncBatch()` once after a batch, before the batch
        /// counts as durable (before the ledger records it). One flush of the spool's file system then covers
        /// every file's bytes and every name (`syncfs(2)`), instead of two fsyncs per file, each of which
        /// waits for the disk (about 4 ms here against 0.3 ms per file for the batch; see docs/transport.md).
        case batch
    }

    public let root: LocalRoot
    /// The spool folder, relative to the root.
    public let folder: RemotePath
    public var durability: Durability
    /// When true, a fetch replaces a spooled file that already has its name instead of refusing with
    /// `.conflict`. Only for a caller that fetches files its ledger has just claimed under names unique to
    /// each file (the intake poller): such a copy is the leftover of a fetch that a crash stopped before the
    /// ledger recorded it, and nobody else refers to it.
    public var replacesUnrecordedCopies: Bool

    public init(
        root: LocalRoot, folder: RemotePath = .root, durability: Durability = .eachFile,
        replacesUnrecordedCopies: Bool = false
    ) {
        self.root = root
        self.folder = folder
        self.durability = durability
        self.replacesUnrecordedCopies = replacesUnrecordedCopies
    }

    /// Makes everything fetched into the spool since the last call durable: with `.batch`, one `syncfs` of
    /// the spool's file system (fsync of the folder where the system has no `syncfs`; files were then
    /// flushed one by one); with `.eachFile`, nothing is left to do. Blocks: call it from a session
    /// (`withSession`), not from an async context.
    public func syncBatch() throws {
        guard durability == .batch else { return }
        let directory = try root.open(folder, create: true)
        #if os(Linux)
            try directory.syncFileSystem()
        #else
            try directory.sync()
        #endif
    }

    /// The local path of a spooled file.
    public func localPath(of name: RemoteName) -> String { root.localPath(folder.appending(name)) }

    /// Removes a spooled file whose fetch is being undone; a missing file is fine.
    func removeIfPresent(_ name: RemoteName) {
        (try? root.open(folder))?.removeIfPresent(name)
    }

    /// Removes temporary files left by a process that died mid-fetch; returns how many were removed.
    @discardableResult
    public func removeStaleTemporaries() throws -> Int {
        let directory = try root.open(folder, create: true)
        var removed = 0
        for entry in try directory.list().entries where entry.kind == .file && SpoolWriter.isTemporary(entry.name) {
            directory.removeIfPresent(entry.name)
            removed += 1
        }
        return removed
    }
}

/// A file fetched into the spool: where it is, how big, and its SHA-256 computed while it streamed in.
public struct SpooledFile: Sendable, Hashable {
    /// Where it came from, relative to the endpoint's root.
    public var source: RemotePath
    /// Its name in the spool folder.
    public var name: RemoteName
    /// Its local path.
    public var localPath: String
    public var size: Int64
    /// Lowercase hexadecimal SHA-256 of the bytes written.
    public var sha256: String
}

/// Streams one file into the spool: temporary dot-name, SHA-256 on the way, fsync (unless the spool syncs by
/// batch), link to the final name.
/// `discard()` (or a release without `commit()`) removes the temporary file, so a failed fetch leaves nothing.
final class SpoolWriter {
    static let temporaryMarker = ".part-"

    static func isTemporary(_ name: RemoteName) -> Bool {
        name.value.hasPrefix(".") && name.value.contains(temporaryMarker)
    }

    private let directory: SafeDirectory
    private let spool: Spool
    private let source: RemotePath
    private let finalName: RemoteName
    private let temporaryName: RemoteName
    private var descriptor: Int32
    private var hasher = SHA256()
    private(set) var size: Int64 = 0
    private let limit: Int64?
    private var committed = false

    init(spool: Spool, name: RemoteName, source: RemotePath, limit: Int64?) throws {
        self.spool = spool
        self.source = source
        self.limit = limit
        finalName = name
        directory = try spool.root.open(spool.folder, create: true)
        if !spool.replacesUnrecordedCopies, try directory.stat(name) != nil {
            throw TransportError(
                code: .conflict, path: directory.path.appending(name).string,
                message: "a spooled file of that name exists already; nothing was overwritten")
        }
        // A dot-name keeps readers of the spool (and pickup rules) away from it until it is complete.
        let prefix = "." + String(name.value.prefix(180))
        temporaryName = try RemoteName(prefix + Self.temporaryMarker + randomSuffix())
        descriptor = try directory.createExclusive(temporaryName)
    }

    deinit {
        if !committed { discard() }
    }

    /// Appends bytes, hashing them; refuses to grow past the limit.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        size += Int64(bytes.count)
        if let limit, size > limit {
            throw TransportError(
                code: .tooLarge, path: source.string, message: "larger than the limit of \(limit) bytes; not fetched")
        }
        hasher.update(bufferPointer: bytes)
        try writeAll(descriptor, bytes, path: directory.path.appending(temporaryName).string)
    }

    /// Flushes the file to disk (unless the spool syncs by batch) and gives it its final name.
    func commit() throws -> SpooledFile {
        if flushesEachFile {
            guard fsync(descriptor) == 0 else {
                throw TransportError.local(errno, path: directory.path.appending(temporaryName).string, "cannot fsync")
            }
        }
        close(descriptor)
        descriptor = -1
        if spool.replacesUnrecordedCopies {
            try directory.replace(temporaryName, with: finalName, syncFolder: spool.durability == .eachFile)
        } else {
            try directory.publish(temporaryName, as: finalName, syncFolder: spool.durability == .eachFile)
        }
        committed = true
        let digest = lowercaseHex(hasher.finalize())
        return SpooledFile(
            source: source, name: finalName, localPath: spool.localPath(of: finalName), size: size, sha256: digest)
    }

    /// Whether this file is flushed on its own: always, unless the spool syncs by batch with `syncfs`.
    private var flushesEachFile: Bool {
        #if os(Linux)
            spool.durability == .eachFile || !SafeDirectory.canSyncFileSystem
        #else
            true
        #endif
    }

    /// Removes the temporary file.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        directory.removeIfPresent(temporaryName)
        committed = true
    }
}

/// Bytes as lowercase hexadecimal, two digits each (SHA-256 digests of spooled files, spool name tags).
func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}
