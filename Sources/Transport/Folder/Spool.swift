import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local folder that fetched files land in, under a `LocalRoot`.
///
/// A file appears there only complete: it is written under a temporary dot-name (`.<name>.part-<random>`),
/// fsynced, then linked to its final name, which is never replaced (an existing name is a `.conflict`).
public struct Spool: Sendable, Hashable {
    public let root: LocalRoot
    /// The spool folder, relative to the root.
    public let folder: RemotePath
    /// When false, a fetch fsyncs its file but not the folder, and the caller calls `syncFolder()` once
    /// after a batch, before the batch counts as durable (before the ledger records it). Saves one
    /// folder fsync per file.
    public var syncsFolderPerFile: Bool

    public init(root: LocalRoot, folder: RemotePath = .root, syncsFolderPerFile: Bool = true) {
        self.root = root
        self.folder = folder
        self.syncsFolderPerFile = syncsFolderPerFile
    }

    /// Flushes the spool folder, making the names of every file fetched into it durable. Blocks: call it
    /// from a session (`withSession`), not from an async context.
    public func syncFolder() throws {
        try root.open(folder, create: true).sync()
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

/// Streams one file into the spool: temporary dot-name, SHA-256 on the way, fsync, link to the final name.
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
        if try directory.stat(name) != nil {
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

    /// Flushes the file to disk and gives it its final name.
    func commit() throws -> SpooledFile {
        guard fsync(descriptor) == 0 else {
            throw TransportError.local(errno, path: directory.path.appending(temporaryName).string, "cannot fsync")
        }
        close(descriptor)
        descriptor = -1
        try directory.publish(temporaryName, as: finalName, syncFolder: spool.syncsFolderPerFile)
        committed = true
        let digest = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return SpooledFile(
            source: source, name: finalName, localPath: spool.localPath(of: finalName), size: size, sha256: digest)
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
