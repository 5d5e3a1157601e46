#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open folder under a `LocalRoot`; every call names a single validated entry of it (`openat`,
/// `linkat`, `unlinkat` ...), so nothing can climb out or follow a link. Closes its descriptor when released.
final class SafeDirectory {
    let descriptor: Int32
    let root: LocalRoot
    /// Relative to the root.
    let path: RemotePath

    init(descriptor: Int32, root: LocalRoot, path: RemotePath) {
        self.descriptor = descriptor
        self.root = root
        self.path = path
    }

    deinit { close(descriptor) }

    private func shownPath(_ name: RemoteName) -> String { path.appending(name).string }

    /// Opens (or creates) the sub-folder `name`; a link or a non-folder there is refused.
    func subfolder(_ name: RemoteName, create: Bool) throws -> SafeDirectory {
        var fd = openat(descriptor, name.value, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 && errno == ENOENT && create {
            if mkdirat(descriptor, name.value, 0o755) != 0 && errno != EEXIST {
                throw TransportError.local(errno, path: shownPath(name), "cannot create the folder")
            }
            fd = openat(descriptor, name.value, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let number = errno
            if number == ELOOP || number == ENOTDIR {
                throw TransportError(
                    code: .outsideRoot, path: shownPath(name),
                    message: "not a folder, or a link; links below the root are never followed")
            }
            throw TransportError.local(number, path: shownPath(name), "cannot open the folder")
        }
        return SafeDirectory(descriptor: fd, root: root, path: path.appending(name))
    }

    /// Checks, after the kernel resolved it, that this folder still lies under the root.
    func checkUnderRoot() throws {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
            guard n > 0 else { return }  // no /proc: the O_NOFOLLOW walk is the guard
            let resolved = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let rootPath = root.path
            guard resolved == rootPath || resolved.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") else {
                throw TransportError(
                    code: .outsideRoot, path: path.string, message: "the folder resolves outside its root")
            }
        #endif
    }

    /// The entries of this folder, links included but never followed (they are listed as `.other`).
    func list() throws -> DirectoryListing {
        let copy = dup(descriptor)
        guard copy >= 0, let dir = fdopendir(copy) else {
            throw TransportError.local(errno, path: path.string, "cannot list the folder")
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var entries: [RemoteEntry] = []
        var refused: [String] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            let raw = String(decoding: bytes, as: UTF8.self)
            if raw == "." || raw == ".." { continue }
            // A name that is not UTF-8 could not be opened again by its decoded form: refused like the rest.
            guard String(validating: bytes, as: UTF8.self) != nil, let name = try? RemoteName(raw) else {
                refused.append(raw.debugDescription)
                continue
            }
            if let item = try stat(name) { entries.append(item) }
        }
        entries.sort { $0.name < $1.name }
        return DirectoryListing(folder: path, entries: entries, refusedNames: refused)
    }

    /// Size, time and kind of `name` without following a link; nil when it does not exist.
    func stat(_ name: RemoteName) throws -> RemoteEntry? {
        var info = emptyFileStatus()
        guard fstatat(descriptor, name.value, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw TransportError.local(errno, path: shownPath(name), "cannot stat")
        }
        let type = info.st_mode & S_IFMT
        let kind: RemoteEntry.Kind = type == S_IFREG ? .file : type == S_IFDIR ? .folder : .other
        return RemoteEntry(
            folder: path, name: name, kind: kind, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec))
    }

