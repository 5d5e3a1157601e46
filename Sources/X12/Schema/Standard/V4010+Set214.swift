// 214 Transportation Carrier Shipment Status Message, 004010. Table from the X12 004010 standard (positions, requirements, max use, loops).

extension V4010 {
    static let ts214 = TransactionSetSchema(
        id: "214", version: "004010", functionalID: "QM", name: "Transportation Carrier Shipment Status Message",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "010")),
            .segment(SegmentUse(B10, .mandatory, max: 1, at: "020")),
            .segment(SegmentUse(L11, .optional, max: 300, at: "030")),
            .segment(SegmentUse(MAN, .optional, max: 9999, at: "035")),
            .segment(SegmentUse(K1, .optional, max: 10, at: "040")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N1, .optional, max: 1, at: "050")),
                        .segment(SegmentUse(N2, .optional, max: 1, at: "060")),
                        .segment(SegmentUse(N3, .optional, max: 2, at: "070")),
                        .segment(SegmentUse(N4, .optional, max: 1, at: "080")),
                        .segment(SegmentUse(G61, .optional, max: 1, at: "090")),
                        .segment(SegmentUse(G62, .optional, max: 1, at: "100")),
                        .segment(SegmentUse(L11, .optional, max: 10, at: "110")),
                    ])),
            .segment(SegmentUse(MS3, .optional, max: 12, at: "120")),
            .loop(
                LoopDefinition(
                    "0200", .optional, repeat: 999_999,
                    [
                        .segment(SegmentUse(LX, .optional, max: 1, at: "130")),
                        .loop(
                            LoopDefinition(
                                "0205", .optional, repeat: 10,
                                [
                                    .segment(SegmentUse(AT7, .optional, max: 1, at: "140")),
                                    .segment(SegmentUse(MS1, .optional, max: 1, at: "143")),
                                    .segment(SegmentUse(MS2, .optional, max: 1, at: "146")),
                                ])),
                        .segment(SegmentUse(L11, .optional, max: 10, at: "150")),
                        .segment(SegmentUse(MAN, .optional, max: 9999, at: "155")),
                        .segment(SegmentUse(Q7, .optional, max: 10, at: "160")),
                        .segment(SegmentUse(K1, .optional, max: 10, at: "170")),
                        .segment(SegmentUse(AT5, .optional, max: 10, at: "180")),
                        .segment(SegmentUse(AT8, .optional, max: 10, at: "200")),
                        .loop(
                            LoopDefinition(
                                "0210", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(CD3, .optional, max: 1, at: "210")),
                                    .segment(SegmentUse(L11, .optional, max: 20, at: "220")),
                                    .loop(
                                        LoopDefinition(
                                            "0215", .optional, repeat: 10,
                                            [
                                                .segment(SegmentUse(AT7, .optional, max: 1, at: "230")),
                                                .segment(SegmentUse(MS1, .optional, max: 1, at: "233")),
                                                .segment(SegmentUse(MS2, .optional, max: 1, at: "236")),
                                            ])),
                                    .segment(SegmentUse(NM1, .optional, max: 1, at: "240")),
                                    .segment(SegmentUse(Q7, .optional, max: 10, at: "250")),
                                    .segment(SegmentUse(AT8, .optional, max: 1, at: "260")),
                                    .segment(SegmentUse(MAN, .optional, max: 9999, at: "265")),
                                    .loop(
                                        LoopDefinition(
                                            "0220", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(N1, .optional, max: 1, at: "270")),
                                                .segment(SegmentUse(N2, .optional, max: 1, at: "280")),
                                                .segment(SegmentUse(N3, .optional, max: 3, at: "290")),
                                                .segment(SegmentUse(N4, .optional, max: 1, at: "300")),
                                                .segment(SegmentUse(L11, .optional, max: 10, at: "310")),
                                            ])),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0230", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(PRF, .optional, max: 1, at: "320")),
                                    .loop(
                                        LoopDefinition(
                                            "0231", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(N1, .optional, max: 1, at: "330")),
                                                .segment(SegmentUse(N2, .optional, max: 1, at: "340")),
                                                .segment(SegmentUse(N3, .optional, max: 2, at: "350")),
                                                .segment(SegmentUse(N4, .optional, max: 1, at: "360")),
                                                .segment(SegmentUse(L11, .optional, max: 10, at: "370")),
                                            ])),
                                    .loop(
                                        LoopDefinition(
                                            "0233", .optional, repeat: 999_999,
                                            [
                                                .segment(SegmentUse(CD3, .optional, max: 1, at: "380")),
                                                .segment(SegmentUse(L11, .optional, max: 20, at: "390")),
                                                .loop(
                                                    LoopDefinition(
                                                        "0240", .optional, repeat: 10,
                                                        [
                                                            .segment(SegmentUse(AT7, .optional, max: 1, at: "400")),
                                                            .segment(SegmentUse(MS1, .optional, max: 1, at: "402")),
                                                            .segment(SegmentUse(MS2, .optional, max: 1, at: "404")),
                                                        ])),
                                                .segment(SegmentUse(MAN, .optional, max: 9999, at: "405")),
                                            ])),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0250", .optional, repeat: 999_999,
                                [
                                    .segment(SegmentUse(SPO, .optional, max: 1, at: "410")),
                                    .segment(SegmentUse(SDQ, .optional, max: 10, at: "420")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0260", .optional, repeat: .max,
                                [
                                    .segment(SegmentUse(EFI, .optional, max: 1, at: "423")),
                                    .segment(SegmentUse(BIN, .mandatory, max: 1, at: "426")),
                                ])),
                    ])),
            .segment(SegmentUse(SE, .mandatory, max: 1, at: "610")),
        ])
}
