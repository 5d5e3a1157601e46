import Crypto

/// Name-based UUIDs (version 5, SHA-1, RFC 9562): event ids and idempotency keys.
public enum NameBasedUUID {
    /// The UUIDv5 of `name` in `namespace` (16 bytes), lowercase with hyphens.
    public static func v5(namespace: [UInt8], name: [UInt8]) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: name)
        return v5(finishing: hasher)
    }

    /// The UUIDv5 whose namespace and name `hasher` has hashed.
    static func v5(finishing hasher: Insecure.SHA1) -> String {
        // 8-4-4-4-12 hex digits of the digest's first 16 bytes, written into 36 bytes at once, straight
        // from the digest (no arrays: this runs once per event).
        let digits: StaticString = "0123456789abcdef"
        return hasher.finalize().withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 36) { text in
                var at = 0
                for i in 0..<16 {
                    var byte = digest[i]
                    if i == 6 { byte = (byte & 0x0F) | 0x50 }
                    if i == 8 { byte = (byte & 0x3F) | 0x80 }
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = digits.utf8Start[Int(byte >> 4)]
                    text[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
}
