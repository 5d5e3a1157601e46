/// The chunked buffer under the CSV and fixed-width readers.
///
/// Bytes `[start, end)` are read but not yet consumed. `fill` moves them to the front, grows the
/// buffer only when one record needs it (never past `limit` plus one chunk), and reads the next chunk.
final class InputBuffer {
    private var input: any ByteInput
    private let fileName: String
    private let chunkSize: Int
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// First byte not consumed yet.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    private(set) var atEnd = false

    init(input: any ByteInput, fileName: String, chunkSize: Int) {
        self.input = input
        self.fileName = fileName
        self.chunkSize = max(chunkSize, 1)
        capacity = self.chunkSize
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    /// Keeps `[start, end)`, makes room for another chunk, and reads it. Returns false at end of input.
    ///
    /// Offsets into the buffer held by the caller are invalid afterwards; callers keep offsets relative
    /// to `start` instead.
    func fill() throws -> Bool {
        if atEnd { return false }
        let live = end - start
        if start > 0 {
            if live > 0 { bytes.update(from: bytes + start, count: live) }
            start = 0
            end = live
        }
        if capacity - end < chunkSize {
            let grownCapacity = max(capacity * 2, end + chunkSize)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: grownCapacity)
            grown.update(from: bytes, count: end)
            bytes.deallocate()
            bytes = grown
            capacity = grownCapacity
        }
        let count: Int
        do {
            count = try input.read(into: UnsafeMutableRawBufferPointer(start: bytes + end, count: capacity - end))
        } catch {
            throw FlatFileError(
                code: .unreadableInput, position: RecordPosition(fileName: fileName),
                message: "the input failed while reading; see the underlying error", underlying: error)
        }
        if count == 0 {
            atEnd = true
            return false
        }
        end += count
        return true
    }

    /// Skips a UTF-8 byte order mark at the very start of the input.
    func skipByteOrderMark() throws {
        while end - start < 3, try fill() {}
        if end - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            start += 3
        }
    }
}
