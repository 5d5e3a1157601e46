// 204 Motor Carrier Load Tender, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts204 = TransactionSetSchema(
        id: "204", version: "005010", functionalID: "SM", name: "Motor Carrier Load Tender",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(B2, .mandatory, max: 1, at: "0200")),
            .segment(SegmentUse(V4010.B2A, .mandatory, max: 1, at: "0300")),
            .segment(SegmentUse(V4010.C3, .optional, max: 1, at: "0400")),
            .segment(SegmentUse(L11, .optional, max: 99_999, at: "0800")),
            .segment(SegmentUse(V4010.G62, .optional, max: 1, at: "0900")),
            .segment(SegmentUse(V4010.MS3, .optional, max: 1, at: "1000")),
            .loop(
                LoopDefinition(
                    "0050", .optional, repeat: 6,
                    [
                        .segment(SegmentUse(AT5, .optional, max: 1, at: "1100")),
                        .segment(SegmentUse(RTT, .optional, max: 1, at: "1120")),
                        .segment(SegmentUse(V4010.C3, .optional, max: 1, at: "1150")),
                    ])),
            .segment(SegmentUse(V4010.PLD, .optional, max: 1, at: "1200")),
            .segment(SegmentUse(V4010.LH6, .optional, max: 6, at: "1250")),
            .segment(SegmentUse(V4010.NTE, .optional, max: 10, at: "1300")),
            .loop(
                LoopDefinition(
                    "0100", .optional, repeat: 5,
                    [
                        .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "1400")),
                        .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "1500")),
                        .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "1600")),
                        .segment(SegmentUse(N4, .optional, max: 1, at: "1700")),
                        .segment(SegmentUse(L11, .optional, max: 1, at: "1800")),
                        .segment(SegmentUse(G61, .optional, max: 3, at: "1900")),
                    ])),
            .loop(
                LoopDefinition(
                    "0200", .optional, repeat: 10,
                    [
                        .segment(SegmentUse(N7, .optional, max: 1, at: "2000")),
                        .segment(SegmentUse(V4010.N7A, .optional, max: 1, at: "2030")),
                        .segment(SegmentUse(N7B, .optional, max: 1, at: "2050")),
                        .segment(SegmentUse(V4010.MEA, .optional, max: 1, at: "2080")),
                        .segment(SegmentUse(V4010.M7, .optional, max: 2, at: "2100")),
                    ])),
            .loop(
                LoopDefinition(
                    "0300", .mandatory, repeat: 999,
                    [
                        .segment(SegmentUse(V4010.S5, .mandatory, max: 1, at: "0100")),
                        .segment(SegmentUse(L11, .optional, max: 99_999, at: "0200")),
                        .segment(SegmentUse(V4010.G62, .optional, max: 3, at: "0300")),
                        .segment(SegmentUse(V4010.AT8, .optional, max: 1, at: "0400")),
                        .segment(SegmentUse(V4010.LAD, .optional, max: 99_999, at: "0500")),
                        .loop(
                            LoopDefinition(
                                "0305", .optional, repeat: 6,
                                [
                                    .segment(SegmentUse(AT5, .optional, max: 1, at: "0600")),
                                    .segment(SegmentUse(RTT, .optional, max: 1, at: "0610")),
                                    .segment(SegmentUse(V4010.C3, .optional, max: 1, at: "0620")),
                                ])),
                        .segment(SegmentUse(V4010.PLD, .optional, max: 1, at: "0630")),
                        .segment(SegmentUse(V4010.NTE, .optional, max: 20, at: "0650")),
                        .loop(
                            LoopDefinition(
                                "0310", .optional, repeat: 1,
                                [
                                    .segment(SegmentUse(V4010.N1, .optional, max: 1, at: "0700")),
                                    .segment(SegmentUse(V4010.N2, .optional, max: 1, at: "0800")),
                                    .segment(SegmentUse(V4010.N3, .optional, max: 2, at: "0900")),
                                    .segment(SegmentUse(N4, .optional, max: 1, at: "1000")),
                                    .segment(SegmentUse(G61, .optional, max: 3, at: "1200")),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0320", .optional, repeat: 99_999,
                                [
                                    .segment(SegmentUse(V4010.L5, .optional, max: 1, at: "1300")),
                                    .segment(SegmentUse(V4010.AT8, .optional, max: 1, at: "1350")),
                                    .loop(
                                        LoopDefinition(
                                            "0325", .optional, repeat: 6,
                                            [
                                                .segment(SegmentUse(AT5, .optional, max: 1, at: "1351")),
                                                .segment(SegmentUse(RTT, .optional, max: 1, at: "1353")),
                                                .segment(SegmentUse(V4010.C3, .optional, max: 1, at: "1355")),
                                            ])),
                                    .segment(SegmentUse(L11, .optional, max: .max, at: "1356")),
                                    .segment(SegmentUse(V4010.MEA, .optional, max: 10, at: "1360")),
                                    .segment(SegmentUse(PER, .optional, max: 1, at: "1370")),
                                    .segment(SegmentUse(V4010.L4, .optional, max: 1, at: "1375")),
                                    V4010.hazardousMaterialLoop(
                                        "0325", detail: "0330",
                                        at: [
                                            "1400", "1410", "1420", "1430", "1440", "1450", "1460", "1470", "1480",
                                            "1490",
                                        ],
                                        segments: [
                                            G61, L11, V4010.LH6, V4010.LH1, V4010.LH2, V4010.LH3, V4010.LFH, LEP, LH4,
                                            V4010.LHT,
                                        ]),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0350", .optional, repeat: 99_999,
                                [
                                    .segment(SegmentUse(OID, .optional, max: 1, at: "1500")),
                                    .segment(SegmentUse(V4010.G62, .optional, max: 2, at: "1600")),
                                    .segment(SegmentUse(V4010.LAD, .optional, max: 99_999, at: "1800")),
                                    .loop(
                                        LoopDefinition(
                                            "0360", .optional, repeat: 99_999,
                                            [
                                                .segment(SegmentUse(V4010.L5, .optional, max: 1, at: "1900")),
                                                .segment(SegmentUse(V4010.AT8, .optional, max: 1, at: "1950")),
                                                .segment(SegmentUse(V4010.L4, .optional, max: 1, at: "1955")),
                                                V4010.hazardousMaterialLoop(
                                                    "0365", detail: "0370",
                                                    at: [
                                                        "2000", "2010", "2020", "2030", "2040", "2050", "2060", "2070",
                                                        "2080", "2090",
                                                    ],
                                                    segments: [
                                                        G61, L11, V4010.LH6, V4010.LH1, V4010.LH2, V4010.LH3, V4010.LFH,
                                                        LEP, LH4, V4010.LHT,
                                                    ]),
                                            ])),
                                ])),
                        .loop(
                            LoopDefinition(
                                "0380", .optional, repeat: 10,
                                [
                                    .segment(SegmentUse(N7, .optional, max: 1, at: "2100")),
                                    .segment(SegmentUse(V4010.N7A, .optional, max: 1, at: "2200")),
                                    .segment(SegmentUse(N7B, .optional, max: 1, at: "2300")),
                                    .segment(SegmentUse(V4010.MEA, .optional, max: 1, at: "2400")),
                                    .segment(SegmentUse(V4010.M7, .optional, max: 2, at: "2500")),
                                ])),
                    ])),
            .segment(SegmentUse(L3, .optional, max: 1, at: "0100")),
            .loop(
                LoopDefinition(
                    "1000", .optional, repeat: 1,
                    [
                        .segment(SegmentUse(V4010.LX, .optional, max: 1, at: "0150")),
                        .segment(SegmentUse(V4010.L4, .optional, max: 1, at: "0175")),
                    ])),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "0200")),
        ])
}
