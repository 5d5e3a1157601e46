import Foundation
import Testing
import TestSupport
@testable import X12

/// Collects what the reader hands out, as owned values.
struct Recorder: SegmentHandler {
    var delimiters: [Delimiters] = []
    var segments: [(ordinal: Int, offset: Int64, segment: Segment)] = []
    var notes: [ReaderNote] = []
    var endedInside: Bool?

    mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) { self.delimiters.append(delimiters) }
    mutating func segment(_ view: SegmentView) { segments.append((view.ordinal, view.offset, view.segment())) }
    mutating func note(_ note: ReaderNote) { notes.append(note) }
    mutating func endOfInput(insideInterchange: Bool, offset: Int64) { endedInside = insideInterchange }

    static func read(_ text: String, chunkSize: Int = 4096) throws -> Recorder {
        try read(Array(text.utf8), chunkSize: chunkSize)
    }

    static func read(_ bytes: [UInt8], chunkSize: Int = 4096) throws -> Recorder {
        var recorder = Recorder()
        try X12Reader(source: MemorySource(bytes), fileName: "t.edi", chunkSize: chunkSize).run(&recorder)
        return recorder
    }
}

let isa4010 = "ISA*00*          *00*          *ZZ*ACMESHIPPER    *ZZ*CROSSDOCKTL    *261127*0915*U*00401*000000101*1*P*:~"

@Suite struct X12ReaderTests {
    @Test func readsDelimitersFromTheISA() throws {
        let r = try Recorder.read(isa4010 + "\nGS*SM*ACME*XDOCK*20261127*0915*101*X*004010~\nGE*0*101~\nIEA*1*000000101~\n")
        #expect(r.delimiters == [Delimiters(element: 42, component: 58, repetition: nil, segmentTerminator: [126], suffix: [10])])
        #expect(r.segments.map(\.segment.tag) == ["ISA", "GS", "GE", "IEA"])
        #expect(r.segments.map(\.ordinal) == [1, 2, 3, 4])
        #expect(r.segments[1].offset == 107)
        #expect(r.segments[0].segment[13] == "000000101")
        #expect(r.segments[0].segment[16] == ":")
        #expect(r.endedInside == false)
        #expect(r.notes.isEmpty)
    }

    @Test func treatsISA11AsRepetitionSeparatorOnlyFrom00403() throws {
        let isa5010 = isa4010.replacingOccurrences(of: "*U*00401*", with: "*^*00501*")
        let r = try Recorder.read(isa5010 + "N9*A^B*X:Y~IEA*0*000000101~")
        #expect(r.delimiters.first?.repetition == UInt8(ascii: "^"))
        #expect(r.segments[1].segment.elements[0].repetitions == [["A"], ["B"]])
        #expect(r.segments[1].segment.elements[1].repetitions == [["X", "Y"]])
        let caret4010 = isa4010.replacingOccurrences(of: "*U*00401*", with: "*^*00401*")
        let r2 = try Recorder.read(caret4010 + "N9*A^B~IEA*0*000000101~")
        #expect(r2.delimiters.first?.repetition == nil)
        #expect(r2.segments[1].segment[1] == "A^B")
    }

    @Test func readsAMultiByteTerminatorAndNewlineTerminator() throws {
        let oUmlaut = isa4010.dropLast() + "Ö" + "GS*IM*A*B*20261127*0915*1*X*004010ÖIEA*1*000000101Ö"
        let r = try Recorder.read(String(oUmlaut))
        #expect(r.delimiters.first?.segmentTerminator == [0xC3, 0x96])
        #expect(r.segments.map(\.segment.tag) == ["ISA", "GS", "IEA"])
        let lf = isa4010.dropLast() + "\nGS*SM*A*B*20261127*0915*1*X*004010\r\nIEA*1*000000101\n"
        let r2 = try Recorder.read(String(lf))
        #expect(r2.delimiters.first?.segmentTerminator == [0x0A])
        #expect(r2.segments.map(\.segment.tag) == ["ISA", "GS", "IEA"])
        #expect(r2.segments[1].segment[8] == "004010")
    }

