import Canonical
import FlatFile
import Foundation
import Mapping
import Testing
import TestSupport
import X12

/// Every sample of the project, translated with the shipped mappings: its events, and one `#` line for
/// each set or record that gave none (or not all), beside the sample as `<name>.events`.
@Suite struct SampleEventGoldenTests {
    static let samples: [Sample] = Sample.all(in: "x12") + Sample.all(in: "csv", extension: "csv")
        + Sample.all(in: "fixed", extension: "txt") + Sample.all(in: "xml", extension: "xml")

    @Test(arguments: samples)
    func sampleTranslatesToItsRecordedEvents(_ sample: Sample) throws {
        var lines: [String] = []
        do {
            for report in try FileTranslation.translate(sample.bytes, fileName: sample.fileName, registry: shipped) {
                if let line = try SampleEventGoldenTests.line(report) { lines.append(line) }
            }
        } catch let error as X12Error {
            lines.append("# unreadable as X12: \(error.code)")
        }
        try expectMatchesGolden(lines.map { $0 + "\n" }.joined(), at: sample.golden("events"))
    }

    static func line(_ report: TranslationReport) throws -> String? {
        func set(_ t: TransactionResult) -> String { "\(t.interchange.controlNumber)/\(t.group.controlNumber)/\(t.controlNumber)" }
        switch report {
        case .event(let event): return try event.jsonLine()
        case .rejected(let t): return "# rejected by validation: \(set(t))"
        case .envelopeRejected(let isa13, let gs06, let st02, let level): return "# \(level) rejected: \(isa13)/\(gs06)/\(st02)"
        case .noMapping(let t, let partner): return "# no mapping for \(t.id) \(t.group.version) from \(partner): \(set(t))"
        case .acknowledgment(let t): return "# acknowledgement, not translated: \(t.id) \(set(t))"
        case .mappingFindings(let t, let plan, let findings):
            return findings.map { "# \(plan.name) \(set(t)): \($0)" }.joined(separator: "\n")
        case .recordFindings(let position, let plan, let findings):
            return findings.map { "# \(plan.name) record \(position.record): \($0)" }.joined(separator: "\n")
        case .unreadable(let error): return "# unreadable: \(error.code.rawValue) at line \(error.position.line)"
        case .noFlatMapping(let format): return "# no \(format) mapping recognises the file"
        case .finding: return nil
        }
    }
}
