/// One name inside a folder, as a partner or hub wrote it. Names are data: a name that could climb out
/// of its folder or be read differently by another system (`/`, `\`, NUL, `.`, `..`, empty) is refused.
public struct RemoteName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    /// - Throws: `TransportError` `.invalidName`.
    public init(_ value: String) throws {
        if let problem = Self.problem(with: value) {
            throw TransportError(code: .invalidName, path: value, message: problem)
        }
        self.value = value
    }

    /// Why `value` is not acceptable as a single name, or nil when it is.
    public static func problem(with value: String) -> String? {
        if value.isEmpty { return "empty name" }
        if value == "." || value == ".." { return "a name cannot be '.' or '..'" }
        if value.utf8.contains(0) { return "name contains NUL" }
        if value.contains("/") { return "name contains '/'" }
        if value.contains("\\") { return "name contains a backslash" }
        if value.utf8.count > 255 { return "name longer than 255 bytes" }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "name contains a control character"
        }
        return nil
    }

    /// True for names that are never picked up: dot-files and temporary uploads (`.part`, `.tmp`).
    public var isTemporaryOrHidden: Bool {
        value.hasPrefix(".") || value.hasSuffix(".part") || value.hasSuffix(".tmp")
    }

    public var description: String { value }
    public static func < (a: RemoteName, b: RemoteName) -> Bool { a.value < b.value }
}

/// A path relative to an endpoint's root (a hub folder, or the SFTP user's start folder): validated names
/// joined by `/`. The empty path is the root itself. Absolute paths and `..` cannot be expressed.
public struct RemotePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [RemoteName]

    public init(_ components: [RemoteName]) { self.components = components }

    /// Parses `a/b/c`. Refuses absolute paths, empty components, `.`, `..`, NUL and backslashes.
    /// - Throws: `TransportError` `.invalidName`.
    public init(_ string: String) throws {
        if string.isEmpty || string == "." {
            components = []
            return
        }
        if string.hasPrefix("/") {
            throw TransportError(code: .invalidName, path: string, message: "absolute paths are refused")
        }
        var parts: [RemoteName] = []
        for piece in string.split(separator: "/", omittingEmptySubsequences: false) {
            do {
                parts.append(try RemoteName(String(piece)))
            } catch var error as TransportError {
                error.path = string
                throw error
            }
        }
        components = parts
    }

    public static let root = RemotePath([RemoteName]())

    public var isRoot: Bool { components.isEmpty }
    public var name: RemoteName? { components.last }
    public var parent: RemotePath { RemotePath(Array(components.dropLast())) }

    public func appending(_ name: RemoteName) -> RemotePath { RemotePath(components + [name]) }
    public func appending(_ path: RemotePath) -> RemotePath { RemotePath(components + path.components) }

    /// `a/b/c`, or `.` for the root.
    public var string: String { components.isEmpty ? "." : components.map(\.value).joined(separator: "/") }
    public var description: String { string }
    public static func < (a: RemotePath, b: RemotePath) -> Bool { a.string < b.string }
}

/// Names one intake source (a partner's SFTP inbox, a hub folder) in ledgers and logs.
public struct SourceID: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String
    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}
