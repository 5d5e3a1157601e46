// 997 Functional Acknowledgment, 004010. Facts from the X12 004010 standard tables.

extension V4010 {
    // MARK: Elements

    static let e143 = ElementDefinition(143, "Transaction Set Identifier Code", .identifier, 3, 3)
    static let e329 = ElementDefinition(329, "Transaction Set Control Number", .string, 4, 9)
    static let e96 = ElementDefinition(96, "Number of Included Segments", .numeric(decimals: 0), 1, 10)
    static let e479 = ElementDefinition(479, "Functional Identifier Code", .identifier, 2, 2)
    static let e28 = ElementDefinition(28, "Group Control Number", .numeric(decimals: 0), 1, 9)
    static let e721 = ElementDefinition(721, "Segment ID Code", .identifier, 2, 3)
    static let e719 = ElementDefinition(719, "Segment Position in Transaction Set", .numeric(decimals: 0), 1, 6)
    static let e447 = ElementDefinition(447, "Loop Identifier Code", .string, 1, 6)
    static let e720 = ElementDefinition(
        720, "Segment Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 720, "1", "2", "3", "4", "5", "6", "7", "8", closed: false))
    static let e722 = ElementDefinition(722, "Element Position in Segment", .numeric(decimals: 0), 1, 2)
    static let e1528 = ElementDefinition(1528, "Component Data Element Position in Composite", .numeric(decimals: 0), 1, 2)
    static let e725 = ElementDefinition(725, "Data Element Reference Number", .numeric(decimals: 0), 1, 4)
    static let e723 = ElementDefinition(
        723, "Data Element Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 723, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", closed: false))
    static let e724 = ElementDefinition(724, "Copy of Bad Data Element", .string, 1, 99)
    static let e717 = ElementDefinition(
        717, "Transaction Set Acknowledgment Code", .identifier, 1, 1,
        codes: CodeList(element: 717, "A", "E", "M", "R", "W", "X"))
    static let e718 = ElementDefinition(718, "Transaction Set Syntax Error Code", .identifier, 1, 3)
    static let e715 = ElementDefinition(
        715, "Functional Group Acknowledge Code", .identifier, 1, 1,
        codes: CodeList(element: 715, "A", "E", "M", "P", "R", "W", "X"))
    static let e97 = ElementDefinition(97, "Number of Transaction Sets Included", .numeric(decimals: 0), 1, 6)
    static let e123 = ElementDefinition(123, "Number of Received Transaction Sets", .numeric(decimals: 0), 1, 6)
    static let e2 = ElementDefinition(2, "Number of Accepted Transaction Sets", .numeric(decimals: 0), 1, 6)
    static let e716 = ElementDefinition(716, "Functional Group Syntax Error Code", .identifier, 1, 3)

    // MARK: Segments

    static let ST = SegmentDefinition("ST", "Transaction Set Header", [ElementUse(e143, .mandatory), ElementUse(e329, .mandatory)])
    static let SE = SegmentDefinition("SE", "Transaction Set Trailer", [ElementUse(e96, .mandatory), ElementUse(e329, .mandatory)])
    static let AK1 = SegmentDefinition("AK1", "Functional Group Response Header", [ElementUse(e479, .mandatory), ElementUse(e28, .mandatory)])
    static let AK2 = SegmentDefinition("AK2", "Transaction Set Response Header", [ElementUse(e143, .mandatory), ElementUse(e329, .mandatory)])
    static let AK3 = SegmentDefinition(
        "AK3", "Data Segment Note",
        [ElementUse(e721, .mandatory), ElementUse(e719, .mandatory), ElementUse(e447, .optional), ElementUse(e720, .optional)])
    static let AK4 = SegmentDefinition(
        "AK4", "Data Element Note",
        [
            ElementUse(
                composite: "C030", name: "Position in Segment", .mandatory,
                components: [ElementUse(e722, .mandatory), ElementUse(e1528, .optional)]),
            ElementUse(e725, .optional), ElementUse(e723, .mandatory), ElementUse(e724, .optional),
        ])
    static let AK5 = SegmentDefinition(
        "AK5", "Transaction Set Response Trailer",
        [ElementUse(e717, .mandatory)] + Array(repeating: ElementUse(e718, .optional), count: 5))
    static let AK9 = SegmentDefinition(
        "AK9", "Functional Group Response Trailer",
        [ElementUse(e715, .mandatory), ElementUse(e97, .mandatory), ElementUse(e123, .mandatory), ElementUse(e2, .mandatory)]
            + Array(repeating: ElementUse(e716, .optional), count: 5))

    // MARK: Set

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
