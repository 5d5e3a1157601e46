import Foundation
import Testing
import TestSupport
@testable import X12

/// The validator's fast paths (the reading loop compiled for the engine, the one-pass segment scan, the
/// per-element quick checks, hashed code lists) must report exactly what the general paths report.
@Suite struct EnginePathTests {
    /// Every result the sink sees, as text: findings with their positions, verdicts, counts, offsets and
    /// (when kept) the loop trees.
    struct Transcript: ValidationSink {
        var lines: [String] = []
        mutating func transaction(_ r: TransactionResult) {
            lines.append(
                "ST \(r.id) \(r.controlNumber) \(r.verdict) \(r.segmentCount) \(r.startOrdinal) \(r.startOffset)-\(r.endOffset) "
                    + "\(r.index) \(r.schemaVersion ?? "-") \(r.body.map { "\($0.hashValue)" } ?? "no body")")
            lines += r.findings.map { "  \($0)" }
        }
        mutating func group(_ r: GroupResult) {
            lines.append("GS \(r.header.controlNumber) \(r.verdict) \(r.declaredCount) \(r.receivedCount) \(r.acceptedCount) \(r.transactions.count)")
            lines += r.findings.map { "  \($0)" }
        }
        mutating func interchange(_ r: InterchangeResult) {
            lines.append("ISA \(r.header.controlNumber) \(r.verdict) \(r.groupCount) \(r.transactionCount) \(r.ta1Count)")
            lines += r.findings.map { "  \($0)" }
        }
        mutating func fileFinding(_ finding: Finding) { lines.append("file \(finding)") }
    }

