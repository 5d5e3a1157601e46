/// Serialises segments with chosen delimiters.
///
/// Values are written as they are; a value that contains one of the delimiters cannot be written
/// faithfully and is refused rather than silently corrupting the interchange.
public struct X12Writer: Sendable {
    public var delimiters: Delimiters

    public init(delimiters: Delimiters) { self.delimiters = delimiters }

    public struct DelimiterInData: Error, Sendable, CustomStringConvertible {
        public var tag: String
        public var element: Int
        public var description: String { "\(tag)\(element < 10 ? "0" : "")\(element) contains a delimiter and cannot be written" }
    }

    /// One segment, its terminator and the readability suffix.
    public func write(_ segment: Segment, into out: inout [UInt8]) throws {
        out.append(contentsOf: segment.tag.utf8)
        let isISA = segment.tag == "ISA"
        for (i, element) in segment.elements.enumerated() {
            out.append(delimiters.element)
            if isISA {
                // ISA11 and ISA16 carry the delimiters themselves.
                switch i + 1 {
                case 11 where delimiters.repetition != nil: out.append(delimiters.repetition!)
                case 16: out.append(delimiters.component)
                default: try append(element.value, tag: segment.tag, element: i + 1, to: &out)
                }
                continue
            }
            for (r, repetition) in element.repetitions.enumerated() {
                if r > 0 {
                    guard let rep = delimiters.repetition else { throw DelimiterInData(tag: segment.tag, element: i + 1) }
                    out.append(rep)
                }
                for (c, component) in repetition.enumerated() {
                    if c > 0 { out.append(delimiters.component) }
                    try append(component, tag: segment.tag, element: i + 1, to: &out)
                }
            }
        }
        out.append(contentsOf: delimiters.segmentTerminator)
        out.append(contentsOf: delimiters.suffix)
    }

    public func write(_ segments: [Segment]) throws -> [UInt8] {
        var out: [UInt8] = []
        for segment in segments { try write(segment, into: &out) }
        return out
    }

    private func append(_ value: String, tag: String, element: Int, to out: inout [UInt8]) throws {
        let first = delimiters.segmentTerminator[0]
        for b in value.utf8 {
            if b == delimiters.element || b == delimiters.component || b == delimiters.repetition || b == first {
                throw DelimiterInData(tag: tag, element: element)
            }
            out.append(b)
        }
    }
}

/// A file's interchanges as flat lists of segments (ISA to IEA), with the delimiters each declared.
/// The form the writer round-trips: `X12Document.parse(write(doc)) == doc`.
public struct X12Document: Sendable, Hashable {
    public struct Interchange: Sendable, Hashable {
        public var delimiters: Delimiters
        public var segments: [Segment]
    }

    public var interchanges: [Interchange]

    public init(interchanges: [Interchange]) { self.interchanges = interchanges }

    /// Reads every segment of every interchange (no validation).
    public static func parse(_ source: any ByteSource, fileName: String = "-") throws -> X12Document {
        var collector = Collector()
        try X12Reader(source: source, fileName: fileName).run(&collector)
        return X12Document(interchanges: collector.interchanges)
    }

    public static func parse(_ bytes: [UInt8]) throws -> X12Document { try parse(MemorySource(bytes)) }

    /// Writes every interchange, each with `delimiters` when given, else with its own.
    public func write(delimiters: Delimiters? = nil) throws -> [UInt8] {
        var out: [UInt8] = []
        for interchange in interchanges {
            let writer = X12Writer(delimiters: delimiters ?? interchange.delimiters)
            for segment in interchange.segments { try writer.write(segment, into: &out) }
        }
        return out
    }

    struct Collector: SegmentHandler {
        var interchanges: [Interchange] = []
        mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) {
            interchanges.append(Interchange(delimiters: delimiters, segments: []))
        }
        mutating func segment(_ view: SegmentView) { interchanges[interchanges.count - 1].segments.append(view.segment()) }
        mutating func note(_ note: ReaderNote) {}
        mutating func endOfInput(insideInterchange: Bool, offset: Int64) {}
    }
}
