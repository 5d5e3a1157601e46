/// The verdict on an interchange, group or set, as TA104 / AK901 / AK501 spell it.
public enum Verdict: String, Sendable, Codable {
    case accepted = "A"
    case acceptedWithErrors = "E"
    case partiallyAccepted = "P"
    case rejected = "R"

    public var isAccepted: Bool { self != .rejected }

    /// A from no findings, E from warnings, R from errors; notes do not count.
    static func from(_ findings: [Finding]) -> Verdict {
        var verdict = Verdict.accepted
        for f in findings {
            if f.severity == .error { return .rejected }
            if f.severity == .warning { verdict = .acceptedWithErrors }
        }
        return verdict
    }
}

/// The ISA segment's values, trimmed, plus the delimiters it declared.
///
/// A class: every set's result refers to its interchange's header, and a large file holds hundreds of
/// thousands of sets; sharing one immutable instance costs one reference count instead of a dozen.
public final class InterchangeHeader: Sendable, Hashable {
    /// ISA01...ISA16 exactly as received.
    public let elements: [String]
    public let delimiters: Delimiters
    /// Byte offset of the ISA in the file.
    public let offset: Int64

    public let senderQualifier: String
    public let senderID: String
    public let receiverQualifier: String
    public let receiverID: String
    /// ISA09, YYMMDD.
    public let date: String
    /// ISA10, HHMM.
    public let time: String
    /// ISA12, e.g. `00401`.
    public let version: String
    /// ISA13 as received (without padding spaces).
    public let controlNumber: String
    /// ISA14 = 1.
    public let acknowledgmentRequested: Bool
    /// ISA15: P, T or I.
    public let usage: String

    /// Trims each value once here: they are read for every set of the interchange.
    public init(elements: [String], delimiters: Delimiters, offset: Int64) {
        self.elements = elements
        self.delimiters = delimiters
        self.offset = offset
        func value(_ i: Int) -> String { i <= elements.count ? elements[i - 1].trimmingSpaces() : "" }
        senderQualifier = value(5)
        senderID = value(6)
        receiverQualifier = value(7)
        receiverID = value(8)
        date = value(9)
        time = value(10)
        version = value(12)
        controlNumber = value(13)
        acknowledgmentRequested = value(14) == "1"
        usage = value(15)
    }

    public static func == (a: InterchangeHeader, b: InterchangeHeader) -> Bool {
        a === b || (a.elements == b.elements && a.delimiters == b.delimiters && a.offset == b.offset)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements)
        hasher.combine(offset)
    }
}

/// The GS segment's values.
public struct GroupHeader: Sendable, Hashable {
    public var elements: [String]
    func value(_ i: Int) -> String { i >= 1 && i <= elements.count ? elements[i - 1] : "" }
    public var functionalID: String { value(1) }
    public var senderCode: String { value(2) }
    public var receiverCode: String { value(3) }
    public var date: String { value(4) }
    public var time: String { value(5) }
    public var controlNumber: String { value(6) }
    public var agency: String { value(7) }
    /// GS08, e.g. `004010` or `005010X231A1`.
    public var version: String { value(8) }
}

/// A segment as kept in a transaction tree, with where it was.
public struct SegmentRecord: Sendable, Hashable {
    public var segment: Segment
    /// 1-based, counted from ISA.
    public var ordinal: Int
    /// 1-based, counted from ST.
    public var position: Int
    public var offset: Int64
}

/// A transaction set's content as a tree of loops (schema loop ids) and segments.
public indirect enum TransactionNode: Sendable, Hashable {
    case segment(SegmentRecord)
    case loop(LoopInstance)
}

public struct LoopInstance: Sendable, Hashable {
    public var id: String
    public var children: [TransactionNode]
}

