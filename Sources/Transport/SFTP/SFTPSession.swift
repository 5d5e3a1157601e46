/// A logged-in SFTP session. Paths are relative to the user's start folder on the server.
///
/// Not `Sendable`: it owns libssh2 handles and lives on its session's thread.
final class SFTPSession: EndpointSession {
    private let connection: SSHConnection
    private let configuration: SFTPConfiguration
    private let cancellation: SessionCancellation

    init(connection: SSHConnection, configuration: SFTPConfiguration, cancellation: SessionCancellation) {
        self.connection = connection
        self.configuration = configuration
        self.cancellation = cancellation
    }

    /// Stops when the task was cancelled; sends a keepalive when one is due.
    private func ready(_ path: RemotePath) throws {
        try cancellation.check(path)
        try connection.keepalive()
    }

    /// Disconnects when the session ends (at the end of `withSession`, on the session's thread).
    deinit { connection.close() }

    private func fileName(of path: RemotePath) throws -> RemoteName {
        guard let name = path.name else {
            throw TransportError(code: .invalidName, path: path.string, message: "the root is not a file")
        }
        return name
    }

    func list(_ folder: RemotePath) throws -> DirectoryListing {
        try ready(folder)
        let handle = try connection.openDirectory(folder.string)
        defer { connection.close(handle) }
        var entries: [RemoteEntry] = []
        var refused: [String] = []
        while let (bytes, attributes) = try connection.readDirectory(handle, path: folder.string) {
            let raw = String(decoding: bytes, as: UTF8.self)
            if raw == "." || raw == ".." { continue }
            // Names are data: a name the server sends with a slash, backslash or NUL is never used as a path.
            guard String(validating: bytes, as: UTF8.self) != nil, let name = try? RemoteName(raw) else {
                refused.append(raw.debugDescription)
                continue
            }
            entries.append(
                RemoteEntry(
                    folder: folder, name: name, kind: attributes.kind, size: attributes.size ?? 0,
                    modified: attributes.modified ?? 0))
        }
        entries.sort { $0.name < $1.name }
        return DirectoryListing(folder: folder, entries: entries, refusedNames: refused)
    }

    func stat(_ path: RemotePath) throws -> RemoteEntry? {
        let name = try fileName(of: path)
        guard let attributes = try connection.stat(path.string) else { return nil }
        return RemoteEntry(
            folder: path.parent, name: name, kind: attributes.kind, size: attributes.size ?? 0,
            modified: attributes.modified ?? 0)
    }

    func fetch(
        _ path: RemotePath, into spool: Spool, as name: RemoteName, limit: Int64?,
        progress: ((Int64) throws -> Void)?
    ) throws -> SpooledFile {
        try ready(path)
        let expectedSize: Int64
        if let entry = try stat(path) {
            expectedSize = entry.size
            if entry.kind != .file {
                throw TransportError(code: .download, path: path.string, message: "not a regular file; not fetched")
            }
            if let limit, entry.size > limit {
                throw TransportError(
                    code: .tooLarge, path: path.string, message: "\(entry.size) bytes, over the limit of \(limit)")
            }
        } else {
            throw TransportError(code: .notFound, path: path.string, message: "nothing to fetch")
        }
        let writer = try SpoolWriter(spool: spool, name: name, source: path, limit: limit)
        let handle = try connection.openFile(path.string, write: false)
        defer { connection.close(handle) }
        // libssh2 keeps up to a buffer's worth of reads in flight; for a small file, asking for far more
        // than its size only sends requests that come back empty.
        let bufferSize = Int(min(Int64(max(32 * 1024, configuration.readBufferSize)), expectedSize + 1))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try connection.read(handle, into: buffer, path: path.string)
            if n == 0 { break }
            try writer.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            try progress?(writer.size)
            try cancellation.check(path)
        }
        // A read that ends short of the size listed a moment ago is a broken transfer, not a file.
        if writer.size != expectedSize {
            throw TransportError(
                code: .download, path: path.string,
                message:
                    "read \(writer.size) of \(expectedSize) bytes; the file changed or the transfer broke; not kept")
        }
        return try writer.commit()
    }

    func put(_ source: PutSource, as path: RemotePath) throws {
        try ready(path)
        let name = try fileName(of: path)
        let temporary = path.parent.appending(
            try RemoteName("." + String(name.value.prefix(180)) + ".part-" + randomSuffix()))
        let handle = try connection.openFile(temporary.string, write: true, exclusive: true)
        var open = true
        var renamed = false
        defer {
            if open { connection.close(handle) }
            if !renamed { try? connection.unlink(temporary.string) }
        }
        try source.forEachChunk { chunk in
            try cancellation.check(path)
            var offset = 0
            while offset < chunk.count {
                offset += try connection.write(
                    handle, UnsafeRawBufferPointer(rebasing: chunk[offset...]), path: temporary.string)
            }
        }
        try connection.fsync(handle, path: temporary.string)
        connection.close(handle)
        open = false
        try renameWithoutReplacing(temporary, to: path)
        renamed = true
    }

    func move(_ from: RemotePath, to: RemotePath) throws {
        try ready(from)
        _ = try fileName(of: from)
        try renameWithoutReplacing(from, to: to)
    }

    /// SFTP v3 rename fails when the target exists (OpenSSH answers a generic failure), so the target is
    /// checked first and again after a failure, to report `.conflict` rather than a bare failure.
    private func renameWithoutReplacing(_ from: RemotePath, to: RemotePath) throws {
        _ = try fileName(of: to)
        if try connection.stat(to.string) != nil {
            throw TransportError(
                code: .conflict, path: to.string, message: "the name exists already; nothing was overwritten")
        }
        do {
            try connection.rename(from.string, to: to.string)
        } catch let error as TransportError {
            if error.code != .notFound, (try? connection.stat(to.string)) != nil {
                throw TransportError(
                    code: .conflict, path: to.string, message: "the name exists already; nothing was overwritten",
                    underlying: error)
            }
            throw error
        }
    }

    func delete(_ path: RemotePath) throws {
        try ready(path)
        _ = try fileName(of: path)
        try connection.unlink(path.string)
    }

    func makeFolder(_ path: RemotePath) throws {
        try ready(path)
        var current = RemotePath.root
        for name in path.components {
            current = current.appending(name)
            if let existing = try connection.stat(current.string) {
                if existing.kind != .folder {
                    throw TransportError(code: .makeFolder, path: current.string, message: "exists and is not a folder")
                }
                continue
            }
            do {
                try connection.makeDirectory(current.string)
            } catch let error as TransportError {
                // Another client may have made it meanwhile.
                if (try? connection.stat(current.string))?.kind == .folder { continue }
                throw error
            }
        }
    }
}
