/// Where in a flat file something happened. Positions only, never field values.
///
/// Every number is 1-based. `record` counts the file's records from its first one, a CSV header row and
/// a fixed-width header record included; `line` counts physical lines (a CSV record with a newline inside
/// quotes spans several).
public struct RecordPosition: Sendable, Hashable, Codable {
    /// The file name as received, not a local path.
    public var fileName: String
    /// 1-based line; 0 when the problem is not tied to a line (for example end of input before any).
    public var line: Int
    /// 1-based record; 0 when the problem is not tied to a record.
    public var record: Int
    /// 1-based column inside `line`: bytes for CSV and XML, characters for fixed-width layouts.
    public var column: Int?
    /// 1-based field: the CSV column number, or the field's place in its fixed-width record layout.
    public var field: Int?
    /// The CSV header's column name, the fixed-width layout's field name, or the XML record path.
    public var fieldName: String?

    public init(
        fileName: String, line: Int = 0, record: Int = 0, column: Int? = nil, field: Int? = nil,
        fieldName: String? = nil
    ) {
        self.fileName = fileName
        self.line = line
        self.record = record
        self.column = column
        self.field = field
        self.fieldName = fieldName
    }
}

extension RecordPosition: CustomStringConvertible {
    /// `batch.csv line 7 record 5 column 12 field 3 (city)`, leaving out what is not known.
    public var description: String {
        var parts = [fileName]
        if line > 0 { parts.append("line \(line)") }
        if record > 0 { parts.append("record \(record)") }
        if let column { parts.append("column \(column)") }
        if let field {
            parts.append(fieldName.map { "field \(field) (\($0))" } ?? "field \(field)")
        } else if let fieldName {
            parts.append("(\(fieldName))")
        }
        return parts.joined(separator: " ")
    }
}

/// A flat file (CSV, fixed-width or XML) that cannot be read, or a layout that cannot be used.
///
/// The message says what is wrong and what to do next; it never quotes a field's value, which may be
/// confidential (names, addresses, amounts).
public struct FlatFileError: Error, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        /// The byte source failed; `underlying` says why.
        case unreadableInput
        /// The bytes are not valid UTF-8.
        case invalidUTF8
        /// One record (CSV record, fixed-width line, XML record element) is larger than the configured cap.
        case recordTooLarge
        /// The whole input is larger than the configured cap.
        case inputTooLarge

        // CSV
        /// A quoted field is still open at end of input.
        case unterminatedQuote
        /// A quote inside an unquoted field (`ab"c`).
        case strayQuote
        /// Something other than a delimiter or line end after a closing quote (`"ab"c`).
        case characterAfterClosingQuote
        /// A record's field count differs from what the options require.
        case fieldCountMismatch
        /// Two header columns carry the same name, so lookup by name would be ambiguous.
        case duplicateColumnName
        /// The file has no header row although the options require one.
        case missingHeader
        /// A column asked for by name or position is not in the header or the record.
        case unknownColumn

        // Fixed-width
        /// The layout itself is inconsistent (overlapping fields, field past the record end, unknown names).
        case invalidLayout
        /// No record type of the layout matches the line.
        case unknownRecordType
        /// A line is shorter than its record type's length.
        case lineTooShort
        /// A line is longer than its record type's length.
        case lineTooLong
        /// A field's text does not parse as its declared type (integer, decimal, date).
        case invalidFieldValue
        /// A required field is blank.
        case missingFieldValue
        /// The header, detail and trailer records are not in header, details, trailer order.
        case unexpectedRecord
        /// The input ended without the trailer the layout requires.
        case missingTrailer
        /// The trailer's record count differs from the number of records read.
        case recordCountMismatch
        /// The trailer's control total differs from the sum of the summed field.
        case controlTotalMismatch

        // XML
        /// libxml2 reports the document as not well-formed (tag mismatch, bad character, truncated input).
        case malformedXML
        /// An entity declaration or reference was refused (entity loop, amplification, external entity).
        case entityRefused
        /// The record path is not a usable absolute path.
        case invalidRecordPath
    }

    public var code: Code
    public var position: RecordPosition
    /// What is wrong and what to do next; never a field's value.
    public var message: String
    /// The error of the byte source or decoder, when one caused this.
    public var underlying: (any Error)?

    public init(code: Code, position: RecordPosition, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.position = position
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(code.rawValue) at \(position): \(message)" }
}

/// Remembers a reader's first error: once a file has failed, every later `next()` throws the same
/// error instead of reading on from a state the error left behind. Errors stop a file.
struct FirstFailure {
    private var error: FlatFileError?

    mutating func run<T>(_ body: () throws -> T) throws -> T {
        if let error { throw error }
        do {
            return try body()
        } catch let failure as FlatFileError {
            error = failure
            throw failure
        }
    }
}
