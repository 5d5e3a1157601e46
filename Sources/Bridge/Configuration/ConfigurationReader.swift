public import Delivery
import Foundation
import Mapping

/// Reads the YAML tree of one configuration file into typed values, collecting every mistake instead of
/// stopping at the first: each getter reports what is wrong (with line and dotted key) and returns nil.
///
/// `${NAME}` references are replaced in every scalar here, before any value is interpreted; `$${` stands
/// for a literal `${`. A value that came from the environment is never quoted in a message.
struct ConfigurationReader {
    let file: String
    let folder: URL
    let environment: [String: String]
    private(set) var issues: [ConfigurationIssue] = []

    init(file: String, folder: URL, environment: [String: String]) {
        self.file = file
        self.folder = folder
        self.environment = environment
    }

    mutating func report(_ code: ConfigurationIssue.Code, line: Int?, key: String, _ message: String) {
        issues.append(ConfigurationIssue(code, file: file, line: line, key: key, message))
    }

    // MARK: Mappings and lists

    /// The entries of the mapping at `key`, by name; reports a value that is not a mapping, keys that are
    /// not in `allowed` (listing the allowed ones), and `required` keys that are absent or empty.
    mutating func fields(
        _ node: YAMLNode, key: String, allowed: [String], required: [String] = []
    ) -> Fields? {
        guard case .mapping(let entries, _) = node else {
            report(.wrongType, line: node.line, key: key, "expected a mapping, found \(shown(node))")
            return nil
        }
        var values: [String: YAMLNode] = [:]
        for entry in entries {
            guard allowed.contains(entry.key) else {
                report(.unknownKey, line: entry.line, key: Self.join(key, entry.key),
                       "unknown key '\(entry.key)'; expected one of: \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            if case .null = entry.value { continue }
            values[entry.key] = entry.value
        }
        for name in required where values[name] == nil {
            let present = entries.first { $0.key == name }
            report(.missingKey, line: present?.line ?? node.line, key: Self.join(key, name), "'\(name)' is required")
        }
        return Fields(key: key, line: node.line, values: values, keyLines: Dictionary(entries.map { ($0.key, $0.line) }) { a, _ in a })
    }

    /// The items of the list at `key`; reports a value that is not a list.
    mutating func list(_ node: YAMLNode, key: String) -> [YAMLNode]? {
        guard case .sequence(let items, _) = node else {
            report(.wrongType, line: node.line, key: key, "expected a list, found \(shown(node))")
            return nil
        }
        return items
    }

    // MARK: Scalars

    /// A scalar with its `${NAME}` references replaced. Reports lists and mappings, unset variables,
    /// bad references.
    mutating func scalar(_ node: YAMLNode, key: String, expected: String = "a string") -> Scalar? {
        guard case .scalar(let raw, let line) = node else {
            report(.wrongType, line: node.line, key: key, "expected \(expected), found \(shown(node))")
            return nil
        }
        return substitute(raw, line: line, key: key)
    }

    mutating func string(_ node: YAMLNode?, key: String) -> String? {
        guard let node else { return nil }
        return scalar(node, key: key)?.text
    }

    /// A non-empty string.
    mutating func name(_ node: YAMLNode?, key: String) -> String? {
        guard let node, let value = scalar(node, key: key) else { return nil }
        if value.text.isEmpty {
            report(.invalidValue, line: node.line, key: key, "must not be empty")
            return nil
        }
        return value.text
    }

    mutating func secret(_ node: YAMLNode?, key: String) -> Secret? {
        guard let node, let value = scalar(node, key: key) else { return nil }
        if value.text.isEmpty {
            report(.invalidValue, line: node.line, key: key, "the secret is empty")
            return nil
        }
        return Secret(value.text)
    }

    mutating func integer(_ node: YAMLNode?, key: String, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard let node, let value = scalar(node, key: key, expected: "a whole number") else { return nil }
        guard let number = Int(value.text) else {
            report(.wrongType, line: node.line, key: key, "expected a whole number, found \(value.shown)")
            return nil
        }
        if let minimum, number < minimum {
            report(.invalidValue, line: node.line, key: key, "must be at least \(minimum)")
            return nil
        }
        if let maximum, number > maximum {
            report(.invalidValue, line: node.line, key: key, "must be at most \(maximum)")
            return nil
        }
        return number
    }

    mutating func boolean(_ node: YAMLNode?, key: String) -> Bool? {
        guard let node, let value = scalar(node, key: key, expected: "true or false") else { return nil }
        switch value.text {
        // YAML 1.1's spellings too, since Yams (and so the schema check) reads them as booleans.
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default:
            report(.wrongType, line: node.line, key: key, "expected true or false, found \(value.shown)")
            return nil
        }
    }

    /// `500ms`, `5s`, `2m`, `1h`, `1d`; with `positive`, `0s` is refused (an interval or timeout of nothing).
    mutating func duration(_ node: YAMLNode?, key: String, positive: Bool = false) -> Duration? {
        guard let node, let value = scalar(node, key: key, expected: "a duration") else { return nil }
        guard let duration = ConfigurationUnits.duration(value.text) else {
            report(.invalidValue, line: node.line, key: key,
                   "\(value.shown) is not a duration; write a whole number and a unit: 500ms, 5s, 2m, 1h or 1d")
            return nil
        }
        if positive && duration == .zero {
            report(.invalidValue, line: node.line, key: key, "must be longer than 0s")
            return nil
        }
        return duration
    }

    /// `10MB`, `512KiB`, `2048` (bytes).
    mutating func size(_ node: YAMLNode?, key: String) -> Int64? {
        guard let node, let value = scalar(node, key: key, expected: "a size") else { return nil }
        guard let size = ConfigurationUnits.size(value.text) else {
            report(.invalidValue, line: node.line, key: key,
                   "\(value.shown) is not a size; write a whole number and a unit: 2048B, 64KB, 10MB, 1GB, 512KiB, 10MiB")
            return nil
        }
        return size
    }

    /// One of `cases`' raw values.
    mutating func choice<T: RawRepresentable>(_ node: YAMLNode?, key: String, _ cases: [T]) -> T? where T.RawValue == String {
        guard let node, let value = scalar(node, key: key, expected: "one of \(cases.map(\.rawValue).joined(separator: ", "))") else {
            return nil
        }
        guard let match = cases.first(where: { $0.rawValue == value.text }) else {
            report(.invalidValue, line: node.line, key: key,
                   "\(value.shown) is not allowed; expected one of: \(cases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return match
    }

    /// A list of non-empty strings.
    mutating func strings(_ node: YAMLNode?, key: String) -> [String]? {
        guard let node, let items = list(node, key: key) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if let value = name(item, key: "\(key)[\(index)]") { values.append(value) }
        }
        return values
    }

    /// A local path; a relative one is resolved against the configuration file's folder.
    mutating func localPath(_ node: YAMLNode?, key: String) -> String? {
        guard let value = name(node, key: key) else { return nil }
        return resolve(value)
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }

    // MARK: Environment references

    /// Replaces `${NAME}` by the variable's value and `$${` by `${`.
    mutating func substitute(_ raw: String, line: Int, key: String) -> Scalar? {
        guard raw.contains("${") else { return Scalar(text: raw, fromEnvironment: false) }
        var text = ""
        var fromEnvironment = false
        var failed = false
        var rest = Substring(raw)
        while let dollar = rest.firstIndex(of: "$") {
            text += rest[..<dollar]
            let after = rest[dollar...]
            if after.hasPrefix("$${") {
                text += "${"
                rest = after.dropFirst(3)
            } else if after.hasPrefix("${") {
                guard let close = after.firstIndex(of: "}") else {
                    report(.invalidValue, line: line, key: key, "a '${' is not closed by '}'; write $${ for a literal ${")
                    return nil
                }
                let name = String(after[after.index(after.startIndex, offsetBy: 2)..<close])
                if !Self.isVariableName(name) {
                    report(.invalidValue, line: line, key: key,
                           "'${\(name)}' is not a variable reference; names are letters, digits and _, not starting with a digit")
                    failed = true
                } else if let value = environment[name] {
                    text += value
                    fromEnvironment = true
                } else {
                    report(.missingVariable, line: line, key: key, "the environment variable \(name) is not set")
                    failed = true
                }
                rest = after[after.index(after: close)...]
            } else {
                text += "$"
                rest = after.dropFirst()
            }
        }
        text += rest
        return failed ? nil : Scalar(text: text, fromEnvironment: fromEnvironment)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    // MARK: Helpers

    /// How a node is named in a message: its kind, or a literal scalar quoted.
    func shown(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .null: "nothing"
        case .scalar(let text, _): text.contains("${") ? "a value with ${...}" : "'\(text)'"
        }
    }

    /// `value` quoted for a message, or "the value from the environment" when `node` holds a reference:
    /// a value from the environment may be a secret, so it is never shown.
    func quote(_ node: YAMLNode, _ value: String) -> String {
        if case .scalar(let raw, _) = node, raw.contains("${") { return "the value from the environment" }
        return "'\(value)'"
    }

    static func join(_ key: String, _ name: String) -> String { key.isEmpty ? name : key + "." + name }
}

/// A scalar after substitution.
struct Scalar {
    var text: String
    var fromEnvironment: Bool

    /// The value quoted for a message, or a mention of the environment when it came from there.
    var shown: String { fromEnvironment ? "the value from the environment" : "'\(text)'" }
}

/// The entries of one YAML mapping, checked against its allowed keys.
struct Fields {
    let key: String
    let line: Int
    let values: [String: YAMLNode]
    let keyLines: [String: Int]

    subscript(name: String) -> YAMLNode? { values[name] }

    /// The dotted key of `name` under this mapping.
    func path(_ name: String) -> String { ConfigurationReader.join(key, name) }

    /// The line of `name`'s value, or of the mapping.
    func line(of name: String) -> Int { values[name]?.line ?? keyLines[name] ?? line }
}

/// Durations and sizes as the configuration writes them.
enum ConfigurationUnits {
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Duration)] = [
            ("ms", .milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60)), ("h", .seconds(3_600)), ("d", .seconds(86_400)),
        ]
        for (suffix, unit) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let count = Int(digits), count <= 1_000_000_000 else {
                continue
            }
            return unit * count
        }
        return nil
    }

    static func size(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
            ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1), ("", 1),
        ]
        for (suffix, unit) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let count = Int64(digits),
                  count <= Int64.max / unit else { continue }
            return count * unit
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
