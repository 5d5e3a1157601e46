import Foundation
import Testing
import TestSupport

func sample(_ name: String) -> String {
    ProjectPaths.samples.appendingPathComponent("x12/\(name).edi").path
}

@Suite struct CLITests {
    @Test func printsVersionAndHelpListingTheCommands() throws {
        let version = try crossdock("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try crossdock("--help")
        #expect(help.status == 0)
        for command in ["validate", "inspect", "ack", "translate", "mappings"] { #expect(help.stdout.contains("  \(command) ")) }
    }

    @Test func validateExitsZeroOnlyWhenEverythingIsAccepted() throws {
        let good = try crossdock("validate", sample("204_004010_acme_original_tender"), sample("214_005010_prfl_in_transit"))
        #expect(good.status == 0)
        #expect(good.stdout.isEmpty)
        #expect(good.stderr.contains("2 file(s), 2 interchange(s), 2 group(s), 2 set(s): 2 accepted"))

        let bad = try crossdock("validate", sample("214_004010_prfl_bad_at7_code"))
        #expect(bad.status == 1)
        #expect(bad.stdout.hasSuffix(
            "214_004010_prfl_bad_at7_code.edi 000000610/610/6100001 segment 14 (AT7) element 1: error AK403=7 invalidCode: AT701 is not a valid code for element 1650 (Shipment Status Code)\n"))
        #expect(!bad.stdout.contains("*ZZ*"))

        let warning = try crossdock("validate", sample("204_004010_acme_unknown_segment"))
        #expect(warning.status == 1)
    }

    @Test func validateJSONLinesCarryPositionsAndCodes() throws {
        let result = try crossdock("validate", "--json", sample("204_004010_acme_missing_b2"))
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "mandatorySegmentMissing")
        #expect(object["codeElement"] as? String == "AK304")
        #expect(object["code"] as? String == "3")
        #expect(object["tag"] as? String == "B2")
        #expect(object["setSegment"] as? Int == 2)
        #expect(object["interchange"] as? String == "000004733")
        #expect(object["transaction"] as? String == "0001")
    }

    @Test func unreadableInputAndMisuseExitTwo() throws {
        let csv = try crossdock("validate", "-", stdin: Data("name,city\nacme,omaha\n".utf8))
        #expect(csv.status == 2)
        #expect(csv.stderr.contains("noISA"))
        let missing = try crossdock("validate", "/nonexistent/file.edi")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot open"))
        #expect(try crossdock("validate").status == 2)
        #expect(try crossdock("validate", "--leniency", "sloppy", sample("990_004010_prfl_accept")).status == 2)
        #expect(try crossdock("ack", "--kind", "998", sample("990_004010_prfl_accept")).status == 2)
    }

    /// `--jobs 2` cuts a file into pieces of whole interchanges (here at every boundary, `--piece-size 1`) and
    /// must print exactly what `--jobs 1` prints, on standard output and standard error, with the same status.
    @Test func validateInPiecesPrintsWhatOneStreamPrints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var bag = Data()
        for (i, sample) in Sample.all(in: "x12").enumerated() {
            bag += sample.bytes
            bag += Data(["\r\n", "", "junk\n", " \t"][i % 4].utf8)
        }
        let mailbag = dir.appendingPathComponent("mailbag.edi")
        try bag.write(to: mailbag)
        // The same, then an ISA whose component separator is its element separator: the file stops there.
        var isa = Array(Sample.named("990_004010_prfl_accept").bytes.prefix(106))
        isa[104] = UInt8(ascii: "*")
        let broken = dir.appendingPathComponent("broken.edi")
        try (bag + Data(isa) + Data("GS*GF~".utf8) + bag).write(to: broken)
        let files = [mailbag.path, broken.path, sample("214_004010_prfl_bad_at7_code")]
        for options in [[], ["--json"], ["--notes", "--leniency", "lenient"]] {
            let one = try runCommand(
                ProjectPaths.binaries.appendingPathComponent("crossdock"), ["validate", "--jobs", "1"] + options + files)
            let pieces = try runCommand(
                ProjectPaths.binaries.appendingPathComponent("crossdock"),
                ["validate", "--jobs", "2", "--piece-size", "1"] + options + files)
            #expect(one.status == 2)
            #expect(pieces.status == one.status)
            #expect(pieces.stdout == one.stdout, "\(options)")
            #expect(pieces.stderr == one.stderr, "\(options)")
            #expect(one.stderr.contains("unreadableDelimiters"))
            // The findings before the unusable ISA are printed (the file's second half is not read).
            let brokenLines = one.stdout.split(separator: "\n").filter { $0.contains("broken.edi") }
            let mailbagLines = one.stdout.split(separator: "\n").filter { $0.contains("mailbag.edi") }
            #expect(!mailbagLines.isEmpty)
            #expect(brokenLines.count == mailbagLines.count, "\(options)")
        }
        #expect(try crossdock("validate", "--jobs", "0", mailbag.path).status == 2)
    }

    @Test func readsStandardInput() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sample("990_004010_prfl_accept")))
        let result = try crossdock("validate", "-", stdin: bytes)
        #expect(result.status == 0)
    }

    @Test func inspectPrintsTheTreeAsJSON() throws {
        let result = try crossdock("inspect", sample("214_004010_prfl_pickup_to_delivery"))
        #expect(result.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let interchange = try #require((doc["interchanges"] as? [[String: Any]])?.first)
        #expect(interchange["controlNumber"] as? String == "000000596")
        let group = try #require((interchange["groups"] as? [[String: Any]])?.first)
        let set = try #require((group["transactions"] as? [[String: Any]])?.first)
        #expect(set["set"] as? String == "214")
        let content = try #require(set["content"] as? [[String: Any]])
        #expect(content.first?["segment"] as? String == "ST")
        #expect(content.first?["elements"] as? [String] == ["214", "5960001"])
        let loops = content.compactMap { $0["loop"] as? String }
        #expect(loops.filter { $0 == "0200" }.count == 6)
    }

    @Test func ackPrintsTheAcknowledgementAndFollowsTheKind() throws {
        let ack = try crossdock("ack", "--timestamp", "202611271200", "--control-start", "7000", sample("204_004010_acme_two_sets_one_bad"))
        #expect(ack.status == 1)
        let golden = try String(contentsOf: URL(fileURLWithPath: sample("204_004010_acme_two_sets_one_bad")).deletingPathExtension().appendingPathExtension("ack"), encoding: .utf8)
        #expect(ack.stdout == golden)
        let ta1 = try crossdock("ack", "--kind", "ta1", "--timestamp", "202611271200", sample("990_004010_prfl_accept"))
        #expect(ta1.status == 0)
        #expect(ta1.stdout.contains("TA1*000000581*"))
        #expect(!ta1.stdout.contains("GS*FA"))
        let never = try crossdock("ack", sample("997_004010_prfl_ack_for_acme"))
        #expect(never.status == 0)
        #expect(never.stdout.isEmpty)
    }
}
