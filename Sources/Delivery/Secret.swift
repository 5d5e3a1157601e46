/// A credential (password, token, key, connection string): its value is used on the wire and nowhere else.
///
/// `description`, `debugDescription`, string interpolation and `dump` print `<redacted>`, so a secret inside a
/// destination, an auth setting, a configuration or an error never reaches a log by accident. The
/// configuration (`Bridge`) uses this type too.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable,
    ExpressibleByStringLiteral
{
    /// The credential itself. Read it only to put it on the wire.
    public var value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The credential itself, for the one call that needs it (an HTTP header, a login). Never log it.
    public var exposedValue: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
