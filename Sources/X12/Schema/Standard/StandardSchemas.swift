/// Namespaces for the standard's tables, one per version.
public enum V4010 {}
public enum V5010 {}

/// Every table Crossdock ships.
enum StandardSchemas {
    static let all: [TransactionSetSchema] = [
        V4010.ts204, V4010.ts214, V4010.ts210, V4010.ts990, V4010.ts997,
        V5010.ts204, V5010.ts214, V5010.ts210, V5010.ts990, V5010.ts997, V5010.ts999,
    ]

    /// Segment identifiers of the standard, for telling an unknown segment (AK304 1) from one that
    /// exists but does not belong in the set (AK304 6).
    static let knownSegmentIDs: [String: Set<String>] = [
        "004010": V4010.segmentIDs,
        "005010": V5010.segmentIDs,
    ]
}
