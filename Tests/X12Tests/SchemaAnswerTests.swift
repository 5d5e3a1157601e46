import Foundation
import Testing
@testable import X12

/// The validator keeps its last two schema answers (a carrier's interchanges alternate 214 and 210 groups):
/// a set must always be read with its own table, however the kinds alternate.
@Suite struct SchemaAnswerTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples/x12").standardized

    /// The GS...GE lines of a sample with one group, GS06 and GE02 set to `control`.
    static func group(_ name: String, control: String) throws -> [String] {
        let text = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
        // One sample has a line per segment, the other one line in all: segments split at the terminator.
        let segments = text.replacingOccurrences(of: "\n", with: "").split(separator: "~").map(String.init)
        let first = try #require(segments.firstIndex { $0.hasPrefix("GS*") })
        let last = try #require(segments.firstIndex { $0.hasPrefix("GE*") })
        var group = Array(segments[first...last])
        var gs = group[0].split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        gs[6] = control
        group[0] = gs.joined(separator: "*")
        var ge = group[group.count - 1].split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        ge[2] = control
        group[group.count - 1] = ge.joined(separator: "*")
        return group.map { $0 + "~" }
    }

    @Test func alternatingKindsOfSetAreEachReadWithTheirOwnTable() throws {
        let kinds = ["214", "210", "214", "210", "210", "214"]
        var lines = ["ISA*00*          *00*          *ZZ*PRAIRIEFRT     *ZZ*CROSSDOCKDEMO  *261127*0815*U*00401*000000620*0*P*:~"]
        for (i, kind) in kinds.enumerated() {
            let name = kind == "214" ? "214_004010_prfl_one_line.edi" : "210_004010_prfl_linehaul_fuel.edi"
            lines += try Self.group(name, control: "\(700 + i)")
        }
        lines.append("IEA*\(kinds.count)*000000620~")
        let report = try X12Validator.validate(lines.joined(separator: "\n") + "\n", fileName: "alternating.edi")
        #expect(report.allFindings.map { "\($0)" } == [])
        #expect(report.transactions.map(\.id) == kinds)
        #expect(report.transactions.map(\.schemaVersion) == Array(repeating: "004010", count: kinds.count))
        #expect(report.transactions.allSatisfy { $0.verdict == .accepted })
    }
}
