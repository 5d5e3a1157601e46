public import Foundation
public import Mapping
import Transport

/// Everything `crossdock.yaml` says, checked: every reference resolves, every id is unique, every path is
/// absolute. Built only by `load`, which reports all mistakes at once.
public struct CrossdockConfiguration: Sendable {
    /// The file it was loaded from.
    public var file: URL
    public var store: StoreSettings
    /// Absolute path of the local spool folder.
    public var spool: String
    /// Absolute path of the mappings folder.
    public var mappings: String
    public var endpoints: [EndpointSettings]
    public var partners: [PartnerSettings]
    public var sources: [SourceSettings]
    public var destinations: [DestinationSettings]
    public var routes: [RouteSettings]
    /// Nil when the file has no `console` section: no admin API is served.
    public var console: ConsoleSettings?
    /// Where sources name mappings, for `check(mappings:)`.
    var mappingReferences: [MappingReference] = []

    /// Reads and checks `file`. `${NAME}` references are taken from `environment`.
    ///
    /// - Throws: `ConfigurationError` listing every mistake (file, line, key), in file order.
    public static func load(
        file: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> CrossdockConfiguration {
        let name = file.path
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(issues: [
                ConfigurationIssue(.unreadableFile, file: name, line: nil, key: "", "cannot read the file: \(error.localizedDescription)")
            ])
        }
        return try parse(text, file: file, environment: environment)
    }

    /// Checks configuration `text` as if it were the content of `file` (which names it in messages, and
    /// whose folder relative paths resolve against).
    public static func parse(
        _ text: String, file: URL, environment: [String: String]
    ) throws(ConfigurationError) -> CrossdockConfiguration {
        let folder = file.deletingLastPathComponent().standardizedFileURL
        let name = file.path
        let root: YAMLNode
        do {
            root = try YAMLNode.parse(text, file: name)
        } catch let error as MappingError {
            let code: ConfigurationIssue.Code = error.code == .invalidYAML ? .invalidYAML : .invalidValue
            // `*` starts a YAML alias; the likeliest cause is an unquoted "*" event pattern.
            let hint = error.message.contains("alias") ? " (quote a value that starts with '*': \"*\")" : ""
            throw ConfigurationError(issues: [ConfigurationIssue(code, file: name, line: error.line, key: error.key, error.message + hint)])
        } catch {
            throw ConfigurationError(issues: [ConfigurationIssue(.invalidYAML, file: name, line: nil, key: "", "\(error)")])
        }
        var decoder = ConfigurationDecoder(reader: ConfigurationReader(file: name, folder: folder, environment: environment))
        let decoded = decoder.decode(root, file: file)
        let issues = decoder.reader.issues
        guard var decoded, issues.isEmpty else {
            var ordered = issues.enumerated().map { ($0.offset, $0.element) }
            ordered.sort { ($0.1.line ?? 0, $0.0) < ($1.1.line ?? 0, $1.0) }
            throw ConfigurationError(issues: ordered.map(\.1))
        }
        decoded.mappingReferences = decoder.mappingReferences
        return decoded
    }

    /// Checks that every mapping a source names, and every body mapping an HTTP route names, is in `registry`
    /// (the mappings of `mappings`, loaded once by the caller), and that a source's mapping reads the source's
    /// format. Call it right after `load`, before starting anything.
    /// - Throws: `ConfigurationError`, one issue per mapping, with the line of the `mapping:` key.
    public func check(mappings registry: MappingRegistry) throws(ConfigurationError) {
        let plans = Dictionary(registry.plans.map { ($0.name, $0) }) { first, _ in first }
        var issues: [ConfigurationIssue] = []
        for reference in mappingReferences.sorted(by: { $0.line < $1.line }) {
            if reference.isBody {
                if registry.body(named: reference.name) == nil {
                    issues.append(ConfigurationIssue(
                        .unknownReference, file: file.path, line: reference.line, key: reference.key,
                        "no body mapping is named '\(reference.name)' under bodies/; the body mappings are: \(registry.bodies.map(\.name).sorted().joined(separator: ", "))"))
                }
                continue
            }
            guard let plan = plans[reference.name] else {
                issues.append(ConfigurationIssue(
                    .unknownReference, file: file.path, line: reference.line, key: reference.key,
                    "no mapping is named '\(reference.name)'; the mappings are: \(plans.keys.sorted().joined(separator: ", "))"))
                continue
            }
            if let format = reference.format, format != .auto, plan.applies.format != format.rawValue {
                issues.append(ConfigurationIssue(
                    .invalidValue, file: file.path, line: reference.line, key: reference.key,
                    "the mapping '\(reference.name)' reads \(plan.applies.format) files, but the source's format is \(format.rawValue)"))
            }
        }
        if !issues.isEmpty { throw ConfigurationError(issues: issues) }
    }
}
