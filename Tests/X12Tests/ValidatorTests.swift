import Foundation
import Testing
@testable import X12

func validate(_ text: String, _ leniency: Leniency = .strict) throws -> FileReport {
    try X12Validator.validate(text, fileName: "test.edi", options: TestSchema.options(leniency))
}

/// The set's findings as `(kind, tag, position from ST, element)` for compact assertions.
func summary(_ findings: [Finding]) -> [String] {
    findings.map { (f: Finding) -> String in
        let tag = f.position.tag ?? "-"
        let position = f.position.setSegmentIndex.map { String($0) } ?? "-"
        var s = f.kind.rawValue + " " + tag + "@" + position
        if let e = f.position.element { s += "." + String(e) }
        if let c = f.position.component { s += ":" + String(c) }
        return s
    }
}

func body(replacing index: Int, with segment: String?) -> [String] {
    var body = Build.goodBody
    if let segment { body[index] = segment } else { body.remove(at: index) }
    return body
}

@Suite struct SchemaWalkTests {
    @Test func acceptsAWellFormedSetAndBuildsItsLoops() throws {
        let report = try validate(Build.interchange([Build.set(Build.goodBody)]))
        let set = try #require(report.transactions.first)
        #expect(set.findings.isEmpty)
        #expect(set.verdict == .accepted)
        #expect(set.segmentCount == 14)
        let loops = (set.body ?? []).compactMap { node -> String? in
            if case .loop(let loop) = node { return loop.id + "(" + String(loop.children.count) + ")" }
            return nil
        }
        #expect(loops == ["0100(2)", "0300(3)", "0300(2)"])
        guard case .loop(let stop) = set.body?[5], case .loop(let location) = stop.children[2] else {
            Issue.record("stop 1 has no 0310 loop")
            return
        }
        #expect(location.id == "0310")
        #expect(report.interchanges.first?.verdict == .accepted)
    }

    @Test func reportsAMissingMandatorySegmentWhereItWasExpected() throws {
        let set = try #require(try validate(Build.interchange([Build.set(body(replacing: 0, with: nil))])).transactions.first)
        #expect(summary(set.findings) == ["mandatorySegmentMissing B2@2"])
        #expect(set.findings[0].code == "3")
        #expect(set.verdict == .rejected)
        #expect(set.syntaxErrorCodes == ["5"])
    }

    @Test func reportsAMissingMandatoryLoopAtTheEnd() throws {
        let short = Array(Build.goodBody.prefix(5)) + ["L3*100"]
        let set = try #require(try validate(Build.interchange([Build.set(short)])).transactions.first)
        #expect(summary(set.findings) == ["mandatorySegmentMissing S5@7"])
        #expect(set.findings[0].position.loop == "0300")
    }

    @Test func unknownSegmentsAreWarningsWithTheirAK304Code() throws {
        var lines = Build.goodBody
        lines.insert("ZZZ*1", at: 3)
        lines.insert("AT7*X3", at: 8)
        let set = try #require(try validate(Build.interchange([Build.set(lines)])).transactions.first)
        #expect(summary(set.findings) == ["unrecognizedSegment ZZZ@5", "segmentNotInSet AT7@10"])
        #expect(set.findings.map(\.code) == ["1", "6"])
        #expect(set.findings[1].position.loop == "0300")
        #expect(set.verdict == .acceptedWithErrors)
    }

    @Test func reportsSegmentsOutOfSequence() throws {
        var lines = Build.goodBody
        lines.insert("B2A*00", at: 6)
        let set = try #require(try validate(Build.interchange([Build.set(lines)])).transactions.first)
        #expect(summary(set.findings) == ["segmentOutOfSequence B2A@8"])
        #expect(set.findings[0].code == "7")
    }

    @Test func reportsUseAndRepeatLimits() throws {
        var lines = Build.goodBody
        lines.insert(contentsOf: ["G62*10*20261201", "G62*10*20261202"], at: 7)
        for _ in 0..<5 { lines.insert(contentsOf: ["N1*SH*EXTRA PARTY"], at: 5) }
        let set = try #require(try validate(Build.interchange([Build.set(lines)])).transactions.first)
        #expect(summary(set.findings) == ["loopOverMaximum N1@11", "segmentOverMaximumUse G62@15"])
        #expect(set.findings.map(\.code) == ["4", "5"])
    }

