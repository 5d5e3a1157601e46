// 990 Response to a Load Tender, 005010. Table from the X12 005010 standard.

extension V5010 {
    static let ts990 = TransactionSetSchema(
        id: "990", version: "005010", functionalID: "GF", name: "Response to a Load Tender",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1, at: "0100")),
            .segment(SegmentUse(B1, .mandatory, max: 1, at: "0200")),
            .segment(SegmentUse(L11, .optional, max: 1, at: "0300")),
            .segment(SegmentUse(V4010.SE, .mandatory, max: 1, at: "0700")),
        ])
}
