/// One mistake in `crossdock.yaml`: which file, line and key, and what to do about it. Messages never
/// hold a secret, nor any value that came from the environment.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unreadableFile, invalidYAML, unknownKey, missingKey, wrongType, invalidValue
        case unknownReference, duplicateID, missingVariable, unsupported, unsafe
    }

    public var code: Code
    /// The configuration file as it was given to `load`.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The dotted key the mistake is under (`partners[0].ack.target`), empty for the whole file.
    public var key: String
    public var message: String

    public init(_ code: Code, file: String, line: Int?, key: String, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `crossdock.yaml:12 at sources[0].endpoint: unknownReference: no endpoint named 'x'; ...`
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if !key.isEmpty { place += (place.isEmpty ? "" : " ") + "at \(key)" }
        return "\(place): \(code.rawValue): \(message)"
    }
}

/// Every mistake found in a configuration file, all at once. Crossdock refuses to start with any.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// In file order (by line), then in the order they were found.
    public var issues: [ConfigurationIssue]

    public init(issues: [ConfigurationIssue]) { self.issues = issues }

    public var description: String {
        let count = issues.count == 1 ? "1 mistake" : "\(issues.count) mistakes"
        return (["the configuration has \(count); Crossdock will not start until they are fixed:"]
            + issues.map { "  " + $0.description }).joined(separator: "\n")
    }
}
