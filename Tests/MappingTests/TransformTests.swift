import Canonical
import Foundation
@testable import Mapping
import X12
import Testing

@Suite struct TransformTests {
    @Test func impliedDecimalsMoveDigitsWithoutRounding() {
        #expect(Evaluator.impliedDecimal("233360", 2) == "2333.60")
        #expect(Evaluator.impliedDecimal("-4500", 2) == "-45.00")
        #expect(Evaluator.impliedDecimal("0000150", 2) == "1.50")
        #expect(Evaluator.impliedDecimal("5", 2) == "0.05")
        #expect(Evaluator.impliedDecimal("-0", 2) == "0.00")
        #expect(Evaluator.impliedDecimal("3.50", 2) == "3.50")
        #expect(Evaluator.impliedDecimal("12a", 2) == nil)
        #expect(Evaluator.impliedDecimal("00700", 0) == "700")
        #expect(Evaluator.impliedDecimal("+5", 2) == "0.05")
        #expect(Evaluator.impliedDecimal("-0012", 1) == "-1.2")
        #expect(Evaluator.impliedDecimal("-000", 2) == "0.00")
        #expect(Evaluator.impliedDecimal("12345", 6) == "0.012345")
        #expect(Evaluator.impliedDecimal("-", 2) == nil)
        #expect(Evaluator.impliedDecimal("", 2) == nil)
        #expect(Evaluator.impliedDecimal("-.5", 2) == nil)
        #expect(Evaluator.impliedDecimal("-0.5", 2) == "-0.5")
    }

    @Test func coordinatesInDegreesMinutesSecondsBecomeDecimalDegrees() {
        #expect(Evaluator.decimalDegrees("0934512", negative: true) == "-93.753333")
        #expect(Evaluator.decimalDegrees("0413000", negative: false) == "41.500000")
        #expect(Evaluator.decimalDegrees("0000001", negative: false) == "0.000278")
        #expect(Evaluator.decimalDegrees("0936012", negative: false) == nil)
        #expect(Evaluator.decimalDegrees("93W", negative: false) == nil)
    }

    @Test func timeCodesFollowDaylightSavingOrFixedOffsets() throws {
        let november = try #require(TimeResolver.local(date: "20261124", time: "0552"))
        let july = try #require(TimeResolver.local(date: "260715", time: "140530"))
        #expect(TimeResolver.eventTime(november, zoneName: "America/Chicago", source: .message, code: "CT")?.at == "2026-11-24T05:52:00-06:00")
        #expect(TimeResolver.eventTime(july, zoneName: "America/Chicago", source: .partner, code: nil)?.at == "2026-07-15T14:05:30-05:00")
        #expect(TimeResolver.eventTime(july, zoneName: "-06:00", source: .message, code: "CS")?.at == "2026-07-15T14:05:30-06:00")
        #expect(TimeResolver.eventTime(july, zoneName: "UTC", source: .message, code: "UT")?.at == "2026-07-15T14:05:30+00:00")
        #expect(TimeResolver.x12Codes["PT"] == "America/Los_Angeles")
        #expect(TimeResolver.local(date: "20261345", time: "") == nil)
        #expect(TimeResolver.local(date: "20261124", time: "2560") == nil)
        #expect(TimeResolver.isoDate("2026-11-27") == "2026-11-27")
    }

