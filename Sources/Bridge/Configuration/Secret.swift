/// A password, token, key or connection string from the configuration. It prints as `<redacted>`
/// everywhere (`description`, `debugDescription`, `dump`, string interpolation), so that a log line or
/// an error that holds one by mistake still shows nothing; only `exposedValue` gives the text.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself, for the one call that needs it (an HTTP header, a login). Never log it.
    public var exposedValue: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
