import FlatFile
import Foundation
import Testing
import TestSupport

private func readAll(
    _ bytes: [UInt8], path: String = "/Tenders/LoadTender", options: XMLReaderOptions = XMLReaderOptions(), step: Int? = nil
) throws -> [XMLRecord] {
    let input: any ByteInput = step.map { TrickleInput(bytes, step: $0) } ?? MemoryInput(bytes)
    let reader = try XMLRecordReader(input: input, fileName: "tender.xml", recordPath: path, options: options)
    var records: [XMLRecord] = []
    try reader.forEach { records.append($0) }
    return records
}

private func readAll(_ text: String, path: String = "/Tenders/LoadTender") throws -> [XMLRecord] {
    try readAll(Array(text.utf8), path: path)
}

@Suite struct XMLRecordReaderTests {
    let tender = sample("xml", "load_tender.xml")

    @Test func readsEachLoadTenderAsARecord() throws {
        let records = try readAll(tender.bytes)
        #expect(records.count == 2)
        #expect(records.map(\.position) == [
            RecordPosition(fileName: "tender.xml", line: 8, record: 1), RecordPosition(fileName: "tender.xml", line: 59, record: 2),
        ])
        let first = records[0]
        #expect(first.element.name == "LoadTender")
        #expect(first.element.namespaceURI == "urn:acmehub:tender:v2")
        #expect(first.value(at: "@id") == "LT-88120")
        #expect(first.value(at: "@purpose") == "original")
        #expect(first.value(at: "ShipmentId") == "SH20261127-0001")
        #expect(first.value(at: "SCAC") == "ODFL")
        #expect(first.value(at: "Shipper/Name") == "Acme Widgets & Sons, Inc.")
        #expect(first.value(at: "Shipper/Id/@qualifier") == "DUNS")
        #expect(first.value(at: "Consignee/City") == "Memphis")
        #expect(first.value(at: "Stops/Stop/City") == "Dallas")
        #expect(first.value(at: "Stops/Stop[2]/City") == "Memphis")
        #expect(first.value(at: "Stops/Stop[2]/@type") == "delivery")
        #expect(first.value(at: "Stops/Stop[2]/Appointment/Latest") == "2026-11-29T15:00:00-06:00")
        #expect(first.element.elements(at: "Stops/Stop").map { $0.attribute("seq") } == ["1", "2"])
        #expect(first.element.elements(at: "Stops/Stop/Appointment/Earliest").map(\.text) == [
            "2026-11-28T08:00:00-06:00", "2026-11-29T07:00:00-06:00",
        ])
        #expect(first.value(at: "Weight") == "18450")
        #expect(first.value(at: "Weight/@unit") == "LB")
        #expect(first.value(at: "Equipment/@type") == "53FT_DRY_VAN")
        #expect(first.value(at: "Equipment") == "")
        #expect(first.value(at: "Notes") == "Call 30 min before arrival; dock hours 07:00-15:00 & no weekends <dock 4>")
        #expect(first.value(at: "Stops") == "")
        #expect(first.value(at: "Stops/Stop[3]/City") == nil)
        #expect(first.value(at: "Trailer") == nil)
        #expect(first.element.element(at: "Stops/Stop")?.line == 30)
        #expect(records[1].value(at: "Consignee/City") == "Montréal")
        #expect(records[1].value(at: "@purpose") == "change")
    }

    @Test func matchesPrefixedElementsOnTheirLocalName() throws {
        let records = try readAll(tender.bytes)
        let references = records[0].element.elements(at: "References/Reference")
        #expect(references.map { $0.attribute("qualifier") } == ["PO", "BM"])
        #expect(references.map(\.text) == ["PO-44120871", "BOL-7731002"])
        #expect(references.first?.namespaceURI == "urn:acmehub:references")
        let prefixed = """
            <t:Tenders xmlns:t="urn:other:tenders"><t:LoadTender t:id="A1"><t:SCAC>SAIA</t:SCAC></t:LoadTender></t:Tenders>
            """
        let other = try readAll(prefixed)
        #expect(other.count == 1)
        #expect(other[0].value(at: "SCAC") == "SAIA")
        #expect(other[0].value(at: "@id") == "A1")
        #expect(other[0].element.attributes == [XMLRecordAttribute(name: "id", namespaceURI: "urn:other:tenders", value: "A1")])
    }

    @Test(arguments: [1, 7, 100, 4096])
    func readsTheSameRecordsWhateverTheChunkBoundaries(step: Int) throws {
        #expect(try readAll(tender.bytes, step: step) == readAll(tender.bytes))
    }

    @Test func reportsMalformedXMLWithLineAndColumn() throws {
        let error = try #require(flatFileError { _ = try readAll(sample("xml", "load_tender_malformed.xml").bytes) })
        #expect(error.code == .malformedXML)
        #expect(error.position == RecordPosition(fileName: "tender.xml", line: 70, column: 42))
        #expect(error.message == "Opening and ending tag mismatch: Name line 70 and Nmae (libxml2 error 76)")
    }

    @Test func reportsATruncatedDocument() throws {
        let error = try #require(flatFileError { _ = try readAll(sample("xml", "load_tender_truncated.xml").bytes) })
        #expect(error.code == .malformedXML)
        #expect(error.position == RecordPosition(fileName: "tender.xml", line: 99, column: 5))
    }

    @Test func refusesBillionLaughs() throws {
        let error = try #require(flatFileError { _ = try readAll(sample("xml", "load_tender_billion_laughs.xml").bytes) })
        #expect(error.code == .entityRefused)
        #expect(error.message.hasPrefix("Detected an entity reference loop (libxml2 error 89)"))
        #expect(error.position.fileName == "tender.xml")
    }

    @Test func capsTheRecordSizeAndTheInputSize() throws {
        let big = try #require(flatFileError { _ = try readAll(tender.bytes, options: XMLReaderOptions(maxRecordBytes: 200)) })
        #expect(big.code == .recordTooLarge)
        #expect(big.position.record == 1)
        #expect(big.position.fieldName == "/Tenders/LoadTender")
        let huge = try #require(flatFileError { _ = try readAll(tender.bytes, options: XMLReaderOptions(maxInputBytes: 1000)) })
        #expect(huge.code == .inputTooLarge)
        #expect(huge.message == "the input is larger than 1000 bytes")
    }

    @Test func wrapsAFailingInput() throws {
        var served = false
        let failing = ClosureInput { buffer in
            guard !served else { throw BrokenDisk() }
            served = true
            var start = MemoryInput("<Tenders><LoadTender>")
            return try start.read(into: buffer)
        }
        let reader = try XMLRecordReader(input: failing, fileName: "tender.xml", recordPath: "/Tenders/LoadTender")
        let error = try #require(flatFileError { _ = try reader.next() })
        #expect(error.code == .unreadableInput)
        #expect(error.underlying is BrokenDisk)
        #expect(flatFileError { _ = try reader.next() }?.code == .unreadableInput)
    }

    @Test func rejectsARelativeRecordPath() throws {
        for path in ["Tenders/LoadTender", "/", "/Tenders//LoadTender", "/t:Tenders"] {
            let error = try #require(flatFileError { _ = try XMLRecordReader(input: MemoryInput(""), fileName: "t.xml", recordPath: path) })
            #expect(error.code == .invalidRecordPath)
            #expect(error.position.fieldName == path)
        }
    }

    @Test func readsEmptyRecordElementsAndSkipsOtherBranches() throws {
        let xml = """
            <Tenders><Archive><LoadTender id="old"/></Archive><LoadTender id="A"/><LoadTender id="B">x</LoadTender></Tenders>
            """
        let records = try readAll(xml)
        #expect(records.map { $0.value(at: "@id") } == ["A", "B"])
        #expect(records.map { $0.value(at: ".") } == ["", "x"])
        #expect(records.map(\.position.record) == [1, 2])
        #expect(try records[0].requiredValue(at: "@id") == "A")
        let missing = try #require(flatFileError { _ = try records[0].requiredValue(at: "SCAC") })
        #expect(missing.code == .unknownColumn)
        #expect(missing.position == RecordPosition(fileName: "tender.xml", line: 1, record: 1, fieldName: "SCAC"))
    }

    @Test func refusesAnInternalEntityRatherThanLosingItsText() throws {
        let xml = """
            <!DOCTYPE Tenders [ <!ENTITY shipper "Acme Widgets"> ]>
            <Tenders><LoadTender><Shipper>&shipper; &amp; Sons</Shipper></LoadTender></Tenders>
            """
        let error = try #require(flatFileError { _ = try readAll(Array(xml.utf8)) })
        #expect(error.code == .entityRefused)
        #expect(error.position.line == 2)
        let skipped = try readAll(Array(xml.utf8), options: XMLReaderOptions(entityReferences: .skip))
        #expect(skipped[0].value(at: "Shipper") == "& Sons")
    }

    @Test func leavesAnExternalEntityUnexpanded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.txt")
        try "TOP-SECRET-PAYROLL".write(to: secret, atomically: true, encoding: .utf8)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Tenders [ <!ENTITY xxe SYSTEM "\(secret.absoluteString)"> ]>
            <Tenders>
            <LoadTender id="X"><ShipmentId>&xxe;</ShipmentId><SCAC>ODFL</SCAC></LoadTender></Tenders>
            """
        let error = try #require(flatFileError { _ = try readAll(Array(xml.utf8)) })
        #expect(error.code == .entityRefused)
        #expect(error.position == RecordPosition(fileName: "tender.xml", line: 4, record: 1, fieldName: "/Tenders/LoadTender"))
        #expect(error.message.hasPrefix("the record refers to the DTD entity \"xxe\""))
        #expect(!error.description.contains("TOP-SECRET"))
        let records = try readAll(Array(xml.utf8), options: XMLReaderOptions(entityReferences: .skip))
        #expect(records.count == 1)
        #expect(records[0].position == RecordPosition(fileName: "tender.xml", line: 4, record: 1))
        #expect(records[0].value(at: "ShipmentId") == "")
        #expect(records[0].value(at: "SCAC") == "ODFL")
        #expect(!"\(records)".contains("TOP-SECRET"))
    }
}
