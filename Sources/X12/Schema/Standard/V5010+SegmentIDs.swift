// Segment identifiers of the X12 005010 standard: the 004010 directory plus the segments 005010 introduced
// that Crossdock's sets and acknowledgments use or that the 005010 set tables reference.

extension V5010 {
    static let segmentIDs: Set<String> = V4010.segmentIDs.union([
        "IK3", "IK4", "IK5", "CTX",  // 999 Implementation Acknowledgment
        "APE", "SPE",  // 993
        "EQD", "TRL",  // 228, 227
    ])
}