/// One transaction set's verdict, with its findings and (when asked for) its segments.
public struct TransactionResult: Sendable {
    public var interchange: InterchangeHeader
    public var group: GroupHeader
    /// ST01.
    public var id: String
    /// ST02.
    public var controlNumber: String
    /// ST03 (5010), when present.
    public var implementationReference: String?
    /// The schema version used (e.g. `004010` for a 004030 set), or nil when the set is not supported.
    public var schemaVersion: String?
    /// 1-based index of the set within its group.
    public var index: Int
    public var verdict: Verdict
    /// Set, segment and element findings, in file order.
    public var findings: [Finding]
    /// Segments from ST to SE inclusive, as counted.
    public var segmentCount: Int
    public var startOrdinal: Int
    /// Byte offsets of the ST's first byte and of the byte after the SE (or the last segment).
    public var startOffset: Int64
    public var endOffset: Int64
    /// The loops and segments, when the validator was asked to keep them: built from `kept` when read
    /// (each read builds it anew; mapping reads `kept` itself). Setting it replaces `kept`.
    public var body: [TransactionNode]? {
        get { storedBody ?? kept?.loopTree() }
        set {
            storedBody = newValue
            kept = nil
        }
    }
    private var storedBody: [TransactionNode]?
    /// The set's segments as bytes and flat indexes, when the validator was asked to keep them.
    public var kept: KeptSet?

    init(
        interchange: InterchangeHeader, group: GroupHeader, id: String, controlNumber: String,
        implementationReference: String?, schemaVersion: String?, index: Int, verdict: Verdict, findings: [Finding],
        segmentCount: Int, startOrdinal: Int, startOffset: Int64, endOffset: Int64, kept: KeptSet?
    ) {
        self.interchange = interchange
        self.group = group
        self.id = id
        self.controlNumber = controlNumber
        self.implementationReference = implementationReference
        self.schemaVersion = schemaVersion
        self.index = index
        self.verdict = verdict
        self.findings = findings
        self.segmentCount = segmentCount
        self.startOrdinal = startOrdinal
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.kept = kept
    }

    /// AK502...AK506: the set's own codes, then 5 when segments or elements are in error.
    public var syntaxErrorCodes: [String] {
        var codes: [String] = []
        for f in findings where f.kind.level == .transaction && f.severity != .note && !f.code.isEmpty {
            if !codes.contains(f.code) { codes.append(f.code) }
        }
        if findings.contains(where: { ($0.kind.level == .segment || $0.kind.level == .element) && $0.severity != .note }),
            !codes.contains("5")
        {
            codes.append("5")
        }
        return Array(codes.prefix(5))
    }
}

/// One functional group's verdict: AK9's codes and counts, and the sets' summaries for AK2 loops.
public struct GroupResult: Sendable {
    public var interchange: InterchangeHeader
    public var header: GroupHeader
    public var verdict: Verdict
    /// Group-level findings (GE missing, counts, control numbers, version).
    public var findings: [Finding]
    /// GE01 as received, or the number of sets when GE is missing or unreadable.
    public var declaredCount: Int
    public var receivedCount: Int
    public var acceptedCount: Int
    /// The sets' results without their bodies, when the validator keeps them (for acknowledgements).
    public var transactions: [TransactionResult]
    /// The version the group's tables resolved to.
    public var schemaVersion: String?

    /// AK905...AK909.
    public var syntaxErrorCodes: [String] {
        var codes: [String] = []
        for f in findings where f.kind.level == .group && f.severity != .note && !f.code.isEmpty && !codes.contains(f.code) {
            codes.append(f.code)
        }
        return Array(codes.prefix(5))
    }
}

/// One interchange's verdict: what a TA1 would say, and what it held.
public struct InterchangeResult: Sendable {
    public var header: InterchangeHeader
    public var verdict: Verdict
    public var findings: [Finding]
    public var groups: [GroupResult]
    public var groupCount: Int
    public var transactionCount: Int
    /// TA1 segments found inside (an inbound interchange acknowledgement).
    public var ta1Count: Int
    /// True when everything inside is an acknowledgement (997, 999 groups, TA1 segments): never answered.
    public var isAcknowledgment: Bool

    /// TA105: the first error's code, else the first warning's, else 000.
    public var noteCode: String {
        let coded = findings.filter { $0.kind.level == .interchange && !$0.code.isEmpty }
        return (coded.first { $0.severity == .error } ?? coded.first { $0.severity == .warning })?.code ?? "000"
    }
}

/// Everything found in one file, for callers that want it all at once (small files, tests, acks).
public struct FileReport: Sendable {
    public var fileName: String
    public var interchanges: [InterchangeResult]
    public var transactions: [TransactionResult]
    /// Findings outside any interchange.
    public var fileFindings: [Finding]

    public var allFindings: [Finding] {
        fileFindings + interchanges.flatMap { $0.findings + $0.groups.flatMap(\.findings) } + transactions.flatMap(\.findings)
    }
}