    /// Forwards to a validator without being one, so the reader takes its general loop.
    struct Forwarding: SegmentHandler {
        var inner: X12Validator<Transcript>
        mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) throws {
            try inner.interchangeStarted(delimiters: delimiters, offset: offset)
        }
        mutating func segment(_ view: SegmentView) throws { try inner.segment(view) }
        mutating func note(_ note: ReaderNote) { inner.note(note) }
        mutating func endOfInput(insideInterchange: Bool, offset: Int64) throws {
            try inner.endOfInput(insideInterchange: insideInterchange, offset: offset)
        }
    }

    static func transcript(_ bytes: [UInt8], options: ValidationOptions, engine: Bool, chunkSize: Int = 1 << 18) -> [String] {
        let reader = X12Reader(source: MemorySource(bytes), fileName: "f.edi", chunkSize: chunkSize)
        var validator = X12Validator(fileName: "f.edi", options: options, sink: Transcript())
        do {
            if engine {
                try reader.run(&validator)
                return validator.sink.lines
            }
            var forwarding = Forwarding(inner: validator)
            try reader.run(&forwarding)
            return forwarding.inner.sink.lines
        } catch {
            return ["error \(error)"]
        }
    }

    @Test func theEnginesLoopReportsWhatTheGeneralLoopReports() throws {
        let inputs = Sample.all(in: "x12").map(\.bytes)
        try #require(inputs.count >= 10)
        var rng = SeededGenerator(state: 4010)
        var compared = 0, withFindings = 0
        for i in 0..<(inputs.count + 800) {
            var bytes = inputs[i % inputs.count]
            if i >= inputs.count {
                bytes = Mutation.mutate(bytes, other: inputs.randomElement(using: &rng)!, rng: &rng)
            }
            let options = ValidationOptions(leniency: i % 2 == 0 ? .strict : .lenient, keepSegments: i % 3 == 0, keepSetResults: i % 4 == 0)
            let general = Self.transcript(bytes, options: options, engine: false)
            let engine = Self.transcript(bytes, options: options, engine: true)
            #expect(engine == general, "input \(i)")
            compared += 1
            if general.contains(where: { $0.hasPrefix("  ") || $0.hasPrefix("file") }) { withFindings += 1 }
        }
        #expect(compared == inputs.count + 800)
        #expect(withFindings > 500)
    }

    @Test func segmentsAcrossChunkBoundariesReadAsInOneChunk() throws {
        // A mailbag of every sample, twice, some of them mutated: the smallest chunk puts terminators,
        // separators and line breaks at every distance from a chunk's end (where the scan stops at the
        // planted terminator and the general path reads on).
        let inputs = Sample.all(in: "x12").map(\.bytes)
        var rng = SeededGenerator(state: 27)
        var bag: [UInt8] = []
        for (i, input) in (inputs + inputs).enumerated() {
            bag += i % 5 == 4 ? Mutation.mutate(input, other: input, rng: &rng) : input
            bag += Array("\r\n".utf8)
        }
        try #require(bag.count > 6 * 4096)
        let options = ValidationOptions(keepSetResults: true)
        let whole = Self.transcript(bag, options: options, engine: true, chunkSize: 1 << 24)
        #expect(whole.count > 100)
        for chunk in [4096, 4097, 4099, 5000] {
            #expect(Self.transcript(bag, options: options, engine: true, chunkSize: chunk) == whole, "chunk \(chunk)")
        }
        #expect(Self.transcript(bag, options: options, engine: false, chunkSize: 4096) == whole)
    }

    static func element(_ type: ElementType, _ min: Int, _ max: Int) -> CompiledSchema.ElementSpec {
        CompiledSchema.ElementSpec(
            index: 0, reference: 1, type: type, minLength: Int32(min), maxLength: Int32(max), mandatory: false, maxRepeat: 1,
            codes: -1, componentsStart: 0, componentsCount: 0)
    }

    @Test(arguments: [
        (ElementType.string, 1, 5), (.identifier, 2, 3), (.numeric(decimals: 0), 1, 3), (.numeric(decimals: 2), 2, 6),
        (.decimal, 1, 4), (.date, 6, 8), (.date, 8, 8), (.time, 4, 8), (.time, 4, 6), (.string, 3, 0),
    ])
    func quickChecksAcceptExactlyWhatElementSyntaxAccepts(_ type: ElementType, _ min: Int, _ max: Int) throws {
        let spec = Self.element(type, min, max)
        let check = CompiledSchema.quickCheck(spec)
        #expect(check.kind != .none && check.kind != .syntax)
        let alphabet = Array("0123456789-.-.AZ 9:".utf8)
        var rng = SeededGenerator(state: UInt64(min * 100 + max))
        var accepted = 0
        for n in 1...10 {
            for _ in 0..<4_000 {
                var value = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
                // Plenty of plain digit strings too, so that dates and times are sometimes real.
                if Bool.random(using: &rng) { value = value.map { $0 &- 0x30 <= 9 ? $0 : UInt8.random(in: 0x30...0x39, using: &rng) } }
                let quick = value.withUnsafeBufferPointer { TransactionValidator.passes($0, check) }
                let full = value.withUnsafeBufferPointer {
                    ElementSyntax.check($0, type: type, min: min, max: max, printable: true) == nil
                }
                #expect(quick == full, "\(type) \(min)/\(max) \(String(decoding: value, as: UTF8.self))")
                if quick { accepted += 1 }
            }
        }
        #expect(accepted > 20)
    }

    @Test func codeListsAnswerForTheirCodesAndNoOthers() throws {
        var rng = SeededGenerator(state: 98)
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        func code(_ n: Int) -> String { String(decoding: (0..<n).map { _ in letters.randomElement(using: &rng)! }, as: UTF8.self) }
        var codes: Set<String> = ["", "A", "ZZ", "1234567", "12345678", "LONGER THAN SEVEN"]
        while codes.count < 700 { codes.insert(code(Int.random(in: 1...9, using: &rng))) }
        let element = ElementDefinition(98, "Code", .identifier, 1, 20, codes: CodeList(element: 98, codes: codes))
        let segment = SegmentDefinition("N1", "Name", [ElementUse(element, .mandatory)])
        let schema = CompiledSchema(
            TransactionSetSchema(
                id: "204", version: "004010", functionalID: "SM", name: "Codes",
                entries: [.segment(SegmentUse(TestSchema.ST, .mandatory, max: 1)), .segment(SegmentUse(segment, .optional, max: 1))]))
        let table = schema.elements(of: schema.segment(1))[0].codes
        try #require(table >= 0)
        func isValid(_ s: String) -> Bool {
            var bytes = Array(s.utf8)
            return bytes.withUnsafeMutableBufferPointer { schema.isValidCode(UnsafeBufferPointer($0), table: table) }
        }
        for c in codes { #expect(isValid(c), "\(c)") }
        var others = 0
        for _ in 0..<20_000 {
            let c = code(Int.random(in: 1...9, using: &rng))
            #expect(isValid(c) == codes.contains(c), "\(c)")
            if !codes.contains(c) { others += 1 }
        }
        #expect(others > 15_000)
        // An empty list knows no code at all.
        let none = CompiledSchema(
            TransactionSetSchema(
                id: "204", version: "004010", functionalID: "SM", name: "Codes",
                entries: [
                    .segment(SegmentUse(TestSchema.ST, .mandatory, max: 1)),
                    .segment(
                        SegmentUse(
                            SegmentDefinition(
                                "N1", "Name",
                                [ElementUse(ElementDefinition(98, "Code", .identifier, 1, 3, codes: CodeList(element: 98, codes: [])), .mandatory)]),
                            .optional, max: 1)),
                ]))
        var bytes = Array("SH".utf8)
        let noneTable = none.elements(of: none.segment(1))[0].codes
        #expect(!bytes.withUnsafeMutableBufferPointer { none.isValidCode(UnsafeBufferPointer($0), table: noneTable) })
    }

    @Test func controlNumbersStayUniqueBeforeAndAfterTheListTurnsIntoASet() {
        var set = ControlNumberSet()
        var fresh: [Bool] = []
        for n in 1...40 { fresh.append(set.insert(n < 10 ? "000\(n)" : "00\(n)")) }
        #expect(fresh == Array(repeating: true, count: 40))
        let again = ["0001", "0032", "0033", "0040", "0041", "0041"].map { set.insert($0) }
        #expect(again == [false, false, false, false, true, false])
        var small = ControlNumberSet()
        let answers = ["0001", "00001", "0001"].map { small.insert($0) }
        #expect(answers == [true, true, false])
    }

    /// The reader's byte classes for `*`, `:` and `~` (as `X12Reader.readISA` builds them).
    static func classes() -> [UInt8] {
        var classes = (0..<256).map { $0 < 0x20 || $0 > 0x7E ? UInt8(8) : 0 }
        classes[0x0A] = 2
        classes[0x0D] = 2
        classes[Int(UInt8(ascii: ":"))] |= 4
        classes[Int(UInt8(ascii: "*"))] = 1
        classes[Int(UInt8(ascii: "~"))] = 16
        return classes
    }

    /// Runs the one-pass path over `body` (a set's segments after ST) with a fresh 214 walk placed at ST.
    static func onePass(_ body: String) throws -> (count: Int, next: Int, setPosition: Int, again: Int) {
        let table = try #require(SchemaRegistry.standard.schema(set: "214", version: "004010"))
        var validator = TransactionValidator(
            schema: CompiledSchema(table), registry: .standard, version: "004010", declaredVersion: "004010",
            leniency: .strict, base: SegmentPosition(fileName: "f.edi"))
        validator.commit(try #require(validator.quietPlacement(of: SegmentTag.ST)))
        var bytes = Array(body.utf8) + [UInt8(ascii: "~")]  // the terminator planted at the limit
        let classes = Self.classes()
        return bytes.withUnsafeMutableBufferPointer { buffer in
            classes.withUnsafeBufferPointer { classes in
                let p = UnsafePointer(buffer.baseAddress!)
                let limit = p + (buffer.count - 1)
                let run = validator.onePass(
                    from: p, limit: limit, classes: classes.baseAddress!, separator: UInt8(ascii: "*"),
                    terminator: UInt8(ascii: "~"))
                let position = validator.setPosition
                let again = validator.onePass(
                    from: run.next, limit: limit, classes: classes.baseAddress!, separator: UInt8(ascii: "*"),
                    terminator: UInt8(ascii: "~"))
                return (run.count, p.distance(to: run.next), position, again.count)
            }
        }
    }

    @Test func onePassTakesEveryCleanSegmentAndStopsUnchangedAtTheFirstFinding() throws {
        let text = String(decoding: Sample.named("214_004010_prfl_pickup_to_delivery").bytes, as: UTF8.self)
        let from = try #require(text.range(of: "B10*"))
        let to = try #require(text.range(of: "SE*"))
        let body = String(text[from.lowerBound..<to.lowerBound])
        let segments = body.split(separator: "~").filter { !$0.allSatisfy(\.isWhitespace) }.count
        try #require(segments > 30)

        // Clean: every segment taken, reading resumes at the limit (SE, an envelope segment, is not in `body`).
        let clean = try Self.onePass(body)
        #expect(clean.count == segments)
        #expect(clean.next == body.utf8.count)
        #expect(clean.setPosition == 1 + segments)

        // A code not in AT701's list in the first AT7 (the 10th segment): nine taken, the walk left just
        // before it, and the same segment declined again.
        let bad = body.replacingOccurrences(of: "AT7*X3*", with: "AT7*Q9*")
        let stopped = try Self.onePass(bad)
        let at = try #require(bad.range(of: "AT7*Q9*"))
        #expect(stopped.count == 9)
        #expect(stopped.next == bad.utf8.distance(from: bad.utf8.startIndex, to: at.lowerBound))
        #expect(stopped.setPosition == 10)
        #expect(stopped.again == 0)

        // Declined too: a component separator (judged by the general path), a missing mandatory element,
        // a line break inside a segment, and an out-of-order segment (B10 again, after the N1 loops).
        for (old, new, taken) in [
            ("L11*PO-88315*PO~", "L11*PO:88315*PO~", 2), ("N3*4100 Orchard Drive~", "N3*~", 4),
            ("MS1*Cedar Falls*IA*US~", "MS1*Cedar\nFalls*IA*US~", 10), ("LX*1~", "B10*X*Y*PRFL~LX*1~", 8),
        ] {
            let run = try Self.onePass(body.replacingOccurrences(of: old, with: new))
            #expect(run.count == taken, "\(new)")
            #expect(run.again == 0, "\(new)")
        }
    }
}