    /// Opens the regular file `name` for reading; links, FIFOs and devices are refused.
    func openForReading(_ name: RemoteName) throws -> Int32 {
        let fd = openat(descriptor, name.value, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP {
                throw TransportError(code: .outsideRoot, path: shownPath(name), message: "links are never followed")
            }
            throw TransportError.local(errno, path: shownPath(name), "cannot open for reading")
        }
        var info = emptyFileStatus()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw TransportError(code: .localIO, path: shownPath(name), message: "not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Creates `name`, which must not exist yet, for writing (`O_EXCL | O_NOFOLLOW`).
    func createExclusive(_ name: RemoteName, mode: mode_t = 0o640) throws -> Int32 {
        let fd = openat(descriptor, name.value, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw TransportError.local(errno, path: shownPath(name), "cannot create") }
        return fd
    }

    /// Gives the complete file `temporary` its final name without ever replacing an existing file:
    /// `linkat` fails when the final name exists, then the temporary name is removed and, unless
    /// `syncFolder` is false (the caller syncs once for a batch), the folder synced.
    /// - Throws: `TransportError` `.conflict` when `final` exists (the temporary file is left for the caller).
    func publish(_ temporary: RemoteName, as final: RemoteName, syncFolder: Bool = true) throws {
        try link(temporary, to: self, as: final)
        _ = unlinkat(descriptor, temporary.value, 0)
        if syncFolder { try sync() }
    }

    /// Gives the complete file `temporary` its final name, replacing a file of that name (`renameat`, atomic),
    /// then, unless `syncFolder` is false, syncs the folder. Only for the spool's unrecorded copies.
    func replace(_ temporary: RemoteName, with final: RemoteName, syncFolder: Bool = true) throws {
        guard renameat(descriptor, temporary.value, descriptor, final.value) == 0 else {
            throw TransportError.local(errno, path: shownPath(temporary), "cannot rename to \(final)")
        }
        if syncFolder { try sync() }
    }

    /// Hard-links `name` into `folder` as `newName`; refuses to replace an existing name.
    func link(_ name: RemoteName, to folder: SafeDirectory, as newName: RemoteName) throws {
        guard linkat(descriptor, name.value, folder.descriptor, newName.value, 0) == 0 else {
            let number = errno
            if number == EEXIST {
                throw TransportError(
                    code: .conflict, path: folder.path.appending(newName).string,
                    message: "the name exists already; nothing was overwritten")
            }
            throw TransportError.local(
                number, path: shownPath(name), "cannot link to \(folder.path.appending(newName))")
        }
    }

    func remove(_ name: RemoteName) throws {
        guard unlinkat(descriptor, name.value, 0) == 0 else {
            throw TransportError.local(errno, path: shownPath(name), "cannot delete")
        }
    }

    /// Removes `name` when it exists, ignoring a missing file (clean-up after a failure).
    func removeIfPresent(_ name: RemoteName) {
        _ = unlinkat(descriptor, name.value, 0)
    }

    #if os(Linux)
        /// glibc declares `syncfs` only under `_GNU_SOURCE`, which Swift's Glibc module is not built with; the
        /// function itself is in every glibc since 2.14. Looked up once; without it, spool files are fsynced
        /// one by one (`canSyncFileSystem`) and a batch sync flushes the folder.
        private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        }()

        static var canSyncFileSystem: Bool { syncfs != nil }

        /// Flushes the whole file system holding this folder (`syncfs`): every file's bytes and every name
        /// written so far, in one journal commit. Reports write-back errors (Linux 5.8 and later).
        func syncFileSystem() throws {
            guard let syncfs = Self.syncfs else { return try sync() }
            guard syncfs(descriptor) == 0 else {
                throw TransportError.local(errno, path: path.string, "cannot sync the spool's file system")
            }
        }
    #endif

    /// Flushes the folder itself, so that a rename or link survives a crash.
    func sync() throws {
        guard fsync(descriptor) == 0 else {
            throw TransportError.local(errno, path: path.string, "cannot fsync the folder")
        }
    }
}

/// Writes all of `buffer` to `fd`, retrying short writes and `EINTR`.
func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
    var offset = 0
    while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            throw TransportError.local(errno, path: path, "cannot write")
        }
        offset += n
    }
}

/// Reads up to `buffer.count` bytes from `fd`, retrying `EINTR`; 0 is the end of the file.
func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
    while true {
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n >= 0 { return n }
        if errno == EINTR { continue }
        throw TransportError.local(errno, path: path, "cannot read")
    }
}

/// A random hexadecimal suffix for temporary names.
func randomSuffix() -> String {
    String(UInt64.random(in: 0...UInt64.max), radix: 16)
}

/// A zeroed `stat` buffer (the type shares its name with the function, hence the helper).
func emptyFileStatus() -> stat { stat() }

/// Opens a folder by absolute path for use as a root descriptor.
func openFolder(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