    /// Offsets are remembered by hour of wall-clock time; the hours of a change (the gap in spring, the
    /// overlap in autumn, a half-hour shift) must still give what two lookups per value gave.
    @Test func offsetsRememberedByHourAgreeWithLookupsPerValue() throws {
        for name in ["America/Chicago", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Europe/Dublin"] {
            let timeZone = try #require(TimeZone(identifier: name))
            let zone = TimeResolver.Zone(timeZone)
            func direct(_ wall: Int) -> Int {
                let guess = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
                return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - guess)))
            }
            // 2026 and a day either side, every 10 minutes and 7 seconds (odd seconds inside each hour);
            // each hour asked again after it is remembered.
            var mismatches: [Int] = []
            var wall = 1_767_139_200
            while wall < 1_798_761_600 {
                if zone.offset(atWall: wall) != direct(wall) || zone.offset(atWall: wall + 1) != direct(wall + 1) {
                    mismatches.append(wall)
                }
                wall += 607
            }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(5))")
        }
        // Chicago, 2026: 02:30 on 8 March does not exist (read as CDT), 01:30 on 1 November comes twice
        // (the first, CDT); the hours around them are whole.
        let gap = try #require(TimeResolver.local(date: "20260308", time: "0230"))
        let beforeGap = try #require(TimeResolver.local(date: "20260308", time: "0159"))
        let overlap = try #require(TimeResolver.local(date: "20261101", time: "0130"))
        let afterOverlap = try #require(TimeResolver.local(date: "20261101", time: "0200"))
        for _ in 0..<2 {
            #expect(TimeResolver.eventTime(beforeGap, zoneName: "America/Chicago", source: .message, code: nil)?.at == "2026-03-08T01:59:00-06:00")
            #expect(TimeResolver.eventTime(gap, zoneName: "America/Chicago", source: .message, code: nil)?.at == "2026-03-08T02:30:00-05:00")
            #expect(TimeResolver.eventTime(overlap, zoneName: "America/Chicago", source: .message, code: nil)?.at == "2026-11-01T01:30:00-05:00")
            #expect(TimeResolver.eventTime(afterOverlap, zoneName: "America/Chicago", source: .message, code: nil)?.at == "2026-11-01T02:00:00-06:00")
        }
        let old = try #require(TimeResolver.local(date: "00010101", time: "000000"))
        #expect(TimeResolver.eventTime(old, zoneName: "+05:30", source: .message, code: nil)?.at == "0001-01-01T00:00:00+05:30")
    }

    @Test func datesAreCheckedByGregorianArithmetic() throws {
        #expect(TimeResolver.local(date: "20240229", time: "") != nil)
        #expect(TimeResolver.local(date: "20000229", time: "") != nil)
        #expect(TimeResolver.local(date: "20230229", time: "") == nil)
        #expect(TimeResolver.local(date: "21000229", time: "") == nil)
        #expect(TimeResolver.local(date: "20260431", time: "") == nil)
        #expect(TimeResolver.local(date: "20261231", time: "235959") != nil)
        #expect(TimeResolver.local(date: "20261200", time: "") == nil)
        #expect(TimeResolver.local(date: "00001201", time: "") == nil)
        #expect(TimeResolver.isoDate("000105") == "2000-01-05")
        let epoch = try #require(TimeResolver.local(date: "19700101", time: "0000"))
        #expect(TimeResolver.secondsSinceEpoch(epoch) == 0)
        let november = try #require(TimeResolver.local(date: "20261124", time: "0552"))
        #expect(TimeResolver.secondsSinceEpoch(november) == 1_795_499_520)
        let leap = try #require(TimeResolver.local(date: "20240301", time: "000001"))
        #expect(TimeResolver.secondsSinceEpoch(leap) == 1_709_251_201)
        let old = try #require(TimeResolver.local(date: "19600229", time: ""))
        #expect(TimeResolver.secondsSinceEpoch(old) == -310_521_600)
    }

    @Test func elementReferencesAndPathsParseByReferenceDesignator() throws {
        let ref = try #require(ElementReference("L1107:2:3"))
        #expect([ref.tag, String(ref.position), String(ref.component), String(ref.repetition)] == ["L11", "7", "2", "3"])
        #expect(ElementReference("AT701").map { [$0.tag, String($0.position)] } == ["AT7", "1"])
        #expect(ElementReference("N101:2").map(\.component) == 2)
        #expect(ElementReference("B2") == nil)
        let path = try X12Path(parsing: "../L11[L1102=QN|BM]/L1101", selector: false)
        #expect(path.start == .parent(1))
        #expect(path.steps.first?.condition?.values == ["QN", "BM"])
        #expect(path.element?.description == "L1101")
        #expect(throws: X12Path.ParseError.self) { try X12Path(parsing: "N1[N201=SH]/N102", selector: false) }
        #expect(throws: X12Path.ParseError.self) { try X12Path(parsing: "//B204", selector: false) }
    }
}

