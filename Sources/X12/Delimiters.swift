/// The separators of one interchange, read from its ISA segment.
///
/// Delimiters hold from an ISA up to and including its IEA; the next ISA may change them.
/// The segment terminator is a short byte string: one byte in most files, but a UTF-8 encoded
/// character in some real ones (`Ö` as C3 96, U+FFFD as EF BF BD).
public struct Delimiters: Sendable, Hashable {
    public var element: UInt8
    public var component: UInt8
    /// ISA11 when the interchange version is 00403 or later; `nil` before that (ISA11 is then the literal `U`).
    public var repetition: UInt8?
    public var segmentTerminator: [UInt8]
    /// Bytes written after each terminator for readability (`"\n"`, `"\r\n"` or nothing).
    public var suffix: [UInt8]

    public init(element: UInt8, component: UInt8, repetition: UInt8?, segmentTerminator: [UInt8], suffix: [UInt8] = []) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.segmentTerminator = segmentTerminator
        self.suffix = suffix
    }

    /// `*`, `:`, `^` (from 00403 on), `~`, with a newline after each segment.
    public static func standard(version: String = "00401") -> Delimiters {
        Delimiters(
            element: UInt8(ascii: "*"), component: UInt8(ascii: ":"),
            repetition: version >= "00403" ? UInt8(ascii: "^") : nil,
            segmentTerminator: [UInt8(ascii: "~")], suffix: [UInt8(ascii: "\n")])
    }

    /// Whether `byte` is one of the structural separators (the first byte of the terminator counts).
    @inline(__always)
    func isSeparator(_ byte: UInt8) -> Bool {
        byte == element || byte == component || byte == repetition || byte == segmentTerminator[0]
    }

    /// The delimiters must be distinct and must not be letters or digits.
    var conflicts: [String] {
        var problems: [String] = []
        let named: [(String, UInt8?)] = [
            ("element separator", element), ("component separator", component),
            ("repetition separator", repetition), ("segment terminator", segmentTerminator.first),
        ]
        for (i, (name, byte)) in named.enumerated() {
            guard let byte else { continue }
            if Delimiters.isAlphanumeric(byte) { problems.append("\(name) is a letter or digit") }
            for (otherName, other) in named[(i + 1)...] where other == byte {
                problems.append("\(name) and \(otherName) are the same byte")
            }
        }
        return problems
    }

    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
