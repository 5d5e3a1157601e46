import FlatFile
import Foundation
import Testing
import TestSupport

private let layoutSample = sample("fixed", "invoice_batch.layout.json")

private func invoiceLayout() throws -> FixedWidthLayout {
    try FixedWidthLayout(json: Data(contentsOf: layoutSample.url), name: layoutSample.fileName)
}

private func readAll(_ bytes: [UInt8], layout: FixedWidthLayout? = nil, step: Int? = nil) throws -> [FixedWidthRecord] {
    let input: any ByteInput = step.map { TrickleInput(bytes, step: $0) } ?? MemoryInput(bytes)
    let reader = try FixedWidthReader(
        input: input, fileName: "batch.txt", layout: layout ?? invoiceLayout(), chunkSize: step ?? 1 << 16)
    var records: [FixedWidthRecord] = []
    try reader.forEach { records.append($0) }
    return records
}

private func fixedError(_ file: String, layout: FixedWidthLayout? = nil) -> FlatFileError? {
    flatFileError { _ = try readAll(sample("fixed", file).bytes, layout: layout) }
}

private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// A two-type layout for inline tests: `H` header of 10, `D` detail of 10 with a 4-digit amount.
private let tiny = FixedWidthLayout(
    name: "tiny",
    records: [
        RecordLayout(name: "head", role: .header, prefix: "H", length: 10, fields: [FieldLayout(name: "date", offset: 2, length: 8, type: .date(format: "yyyyMMdd"))]),
        RecordLayout(
            name: "item", role: .detail, prefix: "D", length: 10,
            fields: [
                FieldLayout(name: "code", offset: 2, length: 4),
                FieldLayout(name: "amount", offset: 6, length: 5, type: .decimal(impliedDecimals: 2)),
            ]),
    ])

@Suite struct FixedWidthReaderTests {
    let batch = sample("fixed", "invoice_batch.txt")

