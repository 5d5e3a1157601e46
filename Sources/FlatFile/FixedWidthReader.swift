import Foundation

/// Streaming reader of fixed-width files: one record per line, its type found by a prefix, its fields
/// sliced by character offsets and read as text, integers, implied-decimal amounts or dates.
///
/// The file is header, details, trailer, as far as the layout has those roles; the trailer's record
/// counts and control totals are checked when it is read. Only one line is held in memory (up to
/// `maxLineBytes`). Line ends are LF or CRLF; the last line may lack one.
public final class FixedWidthReader {
    public let fileName: String
    public let layout: FixedWidthLayout
    /// Records read so far, by record type name.
    public var counts: [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(records.map(\.layout.name), recordCounts).filter { $0.1 > 0 })
    }

    private let buffer: InputBuffer
    private let records: [CompiledRecord]
    private let maxLineBytes: Int
    private let hasHeader: Bool
    private let hasTrailer: Bool
    private var line = 0
    private var recordCount = 0
    private var detailCount = 0
    private var sawTrailer = false
    /// Per `layout.trailerChecks.controlTotals` entry: the running sum and the number of records summed.
    private var totals: [(sum: Decimal, records: Int)]
    /// Per record type: how many were read, and the control totals its fields feed (check index, field index).
    private var recordCounts: [Int]
    private let summedFields: [[(check: Int, field: Int)]]
    /// Byte offsets of each character of the current line, when it is not plain ASCII.
    private var characterStarts: [Int] = []
    private var failure = FirstFailure()

    /// - Parameter maxLineBytes: the longest line read, in bytes; by default four times the longest
    ///   record type (the worst case of UTF-8) plus a CRLF.
    /// - Throws: `FlatFileError` with `.invalidLayout` when the layout does not validate.
    public init(
        input: any ByteInput, fileName: String, layout: FixedWidthLayout, maxLineBytes: Int? = nil,
        chunkSize: Int = 1 << 16
    ) throws {
        try layout.validate(fileName: layout.name)
        self.fileName = fileName
        self.layout = layout
        records = layout.records.map(CompiledRecord.init)
        self.maxLineBytes = maxLineBytes ?? (layout.records.map(\.length).max() ?? 0) * 4 + 2
        hasHeader = layout.records.contains { $0.role == .header }
        hasTrailer = layout.records.contains { $0.role == .trailer }
        totals = layout.trailerChecks.controlTotals.map { _ in (0, 0) }
        recordCounts = Array(repeating: 0, count: layout.records.count)
        summedFields = layout.records.map { record in
            layout.trailerChecks.controlTotals.enumerated().compactMap { index, check in
                guard check.record == record.name, let field = record.fieldIndex(check.sums) else { return nil }
                return (index, field - 1)
            }
        }
        buffer = InputBuffer(input: input, fileName: fileName, chunkSize: chunkSize)
        try buffer.skipByteOrderMark()
    }

    /// The next record, or nil at the end of a complete file.
    ///
    /// - Throws: `FlatFileError` with `.unknownRecordType`, `.lineTooShort`, `.lineTooLong`,
    ///   `.invalidFieldValue`, `.missingFieldValue`, `.unexpectedRecord`, `.missingHeader`, `.missingTrailer`,
    ///   `.recordCountMismatch`, `.controlTotalMismatch`, `.invalidUTF8`, `.recordTooLarge` or `.unreadableInput`.
    ///   Once it has thrown, every later call throws the same error.
    public func next() throws -> FixedWidthRecord? {
        try failure.run { try readRecord() }
    }

    private func readRecord() throws -> FixedWidthRecord? {
        guard let (start, count) = try nextLine() else {
            try checkEnd()
            return nil
        }
        line += 1
        recordCount += 1
        let bytes = UnsafeBufferPointer(start: buffer.bytes + start, count: count)
        let characters = try index(bytes)
        let (type, record) = try recordType(of: bytes, characters: characters)
        try checkOrder(record.layout)
        try checkLength(record.layout, bytes, characters: characters)
        var values: [FieldValue] = []
        values.reserveCapacity(record.fields.count)
        for (index, field) in record.fields.enumerated() {
            values.append(try read(field, number: index + 1, from: bytes, characters: characters))
        }
        let result = FixedWidthRecord(layout: record.layout, values: values, position: position())
        recordCounts[type] += 1
        if record.layout.role == .detail { detailCount += 1 }
        for (check, field) in summedFields[type] {
            totals[check].sum += values[field].decimal ?? 0
            totals[check].records += 1
        }
        if record.layout.role == .trailer {
            sawTrailer = true
            try checkTrailer(result)
        }
        return result
    }

    /// Calls `body` with every remaining record, in order, and checks the end of the file.
    public func forEach(_ body: (FixedWidthRecord) throws -> Void) throws {
        while let record = try next() { try body(record) }
    }

    // MARK: - Lines

    /// The next line's bytes `[start, start + count)` in the buffer, line end excluded, consumed.
    private func nextLine() throws -> (Int, Int)? {
        var scanned = 0
        while true {
            let start = buffer.start
            let available = buffer.end - start
            if available > scanned,
                let found = memchr(buffer.bytes + start + scanned, Int32(UInt8(ascii: "\n")), available - scanned)
            {
                let length = UnsafeMutableRawPointer(buffer.bytes + start).distance(to: found)
                try checkLineSize(length)
                buffer.start = start + length + 1
                return (start, length > 0 && buffer.bytes[start + length - 1] == UInt8(ascii: "\r") ? length - 1 : length)
            }
            scanned = available
            try checkLineSize(available)
            if try !buffer.fill() {
                guard buffer.end > buffer.start else { return nil }
                let start = buffer.start
                buffer.start = buffer.end
                return (start, available > 0 && buffer.bytes[start + available - 1] == UInt8(ascii: "\r") ? available - 1 : available)
            }
        }
    }

    private func checkLineSize(_ length: Int) throws {
        guard length > maxLineBytes else { return }
        throw FlatFileError(
            code: .recordTooLarge, position: RecordPosition(fileName: fileName, line: line + 1, record: recordCount + 1),
            message: "the line is longer than \(maxLineBytes) bytes, far more than any record type of layout "
                + "\(layout.name); check the line ends")
    }

    /// Nil for plain ASCII or a single-byte encoding (characters are bytes); otherwise the byte offset of each character, plus the end.
    private func index(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [Int]? {
        guard !layout.encoding.isSingleByte else { return nil }
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        guard high & 0x80 != 0 else { return nil }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw FlatFileError(
                code: .invalidUTF8, position: position(),
                message: "the line is not valid UTF-8; if the file is ISO 8859-1 or Windows-1252, say so in the layout")
        }
        characterStarts.removeAll(keepingCapacity: true)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { characterStarts.append(offset) }
        characterStarts.append(bytes.count)
        return characterStarts
    }

    /// Byte range of characters `[from, from + length)`, clipped to the line.
    func byteRange(_ from: Int, _ length: Int, characters: [Int]?, count: Int) -> Range<Int> {
        guard let characters else { return min(from, count)..<min(from + length, count) }
        let last = characters.count - 1
        return characters[min(from, last)]..<characters[min(from + length, last)]
    }

    private func characterCount(_ bytes: UnsafeBufferPointer<UInt8>, _ characters: [Int]?) -> Int {
        characters.map { $0.count - 1 } ?? bytes.count
    }

    // MARK: - Records

    /// The index and layout of the line's record type.
    private func recordType(of bytes: UnsafeBufferPointer<UInt8>, characters: [Int]?) throws -> (Int, CompiledRecord) {
        for (index, record) in records.enumerated() {
            let range = byteRange(record.prefixStart, record.prefixLength, characters: characters, count: bytes.count)
            if range.count == record.prefix.count, bytes[range].elementsEqual(record.prefix) { return (index, record) }
        }
        var at = position()
        at.column = records.map(\.layout.prefixOffset).min()
        throw FlatFileError(
            code: .unknownRecordType, position: at,
            message: "no record type of layout \(layout.name) matches the line (known prefixes: "
                + records.map(\.layout.prefix).joined(separator: ", ") + ")")
    }

    private func checkOrder(_ record: RecordLayout) throws {
        let problem: String?
        if sawTrailer {
            problem = "a \(record.name) record follows the trailer; the trailer must be the last record"
        } else if record.role == .header && recordCount != 1 {
            problem = "the header record may only be the first record"
        } else if hasHeader && recordCount == 1 && record.role != .header {
            problem = "layout \(layout.name) requires a header record first, not a \(record.name) record"
        } else {
            problem = nil
        }
        guard let problem else { return }
        throw FlatFileError(code: .unexpectedRecord, position: position(), message: problem)
    }

    private func checkLength(_ record: RecordLayout, _ bytes: UnsafeBufferPointer<UInt8>, characters: [Int]?) throws {
        let count = characterCount(bytes, characters)
        if count > record.length {
            throw FlatFileError(
                code: .lineTooLong, position: position(column: record.length + 1),
                message: "the \(record.name) record is \(count) characters long; the layout says \(record.length)")
        }
        if count < record.length && !layout.padShortLines {
            throw FlatFileError(
                code: .lineTooShort, position: position(column: count + 1),
                message: "the \(record.name) record is \(count) characters long; the layout says \(record.length)")
        }
    }

    private func checkEnd() throws {
        if hasHeader && recordCount == 0 {
            throw FlatFileError(
                code: .missingHeader, position: RecordPosition(fileName: fileName, line: 1, record: 1),
                message: "the file is empty; layout \(layout.name) requires a header record")
        }
        if hasTrailer && !sawTrailer {
            throw FlatFileError(
                code: .missingTrailer, position: RecordPosition(fileName: fileName, line: line + 1, record: recordCount + 1),
                message: "the file ends without its trailer record; it may have been cut short in transfer")
        }
    }

    private func checkTrailer(_ trailer: FixedWidthRecord) throws {
        for check in layout.trailerChecks.recordCounts {
            let (read, what): (Int, String)
            switch check.counts {
            case .all: (read, what) = (recordCount, "records (header and trailer included)")
            case .detail: (read, what) = (detailCount, "detail records")
            case .records(let name):
                (read, what) = (records.firstIndex { $0.layout.name == name }.map { recordCounts[$0] } ?? 0, "\(name) records")
            }
            guard case .integer(let stated) = trailer[check.field] else {
                throw trailerError(.missingFieldValue, trailer, check.field, "the trailer's record count is blank")
            }
            if stated != read {
                throw trailerError(
                    .recordCountMismatch, trailer, check.field,
                    "the trailer counts \(stated) \(what) but \(read) were read; the file may be incomplete")
            }
        }
        for (index, check) in layout.trailerChecks.controlTotals.enumerated() {
            guard let stated = trailer[check.field]?.decimal else {
                throw trailerError(.missingFieldValue, trailer, check.field, "the trailer's control total is blank")
            }
            if stated != totals[index].sum {
                throw trailerError(
                    .controlTotalMismatch, trailer, check.field,
                    "the trailer's control total differs from the sum of \(check.record).\(check.sums) "
                        + "over the \(totals[index].records) \(check.record) records read")
            }
        }
    }

    private func trailerError(_ code: FlatFileError.Code, _ trailer: FixedWidthRecord, _ field: String, _ message: String)
        -> FlatFileError
    {
        let index = trailer.layout.fieldIndex(field)
        return FlatFileError(
            code: code,
            position: position(column: index.map { trailer.layout.fields[$0 - 1].offset }, field: index, fieldName: field),
            message: message)
    }

    func position(column: Int? = nil, field: Int? = nil, fieldName: String? = nil) -> RecordPosition {
        RecordPosition(fileName: fileName, line: line, record: recordCount, column: column, field: field, fieldName: fieldName)
    }
}
