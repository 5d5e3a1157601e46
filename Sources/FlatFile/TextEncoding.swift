/// The character encoding of a CSV or fixed-width file. (XML files say theirs in the declaration.)
///
/// Legacy hubs often write ISO 8859-1 or Windows-1252; both are read byte for byte, one character per
/// byte, so fixed-width offsets count bytes for them.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case isoLatin1 = "iso-8859-1"
    /// Windows-1252 as browsers read it: 0x80-0x9F are `€`, curly quotes and the like, and the five
    /// unassigned bytes map to the C1 controls of the same value.
    case windows1252 = "windows-1252"

    /// Decodes `bytes`; nil only for bytes that are not valid UTF-8 when the encoding is UTF-8.
    ///
    /// ASCII, the common case, goes through `String(decoding:as:)`, which is specialised for buffers; the
    /// generic `String(validating:as:)` costs a metadata lookup per call and is kept for the rest.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .isoLatin1, .windows1252:
            var result = String.UnicodeScalarView()
            for byte in bytes { result.append(scalar(byte)) }
            return String(result)
        }
    }

    /// Whether every character is one byte.
    var isSingleByte: Bool { self != .utf8 }

    private func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if self == .windows1252, (0x80...0x9F).contains(byte),
            let scalar = Unicode.Scalar(Self.windows1252High[Int(byte - 0x80)])
        {
            return scalar
        }
        return Unicode.Scalar(byte)
    }

    /// Windows-1252 0x80-0x9F.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
