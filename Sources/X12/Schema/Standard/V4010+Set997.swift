// 997 Functional Acknowledgment, 004010. Table from the X12 004010 standard (positions, requirements, max use, loops).

extension V4010 {
    static let ts997 = TransactionSetSchema(
        id: "997", version: "004010", functionalID: "FA", name: "Functional Acknowledgment",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "010")),
            .segment(SegmentUse(AK1, .mandatory, max: 1, at: "020")),
            .loop(
                LoopDefinition(
                    "AK2", .optional, repeat: 999_999,
                    [
                        .segment(SegmentUse(AK2, .optional, max: 1, at: "030")),
                        .loop(
                            LoopDefinition(
                                "AK3", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(AK3, .optional, max: 1, at: "040")),
                                    .segment(SegmentUse(AK4, .optional, max: 99, at: "050")),
                                ])),
                        .segment(SegmentUse(AK5, .mandatory, max: 1, at: "060")),
                    ])),
            .segment(SegmentUse(AK9, .mandatory, max: 1, at: "070")),
            .segment(SegmentUse(SE, .mandatory, max: 1, at: "080")),
        ])
}
