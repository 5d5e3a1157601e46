#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull-style source of bytes: the same shape as the X12 reader's `ByteSource`, so the Bridge can adapt
/// one to the other without Transport depending on X12.
public protocol ByteStream {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes already in memory.
public struct MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + n)]))
        }
        offset += n
        return n
    }
}

/// A spooled file, opened without following links; closes its descriptor when released.
public final class SpooledFileStream: ByteStream {
    private let descriptor: Int32
    private let name: String

    /// Opens `name` in `spool`.
    /// - Throws: `TransportError` `.notFound`, `.outsideRoot` (a link), `.localIO`.
    public init(spool: Spool, name: RemoteName) throws {
        let directory = try spool.root.open(spool.folder)
        descriptor = try directory.openForReading(name)
        self.name = spool.folder.appending(name).string
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try readSome(descriptor, buffer, path: name)
    }
}