    @Test(arguments: [
        ("B2*PRFL", "mandatoryElementMissing B2@2.2", "1"),
        ("B2*PRFLX*LD1", "elementTooLong B2@2.1", "5"),
        ("B2*P*LD1", "elementTooShort B2@2.1", "4"),
        ("B2A*07", "invalidCode B2A@3.1", "7"),
        ("S5*1X*CL", "invalidCharacter S5@7.1", "6"),
        ("S5*1*CL*4.2.0", "invalidCharacter S5@7.3", "6"),
        ("G62*10*20260230", "invalidDate G62@8.2", "8"),
        ("G62*10*20261201*U*2460", "invalidTime G62@8.4", "9"),
        ("G62*10", "conditionalElementMissing G62@8.2", "2"),
        ("G62*10*20261201*U", "conditionalElementMissing G62@8.4", "2"),
        ("S5*1*CL*42000*9", "tooManyElements S5@7.4", "3"),
        ("S5*1*CL:X", "invalidCharacter S5@7.2", "6"),
        // A control character in an AN/ID value: the reader marks the segment as not printable ASCII.
        ("B2*PR\u{01}L*LD1", "invalidCharacter B2@2.1", "6"),
    ])
    func reportsElementErrorsWithAK403Codes(_ segment: String, _ expected: String, _ code: String) throws {
        let index = Build.goodBody.firstIndex { $0.hasPrefix(String(segment.prefix(while: { $0 != "*" })) + "*") }!
        let set = try #require(try validate(Build.interchange([Build.set(body(replacing: index, with: segment))])).transactions.first)
        #expect(summary(set.findings) == [expected])
        #expect(set.findings.first?.code == code)
        #expect(set.verdict == .rejected)
    }

    @Test func reportsExclusionAndPairedRules() throws {
        let set = try #require(try validate(Build.interchange([Build.set(body(replacing: 11, with: "L3*42000*125000"))])).transactions.first)
        #expect(summary(set.findings) == ["exclusionViolated L3@13.2"])
        #expect(set.findings[0].code == "10")
        let paired = try #require(try validate(Build.interchange([Build.set(body(replacing: 2, with: "L11*PO7731"))])).transactions.first)
        #expect(summary(paired.findings) == ["conditionalElementMissing L11@4.2"])
    }

    @Test func openCodeListsWarnAndClosedOnesReject() throws {
        let set = try #require(try validate(Build.interchange([Build.set(body(replacing: 3, with: "N1*ZZ*ACME FOODS"))])).transactions.first)
        #expect(summary(set.findings) == ["invalidCode N1@5.1"])
        #expect(set.findings[0].severity == .warning)
        #expect(set.verdict == .acceptedWithErrors)
        #expect(set.findings[0].elementReference == 98)
        #expect(set.findings[0].badValue == "ZZ")
    }

    @Test func trailingSeparatorsAreToleratedOnlyWhenTheProfileSaysSo() throws {
        let text = Build.interchange([Build.set(body(replacing: 3, with: "N1*BT*ACME FOODS**"))])
        let strict = try #require(try validate(text).transactions.first)
        #expect(summary(strict.findings) == ["trailingSeparator N1@5"])
        #expect(strict.verdict == .acceptedWithErrors)
        let lenient = try #require(try validate(text, .lenient).transactions.first)
        #expect(lenient.findings.map(\.severity) == [.note])
        #expect(lenient.verdict == .accepted)
    }
}

@Suite struct EnvelopeTests {
    @Test func segmentCountAndControlNumberOfTheSet() throws {
        let text = Build.interchange([["ST*204*0001"] + Build.goodBody + ["SE*15*0002"]])
        let set = try #require(try validate(text).transactions.first)
        #expect(set.findings.map(\.kind) == [.segmentCountMismatch, .transactionControlNumberMismatch])
        #expect(set.syntaxErrorCodes == ["4", "3"])
        #expect(set.findings[0].position.segmentIndex == 16)
        #expect(set.findings[0].position.element == 1)
    }

    @Test func missingTrailerEndsTheSetAtTheNextEnvelopeSegment() throws {
        let text = Build.interchange([["ST*204*0001"] + Build.goodBody, Build.set(Build.goodBody, control: "0002")])
            .replacingOccurrences(of: "GE*2*905", with: "GE*2*905")
        let report = try validate(text)
        #expect(report.transactions.count == 2)
        #expect(report.transactions[0].findings.map(\.kind) == [.transactionTrailerMissing])
        #expect(report.transactions[0].syntaxErrorCodes == ["2"])
        #expect(report.transactions[1].verdict == .accepted)
        #expect(report.interchanges[0].groups[0].verdict == .partiallyAccepted)
    }

