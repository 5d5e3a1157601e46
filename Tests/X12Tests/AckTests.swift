import Foundation
import Testing
@testable import X12

func acks(_ text: String, policy: AckPolicy = AckPolicy(), leniency: Leniency = .strict) throws -> [String] {
    let report = try validate(text, leniency)
    let builder = AckBuilder(
        policy: policy, controlNumbers: InMemoryControlNumbers(),
        timestamp: AckTimestamp(date: "20261127", time: "1200"))
    return try report.interchanges.compactMap { try builder.acknowledge($0) }.map {
        String(decoding: try $0.bytes(), as: UTF8.self)
    }
}

func lines(_ ack: String) -> [String] {
    ack.split(separator: "\n").map { String($0.dropLast()) }
}

@Suite struct AckTests {
    @Test func answersAnAcceptedGroupWith997AndNoTA1WhenNotRequested() throws {
        let out = try acks(Build.interchange([Build.set(Build.goodBody)]))
        #expect(out.count == 1)
        #expect(lines(out[0]) == [
            "ISA*00*          *00*          *ZZ*CROSSDOCKDEMO  *ZZ*ACMEFOODS      *261127*1200*U*00401*000000001*0*P*:",
            "GS*FA*CROSSDOCKDEMO*ACMEFOODS*20261127*1200*1*X*004010",
            "ST*997*0001", "AK1*SM*905", "AK2*204*0001", "AK5*A", "AK9*A*1*1*1", "SE*6*0001",
            "GE*1*1", "IEA*1*000000001",
        ])
    }

    @Test func addsTA1WhenISA14AsksAndLeavesOutAK2ForAcceptedSetsOnRequest() throws {
        let out = try acks(Build.interchange([Build.set(Build.goodBody)], ack: "1"), policy: AckPolicy(setDetail: .notAccepted))
        let l = lines(out[0])
        #expect(l[1] == "TA1*000000905*261127*0915*A*000")
        #expect(Array(l[3...5]) == ["ST*997*0001", "AK1*SM*905", "AK9*A*1*1*1"])
    }

    @Test func reportsSegmentAndElementErrorsInAK3AndAK4() throws {
        var bad = Build.goodBody
        bad[1] = "B2A*07"
        bad.insert("ZZZ*1", at: 3)
        let text = Build.interchange([Build.set(bad), Build.set(Build.goodBody, control: "0002")])
        let l = lines(try acks(text)[0])
        #expect(Array(l[3...12]) == [
            "AK1*SM*905", "AK2*204*0001", "AK3*B2A*3**8", "AK4*1*353*7*07", "AK3*ZZZ*5**1", "AK5*R*5",
            "AK2*204*0002", "AK5*A", "AK9*P*2*2*1", "SE*11*0001",
        ])
    }

    @Test func answers005010GroupsWith999() throws {
        var bad = Build.goodBody
        bad[6] = "G62*10*20261301"
        let l = lines(try acks(Build.interchange([Build.set(bad)], version: "005010"))[0])
        #expect(l[0].contains("*^*00501*000000001*0*P*:"))
        #expect(Array(l[1...9]) == [
            "GS*FA*CROSSDOCKDEMO*ACMEFOODS*20261127*1200*1*X*005010X231A1",
            "ST*999*0001*005010X231A1", "AK1*SM*905*005010", "AK2*204*0001", "IK3*G62*8*0300*8",
            "IK4*2*373*8*20261301", "IK5*R*5", "AK9*R*1*1*0", "SE*8*0001",
        ])
    }

    @Test func rejectsABrokenEnvelopeWithTA1Only() throws {
        let text = Build.interchange([Build.set(Build.goodBody)]).replacingOccurrences(of: "IEA*1*000000905", with: "IEA*1*000000906")
        let l = lines(try acks(text)[0])
        #expect(l.count == 3)
        #expect(l[1] == "TA1*000000905*261127*0915*R*001")
        #expect(l[2] == "IEA*0*000000001")
    }

    @Test func neverAcknowledgesAcknowledgementsOrEmptyInterchanges() throws {
        let ack997 = Build.interchange([Build.set(["AK1*SM*905", "AK9*A*1*1*1"], id: "997")], functionalID: "FA", ack: "1")
        #expect(try acks(ack997).isEmpty)
        let ta1Only = Build.isa(ack: "1") + "\nTA1*000000101*261127*0915*A*000~\nIEA*0*000000905~\n"
        #expect(try acks(ta1Only).isEmpty)
        let noSets = Build.isa(ack: "1") + "\nIEA*0*000000905~\n"
        #expect(try acks(noSets).isEmpty)
    }

    @Test func kindTA1AnswersEvenWithoutARequest() throws {
        let l = lines(try acks(Build.interchange([Build.set(Build.goodBody)]), policy: AckPolicy(kind: .ta1))[0])
        #expect(l == [l[0], "TA1*000000905*261127*0915*A*000", "IEA*0*000000001"])
    }

    @Test func controlNumbersIncreasePerPair() throws {
        let numbers = InMemoryControlNumbers(start: 41)
        #expect(numbers.next(.interchange, sender: "A", receiver: "B") == 42)
        #expect(numbers.next(.interchange, sender: "A", receiver: "B") == 43)
        #expect(numbers.next(.interchange, sender: "A", receiver: "C") == 42)
        #expect(numbers.next(.group, sender: "A", receiver: "B") == 42)
    }

    @Test func acknowledgementsParseAndValidateAsAccepted997s() throws {
        let text = Build.interchange([Build.set(Build.goodBody)], ack: "1")
        let ack = try acks(text)[0]
        let report = try validate(ack)
        #expect(report.interchanges[0].isAcknowledgment)
        #expect(report.transactions.map(\.verdict) == [.accepted])
    }
}

@Suite struct WriterTests {
    @Test func rewritesWithOtherDelimitersAndReadsBackTheSameSegments() throws {
        let text = Build.interchange([Build.set(Build.goodBody)], version: "005010")
        let doc = try X12Document.parse(Array(text.utf8))
        let pipes = Delimiters(element: UInt8(ascii: "|"), component: UInt8(ascii: ">"), repetition: UInt8(ascii: "!"), segmentTerminator: [0x0A])
        let again = try X12Document.parse(try doc.write(delimiters: pipes))
        #expect(again.interchanges[0].delimiters.element == UInt8(ascii: "|"))
        #expect(again.interchanges[0].segments.dropFirst() == doc.interchanges[0].segments.dropFirst())
        #expect(again.interchanges[0].segments[0][16] == ">")
    }

    @Test func refusesAValueHoldingADelimiter() throws {
        let writer = X12Writer(delimiters: .standard())
        #expect(throws: X12Writer.DelimiterInData.self) { try writer.write([Segment("N1", "SH", "A*B")]) }
    }
}
