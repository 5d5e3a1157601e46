/// Something a mapping could not do for one transaction: a code its table lacks, a value of the wrong
/// kind, a required field left empty. Warnings keep the event; errors drop it (the transaction then counts
/// as not translated). Messages name keys and codes, never whole element values.
public struct MappingFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case warning, error }
    public var severity: Severity
    /// The mapping file's dotted key (`fields.status`).
    public var key: String
    public var message: String

    public init(_ severity: Severity, key: String, _ message: String) {
        self.severity = severity
        self.key = key
        self.message = message
    }

    public var description: String { "\(severity.rawValue) at \(key): \(message)" }
}