    @Test func duplicateST02AndSetNotMatchingTheGroup() throws {
        let text = Build.interchange([Build.set(Build.goodBody), Build.set(Build.goodBody), Build.set(["AK1*SM*1", "AK9*A*1*1*1"], id: "997", control: "0003")])
        let report = try validate(text)
        #expect(report.transactions.map(\.syntaxErrorCodes) == [[], ["23"], ["6"]])
        let group = report.interchanges[0].groups[0]
        #expect(group.verdict == .partiallyAccepted)
        #expect((group.declaredCount, group.receivedCount, group.acceptedCount) == (3, 3, 1))
    }

    @Test func groupTrailerCountsAndControlNumber() throws {
        let text = Build.interchange([Build.set(Build.goodBody)]).replacingOccurrences(of: "GE*1*905", with: "GE*2*906")
        let group = try #require(try validate(text).interchanges.first?.groups.first)
        #expect(group.findings.map(\.kind) == [.transactionCountMismatch, .groupControlNumberMismatch])
        #expect(group.syntaxErrorCodes == ["5", "4"])
        #expect(group.verdict == .rejected)
        #expect(group.declaredCount == 2)
    }

    @Test func interchangeTrailerAndPrematureEnd() throws {
        let text = Build.interchange([Build.set(Build.goodBody)]).replacingOccurrences(of: "IEA*1*000000905", with: "IEA*2*905")
        let interchange = try #require(try validate(text).interchanges.first)
        #expect(interchange.findings.map(\.code) == ["021", "001"])
        #expect(interchange.verdict == .rejected)
        #expect(interchange.noteCode == "021")

        let cut = Build.interchange([Build.set(Build.goodBody)]).components(separatedBy: "S5*2").first!
        let report = try validate(cut)
        #expect(report.transactions[0].syntaxErrorCodes == ["2"])
        #expect(report.interchanges[0].groups[0].syntaxErrorCodes == ["3"])
        #expect(report.interchanges[0].noteCode == "023")
    }

    @Test func checksISAFieldsWithTheirTA105Codes() throws {
        let good = Build.interchange([Build.set(Build.goodBody)])
        let cases: [(String, String, String)] = [
            ("*261127*0915*", "*261327*0915*", "014"),
            ("*261127*0915*", "*261127*2515*", "015"),
            ("*000000905*0*P*", "*00000090A*0*P*", "018"),
            ("*000000905*0*P*", "*000000905*2*P*", "019"),
            ("*000000905*0*P*", "*000000905*0*X*", "020"),
            ("*ZZ*ACMEFOODS      *", "*Q1*ACMEFOODS      *", "005"),
            ("*00401*", "*00000*", "017"),
        ]
        for (from, to, code) in cases {
            let interchange = try #require(try validate(good.replacingOccurrences(of: from, with: to)).interchanges.first)
            #expect(interchange.noteCode == code, "\(to)")
            #expect(interchange.verdict == .rejected)
        }
    }

    @Test func unpaddedISAIsAnErrorUnlessTolerated() throws {
        let text = Build.interchange([Build.set(Build.goodBody)]).replacingOccurrences(of: "ACMEFOODS      ", with: "ACMEFOODS")
        let strict = try #require(try validate(text).interchanges.first)
        #expect(strict.findings.map(\.code) == ["006"])
        #expect(strict.findings[0].position.element == 6)
        let lenient = try #require(try validate(text, .lenient).interchanges.first)
        #expect(lenient.verdict == .accepted)
        #expect(lenient.findings.map(\.severity) == [.note])
        #expect(lenient.header.senderID == "ACMEFOODS")
    }

    @Test func unsupportedGroupsAndVersionMapping() throws {
        let po = Build.interchange([Build.set(["BEG*00*SA*PO1**20261127"], id: "850")], functionalID: "PO")
        let group = try #require(try validate(po).interchanges.first?.groups.first)
        #expect(group.syntaxErrorCodes == ["1"])
        #expect(group.verdict == .rejected)

        let mapped = Build.interchange([Build.set(Build.goodBody)], version: "004030")
        let report = try validate(mapped)
        #expect(report.transactions[0].schemaVersion == "004010")
        #expect(report.interchanges[0].groups[0].findings.map(\.kind) == [.versionMappedToNearest])
        #expect(report.interchanges[0].groups[0].verdict == .accepted)
    }

    @Test func isaElevenCaretUnder00401IsReadAsU() throws {
        let text = Build.interchange([Build.set(Build.goodBody)]).replacingOccurrences(of: "*U*00401*", with: "*^*00401*")
        let interchange = try #require(try validate(text).interchanges.first)
        #expect(interchange.findings.map(\.kind) == [.unsupportedControlStandard])
        #expect(interchange.verdict == .acceptedWithErrors)
        #expect(interchange.header.delimiters.repetition == nil)
    }
}
