import Foundation
import Testing
import TestSupport

let mappings = ProjectPaths.root.appendingPathComponent("mappings").path

@Suite struct TranslateCommandTests {
    @Test func translatePrintsOneCloudEventPerLineAndExitsZero() throws {
        let result = try crossdock("translate", "--mappings", mappings, sample("214_004010_prfl_pickup_to_delivery"))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["type"] as? String == "shipment.status")
        #expect(first["specversion"] as? String == "1.0")
        #expect(first["subject"] as? String == "shipment/ACM7741023")
        #expect((first["crossdock"] as? [String: Any])?["mappingName"] as? String == "prairiefrt-214-shipment-status")
    }

    @Test func rejectedSetIsReportedOnStderrWithoutAnEventAndExitsOne() throws {
        let result = try crossdock("translate", "--mappings", mappings, sample("204_004010_acme_two_sets_one_bad"))
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("204_004010_acme_two_sets_one_bad.edi 000004731/4731/0002: rejected by validation; no event"))
    }

    @Test func setWithoutAMappingExitsOneAndAcknowledgementsAreSkipped() throws {
        let unmapped = try crossdock("translate", "--mappings", mappings, sample("990_004010_prfl_accept"))
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("no mapping for 990 004010 from partner PRAIRIEFRT; no event"))
        let ack = try crossdock("translate", "--mappings", mappings, sample("997_004010_prfl_ack_for_acme"))
        #expect(ack.status == 0)
        #expect(ack.stdout == "")
    }

    @Test func partnerAndMappingOptionsChooseTheMapping() throws {
        let partner = try crossdock("translate", "--mappings", mappings, "--partner", "OTHER", sample("214_004010_prfl_one_line"))
        #expect(partner.status == 0)
        #expect(partner.stdout.contains("\"mappingName\":\"x12-214-shipment-status\""))
        #expect(partner.stdout.contains("\"source\":\"/partners/OTHER/x12\""))
        let unknown = try crossdock("translate", "--mappings", mappings, "--mapping", "nope", sample("214_004010_prfl_one_line"))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no mapping named 'nope'"))
    }

    @Test func flatFilesAreRecognisedAndABadBatchExitsTwo() throws {
        let samples = ProjectPaths.samples
        let csv = try crossdock("translate", "--mappings", mappings, samples.appendingPathComponent("csv/status_hub_batch.csv").path)
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").count == 7)
        #expect(csv.stdout.contains("\"mappingName\":\"csv-hub-shipment-status\""))
        let fixed = try crossdock("translate", "--mappings", mappings, samples.appendingPathComponent("fixed/invoice_batch_bad_trailer_count.txt").path)
        #expect(fixed.status == 2)
        #expect(fixed.stdout == "")
        #expect(fixed.stderr.hasPrefix("crossdock: recordCountMismatch at invoice_batch_bad_trailer_count.txt line 13"))
    }

    @Test func standardInputTranslatesLikeTheFileItCameFrom() throws {
        // A file is read twice (digest, then translation); standard input is read once into memory. Both give
        // the same events: X12 ids do not depend on the file name, and the digest is of the same bytes.
        let path = sample("mixed_004010_acme_mailbag")
        let file = try crossdock("translate", "--mappings", mappings, path)
        let piped = try crossdock("translate", "--mappings", mappings, "-", stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(piped.status == file.status)
        #expect(file.stdout.split(separator: "\n").count == 1)
        #expect(piped.stdout.replacingOccurrences(of: "\"fileName\":\"-\"", with: "\"fileName\":\"mixed_004010_acme_mailbag.edi\"") == file.stdout)
    }

    @Test func unreadableInputExitsTwo() throws {
        let csv = try crossdock("translate", "--mappings", mappings, "-", stdin: Data("name,city\n".utf8))
        #expect(csv.status == 2)
        #expect(csv.stderr.contains("crossdock: - is not X12, and no fixed or csv mapping recognises it; no event (try --mapping)"))
        #expect(try crossdock("translate", "--mappings", mappings, "/nonexistent/file.edi").status == 2)
    }

    @Test func mappingsCheckListsMappingsAndReportsMistakesWithFileAndLine() throws {
        let good = try crossdock("mappings", "check", mappings)
        #expect(good.status == 0)
        #expect(good.stdout.contains("x12-214-shipment-status-5010.yaml: x12-214-shipment-status-5010 v1 — x12 214 005010\n"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            mapping: broken
            version: 1
            applies: {format: x12, transactionSet: "214"}
            event: {type: shipment.status}
            fields:
              shipmentId: B1002
              colour: MS101
            """.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let bad = try crossdock("mappings", "check", folder.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("broken.yaml:7 at fields.colour: unknownField: ShipmentStatus has no field 'colour'"))
    }

    @Test func mappingsTestPassesOnTheShippedCasesAndShowsTheDifferingField() throws {
        let result = try crossdock("mappings", "test", mappings)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok   x12-214-005010-prfl-in-transit\n"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-test-\(UUID().uuidString)")
        let source = URL(fileURLWithPath: mappings)
        try FileManager.default.copyItem(at: source, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = folder.appendingPathComponent("tests/x12-214-004010-prfl-one-line/expected.jsonl")
        let text = try String(contentsOf: expected, encoding: .utf8)
        try text.replacingOccurrences(of: "\"arrived_pickup\"", with: "\"en_route\"").write(to: expected, atomically: true, encoding: .utf8)
        let failing = try crossdock("mappings", "test", folder.path)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL x12-214-004010-prfl-one-line:\n  event 1:\n    data.status.code: expected \"en_route\", got \"arrived_pickup\"\n"))
    }
}
