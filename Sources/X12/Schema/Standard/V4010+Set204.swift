// 204 Motor Carrier Load Tender, 004010. Table from the X12 004010 standard (positions, requirements, max use, loops).

extension V4010 {
    static let ts204 = TransactionSetSchema(
        id: "204", version: "004010", functionalID: "SM", name: "Motor Carrier Load Tender",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "010")),
            .segment(SegmentUse(B2, .mandatory, max: 1, at: "020")),
            .segment(SegmentUse(B2A, .mandatory, max: 1, at: "030")),
            .segment(SegmentUse(L11, .optional, max: 50, at: "080")),
            .segment(SegmentUse(G62, .optional, max: 1, at: "090")),
            .segment(SegmentUse(MS3, .optional, max: 1, at: "100")),
            .segment(SegmentUse(AT5, .optional, max: 6, at: "110")),
            .segment(SegmentUse(PLD, .optional, max: 1, at: "120")),
            .segment(SegmentUse(LH6, .optional, max: 6, at: "125")),
            .segment(SegmentUse(NTE, .optional, max: 10, at: "130")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 5,
                    [
                        .segment(SegmentUse(N1, .optional, max: 1, at: "140")),
                        .segment(SegmentUse(N2, .optional, max: 1, at: "150")),
                        .segment(SegmentUse(N3, .optional, max: 2, at: "160")),
                        .segment(SegmentUse(N4, .optional, max: 1, at: "170")),
                        .segment(SegmentUse(L11, .optional, max: 1, at: "180")),
                        .segment(SegmentUse(G61, .optional, max: 3, at: "190")),
                    ])),
            .loop(
                LoopDefinition(
                    "0200", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N7, .optional, max: 1, at: "200")),
                        .segment(SegmentUse(N7A, .optional, max: 1, at: "203")),
                        .segment(SegmentUse(N7B, .optional, max: 1, at: "205")),
                        .segment(SegmentUse(MEA, .optional, max: 1, at: "208")),
                        .segment(SegmentUse(M7, .optional, max: 2, at: "210")),
                    ])),
            .loop(
                LoopDefinition(
                    "0300", .mandatory, repeat: 999,
                    [
                        .segment(SegmentUse(S5, .mandatory, max: 1, at: "010")),
                        .segment(SegmentUse(L11, .optional, max: 50, at: "020")),
                        .segment(SegmentUse(G62, .optional, max: 2, at: "030")),
                        .segment(SegmentUse(AT8, .optional, max: 1, at: "040")),
                        .segment(SegmentUse(LAD, .optional, max: 999, at: "050")),
                        .segment(SegmentUse(AT5, .optional, max: 6, at: "060")),
                        .segment(SegmentUse(PLD, .optional, max: 1, at: "063")),
                        .segment(SegmentUse(NTE, .optional, max: 20, at: "065")),
                        .loop(
                            LoopDefinition(
                                "0310", .optional, repeat: 1,
                                [
                                    .segment(SegmentUse(N1, .optional, max: 1, at: "070")),
                                    .segment(SegmentUse(N2, .optional, max: 1, at: "080")),
                                    .segment(SegmentUse(N3, .optional, max: 2, at: "090")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "100")),
                                    .segment(SegmentUse(G61, .optional, max: 3, at: "120")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0320", .optional, repeat: 99,
                                [
                                    .segment(SegmentUse(L5, .optional, max: 1, at: "130")),
                                    .segment(SegmentUse(AT8, .optional, max: 1, at: "135")),
                                    hazardousMaterialLoop(
                                        "0325", detail: "0330",
                                        at: ["140", "141", "142", "143", "144", "145", "146", "147", "148", "149"],
                                        segments: [G61, L11, LH6, LH1, LH2, LH3, LFH, LEP, LH4, LHT]),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0350", .optional, repeat: 999,
                                [
                                    .segment(SegmentUse(OID, .optional, max: 1, at: "150")),
                                    .segment(SegmentUse(G62, .optional, max: 2, at: "160")),
                                    .segment(SegmentUse(LAD, .optional, max: 999, at: "180")),
                                    .loop(
                                        LoopDefinition(
                                            "0360", .optional, repeat: 99,
                                            [
                                                .segment(SegmentUse(L5, .optional, max: 1, at: "190")),
                                                .segment(SegmentUse(AT8, .optional, max: 1, at: "195")),
                                                hazardousMaterialLoop(
                                                    "0365", detail: "0370",
                                                    at: [
                                                        "200", "201", "202", "203", "204", "205", "206", "207", "208",
                                                        "209",
                                                    ], segments: [G61, L11, LH6, LH1, LH2, LH3, LFH, LEP, LH4, LHT]),
                                            ])),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0380", .optional, repeat: 10,
                                [
                                    .segment(SegmentUse(N7, .optional, max: 1, at: "210")),
                                    .segment(SegmentUse(N7A, .optional, max: 1, at: "220")),
                                    .segment(SegmentUse(N7B, .optional, max: 1, at: "230")),
                                    .segment(SegmentUse(MEA, .optional, max: 1, at: "240")),
                                    .segment(SegmentUse(M7, .optional, max: 2, at: "250")),
                                ])),
                    ])),
            .segment(SegmentUse(L3, .optional, max: 1, at: "010")),
            .segment(SegmentUse(SE, .mandatory, max: 1, at: "020")),
        ])
}
