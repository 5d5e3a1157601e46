// Data elements and composites of the X12 004010 tables Crossdock ships. Facts from the 004010 standard
// dictionary; a code list marked `closed: false` is known to be incomplete (codes outside it are warnings).

extension V4010 {
    // MARK: Elements

    static let e2 = ElementDefinition(2, "Number of Accepted Transaction Sets", .numeric(decimals: 0), 1, 6)
    static let e7 = ElementDefinition(7, "Bank Account Number", .string, 3, 35)
    static let e8 = ElementDefinition(8, "Bank Client Code", .identifier, 1, 1)
    static let e16 = ElementDefinition(16, "Charge Method of Payment", .identifier, 1, 1)
    static let e19 = ElementDefinition(19, "City Name", .string, 2, 30)
    static let e20 = ElementDefinition(20, "Client Bank Number", .string, 3, 12)
    static let e22 = ElementDefinition(22, "Commodity Code", .string, 1, 30)
    static let e23 = ElementDefinition(23, "Commodity Code Qualifier", .identifier, 1, 1)
    static let e24 = ElementDefinition(24, "Equipment Type", .identifier, 4, 4)
    static let e26 = ElementDefinition(26, "Country Code", .identifier, 2, 3)
    static let e28 = ElementDefinition(28, "Group Control Number", .numeric(decimals: 0), 1, 9)
    static let e32 = ElementDefinition(32, "Delivery Date", .date, 8, 8)
    static let e33 = ElementDefinition(33, "Lading Exception Code", .identifier, 1, 1)
    static let e34 = ElementDefinition(34, "Service Standard", .numeric(decimals: 0), 1, 4)
    static let e39 = ElementDefinition(39, "Entitlement Code", .identifier, 1, 1)
    static let e40 = ElementDefinition(40, "Equipment Description Code", .identifier, 2, 2)
    static let e46 = ElementDefinition(46, "Ex Parte", .string, 4, 4)
    static let e56 = ElementDefinition(56, "Type of Service Code", .identifier, 2, 2)
    static let e58 = ElementDefinition(58, "Charge", .numeric(decimals: 2), 1, 12)
    static let e59 = ElementDefinition(59, "Freight Class Code", .identifier, 2, 5)
    static let e60 = ElementDefinition(60, "Freight Rate", .decimal, 1, 9)
    static let e61 = ElementDefinition(61, "Free-Form Message", .string, 1, 30)
    static let e62 = ElementDefinition(62, "Hazardous Material Code", .string, 4, 10)
    static let e63 = ElementDefinition(63, "Hazardous Material Contact", .string, 1, 24)
    static let e64 = ElementDefinition(64, "Hazardous Material Description", .string, 2, 30)
    static let e65 = ElementDefinition(65, "Height", .decimal, 1, 8)
    static let e66 = ElementDefinition(
        66, "Identification Code Qualifier", .identifier, 1, 2,
        codes: CodeList(
            element: 66, "1", "2", "9", "10", "91", "92", "93", "94", "C5", "D5", "FI", "PI", "SL", "SN", "UL", "ZZ",
            "20", "21", "24", "25", "ZN", closed: false))
    static let e67 = ElementDefinition(67, "Identification Code", .string, 2, 80)
    static let e71 = ElementDefinition(71, "Inquiry Request Number", .numeric(decimals: 0), 1, 3)
    static let e74 = ElementDefinition(74, "Declared Value", .numeric(decimals: 2), 2, 12)
    static let e76 = ElementDefinition(76, "Invoice Number", .string, 1, 22)
    static let e77 = ElementDefinition(77, "Flashpoint Temperature", .numeric(decimals: 0), 1, 3)
    static let e79 = ElementDefinition(79, "Lading Description", .string, 1, 50)
    static let e80 = ElementDefinition(80, "Lading Quantity", .numeric(decimals: 0), 1, 7)
    static let e81 = ElementDefinition(81, "Weight", .decimal, 1, 10)
    static let e82 = ElementDefinition(82, "Length", .decimal, 1, 8)
    static let e86 = ElementDefinition(86, "Total Equipment", .numeric(decimals: 0), 1, 3)
    static let e87 = ElementDefinition(87, "Marks and Numbers", .string, 1, 48)
    static let e88 = ElementDefinition(88, "Marks and Numbers Qualifier", .identifier, 1, 2)
    static let e90 = ElementDefinition(90, "Measurement Unit Qualifier", .identifier, 1, 1)
    static let e91 = ElementDefinition(91, "Transportation Method/Type Code", .identifier, 1, 2)
    static let e92 = ElementDefinition(92, "Purchase Order Type Code", .identifier, 2, 2)
    static let e93 = ElementDefinition(93, "Name", .string, 1, 60)
    static let e96 = ElementDefinition(96, "Number of Included Segments", .numeric(decimals: 0), 1, 10)
    static let e97 = ElementDefinition(97, "Number of Transaction Sets Included", .numeric(decimals: 0), 1, 6)
    static let e98 = ElementDefinition(
        98, "Entity Identifier Code", .identifier, 2, 3,
        codes: CodeList(
            element: 98, "1T", "AK", "BT", "BY", "CA", "CN", "CZ", "DA", "DE", "EN", "FW", "II", "LW", "MA", "MF", "N1",
            "N2", "OB", "OT", "PF", "PR", "PW", "RE", "SE", "SF", "SH", "SO", "SS", "ST", "SU", "TP", "TT", "VN", "WH",
            "ZZ", "41", "40", "NA", "NF", "PN", "PT", "SJ", "SK", "SP", "SV", "TR", "UC", "WL", closed: false))
    static let e100 = ElementDefinition(
        100, "Currency Code", .identifier, 3, 3,
        codes: CodeList(element: 100, "AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "JPY", "MXN", "USD", closed: false))
    static let e102 = ElementDefinition(102, "Ownership Code", .identifier, 1, 1)
    static let e103 = ElementDefinition(103, "Packaging Code", .string, 3, 5)
    static let e106 = ElementDefinition(106, "Event", .string, 1, 25)
    static let e107 = ElementDefinition(107, "Payment Method Code", .identifier, 1, 2)
    static let e108 = ElementDefinition(108, "Pick-up or Delivery Code", .identifier, 1, 2)
    static let e116 = ElementDefinition(116, "Postal Code", .identifier, 3, 15)
    static let e117 = ElementDefinition(117, "Prepaid Amount", .numeric(decimals: 2), 1, 9)
    static let e119 = ElementDefinition(119, "Rate Basis Number", .string, 1, 4)
    static let e120 = ElementDefinition(120, "Rate Combination Point Code", .string, 3, 9)
    static let e121 = ElementDefinition(121, "Rate Class Code", .identifier, 1, 3)
    static let e122 = ElementDefinition(
        122, "Rate/Value Qualifier", .identifier, 2, 2,
        codes: CodeList(
            element: 122, "AB", "AR", "CA", "CW", "DF", "DM", "DW", "FC", "FR", "HC", "LB", "LR", "LS", "MR", "PA",
            "PC", "PD", "PH", "PM", "PP", "PS", "PU", "PW", "RC", "SM", "SR", "TN", "TO", "WC", "WM", closed: false))
    static let e123 = ElementDefinition(123, "Number of Received Transaction Sets", .numeric(decimals: 0), 1, 6)
    static let e127 = ElementDefinition(127, "Reference Identification", .string, 1, 30)
    static let e128 = ElementDefinition(
        128, "Reference Identification Qualifier", .identifier, 2, 3,
        codes: CodeList(
            element: 128, "2I", "4B", "AO", "AQ", "BL", "BM", "BN", "CG", "CN", "CO", "CR", "DO", "DP", "ER", "FT",
            "IA", "IK", "IV", "JB", "KK", "LO", "MB", "OQ", "PO", "PM", "QN", "RU", "SCA", "SI", "SN", "WY", "ZZ", "06",
            "11", "12", "14", "23", "AE", "AW", "BX", "CB", "CI", "CM", "CT", "DJ", "EQ", "FN", "IX", "LD", "LT", "MA",
            "MR", "OI", "P8", "PK", "PN", "RF", "RN", "SO", "TN", "UR", "WO", closed: false))
    static let e133 = ElementDefinition(133, "Routing Sequence Code", .identifier, 1, 2)
    static let e140 = ElementDefinition(140, "Standard Carrier Alpha Code", .identifier, 2, 4)
    static let e143 = ElementDefinition(143, "Transaction Set Identifier Code", .identifier, 3, 3)
    static let e145 = ElementDefinition(145, "Shipment Identification Number", .string, 1, 30)
    static let e146 = ElementDefinition(
        146, "Shipment Method of Payment", .identifier, 2, 2,
        codes: CodeList(
            element: 146, "11", "BP", "CA", "CC", "CD", "CF", "DE", "DF", "FO", "HP", "MX", "NC", "NR", "PA", "PB",
            "PC", "PD", "PE", "PL", "PO", "PP", "PS", "PU", "RC", "RF", "RS", "TP", "WC"))
    static let e147 = ElementDefinition(147, "Shipment Qualifier", .identifier, 1, 1)
    static let e150 = ElementDefinition(
        150, "Special Charge or Allowance Code", .identifier, 3, 3,
        codes: CodeList(
            element: 150, "400", "405", "ACC", "ADV", "AFA", "BBB", "CSC", "DCF", "DEM", "DET", "DSC", "DTV", "EXL",
            "EXO", "FAS", "FUE", "FSC", "GST", "HZD", "HHB", "INS", "LAY", "LDC", "LFT", "LOA", "MSC", "OVR", "PUC",
            "RES", "SCL", "SSC", "STP", "STR", "SUR", "TAX", "TOL", "TRA", "UND", "WTS", "ZZZ", "FCD", closed: false))
    static let e152 = ElementDefinition(152, "Special Handling Code", .identifier, 2, 3)
    static let e153 = ElementDefinition(153, "Special Handling Description", .string, 2, 30)
    static let e154 = ElementDefinition(154, "Standard Point Location Code", .identifier, 6, 9)
    static let e156 = ElementDefinition(156, "State or Province Code", .identifier, 2, 2)
    static let e163 = ElementDefinition(
        163, "Stop Reason Code", .identifier, 2, 2,
        codes: CodeList(
            element: 163, "CL", "CU", "DT", "LD", "PA", "PL", "PU", "SL", "SU", "TL", "UL", "DR", "CN", "CP", "DN",
            "DC", "PR", "PT", "RP", "RT", "ST", "TR", "WL", closed: false))
    static let e165 = ElementDefinition(165, "Stop Sequence Number", .numeric(decimals: 0), 1, 3)
    static let e166 = ElementDefinition(166, "Address Information", .string, 1, 55)
    static let e167 = ElementDefinition(167, "Tare Weight", .numeric(decimals: 0), 3, 8)
    static let e168 = ElementDefinition(168, "Tariff Agency Code", .identifier, 1, 4)
    static let e169 = ElementDefinition(169, "Tariff Item Number", .string, 1, 16)
    static let e170 = ElementDefinition(170, "Tariff Item Part", .numeric(decimals: 0), 1, 2)
    static let e171 = ElementDefinition(171, "Tariff Number", .string, 1, 7)
    static let e172 = ElementDefinition(172, "Tariff Section", .string, 1, 2)
    static let e173 = ElementDefinition(173, "Tariff Supplement Identifier", .string, 1, 4)
    static let e176 = ElementDefinition(
        176, "Time Qualifier", .identifier, 1, 2,
        codes: CodeList(
            element: 176, "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
            "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", closed: false))
    static let e183 = ElementDefinition(183, "Volume", .decimal, 1, 8)
    static let e184 = ElementDefinition(
        184, "Volume Unit Qualifier", .identifier, 1, 1,
        codes: CodeList(element: 184, "C", "E", "F", "H", "N", "X", closed: false))
    static let e187 = ElementDefinition(
        187, "Weight Qualifier", .identifier, 1, 2,
        codes: CodeList(element: 187, "A", "B", "E", "G", "N", "X", closed: false))
    static let e188 = ElementDefinition(
        188, "Weight Unit Code", .identifier, 1, 1,
        codes: CodeList(element: 188, "E", "G", "K", "L", "M", "S", "T", closed: false))
    static let e189 = ElementDefinition(189, "Width", .decimal, 1, 8)
    static let e190 = ElementDefinition(190, "Accomplish Code", .identifier, 1, 1)
    static let e191 = ElementDefinition(191, "Advances", .numeric(decimals: 2), 1, 9)
    static let e193 = ElementDefinition(193, "Net Amount Due", .numeric(decimals: 2), 1, 12)
    static let e200 = ElementDefinition(200, "Hazardous Materials Page", .string, 1, 6)
    static let e202 = ElementDefinition(202, "Correction Indicator", .identifier, 2, 2)
    static let e205 = ElementDefinition(205, "Dunnage", .numeric(decimals: 0), 1, 6)
    static let e206 = ElementDefinition(206, "Equipment Initial", .string, 1, 4)
    static let e207 = ElementDefinition(207, "Equipment Number", .string, 1, 10)
    static let e208 = ElementDefinition(208, "Hazardous Material Code Qualifier", .identifier, 1, 1)
    static let e209 = ElementDefinition(209, "Hazardous Material Class Code", .string, 1, 4)
    static let e211 = ElementDefinition(211, "Packaging Form Code", .identifier, 3, 3)
    static let e213 = ElementDefinition(213, "Lading Line Item Number", .numeric(decimals: 0), 1, 3)
    static let e215 = ElementDefinition(215, "Hazardous Classification", .string, 1, 30)
    static let e218 = ElementDefinition(218, "Hazardous Placard Notation", .string, 14, 40)
    static let e219 = ElementDefinition(219, "Position", .string, 1, 3)
    static let e220 = ElementDefinition(220, "Billed/Rated-as Quantity", .decimal, 1, 11)
    static let e221 = ElementDefinition(221, "Billed/Rated-as Qualifier", .identifier, 2, 2)
    static let e222 = ElementDefinition(222, "Hazardous Endorsement", .string, 4, 25)
    static let e224 = ElementDefinition(224, "Hazardous Material Shipping Name", .string, 1, 250)
    static let e225 = ElementDefinition(225, "Seal Number", .string, 2, 15)
    static let e227 = ElementDefinition(227, "Tariff Column", .string, 1, 2)
    static let e230 = ElementDefinition(230, "Subsidiary Classification", .identifier, 1, 3)
    static let e232 = ElementDefinition(232, "Weight Allowance", .numeric(decimals: 0), 2, 6)
    static let e234 = ElementDefinition(234, "Product/Service ID", .string, 1, 48)
    static let e235 = ElementDefinition(235, "Product/Service ID Qualifier", .identifier, 2, 2)
    static let e238 = ElementDefinition(238, "Emergency Response Plan Number", .string, 1, 12)
    static let e241 = ElementDefinition(241, "Protective Service Code", .identifier, 1, 4)
    static let e242 = ElementDefinition(242, "Vent Instruction Code", .identifier, 1, 1)
    static let e254 = ElementDefinition(254, "Packing Group Code", .identifier, 1, 3)
    static let e257 = ElementDefinition(257, "Tariff Application Code", .identifier, 1, 1)
    static let e267 = ElementDefinition(267, "Net Explosive Quantity", .decimal, 1, 10)
    static let e271 = ElementDefinition(271, "Subsidiary Risk Indicator", .string, 1, 7)
    static let e272 = ElementDefinition(272, "Hazardous Certification Code", .identifier, 1, 1)
    static let e273 = ElementDefinition(273, "Hazardous Certification Declaration", .string, 1, 25)
    static let e274 = ElementDefinition(274, "Hazardous Material Classification", .string, 1, 30)
    static let e276 = ElementDefinition(276, "Special Charge Description", .string, 2, 25)
    static let e277 = ElementDefinition(277, "UN/NA Identification Code", .string, 6, 6)
    static let e280 = ElementDefinition(280, "Exchange Rate", .decimal, 4, 10)
    static let e284 = ElementDefinition(284, "Service Level Code", .identifier, 2, 2)
    static let e294 = ElementDefinition(294, "Tariff Distance", .numeric(decimals: 0), 1, 5)
    static let e295 = ElementDefinition(295, "Distance Qualifier", .identifier, 1, 1)
    static let e301 = ElementDefinition(301, "Car Type Code", .identifier, 1, 4)
    static let e304 = ElementDefinition(304, "Event Code", .identifier, 2, 3)
    static let e309 = ElementDefinition(309, "Location Qualifier", .identifier, 1, 2)
    static let e310 = ElementDefinition(310, "Location Identifier", .string, 1, 30)
    static let e319 = ElementDefinition(319, "Temperature Control", .string, 3, 6)
    static let e324 = ElementDefinition(324, "Purchase Order Number", .string, 1, 22)
    static let e327 = ElementDefinition(327, "Change Order Sequence Number", .string, 1, 8)
    static let e328 = ElementDefinition(328, "Release Number", .string, 1, 30)
    static let e329 = ElementDefinition(329, "Transaction Set Control Number", .string, 4, 9)
    static let e333 = ElementDefinition(333, "Terms Basis Date Code", .identifier, 1, 2)
    static let e335 = ElementDefinition(335, "Transportation Terms Code", .identifier, 3, 3)
    static let e336 = ElementDefinition(336, "Terms Type Code", .identifier, 2, 2)
    static let e337 = ElementDefinition(337, "Time", .time, 4, 8)
    static let e338 = ElementDefinition(338, "Terms Discount Percent", .decimal, 1, 6)
    static let e342 = ElementDefinition(342, "Percent of Invoice Payable", .decimal, 1, 5)
    static let e346 = ElementDefinition(
        346, "Application Type", .identifier, 2, 2, codes: CodeList(element: 346, "FR", "LT", "PC", "PS", closed: false)
    )
    static let e350 = ElementDefinition(350, "Assigned Identification", .string, 1, 20)
    static let e351 = ElementDefinition(351, "Terms Discount Days Due", .numeric(decimals: 0), 1, 3)
    static let e352 = ElementDefinition(352, "Description", .string, 1, 80)
    static let e353 = ElementDefinition(
        353, "Transaction Set Purpose Code", .identifier, 2, 2,
        codes: CodeList(
            element: 353, "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
            "15", "16", "17", "18", "19", "20", "21", "22", "24", "25", "26", "27", "28", "30", "31", "32", "33", "34",
            "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52",
            "53", "54", "55", "56", "5C", "CN", "CO", "EX", "GR", "PR", "RH", "RV", "SU", "ZZ"))
    static let e355 = ElementDefinition(355, "Unit or Basis for Measurement Code", .identifier, 2, 2)
    static let e362 = ElementDefinition(362, "Terms Discount Amount", .numeric(decimals: 2), 1, 10)
    static let e363 = ElementDefinition(363, "Note Reference Code", .identifier, 3, 3)
    static let e364 = ElementDefinition(364, "Communication Number", .string, 1, 80)
    static let e365 = ElementDefinition(365, "Communication Number Qualifier", .identifier, 2, 2)
    static let e366 = ElementDefinition(366, "Contact Function Code", .identifier, 2, 2)
    static let e367 = ElementDefinition(367, "Contract Number", .string, 1, 30)
    static let e369 = ElementDefinition(369, "Free-form Description", .string, 1, 45)
    static let e370 = ElementDefinition(370, "Terms Discount Due Date", .date, 8, 8)
    static let e372 = ElementDefinition(372, "Lading Liability Code", .identifier, 1, 1)
    static let e373 = ElementDefinition(373, "Date", .date, 8, 8)
    static let e374 = ElementDefinition(374, "Date/Time Qualifier", .identifier, 3, 3)
    static let e375 = ElementDefinition(375, "Tariff Service Code", .identifier, 2, 2)
    static let e380 = ElementDefinition(380, "Quantity", .decimal, 1, 15)
    static let e382 = ElementDefinition(382, "Number of Units Shipped", .decimal, 1, 10)
    static let e386 = ElementDefinition(386, "Terms Net Days", .numeric(decimals: 0), 1, 3)
    static let e388 = ElementDefinition(388, "Terms Deferred Due Date", .date, 8, 8)
    static let e389 = ElementDefinition(389, "Deferred Amount Due", .numeric(decimals: 2), 1, 10)
    static let e395 = ElementDefinition(395, "Unit Weight", .decimal, 1, 8)
    static let e399 = ElementDefinition(399, "Pallet Exchange Code", .identifier, 1, 1)
    static let e406 = ElementDefinition(406, "Quantity of Pallets Shipped", .numeric(decimals: 0), 1, 3)
    static let e408 = ElementDefinition(408, "Temperature", .decimal, 1, 4)
    static let e432 = ElementDefinition(
        432, "Date Qualifier", .identifier, 2, 2,
        codes: CodeList(
            element: 432, "02", "10", "11", "17", "35", "37", "38", "53", "54", "64", "68", "69", "70", "85", "86",
            "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR",
            "AS", "AT", "AU", "AV", "AW", "AX", "AY", "AZ", "BA", "BB", "BC", "BD", "BE", "BF", "BG", "BH", "BI", "BJ",
            "BK", "BL", "BM", "BN", "BO", "BP", "BQ", "BR", "BS", "BT", "BU", "BV", "BW", "BX", "BY", "BZ", "CA", "CB",
            "CC", "CD", "CE", "CF", closed: false))
    static let e443 = ElementDefinition(443, "Contact Inquiry Reference", .string, 1, 20)
    static let e446 = ElementDefinition(446, "Terms Net Due Date", .date, 8, 8)
    static let e447 = ElementDefinition(447, "Loop Identifier Code", .string, 1, 6)
    static let e458 = ElementDefinition(458, "Dunnage Description", .string, 2, 25)
    static let e460 = ElementDefinition(460, "Shipment Weight Code", .identifier, 1, 1)
    static let e479 = ElementDefinition(479, "Functional Identifier Code", .identifier, 2, 2)
    static let e501 = ElementDefinition(501, "Customs Documentation Handling Code", .identifier, 2, 2)
    static let e554 = ElementDefinition(554, "Assigned Number", .numeric(decimals: 0), 1, 6)
    static let e558 = ElementDefinition(
        558, "Reservation Action Code", .identifier, 1, 1,
        codes: CodeList(element: 558, "A", "B", "C", "D", "N", "R", "U"))
    static let e560 = ElementDefinition(560, "Special Services Code", .identifier, 2, 10)
    static let e567 = ElementDefinition(567, "Equipment Length", .numeric(decimals: 0), 4, 5)
    static let e571 = ElementDefinition(571, "Tare Qualifier Code", .identifier, 1, 1)
    static let e591 = ElementDefinition(591, "Payment Method Code", .identifier, 3, 3)
    static let e595 = ElementDefinition(595, "Compartment ID Code", .identifier, 1, 1)
    static let e610 = ElementDefinition(610, "Amount", .numeric(decimals: 2), 1, 15)
    static let e619 = ElementDefinition(619, "Zone", .string, 1, 3)
    static let e623 = ElementDefinition(
        623, "Time Code", .identifier, 2, 2,
        codes: CodeList(
            element: 623, "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
            "16", "17", "18", "19", "20", "21", "22", "23", "24", "AD", "AS", "AT", "CD", "CS", "CT", "ED", "ES", "ET",
            "GM", "HD", "HS", "HT", "LT", "MD", "MS", "MT", "ND", "NS", "NT", "PD", "PS", "PT", "TD", "TS", "TT", "UT",
            closed: false))
    static let e641 = ElementDefinition(641, "Status Reason Code", .identifier, 3, 3)
    static let e647 = ElementDefinition(647, "Activity Code", .identifier, 2, 2)
    static let e649 = ElementDefinition(649, "Multiplier", .decimal, 1, 10)
    static let e665 = ElementDefinition(665, "Residue Indicator Code", .identifier, 1, 1)
    static let e706 = ElementDefinition(706, "Entity Relationship Code", .identifier, 2, 2)
    static let e715 = ElementDefinition(
        715, "Functional Group Acknowledge Code", .identifier, 1, 1,
        codes: CodeList(element: 715, "A", "E", "M", "P", "R", "W", "X"))
    static let e716 = ElementDefinition(
        716, "Functional Group Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 716, "1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
            "20", "21", "22", "23", "24", "25", "26", closed: false))
    static let e717 = ElementDefinition(
        717, "Transaction Set Acknowledgment Code", .identifier, 1, 1,
        codes: CodeList(element: 717, "A", "E", "M", "R", "W", "X"))
    static let e718 = ElementDefinition(
        718, "Transaction Set Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(
            element: 718, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
            "19", "20", "21", "22", "23", "24", "25", "26", "27", closed: false))
    static let e719 = ElementDefinition(719, "Segment Position in Transaction Set", .numeric(decimals: 0), 1, 6)
    static let e720 = ElementDefinition(
        720, "Segment Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 720, "1", "2", "3", "4", "5", "6", "7", "8", closed: false))
    static let e721 = ElementDefinition(721, "Segment ID Code", .identifier, 2, 3)
    static let e722 = ElementDefinition(722, "Element Position in Segment", .numeric(decimals: 0), 1, 2)
    static let e723 = ElementDefinition(
        723, "Data Element Syntax Error Code", .identifier, 1, 3,
        codes: CodeList(element: 723, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", closed: false))
    static let e724 = ElementDefinition(724, "Copy of Bad Data Element", .string, 1, 99)
    static let e725 = ElementDefinition(725, "Data Element Reference Number", .numeric(decimals: 0), 1, 4)
    static let e737 = ElementDefinition(737, "Measurement Reference ID Code", .identifier, 2, 2)
    static let e738 = ElementDefinition(738, "Measurement Qualifier", .identifier, 1, 3)
    static let e739 = ElementDefinition(739, "Measurement Value", .decimal, 1, 20)
    static let e740 = ElementDefinition(740, "Range Minimum", .decimal, 1, 20)
    static let e741 = ElementDefinition(741, "Range Maximum", .decimal, 1, 20)
    static let e752 = ElementDefinition(752, "Surface/Layer/Position Code", .identifier, 2, 2)
    static let e759 = ElementDefinition(759, "Reportable Quantity Code", .identifier, 2, 2)
    static let e761 = ElementDefinition(761, "Check Digit", .numeric(decimals: 0), 1, 1)
    static let e765 = ElementDefinition(765, "Day of Month", .numeric(decimals: 0), 1, 2)
    static let e782 = ElementDefinition(782, "Monetary Amount", .decimal, 1, 18)
    static let e784 = ElementDefinition(784, "Length of Binary Data", .numeric(decimals: 0), 1, 15)
    static let e785 = ElementDefinition(785, "Binary Data", .binary, 1, Int.max)
    static let e786 = ElementDefinition(786, "Security Level Code", .identifier, 2, 2)
    static let e787 = ElementDefinition(787, "Interchange Format", .string, 1, 30)
    static let e788 = ElementDefinition(788, "Transmission", .string, 1, 30)
    static let e789 = ElementDefinition(789, "Compression Technique", .string, 1, 30)
    static let e797 = ElementDefinition(797, "File Name", .string, 1, 64)
    static let e799 = ElementDefinition(799, "Version Identifier", .string, 1, 30)
    static let e800 = ElementDefinition(800, "Computer Make", .string, 1, 30)
    static let e801 = ElementDefinition(801, "Operating System", .string, 1, 30)
    static let e802 = ElementDefinition(802, "Program Name", .string, 1, 64)
    static let e803 = ElementDefinition(803, "Code Set", .string, 1, 30)
    static let e804 = ElementDefinition(804, "File Format", .string, 1, 30)
    static let e805 = ElementDefinition(805, "Canadian Dangerous Requirement Code", .identifier, 1, 1)
    static let e806 = ElementDefinition(806, "EPA Waste Stream Number Code", .identifier, 4, 4)
    static let e807 = ElementDefinition(807, "Waste Characteristics Code", .string, 4, 6)
    static let e808 = ElementDefinition(808, "Hazardous Material Shipment Information Qualifier", .identifier, 3, 3)
    static let e809 = ElementDefinition(809, "Hazardous Material Shipment Information", .string, 1, 25)
    static let e933 = ElementDefinition(933, "Free-Form Message Text", .string, 1, 264)
    static let e935 = ElementDefinition(935, "Measurement Significance Code", .identifier, 2, 2)
    static let e936 = ElementDefinition(936, "Measurement Attribute Code", .identifier, 2, 2)
    static let e954 = ElementDefinition(954, "Percent", .decimal, 1, 10)
    static let e983 = ElementDefinition(983, "Hazard Class Qualifier", .identifier, 1, 1)
    static let e984 = ElementDefinition(984, "Hazardous Material Shipping Name Qualifier", .identifier, 1, 1)
    static let e985 = ElementDefinition(985, "N.O.S./Generic Proper Shipping Name Code", .identifier, 3, 3)
    static let e986 = ElementDefinition(986, "Canadian Hazardous Notation", .string, 1, 25)
    static let e1018 = ElementDefinition(1018, "Exponent", .decimal, 1, 15)
    static let e1023 = ElementDefinition(1023, "Hazard Zone Code", .identifier, 1, 1)
    static let e1024 = ElementDefinition(1024, "Equipment Attribute Code", .string, 1, 30)
    static let e1025 = ElementDefinition(1025, "Equipment Attribute Description", .string, 1, 30)
    static let e1026 = ElementDefinition(1026, "Equipment Attribute Value", .string, 1, 30)
    static let e1030 = ElementDefinition(1030, "Equipment Attribute Unit", .string, 1, 30)
    static let e1031 = ElementDefinition(1031, "Equipment Attribute Measure", .string, 1, 30)
    static let e1035 = ElementDefinition(1035, "Name Last or Organization Name", .string, 1, 35)
    static let e1036 = ElementDefinition(1036, "Name First", .string, 1, 25)
    static let e1037 = ElementDefinition(1037, "Name Middle", .string, 1, 25)
    static let e1038 = ElementDefinition(1038, "Name Prefix", .string, 1, 10)
    static let e1039 = ElementDefinition(1039, "Name Suffix", .string, 1, 10)
    static let e1042 = ElementDefinition(1042, "Accessorial Equipment Code", .string, 1, 30)
    static let e1043 = ElementDefinition(1043, "Accessorial Equipment Attribute", .string, 1, 30)
    static let e1044 = ElementDefinition(1044, "Accessorial Equipment Attribute Value", .string, 1, 30)
    static let e1045 = ElementDefinition(1045, "Accessorial Equipment Count", .string, 1, 30)
    static let e1046 = ElementDefinition(1046, "Accessorial Equipment Position", .string, 1, 30)
    static let e1047 = ElementDefinition(1047, "Accessorial Equipment Detail", .string, 1, 30)
    static let e1065 = ElementDefinition(1065, "Entity Type Qualifier", .identifier, 1, 1)
    static let e1073 = ElementDefinition(
        1073, "Yes/No Condition or Response Code", .identifier, 1, 1, codes: CodeList(element: 1073, "N", "U", "W", "Y")
    )
    static let e1271 = ElementDefinition(1271, "Industry Code", .string, 1, 30)
    static let e1274 = ElementDefinition(1274, "Delay Reason Code", .identifier, 1, 3)
    static let e1280 = ElementDefinition(1280, "Direction Identifier Code", .identifier, 1, 1)
    static let e1373 = ElementDefinition(1373, "Measurement Method or Device", .identifier, 2, 4)
    static let e1375 = ElementDefinition(1375, "Dangerous Goods Description Code", .string, 1, 30)
    static let e1528 = ElementDefinition(
        1528, "Component Data Element Position in Composite", .numeric(decimals: 0), 1, 2)
    static let e1570 = ElementDefinition(1570, "Filter ID Code", .identifier, 3, 3)
    static let e1650 = ElementDefinition(
        1650, "Shipment Status Code", .identifier, 2, 2,
        codes: CodeList(
            element: 1650, "A3", "A7", "A9", "AF", "AG", "AH", "AI", "AJ", "AM", "AN", "AP", "AR", "AV", "B6", "BA",
            "BC", "C1", "CA", "CD", "CL", "CP", "D1", "I1", "J1", "K1", "L1", "OA", "OO", "P1", "PR", "R1", "RL", "S1",
            "SD", "X1", "X2", "X3", "X4", "X5", "X6", "X8", "XB", "K2", "AW", "CB", "PA", "C2", "C3", "RA", "RD", "X9",
            "NB", "OP", "RH", "BO", "BR", "DO"))
    static let e1651 = ElementDefinition(
        1651, "Shipment Status or Appointment Reason Code", .identifier, 2, 2,
        codes: CodeList(
            element: 1651, "A1", "A2", "A3", "A5", "A6", "A7", "A8", "A9", "AA", "AB", "AC", "AD", "AE", "AF", "AG",
            "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR", "AS", "AT", "AU", "AV", "AW", "AX", "AY",
            "AZ", "B1", "B2", "B3", "B4", "B5", "B8", "B9", "BA", "BB", "BC", "BD", "BE", "BF", "BG", "BH", "BI", "BJ",
            "BK", "BL", "BM", "BN", "BO", "BP", "BQ", "BR", "BS", "BT", "BU", "BV", "C1", "C2", "C3", "C4", "C5", "C6",
            "C7", "C8", "C9", "CA", "CB", "CC", "CD", "CE", "CF", "CG", "CH", "CI", "CJ", "CK", "CL", "D1", "D2", "F1",
            "F2", "HB", "NA", "NS", "P1", "P2", "P3", "P4", "RC", "S1", "T1", "T2", "T3", "T4", "T5", "T6", "T7",
            closed: false))
    static let e1652 = ElementDefinition(
        1652, "Shipment Appointment Status Code", .identifier, 2, 2,
        codes: CodeList(
            element: 1652, "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO",
            "AP", "CA", "CB", "ED", "EP", "LD", "LP", "X9", "XA", closed: false))
    static let e1654 = ElementDefinition(1654, "Longitude Code", .string, 7, 7)
    static let e1655 = ElementDefinition(1655, "Latitude Code", .string, 7, 7)

    // MARK: Composites

    static func C001(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C001", name: "Composite Unit of Measure", requirement,
            components: [
                ElementUse(e355, .mandatory), ElementUse(e1018, .optional), ElementUse(e649, .optional),
                ElementUse(e355, .relational), ElementUse(e1018, .relational), ElementUse(e649, .relational),
                ElementUse(e355, .relational), ElementUse(e1018, .relational), ElementUse(e649, .relational),
                ElementUse(e355, .relational), ElementUse(e1018, .relational), ElementUse(e649, .relational),
                ElementUse(e355, .relational), ElementUse(e1018, .relational), ElementUse(e649, .relational),
            ], maxRepeat: maxRepeat)
    }

    static func C030(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C030", name: "Position in Segment", requirement,
            components: [ElementUse(e722, .mandatory), ElementUse(e1528, .optional)], maxRepeat: maxRepeat)
    }

    static func C040(_ requirement: Requirement, maxRepeat: Int = 1) -> ElementUse {
        ElementUse(
            composite: "C040", name: "Reference Identifier", requirement,
            components: [
                ElementUse(e128, .mandatory), ElementUse(e127, .mandatory), ElementUse(e128, .relational),
                ElementUse(e127, .relational), ElementUse(e128, .relational), ElementUse(e127, .relational),
            ], maxRepeat: maxRepeat)
    }
}
