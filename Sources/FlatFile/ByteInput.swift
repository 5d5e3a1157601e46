public import Foundation

/// Where a flat-file reader's bytes come from: memory, a file, or a decompressing stream.
///
/// The same shape as the X12 module's `ByteSource`, so that one gzip stream can be adapted to both
/// without this module importing X12. Readers ask for bytes in chunks and never hold a whole file.
public protocol ByteInput {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes already in memory: tests, small files, a spooled record read again.
public struct MemoryInput: ByteInput, Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ data: Data) { self.bytes = [UInt8](data) }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += count
        return count
    }
}

/// Adapts any read function, for example a capped gunzip stream that a later stage owns.
public struct ClosureInput: ByteInput {
    private let body: (UnsafeMutableRawBufferPointer) throws -> Int

    /// `body` fills the front of the buffer and returns the number of bytes written, 0 at end of input.
    public init(_ body: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) { self.body = body }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try body(buffer) }
}

/// A local file read in chunks through `FileHandle`; the handle is closed when the input is released.
public final class FileInput: ByteInput {
    private let handle: FileHandle

    /// Opens `url` for reading.
    ///
    /// - Throws: `FlatFileError` with `.unreadableInput`, naming the file (its last path component).
    public init(url: URL) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw FlatFileError(
                code: .unreadableInput, position: RecordPosition(fileName: url.lastPathComponent),
                message: "cannot open the file for reading", underlying: error)
        }
    }

    // A failed close of a file opened read-only loses nothing, and deinit cannot report it.
    deinit { try? handle.close() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let data = try handle.read(upToCount: buffer.count), !data.isEmpty else { return 0 }
        return data.copyBytes(to: buffer)
    }
}
