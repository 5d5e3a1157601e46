import Foundation
import TestSupport
import Testing
@testable import X12

/// Every segment of a file as the reader hands it over, parsed into owned values: what a kept set must give
/// back for the same segment.
private struct SegmentCollector: SegmentHandler {
    /// By byte offset (ordinals start again at each ISA).
    var segments: [Int64: Segment] = [:]
    mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) throws {}
    mutating func segment(_ view: SegmentView) throws { segments[view.offset] = view.segment() }
    mutating func note(_ note: ReaderNote) {}
    mutating func endOfInput(insideInterchange: Bool, offset: Int64) throws {}
}

/// Collects set results, optionally without their kept segments, and checks the validator's reuse.
private struct KeptSink: ValidationSink {
    var results: [TransactionResult] = []
    var keepKept = true
    /// The last set's `KeptSet`, not retained: alive afterwards only when the validator kept it for reuse.
    weak var last: KeptSet?
    var reused = 0

    mutating func transaction(_ result: TransactionResult) throws {
        if let last, last === result.kept { reused += 1 }
        last = result.kept
        var held = result
        if !keepKept { held.kept = nil }
        results.append(held)
    }
    mutating func group(_ result: GroupResult) throws {}
    mutating func interchange(_ result: InterchangeResult) throws {}
    mutating func fileFinding(_ finding: Finding) throws {}
}

private func keptResults(_ bytes: [UInt8], keepKept: Bool = true, leniency: Leniency = .lenient) throws -> KeptSink {
    var sink = KeptSink()
    sink.keepKept = keepKept
    var validator = X12Validator(
        fileName: "t.edi", options: ValidationOptions(leniency: leniency, keepSegments: true), sink: sink)
    try X12Reader(source: MemorySource(bytes), fileName: "t.edi", chunkSize: 97).run(&validator)
    return validator.sink
}

@Suite struct KeptSetTests {
    /// Every element, component and repetition read from the kept bytes is what the reader's own parse of
    /// the segment holds, for every set of every sample (004010 without and 005010 with repetitions); the
    /// input is read in 97-byte chunks, so segments straddle the reader's buffer boundaries.
    @Test(arguments: Sample.all(in: "x12"))
    func keptValuesAreTheReadersValues(_ sample: Sample) throws {
        var reader = SegmentCollector()
        try X12Reader(source: MemorySource(sample.bytes), fileName: sample.fileName).run(&reader)
        let sink = try keptResults(sample.bytes)
        var compared = 0
        for result in sink.results {
            let kept = try #require(result.kept)
            #expect(kept.segments.count == result.segmentCount)
            for (index, entry) in kept.segments.enumerated() {
                let expected = try #require(reader.segments[entry.offset])
                #expect(entry.ordinal == result.startOrdinal + index)
                #expect(kept.segment(index) == expected)
                var tag = Array(expected.tag.utf8)
                #expect(entry.tag == tag.withUnsafeMutableBufferPointer { KeptSet.pack(UnsafeBufferPointer($0)) })
                for position in 0...expected.elements.count + 1 {
                    for repetition in 1...3 {
                        for component in 1...4 {
                            let range = kept.range(segment: index, position: position, component: component, repetition: repetition)
                            let read = String(decoding: kept.bytes[range], as: UTF8.self)
                            let want = expected.element(position)?.component(component, repetition: repetition) ?? ""
                            #expect(read == want, "\(expected.tag)\(position):\(component):\(repetition)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 0 || sink.results.isEmpty)
    }

    /// The loop tree built from a kept set has each loop instance's segments and nested instances in file
    /// order, with positions from ST and file ordinals and offsets.
    @Test func theBodyIsBuiltFromTheKeptSet() throws {
        let report = try validate(Build.interchange([Build.set(Build.goodBody)]))
        let set = try #require(report.transactions.first)
        let kept = try #require(set.kept)
        #expect(kept.loops.map(\.id) == ["0100", "0300", "0310", "0300", "0310"])
        #expect(kept.loops.map(\.parent) == [-1, -1, 1, -1, 3])
        #expect(kept.loops.map(\.firstSegment) == [4, 6, 8, 10, 11])
        #expect(kept.loops.map(\.lastSegment) == [5, 9, 9, 11, 11])
        #expect(kept.segments.map(\.loop) == [-1, -1, -1, -1, 0, 0, 1, 1, 2, 2, 3, 4, -1, -1])
        func describe(_ nodes: [TransactionNode]) -> String {
            nodes.map { node in
                switch node {
                case .segment(let record): "\(record.segment.tag)@\(record.position)"
                case .loop(let loop): "\(loop.id)(\(describe(loop.children)))"
                }
            }.joined(separator: " ")
        }
        #expect(
            describe(set.body ?? [])
                == "ST@1 B2@2 B2A@3 L11@4 0100(N1@5 N4@6) 0300(S5@7 G62@8 0310(N1@9 N4@10)) 0300(S5@11 0310(N1@12)) L3@13 SE@14")
        guard case .segment(let first)? = set.body?.first else {
            Issue.record("the body does not start with a segment")
            return
        }
        #expect(first.ordinal == kept.segments[0].ordinal)
        #expect(first.offset == kept.segments[0].offset)
        // Setting the body replaces the kept set.
        var summary = set
        summary.body = nil
        #expect(summary.kept == nil)
        #expect(summary.body == nil)
    }

    /// A set's `KeptSet` that nothing holds any more is reused for the next set (no allocation per set); one
    /// that a caller holds is left as it was, and the next set gets its own.
    @Test func aReleasedKeptSetIsReusedAndAHeldOneIsLeftAlone() throws {
        let sample = Sample.named("214_004010_prfl_pickup_to_delivery")
        let mailbag = Array(repeating: sample.bytes, count: 4).flatMap { $0 }
        let released = try keptResults(mailbag, keepKept: false)
        #expect(released.results.count == 4)
        #expect(released.reused == 3)

        let held = try keptResults(mailbag)
        #expect(held.reused == 0)
        let kepts = held.results.compactMap(\.kept)
        #expect(kepts.count == 4)
        #expect(Set(kepts.map(ObjectIdentifier.init)).count == 4)
        for (result, kept) in zip(held.results, kepts) {
            #expect(kept.segments.count == result.segmentCount)
            #expect(kept.segment(0).tag == "ST")
            #expect(kept.segment(0)[2] == result.controlNumber)
            #expect(kept.segment(kept.segments.count - 1).tag == "SE")
        }
    }
}
