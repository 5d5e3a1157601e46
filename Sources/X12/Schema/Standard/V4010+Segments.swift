// Segment definitions of the X12 004010 tables Crossdock ships: element order, requirement designators
// and syntax notes (P/R/E/C/L with 1-based positions). Facts from the 004010 standard segment directory.

extension V4010 {
    static let ST = SegmentDefinition(
        "ST", "Transaction Set Header", [ElementUse(e143, .mandatory), ElementUse(e329, .mandatory)])
    static let SE = SegmentDefinition(
        "SE", "Transaction Set Trailer", [ElementUse(e96, .mandatory), ElementUse(e329, .mandatory)])
    static let AK1 = SegmentDefinition(
        "AK1", "Functional Group Response Header", [ElementUse(e479, .mandatory), ElementUse(e28, .mandatory)])
    static let AK2 = SegmentDefinition(
        "AK2", "Transaction Set Response Header", [ElementUse(e143, .mandatory), ElementUse(e329, .mandatory)])
    static let AK3 = SegmentDefinition(
        "AK3", "Data Segment Note",
        [
            ElementUse(e721, .mandatory), ElementUse(e719, .mandatory), ElementUse(e447, .optional),
            ElementUse(e720, .optional),
        ])
    static let AK4 = SegmentDefinition(
        "AK4", "Data Element Note",
        [C030(.mandatory), ElementUse(e725, .optional), ElementUse(e723, .mandatory), ElementUse(e724, .optional)])
    static let AK5 = SegmentDefinition(
        "AK5", "Transaction Set Response Trailer",
        [
            ElementUse(e717, .mandatory), ElementUse(e718, .optional), ElementUse(e718, .optional),
            ElementUse(e718, .optional), ElementUse(e718, .optional), ElementUse(e718, .optional),
        ])
    static let AK9 = SegmentDefinition(
        "AK9", "Functional Group Response Trailer",
        [
            ElementUse(e715, .mandatory), ElementUse(e97, .mandatory), ElementUse(e123, .mandatory),
            ElementUse(e2, .mandatory), ElementUse(e716, .optional), ElementUse(e716, .optional),
            ElementUse(e716, .optional), ElementUse(e716, .optional), ElementUse(e716, .optional),
        ])
    static let B2 = SegmentDefinition(
        "B2", "Beginning Segment for Shipment Information Transaction",
        [
            ElementUse(e375, .optional), ElementUse(e140, .optional), ElementUse(e154, .optional),
            ElementUse(e145, .optional), ElementUse(e188, .optional), ElementUse(e146, .mandatory),
            ElementUse(e147, .optional), ElementUse(e86, .optional), ElementUse(e460, .optional),
            ElementUse(e501, .optional), ElementUse(e335, .optional), ElementUse(e591, .optional),
        ])
    static let B2A = SegmentDefinition(
        "B2A", "Set Purpose", [ElementUse(e353, .mandatory), ElementUse(e346, .optional)])
    static let L11 = SegmentDefinition(
        "L11", "Business Instructions and Reference Number",
        [ElementUse(e127, .relational), ElementUse(e128, .relational), ElementUse(e352, .relational)],
        rules: [SyntaxRule(.required, 1, 3), SyntaxRule(.paired, 1, 2)])
    static let G62 = SegmentDefinition(
        "G62", "Date/Time",
        [
            ElementUse(e432, .relational), ElementUse(e373, .relational), ElementUse(e176, .relational),
            ElementUse(e337, .relational), ElementUse(e623, .optional),
        ], rules: [SyntaxRule(.required, 1, 3), SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4)])
    static let MS3 = SegmentDefinition(
        "MS3", "Interline Information",
        [
            ElementUse(e140, .mandatory), ElementUse(e133, .mandatory), ElementUse(e19, .relational),
            ElementUse(e91, .optional), ElementUse(e156, .optional),
        ])
    static let AT5 = SegmentDefinition(
        "AT5", "Bill of Lading Handling Requirements",
        [ElementUse(e152, .relational), ElementUse(e560, .relational), ElementUse(e153, .relational)],
        rules: [SyntaxRule(.required, 1, 2, 3)])
    static let PLD = SegmentDefinition(
        "PLD", "Pallet Information",
        [
            ElementUse(e406, .mandatory), ElementUse(e399, .optional), ElementUse(e188, .relational),
            ElementUse(e81, .relational),
        ], rules: [SyntaxRule(.paired, 3, 4)])
    static let LH6 = SegmentDefinition(
        "LH6", "Hazardous Certification",
        [
            ElementUse(e93, .optional), ElementUse(e272, .relational), ElementUse(e273, .relational),
            ElementUse(e273, .optional),
        ], rules: [SyntaxRule(.paired, 2, 3)])
    static let NTE = SegmentDefinition(
        "NTE", "Note/Special Instruction", [ElementUse(e363, .optional), ElementUse(e352, .mandatory)])
    static let N1 = SegmentDefinition(
        "N1", "Name",
        [
            ElementUse(e98, .mandatory), ElementUse(e93, .relational), ElementUse(e66, .relational),
            ElementUse(e67, .relational), ElementUse(e706, .optional), ElementUse(e98, .optional),
        ], rules: [SyntaxRule(.required, 2, 3), SyntaxRule(.paired, 3, 4)])
    static let N2 = SegmentDefinition(
        "N2", "Additional Name Information", [ElementUse(e93, .mandatory), ElementUse(e93, .optional)])
    static let N3 = SegmentDefinition(
        "N3", "Address Information", [ElementUse(e166, .mandatory), ElementUse(e166, .optional)])
    static let N4 = SegmentDefinition(
        "N4", "Geographic Location",
        [
            ElementUse(e19, .optional), ElementUse(e156, .optional), ElementUse(e116, .optional),
            ElementUse(e26, .optional), ElementUse(e309, .relational), ElementUse(e310, .optional),
        ], rules: [SyntaxRule(.conditional, 6, 5)])
    static let G61 = SegmentDefinition(
        "G61", "Contact",
        [
            ElementUse(e366, .mandatory), ElementUse(e93, .mandatory), ElementUse(e365, .relational),
            ElementUse(e364, .relational), ElementUse(e443, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4)])
    static let N7 = SegmentDefinition(
        "N7", "Equipment Details",
        [
            ElementUse(e206, .optional), ElementUse(e207, .mandatory), ElementUse(e81, .relational),
            ElementUse(e187, .relational), ElementUse(e167, .relational), ElementUse(e232, .optional),
            ElementUse(e205, .optional), ElementUse(e183, .relational), ElementUse(e184, .relational),
            ElementUse(e102, .optional), ElementUse(e40, .optional), ElementUse(e140, .optional),
            ElementUse(e319, .optional), ElementUse(e219, .optional), ElementUse(e567, .optional),
            ElementUse(e571, .relational), ElementUse(e188, .optional), ElementUse(e761, .optional),
            ElementUse(e56, .optional), ElementUse(e65, .optional), ElementUse(e189, .optional),
            ElementUse(e24, .optional), ElementUse(e140, .optional), ElementUse(e301, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 8, 9)])
    static let N7A = SegmentDefinition(
        "N7A", "Accessorial Equipment Details",
        [
            ElementUse(e1042, .optional), ElementUse(e82, .optional), ElementUse(e1043, .optional),
            ElementUse(e1044, .optional), ElementUse(e1043, .optional), ElementUse(e1043, .optional),
            ElementUse(e1045, .optional), ElementUse(e1046, .optional), ElementUse(e1047, .optional),
        ])
    static let N7B = SegmentDefinition(
        "N7B", "Additional Equipment Details",
        [
            ElementUse(e1024, .optional), ElementUse(e1025, .optional), ElementUse(e1026, .optional),
            ElementUse(e1030, .optional), ElementUse(e1031, .optional), ElementUse(e127, .optional),
        ])
    static let MEA = SegmentDefinition(
        "MEA", "Measurements",
        [
            ElementUse(e737, .optional), ElementUse(e738, .optional), ElementUse(e739, .relational), C001(.relational),
            ElementUse(e740, .relational), ElementUse(e741, .relational), ElementUse(e935, .optional),
            ElementUse(e936, .relational), ElementUse(e752, .optional), ElementUse(e1373, .optional),
        ],
        rules: [
            SyntaxRule(.required, 3, 5, 6, 8), SyntaxRule(.conditional, 5, 4), SyntaxRule(.conditional, 6, 4),
            SyntaxRule(.listConditional, 7, 3, 5, 6), SyntaxRule(.exclusion, 8, 3),
        ])
    static let M7 = SegmentDefinition(
        "M7", "Seal Numbers",
        [
            ElementUse(e225, .mandatory), ElementUse(e225, .optional), ElementUse(e225, .optional),
            ElementUse(e225, .optional), ElementUse(e98, .optional),
        ])
    static let S5 = SegmentDefinition(
        "S5", "Stop Off Details",
        [
            ElementUse(e165, .mandatory), ElementUse(e163, .mandatory), ElementUse(e81, .relational),
            ElementUse(e188, .relational), ElementUse(e382, .relational), ElementUse(e355, .relational),
            ElementUse(e183, .relational), ElementUse(e184, .relational), ElementUse(e352, .optional),
            ElementUse(e154, .optional), ElementUse(e190, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 5, 6), SyntaxRule(.paired, 7, 8)])
    static let AT8 = SegmentDefinition(
        "AT8", "Shipment Weight, Packaging and Quantity Data",
        [
            ElementUse(e187, .relational), ElementUse(e188, .relational), ElementUse(e81, .relational),
            ElementUse(e80, .optional), ElementUse(e80, .optional), ElementUse(e184, .relational),
            ElementUse(e183, .relational),
        ], rules: [SyntaxRule(.paired, 1, 2, 3), SyntaxRule(.paired, 6, 7)])
    static let LAD = SegmentDefinition(
        "LAD", "Lading Detail",
        [
            ElementUse(e211, .relational), ElementUse(e80, .relational), ElementUse(e188, .relational),
            ElementUse(e395, .relational), ElementUse(e188, .relational), ElementUse(e81, .relational),
            ElementUse(e235, .relational), ElementUse(e234, .relational), ElementUse(e235, .relational),
            ElementUse(e234, .relational), ElementUse(e235, .relational), ElementUse(e234, .relational),
            ElementUse(e79, .optional),
        ],
        rules: [
            SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 5, 6), SyntaxRule(.paired, 7, 8),
            SyntaxRule(.paired, 9, 10), SyntaxRule(.paired, 11, 12),
        ])
    static let L5 = SegmentDefinition(
        "L5", "Description, Marks and Numbers",
        [
            ElementUse(e213, .optional), ElementUse(e79, .optional), ElementUse(e22, .relational),
            ElementUse(e23, .relational), ElementUse(e103, .optional), ElementUse(e87, .relational),
            ElementUse(e88, .optional), ElementUse(e23, .relational), ElementUse(e22, .relational),
            ElementUse(e595, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.conditional, 7, 6), SyntaxRule(.paired, 8, 9)])
    static let LH1 = SegmentDefinition(
        "LH1", "Hazardous Identification Information",
        [
            ElementUse(e355, .mandatory), ElementUse(e80, .mandatory), ElementUse(e277, .optional),
            ElementUse(e200, .optional), ElementUse(e22, .optional), ElementUse(e355, .optional),
            ElementUse(e380, .optional), ElementUse(e595, .optional), ElementUse(e665, .optional),
            ElementUse(e254, .optional), ElementUse(e1375, .optional),
        ])
    static let LH2 = SegmentDefinition(
        "LH2", "Hazardous Classification Information",
        [
            ElementUse(e215, .optional), ElementUse(e983, .optional), ElementUse(e218, .optional),
            ElementUse(e222, .optional), ElementUse(e759, .optional), ElementUse(e355, .relational),
            ElementUse(e408, .relational), ElementUse(e355, .relational), ElementUse(e408, .relational),
            ElementUse(e355, .relational), ElementUse(e408, .relational),
        ], rules: [SyntaxRule(.paired, 6, 7), SyntaxRule(.paired, 8, 9), SyntaxRule(.paired, 10, 11)])
    static let LH3 = SegmentDefinition(
        "LH3", "Hazardous Material Shipping Name",
        [
            ElementUse(e224, .relational), ElementUse(e984, .relational), ElementUse(e985, .optional),
            ElementUse(e1073, .optional),
        ], rules: [SyntaxRule(.paired, 1, 2)])
    static let LFH = SegmentDefinition(
        "LFH", "Freeform Hazardous Material Information",
        [
            ElementUse(e808, .mandatory), ElementUse(e809, .mandatory), ElementUse(e809, .optional),
            ElementUse(e1023, .optional), ElementUse(e355, .relational), ElementUse(e380, .relational),
            ElementUse(e380, .optional),
        ], rules: [SyntaxRule(.paired, 5, 6)])
    static let LEP = SegmentDefinition(
        "LEP", "EPA Required Data",
        [
            ElementUse(e806, .optional), ElementUse(e807, .optional), ElementUse(e156, .relational),
            ElementUse(e127, .relational),
        ], rules: [SyntaxRule(.paired, 3, 4)])
    static let LH4 = SegmentDefinition(
        "LH4", "Canadian Dangerous Requirements",
        [
            ElementUse(e238, .optional), ElementUse(e364, .optional), ElementUse(e254, .optional),
            ElementUse(e230, .optional), ElementUse(e230, .optional), ElementUse(e230, .optional),
            ElementUse(e271, .optional), ElementUse(e267, .relational), ElementUse(e805, .optional),
            ElementUse(e986, .optional), ElementUse(e364, .optional), ElementUse(e355, .relational),
        ])
    static let LHT = SegmentDefinition(
        "LHT", "Transborder Hazardous Requirements",
        [ElementUse(e215, .optional), ElementUse(e218, .optional), ElementUse(e222, .optional)])
    static let OID = SegmentDefinition(
        "OID", "Order Identification Detail",
        [
            ElementUse(e127, .relational), ElementUse(e324, .relational), ElementUse(e127, .optional),
            ElementUse(e355, .relational), ElementUse(e380, .relational), ElementUse(e188, .relational),
            ElementUse(e81, .relational), ElementUse(e184, .relational), ElementUse(e183, .relational),
        ],
        rules: [
            SyntaxRule(.required, 1, 2), SyntaxRule(.conditional, 3, 2), SyntaxRule(.paired, 4, 5),
            SyntaxRule(.paired, 6, 7), SyntaxRule(.paired, 8, 9),
        ])
    static let L3 = SegmentDefinition(
        "L3", "Total Weight and Charges",
        [
            ElementUse(e81, .relational), ElementUse(e187, .relational), ElementUse(e60, .relational),
            ElementUse(e122, .relational), ElementUse(e58, .optional), ElementUse(e191, .optional),
            ElementUse(e117, .optional), ElementUse(e150, .optional), ElementUse(e183, .relational),
            ElementUse(e184, .relational), ElementUse(e80, .optional), ElementUse(e188, .optional),
            ElementUse(e171, .optional), ElementUse(e74, .relational), ElementUse(e122, .relational),
        ],
        rules: [
            SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 9, 10),
            SyntaxRule(.paired, 14, 15),
        ])
    static let B10 = SegmentDefinition(
        "B10", "Beginning Segment for Transportation Carrier Shipment Status Message",
        [
            ElementUse(e127, .relational), ElementUse(e145, .optional), ElementUse(e140, .mandatory),
            ElementUse(e71, .optional), ElementUse(e128, .relational), ElementUse(e127, .relational),
            ElementUse(e1073, .optional),
        ], rules: [SyntaxRule(.required, 1, 2), SyntaxRule(.paired, 5, 6)])
    static let MAN = SegmentDefinition(
        "MAN", "Marks and Numbers",
        [
            ElementUse(e88, .mandatory), ElementUse(e87, .mandatory), ElementUse(e87, .optional),
            ElementUse(e88, .relational), ElementUse(e87, .relational), ElementUse(e87, .optional),
        ], rules: [SyntaxRule(.paired, 4, 5)])
    static let K1 = SegmentDefinition("K1", "Remarks", [ElementUse(e61, .mandatory), ElementUse(e61, .optional)])
    static let LX = SegmentDefinition("LX", "Assigned Number", [ElementUse(e554, .mandatory)])
    static let AT7 = SegmentDefinition(
        "AT7", "Shipment Status Details",
        [
            ElementUse(e1650, .relational), ElementUse(e1651, .relational), ElementUse(e1652, .relational),
            ElementUse(e1651, .relational), ElementUse(e373, .relational), ElementUse(e337, .relational),
            ElementUse(e623, .optional),
        ],
        rules: [
            SyntaxRule(.exclusion, 1, 3), SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4),
            SyntaxRule(.conditional, 6, 5), SyntaxRule(.conditional, 7, 6),
        ])
    static let MS1 = SegmentDefinition(
        "MS1", "Equipment, Shipment, or Real Property Location",
        [
            ElementUse(e19, .relational), ElementUse(e156, .relational), ElementUse(e26, .relational),
            ElementUse(e1654, .relational), ElementUse(e1655, .relational), ElementUse(e1280, .optional),
            ElementUse(e1280, .optional),
        ], rules: [SyntaxRule(.exclusion, 1, 4), SyntaxRule(.paired, 4, 5)])
    static let MS2 = SegmentDefinition(
        "MS2", "Equipment or Container Owner and Type",
        [
            ElementUse(e140, .relational), ElementUse(e207, .relational), ElementUse(e40, .optional),
            ElementUse(e761, .optional),
        ], rules: [SyntaxRule(.paired, 1, 2), SyntaxRule(.conditional, 4, 2)])
    static let Q7 = SegmentDefinition(
        "Q7", "Lading Exception Status",
        [ElementUse(e33, .mandatory), ElementUse(e211, .optional), ElementUse(e80, .relational)])
    static let CD3 = SegmentDefinition(
        "CD3", "Carton (Package) Detail",
        [
            ElementUse(e187, .relational), ElementUse(e81, .relational), ElementUse(e619, .optional),
            ElementUse(e34, .optional), ElementUse(e284, .relational), ElementUse(e108, .optional),
            ElementUse(e122, .relational), ElementUse(e58, .relational), ElementUse(e122, .relational),
            ElementUse(e58, .relational), ElementUse(e284, .relational), ElementUse(e284, .optional),
            ElementUse(e591, .optional), ElementUse(e26, .optional),
        ], rules: [SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 7, 8), SyntaxRule(.paired, 9, 10)])
    static let NM1 = SegmentDefinition(
        "NM1", "Individual or Organizational Name",
        [
            ElementUse(e98, .mandatory), ElementUse(e1065, .mandatory), ElementUse(e1035, .optional),
            ElementUse(e1036, .optional), ElementUse(e1037, .optional), ElementUse(e1038, .optional),
            ElementUse(e1039, .optional), ElementUse(e66, .relational), ElementUse(e67, .relational),
            ElementUse(e706, .relational), ElementUse(e98, .optional),
        ], rules: [SyntaxRule(.paired, 8, 9), SyntaxRule(.conditional, 11, 10)])
    static let PRF = SegmentDefinition(
        "PRF", "Purchase Order Reference",
        [
            ElementUse(e324, .mandatory), ElementUse(e328, .optional), ElementUse(e327, .optional),
            ElementUse(e373, .optional), ElementUse(e350, .optional), ElementUse(e367, .optional),
            ElementUse(e92, .optional),
        ])
    static let SPO = SegmentDefinition(
        "SPO", "Shipment Purchase Order Detail",
        [
            ElementUse(e324, .mandatory), ElementUse(e127, .optional), ElementUse(e355, .relational),
            ElementUse(e380, .relational), ElementUse(e188, .relational), ElementUse(e81, .relational),
            ElementUse(e647, .optional), ElementUse(e127, .optional),
        ], rules: [SyntaxRule(.paired, 3, 4), SyntaxRule(.paired, 5, 6)])
    static let SDQ = SegmentDefinition(
        "SDQ", "Destination Quantity",
        [
            ElementUse(e355, .mandatory), ElementUse(e66, .optional), ElementUse(e67, .mandatory),
            ElementUse(e380, .mandatory), ElementUse(e67, .relational), ElementUse(e380, .relational),
            ElementUse(e67, .relational), ElementUse(e380, .relational), ElementUse(e67, .relational),
            ElementUse(e380, .relational), ElementUse(e67, .relational), ElementUse(e380, .relational),
            ElementUse(e67, .relational), ElementUse(e380, .relational), ElementUse(e67, .relational),
            ElementUse(e380, .relational), ElementUse(e67, .relational), ElementUse(e380, .relational),
            ElementUse(e67, .relational), ElementUse(e380, .relational), ElementUse(e67, .relational),
            ElementUse(e380, .relational), ElementUse(e310, .optional),
        ],
        rules: [
            SyntaxRule(.paired, 5, 6), SyntaxRule(.paired, 7, 8), SyntaxRule(.paired, 9, 10),
            SyntaxRule(.paired, 11, 12), SyntaxRule(.paired, 13, 14), SyntaxRule(.paired, 15, 16),
            SyntaxRule(.paired, 17, 18), SyntaxRule(.paired, 19, 20), SyntaxRule(.paired, 21, 22),
        ])
    static let EFI = SegmentDefinition(
        "EFI", "Electronic Format Identification",
        [
            ElementUse(e786, .mandatory), ElementUse(e933, .optional), ElementUse(e797, .optional),
            ElementUse(e799, .relational), ElementUse(e802, .optional), ElementUse(e799, .relational),
            ElementUse(e801, .optional), ElementUse(e799, .relational), ElementUse(e800, .optional),
            ElementUse(e789, .optional), ElementUse(e803, .optional), ElementUse(e804, .optional),
            ElementUse(e787, .optional), ElementUse(e788, .optional), ElementUse(e799, .relational),
            ElementUse(e1570, .relational),
        ])
    static let BIN = SegmentDefinition(
        "BIN", "Binary Data", [ElementUse(e784, .mandatory), ElementUse(e785, .mandatory)])
    static let B3 = SegmentDefinition(
        "B3", "Beginning Segment for Carrier's Invoice",
        [
            ElementUse(e147, .optional), ElementUse(e76, .mandatory), ElementUse(e145, .optional),
            ElementUse(e146, .mandatory), ElementUse(e188, .optional), ElementUse(e373, .mandatory),
            ElementUse(e193, .mandatory), ElementUse(e202, .optional), ElementUse(e32, .relational),
            ElementUse(e374, .relational), ElementUse(e140, .mandatory), ElementUse(e373, .optional),
            ElementUse(e375, .optional), ElementUse(e335, .optional),
        ], rules: [SyntaxRule(.paired, 9, 10)])
    static let C2 = SegmentDefinition(
        "C2", "Bank ID",
        [
            ElementUse(e8, .mandatory), ElementUse(e66, .mandatory), ElementUse(e67, .mandatory),
            ElementUse(e20, .optional), ElementUse(e7, .optional), ElementUse(e107, .optional),
            ElementUse(e373, .optional),
        ])
    static let C3 = SegmentDefinition(
        "C3", "Currency",
        [
            ElementUse(e100, .mandatory), ElementUse(e280, .optional), ElementUse(e100, .optional),
            ElementUse(e100, .optional),
        ])
    static let ITD = SegmentDefinition(
        "ITD", "Terms of Sale/Deferred Terms of Sale",
        [
            ElementUse(e336, .optional), ElementUse(e333, .optional), ElementUse(e338, .optional),
            ElementUse(e370, .relational), ElementUse(e351, .relational), ElementUse(e446, .optional),
            ElementUse(e386, .optional), ElementUse(e362, .optional), ElementUse(e388, .optional),
            ElementUse(e389, .relational), ElementUse(e342, .relational), ElementUse(e352, .optional),
            ElementUse(e765, .relational), ElementUse(e107, .optional), ElementUse(e954, .optional),
        ])
    static let N9 = SegmentDefinition(
        "N9", "Reference Identification",
        [
            ElementUse(e128, .mandatory), ElementUse(e127, .relational), ElementUse(e369, .relational),
            ElementUse(e373, .optional), ElementUse(e337, .relational), ElementUse(e623, .optional), C040(.optional),
        ], rules: [SyntaxRule(.required, 2, 3), SyntaxRule(.conditional, 6, 5)])
    static let R3 = SegmentDefinition(
        "R3", "Route Information - Motor",
        [
            ElementUse(e140, .mandatory), ElementUse(e133, .mandatory), ElementUse(e19, .optional),
            ElementUse(e91, .optional), ElementUse(e154, .optional), ElementUse(e76, .optional),
            ElementUse(e373, .optional), ElementUse(e610, .optional), ElementUse(e369, .optional),
            ElementUse(e284, .relational), ElementUse(e284, .relational), ElementUse(e284, .optional),
        ])
    static let H3 = SegmentDefinition(
        "H3", "Special Handling Instructions",
        [
            ElementUse(e152, .relational), ElementUse(e153, .relational), ElementUse(e241, .optional),
            ElementUse(e242, .optional), ElementUse(e257, .optional),
        ], rules: [SyntaxRule(.required, 1, 2)])
    static let POD = SegmentDefinition(
        "POD", "Proof of Delivery",
        [ElementUse(e373, .mandatory), ElementUse(e337, .optional), ElementUse(e93, .mandatory)])
    static let H1 = SegmentDefinition(
        "H1", "Hazardous Material",
        [
            ElementUse(e62, .mandatory), ElementUse(e209, .optional), ElementUse(e208, .optional),
            ElementUse(e64, .optional), ElementUse(e63, .optional), ElementUse(e200, .optional),
            ElementUse(e77, .relational), ElementUse(e355, .relational), ElementUse(e254, .optional),
        ], rules: [SyntaxRule(.paired, 7, 8)])
    static let H2 = SegmentDefinition(
        "H2", "Additional Hazardous Material Description", [ElementUse(e64, .mandatory), ElementUse(e274, .optional)])
    static let H6 = SegmentDefinition(
        "H6", "Special Services",
        [
            ElementUse(e560, .relational), ElementUse(e560, .optional), ElementUse(e406, .optional),
            ElementUse(e399, .optional), ElementUse(e81, .optional), ElementUse(e188, .optional),
            ElementUse(e108, .relational),
        ])
    static let L0 = SegmentDefinition(
        "L0", "Line Item - Quantity and Weight",
        [
            ElementUse(e213, .optional), ElementUse(e220, .relational), ElementUse(e221, .relational),
            ElementUse(e81, .relational), ElementUse(e187, .relational), ElementUse(e183, .relational),
            ElementUse(e184, .relational), ElementUse(e80, .relational), ElementUse(e211, .relational),
            ElementUse(e458, .optional), ElementUse(e188, .optional), ElementUse(e56, .optional),
            ElementUse(e380, .relational), ElementUse(e211, .optional), ElementUse(e1073, .relational),
        ],
        rules: [
            SyntaxRule(.paired, 2, 3), SyntaxRule(.paired, 4, 5), SyntaxRule(.paired, 6, 7), SyntaxRule(.paired, 8, 9),
        ])
    static let L1 = SegmentDefinition(
        "L1", "Rate and Charges",
        [
            ElementUse(e213, .optional), ElementUse(e60, .relational), ElementUse(e122, .relational),
            ElementUse(e58, .relational), ElementUse(e191, .relational), ElementUse(e117, .relational),
            ElementUse(e120, .optional), ElementUse(e150, .optional), ElementUse(e121, .optional),
            ElementUse(e39, .optional), ElementUse(e16, .optional), ElementUse(e276, .optional),
            ElementUse(e257, .optional), ElementUse(e74, .relational), ElementUse(e122, .relational),
            ElementUse(e372, .optional), ElementUse(e220, .relational), ElementUse(e221, .relational),
            ElementUse(e954, .optional), ElementUse(e100, .optional), ElementUse(e610, .optional),
        ],
        rules: [
            SyntaxRule(.paired, 2, 3), SyntaxRule(.required, 4, 5, 6), SyntaxRule(.paired, 14, 15),
            SyntaxRule(.paired, 17, 18),
        ])
    static let L4 = SegmentDefinition(
        "L4", "Measurement",
        [
            ElementUse(e82, .mandatory), ElementUse(e189, .mandatory), ElementUse(e65, .mandatory),
            ElementUse(e90, .mandatory), ElementUse(e380, .optional), ElementUse(e1271, .optional),
        ])
    static let L7 = SegmentDefinition(
        "L7", "Tariff Reference",
        [
            ElementUse(e213, .optional), ElementUse(e168, .optional), ElementUse(e171, .optional),
            ElementUse(e172, .optional), ElementUse(e169, .optional), ElementUse(e170, .optional),
            ElementUse(e59, .optional), ElementUse(e173, .optional), ElementUse(e46, .optional),
            ElementUse(e373, .optional), ElementUse(e119, .optional), ElementUse(e227, .optional),
            ElementUse(e294, .optional), ElementUse(e295, .optional), ElementUse(e19, .optional),
            ElementUse(e156, .optional),
        ])
    static let B1 = SegmentDefinition(
        "B1", "Beginning Segment for Booking or Pick-up/Delivery",
        [
            ElementUse(e140, .optional), ElementUse(e145, .mandatory), ElementUse(e373, .optional),
            ElementUse(e558, .optional),
        ])
    static let V9 = SegmentDefinition(
        "V9", "Event Detail",
        [
            ElementUse(e304, .mandatory), ElementUse(e106, .optional), ElementUse(e373, .optional),
            ElementUse(e337, .relational), ElementUse(e19, .optional), ElementUse(e156, .optional),
            ElementUse(e26, .optional), ElementUse(e641, .optional), ElementUse(e154, .relational),
            ElementUse(e380, .relational), ElementUse(e1274, .relational), ElementUse(e61, .optional),
            ElementUse(e623, .optional), ElementUse(e380, .optional), ElementUse(e154, .optional),
            ElementUse(e86, .optional), ElementUse(e86, .optional), ElementUse(e86, .optional),
            ElementUse(e81, .optional), ElementUse(e82, .optional),
        ], rules: [SyntaxRule(.conditional, 4, 3)])
    static let L9 = SegmentDefinition(
        "L9", "Charge Detail", [ElementUse(e150, .mandatory), ElementUse(e782, .mandatory)])
}
