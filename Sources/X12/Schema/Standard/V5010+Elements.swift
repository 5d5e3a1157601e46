// Data elements and composites of the X12 005010 tables that differ from 004010 (lengths, code lists) or
// are new in 005010. Everything else is shared with `V4010`. Facts from the 005010 standard dictionary.

extension V5010 {
    // MARK: Elements

    static let e58 = ElementDefinition(58, "Charge", .numeric(decimals: 2), 1, 15)
    static let e117 = ElementDefinition(117, "Prepaid Amount", .numeric(decimals: 2), 1, 15)
    static let e127 = ElementDefinition(127, "Reference Identification", .string, 1, 50)
    static let e146 = ElementDefinition(
        146, "Shipment Method of Payment", .identifier, 2, 2,
        codes: CodeList(
            element: 146, "11", "BP", "CA", "CC", "CD", "CF", "DE", "DF", "FO", "HP", "MX", "NC", "NR", "PA", "PB",
            "PC", "PD", "PE", "PL", "PO", "PP", "PS", "PU", "RC", "RF", "RS", "TP", "WC", closed: false))
    static let e207 = ElementDefinition(207, "Equipment Number", .string, 1, 15)
    static let e364 = ElementDefinition(364, "Communication Number", .string, 1, 256)
    static let e447 = ElementDefinition(447, "Loop Identifier Code", .string, 1, 4)
    static let e480 = ElementDefinition(480, "Version / Release / Industry Identifier Code", .string, 1, 12)
    static let e558 = ElementDefinition(
        558, "Reservation Action Code", .identifier, 1, 1,
        codes: CodeList(element: 558, "A", "B", "C", "D", "E", "N", "R", "S", "U", "V"))
    static let e618 = ElementDefinition(
        618, "Implementation Transaction Set Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 618, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
            "18", "19", "23", "24", "25", "26", "27", "I5", "I6", closed: false))
    static let e620 = ElementDefinition(
        620, "Implementation Segment Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 620, "1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9"))
    static let e621 = ElementDefinition(
        621, "Implementation Data Element Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 621, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "I6", "I9", "I10", "I11",
            "I12", "I13"))
    static let e716 = ElementDefinition(
        716, "Functional Group Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 716, "1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
            "23", "24", "25", "26", closed: false))
    static let e718 = ElementDefinition(
        718, "Transaction Set Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 718, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
            "18", "19", "23", "24", "25", "26", "27", closed: false))
    static let e719 = ElementDefinition(719, "Segment Position in Transaction Set", .numeric(decimals: 0), 1, 10)
    static let e723 = ElementDefinition(
        723, "Data Element Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 723, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", closed: false))
    static let e1650 = ElementDefinition(
        1650, "Shipment Status Indicator Code", .identifier, 2, 2,
        codes: CodeList(
            element: 1650, "A3", "A7", "A9", "AF", "AG", "AH", "AI", "AJ", "AM", "AN", "AP", "AR", "AV", "B6", "BA",
            "BC", "C1", "CA", "CD", "CL", "CP", "D1", "I1", "J1", "K1", "L1", "OA", "OO", "P1", "PR", "R1", "RL", "S1",
            "SD", "X1", "X2", "X3", "X4", "X5", "X6", "X8", "XB", "K2", "AW", "CB", "PA", "C2", "C3", "RA", "RD", "X9",
            "NB", "OP", "RH", "BO", "BR", "DO"))
    static let e1658 = ElementDefinition(
        1658, "Shipment or Work Assignment Decline Reason Code", .identifier, 3, 3,
        codes: CodeList(element: 1658, "CPT", "CPU", "EQT", "EQU", "LNH", "PRM", "WGT"))
    static let e1686 = ElementDefinition(1686, "Repeating Data Element Position", .numeric(decimals: 0), 1, 4)
    static let e1705 = ElementDefinition(1705, "Implementation Convention Reference", .string, 1, 35)
    static let e1715 = ElementDefinition(1715, "Country Subdivision Code", .identifier, 1, 3)
    static let e9998 = ElementDefinition(9998, "Context Reference", .string, 1, 35)
    static let e9999 = ElementDefinition(9999, "Context Name", .string, 1, 35)

    // MARK: Composites

    static func C030(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C030", name: "Position in Segment", requirement,
            components: [
                ElementUse(V4010.e722, .mandatory), ElementUse(V4010.e1528, .optional), ElementUse(e1686, .optional),
            ], maxRepeat: maxRepeat)
    }

    static func C998(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C998", name: "Context Identification", requirement,
            components: [ElementUse(e9999, .mandatory), ElementUse(e9998, .optional)], maxRepeat: maxRepeat)
    }

    static func C999(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C999", name: "Reference in Segment", requirement,
            components: [ElementUse(V4010.e725, .mandatory), ElementUse(V4010.e725, .optional)], maxRepeat: maxRepeat)
    }
}
