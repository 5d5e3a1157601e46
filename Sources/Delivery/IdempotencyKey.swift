import Canonical

/// The idempotency key of one event at one destination.
///
/// A name-based UUID (version 5, RFC 9562) over the destination name and the event id joined by U+001F,
/// in a namespace of its own: the same event sent to the same destination always carries the same key
/// (a retry, a replay, a restart after a crash), and two destinations never share one. A UUID because it
/// fits every API's key format (many cap keys at 64 or 255 characters, some demand a UUID).
public enum IdempotencyKey {
    /// The namespace of Crossdock idempotency keys (fixed forever; changing it changes every key).
    static let namespace: [UInt8] = [
        0x1f, 0x9a, 0x4c, 0x2e, 0x7b, 0x53, 0x4d, 0x08, 0xa6, 0x31, 0x5c, 0xe2, 0x90, 0x0d, 0x6b, 0x74,
    ]

    /// The key for `eventID` at `destination`, lowercase with hyphens.
    public static func make(eventID: String, destination: String) -> String {
        NameBasedUUID.v5(namespace: namespace, name: Array((destination + "\u{1F}" + eventID).utf8))
    }
}
