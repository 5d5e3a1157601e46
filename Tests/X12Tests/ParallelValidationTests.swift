import Foundation
import Testing
import TestSupport
@testable import X12

/// Validation in pieces on several threads (`ParallelValidation`) must hand its sinks, in order, exactly what
/// one sink sees when the input is read in one stream: findings with positions and byte offsets, verdicts,
/// counts, file findings, and where an error stopped the input.
@Suite struct ParallelValidationTests {
    /// Every result a sink sees, as text: the engine path tests' transcript, plus each finding as
    /// `validate --json` prints it (with its byte offset).
    struct Transcript: ValidationSink {
        var inner = EnginePathTests.Transcript()
        var lines: [String] { inner.lines }

        mutating func transaction(_ r: TransactionResult) {
            inner.transaction(r)
            inner.lines += r.findings.map(FindingFormat.json)
        }
        mutating func group(_ r: GroupResult) {
            inner.group(r)
            inner.lines += r.findings.map(FindingFormat.json)
        }
        mutating func interchange(_ r: InterchangeResult) {
            inner.interchange(r)
            inner.lines += r.findings.map(FindingFormat.json)
        }
        mutating func fileFinding(_ finding: Finding) {
            inner.fileFinding(finding)
            inner.lines.append(FindingFormat.json(finding))
        }
    }

    /// The input read in one stream by the reader and validator themselves, and the error that stopped it.
    static func stream(_ bytes: [UInt8], options: ValidationOptions = ValidationOptions()) -> [String] {
        var validator = X12Validator(fileName: "f.edi", options: options, sink: Transcript())
        do {
            try X12Reader(source: MemorySource(bytes), fileName: "f.edi").run(&validator)
        } catch {
            return validator.sink.lines + ["error \(error)"]
        }
        return validator.sink.lines
    }

    /// The input validated in pieces, the pieces' transcripts joined in order.
    static func pieces(
        _ bytes: [UInt8], options: ValidationOptions = ValidationOptions(), jobs: Int = 2, pieceSize: Int,
        maxPieceSize: Int = 1 << 20, readSize: Int = 1 << 16, piecesPerJob: Int = 2
    ) -> (lines: [String], summary: ParallelValidation.Summary?) {
        var lines: [String] = []
        let parallel = ParallelValidation(
            jobs: jobs, pieceSize: pieceSize, maxPieceSize: maxPieceSize, readSize: readSize, piecesPerJob: piecesPerJob)
        do {
            let summary = try parallel.run(
                source: MemorySource(bytes), fileName: "f.edi", options: options, makeSink: { _ in Transcript() },
                collect: { lines += $0.lines })
            return (lines, summary)
        } catch {
            return (lines + ["error \(error)"], nil)
        }
    }

    static let isa = Array("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*2135*U*00401*".utf8)

    /// One small 214 interchange; `bad` puts an invalid AT7 code in its set, `iea` false leaves out the IEA.
    static func interchange(_ control: Int, bad: Bool = false, iea: Bool = true, terminator: String = "~") -> [UInt8] {
        let number = String(format: "%09d", control)
        var text = String(decoding: isa, as: UTF8.self) + "\(number)*0*P*>\(terminator)"
        text += "GS*QM*SENDER*RECEIVER*20261127*2135*\(control)*X*004010\(terminator)"
        text += "ST*214*0001\(terminator)B10*PRO\(control)*SHIP\(control)*SCAC\(terminator)"
        text += "LX*1\(terminator)AT7*\(bad ? "Q9" : "X1")*NS***20261127*1200*LT\(terminator)"
        text += "SE*5*0001\(terminator)GE*1*\(control)\(terminator)"
        if iea { text += "IEA*1*\(number)\(terminator)" }
        return Array(text.utf8)
    }

    @Test func aGoodInterchangeIsAcceptedAndABadOneRejected() {
        // The generated interchanges mean what the tests below assume.
        #expect(Self.stream(Self.interchange(1)).filter { $0.hasPrefix("  ") }.isEmpty)
        #expect(Self.stream(Self.interchange(2, bad: true)).contains { $0.contains("invalidCode") })
        #expect(Self.stream(Self.interchange(3, iea: false)).contains { $0.contains("prematureEndOfFile") })
    }