/// The per-plan check of required fields against the walk over the type it replaces, and the pieces of the
/// evaluator made cheaper for `translate` (dates written in place, paths shared by reference).
@Suite struct CompiledCheckTests {
    static let stop = ObjectType("Stop", [
        Field("sequence", .integer, required: true), Field("note", .string),
        Field("weight", .quantity), Field("references", .array(.reference)),
    ])
    static let document = ObjectType("Doc", [
        Field("id", .string, required: true), Field("scac", .string),
        Field("total", .money, required: true), Field("stops", .array(.object(stop))), Field("weight", .quantity),
    ])

    static func money(_ amount: String?) -> MappedValue {
        .object(amount.map { [("amount", .string($0)), ("currency", .string("USD"))] } ?? [("currency", .string("USD"))])
    }

    @Test func theCompiledCheckAgreesWithTheWalkOverTheType() {
        let reference = MappedValue.object([("qualifier", .string("BM")), ("value", .string("1"))])
        let goodStop = MappedValue.object([("sequence", .integer(1)), ("references", .array([reference]))])
        let cases: [(MappedValue, Bool)] = [
            (.object([("id", .string("S")), ("total", Self.money("1.00"))]), false),
            (.object([("id", .string("S")), ("total", Self.money("1.00")), ("stops", .array([goodStop, goodStop]))]), false),
            // The required id missing; a required field missing inside a nested object.
            (.object([("total", Self.money("1.00"))]), true),
            (.object([("id", .string("S")), ("total", Self.money(nil))]), true),
            // An optional nested object present without its required field.
            (.object([("id", .string("S")), ("total", Self.money("1")), ("weight", .object([("unit", .string("L"))]))]), true),
            // A list item without its required field, and a reference inside a stop without its value.
            (.object([("id", .string("S")), ("total", Self.money("1")), ("stops", .array([goodStop, .object([("note", .string("n"))])]))]), true),
            (.object([("id", .string("S")), ("total", Self.money("1")),
                      ("stops", .array([.object([("sequence", .integer(2)), ("references", .array([.object([("qualifier", .string("BM"))])]))])]))]), true),
            // A string where an object belongs has none of its fields.
            (.object([("id", .string("S")), ("total", .string("1.00"))]), true),
            // A list field that holds no list is not looked into, as before.
            (.object([("id", .string("S")), ("total", Self.money("1")), ("stops", .string("x"))]), false),
        ]
        let check = MappingPlan.RequiredCheck(Self.document)
        for (i, (value, lacks)) in cases.enumerated() {
            #expect(MappingPlan.lacksRequired(value, type: Self.document) == lacks, "case \(i)")
            #expect(check.lacks(value) == lacks, "case \(i)")
            #expect(MappingPlan.missingRequired(value, type: Self.document, key: "fields").isEmpty == !lacks, "case \(i)")
        }
    }

    @Test func isoDatesAreWrittenDigitByDigit() {
        #expect(TimeResolver.isoDate("20261124") == "2026-11-24")
        #expect(TimeResolver.isoDate("261124") == "2026-11-24")
        #expect(TimeResolver.isoDate("2026-11-24") == "2026-11-24")
        #expect(TimeResolver.isoDate("00010101") == "0001-01-01")
        #expect(TimeResolver.isoDate("99991231") == "9999-12-31")
        #expect(TimeResolver.isoDate("20261131") == nil)
        #expect(TimeResolver.isoDate("2026112") == nil)
    }

    @Test func pathsParsedFromTheSameTextAreEqual() throws {
        let a = try X12Path(parsing: "//N1[N101=SH]/N102", selector: false)
        let b = try X12Path(parsing: "//N1[N101=SH]/N102", selector: false)
        let c = try X12Path(parsing: "//N1[N101=CN]/N102", selector: false)
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(SourcePath.x12(a) == SourcePath.x12(b))
    }

