// 210 Motor Carrier Freight Details and Invoice, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts210 = TransactionSetSchema(
        id: "210", version: "005010", functionalID: "IM", name: "Motor Carrier Freight Details and Invoice",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(B3, .mandatory, max: 1, at: "0200")),
            .segment(SegmentUse(V4010.C2, .optional, max: 1, at: "0300")),
            .segment(SegmentUse(V4010.C3, .optional, max: 1, at: "0400")),
            .segment(SegmentUse(V4010.ITD, .optional, max: 1, at: "0500")),
            .segment(SegmentUse(L11, .optional, max: 300, at: "0600")),
            .segment(SegmentUse(V4010.G62, .optional, max: 6, at: "0700")),
            .segment(SegmentUse(V4010.R3, .optional, max: 12, at: "0800")),
            .segment(SegmentUse(V4010.H3, .optional, max: 6, at: "0900")),
            .segment(SegmentUse(V4010.K1, .optional, max: 10, at: "1000")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "1100")),
                        .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "1200")),
                        .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "1300")),
                        .segment(SegmentUse(N4, .optional, max: 1, at: "1400")),
                        .segment(SegmentUse(L11, .optional, max: 5, at: "1500")),
                    ])),
            .loop(
                LoopDefinition(
                    "0200", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N7, .optional, max: 1, at: "1600")),
                        .segment(SegmentUse(V4010.M7, .optional, max: 2, at: "1700")),
                    ])),
            .loop(
                LoopDefinition(
                    "0250", .optional, repeat: 999_999,
                    [
                        .segment(SegmentUse(OID, .optional, max: 1, at: "1800")),
                        .segment(SegmentUse(V4010.SDQ, .optional, max: 10, at: "1850")),
                    ])),
            .loop(
                LoopDefinition(
                    "0300", .optional, repeat: 999,
                    [
                        .segment(SegmentUse(V4010.S5, .optional, max: 1, at: "0100")),
                        .segment(SegmentUse(L11, .optional, max: 10, at: "0200")),
                        .segment(SegmentUse(V4010.G62, .optional, max: 10, at: "0300")),
                        .segment(SegmentUse(V4010.H3, .optional, max: 6, at: "0400")),
                        .loop(
                            LoopDefinition(
                                "0305", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(OID, .optional, max: 1, at: "0450")),
                                    .segment(SegmentUse(V4010.SDQ, .optional, max: 10, at: "0470")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0310", .optional, repeat: 2,
                                [
                                    .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "0500")),
                                    .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "0600")),
                                    .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "0700")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "0800")),
                                    .segment(SegmentUse(L11, .optional, max: 5, at: "0900")),
                                    .loop(
                                        LoopDefinition(
                                            "0320", .optional, repeat: 10,
                                            [
                                                .segment(SegmentUse(N7, .optional, max: 1, at: "1000")),
                                                .segment(SegmentUse(V4010.M7, .optional, max: 2, at: "1100")),
                                            ])),
                                ])),
                    ])),
            .loop(
                LoopDefinition(
                    "0400", .optional, repeat: .max,
                    [
                        .segment(SegmentUse(V4010.LX, .optional, max: 1, at: "1200")),
                        .segment(SegmentUse(L11, .optional, max: 20, at: "1300")),
                        .segment(SegmentUse(V4010.L5, .optional, max: 30, at: "1400")),
                        .segment(SegmentUse(V4010.H1, .optional, max: 3, at: "1500")),
                        .segment(SegmentUse(V4010.H2, .optional, max: 2, at: "1600")),
                        .segment(SegmentUse(V4010.L0, .optional, max: 10, at: "1700")),
                        .segment(SegmentUse(L1, .optional, max: 50, at: "1800")),
                        .segment(SegmentUse(V4010.L4, .optional, max: 10, at: "1900")),
                        .segment(SegmentUse(V4010.L7, .optional, max: 10, at: "2000")),
                        .segment(SegmentUse(V4010.K1, .optional, max: 10, at: "2100")),
                        .loop(
                            LoopDefinition(
                                "0430", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(OID, .optional, max: 1, at: "2200")),
                                    .segment(SegmentUse(V4010.SDQ, .optional, max: 10, at: "2300")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0460", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "2400")),
                                    .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "2500")),
                                    .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "2600")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "2700")),
                                    .segment(SegmentUse(L11, .optional, max: 10, at: "2800")),
                                    .loop(
                                        LoopDefinition(
                                            "0463", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(CD3, .optional, max: 1, at: "3000")),
                                                .segment(SegmentUse(L11, .optional, max: 20, at: "3100")),
                                                .segment(SegmentUse(V4010.H6, .optional, max: 10, at: "3200")),
                                                .segment(SegmentUse(V4010.L9, .optional, max: 50, at: "3300")),
                                                .segment(SegmentUse(V4010.POD, .optional, max: 1, at: "3350")),
                                                .segment(SegmentUse(V4010.G62, .optional, max: 1, at: "3400")),
                                            ])),
                                    .loop(
                                        LoopDefinition(
                                            "0465", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(OID, .optional, max: 1, at: "3500")),
                                                .segment(SegmentUse(V4010.SDQ, .optional, max: 10, at: "3600")),
                                            ])),
                                ])),
                    ])),
            .segment(SegmentUse(L3, .optional, max: 1, at: "0100")),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "0200")),
        ])
}