    @Test(arguments: Sample.all(in: "x12") + Sample.corpus)
    func everySampleReadsTheSameCutAtEveryBoundary(_ sample: Sample) {
        let bytes = sample.bytes
        let expected = Self.stream(bytes)
        for pieceSize in [1, 200, 1 << 20] {
            #expect(Self.pieces(bytes, pieceSize: pieceSize).lines == expected, "piece size \(pieceSize)")
        }
        let lenient = ValidationOptions(leniency: .lenient)
        #expect(Self.pieces(bytes, options: lenient, pieceSize: 1).lines == Self.stream(bytes, options: lenient))
    }

    @Test func samplesConcatenatedWithWhitespaceJunkAndBOMsBetweenReadTheSame() throws {
        let samples = Sample.all(in: "x12").map(\.bytes)
        let between: [[UInt8]] = [[], Array("\r\n".utf8), Array("\n \t\n".utf8), Array("junk\r\n".utf8), [0xEF, 0xBB, 0xBF], [0x1A, 0x00]]
        var bag: [UInt8] = []
        for (i, bytes) in samples.enumerated() {
            bag += bytes
            bag += between[i % between.count]
        }
        let expected = Self.stream(bag)
        #expect(expected.contains { $0.hasPrefix("file ") && $0.contains("junkOutsideInterchange") })
        for pieceSize in [1, 500, 5000] {
            let (lines, summary) = Self.pieces(bag, pieceSize: pieceSize)
            #expect(lines == expected, "piece size \(pieceSize)")
            #expect((summary?.pieces ?? 0) > 1, "piece size \(pieceSize): the input was cut")
        }
        for options in [ValidationOptions(leniency: .lenient), ValidationOptions(keepSetResults: true)] {
            #expect(Self.pieces(bag, options: options, pieceSize: 1).lines == Self.stream(bag, options: options))
        }
    }

    /// Many small interchanges, some with errors, some without IEA (the reader then reads the next ISA as a
    /// segment of the open interchange: that cut is unsafe, and the rest is read in one stream).
    @Test func manySmallInterchangesWithErrorsSprinkledInReadTheSame() {
        var generator = SplitMix(seed: 42)
        var bag: [UInt8] = []
        for control in 1...400 {
            bag += Self.interchange(control, bad: generator.next() % 7 == 0)
            if generator.next() % 5 == 0 { bag += Array("\r\n".utf8) }
        }
        let expected = Self.stream(bag)
        #expect(expected.filter { $0.contains("invalidCode") }.count > 20)
        for pieceSize in [1, 3000, 40_000] {
            let (lines, summary) = Self.pieces(bag, pieceSize: pieceSize)
            #expect(lines == expected, "piece size \(pieceSize)")
            #expect(summary?.streamedFrom == nil, "piece size \(pieceSize): no unsafe cut")
        }
    }

    /// An unsafe cut deep in the input, after rounds of pieces, with the next round already read.
    @Test func anUnsafeCutAfterManyRoundsReadsTheRestInOneStream() {
        var bag: [UInt8] = []
        var unsafeAt = 0
        for control in 1...60 {
            if control == 37 {
                unsafeAt = bag.count
                bag += Self.interchange(control, bad: true, iea: false) + Array("K1*IEA*OPEN~".utf8)
            } else {
                bag += Self.interchange(control, bad: control % 5 == 0)
            }
        }
        let expected = Self.stream(bag)
        for piecesPerJob in [1, 3] {
            let (lines, summary) = Self.pieces(bag, pieceSize: 1, piecesPerJob: piecesPerJob)
            #expect(lines == expected, "\(piecesPerJob) pieces per job")
            #expect(summary == ParallelValidation.Summary(pieces: 36, streamedFrom: Int64(unsafeAt)))
        }
    }

