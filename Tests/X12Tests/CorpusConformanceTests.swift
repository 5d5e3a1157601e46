import Foundation
import Testing
import TestSupport
@testable import X12

/// The shared corpus of real files from public projects, when it is beside the project. Every file gets
/// a verdict without a crash, and the broken ones produce the codes their provenance notes describe.
@Suite struct CorpusConformanceTests {
    /// Finding kinds each broken corpus file must produce (strict profile).
    static let expected: [String: Set<FindingKind>] = [
        "204_004010_edinet_mgctlyst_lf_segterm": [.segmentCountMismatch],
        "204_004010_gtlogistics_bad_se01_count": [.segmentCountMismatch, .invalidVersionIdentifier],
        "204_004010_gtlogistics_missing_se": [.transactionTrailerMissing, .invalidVersionIdentifier],
        "214_004010_alejocode_malformed_short_isa": [.invalidSenderID, .invalidReceiverID, .invalidTransactionSetIdentifier, .segmentCountMismatch, .segmentNotInSet],
        "214_004010_ballerina_unpadded_isa_output": [.invalidSenderID, .invalidReceiverID],
        "214_004010_edifabric_ge_count_mismatch_ms1_ms3": [.transactionCountMismatch, .invalidTransactionSetIdentifier],
        "210_004010_staedi_wrapped80": [.lineBreakInSegment],
        "837_005010_silvenga_pipe_elem_gt_repetition_bang_component": [.prematureEndOfFile, .transactionTrailerMissing, .groupTrailerMissing],
        "850_004010_edinet_nbsp_in_isa_indented": [.segmentCountMismatch, .interchangeControlNumberMismatch, .invalidSenderID],
        "940_004010_edieng_control_number_mismatch_lf": [.transactionControlNumberMismatch, .groupControlNumberMismatch, .interchangeControlNumberMismatch],
        "940_004010_edieng_two_interchanges_unpadded_iea02": [.interchangeControlNumberMismatch],
        "940_004010_edieng_wrong_ge_iea_counts_lf": [.transactionCountMismatch, .groupCountMismatch, .interchangeControlNumberMismatch],
        "997_004010_edifabric_gs_6digit_date": [.unsupportedControlStandard, .invalidInterchangeContent],
        "TA1_004010_oboe_lf_segterm_iea_count1": [.groupCountMismatch],
        "TA1_005010_staedi_interchange_ack": [.groupCountMismatch],
    ]

    /// Files that must be fully accepted under the lenient profile.
    static let clean: Set<String> = [
        "204_004010_b2bai_alps_oid_stops", "204_004010_brycejech_kraft_b2a00_windows",
        "210_004010_brycejech_cass_two_sets_spo", "210_004010_staedi_wrapped80",
        "214_004010_ballerina_single_line_multi_at7", "214_004010_ballerina_unpadded_isa_output",
        "214_004030_edinet_mgctlyst", "990_004010_brycejech_replacement_char_segterm",
        "990_004010_edinet_mgctlyst_lf_segterm", "997_004010VICS_bots_nak_0x15_segterm",
        "997_004010_bots_many_sets_one_group", "997_004010_gtlogistics_ack_204_gs05_8digit_time",
        "997_005010_staedi_multi_interchange", "997_005010_staedi_simple", "997_staedi_isb_ise_optional_segments",
        "TA1_004010_oopfactory_two_ta1_iea0", "TA1_997_004010_bots_ta1_018_partial_ak9", "TA1_997_004010_bots_ta1_then_group",
    ]

    @Test(arguments: Sample.corpus)
    func everyFileGetsAVerdict(_ sample: Sample) throws {
        for leniency in [Leniency.strict, .lenient] {
            let report = try X12Validator.validate(
                MemorySource(sample.bytes), fileName: sample.fileName, options: ValidationOptions(leniency: leniency, keepSetResults: true))
            #expect(!report.interchanges.isEmpty)
            let kinds = Set(report.allFindings.filter { $0.severity != .note }.map(\.kind))
            if leniency == .strict, let expected = Self.expected[sample.name] {
                #expect(expected.isSubset(of: kinds), "missing \(expected.subtracting(kinds))")
            }
            if leniency == .lenient, Self.clean.contains(sample.name) {
                #expect(kinds.isEmpty, "unexpected \(kinds)")
            }
            // Acknowledgements can be built for whatever was read.
            let builder = AckBuilder(controlNumbers: InMemoryControlNumbers(), timestamp: AckTimestamp(date: "20261127", time: "1200"))
            for interchange in report.interchanges { _ = try builder.acknowledge(interchange) }
        }
    }

    @Test(arguments: Sample.corpus)
    func writingAndReadingBackKeepsEverySegment(_ sample: Sample) throws {
        let document = try X12Document.parse(sample.bytes)
        let again = try X12Document.parse(try document.write())
        #expect(again == document)
    }

    @Test func theCorpusIsThereWhenTheSharedFolderIs() {
        if ProjectPaths.corpus != nil { #expect(Sample.corpus.count >= 51) }
    }
}
