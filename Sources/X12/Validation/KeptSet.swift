/// One transaction set's segments as the validator keeps them for mapping (`keepSegments`): the set's bytes
/// in one buffer and flat arrays over them, instead of a loop tree of owned strings.
///
/// Per segment: its packed tag, where its bytes are, where its element offsets are, its innermost loop
/// instance. Per element: its offset within the segment (the reader's own table, copied). Per loop
/// instance: its id, its parent, its first and last segment. Bytes are copied as segments pass, so chunk
/// boundaries of the input do not matter.
///
/// The validator reuses one `KeptSet` for the next set when nothing else holds it (the usual case: a
/// translator maps the set and lets go of it), so a stream of sets allocates nothing in steady state. A
/// result that is held (collected, reported) keeps its own: the validator then starts a fresh one. The
/// loop tree of `TransactionResult.body` is built from it on demand (`loopTree()`).
public final class KeptSet: @unchecked Sendable {
    // @unchecked: changed only by the validator that built it, at the end of a later set and only while
    // nothing else holds a strong reference to it (`ValidationEngine.finishKeeping`, which hands it to
    // `KeptSetBuilder.finish(into:)`); whoever holds it sees it complete and unchanged.

    /// One kept segment.
    public struct KeptSegment: Sendable {
        /// The tag's bytes packed as `KeptSet.pack` packs them (first byte lowest).
        public var tag: UInt64
        /// The segment's bytes (tag first, no terminator) are `bytes[start..<start + length]`.
        public var start: Int32
        public var length: Int32
        /// Element `i`'s offset within the segment (0 = the tag) is `elementStarts[starts + i]`, for `i` in
        /// `0...elementCount + 1`; the last entry is `length + 1`, as in the reader's table.
        public var starts: Int32
        public var elementCount: Int32
        /// The innermost loop instance the segment sits in (an index into `loops`), -1 for the set's own level.
        public var loop: Int32
        /// 1-based position counted from ISA, and the offset of the segment's first byte in the input.
        public var ordinal: Int
        public var offset: Int64
    }

    /// One loop instance (one iteration of a schema loop).
    public struct KeptLoop: Sendable {
        /// The schema's loop id (`0100`), and packed as `KeptSet.pack` packs it.
        public var id: String
        public var packedID: UInt64
        /// The enclosing loop instance, -1 for the set's own level.
        public var parent: Int32
        /// The first and last segment inside it (nested loops included), indexes into `segments`.
        public var firstSegment: Int32
        public var lastSegment: Int32
        /// The validator's serial of this iteration.
        var serial: Int
    }

    public fileprivate(set) var bytes: [UInt8] = []
    public fileprivate(set) var segments: [KeptSegment] = []
    public fileprivate(set) var elementStarts: [Int32] = []
    public fileprivate(set) var loops: [KeptLoop] = []
    public fileprivate(set) var elementSeparator: UInt8 = 0x2A
    public fileprivate(set) var componentSeparator: UInt8 = 0x3E
    public fileprivate(set) var repetitionSeparator: UInt8?

    /// A set with no segments (a result kept without them); never changed.
    public static let empty = KeptSet()

    init() {}

    /// Up to 8 ASCII bytes as one integer (first byte lowest); longer names pack to `UInt64.max`.
    @inlinable
    public static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count <= 8 else { return UInt64.max }
        var packed: UInt64 = 0
        for i in 0..<bytes.count { packed |= UInt64(bytes[i]) << UInt64(8 * i) }
        return packed
    }

    // MARK: Reading

    /// The byte range in `bytes` of element `position` (1-based) of segment `index`, component `component`
    /// of repetition `repetition` (both 1-based): what `Element.component(_:repetition:)` of the parsed
    /// segment holds. Empty when absent.
    public func range(segment index: Int, position: Int, component: Int, repetition: Int) -> Range<Int> {
        let segment = segments[index]
        guard position >= 1, position <= Int(segment.elementCount) else { return 0..<0 }
        let base = Int(segment.start)
        let lower = base + Int(elementStarts[Int(segment.starts) + position])
        let upper = base + Int(elementStarts[Int(segment.starts) + position + 1]) - 1
        return bytes.withUnsafeBufferPointer { bytes in
            KeptSet.part(
                of: lower..<upper, in: bytes, component: component, repetition: repetition,
                componentSeparator: componentSeparator, repetitionSeparator: repetitionSeparator)
        }
    }

    /// Component `component` of repetition `repetition` (1-based) of the element `element` of `bytes`, as
    /// `Element(parsing:component:repetition:)` splits it; an empty range when absent.
    @inlinable
    public static func part(
        of element: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, component: Int, repetition: Int,
        componentSeparator: UInt8, repetitionSeparator: UInt8?
    ) -> Range<Int> {
        var lower = element.lowerBound, upper = element.upperBound
        if let separator = repetitionSeparator, bytes[lower..<upper].contains(separator) {
            guard let piece = nth(repetition, of: lower..<upper, in: bytes, separator: separator) else { return 0..<0 }
            (lower, upper) = (piece.lowerBound, piece.upperBound)
        } else if repetition != 1 {
            return 0..<0
        }
        if component == 1, !bytes[lower..<upper].contains(componentSeparator) { return lower..<upper }
        return nth(component, of: lower..<upper, in: bytes, separator: componentSeparator) ?? 0..<0
    }

    /// The `n`th (1-based) piece of `range` split at `separator`, empty pieces counted.
    @inlinable
    static func nth(
        _ n: Int, of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8
    ) -> Range<Int>? {
        guard n >= 1 else { return nil }
        var start = range.lowerBound
        var count = 1
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == separator {
                if count == n { return start..<i }
                count += 1
                start = i + 1
            }
            i += 1
        }
        return count == n ? start..<range.upperBound : nil
    }

    /// The segment `index` parsed into owned values, as `SegmentView.segment()` gives it.
    public func segment(_ index: Int) -> Segment {
        let entry = segments[index]
        return bytes.withUnsafeBufferPointer { bytes in
            elementStarts.withUnsafeBufferPointer { starts in
                SegmentView(
                    bytes: UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.length)]),
                    starts: starts.baseAddress! + Int(entry.starts), elementCount: Int(entry.elementCount),
                    ordinal: entry.ordinal, offset: entry.offset, elementSeparator: elementSeparator,
                    componentSeparator: componentSeparator, repetitionSeparator: repetitionSeparator,
                    hasSubSeparators: true
                ).segment()
            }
        }
    }

    /// The set as a loop tree, exactly as the validator built `TransactionResult.body` before it kept
    /// segments this way: each loop instance holds its segments and nested instances in file order.
    public func loopTree() -> [TransactionNode] {
        var root: [TransactionNode] = []
        var stack: [(loop: Int32, children: [TransactionNode])] = []
        var chain: [Int32] = []
        func closeLast() {
            let last = stack.removeLast()
            let node = TransactionNode.loop(LoopInstance(id: loops[Int(last.loop)].id, children: last.children))
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].children.append(node) }
        }
        for index in segments.indices {
            let entry = segments[index]
            // The segment's loop instances, outermost first.
            chain.removeAll(keepingCapacity: true)
            var loop = entry.loop
            while loop >= 0 {
                chain.append(loop)
                loop = loops[Int(loop)].parent
            }
            chain.reverse()
            var keep = 0
            while keep < stack.count, keep < chain.count, stack[keep].loop == chain[keep] { keep += 1 }
            while stack.count > keep { closeLast() }
            for loop in chain[keep...] { stack.append((loop, [])) }
            let record = TransactionNode.segment(
                SegmentRecord(
                    segment: segment(index), ordinal: entry.ordinal, position: index + 1, offset: entry.offset))
            if stack.isEmpty { root.append(record) } else { stack[stack.count - 1].children.append(record) }
        }
        while !stack.isEmpty { closeLast() }
        return root
    }
}

