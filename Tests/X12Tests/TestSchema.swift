@testable import X12

/// A small 204-like table that exercises every rule of the walker, independent of the shipped tables.
enum TestSchema {
    static let e143 = ElementDefinition(143, "Transaction Set Identifier Code", .identifier, 3, 3)
    static let e329 = ElementDefinition(329, "Transaction Set Control Number", .string, 4, 9)
    static let e96 = ElementDefinition(96, "Number of Included Segments", .numeric(decimals: 0), 1, 10)
    static let e140 = ElementDefinition(140, "Standard Carrier Alpha Code", .identifier, 2, 4)
    static let e145 = ElementDefinition(145, "Shipment Identification Number", .string, 1, 30)
    static let e353 = ElementDefinition(353, "Transaction Set Purpose Code", .identifier, 2, 2, codes: CodeList(element: 353, "00", "01", "04"))
    static let e127 = ElementDefinition(127, "Reference Identification", .string, 1, 30)
    static let e128 = ElementDefinition(128, "Reference Identification Qualifier", .identifier, 2, 3)
    static let e98 = ElementDefinition(98, "Entity Identifier Code", .identifier, 2, 3, codes: CodeList(element: 98, "SH", "CN", "BT", closed: false))
    static let e93 = ElementDefinition(93, "Name", .string, 1, 60)
    static let e66 = ElementDefinition(66, "Identification Code Qualifier", .identifier, 1, 2)
    static let e67 = ElementDefinition(67, "Identification Code", .string, 2, 80)
    static let e19 = ElementDefinition(19, "City Name", .string, 2, 30)
    static let e156 = ElementDefinition(156, "State or Province Code", .identifier, 2, 2)
    static let e165 = ElementDefinition(165, "Stop Sequence Number", .numeric(decimals: 0), 1, 3)
    static let e163 = ElementDefinition(163, "Stop Reason Code", .identifier, 2, 2)
    static let e81 = ElementDefinition(81, "Weight", .decimal, 1, 10)
    static let e432 = ElementDefinition(432, "Date Qualifier", .identifier, 2, 2)
    static let e373 = ElementDefinition(373, "Date", .date, 8, 8)
    static let e337 = ElementDefinition(337, "Time", .time, 4, 8)
    static let e176 = ElementDefinition(176, "Time Qualifier", .identifier, 1, 2)
    static let e58 = ElementDefinition(58, "Charge", .numeric(decimals: 2), 1, 12)

    static let ST = SegmentDefinition("ST", "Transaction Set Header", [ElementUse(e143, .mandatory), ElementUse(e329, .mandatory)])
    static let SE = SegmentDefinition("SE", "Transaction Set Trailer", [ElementUse(e96, .mandatory), ElementUse(e329, .mandatory)])
    static let B2 = SegmentDefinition("B2", "Beginning Segment", [ElementUse(e140, .optional), ElementUse(e145, .mandatory)])
    static let B2A = SegmentDefinition("B2A", "Set Purpose", [ElementUse(e353, .mandatory)])
    static let L11 = SegmentDefinition(
        "L11", "Reference", [ElementUse(e127, .relational), ElementUse(e128, .relational)], rules: [SyntaxRule(.paired, 1, 2)])
    static let N1 = SegmentDefinition(
        "N1", "Name", [ElementUse(e98, .mandatory), ElementUse(e93, .relational), ElementUse(e66, .relational), ElementUse(e67, .relational)],
        rules: [SyntaxRule(.required, 2, 3), SyntaxRule(.paired, 3, 4)])
    static let N4 = SegmentDefinition("N4", "Geographic Location", [ElementUse(e19, .optional), ElementUse(e156, .optional)])
    static let S5 = SegmentDefinition(
        "S5", "Stop Off Details", [ElementUse(e165, .mandatory), ElementUse(e163, .mandatory), ElementUse(e81, .optional)])
    static let G62 = SegmentDefinition(
        "G62", "Date/Time", [ElementUse(e432, .relational), ElementUse(e373, .relational), ElementUse(e176, .optional), ElementUse(e337, .relational)],
        rules: [SyntaxRule(.paired, 1, 2), SyntaxRule(.conditional, 3, 4)])
    static let L3 = SegmentDefinition(
        "L3", "Total Weight and Charges", [ElementUse(e81, .optional), ElementUse(e58, .optional)], rules: [SyntaxRule(.exclusion, 1, 2)])

