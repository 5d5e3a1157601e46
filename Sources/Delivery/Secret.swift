/// A credential: its value is used on the wire and nowhere else.
///
/// `description`, `debugDescription` and string interpolation print `<redacted>`, so a secret inside a
/// destination, an auth setting or an error never reaches a log by accident.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    ExpressibleByStringLiteral
{
    /// The credential itself. Read it only to put it on the wire.
    public var value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
