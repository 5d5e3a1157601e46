/// The field separator of a CSV dialect.
public enum CSVDelimiter: String, Sendable, Hashable, Codable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"
    case pipe = "|"

    var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        case .tab: UInt8(ascii: "\t")
        case .pipe: UInt8(ascii: "|")
        }
    }
}

/// A column of a CSV file, named by its header or by its 1-based position.
public enum CSVColumn: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case name(String)
    /// 1-based, as people count columns.
    case position(Int)

    public init(stringLiteral value: String) { self = .name(value) }
    public init(integerLiteral value: Int) { self = .position(value) }

    public var description: String {
        switch self {
        case .name(let name): "column \"\(name)\""
        case .position(let position): "column \(position)"
        }
    }
}

/// The column names of a CSV file's header row.
public struct CSVHeader: Sendable, Hashable {
    /// The names in file order, exactly as written (not trimmed).
    public let names: [String]
    private let positions: [String: Int]

    /// - Throws: `FlatFileError` with `.duplicateColumnName` when two columns share a name.
    init(names: [String], position: RecordPosition) throws {
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = positions[name] {
                var at = position
                at.field = index + 1
                throw FlatFileError(
                    code: .duplicateColumnName, position: at,
                    message: "the header repeats the name of column \(first), so lookup by name is ambiguous")
            }
            positions[name] = index + 1
        }
        self.names = names
        self.positions = positions
    }

    /// The 1-based position of the column called `name`, if the header has one.
    public func position(of name: String) -> Int? { positions[name] }

    /// The 1-based position that `column` refers to, if the header has it.
    public func position(of column: CSVColumn) -> Int? {
        switch column {
        case .name(let name): positions[name]
        case .position(let position): (1...names.count).contains(position) ? position : nil
        }
    }
}

/// One CSV record: its fields as text, where it was, and the header that names its columns.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, unquoted and unescaped, in file order.
    public let fields: [String]
    /// The file's header, when the options say it has one.
    public let header: CSVHeader?
    /// Where the record starts: file name, first line, record number (the header row is record 1).
    public let position: RecordPosition

    public init(fields: [String], header: CSVHeader?, position: RecordPosition) {
        self.fields = fields
        self.header = header
        self.position = position
    }

    /// The field in `column`, or nil when the header has no such name or the record is shorter.
    public subscript(column: CSVColumn) -> String? {
        guard let index = index(of: column) else { return nil }
        return fields[index]
    }

    /// The field in `column`.
    ///
    /// - Throws: `FlatFileError` with `.unknownColumn` at this record when the column is missing.
    public func value(_ column: CSVColumn) throws -> String {
        guard let index = index(of: column) else {
            var at = position
            if case .position(let number) = column { at.field = number } else if case .name(let name) = column {
                at.fieldName = name
            }
            let known = header.map { "the header has \($0.names.count) columns" } ?? "the file has no header row"
            throw FlatFileError(
                code: .unknownColumn, position: at,
                message: "\(column) is not in this record (\(fields.count) fields; \(known))")
        }
        return fields[index]
    }

    private func index(of column: CSVColumn) -> Int? {
        let position: Int?
        switch column {
        case .name(let name): position = header?.position(of: name)
        case .position(let number): position = number
        }
        guard let position, position >= 1, position <= fields.count else { return nil }
        return position - 1
    }
}
