/// How findings are printed by `validate`: one line of text, or one JSON object per line.
public enum FindingFormat {
    /// The X12 element that carries the code at the finding's level.
    public static func codeName(_ kind: FindingKind) -> String? {
        guard !kind.x12Code.isEmpty else { return nil }
        switch kind.level {
        case .interchange: return "TA105"
        case .group: return "AK905"
        case .transaction: return "AK502"
        case .segment: return "AK304"
        case .element: return "AK403"
        case .file: return nil
        }
    }

    /// `file ISA13/GS06/ST02 segment 12 (AT7) element 1: error AK403=7 invalidCode: message`
    public static func text(_ f: Finding) -> String {
        var line = f.position.description + ": " + f.severity.rawValue
        if let name = codeName(f.kind) { line += " \(name)=\(f.code)" }
        line += " \(f.kind.rawValue): \(f.message)"
        return line
    }

    public static func json(_ f: Finding) -> String {
        let p = f.position
        func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func number(_ n: Int?) -> JSONValue { n.map { .number($0) } ?? .null }
        var fields: [(String, JSONValue)] = []
        fields.append(("file", .string(p.fileName)))
        fields.append(("severity", .string(f.severity.rawValue)))
        fields.append(("level", .string(f.kind.level.rawValue)))
        fields.append(("kind", .string(f.kind.rawValue)))
        fields.append(("codeElement", string(codeName(f.kind))))
        fields.append(("code", string(f.code.isEmpty ? nil : f.code)))
        fields.append(("interchange", string(p.interchange)))
        fields.append(("group", string(p.group)))
        fields.append(("transaction", string(p.transaction)))
        fields.append(("segment", number(p.segmentIndex > 0 ? p.segmentIndex : nil)))
        fields.append(("setSegment", number(p.setSegmentIndex)))
        fields.append(("offset", number(p.byteOffset.map { Int($0) })))
        fields.append(("tag", string(p.tag)))
        fields.append(("loop", string(p.loop)))
        fields.append(("element", number(p.element)))
        fields.append(("component", number(p.component)))
        fields.append(("repetition", number(p.repetition)))
        fields.append(("elementReference", number(f.elementReference)))
        fields.append(("message", .string(f.message)))
        return JSONValue.object(fields).serialized()
    }
}
