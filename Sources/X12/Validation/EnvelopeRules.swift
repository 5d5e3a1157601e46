#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of the ISA and GS headers' fields, and of trailer counts.
enum EnvelopeRules {
    /// ISA01...ISA16 fixed widths.
    static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

    /// The TA105 code each ISA field reports when it is wrong.
    static let isaKinds: [FindingKind] = [
        .invalidAuthorizationQualifier, .invalidAuthorizationValue, .invalidSecurityQualifier, .invalidSecurityValue,
        .invalidSenderQualifier, .invalidSenderID, .invalidReceiverQualifier, .invalidReceiverID,
        .invalidInterchangeDate, .invalidInterchangeTime, .unsupportedControlStandard, .invalidVersionIdentifier,
        .invalidInterchangeControlNumber, .invalidAcknowledgmentRequested, .invalidUsageIndicator,
        .invalidComponentSeparator,
    ]

    /// Interchange id qualifiers (I05) of the standard.
    static let idQualifiers: Set<String> = [
        "01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
        "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38",
        "AM", "NR", "SA", "SN", "ZZ",
    ]

    /// Interchange control version numbers (I11) published by X12.
    static let versions: Set<String> = [
        "00200", "00201", "00204", "00300", "00301", "00302", "00303", "00304", "00305", "00306", "00307",
        "00400", "00401", "00402", "00403", "00404", "00405", "00406", "00500", "00501", "00502", "00503",
        "00504", "00505", "00600", "00601", "00602", "00603", "00604", "00605", "00700", "00701", "00702",
        "00703", "00704", "00705", "00706", "00800", "00801",
    ]

