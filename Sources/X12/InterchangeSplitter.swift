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
        var bytes: [UInt8]
        var offset: Int64
        var isLast: Bool
    }

    enum Cut {
        case piece(Piece)
        /// No cut within `maxPieceSize` bytes of `offset`: the input from `offset` on is read in one stream,
        /// `bytes` first, then the rest of the source (`takeRest`).
        case uncuttable(offset: Int64, bytes: [UInt8])
    }

    private(set) var source: any ByteSource
    /// A piece ends at the first cut at or after this many bytes (at least one byte: never before its own ISA).
    let pieceSize: Int
    /// A piece with no cut this long is not cut at all.
    let maxPieceSize: Int
    let readSize: Int

    /// Bytes read and not yet handed out; `pending[0]` is at `offset` in the input.
    private var pending: [UInt8] = []
    private var offset: Int64 = 0
    private var eof = false
    private var finished = false

    init(source: any ByteSource, pieceSize: Int, maxPieceSize: Int, readSize: Int = 1 << 18) {
        self.source = source
        self.pieceSize = max(1, pieceSize)
        self.maxPieceSize = max(self.pieceSize, maxPieceSize)
        self.readSize = max(readSize, 16)
    }

    /// The next piece; nil after the last one (or after `uncuttable`).
    mutating func next() throws -> Cut? {
        if finished { return nil }
        var from = pieceSize
        while true {
            let limit = min(pending.count, maxPieceSize + 1)
            let (cut, resume) = firstCut(from: from, below: limit)
            if let cut {
                var bytes = Array(pending[cut...])
                swap(&bytes, &pending)
                bytes.removeLast(bytes.count - cut)
                let piece = Piece(bytes: bytes, offset: offset, isLast: false)
                offset += Int64(cut)
                return .piece(piece)
            }
            if eof {
                finished = true
                let piece = Piece(bytes: pending, offset: offset, isLast: true)
                pending = []
                return .piece(piece)
            }
            if pending.count > maxPieceSize + 4 {
                finished = true
                let bytes = pending
                pending = []
                return .uncuttable(offset: offset, bytes: bytes)
            }
            from = resume
            try read()
        }
    }

    /// What is left after `uncuttable`, or when a piece's cut turns out unsafe: the bytes read past the pieces
    /// handed out, then the rest of the source.
    mutating func takeRest() -> (bytes: [UInt8], source: any ByteSource) {
        finished = true
        let bytes = pending
        pending = []
        return (bytes, source)
    }

    /// Appends up to `readSize` bytes from the source; sets `eof` at its end.
    private mutating func read() throws {
        let old = pending.count
        pending.append(contentsOf: repeatElement(0, count: readSize))
        let n = try pending.withUnsafeMutableBytes { buffer in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[old...]))
        }
        pending.removeLast(readSize - n)
        if n == 0 { eof = true }
    }

    /// The first cut at an index in `from..<limit` whose ISA is wholly read, and where to resume looking
    /// when there is none (the last three bytes may start an ISA not yet read whole).
    private func firstCut(from: Int, below limit: Int) -> (Int?, Int) {
        let count = pending.count
        // An ISA and the byte after it must be read (at the end of input, a shorter rest is no ISA).
        let end = min(limit, count - 3)
        guard from < end else { return (nil, from) }
        return pending.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var i = from
            while i < end {
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "I")), end - i) else { break }
                let c = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if p[c + 1] == UInt8(ascii: "S"), p[c + 2] == UInt8(ascii: "A"), !Delimiters.isAlphanumeric(p[c + 3]),
                    Self.followsIEA(p, at: c)
                {
                    return (c, c)
                }
                i = c + 1
            }
            return (nil, max(from, end))
        }
    }

    /// Whether an `IEA` segment starts at most 80 bytes before `c`: `IEA`, a separator, and before it the end
    /// of the previous segment (or the start of the piece).
    private static func followsIEA(_ p: UnsafeBufferPointer<UInt8>, at c: Int) -> Bool {
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

/// Pieces already read, then the rest of a source: the input from an unsafe cut on, read in one stream.
struct ChainedSource: ByteSource {
    private var parts: [[UInt8]]
    private var part = 0
    private var offset = 0
    private var rest: any ByteSource

    init(parts: [[UInt8]], then rest: any ByteSource) {
        self.parts = parts
        self.rest = rest
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while part < parts.count {
            let bytes = parts[part]
            let n = min(buffer.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                }
                offset += n
                return n
            }
            parts[part] = []  // done with it: its memory goes as reading moves on
            part += 1
            offset = 0
        }
        return try rest.read(into: buffer)
    }
}
