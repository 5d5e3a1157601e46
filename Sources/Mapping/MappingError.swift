/// A mistake in a mapping file, or a mapping that cannot be applied: says which file, line and key.
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unreadableFile, invalidYAML, unknownKey, missingKey, invalidValue, unknownField, wrongShape
        case invalidPath, unknownTable, unknownBase, cyclicExtends, duplicateName, ambiguousMappings
        /// A cross-reference table file that is missing or has a mistake (the error names the CSV file and line).
        case brokenTable
    }

    public var code: Code
    /// The mapping file as named in the mappings folder (`x12-214-shipment-status.yaml`), or empty.
    public var file: String
    /// 1-based line in that file, when known.
    public var line: Int?
    /// The dotted key the mistake is under (`fields.status.table`).
    public var key: String
    public var message: String

    public init(_ code: Code, file: String, line: Int?, key: String, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if !key.isEmpty { where_ += (where_.isEmpty ? "" : " ") + "at \(key)" }
        return "\(where_): \(code.rawValue): \(message)"
    }
}
