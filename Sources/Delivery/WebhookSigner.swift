import Crypto
import Foundation

/// Signs requests the Standard Webhooks way, so receivers can use any of its libraries to verify them.
///
/// Three headers: `webhook-id` (the event id: the same across retries), `webhook-timestamp` (Unix
/// seconds of this attempt) and `webhook-signature: v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`.
/// The key is the bytes of the base64 after `whsec_` in the configured secret.
public struct WebhookSigner: Sendable {
    /// The key bytes (`SymmetricKey` is not `Sendable`; one is made per signature).
    let key: [UInt8]

    /// - Throws: `WebhookSigner.Problem` when the secret is not `whsec_` followed by non-empty base64.
    ///   The message never repeats the secret.
    public init(secret: Secret) throws(WebhookSigner.Problem) {
        let text = secret.value
        guard text.hasPrefix("whsec_") else {
            throw Problem(message: "the signing secret must start with whsec_ followed by base64")
        }
        guard let bytes = Data(base64Encoded: String(text.dropFirst("whsec_".count))), !bytes.isEmpty else {
            throw Problem(message: "the signing secret after whsec_ is not base64")
        }
        key = Array(bytes)
    }

    /// The three headers for one request, in order: id, timestamp, signature.
    public func headers(id: String, timestamp: Int, body: some Sequence<UInt8>) -> [(name: String, value: String)] {
        [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", "v1," + signature(id: id, timestamp: timestamp, body: body)),
        ]
    }

    /// Base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>`.
    public func signature(id: String, timestamp: Int, body: some Sequence<UInt8>) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: key))
        mac.update(data: Array("\(id).\(timestamp).".utf8))
        mac.update(data: Array(body))
        return Data(mac.finalize()).base64EncodedString()
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
