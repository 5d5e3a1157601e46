/// How a CSV file is written and how strictly it is read.
public struct CSVOptions: Sendable, Hashable {
    /// How many fields each record must have.
    public enum FieldCount: Sendable, Hashable {
        /// Records may have any number of fields.
        case any
        /// Every record has as many fields as the header row (or, without one, the first record).
        case consistent
        /// Every record has exactly this many fields, the header row too.
        case exactly(Int)
    }

    public var delimiter: CSVDelimiter
    /// UTF-8 by default; a UTF-8 byte order mark is skipped whatever this says.
    public var encoding: TextEncoding
    /// The first record names the columns; it is not returned as a record.
    public var hasHeader: Bool
    public var fieldCount: FieldCount
    /// Empty lines between records are skipped instead of read as records with one empty field.
    public var skipBlankLines: Bool
    /// The largest record, in bytes, quotes and line ends included; a larger one is an error.
    public var maxRecordBytes: Int
    /// How many bytes to ask the input for at a time.
    public var chunkSize: Int

    public init(
        delimiter: CSVDelimiter = .comma, encoding: TextEncoding = .utf8, hasHeader: Bool = true, fieldCount: FieldCount = .consistent,
        skipBlankLines: Bool = true, maxRecordBytes: Int = 1 << 20, chunkSize: Int = 1 << 16
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasHeader = hasHeader
        self.fieldCount = fieldCount
        self.skipBlankLines = skipBlankLines
        self.maxRecordBytes = maxRecordBytes
        self.chunkSize = chunkSize
    }
}

/// Streaming RFC 4180 reader: quoted fields, doubled quotes, CR, LF or CRLF line ends (also inside
/// quotes), a UTF-8 byte order mark, and a choice of delimiter.
///
/// The input is read in chunks into one buffer that holds at most the current record plus one chunk,
/// so memory stays flat whatever the file size; a record over `maxRecordBytes` is an error.
///
/// Written by hand. Of the Swift CSV packages at hand, SwiftCSV 0.10 parses a whole `String` in
/// memory, and CSV.swift 2.5 streams from an `InputStream` but decodes one Unicode scalar at a time,
/// reports no positions, caps nothing and accepts stray quotes silently. Errors here name the line,
/// record and column, and fields are sliced straight from the byte buffer.
public final class CSVReader {
    public let fileName: String
    public let options: CSVOptions
    /// The header row's names, when `options.hasHeader`.
    public private(set) var header: CSVHeader?

    private let buffer: InputBuffer
    private let delimiter: UInt8
    private let encoding: TextEncoding
    /// The line the next record starts on.
    private var line = 1
    /// Records read so far, the header row included.
    private var recordCount = 0
    private var expectedFields: Int?
    private var failure = FirstFailure()
    /// 1 for the bytes that end an unquoted field's run (delimiter, quote, CR, LF), by byte value.
    private let stops: UnsafeMutablePointer<UInt8>

