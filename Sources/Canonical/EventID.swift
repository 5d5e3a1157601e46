import Crypto

/// Deterministic event ids: a name-based UUID (version 5, SHA-1, RFC 9562) over the event's lineage.
///
/// The name is partner, ISA13, GS06, ST02, transaction index and event index joined by U+001F (for flat
/// files: partner, file SHA-256, record index and event index), so re-reading the same transaction yields
/// the same id, and the id is the idempotency key downstream.
public enum EventID {
    /// The namespace UUID of Crossdock event ids (fixed forever; changing it changes every id).
    public static let namespace: [UInt8] = [
        0x6c, 0x3f, 0x0b, 0x59, 0x5e, 0x1d, 0x4a, 0x7e, 0x9d, 0x52, 0x3e, 0x0c, 0x8a, 0x11, 0x47, 0xd2,
    ]

    /// The id of the event `lineage` describes.
    public static func derive(from lineage: Lineage) -> String {
        var name = transactionName(lineage)
        name += String(lineage.eventIndex).utf8
        return uuid5(nameBytes: name)
    }

    /// The name's bytes up to the event index: every part joined by U+001F as it comes (no array of parts:
    /// this runs once per transaction or event), the transaction index's separator included.
    static func transactionName(_ lineage: Lineage) -> [UInt8] {
        var name: [UInt8] = []
        name.reserveCapacity(128)
        func part(_ text: String) {
            name += text.utf8
            name.append(0x1F)
        }
        if lineage.format == "x12" {
            part("x12")
            part(lineage.partner)
            part(lineage.isa13 ?? "")
            part(lineage.gs06 ?? "")
            part(lineage.st02 ?? "")
        } else {
            part(lineage.format)
            part(lineage.partner)
            part(lineage.fileSha256)
        }
        part(String(lineage.transactionIndex))
        return name
    }

    /// The ids of one transaction's events, which differ only in the event index: the name up to it is
    /// hashed once (`derive(from:)` hashes the whole name, namespace and all, per event).
    public struct Prefix {
        private let hasher: Insecure.SHA1

        /// For the events of `lineage`'s transaction (its event index is not read).
        public init(_ lineage: Lineage) {
            let name = transactionName(lineage)
            var hasher = Insecure.SHA1()
            hasher.update(data: namespace)
            hasher.update(data: name)
            self.hasher = hasher
        }

        /// `derive(from:)` of the lineage with this event index.
        public func id(eventIndex: Int) -> String {
            var hasher = hasher
            var digits = String(eventIndex)
            digits.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            return NameBasedUUID.v5(finishing: hasher)
        }
    }

    /// RFC 9562 UUIDv5 of `name` in `namespace`, lowercase with hyphens.
    public static func uuid5(name: String) -> String { uuid5(nameBytes: Array(name.utf8)) }

    static func uuid5(nameBytes: [UInt8]) -> String { NameBasedUUID.v5(namespace: namespace, name: nameBytes) }
}

/// Lowercase hex of `bytes`, two digits each.
func hexString<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    bytes.map { byte in
        let s = String(byte, radix: 16)
        return s.count == 1 ? "0" + s : s
    }.joined()
}
