#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts an input into pieces of whole interchanges, so that each piece can be read on its own (see
/// `ParallelValidation`). Reads the source in chunks; holds one piece and the bytes read past it.
///
/// A piece ends just before an ISA (`I`, `S`, `A`, then a byte that is not a letter or digit, as the
/// reader's search for an interchange has it) that closely follows an `IEA` segment: after the IEA's
/// terminator and the line breaks or whitespace the reader skips. That is where the reader, having read the
/// IEA, would start the next interchange. Finding an IEA there is only a good guess: whether the cut was
/// really safe is checked after reading the piece (`ParallelValidation`), and the input is read in one
/// stream from a piece whose cut was not.
struct InterchangeSplitter {
    /// Whole interchanges from `offset` on (and what lies between them): up to the next interchange's ISA,
    /// or to the end of input when `isLast`.
    struct Piece: Sendable {
        var buffer: PieceBuffer
        var offset: Int64
        var isLast: Bool
    }

    enum Cut {
        case piece(Piece)
        /// No cut within `maxPieceSize` bytes of `offset`: the input from `offset` on is read in one stream,
        /// `buffer` first, then the rest of the source (`takeRest`).
        case uncuttable(offset: Int64, buffer: PieceBuffer)
    }

    private(set) var source: any ByteSource
    /// A piece ends at the first cut at or after this many bytes (at least one byte: never before its own ISA).
    let pieceSize: Int
    /// No piece is longer: without a cut within this many bytes, the rest is `uncuttable`.
    let maxPieceSize: Int
    let readSize: Int

    /// Bytes read and not yet handed out; its first byte is at `offset` in the input.
    private var pending: PieceBuffer
    private var offset: Int64 = 0
    private var eof = false
    private var finished = false
    /// Buffers handed back (`recycle`), reused for the next pieces: their pages stay mapped.
    private var spare: [PieceBuffer] = []

    init(source: any ByteSource, pieceSize: Int, maxPieceSize: Int, readSize: Int = 1 << 18) {
        self.source = source
        self.maxPieceSize = max(1, maxPieceSize)
        self.pieceSize = min(max(1, pieceSize), self.maxPieceSize)
        self.readSize = max(readSize, 16)
        pending = PieceBuffer(capacity: min(self.pieceSize, 1 << 24) + 2 * self.readSize)
    }

    /// Takes back the buffer of a piece that was read, for a later piece.
    mutating func recycle(_ buffer: PieceBuffer) {
        buffer.count = 0
        spare.append(buffer)
    }

    /// The next piece; nil after the last one (or after `uncuttable`).
    mutating func next() throws -> Cut? {
        if finished { return nil }
        var from = pieceSize
        while true {
            let limit = min(pending.count, maxPieceSize + 1)
            let (cut, resume) = firstCut(from: from, below: limit)
            if let cut {
                let next = spare.popLast() ?? PieceBuffer(capacity: pending.capacity)
                next.append(pending.base + cut, count: pending.count - cut)
                pending.count = cut
                let piece = Piece(buffer: pending, offset: offset, isLast: false)
                pending = next
                offset += Int64(cut)
                return .piece(piece)
            }
            if eof {
                if pending.count > maxPieceSize { return .uncuttable(offset: offset, buffer: handOutAll()) }
                return .piece(Piece(buffer: handOutAll(), offset: offset, isLast: true))
            }
            if pending.count > maxPieceSize + 4 {
                return .uncuttable(offset: offset, buffer: handOutAll())
            }
            from = resume
            try read()
        }
    }

    /// Everything pending, leaving nothing: the splitter is finished.
    private mutating func handOutAll() -> PieceBuffer {
        finished = true
        let all = pending
        pending = PieceBuffer(capacity: 0)
        return all
    }

    /// What is left after `uncuttable`, or when a piece's cut turns out unsafe: the bytes read past the pieces
    /// handed out, then the rest of the source.
    mutating func takeRest() -> (buffer: PieceBuffer, source: any ByteSource) {
        finished = true
        return (pending, source)
    }

    /// Appends up to `readSize` bytes from the source; sets `eof` at its end.
    private mutating func read() throws {
        if pending.capacity - pending.count < readSize { pending.grow(to: pending.capacity * 2) }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: pending.base + pending.count, count: readSize))
        pending.count += n
        if n == 0 { eof = true }
    }

    /// The first cut at an index in `from..<limit` whose ISA is wholly read, and where to resume looking
    /// when there is none (the last three bytes may start an ISA not yet read whole).
    private func firstCut(from: Int, below limit: Int) -> (Int?, Int) {
        // An ISA and the byte after it must be read (at the end of input, a shorter rest is no ISA).
        let end = min(limit, pending.count - 3)
        guard from < end else { return (nil, from) }
        let p = UnsafePointer(pending.base)
        var i = from
        while i < end {
            guard let hit = memchr(p + i, Int32(UInt8(ascii: "I")), end - i) else { break }
            let c = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[c + 1] == UInt8(ascii: "S"), p[c + 2] == UInt8(ascii: "A"), !Delimiters.isAlphanumeric(p[c + 3]),
                Self.followsIEA(p, at: c)
            {
                return (c, c)
            }
            i = c + 1
        }
        return (nil, max(from, end))
    }

    /// Whether an `IEA` segment starts at most 80 bytes before `c`: `IEA`, a separator, and before it the end
    /// of the previous segment (or the start of the piece).
    private static func followsIEA(_ p: UnsafePointer<UInt8>, at c: Int) -> Bool {
        var k = c - 4
        let stop = max(0, c - 80)
        while k >= stop {
            if p[k] == UInt8(ascii: "I"), p[k + 1] == UInt8(ascii: "E"), p[k + 2] == UInt8(ascii: "A"),
                !Delimiters.isAlphanumeric(p[k + 3]), k == 0 || !Delimiters.isAlphanumeric(p[k - 1])
            {
                return true
            }
            k -= 1
        }
        return false
    }
}

/// The bytes of one piece, in memory the splitter reuses for later pieces, with one spare byte past
/// `capacity` (the reader plants a terminator just past the data, see `X12Reader`).
///
/// `@unchecked Sendable`: one thread at a time uses a buffer — the splitter fills it on the calling thread,
/// then one worker reads it during a round (handed over and back through the round's `DispatchGroup`), then
/// the splitter takes it back.
final class PieceBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity + 1)
    }

    deinit { base.deallocate() }

    func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if capacity - count < n { grow(to: max(capacity * 2, count + n)) }
        (base + count).update(from: bytes, count: n)
        count += n
    }

    func grow(to newCapacity: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + 1)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}

/// Pieces already read, then the rest of a source: the input from an unsafe cut on, read in one stream.
struct ChainedSource: ByteSource {
    private var parts: [PieceBuffer]
    private var part = 0
    private var offset = 0
    private var rest: any ByteSource

    init(parts: [PieceBuffer], then rest: any ByteSource) {
        self.parts = parts
        self.rest = rest
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while part < parts.count {
            let bytes = parts[part]
            let n = min(buffer.count, bytes.count - offset)
            if n > 0 {
                buffer.baseAddress!.copyMemory(from: bytes.base + offset, byteCount: n)
                offset += n
                return n
            }
            part += 1
            offset = 0
        }
        return try rest.read(into: buffer)
    }
}
