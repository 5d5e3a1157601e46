// 214 Transportation Carrier Shipment Status Message, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts214 = TransactionSetSchema(
        id: "214", version: "005010", functionalID: "QM", name: "Transportation Carrier Shipment Status Message",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(B10, .mandatory, max: 1, at: "0200")),
            .segment(SegmentUse(V4010.MS3, .optional, max: 12, at: "0300")),
            .loop(
                LoopDefinition(
                    "1000", .mandatory, repeat: 999_999,
                    [
                        .segment(SegmentUse(V4010.LX, .mandatory, max: 1, at: "0100")),
                        .segment(SegmentUse(L11, .optional, max: 999, at: "0200")),
                        .segment(SegmentUse(V4010.MAN, .optional, max: 9999, at: "0300")),
                        .segment(SegmentUse(V4010.Q7, .optional, max: 10, at: "0400")),
                        .segment(SegmentUse(V4010.K1, .optional, max: 10, at: "0500")),
                        .segment(SegmentUse(AT5, .optional, max: 10, at: "0600")),
                        .segment(SegmentUse(V4010.AT8, .optional, max: 10, at: "0700")),
                        .loop(
                            LoopDefinition(
                                "1100", .mandatory, repeat: 10,
                                [
                                    .segment(SegmentUse(AT7, .mandatory, max: 1, at: "0800")),
                                    .segment(SegmentUse(MS1, .optional, max: 1, at: "0900")),
                                    .segment(SegmentUse(MS2, .optional, max: 2, at: "1000")),
                                    .segment(SegmentUse(V4010.K1, .optional, max: 1, at: "1100")),
                                    .segment(SegmentUse(V4010.M7, .optional, max: 1, at: "1200")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "1200", .optional, repeat: 5,
                                [
                                    .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "1300")),
                                    .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "1400")),
                                    .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "1500")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "1600")),
                                    .segment(SegmentUse(V4010.G62, .optional, max: 1, at: "1700")),
                                    .segment(SegmentUse(L11, .optional, max: 10, at: "1800")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "1300", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(OID, .optional, max: 1, at: "1900")),
                                    .segment(SegmentUse(V4010.SDQ, .optional, max: 10, at: "2000")),
                                ])),
                    ])),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "2100")),
        ])
}
