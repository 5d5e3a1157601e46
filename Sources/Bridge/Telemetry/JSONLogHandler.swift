public import Delivery
public import Foundation
public import Logging

/// The stable metadata keys of Crossdock's logs. Values are identifiers and positions, never element
/// values of a partner's file.
public enum LogKey {
    public static let partner = "partner.id"
    public static let fileName = "file.name"
    public static let isa13 = "x12.isa13"
    public static let eventID = "event.id"
    public static let destination = "destination"
    public static let source = "source.id"
}

/// A swift-log handler that writes one JSON object per line: `timestamp` (ISO 8601, UTC, milliseconds),
/// `level`, `message`, `label`, then every metadata key as given (`partner.id`, `file.name`, `x12.isa13`,
/// `event.id`, `destination`, …). Keys are sorted, so lines are stable.
///
/// Secrets: a `Secret` prints as `<redacted>` wherever it is interpolated; on top of that, the handler
/// is given the configuration's secrets and replaces their text wherever it appears in a line (a token
/// passed through `exposedValue` by mistake, a URL carrying a password), so it never reaches the log.
///
/// Written by hand: swift-log ships no JSON handler, and the few packages that do are not kept here.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    public let label: String
    private let redactions: [String]
    private let sink: @Sendable (String) -> Void

    /// - Parameters:
    ///   - secrets: values that must never be written (the configuration's tokens and passwords).
    ///   - sink: receives each line without its newline; standard error by default.
    public init(
        label: String, redacting secrets: [Secret] = [], metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        // Very short values would redact ordinary words; configuration secrets are longer than this.
        self.redactions = secrets.map(\.exposedValue).filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    /// Writes `line` and a newline to standard error in one `write`.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Sets up swift-log with this handler for every logger of the process (once per process).
    public static func bootstrap(
        level: Logger.Level = .info, redacting secrets: [Secret] = [], metadataProvider: Logger.MetadataProvider? = nil
    ) {
        LoggingSystem.bootstrap(
            { label, provider in
                var handler = JSONLogHandler(label: label, redacting: secrets, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: metadataProvider)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        var object: [String: Any] = [:]
        for (key, value) in merged { object[key] = Self.json(value) }
        if let error = event.error { object["error"] = "\(error)" }
        object["timestamp"] = Self.timestamp(Date())
        object["level"] = event.level.rawValue
        object["message"] = event.message.description
        object["label"] = label
        sink(render(object))
    }

    func render(_ object: [String: Any]) -> String {
        var line: String
        if let data = try? JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            line = String(decoding: data, as: UTF8.self)
        } else {
            line = #"{"level":"error","message":"a log line could not be encoded as JSON"}"#
        }
        for secret in redactions {
            line = line.replacingOccurrences(of: Self.escaped(secret), with: "<redacted>")
            line = line.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return line
    }

    /// How `value` appears inside a JSON string (so a secret with a quote or a slash is still found).
    private static func escaped(_ value: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes]) else {
            return value
        }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst(2).dropLast(2))
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}
