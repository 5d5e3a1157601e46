/// What a listing says about one entry of a folder.
public struct RemoteEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case file, folder, other }

    /// The folder the entry was listed in, relative to the endpoint's root.
    public var folder: RemotePath
    public var name: RemoteName
    public var kind: Kind
    /// Size in bytes.
    public var size: Int64
    /// Modification time in whole seconds since 1970 (what SFTP v3 carries).
    public var modified: Int64

    public init(folder: RemotePath, name: RemoteName, kind: Kind, size: Int64, modified: Int64) {
        self.folder = folder
        self.name = name
        self.kind = kind
        self.size = size
        self.modified = modified
    }

    public var path: RemotePath { folder.appending(name) }
}

/// A folder's entries, plus the names that were refused because they are not plain names.
public struct DirectoryListing: Sendable {
    public var folder: RemotePath
    public var entries: [RemoteEntry]
    /// Refused names, escaped for logs (`debugDescription`); they are never fetched.
    public var refusedNames: [String]

    public init(folder: RemotePath, entries: [RemoteEntry], refusedNames: [String]) {
        self.folder = folder
        self.entries = entries
        self.refusedNames = refusedNames
    }
}
