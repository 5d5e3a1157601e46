/// Why a transport operation stopped: which operation, on which path, and what to do next.
///
/// Messages name paths and codes, never file content (a partner's file may be confidential).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A name or path that is not a plain relative name (`/`, `..`, NUL, backslash, absolute).
        case invalidName
        /// A local path that would leave its configured root, or a link where a file or folder was expected.
        case outsideRoot
        case notFound
        case permissionDenied
        /// The final name already exists; nothing was overwritten.
        case conflict
        /// The server's host key is not in the known_hosts file.
        case hostKeyUnknown
        /// The server's host key differs from the one in the known_hosts file.
        case hostKeyChanged
        /// The known_hosts file cannot be read.
        case knownHostsUnreadable
        case authenticationFailed
        /// TCP connect, SSH banner or handshake failed (retried with backoff before this is thrown).
        case connectionFailed
        case timeout
        /// The connection broke during an operation.
        case connectionLost
        case download
        case upload
        case rename
        case delete
        case makeFolder
        case list
        case stat
        /// A local file-system call failed (spool or hub folder).
        case localIO
        /// The file is larger than the configured maximum.
        case tooLarge
        /// A gzip stream ended before its last member was complete.
        case truncatedCompressedStream
        /// A compressed stream that zlib cannot decode.
        case corruptCompressedStream
        /// Inflating would exceed the configured size or ratio cap (a compression bomb).
        case decompressionLimit
        case cancelled
    }

    public var code: Code
    /// The path involved, as the endpoint names it (relative to the endpoint's root), when there is one.
    public var path: String?
    /// What happened and what to do next; no file content.
    public var message: String
    public var underlying: (any Error)?

    public init(code: Code, path: String? = nil, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(code.rawValue)"
        if let path { text += " at \(path.debugDescription)" }
        text += ": \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}

/// A failure reported by a C library call, kept as the `underlying` of a `TransportError`.
public struct SystemCallError: Error, Sendable, CustomStringConvertible {
    public var function: String
    public var code: Int32
    public var message: String

    public init(function: String, code: Int32, message: String) {
        self.function = function
        self.code = code
        self.message = message
    }

    public var description: String { "\(function) returned \(code): \(message)" }
}
