#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Validates one input on several threads: the input is cut into pieces of whole interchanges, each piece
/// is read and validated on its own with its own sink, and the sinks are handed back in file order. What the
/// sinks saw, taken in that order, is exactly what one sink sees when the input is read in one stream.
///
/// Interchanges are independent: each has its delimiters from its own ISA and its own envelope checks, and
/// every position the reader reports counts from the file's start (`X12Reader(startOffset:)`) or from the
/// interchange's ISA. A piece ends just before an ISA that follows an IEA (see `InterchangeSplitter`); after
/// reading it, the cut is kept only when the piece read cleanly to its end: no error, no interchange left
/// open, no unterminated last segment. Otherwise the input is read in one stream from that piece on, as it
/// is when no cut is found within `maxPieceSize` bytes. A piece that runs to the end of input is the input's
/// own end, so whatever it reports stands.
///
/// Memory stays bounded: two rounds of at most `piecesPerJob × jobs` pieces each are in memory at a time (one
/// validated on `jobs` threads, each piece read in place, while the next is read), plus each piece sink's results;
/// the pieces' buffers are reused from round to round.
///
/// Written by hand: the work is plain threads over byte ranges; the Swift concurrency runtime would add
/// nothing but hops, and the reader and validator are synchronous. The threads are POSIX threads started for
/// each round and joined at its end: Dispatch's global queue on Linux adds a worker only when it sees a processor
/// idle, so on a machine shared with other work the round ran on the calling thread alone.
public struct ParallelValidation: Sendable {
    /// Threads validating at once; 1 reads the input in one stream on the calling thread.
    public var jobs: Int
    /// A piece ends at the first interchange boundary at or after this many bytes.
    public var pieceSize: Int
    /// A piece with no boundary this long ends parallel reading: the rest is read in one stream. At most
    /// `X12Reader`'s default `maxSegmentLength` less one byte, so a piece never holds a segment the reader refuses
    /// (the stream reports it) and memory stays bounded.
    public var maxPieceSize: Int
    /// The size of each read from the source when cutting it (pieces are then read in place; reading in one
    /// stream, the reader reads its own chunks).
    public var readSize: Int
    /// Pieces in one round per job: more balance the threads' work better, fewer hold less memory.
    public var piecesPerJob: Int

    public init(
        jobs: Int, pieceSize: Int = 128 << 10, maxPieceSize: Int = (1 << 20) - 1, readSize: Int = 64 << 10,
        piecesPerJob: Int = 2
    ) {
        self.jobs = max(1, jobs)
        self.maxPieceSize = min(max(1, maxPieceSize), (1 << 20) - 1)
        self.pieceSize = min(max(1, pieceSize), self.maxPieceSize)
        self.readSize = max(16, readSize)
        self.piecesPerJob = max(1, piecesPerJob)
    }