    @Test func skipsBOMIndentationAndTrailingSpaces() throws {
        let text = "\u{FEFF}  " + isa4010 + "\r\n    GS*SM*A*B*20261127*0915*1*X*004010~\r\n  IEA*1*000000101~    \r\n"
        let r = try Recorder.read(text)
        #expect(r.segments.map(\.segment.tag) == ["ISA", "GS", "IEA"])
        #expect(r.notes.isEmpty)
    }

    @Test func unwrapsEightyColumnLinesAndSaysSo() throws {
        var wrapped = ""
        let flat = isa4010 + "GS*IM*ACME*XDOCK*20261127*0915*7*X*004010~IEA*1*000000101~"
        for (i, ch) in flat.enumerated() {
            if i > 0 && i % 80 == 0 { wrapped += "\n" }
            wrapped.append(ch)
        }
        let r = try Recorder.read(wrapped)
        #expect(r.segments.map(\.segment.tag) == ["ISA", "GS", "IEA"])
        #expect(r.segments[0].segment[8] == "CROSSDOCKTL    ")
        #expect(r.segments[1].segment[2] == "ACME")
        #expect(r.notes.map(\.kind) == [.lineBreakInSegment])
    }

    @Test func readsMailbagsAcrossChunkBoundaries() throws {
        let one = isa4010 + "GS*SM*A*B*20261127*0915*1*X*004010~GE*0*1~IEA*1*000000101~\n"
        let two = one.replacingOccurrences(of: "*", with: "|").replacingOccurrences(of: "~", with: "\n")
        for chunk in [7, 64, 4096] {
            let r = try Recorder.read(one + two + one, chunkSize: chunk)
            #expect(r.delimiters.count == 3)
            #expect(r.delimiters[1].element == UInt8(ascii: "|"))
            #expect(r.segments.count == 12)
            #expect(r.segments.map(\.ordinal) == [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4])
        }
    }

    @Test func reportsJunkAndUnterminatedEnd() throws {
        let r = try Recorder.read("garbage\n" + isa4010 + "IEA*0*000000101")
        #expect(r.notes.map(\.kind) == [.junkOutsideInterchange, .unterminatedFinalSegment])
        #expect(r.notes[0].offset == 0 && r.notes[0].length == 7)
        #expect(r.segments.last?.segment[2] == "000000101")
    }

    @Test func reportsAnInterchangeCutShort() throws {
        let r = try Recorder.read(isa4010 + "GS*SM*A*B*20261127*0915*1*X*004010~ST*204*0001~")
        #expect(r.endedInside == true)
    }

    @Test func refusesInputWithoutISA() throws {
        let error = #expect(throws: X12Error.self) { try Recorder.read("name,city\nacme,chicago\n") }
        #expect(error?.code == .noISA)
    }

    @Test func refusesUnusableDelimiters() throws {
        let bad = isa4010.replacingOccurrences(of: "*:~", with: "*:*")
        let error = #expect(throws: X12Error.self) { try Recorder.read(bad + "IEA*0*1*") }
        #expect(error?.code == .unreadableDelimiters)
    }
}

@Suite struct SegmentTagTests {
    @Test func envelopeTagLiteralsMatchTheirPacking() {
        let pairs: [(UInt32, String)] = [
            (SegmentTag.ISA, "ISA"), (SegmentTag.IEA, "IEA"), (SegmentTag.GS, "GS"), (SegmentTag.GE, "GE"),
            (SegmentTag.ST, "ST"), (SegmentTag.SE, "SE"), (SegmentTag.TA1, "TA1"), (SegmentTag.ISB, "ISB"),
            (SegmentTag.ISE, "ISE"),
        ]
        for (code, tag) in pairs { #expect(code == SegmentTag.pack(tag), "\(tag)") }
    }
}
