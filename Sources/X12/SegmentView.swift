/// One segment as the reader sees it: its bytes (without terminator) and where each element starts.
///
/// - Important: a view borrows the reader's buffer. It is valid only inside the handler call that
///   received it; copy what you keep (`string(_:)`, `segment()`).
public struct SegmentView {
    /// The segment's bytes, tag first, without the terminator.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// `starts[i]` is the offset of element `i` (0 = the tag); `starts[elementCount + 1]` is `bytes.count + 1`.
    let starts: UnsafePointer<Int32>
    /// Number of data elements after the tag (trailing empty ones included, as written).
    public let elementCount: Int
    /// 1-based position counted from ISA.
    public let ordinal: Int
    /// Offset of the segment's first byte in the input.
    public let offset: Int64
    public let elementSeparator: UInt8
    public let componentSeparator: UInt8
    public let repetitionSeparator: UInt8?
    /// Whether any component or repetition separator occurs in the segment (lets simple elements skip
    /// looking for them).
    public let hasSubSeparators: Bool
    /// Whether every byte of the segment is printable ASCII (0x20...0x7E), as the reader saw while
    /// splitting: AN and ID values then need only their length checked.
    let isPrintableASCII: Bool

    init(
        bytes: UnsafeBufferPointer<UInt8>, starts: UnsafePointer<Int32>, elementCount: Int, ordinal: Int, offset: Int64,
        elementSeparator: UInt8, componentSeparator: UInt8, repetitionSeparator: UInt8?, hasSubSeparators: Bool,
        isPrintableASCII: Bool = false
    ) {
        self.isPrintableASCII = isPrintableASCII
        self.bytes = bytes
        self.starts = starts
        self.elementCount = elementCount
        self.ordinal = ordinal
        self.offset = offset
        self.elementSeparator = elementSeparator
        self.componentSeparator = componentSeparator
        self.repetitionSeparator = repetitionSeparator
        self.hasSubSeparators = hasSubSeparators
        let tagLength = Int(starts[1]) - 1
        var code: UInt32 = 0
        if tagLength <= 4 {
            for i in 0..<tagLength { code = (code << 8) | UInt32(bytes[i]) }
        } else {
            code = UInt32.max
        }
        tagCode = code
    }

    /// The segment identifier packed into an integer (`SegmentTag("N1")`), for fast dispatch. Packed once
    /// by the reader, since the validator and the reader both dispatch on it.
    public let tagCode: UInt32

    public var tag: String { string(0) }

    /// The bytes of element `index` (1-based; 0 is the tag). Empty when the element is absent.
    @inline(__always)
    public func element(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index <= elementCount else { return UnsafeBufferPointer(start: bytes.baseAddress, count: 0) }
        let start = Int(starts[index])
        let end = Int(starts[index + 1]) - 1
        return UnsafeBufferPointer(start: bytes.baseAddress! + start, count: end - start)
    }

    /// Whether element `index` (1-based) is present and not empty.
    @inline(__always)
    public func isPresent(_ index: Int) -> Bool {
        index <= elementCount && starts[index + 1] - starts[index] > 1
    }

    public func string(_ index: Int) -> String {
        String(decoding: element(index), as: UTF8.self)
    }

    public func isEmpty(_ index: Int) -> Bool { element(index).isEmpty }

    /// A copy that owns its data, split into repetitions and components.
    public func segment() -> Segment {
        var elements: [Element] = []
        elements.reserveCapacity(elementCount)
        // ISA's elements are fixed-width simple values; ISA11 and ISA16 hold the separators themselves.
        let isISA = tagCode == SegmentTag.ISA
        if elementCount > 0 {
            for i in 1...elementCount {
                elements.append(
                    isISA
                        ? Element(string(i))
                        : Element(parsing: element(i), component: componentSeparator, repetition: repetitionSeparator))
            }
        }
        return Segment(tag: tag, elements: elements)
    }
}

/// Segment identifiers as integers: up to four ASCII bytes, big-endian, so that `"N1"` and `"N1 "` differ.
public enum SegmentTag {
    @inlinable
    public static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard bytes.count <= 4 else { return UInt32.max }
        var v: UInt32 = 0
        for b in bytes { v = (v << 8) | UInt32(b) }
        return v
    }

    public static func pack(_ tag: String) -> UInt32 {
        var copy = Array(tag.utf8)
        return copy.withUnsafeMutableBufferPointer { pack(UnsafeBufferPointer($0)) }
    }

    // Envelope tags as literals: these are compared for every segment, so no lazy initialisation.
    public static let ISA: UInt32 = 0x49_53_41
    public static let IEA: UInt32 = 0x49_45_41
    public static let GS: UInt32 = 0x47_53
    public static let GE: UInt32 = 0x47_45
    public static let ST: UInt32 = 0x53_54
    public static let SE: UInt32 = 0x53_45
    public static let TA1: UInt32 = 0x54_41_31
    public static let ISB: UInt32 = 0x49_53_42
    public static let ISE: UInt32 = 0x49_53_45

    /// Whether `tag` is one of the envelope and control segments above (the validator's special cases).
    @inline(__always)
    static func isEnvelope(_ tag: UInt32) -> Bool {
        switch tag {
        case ISA, IEA, GS, GE, ST, SE, TA1, ISB, ISE: return true
        default: return false
        }
    }
}
