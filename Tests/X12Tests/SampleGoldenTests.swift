import Foundation
import Testing
import TestSupport
@testable import X12

/// Every sample under samples/x12 against the acknowledgements recorded beside it (`<name>.ack`), and
/// the findings recorded beside it (`<name>.findings`). RECORD_GOLDENS=1 rewrites them.
@Suite struct SampleGoldenTests {
    static func report(_ sample: Sample, leniency: Leniency = .strict) throws -> FileReport {
        try X12Validator.validate(
            MemorySource(sample.bytes), fileName: sample.fileName, options: ValidationOptions(leniency: leniency, keepSetResults: true))
    }

    @Test(arguments: Sample.all(in: "x12"))
    func acknowledgementsMatchTheRecordedOnes(_ sample: Sample) throws {
        let builder = AckBuilder(
            policy: AckPolicy(), controlNumbers: InMemoryControlNumbers(start: 7000),
            timestamp: AckTimestamp(date: "20261127", time: "1200"))
        var out = ""
        for interchange in try Self.report(sample).interchanges {
            if let ack = try builder.acknowledge(interchange) { out += String(decoding: try ack.bytes(), as: UTF8.self) }
        }
        try expectMatchesGolden(out, at: sample.golden("ack"))
    }

    @Test(arguments: Sample.all(in: "x12"))
    func findingsMatchTheRecordedOnes(_ sample: Sample) throws {
        let lines = try Self.report(sample).allFindings.map { f in
            "\(f.severity.rawValue) \(f.kind.rawValue) \(f.code) at \(f.position)"
        }
        try expectMatchesGolden(lines.joined(separator: "\n") + "\n", at: sample.golden("findings"))
    }

    @Test func theWrappedTenderReadsLikeTheOriginalUnderTheLenientProfile() throws {
        let original = try Self.report(Sample.named("204_004010_acme_original_tender"))
        let wrapped = try Self.report(Sample.named("204_004010_acme_wrapped80"), leniency: .lenient)
        #expect(wrapped.allFindings.map(\.severity) == [.note])
        #expect(wrapped.transactions.map(\.verdict) == original.transactions.map(\.verdict))
        #expect(wrapped.transactions.map(\.segmentCount) == original.transactions.map(\.segmentCount))
    }

    @Test(arguments: Sample.all(in: "x12"))
    func writingAndReadingBackKeepsEverySegment(_ sample: Sample) throws {
        let document = try X12Document.parse(sample.bytes)
        #expect(try X12Document.parse(try document.write()) == document)
    }

    @Test(arguments: Sample.all(in: "x12"))
    func resultsDoNotDependOnChunkSize(_ sample: Sample) throws {
        func findings(_ chunk: Int) throws -> [Finding] {
            var validator = X12Validator(
                fileName: sample.fileName, options: ValidationOptions(), sink: ReportCollector(fileName: sample.fileName))
            try X12Reader(source: MemorySource(sample.bytes), fileName: sample.fileName, chunkSize: chunk).run(&validator)
            return validator.sink.report.allFindings
        }
        let reference = try findings(1 << 18)
        #expect(try findings(4096) == reference)
        #expect(try findings(97) == reference)
    }
}

@Suite struct InspectGoldenTests {
    /// The `inspect` document of two samples, recorded beside them (`<name>.inspect.json`).
    @Test(arguments: ["214_004010_prfl_pickup_to_delivery", "204_005010_acme_two_stops"])
    func inspectDocumentMatchesTheRecordedOne(_ name: String) throws {
        let sample = Sample.named(name)
        var validator = X12Validator(
            fileName: sample.fileName, options: ValidationOptions(keepSegments: true), sink: InspectCollector())
        try X12Reader(source: MemorySource(sample.bytes), fileName: sample.fileName).run(&validator)
        try expectMatchesGolden(validator.sink.document(fileName: sample.fileName).pretty(), at: sample.golden("inspect.json"))
    }
}
