public import Foundation

/// A fixed-width file's layout, as data: its record types, each with a prefix that identifies it and
/// its fields, plus the checks the trailer record must pass.
///
/// Offsets and lengths count characters (Unicode scalars), 1-based, line ends excluded. Layouts are
/// usually kept as JSON files beside the mappings; `FixedWidthLayout(json:name:)` decodes and checks one.
public struct FixedWidthLayout: Sendable, Hashable, Codable {
    public var name: String
    /// Record types, tried in order; the first whose prefix matches a line reads it.
    public var records: [RecordLayout]
    /// Checks of the trailer against what was read; ignored when no record has the trailer role.
    public var trailerChecks: TrailerChecks
    /// Lines shorter than their record type are read as if padded with spaces (many hubs strip
    /// trailing blanks); when false they are an error.
    public var padShortLines: Bool
    /// The files' character encoding; offsets count characters, which are bytes for the single-byte ones.
    public var encoding: TextEncoding

    public init(
        name: String, records: [RecordLayout], trailerChecks: TrailerChecks = TrailerChecks(), padShortLines: Bool = false,
        encoding: TextEncoding = .utf8
    ) {
        self.name = name
        self.records = records
        self.trailerChecks = trailerChecks
        self.padShortLines = padShortLines
        self.encoding = encoding
    }

    /// Decodes a layout from JSON and checks it.
    ///
    /// - Parameter name: the layout file's name, for error positions.
    /// - Throws: `FlatFileError` with `.invalidLayout` naming the problem.
    public init(json: Data, name fileName: String) throws {
        do {
            self = try JSONDecoder().decode(FixedWidthLayout.self, from: json)
        } catch let error as DecodingError {
            throw FlatFileError(
                code: .invalidLayout, position: RecordPosition(fileName: fileName),
                message: "the layout is not valid JSON of the layout format: \(Self.describe(error))", underlying: error)
        }
        try validate(fileName: fileName)
    }

    enum CodingKeys: String, CodingKey { case name, records, trailerChecks, padShortLines, encoding }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        records = try container.decode([RecordLayout].self, forKey: .records)
        trailerChecks = try container.decodeIfPresent(TrailerChecks.self, forKey: .trailerChecks) ?? TrailerChecks()
        padShortLines = try container.decodeIfPresent(Bool.self, forKey: .padShortLines) ?? false
        encoding = try container.decodeIfPresent(TextEncoding.self, forKey: .encoding) ?? .utf8
    }

    private static func describe(_ error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String)
        switch error {
        case .keyNotFound(let key, let c): (context, what) = (c, "missing key \"\(key.stringValue)\"")
        case .typeMismatch(_, let c), .valueNotFound(_, let c): (context, what) = (c, "wrong type")
        case .dataCorrupted(let c): (context, what) = (c, c.debugDescription)
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? what : "\(what) at \(path)"
    }
}

/// One record type: how to recognise it and what its fields are.
public struct RecordLayout: Sendable, Hashable, Codable {
    /// Where the record stands in the file.
    public enum Role: String, Sendable, Hashable, Codable {
        /// At most one, the first record.
        case header
        /// Any number, between header and trailer.
        case detail
        /// At most one, the last record; carries the counts and totals of `TrailerChecks`.
        case trailer
    }

    /// Unique in the layout (`invoice`, `charge`); mappings and errors use it.
    public var name: String
    public var role: Role
    /// The characters that identify the record type (`IV`).
    public var prefix: String
    /// 1-based character offset of `prefix`.
    public var prefixOffset: Int
    /// The record's length in characters, line end excluded; longer or shorter lines are errors.
    public var length: Int
    public var fields: [FieldLayout]

    public init(name: String, role: Role, prefix: String, prefixOffset: Int = 1, length: Int, fields: [FieldLayout]) {
        self.name = name
        self.role = role
        self.prefix = prefix
        self.prefixOffset = prefixOffset
        self.length = length
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case name, role, prefix, prefixOffset, length, fields }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        role = try container.decode(Role.self, forKey: .role)
        prefix = try container.decode(String.self, forKey: .prefix)
        prefixOffset = try container.decodeIfPresent(Int.self, forKey: .prefixOffset) ?? 1
        length = try container.decode(Int.self, forKey: .length)
        fields = try container.decode([FieldLayout].self, forKey: .fields)
    }

    /// The 1-based place of the field called `name`.
    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name }.map { $0 + 1 } }
}

