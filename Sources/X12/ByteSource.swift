#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the reader's bytes come from: a file, standard input, memory, or a decompressing stream.
///
/// The reader asks for bytes in chunks and never holds a whole file in memory.
public protocol ByteSource {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads from an open file descriptor with `read(2)`, retrying on `EINTR`. Does not close it.
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32
    public let name: String

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw X12Error(
                code: .unreadableInput, position: SegmentPosition(fileName: name),
                message: "cannot read input: \(String(cString: strerror(errno)))")
        }
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buf, count)
    #else
    return Darwin.read(fd, buf, count)
    #endif
}

/// A file opened for reading; closes its descriptor when released.
public final class InputFile: Sendable {
    public let descriptor: Int32
    public let name: String

    /// Opens `path` read-only; `-` means standard input (which is then never closed).
    public init(path: String) throws {
        name = path == "-" ? "-" : path
        if path == "-" {
            descriptor = 0
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw X12Error(
                code: .unreadableInput, position: SegmentPosition(fileName: path),
                message: "cannot open: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
    }

    public var source: FileDescriptorSource { FileDescriptorSource(descriptor: descriptor, name: name) }

    deinit {
        if descriptor != 0 { close(descriptor) }
    }
}

/// Bytes already in memory (tests, small files, re-reading a spooled transaction).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
