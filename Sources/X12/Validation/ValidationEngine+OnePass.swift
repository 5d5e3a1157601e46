extension ValidationEngine {
    /// Whether the next segments may be read in one pass (`onePassSegments`): inside a set with a table,
    /// when no segments are kept. Kept segments (inspect, translate) take the general path.
    var acceptsOnePass: Bool { inTransaction && validating && !options.keepSegments }

    /// Reads, places and checks the segments from `p` on in one pass over their bytes, for as long as each
    /// reports nothing (see `TransactionValidator.onePass`), and keeps the set's counts for them. Returns how
    /// many segments were taken and where reading resumes: the first segment declined (an envelope tag,
    /// anything to report, an unusual byte, a terminator not before `limit`) is read by the general path,
    /// which reports exactly what it always did; nothing has changed for it.
    ///
    /// - Important: the byte at `limit` must be the terminator (class 16 in `classes`), so that the scan
    ///   needs no bounds test. `ordinal` is the reader's count before `p`, `offset` the file offset of `p`.
    @inline(__always)
    mutating func onePassSegments(
        _ p: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, classes: UnsafePointer<UInt8>, separator: UInt8,
        terminator: UInt8, ordinal: Int, offset: Int64
    ) -> (count: Int, next: UnsafePointer<UInt8>) {
        // One mutating call: a non-mutating one on `validator!` copied the whole validator out first.
        let run = validator!.onePass(from: p, limit: limit, classes: classes, separator: separator, terminator: terminator)
        if run.count > 0 {
            lastOrdinal = ordinal &+ run.count
            setSegmentCount &+= run.count
            setLastEnd = offset &+ Int64(p.distance(to: run.lastEnd))
        }
        return (run.count, run.next)
    }
}