/// One field of a record type.
public struct FieldLayout: Sendable, Hashable, Codable {
    /// What a field holds and how its text is read.
    public enum FieldType: Sendable, Hashable {
        case text
        /// Digits with an optional leading or trailing `+` or `-`.
        case integer
        /// Digits with an optional sign; with `impliedDecimals` > 0 the last digits are the fraction
        /// (`0001234` with 2 is 12.34) and a written decimal point is an error; with 0, one `.` may be written.
        case decimal(impliedDecimals: Int)
        /// A date (and time) in the given pattern: `yyyyMMdd`, `MMddyy`, `yyyyMMddHHmm`, `yyyy-MM-dd`.
        case date(format: String)
    }

    /// Which spaces are removed before the value is read.
    public enum Trim: String, Sendable, Hashable, Codable {
        case none, leading, trailing, both
    }

    /// Unique in its record type.
    public var name: String
    /// 1-based character offset.
    public var offset: Int
    /// Length in characters.
    public var length: Int
    public var type: FieldType
    /// Defaults to `.trailing` for text (leading spaces may matter) and `.both` for the other types.
    public var trim: Trim
    /// A blank required field is an error; a blank optional field is `.blank` (or `.text("")`).
    public var required: Bool

    public init(name: String, offset: Int, length: Int, type: FieldType = .text, trim: Trim? = nil, required: Bool = false) {
        self.name = name
        self.offset = offset
        self.length = length
        self.type = type
        self.trim = trim ?? (type == .text ? .trailing : .both)
        self.required = required
    }

    enum CodingKeys: String, CodingKey { case name, offset, length, type, impliedDecimals, format, trim, required }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decodeIfPresent(String.self, forKey: .type) ?? "text"
        let type: FieldType
        switch typeName {
        case "text": type = .text
        case "integer": type = .integer
        case "decimal": type = .decimal(impliedDecimals: try container.decodeIfPresent(Int.self, forKey: .impliedDecimals) ?? 0)
        case "date": type = .date(format: try container.decode(String.self, forKey: .format))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown field type \"\(typeName)\" (text, integer, decimal, date)")
        }
        self.init(
            name: try container.decode(String.self, forKey: .name), offset: try container.decode(Int.self, forKey: .offset),
            length: try container.decode(Int.self, forKey: .length), type: type,
            trim: try container.decodeIfPresent(Trim.self, forKey: .trim),
            required: try container.decodeIfPresent(Bool.self, forKey: .required) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(offset, forKey: .offset)
        try container.encode(length, forKey: .length)
        switch type {
        case .text: try container.encode("text", forKey: .type)
        case .integer: try container.encode("integer", forKey: .type)
        case .decimal(let implied):
            try container.encode("decimal", forKey: .type)
            try container.encode(implied, forKey: .impliedDecimals)
        case .date(let format):
            try container.encode("date", forKey: .type)
            try container.encode(format, forKey: .format)
        }
        try container.encode(trim, forKey: .trim)
        try container.encode(required, forKey: .required)
    }
}

/// What the trailer must agree with.
public struct TrailerChecks: Sendable, Hashable, Codable {
    public var recordCounts: [RecordCountCheck]
    public var controlTotals: [ControlTotalCheck]

    public init(recordCounts: [RecordCountCheck] = [], controlTotals: [ControlTotalCheck] = []) {
        self.recordCounts = recordCounts
        self.controlTotals = controlTotals
    }

    enum CodingKeys: String, CodingKey { case recordCounts, controlTotals }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recordCounts = try container.decodeIfPresent([RecordCountCheck].self, forKey: .recordCounts) ?? []
        controlTotals = try container.decodeIfPresent([ControlTotalCheck].self, forKey: .controlTotals) ?? []
    }
}

/// A trailer field that holds a number of records.
public struct RecordCountCheck: Sendable, Hashable, Codable {
    /// Which records the count covers. In JSON: `"all"`, `"detail"`, or a record type's name.
    public enum Scope: Sendable, Hashable, Codable {
        /// Every record of the file, header and trailer included.
        case all
        /// Every record with the detail role.
        case detail
        /// The records of one type.
        case records(named: String)

        public init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer().decode(String.self)
            switch value {
            case "all": self = .all
            case "detail": self = .detail
            default: self = .records(named: value)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .all: try container.encode("all")
            case .detail: try container.encode("detail")
            case .records(let name): try container.encode(name)
            }
        }
    }

    /// The trailer's integer field holding the count.
    public var field: String
    public var counts: Scope

    public init(field: String, counts: Scope) {
        self.field = field
        self.counts = counts
    }
}

/// A trailer field that holds the sum of one field over all records of one type.
public struct ControlTotalCheck: Sendable, Hashable, Codable {
    /// The trailer's decimal or integer field holding the total.
    public var field: String
    /// The record type whose field is summed.
    public var record: String
    /// The summed decimal or integer field of that record type.
    public var sums: String

    public init(field: String, record: String, sums: String) {
        self.field = field
        self.record = record
        self.sums = sums
    }
}
