import FlatFile
import Foundation
import Testing
import TestSupport

private func readAll(_ bytes: [UInt8], options: CSVOptions = CSVOptions(), step: Int? = nil) throws -> [CSVRecord] {
    let input: any ByteInput = step.map { TrickleInput(bytes, step: $0) } ?? MemoryInput(bytes)
    let reader = try CSVReader(input: input, fileName: "t.csv", options: options)
    var records: [CSVRecord] = []
    try reader.forEach { records.append($0) }
    return records
}

private func readAll(_ text: String, options: CSVOptions = CSVOptions()) throws -> [CSVRecord] {
    try readAll(Array(text.utf8), options: options)
}

private func csvError(_ sample: Sample, options: CSVOptions = CSVOptions()) -> FlatFileError? {
    flatFileError { _ = try readAll(sample.bytes, options: options) }
}

@Suite struct CSVReaderTests {
    let batch = sample("csv", "status_hub_batch.csv")

    @Test func readsTheStatusBatchWithHeaderByteOrderMarkAndEmbeddedNewline() throws {
        let reader = try CSVReader(input: MemoryInput(batch.bytes), fileName: batch.fileName)
        #expect(reader.header?.names.first == "shipment_id")
        #expect(reader.header?.names.count == 14)
        #expect(reader.header?.position(of: "city") == 5)
        var records: [CSVRecord] = []
        try reader.forEach { records.append($0) }
        #expect(records.count == 7)
        #expect(records.map(\.position.record) == [2, 3, 4, 5, 6, 7, 8])
        #expect(records.map(\.position.line) == [2, 3, 4, 5, 7, 8, 9])
        #expect(records[1]["remarks"] == "Departed pickup, 18 pallets loaded")
        #expect(records[2]["city"] == "Saint Louis")
        #expect(records[2]["stop_seq"] == "")
        #expect(records[3]["remarks"] == "Arrived at delivery\r\ndock 14, door \"B\" closed")
        #expect(records[4]["remarks"] == "POD signed: J. O'Neil, receiving")
        #expect(records[5][5] == "Montréal")
        #expect(records[5]["time_zone"] == "EST")
        #expect(records[6]["remarks"] == "")
        #expect(records[6].fields.count == 14)
        #expect(try records[0].value("scac") == "ODFL")
        #expect(try records[0].value(1) == "SH20261127-0001")
        #expect(records[0].position.fileName == "status_hub_batch.csv")
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64, 1 << 16])
    func readsTheSameRecordsWhateverTheChunkBoundaries(step: Int) throws {
        let whole = try readAll(batch.bytes)
        let trickled = try readAll(batch.bytes, options: CSVOptions(chunkSize: step), step: step)
        #expect(trickled == whole)
    }

    @Test func reportsAnUnterminatedQuoteWhereItOpened() throws {
        let error = try #require(csvError(sample("csv", "status_hub_batch_unterminated_quote.csv")))
        #expect(error.code == .unterminatedQuote)
        #expect(error.position == RecordPosition(
            fileName: "t.csv", line: 5, record: 5, column: 28, field: 5, fieldName: "city"))
        #expect(error.description.hasPrefix("unterminatedQuote at t.csv line 5 record 5 column 28 field 5 (city): "))
        #expect(!error.description.contains("Winston"))
    }

    @Test func reportsAStrayQuoteInsideAnUnquotedField() throws {
        let error = try #require(csvError(sample("csv", "status_hub_batch_stray_quote.csv")))
        #expect(error.code == .strayQuote)
        #expect(error.position == RecordPosition(
            fileName: "t.csv", line: 4, record: 4, column: 99, field: 14, fieldName: "remarks"))
    }

    @Test func reportsARowWithFewerFieldsThanTheHeader() throws {
        let error = try #require(csvError(sample("csv", "status_hub_batch_missing_field.csv")))
        #expect(error.code == .fieldCountMismatch)
        #expect(error.position.line == 4)
        #expect(error.position.record == 4)
        #expect(error.position.field == 14)
        #expect(error.message == "the record has 13 fields but the header has 14")
        var lenient = CSVOptions()
        lenient.fieldCount = .any
        let records = try readAll(sample("csv", "status_hub_batch_missing_field.csv").bytes, options: lenient)
        #expect(records.map(\.fields.count) == [14, 14, 13, 14])
    }

    @Test func readsTheSemicolonDialect() throws {
        let records = try readAll(sample("csv", "status_hub_batch_semicolon.csv").bytes, options: CSVOptions(delimiter: .semicolon))
        #expect(records.count == 3)
        #expect(records[2]["city"] == "Köln; Hafen")
        #expect(records[0]["event_date"] == "27.11.2026")
    }

    @Test func readsTabAndPipeDelimitersWithoutAHeader() throws {
        let tab = try readAll("A1\tB1\n\"A\t2\"\tB2", options: CSVOptions(delimiter: .tab, hasHeader: false))
        #expect(tab.map(\.fields) == [["A1", "B1"], ["A\t2", "B2"]])
        #expect(tab.map(\.position.record) == [1, 2])
        let pipe = try readAll("a|b|\r|x|\"\"\r\n", options: CSVOptions(delimiter: .pipe, hasHeader: false))
        #expect(pipe.map(\.fields) == [["a", "b", ""], ["", "x", ""]])
        #expect(pipe.map(\.position.line) == [1, 2])
        #expect(pipe[0]["a"] == nil)
    }

    @Test func skipsBlankLinesUnlessAskedNotTo() throws {
        let text = "id,city\n\n1,Dallas\r\n\r\n2,Reno\n\n"
        let skipped = try readAll(text)
        #expect(skipped.map(\.fields) == [["1", "Dallas"], ["2", "Reno"]])
        #expect(skipped.map(\.position.line) == [3, 5])
        #expect(skipped.map(\.position.record) == [2, 3])
        let kept = try readAll(text, options: CSVOptions(hasHeader: false, fieldCount: .any, skipBlankLines: false))
        #expect(kept.map(\.fields) == [["id", "city"], [""], ["1", "Dallas"], [""], ["2", "Reno"], [""]])
    }

    @Test func rejectsTextAfterAClosingQuote() throws {
        let error = try #require(flatFileError { _ = try readAll("a,\"b\"c,d\n", options: CSVOptions(hasHeader: false)) })
        #expect(error.code == .characterAfterClosingQuote)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 1, record: 1, column: 6, field: 2))
    }

    @Test func countsLinesInsideQuotesForLaterErrors() throws {
        let text = "id,note\n1,\"two\nlines\nthree\"\n2,bad\"quote\n"
        let error = try #require(flatFileError { _ = try readAll(text) })
        #expect(error.code == .strayQuote)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 5, record: 3, column: 6, field: 2, fieldName: "note"))
    }

    @Test func countsOldMacLineEndsInsideQuotesToo() throws {
        let records = try readAll("a,\"x\ry\"\rb,\"p\r\nq\"\rc,d", options: CSVOptions(hasHeader: false))
        #expect(records.map(\.fields) == [["a", "x\ry"], ["b", "p\r\nq"], ["c", "d"]])
        #expect(records.map(\.position.line) == [1, 3, 5])
        for step in 1...4 {
            let text = Array("a,\"x\ry\"\rb,\"p\r\nq\"\rc,d".utf8)
            #expect(try readAll(text, options: CSVOptions(hasHeader: false, chunkSize: step), step: step) == records)
        }
    }

    @Test func capsTheRecordSize() throws {
        let text = "id,note\n1,\"" + String(repeating: "x", count: 5000) + "\"\n"
        let options = CSVOptions(maxRecordBytes: 1000, chunkSize: 256)
        let error = try #require(flatFileError { _ = try readAll(Array(text.utf8), options: options) })
        #expect(error.code == .recordTooLarge)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 2, record: 2, column: 1))
        #expect(try readAll(Array(text.utf8), options: CSVOptions(maxRecordBytes: 6000, chunkSize: 256)).count == 1)
    }

    @Test func rejectsInvalidUTF8WithItsPosition() throws {
        let bytes = Array("id,city\n1,Montr".utf8) + [0xE9] + Array("al\n".utf8)
        let error = try #require(flatFileError { _ = try readAll(bytes) })
        #expect(error.code == .invalidUTF8)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 2, record: 2, column: 3, field: 2, fieldName: "city"))
    }

    @Test func readsLatin1AndWindows1252WhenTold() throws {
        let bytes = Array("id,city,note\n1,Montr".utf8) + [0xE9] + Array("al,".utf8) + [0x93] + Array("ok".utf8) + [0x94, 0x20, 0x80] + [0x0A]
        let latin1 = try readAll(bytes, options: CSVOptions(encoding: .isoLatin1))
        #expect(latin1[0]["city"] == "Montréal")
        #expect(latin1[0]["note"]?.unicodeScalars.map(\.value) == [0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80])
        let windows = try readAll(bytes, options: CSVOptions(encoding: .windows1252))
        #expect(windows[0]["city"] == "Montréal")
        #expect(windows[0]["note"] == "\u{201C}ok\u{201D} €")
    }

    @Test func rejectsAHeaderThatRepeatsAName() throws {
        let error = try #require(flatFileError { _ = try readAll("id,city,id\n1,2,3\n") })
        #expect(error.code == .duplicateColumnName)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 1, record: 1, field: 3))
    }

    @Test func requiresAHeaderWhenTheOptionsSaySo() throws {
        let error = try #require(flatFileError { _ = try readAll("") })
        #expect(error.code == .missingHeader)
        #expect(try readAll("", options: CSVOptions(hasHeader: false)).isEmpty)
    }

    @Test func enforcesAnExactFieldCount() throws {
        let error = try #require(flatFileError {
            _ = try readAll("a,b,c\n1,2,3\n", options: CSVOptions(hasHeader: false, fieldCount: .exactly(2)))
        })
        #expect(error.code == .fieldCountMismatch)
        #expect(error.position.record == 1)
        #expect(error.message == "the record has 3 fields but the options require 2")
    }

    @Test func namesTheMissingColumnWithoutItsData() throws {
        let record = try #require(try readAll(batch.bytes).first)
        #expect(record["carrier"] == nil)
        #expect(record[15] == nil)
        #expect(record[0] == nil)
        let error = try #require(flatFileError { _ = try record.value("carrier") })
        #expect(error.code == .unknownColumn)
        #expect(error.position == RecordPosition(fileName: "t.csv", line: 2, record: 2, fieldName: "carrier"))
        #expect(error.message == "column \"carrier\" is not in this record (14 fields; the header has 14 columns)")
    }

    @Test func keepsFailingAfterTheFirstError() throws {
        let reader = try CSVReader(input: MemoryInput("id,city\n1\n2,Reno\n"), fileName: "t.csv")
        #expect(flatFileError { _ = try reader.next() }?.position.record == 2)
        #expect(flatFileError { _ = try reader.next() }?.position.record == 2)
    }

    @Test func readsAFileInChunksFromDisk() throws {
        let reader = try CSVReader(input: FileInput(url: batch.url), fileName: batch.fileName, options: CSVOptions(chunkSize: 100))
        var records: [CSVRecord] = []
        try reader.forEach { records.append($0) }
        #expect(records.map(\.fields) == (try readAll(batch.bytes)).map(\.fields))
        let missing = try #require(flatFileError { _ = try FileInput(url: batch.url.appendingPathExtension("gone")) })
        #expect(missing.code == .unreadableInput)
        #expect(missing.position == RecordPosition(fileName: "status_hub_batch.csv.gone"))
    }

    @Test func streamsALargeInputThroughABoundedBuffer() throws {
        let input = GeneratedInput(
            prefix: "id,city,note\r\n", record: "SH1,Dallas,\"multi\r\nline, quoted \"\"note\"\"\"\r\n", count: 50_000)
        let reader = try CSVReader(input: input, fileName: "big.csv", options: CSVOptions(chunkSize: 4096))
        var count = 0
        var last: CSVRecord?
        try reader.forEach {
            count += 1
            last = $0
        }
        #expect(count == 50_000)
        #expect(last?["note"] == "multi\r\nline, quoted \"note\"")
        #expect(last?.position == RecordPosition(fileName: "big.csv", line: 100_000, record: 50_001))
        #expect(input.largestRequest <= 2 * 4096)
    }

    @Test func wrapsAFailingInput() throws {
        let failing = ClosureInput { _ in throw BrokenDisk() }
        let error = try #require(flatFileError { _ = try CSVReader(input: failing, fileName: "t.csv") })
        #expect(error.code == .unreadableInput)
        #expect(error.underlying is BrokenDisk)
    }
}