    static let set = TransactionSetSchema(
        id: "204", version: "004010", functionalID: "SM", name: "Test Load Tender",
        entries: [
            .segment(SegmentUse(ST, .mandatory, max: 1)),
            .segment(SegmentUse(B2, .mandatory, max: 1)),
            .segment(SegmentUse(B2A, .mandatory, max: 1)),
            .segment(SegmentUse(L11, .optional, max: 50)),
            .loop(LoopDefinition("0100", .optional, repeat: 5, [
                .segment(SegmentUse(N1, .optional, max: 1)),
                .segment(SegmentUse(N4, .optional, max: 1)),
            ])),
            .loop(LoopDefinition("0300", .mandatory, repeat: 999, [
                .segment(SegmentUse(S5, .mandatory, max: 1)),
                .segment(SegmentUse(L11, .optional, max: 50)),
                .segment(SegmentUse(G62, .optional, max: 2)),
                .loop(LoopDefinition("0310", .optional, repeat: 1, [
                    .segment(SegmentUse(N1, .optional, max: 1)),
                    .segment(SegmentUse(N4, .optional, max: 1)),
                ])),
            ])),
            .segment(SegmentUse(L3, .optional, max: 1)),
            .segment(SegmentUse(SE, .mandatory, max: 1)),
        ])

    static let registry = SchemaRegistry(
        sets: [set, V4010.ts997],
        knownSegmentIDs: ["004010": ["ST", "SE", "B2", "B2A", "L11", "N1", "N4", "S5", "G62", "L3", "AT7", "AK1", "AK2", "AK5", "AK9"]])

    static func options(_ leniency: Leniency = .strict) -> ValidationOptions {
        ValidationOptions(leniency: leniency, registry: registry, keepSegments: true, keepSetResults: true)
    }
}

/// Builds interchanges from segment lists with correct envelopes unless told otherwise.
enum Build {
    static func isa(control: String = "000000905", ack: String = "0", version: String = "00401") -> String {
        "ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*CROSSDOCKDEMO  *261127*0915*\(version >= "00403" ? "^" : "U")*\(version)*\(control)*\(ack)*P*:~"
    }

    /// One set: ST, the body, SE with the right count.
    static func set(_ body: [String], id: String = "204", control: String = "0001") -> [String] {
        ["ST*\(id)*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]
    }

    static func interchange(_ sets: [[String]], functionalID: String = "SM", version: String = "004010", ack: String = "0") -> String {
        let segments = [isa(ack: ack, version: version >= "005010" ? "00501" : "00401")]
            + ["GS*\(functionalID)*ACMEFOODS*CROSSDOCKDEMO*20261127*0915*905*X*\(version)"]
            + sets.flatMap { $0 } + ["GE*\(sets.count)*905", "IEA*1*000000905"]
        return segments.map { $0.hasSuffix("~") ? $0 : $0 + "~" }.joined(separator: "\n") + "\n"
    }

    static let goodBody = [
        "B2*PRFL*LD4471", "B2A*00", "L11*PO7731*PO", "N1*BT*ACME FOODS", "N4*OMAHA*NE",
        "S5*1*CL*42000", "G62*10*20261201*U*0800", "N1*SH*ACME PLANT 3", "N4*OMAHA*NE",
        "S5*2*CU", "N1*CN*RIVERSIDE DC", "L3*42000",
    ]
}