    @Test func anInterchangeWithoutIEABeforeAnotherIsReadInOneStreamFromItsPiece() throws {
        let first = Self.interchange(1)
        let open = Self.interchange(2, bad: true, iea: false)
        // No IEA before the next ISA: no cut there (the reader reads that ISA as a segment of the open one).
        var bag = first + open + Self.interchange(3) + Self.interchange(4, bad: true)
        var run = Self.pieces(bag, pieceSize: 1)
        #expect(run.lines == Self.stream(bag))
        #expect(run.summary == ParallelValidation.Summary(pieces: 3, streamedFrom: nil))
        // "IEA" just before it, as an element: a cut that the piece's open interchange shows unsafe.
        bag = first + open + Array("K1*IEA*OPEN~".utf8) + Self.interchange(3) + Self.interchange(4, bad: true)
        run = Self.pieces(bag, pieceSize: 1)
        #expect(run.lines == Self.stream(bag))
        #expect(run.summary == ParallelValidation.Summary(pieces: 1, streamedFrom: Int64(first.count)))

        // A last interchange without IEA is the input's own end: its piece stands.
        bag = first + Self.interchange(3) + open
        let last = Self.pieces(bag, pieceSize: 1)
        #expect(last.lines == Self.stream(bag))
        #expect(last.lines.contains { $0.contains("prematureEndOfFile") })
        #expect(last.summary == ParallelValidation.Summary(pieces: 3, streamedFrom: nil))
    }

    @Test func aPieceWithoutACutWithinTheMaximumIsReadInOneStreamFromThere() throws {
        // One interchange of 40 sets (one with a bad code), far longer than the longest piece allowed.
        var text = String(decoding: Self.isa, as: UTF8.self) + "000000002*0*P*>~GS*QM*SENDER*RECEIVER*20261127*2135*2*X*004010~"
        for set in 1...40 {
            text += "ST*214*\(1000 + set)~B10*PRO*SHIP*SCAC~LX*1~AT7*\(set == 17 ? "Q9" : "X1")*NS***20261127*1200*LT~SE*5*\(1000 + set)~"
        }
        text += "GE*40*2~IEA*1*000000002~"
        let first = Self.interchange(1)
        let bag = first + Array(text.utf8) + Self.interchange(3, bad: true) + Self.interchange(4)
        let expected = Self.stream(bag)
        #expect(expected.filter { $0.contains("\"kind\":\"invalidCode\"") }.count == 2)
        let (lines, summary) = Self.pieces(bag, pieceSize: 1, maxPieceSize: 600)
        #expect(lines == expected)
        #expect(summary == ParallelValidation.Summary(pieces: 1, streamedFrom: Int64(first.count)))
        // From the first byte, when even the first cut is too far.
        let whole = Self.pieces(Array(text.utf8) + first, pieceSize: 1, maxPieceSize: 600)
        #expect(whole.lines == Self.stream(Array(text.utf8) + first))
        #expect(whole.summary == ParallelValidation.Summary(pieces: 0, streamedFrom: 0))
    }

    /// A segment longer than the reader's 1 MiB limit stops the stream at a place that depends on how its reads
    /// fell; no piece may hold one, so the input is read in one stream from its interchange on.
    @Test func anInterchangeLongerThanTheSegmentLimitIsReadInOneStream() throws {
        var long = Self.interchange(2)
        let at = long.firstRange(of: Array("LX*1~".utf8))!.lowerBound
        long.insert(contentsOf: Array("NTE*ZZZ*".utf8) + Array(repeating: UInt8(ascii: "A"), count: 1_200_000) + [UInt8(ascii: "~")], at: at)
        let first = Self.interchange(1, bad: true)
        for bag in [first + long + Self.interchange(3), first + long] {
            let expected = Self.stream(bag)
            #expect(expected.last?.hasPrefix("error segmentTooLong") == true)
            let (lines, summary) = Self.pieces(bag, pieceSize: 1, maxPieceSize: 1 << 30)
            #expect(lines == expected)
            #expect(summary == nil)  // the error ends it
            #expect(lines.contains { $0.contains("\"kind\":\"invalidCode\"") })
        }
        // Shorter than the limit: one piece holds it.
        var shorter = Self.interchange(2)
        shorter.insert(contentsOf: Array("NTE*ZZZ*".utf8) + Array(repeating: UInt8(ascii: "A"), count: 600_000) + [UInt8(ascii: "~")], at: at)
        let bag = first + shorter + Self.interchange(3)
        let (lines, summary) = Self.pieces(bag, pieceSize: 1)
        #expect(lines == Self.stream(bag))
        #expect(summary == ParallelValidation.Summary(pieces: 3, streamedFrom: nil))
    }

