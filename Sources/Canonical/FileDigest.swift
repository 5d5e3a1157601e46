import Crypto

/// SHA-256 of a file's bytes, fed in chunks: the `fileSha256` of an event's lineage.
public struct FileDigest {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    /// Lowercase hex; the digest cannot be updated afterwards.
    public func hex() -> String {
        hexString(hasher.finalize())
    }

    /// The digest of `bytes` in one call.
    public static func sha256(_ bytes: [UInt8]) -> String {
        var digest = FileDigest()
        digest.update(bytes)
        return digest.hex()
    }
}
