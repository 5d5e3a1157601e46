extension ValidationEngine {
    /// Whether the next segment may be read in one pass (`onePassSegment`): inside a set with a table,
    /// when no segments are kept. Kept segments (inspect, translate) take the general path.
    var acceptsOnePass: Bool { inTransaction && validating && !options.keepSegments }

    /// Reads, places and checks the segment at `p` in one pass over its bytes, when that reports nothing:
    /// the tag is read, its place in the set found without changing the walk, each element checked as its
    /// separator is reached, and only then the walk moved on and the set's counts kept. Returns the
    /// segment's length (up to its terminator); nil when anything would be reported or is unusual (an
    /// envelope tag, a sub-separator, a line break, a byte outside printable ASCII, the terminator not
    /// before `limit`): nothing has changed then, and the reader hands the segment to the general path,
    /// which reports exactly what it always did.
    ///
    /// - Important: the byte at `limit` must be the terminator (class 16 in `classes`), so that the scan
    ///   needs no bounds test.
    @inline(__always)
    mutating func onePassSegment(
        _ p: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, classes: UnsafePointer<UInt8>, ordinal: Int,
        offset: Int64
    ) -> Int? {
        var q = p
        var c: UInt8
        while true {
            c = classes[Int(q.pointee)]
            if c != 0 { break }
            q += 1
        }
        let tagLength = p.distance(to: q)
        guard c == 1 || c == 16, tagLength > 0, tagLength <= 4 else { return nil }
        var tag: UInt32 = 0
        for k in 0..<tagLength { tag = (tag << 8) | UInt32(p[k]) }
        if SegmentTag.isEnvelope(tag) { return nil }
        // One mutating call: a non-mutating one on `validator!` copied the whole validator out first.
        guard let terminator = validator!.onePass(tag: tag, from: q, class: c, classes: classes, limit: limit)
        else { return nil }
        let length = p.distance(to: terminator)
        lastOrdinal = ordinal
        setSegmentCount += 1
        setLastEnd = offset + Int64(length)
        return length
    }
}
