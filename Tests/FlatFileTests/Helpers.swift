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