    /// The processors available to this process, at most 4: beyond that the bytes read, not the validation,
    /// bound the speed, and each job holds pieces in memory.
    public static var defaultJobs: Int {
        min(4, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// How an input was read: for tests and benchmarks.
    public struct Summary: Sendable, Equatable {
        /// Pieces validated on their own and handed back (the stream, if any, not counted).
        public var pieces: Int
        /// Where reading in one stream began, when it did (0: the whole input).
        public var streamedFrom: Int64?
    }

    /// Reads and validates `source`, handing each piece's sink to `collect` on the calling thread, in file order.
    ///
    /// - Parameters:
    ///   - makeSink: a new sink for a piece. `streaming` is true for the sink of the stream (the input from some
    ///     point to its end, read on the calling thread after every earlier piece was collected): it may write
    ///     out as results arrive; other sinks run on worker threads and must hold their results until collected.
    ///   - collect: takes each sink in file order, when its piece or stream is done (also when it stopped at an
    ///     error: the results before the error are in it).
    /// - Throws: `X12Error` when the input cannot be read as X12 (as `X12Reader.run`), after collecting the sink
    ///   that holds the results before it; whatever a sink or `collect` throws.
    @discardableResult
    public func run<Sink: ValidationSink & Sendable>(
        source: any ByteSource, fileName: String, options: ValidationOptions,
        makeSink: @escaping @Sendable (_ streaming: Bool) -> Sink,
        collect: (Sink) throws -> Void
    ) throws -> Summary {
        if jobs == 1 {
            try stream(from: 0, source: source, fileName: fileName, options: options, makeSink: makeSink, collect: collect)
            return Summary(pieces: 0, streamedFrom: 0)
        }
        var splitter = InterchangeSplitter(
            source: source, pieceSize: pieceSize, maxPieceSize: min(maxPieceSize, (1 << 20) - 1), readSize: readSize)
        // Tables compiled once for all pieces (for this input's registry).
        let schemas = CompiledSchemaCache()
        var pieces = 0
        var (round, uncut) = try gather(&splitter)
        while true {
            // While the helpers finish their last pieces, the calling thread reads the next round (unless this
            // one reaches the end of input or a stream).
            var next: Gathered = ([], nil)
            var readError: (any Error)?
            let results = validate(round, fileName: fileName, options: options, schemas: schemas, makeSink: makeSink) {
                guard uncut == nil, let last = round.last, !last.isLast else { return }
                do {
                    next = try gather(&splitter)
                } catch {
                    readError = error
                }
            }
            for (i, result) in results.enumerated() {
                if result.isClean || round[i].isLast {
                    try collect(result.sink)
                    pieces += 1
                    if let error = result.error { throw error }
                    splitter.recycle(round[i].buffer)
                    continue
                }
                // The cut after this piece was not safe: from its start, the input is read in one stream (the
                // pieces read since, then the rest).
                let rest = splitter.takeRest()
                var parts = round[i...].map(\.buffer)
                if let uncut { parts.append(uncut.buffer) }
                parts += next.pieces.map(\.buffer)
                if let uncut = next.uncut { parts.append(uncut.buffer) }
                parts.append(rest.buffer)
                try stream(
                    from: round[i].offset, source: ChainedSource(parts: parts, then: rest.source), fileName: fileName,
                    options: options, makeSink: makeSink, collect: collect)
                return Summary(pieces: pieces, streamedFrom: round[i].offset)
            }
            if let uncut {
                let rest = splitter.takeRest()
                try stream(
                    from: uncut.offset, source: ChainedSource(parts: [uncut.buffer, rest.buffer], then: rest.source),
                    fileName: fileName, options: options, makeSink: makeSink, collect: collect)
                return Summary(pieces: pieces, streamedFrom: uncut.offset)
            }
            if round.isEmpty || round[round.count - 1].isLast { return Summary(pieces: pieces, streamedFrom: nil) }
            if let readError { throw readError }
            (round, uncut) = next
        }
    }

    /// One round's pieces, and where no cut was found (see `InterchangeSplitter.Cut.uncuttable`).
    typealias Gathered = (pieces: [InterchangeSplitter.Piece], uncut: (offset: Int64, buffer: PieceBuffer)?)

    /// The next round's pieces: up to `piecesPerJob × jobs`, ending early at the last piece or an uncuttable rest.
    private func gather(_ splitter: inout InterchangeSplitter) throws -> Gathered {
        var round: [InterchangeSplitter.Piece] = []
        while round.count < piecesPerJob * jobs {
            switch try splitter.next() {
            case .piece(let piece):
                round.append(piece)
                if piece.isLast { return (round, nil) }
            case .uncuttable(let offset, let buffer):
                return (round, (offset, buffer))
            case nil:
                return (round, nil)
            }
        }
        return (round, nil)
    }

    /// Reads the input from `offset` to its end in one stream on the calling thread, with a streaming sink.
    private func stream<Sink: ValidationSink & Sendable>(
        from offset: Int64, source: any ByteSource, fileName: String, options: ValidationOptions,
        makeSink: @Sendable (Bool) -> Sink, collect: (Sink) throws -> Void
    ) throws {
        var validator = X12Validator(fileName: fileName, options: options, sink: makeSink(true))
        do {
            try X12Reader(source: source, fileName: fileName, startOffset: offset).run(&validator)
        } catch {
            try collect(validator.sink)
            throw error
        }
        try collect(validator.sink)
    }

    /// One piece read on its own.
    struct PieceResult<Sink: Sendable>: Sendable {
        var sink: Sink
        var error: (any Error)?
        /// Read to its end without an error, outside any interchange, its last segment terminated: the
        /// reader of the whole input is in the same state at the piece's end, about to look for an ISA.
        var isClean: Bool
    }

    /// Validates `pieces` on up to `jobs` threads (the calling thread one of them); results in piece order.
    /// `meanwhile` runs on the calling thread when no piece is left to start, before waiting for the others.
    private func validate<Sink: ValidationSink & Sendable>(
        _ pieces: [InterchangeSplitter.Piece], fileName: String, options: ValidationOptions, schemas: CompiledSchemaCache,
        makeSink: @escaping @Sendable (Bool) -> Sink, meanwhile: () -> Void
    ) -> [PieceResult<Sink>] {
        let round = Round<Sink>(count: pieces.count) { i in
            let piece = pieces[i]
            let reader = X12Reader(piece: piece.buffer, fileName: fileName, startOffset: piece.offset)
            var validator = X12Validator(fileName: fileName, options: options, sink: makeSink(false), schemas: schemas)
            do {
                try reader.run(&validator)
            } catch {
                return PieceResult(sink: validator.sink, error: error, isClean: false)
            }
            let clean = !reader.endedInsideInterchange && !reader.lastSegmentUnterminated
            return PieceResult(sink: validator.sink, error: nil, isClean: clean)
        }
        let helpers = (0..<max(0, min(jobs, pieces.count) - 1)).compactMap { _ in HelperThread.start { round.work() } }
        round.work()
        meanwhile()
        for helper in helpers { helper.join() }
        return round.takeResults()
    }
}

/// One round of pieces shared by the threads validating them: each takes the next piece index from an
/// atomic counter and writes only that piece's slot.
///
/// `@unchecked Sendable`: `results` is written at distinct indices, one thread per index (the counter hands
/// each index out once), and read by `takeResults` only after every thread's work returned (joining the helper
/// threads orders their writes before the read).
private final class Round<Sink: Sendable>: @unchecked Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int
    private let body: @Sendable (Int) -> ParallelValidation.PieceResult<Sink>
    private let results: UnsafeMutablePointer<ParallelValidation.PieceResult<Sink>?>

    init(count: Int, body: @escaping @Sendable (Int) -> ParallelValidation.PieceResult<Sink>) {
        self.count = count
        self.body = body
        results = .allocate(capacity: max(count, 1))
        results.initialize(repeating: nil, count: count)
    }

    deinit {
        results.deinitialize(count: count)
        results.deallocate()
    }

    func work() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < count else { return }
            results[i] = body(i)
        }
    }

    func takeResults() -> [ParallelValidation.PieceResult<Sink>] {
        (0..<count).map { i in
            let result = results[i].take()!
            return result
        }
    }
}

/// A POSIX thread running one closure; `join` waits for it to return.
private final class HelperThread {
    private let body: () -> Void
    #if canImport(Darwin)
    private var thread: pthread_t?
    #else
    private var thread = pthread_t()
    #endif

    private init(_ body: @escaping () -> Void) { self.body = body }

    /// Starts `body` on a new thread; nil when no thread can be started (the caller does the work itself).
    static func start(_ body: @escaping @Sendable () -> Void) -> HelperThread? {
        let helper = HelperThread(body)
        let context = Unmanaged.passRetained(helper).toOpaque()
        let status = pthread_create(&helper.thread, nil, { context in
            let helper = Unmanaged<HelperThread>.fromOpaque(context!).takeRetainedValue()
            helper.body()
            return nil
        }, context)
        if status != 0 {
            Unmanaged<HelperThread>.fromOpaque(context).release()
            return nil
        }
        return helper
    }

    func join() {
        #if canImport(Darwin)
        pthread_join(thread!, nil)
        #else
        pthread_join(thread, nil)
        #endif
    }
}
