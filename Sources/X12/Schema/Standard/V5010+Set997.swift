// 997 Functional Acknowledgment, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts997 = TransactionSetSchema(
        id: "997", version: "005010", functionalID: "FA", name: "Functional Acknowledgment",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(AK1, .mandatory, max: 1, at: "0200")),
            .loop(
                LoopDefinition(
                    "AK2", .optional, repeat: .max,
                    [
                        .segment(SegmentUse(AK2, .optional, max: 1, at: "0300")),
                        .loop(
                            LoopDefinition(
                                "AK3", .optional, repeat: .max,
                                [
                                    .segment(SegmentUse(AK3, .optional, max: 1, at: "0400")),
                                    .segment(SegmentUse(AK4, .optional, max: 99, at: "0500")),
                                ])),
                        .segment(SegmentUse(AK5, .mandatory, max: 1, at: "0600")),
                    ])),
            .segment(SegmentUse(AK9, .mandatory, max: 1, at: "0700")),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "0800")),
        ])
}