/// Builds a set's `KeptSet` as its segments pass. A value held by the validator, so that each segment's
/// appends are checked statically: as properties of the class, every append paid dynamic exclusivity checks
/// (seven per segment, more than the copying). The arrays move into a `KeptSet` when the set ends, and
/// come back (emptied, capacity kept) from the last one when nothing holds it any more.
struct KeptSetBuilder {
    private var bytes: [UInt8] = []
    private var segments: [KeptSet.KeptSegment] = []
    private var elementStarts: [Int32] = []
    private var loops: [KeptSet.KeptLoop] = []
    private var separators: (element: UInt8, component: UInt8, repetition: UInt8?) = (0x2A, 0x3E, nil)
    /// The open loop instances, outermost first (indexes into `loops`), while the set is read.
    private var open: [Int32] = []

    var openCount: Int { open.count }

    func openSerial(_ depth: Int) -> Int { loops[Int(open[depth])].serial }

    /// Closes the open loop instances deeper than `depth` (before the segment about to be added).
    mutating func closeLoops(keeping depth: Int) {
        while open.count > depth {
            let last = Int(open.removeLast())
            loops[last].lastSegment = Int32(segments.count - 1)
        }
    }

    /// Opens a loop instance inside the innermost open one.
    mutating func openLoop(id: String, serial: Int) {
        var packed = UInt64.max
        var id = id
        id.withUTF8 { packed = KeptSet.pack($0) }
        loops.append(
            KeptSet.KeptLoop(
                id: id, packedID: packed, parent: open.last ?? -1, firstSegment: Int32(segments.count),
                lastSegment: Int32(segments.count), serial: serial))
        open.append(Int32(loops.count - 1))
    }

    /// Copies `view` in, inside the innermost open loop instance.
    mutating func append(_ view: SegmentView) {
        if segments.isEmpty {
            separators = (view.elementSeparator, view.componentSeparator, view.repetitionSeparator)
        }
        let start = bytes.count
        bytes.append(contentsOf: view.bytes)
        let starts = elementStarts.count
        elementStarts.append(contentsOf: UnsafeBufferPointer(start: view.starts, count: view.elementCount + 2))
        let tagLength = max(Int(view.starts[1]) - 1, 0)
        segments.append(
            KeptSet.KeptSegment(
                tag: KeptSet.pack(UnsafeBufferPointer(start: view.bytes.baseAddress, count: tagLength)),
                start: Int32(start), length: Int32(view.bytes.count), starts: Int32(starts),
                elementCount: Int32(view.elementCount), loop: open.last ?? -1, ordinal: view.ordinal,
                offset: view.offset))
    }

    /// Ends the set: its arrays move into `kept` (whose old arrays come back here, emptied).
    mutating func finish(into kept: KeptSet) {
        closeLoops(keeping: 0)
        swap(&bytes, &kept.bytes)
        swap(&segments, &kept.segments)
        swap(&elementStarts, &kept.elementStarts)
        swap(&loops, &kept.loops)
        (kept.elementSeparator, kept.componentSeparator, kept.repetitionSeparator) = separators
        bytes.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        elementStarts.removeAll(keepingCapacity: true)
        loops.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
    }

    /// Empties the set without handing it over (a set whose segments were not asked for).
    mutating func discard() {
        bytes.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        elementStarts.removeAll(keepingCapacity: true)
        loops.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
    }
}
