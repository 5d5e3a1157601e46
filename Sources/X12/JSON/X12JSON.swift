/// The generic JSON view of X12 (`crossdock inspect`): interchanges → groups → transactions → loops →
/// segments → elements, with positions. Documented in docs/x12-json.md.
public enum X12JSON {
    /// An element: a string when simple, an array of components when composite, and
    /// `{"repetitions": [...]}` when repeated.
    public static func element(_ element: Element) -> JSONValue {
        func repetition(_ components: [String]) -> JSONValue {
            components.count == 1 ? .string(components[0]) : .array(components.map(JSONValue.string))
        }
        if element.repetitions.count == 1 { return repetition(element.repetitions[0]) }
        return .object([("repetitions", .array(element.repetitions.map(repetition)))])
    }

    public static func segment(_ record: SegmentRecord) -> JSONValue {
        .object([
            ("segment", .string(record.segment.tag)),
            ("position", .number(record.position)),
            ("ordinal", .number(record.ordinal)),
            ("offset", .number(Int(record.offset))),
            ("elements", .array(record.segment.elements.map(element))),
        ])
    }

    public static func node(_ node: TransactionNode) -> JSONValue {
        switch node {
        case .segment(let record): segment(record)
        case .loop(let loop): .object([("loop", .string(loop.id)), ("content", .array(loop.children.map(Self.node)))])
        }
    }

    public static func finding(_ f: Finding) -> JSONValue {
        let p = f.position
        var fields: [(String, JSONValue)] = [
            ("severity", .string(f.severity.rawValue)), ("kind", .string(f.kind.rawValue)),
        ]
        if !f.code.isEmpty { fields.append(("code", .string(f.code))) }
        if p.segmentIndex > 0 { fields.append(("ordinal", .number(p.segmentIndex))) }
        if let v = p.setSegmentIndex { fields.append(("position", .number(v))) }
        if let v = p.tag { fields.append(("segment", .string(v))) }
        if let v = p.loop { fields.append(("loop", .string(v))) }
        if let v = p.element { fields.append(("element", .number(v))) }
        if let v = p.component { fields.append(("component", .number(v))) }
        if let v = p.repetition { fields.append(("repetition", .number(v))) }
        fields.append(("message", .string(f.message)))
        return .object(fields)
    }

    public static func transaction(_ t: TransactionResult) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("set", .string(t.id)), ("controlNumber", .string(t.controlNumber)),
        ]
        if let st03 = t.implementationReference { fields.append(("implementationReference", .string(st03))) }
        fields.append(contentsOf: [
            ("schemaVersion", t.schemaVersion.map(JSONValue.string) ?? .null),
            ("index", .number(t.index)),
            ("verdict", .string(t.verdict.rawValue)),
            ("segmentCount", .number(t.segmentCount)),
            ("offset", .number(Int(t.startOffset))), ("endOffset", .number(Int(t.endOffset))),
            ("findings", .array(t.findings.map(finding))),
            ("content", .array((t.body ?? []).map(node))),
        ])
        return .object(fields)
    }

    public static func delimiters(_ d: Delimiters) -> JSONValue {
        func text(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }
        return .object([
            ("element", text([d.element])), ("component", text([d.component])),
            ("repetition", d.repetition.map { text([$0]) } ?? .null),
            ("segmentTerminator", text(d.segmentTerminator)),
        ])
    }

    public static func group(_ g: GroupResult, transactions: [TransactionResult]) -> JSONValue {
        .object([
            ("functionalID", .string(g.header.functionalID)), ("controlNumber", .string(g.header.controlNumber)),
            ("version", .string(g.header.version)),
            ("GS", .array(g.header.elements.map(JSONValue.string))),
            ("verdict", .string(g.verdict.rawValue)),
            ("findings", .array(g.findings.map(finding))),
            ("transactions", .array(transactions.map(transaction))),
        ])
    }

    public static func interchange(_ i: InterchangeResult, groups: [JSONValue]) -> JSONValue {
        .object([
            ("controlNumber", .string(i.header.controlNumber)),
            ("sender", .object([("qualifier", .string(i.header.senderQualifier)), ("id", .string(i.header.senderID))])),
            ("receiver", .object([("qualifier", .string(i.header.receiverQualifier)), ("id", .string(i.header.receiverID))])),
            ("version", .string(i.header.version)),
            ("offset", .number(Int(i.header.offset))),
            ("delimiters", delimiters(i.header.delimiters)),
            ("ISA", .array(i.header.elements.map(JSONValue.string))),
            ("verdict", .string(i.verdict.rawValue)),
            ("ta1Segments", .number(i.ta1Count)),
            ("findings", .array(i.findings.map(finding))),
            ("groups", .array(groups)),
        ])
    }
}

/// Builds the `inspect` document as results stream in.
public struct InspectCollector: ValidationSink {
    private var transactions: [TransactionResult] = []
    private var groups: [JSONValue] = []
    public private(set) var interchanges: [JSONValue] = []
    public private(set) var fileFindings: [Finding] = []
    /// False once any interchange or group is not fully accepted, or a finding outside them is not a note.
    public private(set) var allAccepted = true

    public init() {}

    public mutating func transaction(_ result: TransactionResult) { transactions.append(result) }

    public mutating func group(_ result: GroupResult) {
        if result.verdict != .accepted { allAccepted = false }
        groups.append(X12JSON.group(result, transactions: transactions))
        transactions = []
    }

    public mutating func interchange(_ result: InterchangeResult) {
        if result.verdict != .accepted { allAccepted = false }
        interchanges.append(X12JSON.interchange(result, groups: groups))
        groups = []
    }

    public mutating func fileFinding(_ finding: Finding) {
        if finding.severity != .note { allAccepted = false }
        fileFindings.append(finding)
    }

    public func document(fileName: String) -> JSONValue {
        .object([
            ("file", .string(fileName)),
            ("findings", .array(fileFindings.map(X12JSON.finding))),
            ("interchanges", .array(interchanges)),
        ])
    }
}
