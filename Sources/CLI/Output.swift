#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Canonical
import X12

/// Buffered writes to standard output or standard error: many short lines without a syscall each.
struct Output {
    private var buffer: [UInt8] = []
    let descriptor: Int32
    /// Whether a full buffer is written out; when false the output is held until `append(_:)` takes it (the
    /// findings of a piece validated on another thread, see `ValidateCommand`).
    var writesWhenFull = true

    static var stdout: Output { Output(descriptor: 1) }
    static var stderr: Output { Output(descriptor: 2) }
    /// Output held in memory, for `append(_:)` to standard output later.
    static var held: Output { Output(descriptor: 1, writesWhenFull: false) }

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        flushWhenFull()
    }

    /// Appends `text`'s UTF-8 bytes, without a newline (and without flushing: call `lineEnded()` after the
    /// line's last part). For lines printed in parts, without a string made per line.
    mutating func text(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: text.utf8)
        }
    }

    /// Ends a line written with `text(_:)`.
    mutating func lineEnded() {
        buffer.append(0x0A)
        flushWhenFull()
    }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        flushWhenFull()
    }

    /// Takes what `other` holds (not yet written) after this output's own bytes.
    mutating func append(_ other: Output) {
        if buffer.isEmpty {
            buffer = other.buffer
        } else {
            buffer.append(contentsOf: other.buffer)
        }
        flushWhenFull()
    }

    /// One event as a line of JSON, written straight into the buffer.
    mutating func event(_ event: CloudEvent) {
        event.appendJSON(to: &buffer)
        buffer.append(0x0A)
        flushWhenFull()
    }

    /// Writes what is buffered, then `bytes` straight from where they are (no copy into the buffer).
    mutating func writeThrough(_ bytes: UnsafeBufferPointer<UInt8>) {
        flush()
        Self.writeAll(UnsafeRawBufferPointer(bytes), to: descriptor)
    }

    mutating func flush() {
        buffer.withUnsafeBytes { Self.writeAll($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the buffer out once it holds 64 KiB, unless this output is held (`writesWhenFull` false).
    private mutating func flushWhenFull() {
        if writesWhenFull, buffer.count >= 1 << 16 { flush() }
    }

    /// Writes all of `bytes` to `descriptor`, again after a signal interrupted the call; stops at an error.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if n <= 0 {
                if errno == EINTR { continue }
                break
            }
            offset += n
        }
    }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

/// Wraps a byte source and shows how far reading has got on standard error, when that is a terminal.
struct ProgressSource: ByteSource {
    var inner: any ByteSource
    let name: String
    private var total: Int64 = 0
    private var nextReport: Int64 = 64 << 20

    init(_ inner: any ByteSource, name: String) {
        self.inner = inner
        self.name = name
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        total += Int64(n)
        if total >= nextReport {
            nextReport += 64 << 20
            var err = Output.stderr
            err.write(Array("\r\(name): \(total >> 20) MiB read".utf8))
            err.flush()
        }
        if n == 0, total >= 64 << 20 {
            var err = Output.stderr
            err.write(Array("\r\u{1B}[K".utf8))
            err.flush()
        }
        return n
    }
}

/// Opens `path` (`-` for standard input) as a byte source, with progress when stderr is a terminal.
func openInput(_ path: String) throws -> (InputFile, any ByteSource) {
    let file = try InputFile(path: path)
    let source: any ByteSource = Output.stderrIsTerminal ? ProgressSource(file.source, name: path) : file.source
    return (file, source)
}