    @Test func anIEAWithoutTerminatorBeforeAnISAIsNotACut() throws {
        var unterminated = Self.interchange(2)
        unterminated.removeLast()  // the IEA's `~`
        let bag = Self.interchange(1) + unterminated + Self.interchange(3)
        let expected = Self.stream(bag)
        let (lines, summary) = Self.pieces(bag, pieceSize: 1)
        #expect(lines == expected)
        #expect(summary?.streamedFrom == Int64(Self.interchange(1).count))
    }

    @Test func anUnreadableISAInTheMiddleStopsTheInputWhereTheStreamStops() throws {
        // ISA16 equal to the element separator: unusable delimiters, an error that ends the file.
        var broken = Self.interchange(2)
        broken[104] = UInt8(ascii: "*")
        let bag = Self.interchange(1, bad: true) + broken + Self.interchange(3, bad: true)
        let expected = Self.stream(bag)
        #expect(expected.last?.hasPrefix("error unreadableDelimiters") == true)
        #expect(expected.contains { $0.contains("invalidCode") })
        #expect(Self.pieces(bag, pieceSize: 1).lines == expected)
        // As the last piece, its error stands without reading again.
        let tail = Self.interchange(1, bad: true) + broken
        #expect(Self.pieces(tail, pieceSize: 1).lines == Self.stream(tail))
    }

    @Test func inputWithoutAnyISAOrOnlyJunkBeforeTheFirstIsTheSame() {
        for bag in [Array("name,city\nacme,omaha\n".utf8), [], Array("IEA*1*1~junk".utf8) + Self.interchange(1)] {
            let expected = Self.stream(bag)
            #expect(Self.pieces(bag, pieceSize: 1).lines == expected)
        }
        #expect(Self.stream([]).last?.hasPrefix("error noISA") == true)
    }

    /// Every cut lands at the edge of the splitter's reads and of the pieces' reader chunks: an ISA wholly in
    /// the next read, split across two, or with only its last byte in the next.
    @Test func cutsAtReadEdgesReadTheSame() {
        let parts = [Self.interchange(1), Array("\r\n".utf8) + Self.interchange(2, bad: true), Self.interchange(3)]
        let bag = parts.flatMap { $0 }
        let expected = Self.stream(bag)
        var boundary = 0
        for part in parts.dropLast() {
            boundary += part.count
            for shift in -4...1 {
                let size = boundary + shift
                let (lines, summary) = Self.pieces(bag, pieceSize: size, readSize: size)
                #expect(lines == expected, "read size \(size)")
                #expect(summary?.streamedFrom == nil)
            }
        }
        // Sixteen bytes at a time (the least the splitter reads).
        #expect(Self.pieces(bag, pieceSize: 1, readSize: 1).lines == expected)
    }

    @Test func oneJobReadsInOneStream() {
        let bag = Self.interchange(1) + Self.interchange(2, bad: true)
        let (lines, summary) = Self.pieces(bag, jobs: 1, pieceSize: 1)
        #expect(lines == Self.stream(bag))
        #expect(summary == ParallelValidation.Summary(pieces: 0, streamedFrom: 0))
        // Four jobs on two pieces: as many threads as pieces.
        #expect(Self.pieces(bag, jobs: 4, pieceSize: 1).lines == Self.stream(bag))
    }

    @Test func offsetsCountFromTheFileStartInEveryPiece() {
        let second = Self.interchange(2, bad: true)
        let bag = Self.interchange(1) + Array("\r\n".utf8) + second
        let at7 = bag.count - second.count + second.firstRange(of: Array("AT7".utf8))!.lowerBound
        let (lines, summary) = Self.pieces(bag, pieceSize: 1)
        #expect(summary?.pieces == 2)
        let finding = lines.first { $0.contains("\"invalidCode\"") }
        #expect(finding?.contains("\"offset\":\(at7),") == true, "\(finding ?? "none")")
        let st = bag.count - second.count + second.firstRange(of: Array("ST*214".utf8))!.lowerBound
        #expect(lines.contains { $0.hasPrefix("ST 214 0001 rejected 5 3 \(st)-") })
    }
}

/// A small deterministic generator (SplitMix64), so the generated inputs are the same on every run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
