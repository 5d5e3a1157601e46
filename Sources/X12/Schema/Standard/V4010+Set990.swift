// 990 Response to a Load Tender, 004010. Table from the X12 004010 standard (positions, requirements, max use, loops).

extension V4010 {
    static let ts990 = TransactionSetSchema(
        id: "990", version: "004010", functionalID: "GF", name: "Response to a Load Tender",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "010")),
            .segment(SegmentUse(B1, .mandatory, max: 1, at: "020")),
            .segment(SegmentUse(N9, .optional, max: 1, at: "030")),
            .segment(SegmentUse(G62, .optional, max: 6, at: "035")),
            .segment(SegmentUse(N7, .optional, max: 1, at: "036")),
            .segment(SegmentUse(L9, .optional, max: 40, at: "040")),
            .segment(SegmentUse(V9, .optional, max: 10, at: "050")),
            .segment(SegmentUse(K1, .optional, max: 10, at: "060")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 999,
                    [
                        .segment(SegmentUse(S5, .optional, max: 1, at: "065")),
                        .segment(SegmentUse(N9, .optional, max: 10, at: "066")),
                        .segment(SegmentUse(G62, .optional, max: 10, at: "067")),
                        .segment(SegmentUse(K1, .optional, max: 10, at: "068")),
                    ])),
            .segment(SegmentUse(SE, .mandatory, max: 1, at: "070")),
        ])
}
