import Canonical
import Foundation
import Mapping
import Testing
import TestSupport
import X12

/// `FileTranslation.translate(_:fileName:...emit:)`, the streaming entry point: the same reports as the
/// one-call API, handed over as each interchange closes.
@Suite struct StreamingTranslationTests {
    static let samples: [Sample] = Sample.all(in: "x12") + Sample.all(in: "csv", extension: "csv")
        + Sample.all(in: "fixed", extension: "txt") + Sample.all(in: "xml", extension: "xml")

    /// The golden-file lines of the reports `emit` received (findings included, by their text).
    static func streamed(_ path: String, fileName: String) throws -> [String] {
        var lines: [String] = []
        try FileTranslation.translate(try InputFile(path: path), fileName: fileName, registry: shipped) { report in
            if case .finding(let finding) = report { lines.append("finding \(finding.code) \(finding.position)") }
            if let line = try? SampleEventGoldenTests.line(report) { lines.append(line) }
        }
        return lines
    }

    static func oneCall(_ bytes: [UInt8], fileName: String) throws -> [String] {
        try FileTranslation.translate(bytes, fileName: fileName, registry: shipped).compactMap { report in
            if case .finding(let finding) = report { return "finding \(finding.code) \(finding.position)" }
            return try SampleEventGoldenTests.line(report)
        }
    }

    @Test(arguments: samples)
    func streamingGivesTheReportsOfTheOneCallTranslation(_ sample: Sample) throws {
        let expected: [String]
        do {
            expected = try Self.oneCall(sample.bytes, fileName: sample.fileName)
        } catch let error as X12Error {
            #expect(throws: X12Error.self) { try Self.streamed(sample.url.path, fileName: sample.fileName) }
            _ = error
            return
        }
        let lines = try Self.streamed(sample.url.path, fileName: sample.fileName)
        #expect(lines == expected)
        #expect(!lines.isEmpty)
    }

    @Test func eventsOfClosedInterchangesAreEmittedBeforeAnUnreadableOne() throws {
        let first = Sample.named("214_004010_prfl_one_line")
        let bytes = first.bytes + Array("\nISA*00*".utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-stream-\(UUID().uuidString).edi")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        var events: [CloudEvent] = []
        let error = #expect(throws: X12Error.self) {
            try FileTranslation.translate(try InputFile(path: url.path), fileName: "cut.edi", registry: shipped) { report in
                if case .event(let event) = report { events.append(event) }
            }
        }
        #expect(error?.code == .unreadableDelimiters)
        #expect(error?.position.byteOffset == Int64(first.bytes.count + 1))
        // The first interchange closed before the reader met the broken ISA: its events are out, with the
        // digest of the whole file as received.
        let whole = try FileTranslation.translate(first.bytes, fileName: "cut.edi", registry: shipped)
        #expect(events.count == whole.filter { if case .event = $0 { true } else { false } }.count)
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.crossdock.isa13 == "000000604" })
        #expect(events.first?.crossdock.fileSha256 == FileDigest.sha256(bytes))
        // The one-call translation throws before returning anything.
        #expect(throws: X12Error.self) { try FileTranslation.translate(bytes, fileName: "cut.edi", registry: shipped) }
    }

    @Test func aRejectedInterchangeWithdrawsItsEventsBeforeAnyIsEmitted() throws {
        let sample = Sample.named("210_004010_prfl_iea_control_mismatch")
        var kinds: [String] = []
        try FileTranslation.translate(try InputFile(path: sample.url.path), fileName: sample.fileName, registry: shipped) { report in
            switch report {
            case .event: kinds.append("event")
            case .envelopeRejected(_, _, _, let level): kinds.append("withdrawn \(level)")
            default: break
            }
        }
        #expect(!kinds.isEmpty)
        #expect(!kinds.contains("event"))
        #expect(kinds.allSatisfy { $0 == "withdrawn interchange" })
    }
}
