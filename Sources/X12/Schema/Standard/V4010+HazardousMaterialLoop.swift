// The 204's hazardous material loops, which the standard repeats under every lading description (loops
// 0320 and 0360) in both 004010 and 005010 with the same segments and limits.

extension V4010 {
    /// A G61 loop (max 99) with its L11 (5) and LH6 (6), holding the LH1 detail loop (max 25) of LH2 (4),
    /// LH3 (10), LFH (20), LEP (3), LH4 (1) and LHT (3).
    ///
    /// - Parameters:
    ///   - id: The G61 loop's identifier, e.g. "0325".
    ///   - detailID: The LH1 loop's identifier, e.g. "0330".
    ///   - positions: The ten table positions, G61 first and LHT last.
    ///   - segments: The version's G61, L11, LH6, LH1, LH2, LH3, LFH, LEP, LH4 and LHT definitions, in that order.
    static func hazardousMaterialLoop(
        _ id: String, detail detailID: String, at positions: [String], segments: [SegmentDefinition]
    ) -> SchemaEntry {
        precondition(positions.count == 10 && segments.count == 10, "G61 through LHT")
        let maxUse = [1, 5, 6, 1, 4, 10, 20, 3, 1, 3]
        let uses = (0..<10).map {
            SchemaEntry.segment(SegmentUse(segments[$0], .optional, max: maxUse[$0], at: positions[$0]))
        }
        return .loop(
            LoopDefinition(
                id, .optional, repeat: 99,
                Array(uses[0..<3]) + [.loop(LoopDefinition(detailID, .optional, repeat: 25, Array(uses[3...])))]))
    }
}