    /// Opens the reader and, when `options.hasHeader`, reads the header row.
    ///
    /// - Throws: `FlatFileError` with `.missingHeader` for an empty input that should have a header,
    ///   `.duplicateColumnName`, or any error of reading the header row as a record.
    public init(input: any ByteInput, fileName: String, options: CSVOptions = CSVOptions()) throws {
        self.fileName = fileName
        self.options = options
        delimiter = options.delimiter.byte
        encoding = options.encoding
        stops = .allocate(capacity: 256)
        stops.initialize(repeating: 0, count: 256)
        for byte in [delimiter, UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n")] { stops[Int(byte)] = 1 }
        buffer = InputBuffer(input: input, fileName: fileName, chunkSize: options.chunkSize)
        if case .exactly(let count) = options.fieldCount { expectedFields = count }
        try buffer.skipByteOrderMark()
        guard options.hasHeader else { return }
        guard let (names, position) = try readRecord() else {
            throw FlatFileError(
                code: .missingHeader, position: RecordPosition(fileName: fileName),
                message: "the input is empty but the options require a header row")
        }
        header = try CSVHeader(names: names, position: position)
    }

    deinit { stops.deallocate() }

    /// The next record, or nil at end of input.
    ///
    /// - Throws: `FlatFileError` with `.unterminatedQuote`, `.strayQuote`, `.characterAfterClosingQuote`,
    ///   `.fieldCountMismatch`, `.invalidUTF8`, `.recordTooLarge` or `.unreadableInput`.
    ///   Once it has thrown, every later call throws the same error.
    public func next() throws -> CSVRecord? {
        try failure.run {
            guard let (fields, position) = try readRecord() else { return nil }
            return CSVRecord(fields: fields, header: header, position: position)
        }
    }

    /// Calls `body` with every remaining record, in order.
    public func forEach(_ body: (CSVRecord) throws -> Void) throws {
        while let record = try next() { try body(record) }
    }

    // MARK: - Records

    private enum Scan {
        case record([String], blank: Bool)
        case needMore
        case endOfInput
    }

    private func readRecord() throws -> ([String], RecordPosition)? {
        while true {
            let startLine = line
            switch try scan() {
            case .endOfInput:
                return nil
            case .needMore:
                if buffer.end - buffer.start > options.maxRecordBytes {
                    throw FlatFileError(
                        code: .recordTooLarge, position: position(line: startLine, column: 1),
                        message: "the record is longer than \(options.maxRecordBytes) bytes; "
                            + "check for an unclosed quote or raise maxRecordBytes")
                }
                _ = try buffer.fill()
            case .record(let fields, let blank):
                if blank && options.skipBlankLines { continue }
                recordCount += 1
                let at = RecordPosition(fileName: fileName, line: startLine, record: recordCount)
                try checkFieldCount(fields.count, at: at)
                return (fields, at)
            }
        }
    }

    private func checkFieldCount(_ count: Int, at position: RecordPosition) throws {
        guard options.fieldCount != .any else { return }
        guard let expected = expectedFields else {
            expectedFields = count
            return
        }
        guard count != expected else { return }
        var at = position
        at.field = min(count, expected) + 1
        let source: String
        switch options.fieldCount {
        case .exactly: source = "the options require \(expected)"
        default: source = header == nil ? "the first record has \(expected)" : "the header has \(expected)"
        }
        throw FlatFileError(
            code: .fieldCountMismatch, position: at, message: "the record has \(count) fields but \(source)")
    }

    /// Reads one record from the buffer. On `.needMore` nothing is consumed; the caller refills and the
    /// record is scanned again from its start.
    private func scan() throws -> Scan {
        let bytes = buffer.bytes
        let end = buffer.end
        let atEnd = buffer.atEnd
        var p = buffer.start
        if p == end { return atEnd ? .endOfInput : .needMore }
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let blank = bytes[p] == cr || bytes[p] == lf
        var lineNumber = line
        var lineStart = p
        var fields: [String] = []
        fields.reserveCapacity(expectedFields ?? 8)
        while true {
            // At the start of a field.
            if p < end, bytes[p] == quote {
                let openLine = lineNumber, openColumn = p - lineStart + 1
                p += 1
                var segment = p
                var unescaped: [UInt8]? = nil
                while true {
                    while p < end, bytes[p] != quote {
                        // A line ends at LF, or at a CR not followed by LF (a CR at the buffer's end is
                        // counted too: the record is scanned again once more bytes are in).
                        if bytes[p] == lf || (bytes[p] == cr && (p + 1 == end || bytes[p + 1] != lf)) {
                            lineNumber += 1
                            lineStart = p + 1
                        }
                        p += 1
                    }
                    if p == end {
                        guard atEnd else { return .needMore }
                        throw FlatFileError(
                            code: .unterminatedQuote,
                            position: position(line: openLine, column: openColumn, field: fields.count + 1),
                            message: "the quoted field opened here is never closed; "
                                + "a quote inside a quoted field must be doubled")
                    }
                    if p + 1 == end, !atEnd { return .needMore }
                    if p + 1 < end, bytes[p + 1] == quote {
                        unescaped = (unescaped ?? []) + UnsafeBufferPointer(start: bytes + segment, count: p + 1 - segment)
                        p += 2
                        segment = p
                        continue
                    }
                    break
                }
                let value: String?
                if var unescaped {
                    unescaped.append(contentsOf: UnsafeBufferPointer(start: bytes + segment, count: p - segment))
                    value = unescaped.withUnsafeBufferPointer(encoding.string)
                } else {
                    value = encoding.string(UnsafeBufferPointer(start: bytes + segment, count: p - segment))
                }
                guard let value else {
                    throw invalidUTF8(line: openLine, column: openColumn, field: fields.count + 1)
                }
                fields.append(value)
                p += 1
                if p < end, bytes[p] != delimiter, bytes[p] != cr, bytes[p] != lf {
                    throw FlatFileError(
                        code: .characterAfterClosingQuote,
                        position: position(line: lineNumber, column: p - lineStart + 1, field: fields.count),
                        message: "a closing quote must be followed by the delimiter or the end of the line; "
                            + "a quote inside a quoted field must be doubled")
                }
            } else {
                let fieldStart = p
                while p < end, stops[Int(bytes[p])] == 0 { p += 1 }
                if p < end, bytes[p] == quote {
                    throw FlatFileError(
                        code: .strayQuote,
                        position: position(line: lineNumber, column: p - lineStart + 1, field: fields.count + 1),
                        message: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                if p == end, !atEnd { return .needMore }
                guard let value = encoding.string(UnsafeBufferPointer(start: bytes + fieldStart, count: p - fieldStart)) else {
                    throw invalidUTF8(line: lineNumber, column: fieldStart - lineStart + 1, field: fields.count + 1)
                }
                fields.append(value)
            }
            // After a field: a delimiter, a line end, or the end of input.
            if p == end {
                guard atEnd else { return .needMore }
                break
            }
            let b = bytes[p]
            if b == delimiter {
                p += 1
                continue
            }
            if b == cr {
                if p + 1 == end, !atEnd { return .needMore }
                p += (p + 1 < end && bytes[p + 1] == lf) ? 2 : 1
            } else {
                p += 1
            }
            lineNumber += 1
            break
        }
        buffer.start = p
        line = lineNumber
        return .record(fields, blank: blank)
    }

    private func position(line: Int, column: Int, field: Int? = nil) -> RecordPosition {
        RecordPosition(
            fileName: fileName, line: line, record: recordCount + 1, column: column, field: field,
            fieldName: field.flatMap { header?.names.indices.contains($0 - 1) == true ? header?.names[$0 - 1] : nil })
    }

    private func invalidUTF8(line: Int, column: Int, field: Int) -> FlatFileError {
        FlatFileError(
            code: .invalidUTF8, position: position(line: line, column: column, field: field),
            message: "the field is not valid UTF-8; if the file is ISO 8859-1 or Windows-1252, say so in the options")
    }
}