    static func checkISA(_ header: InterchangeHeader, view: SegmentView, fileName: String, leniency: Leniency) -> [Finding] {
        var findings: [Finding] = []
        let base = SegmentPosition(
            fileName: fileName, interchange: header.controlNumber, segmentIndex: view.ordinal, byteOffset: view.offset,
            tag: "ISA")
        func add(_ kind: FindingKind, _ severity: Finding.Severity, _ element: Int?, _ message: String) {
            var position = base
            position.element = element
            findings.append(Finding(kind, severity, at: position, message))
        }
        guard header.elements.count == 16 else {
            add(.invalidControlStructure, .error, nil, "ISA has \(header.elements.count) elements; it must have 16")
            return findings
        }
        let e = header.elements
        var unpadded: [Int] = []
        for (i, width) in isaWidths.enumerated() where e[i].utf8.count != width { unpadded.append(i + 1) }
        if !unpadded.isEmpty {
            let list = unpadded.map { "ISA" + ($0 < 10 ? "0\($0)" : "\($0)") }.joined(separator: ", ")
            if leniency.contains(.unpaddedISA) {
                add(.invalidControlStructure, .note, unpadded[0], "ISA fields not padded to their fixed widths: \(list)")
            } else {
                for i in unpadded {
                    add(isaKinds[i - 1], .error, i, "ISA\(i < 10 ? "0\(i)" : "\(i)") must be exactly \(isaWidths[i - 1]) characters")
                }
            }
        }
        // The header holds most values trimmed already; only ISA01, ISA03 and ISA14 are trimmed here. Short
        // lists as `switch` cases: as array literals they were allocated for every interchange.
        switch e[0].trimmingSpaces() {
        case "00", "01", "02", "03", "04", "05", "06": break
        default: add(.invalidAuthorizationQualifier, .error, 1, "ISA01 is not an authorization information qualifier")
        }
        switch e[2].trimmingSpaces() {
        case "00", "01": break
        default: add(.invalidSecurityQualifier, .error, 3, "ISA03 is not a security information qualifier")
        }
        if !idQualifiers.contains(header.senderQualifier) {
            add(.invalidSenderQualifier, .error, 5, "ISA05 is not an interchange ID qualifier")
        }
        if header.senderID.isEmpty { add(.invalidSenderID, .error, 6, "ISA06 (sender ID) is blank") }
        if !idQualifiers.contains(header.receiverQualifier) {
            add(.invalidReceiverQualifier, .error, 7, "ISA07 is not an interchange ID qualifier")
        }
        if header.receiverID.isEmpty { add(.invalidReceiverID, .error, 8, "ISA08 (receiver ID) is blank") }
        if !isValid(header.date, .date, 6, 6) { add(.invalidInterchangeDate, .error, 9, "ISA09 is not a valid YYMMDD date") }
        if !isValid(header.time, .time, 4, 4) { add(.invalidInterchangeTime, .error, 10, "ISA10 is not a valid HHMM time") }
        let version = header.version
        if !versions.contains(version) {
            add(.invalidVersionIdentifier, .error, 12, "ISA12 is not an interchange control version number")
        }
        if version < "00403" && e[10] != "U" {
            add(.unsupportedControlStandard, .warning, 11, "ISA11 must be U before version 00403; read as U")
        }
        let control = header.controlNumber
        if control.utf8.count != 9 || !control.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            add(.invalidInterchangeControlNumber, .error, 13, "ISA13 must be 9 digits")
        }
        switch e[13].trimmingSpaces() {
        case "0", "1": break
        default: add(.invalidAcknowledgmentRequested, .error, 14, "ISA14 must be 0 or 1")
        }
        switch header.usage {
        case "P", "T", "I": break
        default: add(.invalidUsageIndicator, .error, 15, "ISA15 must be P, T or I")
        }
        return findings
    }

    static func checkGS(_ header: GroupHeader, at base: SegmentPosition, registry: SchemaRegistry) -> [Finding] {
        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ severity: Finding.Severity, _ element: Int, _ message: String) {
            var position = base
            position.element = element
            findings.append(Finding(kind, severity, at: position, message))
        }
        if header.elements.count < 8 {
            add(.invalidInterchangeContent, .error, header.elements.count + 1, "GS has \(header.elements.count) elements; it must have 8")
        }
        let known = ["SM", "QM", "IM", "GF", "FA"]
        if !known.contains(header.functionalID) {
            add(.groupNotSupported, .error, 1, "functional group \(header.functionalID.isEmpty ? "(blank)" : header.functionalID) is not one Crossdock reads")
        }
        if header.senderCode.isEmpty || header.senderCode.utf8.count > 15 {
            add(.invalidInterchangeContent, .warning, 2, "GS02 must be 2 to 15 characters")
        }
        if header.receiverCode.isEmpty || header.receiverCode.utf8.count > 15 {
            add(.invalidInterchangeContent, .warning, 3, "GS03 must be 2 to 15 characters")
        }
        if !isValid(header.date, .date, 8, 8) { add(.invalidInterchangeContent, .warning, 4, "GS04 is not a valid CCYYMMDD date") }
        if !isValid(header.time, .time, 4, 8) { add(.invalidInterchangeContent, .warning, 5, "GS05 is not a valid time") }
        let control = header.controlNumber
        if control.isEmpty || control.utf8.count > 9 || !control.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            add(.invalidGroupControlNumber, .error, 6, "GS06 must be 1 to 9 digits")
        }
        if !["X", "T"].contains(header.agency) { add(.invalidInterchangeContent, .warning, 7, "GS07 must be X or T") }
        if registry.resolveVersion(header.version) == nil {
            add(.groupVersionNotSupported, .error, 8, "version \(header.version.isEmpty ? "(blank)" : header.version) is not supported")
        }
        return findings
    }

    /// What a trailer (SE, GE, IEA) must repeat: the count in its element 1 and the header's control
    /// number in its element 2.
    struct Trailer {
        var countKind: FindingKind
        /// "segments", "sets", "groups".
        var unit: String
        var actual: Int
        var controlKind: FindingKind
        var control: String
        var controlMessage: String
    }

    /// Checks a trailer segment against what was counted: the count (leading zeros judged by the
    /// leniency profile) and the control number, compared as strings.
    static func check(_ trailer: Trailer, view: SegmentView, at base: SegmentPosition, leniency: Leniency) -> [Finding] {
        if isClean(trailer, view: view) { return [] }
        var findings: [Finding] = []
        var position = base
        position.byteOffset = view.offset
        position.tag = view.tag
        let tag = view.tag
        let declared = view.string(1)
        position.element = 1
        if !countMatches(declared, trailer.actual) {
            findings.append(
                Finding(trailer.countKind, .error, at: position,
                        "\(tag)01 says \(declared.isEmpty ? "nothing" : declared) \(trailer.unit); there are \(trailer.actual)"))
        } else if hasLeadingZeros(declared) {
            findings.append(
                Finding(.leadingZerosInCount, leniency.severity(.leadingZerosInCounts), at: position, "\(tag)01 has leading zeros"))
        }
        if view.string(2) != trailer.control {
            position.element = 2
            findings.append(Finding(trailer.controlKind, .error, at: position, trailer.controlMessage))
        }
        return findings
    }

    /// Whether the trailer holds the count without leading zeros and the control number byte for byte:
    /// the common case, answered without building strings. Anything else takes the full check.
    @inline(__always)
    static func isClean(_ trailer: Trailer, view: SegmentView) -> Bool {
        let count = view.element(1)
        guard !count.isEmpty, count.count <= 18, count.count == 1 || count[0] != 0x30 else { return false }
        var value = 0
        for b in count {
            guard b >= 0x30 && b <= 0x39 else { return false }
            value = value * 10 + Int(b &- 0x30)
        }
        guard value == trailer.actual else { return false }
        return equals(view.element(2), trailer.control)
    }

    /// Whether `bytes` are exactly `string`'s UTF-8: one `memcmp` over contiguous storage (a native string's,
    /// nearly always), where `elementsEqual` stepped through the string's UTF-8 view byte by byte.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
        var string = string
        return string.withUTF8 { utf8 in
            utf8.count == bytes.count && (utf8.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, utf8.count) == 0)
        }
    }

    static func isValid(_ value: String, _ type: ElementType, _ min: Int, _ max: Int) -> Bool {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            ElementSyntax.check(UnsafeBufferPointer($0), type: type, min: min, max: max) == nil
        }
    }

    /// Whether a trailer count equals `actual`, read as a number (leading zeros are judged separately).
    static func countMatches(_ declared: String, _ actual: Int) -> Bool {
        !declared.isEmpty && declared.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) && Int(declared) == actual
    }

    static func hasLeadingZeros(_ declared: String) -> Bool {
        declared.utf8.count > 1 && declared.utf8.first == 0x30
    }
}
