// 999 Implementation Acknowledgment, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts999 = TransactionSetSchema(
        id: "999", version: "005010", functionalID: "FA", name: "Implementation Acknowledgment",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(AK1, .mandatory, max: 1, at: "0200")),
            .loop(
                LoopDefinition(
                    "2000", .optional, repeat: .max,
                    [
                        .segment(SegmentUse(AK2, .optional, max: 1, at: "0300")),
                        .loop(
                            LoopDefinition(
                                "2100", .optional, repeat: .max,
                                [
                                    .segment(SegmentUse(IK3, .optional, max: 1, at: "0400")),
                                    .segment(SegmentUse(CTX, .optional, max: 10, at: "0500")),
                                    .loop(
                                        LoopDefinition(
                                            "2110", .optional, repeat: .max,
                                            [
                                                .segment(SegmentUse(IK4, .optional, max: 1, at: "0600")),
                                                .segment(SegmentUse(CTX, .optional, max: 10, at: "0700")),
                                            ])),
                                ])),
                        .segment(SegmentUse(IK5, .mandatory, max: 1, at: "0800")),
                    ])),
            .segment(SegmentUse(AK9, .mandatory, max: 1, at: "0900")),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "1000")),
        ])
}