    @Test func packingReadsUpToEightBytes() {
        #expect(X12Tree.pack("N1") == 0x314E)
        #expect(X12Tree.pack("N1") == X12Tree.pack(Substring("N1")))
        #expect(X12Tree.pack("") == 0)
        #expect(X12Tree.pack("ABCDEFGH") == X12Tree.pack(Substring("ABCDEFGH")))
        #expect(X12Tree.pack("ABCDEFGHI") == UInt64.max)
    }
}

/// Paths read over a set's kept bytes (`KeptSet`), as the validator keeps them for mapping.
@Suite struct KeptSetPathTests {
    /// A 005010 set with repetitions (`^`), components (`>`) and padded values; its scope and tree.
    static func scope() throws -> X12Scope {
        let segments = [
            "ST*214*0001*005010", "B10*PRO 1*  LD77  *XDKT", "LX*1", "L11*A>B>C^D>E*XX", "AT7*X1*NS***20261124*0552*CT",
            "MS1*  OMAHA *NE*USA", "LX*2", "AT7*D1*NS***20261125*1010*CT", "MS1*LINCOLN*NE", "SE*10*0001",
        ]
        let text = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261124*0552*^*00501*000000001*0*P*>~"
            + "GS*QM*SENDER*RECEIVER*20261124*0552*1*X*005010~" + segments.map { $0 + "~" }.joined()
            + "GE*1*1~IEA*1*000000001~"
        struct Sink: ValidationSink {
            var kept: KeptSet?
            mutating func transaction(_ result: TransactionResult) { kept = result.kept }
            mutating func group(_ result: GroupResult) {}
            mutating func interchange(_ result: InterchangeResult) {}
            mutating func fileFinding(_ finding: Finding) {}
        }
        var validator = X12Validator(
            fileName: "t.edi", options: ValidationOptions(leniency: .lenient, keepSegments: true), sink: Sink())
        try X12Reader(source: MemorySource(Array(text.utf8)), fileName: "t.edi").run(&validator)
        return X12Scope(kept: try #require(validator.sink.kept))
    }

    static func value(_ path: String, in scope: X12Scope, trimmed: Bool = false) throws -> String {
        scope.value(try X12Path(parsing: path, selector: false), trimmed: trimmed)
    }

    @Test func componentsRepetitionsAndTrimmingAreReadFromTheBytes() throws {
        let root = try Self.scope()
        #expect(try Self.value("1000/L1101", in: root) == "A")
        #expect(try Self.value("1000/L1101:2", in: root) == "B")
        #expect(try Self.value("1000/L1101:3", in: root) == "C")
        #expect(try Self.value("1000/L1101:4", in: root) == "")
        #expect(try Self.value("1000/L1101:1:2", in: root) == "D")
        #expect(try Self.value("1000/L1101:2:2", in: root) == "E")
        #expect(try Self.value("1000/L1101:1:3", in: root) == "")
        #expect(try Self.value("1000/L1102", in: root) == "XX")
        #expect(try Self.value("1000/L1103", in: root) == "")
        #expect(try Self.value("B1002", in: root) == "  LD77  ")
        #expect(try Self.value("B1002", in: root, trimmed: true) == "LD77")
        #expect(try Self.value("B1001", in: root, trimmed: true) == "PRO 1")
        // Through loops: each LX loop, its AT7 and MS1, and back up with ../ and /.
        let lx = root.select(try X12Path(parsing: "1000", selector: true))
        #expect(try lx.map { try Self.value("LX01", in: $0) } == ["1", "2"])
        let statuses = root.select(try X12Path(parsing: "//1100", selector: true))
        #expect(try statuses.map { try Self.value("AT701", in: $0) } == ["X1", "D1"])
        #expect(try statuses.map { try Self.value("MS101", in: $0, trimmed: true) } == ["OMAHA", "LINCOLN"])
        #expect(try statuses.map { try Self.value("MS101", in: $0) } == ["  OMAHA ", "LINCOLN"])
        #expect(try statuses.map { try Self.value("../LX01", in: $0) } == ["1", "2"])
        #expect(try statuses.map { try Self.value("/B1003", in: $0) } == ["XDKT", "XDKT"])
        #expect(try statuses.map { try Self.value("../L11[L1102=XX]/L1101:2:2", in: $0) } == ["E", ""])
    }
}
