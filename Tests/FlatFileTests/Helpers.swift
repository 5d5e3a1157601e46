import FlatFile
import Foundation
import TestSupport

/// Hands out at most `step` bytes per read, so that every chunk boundary falls somewhere new.
struct TrickleInput: ByteInput {
    var inner: MemoryInput
    let step: Int

    init(_ bytes: [UInt8], step: Int) {
        inner = MemoryInput(bytes)
        self.step = step
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(step)))
    }
}

struct BrokenDisk: Error {}

/// A sample under `samples/<folder>/`.
func sample(_ folder: String, _ file: String) -> Sample {
    Sample(url: ProjectPaths.samples.appendingPathComponent(folder).appendingPathComponent(file))
}

/// Runs `body`, expecting a `FlatFileError`, and returns it.
func flatFileError(_ body: () throws -> Void) -> FlatFileError? {
    do {
        try body()
    } catch let error as FlatFileError {
        return error
    } catch {
        return nil
    }
    return nil
}

/// Produces `count` copies of `record` after `prefix`, without ever holding them all, and notes the
/// largest read the reader asked for: a reader that buffered the whole input would ask for ever more.
final class GeneratedInput: ByteInput {
    private let pieces: [[UInt8]]
    private let count: Int
    private var emitted = 0
    private var piece: [UInt8]
    private var offset = 0
    private(set) var largestRequest = 0

    init(prefix: String, record: String, count: Int, suffix: String = "") {
        pieces = [Array(record.utf8), Array(suffix.utf8)]
        self.count = count
        piece = Array(prefix.utf8)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        largestRequest = max(largestRequest, buffer.count)
        while offset == piece.count {
            guard emitted <= count else { return 0 }
            piece = emitted < count ? pieces[0] : pieces[1]
            emitted += 1
            offset = 0
        }
        let n = min(buffer.count, piece.count - offset)
        piece[offset..<(offset + n)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += n
        return n
    }
}
