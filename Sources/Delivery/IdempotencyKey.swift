import Crypto

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
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array((destination + "\u{1F}" + eventID).utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = hex.utf8Start[Int(byte >> 4)]
                out[position + 1] = hex.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }
}
