/// Why a destination could not be set up or a request could not be built.
///
/// Names the destination and the setting (`destinations.<name>.<key>`), never a secret's value.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// A setting of the destination is unusable (bad URL, path template, secret format, number).
        case invalidSetting
        /// The OAuth2 token endpoint did not hand out a token.
        case tokenRequest
        /// A folder destination could not write its file.
        case write
    }

    public var code: Code
    /// The destination's name.
    public var destination: String
    /// The setting concerned, e.g. `routes[load.tendered].path`, or the step (`token`, `write`).
    public var key: String
    /// What is wrong and what to do next; never a secret or event data.
    public var message: String

    public init(code: Code, destination: String, key: String, message: String) {
        self.code = code
        self.destination = destination
        self.key = key
        self.message = message
    }

    public var description: String { "\(code) at destinations.\(destination).\(key): \(message)" }
}
