import Yams

/// A mapping file's YAML as plain values that remember their line: what the compiler reads, so that
/// every mistake can name file, line and key. The configuration loader reads `crossdock.yaml` through it too.
public indirect enum YAMLNode: Sendable, Hashable {
    case scalar(String, line: Int)
    case null(line: Int)
    case sequence([YAMLNode], line: Int)
    case mapping([Entry], line: Int)

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var line: Int
        public var value: YAMLNode

        public init(key: String, line: Int, value: YAMLNode) {
            self.key = key
            self.line = line
            self.value = value
        }
    }

    public var line: Int {
        switch self {
        case .scalar(_, let line), .null(let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }

    public var string: String? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    public subscript(key: String) -> YAMLNode? { entries?.first { $0.key == key }?.value }

    /// Parses `text`; a YAML syntax error becomes a `MappingError` with the line libyaml reported.
    public static func parse(_ text: String, file: String) throws -> YAMLNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (line, message) = YAMLNode.describe(error)
            throw MappingError(.invalidYAML, file: file, line: line, key: "", message)
        }
        guard let node else { return .null(line: 1) }
        return try convert(node, file: file)
    }

    /// The line and the problem of a YAML syntax error, without the file text libyaml's description
    /// quotes (a configuration line may hold something confidential).
    private static func describe(_ error: YamlError) -> (line: Int?, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            (mark.line, context.map { "\($0.text): \(problem)" } ?? problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            (context.mark.line, "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            (nil, problem)
        default:
            (nil, "\(error)")
        }
    }

    private static func convert(_ node: Node, file: String) throws -> YAMLNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return .null(line: line) }
            return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            return .sequence(try sequence.map { try convert($0, file: file) }, line: line)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw MappingError(.invalidValue, file: file, line: key.mark?.line, key: "", "keys must be plain strings")
                }
                if entries.contains(where: { $0.key == name }) {
                    throw MappingError(.invalidValue, file: file, line: key.mark?.line, key: name, "the key appears twice")
                }
                entries.append(Entry(key: name, line: key.mark?.line ?? line, value: try convert(value, file: file)))
            }
            return .mapping(entries, line: line)
        case .alias:
            throw MappingError(.invalidValue, file: file, line: line, key: "", "YAML aliases (*name) are not supported")
        }
    }
}