    @Test func readsTheInvoiceBatchIntoTypedValues() throws {
        let records = try readAll(batch.bytes)
        #expect(records.map(\.name) == [
            "header", "invoice", "charge", "charge", "charge", "invoice", "charge", "charge", "charge", "invoice", "charge",
            "charge", "trailer",
        ])
        #expect(records.map(\.position.record) == Array(1...13))
        #expect(records.map(\.position.line) == Array(1...13))
        let header = records[0]
        #expect(header["senderId"] == .text("ACMEHUB"))
        #expect(header["created"] == .date(LocalDateTime(year: 2026, month: 11, day: 27, hour: 2, minute: 15, hasTime: true)))
        #expect(header["created"]?.date?.description == "2026-11-27T02:15:00")
        #expect(header["batchNumber"] == .integer(4711))
        #expect(header["currency"] == .text("USD"))
        let invoice = records[1]
        #expect(invoice.role == .detail)
        #expect(invoice["invoiceNumber"] == .text("INV26-000412"))
        #expect(invoice["shipmentId"] == .text("SH20261127-0001"))
        #expect(invoice["shipDate"]?.date?.description == "2026-11-24")
        #expect(invoice["weightLbs"] == .integer(18450))
        #expect(invoice["netAmount"] == .decimal(decimal("1793.25")))
        #expect(invoice["terms"] == .text("PPD"))
        #expect(records[2]["rate"] == .decimal(decimal("7.859")))
        #expect(records[2]["description"] == .text("Linehaul Dallas-Memphis"))
        #expect(records[8]["amount"] == .decimal(decimal("-44")))
        #expect(records[10]["description"] == .text("Linehaul Chicago-Montréal"))
        #expect(records[10]["amount"] == .decimal(decimal("3125")))
        #expect(records[12]["recordCount"] == .integer(11))
        #expect(records[12]["controlTotal"] == .decimal(decimal("6482.38")))
        #expect(records[12].position == RecordPosition(fileName: "batch.txt", line: 13, record: 13))
    }

    @Test func countsRecordsByType() throws {
        let reader = try FixedWidthReader(input: MemoryInput(batch.bytes), fileName: batch.fileName, layout: try invoiceLayout())
        try reader.forEach { _ in }
        #expect(reader.counts == ["header": 1, "invoice": 3, "charge": 8, "trailer": 1])
    }

    @Test(arguments: [1, 3, 7, 79, 80, 81, 163])
    func readsTheSameRecordsWhateverTheChunkBoundaries(step: Int) throws {
        #expect(try readAll(batch.bytes, step: step) == readAll(batch.bytes))
    }

    @Test func streamsALargeInputThroughABoundedBuffer() throws {
        var layout = tiny
        layout.records.append(RecordLayout(
            name: "end", role: .trailer, prefix: "T", length: 10,
            fields: [FieldLayout(name: "count", offset: 2, length: 9, type: .integer)]))
        layout.trailerChecks.recordCounts = [RecordCountCheck(field: "count", counts: .detail)]
        layout.trailerChecks.controlTotals = [ControlTotalCheck(field: "count", record: "item", sums: "amount")]
        let input = GeneratedInput(prefix: "H20261127 \r\n", record: "DX   00100\r\n", count: 60_000, suffix: "T000060000\r\n")
        let reader = try FixedWidthReader(input: input, fileName: "big.txt", layout: layout, chunkSize: 4096)
        var count = 0
        try reader.forEach { _ in count += 1 }
        #expect(count == 60_002)
        #expect(reader.counts == ["head": 1, "item": 60_000, "end": 1])
        #expect(input.largestRequest <= 2 * 4096)
    }

    @Test func rejectsATrailerCountThatDisagreesWithTheDetails() throws {
        let error = try #require(fixedError("invoice_batch_bad_trailer_count.txt"))
        #expect(error.code == .recordCountMismatch)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 13, record: 13, column: 3, field: 2, fieldName: "recordCount"))
        #expect(error.message == "the trailer counts 10 detail records but 11 were read; the file may be incomplete")
    }

    @Test func rejectsAControlTotalThatDisagreesWithTheCharges() throws {
        let error = try #require(fixedError("invoice_batch_bad_control_total.txt"))
        #expect(error.code == .controlTotalMismatch)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 13, record: 13, column: 16, field: 4, fieldName: "controlTotal"))
        #expect(error.message == "the trailer's control total differs from the sum of charge.amount over the 8 charge records read")
    }

    @Test func rejectsAFileThatEndsWithoutItsTrailer() throws {
        let error = try #require(fixedError("invoice_batch_no_trailer.txt"))
        #expect(error.code == .missingTrailer)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 13, record: 13))
    }

    @Test func rejectsAShortLineUnlessTheLayoutPadsThem() throws {
        let error = try #require(fixedError("invoice_batch_short_line.txt"))
        #expect(error.code == .lineTooShort)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 4, record: 4, column: 71))
        #expect(error.message == "the charge record is 70 characters long; the layout says 80")
        var padding = try invoiceLayout()
        padding.padShortLines = true
        let records = try readAll(sample("fixed", "invoice_batch_short_line.txt").bytes, layout: padding)
        #expect(records[3]["amount"] == .decimal(decimal("268.25")))
    }

    @Test func rejectsAnAmountThatIsNotDigits() throws {
        let error = try #require(fixedError("invoice_batch_bad_amount.txt"))
        #expect(error.code == .invalidFieldValue)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 7, record: 7, column: 60, field: 7, fieldName: "amount"))
        #expect(!error.description.contains("00001O"))
    }

    @Test func rejectsALongLineAndAnUnknownRecordType() throws {
        let long = try #require(flatFileError { _ = try readAll(Array("H20261127 \nD0001001000\n".utf8), layout: tiny) })
        #expect(long.code == .lineTooLong)
        #expect(long.position == RecordPosition(fileName: "batch.txt", line: 2, record: 2, column: 11))
        let unknown = try #require(flatFileError { _ = try readAll(Array("H20261127 \nX000100100\n".utf8), layout: tiny) })
        #expect(unknown.code == .unknownRecordType)
        #expect(unknown.position == RecordPosition(fileName: "batch.txt", line: 2, record: 2, column: 1))
        #expect(unknown.message == "no record type of layout tiny matches the line (known prefixes: H, D)")
        let runaway = Array(("H20261127 \n" + String(repeating: "D", count: 5000)).utf8)
        let tooLarge = try #require(flatFileError { _ = try readAll(runaway, layout: tiny, step: 64) })
        #expect(tooLarge.code == .recordTooLarge)
        #expect(tooLarge.position == RecordPosition(fileName: "batch.txt", line: 2, record: 2))
    }

    @Test func requiresTheHeaderFirstAndNothingAfterTheTrailer() throws {
        let noHeader = try #require(flatFileError { _ = try readAll(Array("D000100100\n".utf8), layout: tiny) })
        #expect(noHeader.code == .unexpectedRecord)
        #expect(noHeader.position == RecordPosition(fileName: "batch.txt", line: 1, record: 1))
        let twice = try #require(flatFileError { _ = try readAll(Array("H20261127 \nH20261127 \n".utf8), layout: tiny) })
        #expect(twice.code == .unexpectedRecord)
        #expect(twice.position.record == 2)
        var lines = String(decoding: batch.bytes, as: UTF8.self)
        lines += "CHINV26-000414003LFTLiftgate                      00000000000000007500          \r\n"
        let after = try #require(flatFileError { _ = try readAll(Array(lines.utf8)) })
        #expect(after.code == .unexpectedRecord)
        #expect(after.position == RecordPosition(fileName: "batch.txt", line: 14, record: 14))
        let empty = try #require(flatFileError { _ = try readAll([], layout: tiny) })
        #expect(empty.code == .missingHeader)
    }

    @Test func readsSignsPointsBlanksAndDates() throws {
        var layout = tiny
        layout.records[1].fields[1] = FieldLayout(name: "amount", offset: 6, length: 5, type: .decimal(impliedDecimals: 0))
        let text = "H20261127 \nDA   12.5 \nDB    7-  \nDC        \nD-LF 1.5.0\n"
        let error = try #require(flatFileError { _ = try readAll(Array(text.utf8), layout: layout) })
        #expect(error.code == .invalidFieldValue)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 5, record: 5, column: 6, field: 2, fieldName: "amount"))
        let records = try readAll(Array(text.split(separator: "\n").prefix(4).joined(separator: "\n").utf8), layout: layout)
        #expect(records.map { $0["amount"] } == [nil, .decimal(decimal("12.5")), .decimal(decimal("-7")), .blank])
        #expect(records[1]["code"] == .text("A"))
        #expect(records[0]["date"]?.date == LocalDateTime(year: 2026, month: 11, day: 27))
        let badDate = try #require(flatFileError { _ = try readAll(Array("H20260230 \n".utf8), layout: tiny) })
        #expect(badDate.code == .invalidFieldValue)
        #expect(badDate.message == "the field is not a valid date in the format yyyyMMdd")
        let implied = try readAll(Array("H20261127 \nDX   01234\n".utf8), layout: tiny)
        #expect(implied[1]["amount"] == .decimal(decimal("12.34")))
        let point = try #require(flatFileError { _ = try readAll(Array("H20261127 \nDX   012.4\n".utf8), layout: tiny) })
        #expect(point.code == .invalidFieldValue)
    }

    @Test func countsBytesAsCharactersInASingleByteEncoding() throws {
        var layout = tiny
        layout.encoding = .isoLatin1
        let bytes = Array("H20261127 \nD".utf8) + [0xC9] + Array("T  01234\n".utf8)
        let records = try readAll(bytes, layout: layout)
        #expect(records[1]["code"] == .text("ÉT"))
        #expect(records[1]["amount"] == .decimal(decimal("12.34")))
        let asUTF8 = try #require(flatFileError { _ = try readAll(bytes, layout: tiny) })
        #expect(asUTF8.code == .invalidUTF8)
        #expect(asUTF8.position == RecordPosition(fileName: "batch.txt", line: 2, record: 2))
        let json = #"{"name": "l", "encoding": "windows-1252", "records": [{"name": "a", "role": "detail", "prefix": "A", "length": 3, "fields": []}]}"#
        #expect(try FixedWidthLayout(json: Data(json.utf8), name: "l.json").encoding == .windows1252)
    }

    @Test func rejectsARequiredFieldLeftBlank() throws {
        var text = String(decoding: batch.bytes, as: UTF8.self).split(separator: "\r\n").map(String.init)
        text[1] = "IV" + String(repeating: " ", count: 12) + text[1].dropFirst(14)
        let error = try #require(flatFileError { _ = try readAll(Array(text.joined(separator: "\n").utf8)) })
        #expect(error.code == .missingFieldValue)
        #expect(error.position == RecordPosition(fileName: "batch.txt", line: 2, record: 2, column: 3, field: 2, fieldName: "invoiceNumber"))
    }

    @Test func checksTheLayoutBeforeReading() throws {
        var overlapping = tiny
        overlapping.records[1].fields[1].offset = 5
        let overlap = try #require(flatFileError { try overlapping.validate(fileName: "tiny.json") })
        #expect(overlap.code == .invalidLayout)
        #expect(overlap.position == RecordPosition(fileName: "tiny.json", fieldName: "item.amount"))
        #expect(overlap.message == "the field overlaps the one before it")
        var pastEnd = tiny
        pastEnd.records[1].fields[1].length = 6
        #expect(flatFileError { try pastEnd.validate() }?.message == "the field must lie inside the record's 10 characters")
        var badFormat = tiny
        badFormat.records[0].fields[0].type = .date(format: "ddMMMyyyy")
        #expect(flatFileError { try badFormat.validate() }?.position.fieldName == "head.date")
        var badCheck = try invoiceLayout()
        badCheck.trailerChecks.recordCounts.append(RecordCountCheck(field: "lines", counts: .detail))
        let check = try #require(flatFileError { try badCheck.validate() })
        #expect(check.position.fieldName == "trailer.lines")
        #expect(check.message == "no such field in the record type")
    }

    @Test func namesTheJSONProblemOfABrokenLayoutFile() throws {
        let json = #"{"name": "x", "records": [{"name": "a", "role": "detail", "prefix": "A", "length": 5, "fields": [{"name": "f", "offset": 2, "length": 2, "type": "money"}]}]}"#
        let error = try #require(flatFileError { _ = try FixedWidthLayout(json: Data(json.utf8), name: "x.json") })
        #expect(error.code == .invalidLayout)
        #expect(error.position == RecordPosition(fileName: "x.json"))
        #expect(error.message == #"the layout is not valid JSON of the layout format: unknown field type "money" (text, integer, decimal, date) at .records[0].fields[0].type"#)
    }

    @Test func roundTripsTheLayoutThroughJSON() throws {
        let layout = try invoiceLayout()
        let again = try FixedWidthLayout(json: JSONEncoder().encode(layout), name: "again.json")
        #expect(again == layout)
    }
}
