// 210 Motor Carrier Freight Details and Invoice, 004010. Table from the X12 004010 standard (positions, requirements, max use, loops).

extension V4010 {
    static let ts210 = TransactionSetSchema(
        id: "210", version: "004010", functionalID: "IM", name: "Motor Carrier Freight Details and Invoice",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "010")),
            .segment(SegmentUse(B3, .mandatory, max: 1, at: "020")),
            .segment(SegmentUse(C2, .optional, max: 1, at: "030")),
            .segment(SegmentUse(C3, .optional, max: 1, at: "040")),
            .segment(SegmentUse(ITD, .optional, max: 1, at: "050")),
            .segment(SegmentUse(N9, .optional, max: 300, at: "060")),
            .segment(SegmentUse(G62, .optional, max: 6, at: "070")),
            .segment(SegmentUse(R3, .optional, max: 12, at: "080")),
            .segment(SegmentUse(H3, .optional, max: 6, at: "090")),
            .segment(SegmentUse(K1, .optional, max: 10, at: "100")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N1, .optional, max: 1, at: "110")),
                        .segment(SegmentUse(N2, .optional, max: 1, at: "120")),
                        .segment(SegmentUse(N3, .optional, max: 2, at: "130")),
                        .segment(SegmentUse(N4, .optional, max: 1, at: "140")),
                        .segment(SegmentUse(N9, .optional, max: 5, at: "150")),
                    ])),
            .loop(
                LoopDefinition(
                    "0200", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N7, .optional, max: 1, at: "160")),
                        .segment(SegmentUse(M7, .optional, max: 2, at: "170")),
                    ])),
            .loop(
                LoopDefinition(
                    "0250", .optional, repeat: 999_999,
                    [
                        .segment(SegmentUse(SPO, .optional, max: 1, at: "180")),
                        .segment(SegmentUse(SDQ, .optional, max: 10, at: "185")),
                    ])),
            .loop(
                LoopDefinition(
                    "0300", .optional, repeat: 999,
                    [
                        .segment(SegmentUse(S5, .optional, max: 1, at: "010")),
                        .segment(SegmentUse(N9, .optional, max: 10, at: "020")),
                        .segment(SegmentUse(G62, .optional, max: 10, at: "030")),
                        .segment(SegmentUse(H3, .optional, max: 6, at: "040")),
                        .loop(
                            LoopDefinition(
                                "0305", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(SPO, .optional, max: 1, at: "045")),
                                    .segment(SegmentUse(SDQ, .optional, max: 10, at: "047")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0310", .optional, repeat: 2,
                                [
                                    .segment(SegmentUse(N1, .optional, max: 1, at: "050")),
                                    .segment(SegmentUse(N2, .optional, max: 1, at: "060")),
                                    .segment(SegmentUse(N3, .optional, max: 2, at: "070")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "080")),
                                    .segment(SegmentUse(N9, .optional, max: 5, at: "090")),
                                    .loop(
                                        LoopDefinition(
                                            "0320", .optional, repeat: 10,
                                            [
                                                .segment(SegmentUse(N7, .optional, max: 1, at: "100")),
                                                .segment(SegmentUse(M7, .optional, max: 2, at: "110")),
                                            ])),
                                ])),
                    ])),
            .loop(
                LoopDefinition(
                    "0400", .optional, repeat: 9999,
                    [
                        .segment(SegmentUse(LX, .optional, max: 1, at: "120")),
                        .segment(SegmentUse(N9, .optional, max: 5, at: "130")),
                        .segment(SegmentUse(POD, .optional, max: 1, at: "137")),
                        .segment(SegmentUse(L5, .optional, max: 30, at: "140")),
                        .segment(SegmentUse(H1, .optional, max: 3, at: "150")),
                        .segment(SegmentUse(H2, .optional, max: 2, at: "160")),
                        .segment(SegmentUse(L0, .optional, max: 10, at: "170")),
                        .segment(SegmentUse(L1, .optional, max: 10, at: "180")),
                        .segment(SegmentUse(L4, .optional, max: 10, at: "190")),
                        .segment(SegmentUse(L7, .optional, max: 10, at: "200")),
                        .segment(SegmentUse(K1, .optional, max: 10, at: "210")),
                        .loop(
                            LoopDefinition(
                                "0430", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(SPO, .optional, max: 1, at: "220")),
                                    .segment(SegmentUse(SDQ, .optional, max: 10, at: "230")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0460", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(N1, .optional, max: 1, at: "240")),
                                    .segment(SegmentUse(N2, .optional, max: 1, at: "250")),
                                    .segment(SegmentUse(N3, .optional, max: 2, at: "260")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "270")),
                                    .segment(SegmentUse(N9, .optional, max: 10, at: "280")),
                                    .loop(
                                        LoopDefinition(
                                            "0463", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(CD3, .optional, max: 1, at: "300")),
                                                .segment(SegmentUse(N9, .optional, max: 20, at: "310")),
                                                .segment(SegmentUse(H6, .optional, max: 10, at: "320")),
                                                .segment(SegmentUse(L9, .optional, max: 10, at: "330")),
                                                .segment(SegmentUse(POD, .optional, max: 1, at: "335")),
                                                .segment(SegmentUse(G62, .optional, max: 1, at: "340")),
                                            ])),
                                    .loop(
                                        LoopDefinition(
                                            "0465", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(SPO, .optional, max: 1, at: "350")),
                                                .segment(SegmentUse(SDQ, .optional, max: 10, at: "360")),
                                            ])),
                                ])),
                    ])),
            .segment(SegmentUse(L3, .optional, max: 1, at: "010")),
            .segment(SegmentUse(SE, .mandatory, max: 1, at: "020")),
        ])
}
