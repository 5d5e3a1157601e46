#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local folder (a legacy hub's drop folder) as an endpoint. Every path stays under `root`; links
/// below it are never followed.
public struct FolderEndpoint: Endpoint {
    public let root: LocalRoot
    /// Whether moves and deletions fsync the folders they change before returning (the default). Off only
    /// for bookkeeping whose place on disk no guarantee rests on: the bridge moving a committed file's
    /// spool copy into the spool's archive, where a move lost in a crash leaves a copy in the spool that
    /// nothing reads again (the store already holds the file). Saves two folder fsyncs per file.
    public let syncsFolders: Bool

    public init(root: LocalRoot, syncsFolders: Bool = true) {
        self.root = root
        self.syncsFolders = syncsFolders
    }

    public var label: String { "folder \(root.path)" }

    public func openSession(cancellation: SessionCancellation) throws -> any EndpointSession {
        FolderSession(root: root, cancellation: cancellation, syncsFolders: syncsFolders)
    }
}

/// A session on a local folder: plain system calls relative to descriptors opened without following links.
final class FolderSession: EndpointSession {
    let root: LocalRoot
    let cancellation: SessionCancellation
    let syncsFolders: Bool

    init(root: LocalRoot, cancellation: SessionCancellation, syncsFolders: Bool = true) {
        self.root = root
        self.cancellation = cancellation
        self.syncsFolders = syncsFolders
    }

    private func parent(of path: RemotePath, create: Bool = false) throws -> (SafeDirectory, RemoteName) {
        guard let name = path.name else {
            throw TransportError(code: .invalidName, path: path.string, message: "the root is not a file")
        }
        return (try root.open(path.parent, create: create), name)
    }

    func list(_ folder: RemotePath) throws -> DirectoryListing {
        try cancellation.check(folder)
        return try root.open(folder).list()
    }

    func stat(_ path: RemotePath) throws -> RemoteEntry? {
        do {
            let (directory, name) = try parent(of: path)
            return try directory.stat(name)
        } catch let error as TransportError where error.code == .notFound {
            return nil
        }
    }

    func fetch(
        _ path: RemotePath, into spool: Spool, as name: RemoteName, limit: Int64?,
        progress: ((Int64) throws -> Void)?
    ) throws -> SpooledFile {
        try cancellation.check(path)
        let (directory, sourceName) = try parent(of: path)
        let fd = try directory.openForReading(sourceName)
        defer { close(fd) }
        let writer = try SpoolWriter(spool: spool, name: name, source: path, limit: limit)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try readSome(fd, buffer, path: path.string)
            if n == 0 { break }
            try writer.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            try progress?(writer.size)
            try cancellation.check(path)
        }
        return try writer.commit()
    }

    func put(_ source: PutSource, as path: RemotePath) throws {
        try cancellation.check(path)
        let (directory, name) = try parent(of: path)
        let temporary = try RemoteName("." + String(name.value.prefix(180)) + ".part-" + randomSuffix())
        let fd = try directory.createExclusive(temporary)
        var published = false
        defer {
            if fd >= 0 { close(fd) }
            if !published { directory.removeIfPresent(temporary) }
        }
        let shownPath = directory.path.appending(temporary).string
        try source.forEachChunk { chunk in
            try cancellation.check(path)
            try writeAll(fd, chunk, path: shownPath)
        }
        guard fsync(fd) == 0 else { throw TransportError.local(errno, path: shownPath, "cannot fsync") }
        try directory.publish(temporary, as: name)
        published = true
    }

    func move(_ from: RemotePath, to: RemotePath) throws {
        try cancellation.check(from)
        let (source, name) = try parent(of: from)
        let (target, newName) = try parent(of: to)
        guard try source.stat(name) != nil else {
            throw TransportError(code: .notFound, path: from.string, message: "nothing to move")
        }
        // link + unlink: unlike rename(2), link never replaces an existing name.
        try source.link(name, to: target, as: newName)
        try source.remove(name)
        guard syncsFolders else { return }
        try target.sync()
        if source.path != target.path { try source.sync() }
    }

    func delete(_ path: RemotePath) throws {
        try delete(path, syncingFolder: true)
    }

    func delete(_ path: RemotePath, syncingFolder: Bool) throws {
        try cancellation.check(path)
        let (directory, name) = try parent(of: path)
        try directory.remove(name)
        if syncsFolders && syncingFolder { try directory.sync() }
    }

    func syncFolder(_ folder: RemotePath) throws {
        guard syncsFolders else { return }
        try root.open(folder).sync()
    }

    func makeFolder(_ path: RemotePath) throws {
        _ = try root.open(path, create: true)
    }
}

extension PutSource {
    /// Hands the bytes to `body` in chunks.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch self {
        case .bytes(let bytes):
            try bytes.withUnsafeBytes { try body($0) }
        case .file(let root, let path):
            guard let name = path.name else {
                throw TransportError(code: .invalidName, path: path.string, message: "the root is not a file")
            }
            let directory = try root.open(path.parent)
            let fd = try directory.openForReading(name)
            defer { close(fd) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = try readSome(fd, buffer, path: path.string)
                if n == 0 { return }
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        }
    }
}
