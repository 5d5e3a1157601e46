#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local folder that every local write of one endpoint or spool stays under.
///
/// The root itself may be reached through links: it is resolved once, with `realpath(3)`, when it is
/// configured. Below it, every folder is opened one name at a time with `O_NOFOLLOW`, so a link planted
/// inside the root (to `/etc`, say) is refused instead of followed, and the resolved folder is checked
/// to still lie under the root.
public struct LocalRoot: Sendable, Hashable, CustomStringConvertible {
    /// The root with every link resolved.
    public let path: String

    /// Resolves `path`, creating the folder (and its parents) first when `create` is true.
    /// - Throws: `TransportError` `.notFound` or `.localIO`.
    public init(_ path: String, create: Bool = false) throws {
        if create { try Self.makeFolders(path) }
        guard let resolved = realpath(path, nil) else {
            throw TransportError.local(errno, path: path, "cannot resolve the root folder")
        }
        defer { free(resolved) }
        self.path = String(cString: resolved)
    }

    public var description: String { path }

    /// Opens the folder at `relative` under the root without following links, creating missing
    /// folders when `create` is true.
    func open(_ relative: RemotePath, create: Bool = false) throws -> SafeDirectory {
        let fd = openFolder(path)
        guard fd >= 0 else { throw TransportError.local(errno, path: path, "cannot open the root folder") }
        var current = SafeDirectory(descriptor: fd, root: self, path: .root)
        for name in relative.components {
            current = try current.subfolder(name, create: create)
        }
        try current.checkUnderRoot()
        return current
    }

    /// The local file-system path of `relative` (for logs and for handing a spooled file on).
    public func localPath(_ relative: RemotePath) -> String {
        relative.isRoot ? path : path + "/" + relative.string
    }

    private static func makeFolders(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for piece in path.split(separator: "/") {
            prefix += "/" + piece
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw TransportError.local(errno, path: prefix, "cannot create the root folder")
            }
        }
    }
}

extension TransportError {
    /// Maps an `errno` from a local file-system call to the matching code.
    static func local(_ number: Int32, path: String, _ message: String) -> TransportError {
        let code: Code
        switch number {
        case ENOENT: code = .notFound
        case EACCES, EPERM: code = .permissionDenied
        case EEXIST: code = .conflict
        case ELOOP: code = .outsideRoot
        default: code = .localIO
        }
        let underlying = SystemCallError(function: "errno", code: number, message: String(cString: strerror(number)))
        return TransportError(code: code, path: path, message: message, underlying: underlying)
    }
}
