// Segment definitions of the X12 005010 tables that differ from 004010 or are new in 005010; the others are
// the `V4010` definitions, shared. Facts from the 005010 standard segment directory.

extension V5010 {
    static let ST = SegmentDefinition(
        "ST", "Transaction Set Header",
        [ElementUse(V4010.e143, .mandatory), ElementUse(V4010.e329, .mandatory), ElementUse(e1705, .optional)])
    static let AK1 = SegmentDefinition(
        "AK1", "Functional Group Response Header",
        [ElementUse(V4010.e479, .mandatory), ElementUse(V4010.e28, .mandatory), ElementUse(e480, .optional)])
    static let AK2 = SegmentDefinition(
        "AK2", "Transaction Set Response Header",
        [ElementUse(V4010.e143, .mandatory), ElementUse(V4010.e329, .mandatory), ElementUse(e1705, .optional)])
    static let IK3 = SegmentDefinition(
        "IK3", "Implementation Data Segment Note",
        [
            ElementUse(V4010.e721, .mandatory), ElementUse(e719, .mandatory), ElementUse(e447, .optional),
            ElementUse(e620, .mandatory),
        ])
    static let CTX = SegmentDefinition(
        "CTX", "Context",
        [
            C998(.mandatory, maxRepeat: 10), ElementUse(V4010.e721, .optional), ElementUse(e719, .optional),
            ElementUse(e447, .optional), C030(.optional), C999(.optional),
        ])
    static let IK4 = SegmentDefinition(
        "IK4", "Implementation Data Element Note",
        [
            C030(.mandatory), ElementUse(V4010.e725, .optional), ElementUse(e621, .mandatory),
            ElementUse(V4010.e724, .optional),
        ])
    static let IK5 = SegmentDefinition(
        "IK5", "Implementation Transaction Set Response Trailer",
        [
            ElementUse(V4010.e717, .mandatory), ElementUse(e618, .optional), ElementUse(e618, .optional),
            ElementUse(e618, .optional), ElementUse(e618, .optional), ElementUse(e618, .optional),
        ])
    static let L11 = SegmentDefinition(
        "L11", "Business Instructions and Reference Number",
        [
            ElementUse(e127, .relational), ElementUse(V4010.e128, .relational), ElementUse(V4010.e352, .relational),
            ElementUse(V4010.e373, .optional), ElementUse(V4010.e1073, .optional),
        ], rules: [SyntaxRule(.required, 1, 3), SyntaxRule(.paired, 1, 2)])
    static let N4 = SegmentDefinition(
        "N4", "Geographic Location",
        [
            ElementUse(V4010.e19, .optional), ElementUse(V4010.e156, .optional), ElementUse(V4010.e116, .optional),
            ElementUse(V4010.e26, .optional), ElementUse(V4010.e309, .relational), ElementUse(V4010.e310, .optional),
            ElementUse(e1715, .relational),
        ], rules: [SyntaxRule(.conditional, 6, 5), SyntaxRule(.conditional, 7, 4), SyntaxRule(.exclusion, 2, 7)])
    static let B10 = SegmentDefinition(
        "B10", "Beginning Segment for Transportation Carrier Shipment Status Message",
        [
            ElementUse(e127, .relational), ElementUse(V4010.e145, .optional), ElementUse(V4010.e140, .mandatory),
            ElementUse(V4010.e71, .optional), ElementUse(V4010.e128, .relational), ElementUse(e127, .relational),
            ElementUse(V4010.e1073, .optional), ElementUse(V4010.e373, .optional), ElementUse(V4010.e337, .optional),
        ], rules: [SyntaxRule(.required, 1, 2), SyntaxRule(.paired, 5, 6)])
    static let MS1 = SegmentDefinition(
        "MS1", "Equipment, Shipment, or Real Property Location",
        [
            ElementUse(V4010.e19, .relational), ElementUse(V4010.e156, .relational), ElementUse(V4010.e26, .relational),
            ElementUse(V4010.e1654, .relational), ElementUse(V4010.e1655, .relational),
            ElementUse(V4010.e1280, .optional), ElementUse(V4010.e1280, .optional), ElementUse(V4010.e116, .optional),
        ], rules: [SyntaxRule(.exclusion, 1, 4), SyntaxRule(.paired, 4, 5)])
    static let AT5 = SegmentDefinition(
        "AT5", "Bill of Lading Handling Requirements",
        [
            ElementUse(V4010.e152, .relational), ElementUse(V4010.e560, .relational),
            ElementUse(V4010.e153, .relational), ElementUse(V4010.e355, .optional), ElementUse(V4010.e408, .optional),
            ElementUse(V4010.e408, .optional),
        ], rules: [SyntaxRule(.required, 1, 2, 3)])
    static let AT7 = SegmentDefinition(
        "AT7", "Shipment Status Details",
        [
            ElementUse(e1650, .relational), ElementUse(V4010.e1651, .optional), ElementUse(V4010.e1652, .relational),
            ElementUse(V4010.e1651, .optional), ElementUse(V4010.e373, .relational),
            ElementUse(V4010.e337, .relational), ElementUse(V4010.e623, .optional),
        ],
        rules: [
            SyntaxRule(.exclusion, 1, 3), SyntaxRule(.conditional, 2, 1), SyntaxRule(.conditional, 4, 3),
            SyntaxRule(.conditional, 6, 5), SyntaxRule(.conditional, 7, 6),
        ])
    static let OID = SegmentDefinition(
        "OID", "Order Identification Detail",
        [
            ElementUse(e127, .relational), ElementUse(V4010.e324, .relational), ElementUse(e127, .optional),
            ElementUse(V4010.e211, .relational), ElementUse(V4010.e380, .relational),
            ElementUse(V4010.e188, .relational), ElementUse(V4010.e81, .relational),
            ElementUse(V4010.e184, .relational), ElementUse(V4010.e183, .relational),
        ],
        rules: [
            SyntaxRule(.required, 1, 2), SyntaxRule(.conditional, 3, 2), SyntaxRule(.paired, 4, 5),
            SyntaxRule(.paired, 6, 7), SyntaxRule(.paired, 8, 9),
        ])
    static let B1 = SegmentDefinition(
        "B1", "Beginning Segment for Booking or Pick-up/Delivery",
        [
            ElementUse(V4010.e140, .mandatory), ElementUse(V4010.e145, .optional), ElementUse(V4010.e373, .optional),
            ElementUse(e558, .optional), ElementUse(V4010.e1073, .optional), ElementUse(e1658, .optional),
        ])
    static let RTT = SegmentDefinition(
        "RTT", "Freight Rate", [ElementUse(V4010.e122, .mandatory), ElementUse(V4010.e60, .mandatory)])
    static let PER = SegmentDefinition(
        "PER", "Administrative Communications Contact",
        [
            ElementUse(V4010.e366, .mandatory), ElementUse(V4010.e93, .optional), ElementUse(V4010.e365, .relational),
            ElementUse(e364, .relational), ElementUse(V4010.e365, .relational), ElementUse(e364, .relational),
            ElementUse(V4010.e365, .relational), ElementUse(e364, .relational), ElementUse(V4010.e443, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 5, 6), SyntaxRule(.paired, 7, 8)])
    static let B2 = SegmentDefinition(
        "B2", "Beginning Segment for Shipment Information Transaction",
        [
            ElementUse(V4010.e375, .optional), ElementUse(V4010.e140, .optional), ElementUse(V4010.e154, .optional),
            ElementUse(V4010.e145, .optional), ElementUse(V4010.e188, .optional), ElementUse(e146, .mandatory),
            ElementUse(V4010.e147, .optional), ElementUse(V4010.e86, .optional), ElementUse(V4010.e460, .optional),
            ElementUse(V4010.e501, .optional), ElementUse(V4010.e335, .optional), ElementUse(V4010.e591, .optional),
        ])
    static let G61 = SegmentDefinition(
        "G61", "Contact",
        [
            ElementUse(V4010.e366, .mandatory), ElementUse(V4010.e93, .mandatory), ElementUse(V4010.e365, .relational),
            ElementUse(e364, .relational), ElementUse(V4010.e443, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4)])
    static let N7 = SegmentDefinition(
        "N7", "Equipment Details",
        [
            ElementUse(V4010.e206, .optional), ElementUse(e207, .mandatory), ElementUse(V4010.e81, .relational),
            ElementUse(V4010.e187, .relational), ElementUse(V4010.e167, .relational), ElementUse(V4010.e232, .optional),
            ElementUse(V4010.e205, .optional), ElementUse(V4010.e183, .relational), ElementUse(V4010.e184, .relational),
            ElementUse(V4010.e102, .optional), ElementUse(V4010.e40, .optional), ElementUse(V4010.e140, .optional),
            ElementUse(V4010.e319, .optional), ElementUse(V4010.e219, .optional), ElementUse(V4010.e567, .optional),
            ElementUse(V4010.e571, .relational), ElementUse(V4010.e188, .optional), ElementUse(V4010.e761, .optional),
            ElementUse(V4010.e56, .optional), ElementUse(V4010.e65, .optional), ElementUse(V4010.e189, .optional),
            ElementUse(V4010.e24, .optional), ElementUse(V4010.e140, .optional), ElementUse(V4010.e301, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 8, 9)])
    static let N7B = SegmentDefinition(
        "N7B", "Additional Equipment Details",
        [
            ElementUse(V4010.e1024, .optional), ElementUse(V4010.e1025, .optional), ElementUse(V4010.e1026, .optional),
            ElementUse(V4010.e1030, .optional), ElementUse(V4010.e1031, .optional), ElementUse(e127, .optional),
        ])
    static let LEP = SegmentDefinition(
        "LEP", "EPA Required Data",
        [
            ElementUse(V4010.e806, .optional), ElementUse(V4010.e807, .optional), ElementUse(V4010.e156, .relational),
            ElementUse(e127, .relational),
        ], rules: [SyntaxRule(.paired, 3, 4)])
    static let LH4 = SegmentDefinition(
        "LH4", "Canadian Dangerous Requirements",
        [
            ElementUse(V4010.e238, .optional), ElementUse(e364, .optional), ElementUse(V4010.e254, .optional),
            ElementUse(V4010.e230, .optional), ElementUse(V4010.e230, .optional), ElementUse(V4010.e230, .optional),
            ElementUse(V4010.e271, .optional), ElementUse(V4010.e267, .relational), ElementUse(V4010.e805, .optional),
            ElementUse(V4010.e986, .optional), ElementUse(e364, .optional), ElementUse(V4010.e355, .relational),
        ])
    static let L3 = SegmentDefinition(
        "L3", "Total Weight and Charges",
        [
            ElementUse(V4010.e81, .relational), ElementUse(V4010.e187, .relational), ElementUse(V4010.e60, .relational),
            ElementUse(V4010.e122, .relational), ElementUse(e58, .optional), ElementUse(V4010.e191, .optional),
            ElementUse(e117, .optional), ElementUse(V4010.e150, .optional), ElementUse(V4010.e183, .relational),
            ElementUse(V4010.e184, .relational), ElementUse(V4010.e80, .optional), ElementUse(V4010.e188, .optional),
            ElementUse(V4010.e171, .optional), ElementUse(V4010.e74, .relational), ElementUse(V4010.e122, .relational),
        ],
        rules: [
            SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 9, 10),
            SyntaxRule(.paired, 14, 15),
        ])
    static let MS2 = SegmentDefinition(
        "MS2", "Equipment or Container Owner and Type",
        [
            ElementUse(V4010.e140, .relational), ElementUse(e207, .relational), ElementUse(V4010.e40, .optional),
            ElementUse(V4010.e761, .optional),
        ], rules: [SyntaxRule(.paired, 1, 2), SyntaxRule(.conditional, 4, 2)])
    static let B3 = SegmentDefinition(
        "B3", "Beginning Segment for Carrier's Invoice",
        [
            ElementUse(V4010.e147, .optional), ElementUse(V4010.e76, .mandatory), ElementUse(V4010.e145, .optional),
            ElementUse(e146, .mandatory), ElementUse(V4010.e188, .optional), ElementUse(V4010.e373, .mandatory),
            ElementUse(V4010.e193, .mandatory), ElementUse(V4010.e202, .optional), ElementUse(V4010.e32, .relational),
            ElementUse(V4010.e374, .relational), ElementUse(V4010.e140, .mandatory), ElementUse(V4010.e373, .optional),
            ElementUse(V4010.e375, .optional), ElementUse(V4010.e335, .optional),
        ], rules: [SyntaxRule(.paired, 9, 10)])
    static let L1 = SegmentDefinition(
        "L1", "Rate and Charges",
        [
            ElementUse(V4010.e213, .optional), ElementUse(V4010.e60, .relational), ElementUse(V4010.e122, .relational),
            ElementUse(e58, .relational), ElementUse(V4010.e191, .relational), ElementUse(e117, .relational),
            ElementUse(V4010.e120, .optional), ElementUse(V4010.e150, .optional), ElementUse(V4010.e121, .optional),
            ElementUse(V4010.e39, .optional), ElementUse(V4010.e16, .optional), ElementUse(V4010.e276, .optional),
            ElementUse(V4010.e257, .optional), ElementUse(V4010.e74, .relational), ElementUse(V4010.e122, .relational),
            ElementUse(V4010.e372, .optional), ElementUse(V4010.e220, .relational), ElementUse(V4010.e221, .relational),
            ElementUse(V4010.e954, .optional), ElementUse(V4010.e100, .optional), ElementUse(V4010.e610, .optional),
        ],
        rules: [
            SyntaxRule(.paired, 2, 3), SyntaxRule(.required, 4, 5, 6), SyntaxRule(.paired, 14, 15),
            SyntaxRule(.paired, 17, 18),
        ])
    static let CD3 = SegmentDefinition(
        "CD3", "Carton (Package) Detail",
        [
            ElementUse(V4010.e187, .relational), ElementUse(V4010.e81, .relational), ElementUse(V4010.e619, .optional),
            ElementUse(V4010.e34, .optional), ElementUse(V4010.e284, .relational), ElementUse(V4010.e108, .optional),
            ElementUse(V4010.e122, .relational), ElementUse(e58, .relational), ElementUse(V4010.e122, .relational),
            ElementUse(e58, .relational), ElementUse(V4010.e284, .relational), ElementUse(V4010.e284, .optional),
            ElementUse(V4010.e591, .optional), ElementUse(V4010.e26, .optional),
        ], rules: [SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 7, 8), SyntaxRule(.paired, 9, 10)])
    static let AK3 = SegmentDefinition(
        "AK3", "Data Segment Note",
        [
            ElementUse(V4010.e721, .mandatory), ElementUse(e719, .mandatory), ElementUse(e447, .optional),
            ElementUse(V4010.e720, .optional),
        ])
    static let AK4 = SegmentDefinition(
        "AK4", "Data Element Note",
        [
            C030(.mandatory), ElementUse(V4010.e725, .optional), ElementUse(e723, .mandatory),
            ElementUse(V4010.e724, .optional),
        ])
    static let AK5 = SegmentDefinition(
        "AK5", "Transaction Set Response Trailer",
        [
            ElementUse(V4010.e717, .mandatory), ElementUse(e718, .optional), ElementUse(e718, .optional),
            ElementUse(e718, .optional), ElementUse(e718, .optional), ElementUse(e718, .optional),
        ])
    static let AK9 = SegmentDefinition(
        "AK9", "Functional Group Response Trailer",
        [
            ElementUse(V4010.e715, .mandatory), ElementUse(V4010.e97, .mandatory), ElementUse(V4010.e123, .mandatory),
            ElementUse(V4010.e2, .mandatory), ElementUse(e716, .optional), ElementUse(e716, .optional),
            ElementUse(e716, .optional), ElementUse(e716, .optional), ElementUse(e716, .optional),
        ])
}
