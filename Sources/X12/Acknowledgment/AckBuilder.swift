/// An acknowledgement interchange ready to write: its delimiters (the partner's own) and segments.
public struct Acknowledgment: Sendable, Hashable {
    public var delimiters: Delimiters
    public var segments: [Segment]
    /// ISA13 of the interchange acknowledged.
    public var acknowledges: String
    /// ISA13 of this acknowledgement.
    public var controlNumber: String
    /// What it holds: `TA1`, `997`, `999`.
    public var contents: [String]

    public func bytes() throws -> [UInt8] { try X12Writer(delimiters: delimiters).write(segments) }
}

/// Builds TA1, 997 and 999 acknowledgements from validation results.
///
/// - An interchange made only of acknowledgements (997, 999 groups, TA1 segments) is never answered.
/// - TA1: as the policy says (by default when ISA14 = 1, and on envelope errors), never for an interchange
///   without transactions. A rejected interchange gets its TA1 only: its groups are not acknowledged.
/// - 997 for groups before 005010, 999 from 005010 on (policy `auto`); one set per acknowledged group,
///   AK2 loops per the policy, AK3/AK4 (IK3/IK4) with codes, positions and a copy of the bad data.
/// - The envelope swaps sender and receiver, keeps the partner's delimiters, version and usage indicator,
///   and takes its control numbers from `controlNumbers`.
public struct AckBuilder: Sendable {
    public var policy: AckPolicy
    public var controlNumbers: any ControlNumbers
    public var timestamp: AckTimestamp

    public init(policy: AckPolicy = AckPolicy(), controlNumbers: any ControlNumbers, timestamp: AckTimestamp) {
        self.policy = policy
        self.controlNumbers = controlNumbers
        self.timestamp = timestamp
    }

    /// The acknowledgement for one inbound interchange, or nil when none is due. The interchange's
    /// groups must carry their set results (`ValidationOptions.keepSetResults`).
    public func acknowledge(_ interchange: InterchangeResult) throws -> Acknowledgment? {
        guard !interchange.isAcknowledgment, interchange.transactionCount > 0 else { return nil }
        let header = interchange.header
        let wantsTA1: Bool
        switch (policy.kind, policy.ta1) {
        case (.ta1, _): wantsTA1 = true
        case (_, .never): wantsTA1 = false
        case (_, .onError): wantsTA1 = interchange.verdict != .accepted
        case (_, .requestedOrError): wantsTA1 = header.acknowledgmentRequested || interchange.verdict != .accepted
        }
        var body: [Segment] = []
        var contents: [String] = []
        if wantsTA1 {
            body.append(
                Segment("TA1", header.controlNumber, header.date, header.time, interchange.verdict.rawValue, interchange.noteCode))
            contents.append("TA1")
        }
        var groupCount = 0
        if policy.kind != .ta1, interchange.verdict != .rejected {
            let groups = interchange.groups.filter { $0.header.functionalID != "FA" }
            var byKind: [(kind: String, version: String, sets: [[Segment]])] = []
            for group in groups {
                let use999 = policy.kind == .implementation999 || (policy.kind == .auto && group.header.version >= "005010")
                let kind = use999 ? "999" : "997"
                let version = use999 ? policy.implementationReference : (group.header.version.isEmpty ? "004010" : group.header.version)
                let set = use999 ? build999(group) : build997(group)
                if let i = byKind.firstIndex(where: { $0.kind == kind && $0.version == version }) {
                    byKind[i].sets.append(set)
                } else {
                    byKind.append((kind, version, [set]))
                }
            }
            for entry in byKind {
                let groupNumber = try controlNumbers.next(.group, sender: header.receiverID, receiver: header.senderID)
                let gs06 = String(groupNumber)
                let gs03 = interchange.groups.first?.header.senderCode ?? header.senderID
                let gs02 = interchange.groups.first?.header.receiverCode ?? header.receiverID
                body.append(Segment("GS", "FA", gs02, gs03, timestamp.date, timestamp.time, gs06, "X", entry.version))
                for (i, set) in entry.sets.enumerated() {
                    let st02 = String(format4: i + 1)
                    var segments = set
                    segments[0].elements[1] = Element(st02)
                    segments.append(Segment("SE", String(segments.count + 1), st02))
                    body.append(contentsOf: segments)
                }
                body.append(Segment("GE", String(entry.sets.count), gs06))
                contents.append(entry.kind)
                groupCount += 1
            }
        }
        guard !body.isEmpty else { return nil }
        // Values copied from the partner's file (ids, control numbers, bad data) must not carry delimiters.
        let delimiters = header.delimiters
        body = body.map { segment in
            var clean = segment
            clean.elements = segment.elements.map { element in
                Element(repetitions: element.repetitions.map { $0.map { sanitize($0, delimiters) } })
            }
            return clean
        }
        let number = try controlNumbers.next(.interchange, sender: header.receiverID, receiver: header.senderID)
        let isa13 = String(format9: number)
        let version = EnvelopeRules.versions.contains(header.version) ? header.version : "00401"
        let isa = Segment(
            "ISA", "00", String(repeating: " ", count: 10), "00", String(repeating: " ", count: 10),
            padded(sanitize(header.receiverQualifier, delimiters), 2), padded(sanitize(header.receiverID, delimiters), 15),
            padded(sanitize(header.senderQualifier, delimiters), 2), padded(sanitize(header.senderID, delimiters), 15),
            String(timestamp.date.suffix(6)), timestamp.time,
            version >= "00403" ? String(UnicodeScalar(delimiters.repetition ?? UInt8(ascii: "^"))) : "U",
            version, isa13, "0", ["P", "T", "I"].contains(header.usage) ? header.usage : "P",
            String(UnicodeScalar(delimiters.component)))
        let iea = Segment("IEA", String(groupCount), isa13)
        return Acknowledgment(
            delimiters: delimiters, segments: [isa] + body + [iea], acknowledges: header.controlNumber,
            controlNumber: isa13, contents: contents)
    }

    // MARK: 997

    /// ST (ST02 filled in later), AK1, AK2 loops, AK9.
    func build997(_ group: GroupResult) -> [Segment] {
        var segments = [Segment("ST", "997", "")]
        var ak1 = [group.header.functionalID, group.header.controlNumber]
        if group.header.version >= "004030" { ak1.append(group.header.version) }
        segments.append(Segment("AK1", values: ak1))
        for set in group.transactions where includes(set) {
            var ak2 = [set.id, set.controlNumber]
            if let st03 = set.implementationReference, group.header.version >= "005010" { ak2.append(st03) }
            segments.append(Segment("AK2", values: ak2))
            segments.append(contentsOf: segmentNotes(set, segmentTag: "AK3", elementTag: "AK4", withRepetition: false))
            segments.append(Segment("AK5", values: [set.verdict.rawValue] + set.syntaxErrorCodes))
        }
        segments.append(ak9(group))
        return segments
    }

    // MARK: 999

    func build999(_ group: GroupResult) -> [Segment] {
        var segments = [Segment("ST", "999", "", policy.implementationReference)]
        segments.append(Segment("AK1", group.header.functionalID, group.header.controlNumber, group.header.version))
        for set in group.transactions where includes(set) {
            var ak2 = [set.id, set.controlNumber]
            if let st03 = set.implementationReference { ak2.append(st03) }
            segments.append(Segment("AK2", values: ak2))
            segments.append(contentsOf: segmentNotes(set, segmentTag: "IK3", elementTag: "IK4", withRepetition: true))
            segments.append(Segment("IK5", values: [set.verdict.rawValue] + set.syntaxErrorCodes))
        }
        segments.append(ak9(group))
        return segments
    }

    private func includes(_ set: TransactionResult) -> Bool {
        policy.setDetail == .everySet || set.verdict != .accepted
    }

    private func ak9(_ group: GroupResult) -> Segment {
        let accepted = group.verdict == .rejected ? 0 : group.acceptedCount
        return Segment(
            "AK9",
            values: [group.verdict.rawValue, String(group.declaredCount), String(group.receivedCount), String(accepted)]
                + group.syntaxErrorCodes)
    }

    /// AK3/AK4 (IK3/IK4) for the set's segment and element findings, one AK3 per segment in error.
    private func segmentNotes(_ set: TransactionResult, segmentTag: String, elementTag: String, withRepetition: Bool) -> [Segment] {
        struct Note {
            var tag: String
            var position: Int
            var loop: String?
            var code: String?
            var elements: [Finding] = []
        }
        var notes: [Note] = []
        for f in set.findings where f.severity != .note && (f.kind.level == .segment || f.kind.level == .element) {
            let tag = f.position.tag ?? ""
            let position = f.position.setSegmentIndex ?? 0
            var index = notes.firstIndex { $0.tag == tag && $0.position == position }
            if index == nil {
                notes.append(Note(tag: tag, position: position, loop: f.position.loop))
                index = notes.count - 1
            }
            if f.kind.level == .segment {
                if notes[index!].code == nil { notes[index!].code = f.code }
            } else {
                notes[index!].elements.append(f)
            }
        }
        var segments: [Segment] = []
        for note in notes {
            segments.append(Segment(segmentTag, note.tag, String(note.position), note.loop ?? "", note.code ?? "8"))
            for f in note.elements.prefix(99) {
                // C030: element position, then component and (999 only) repetition positions.
                var parts = [String(f.position.element ?? 0)]
                if let component = f.position.component { parts.append(String(component)) }
                if withRepetition, let repetition = f.position.repetition {
                    if f.position.component == nil { parts.append("") }
                    parts.append(String(repetition))
                }
                var elements = [Element(components: parts)]
                elements.append(Element(f.elementReference.map { String($0) } ?? ""))
                elements.append(Element(f.code))
                if let bad = f.badValue, !bad.isEmpty { elements.append(Element(bad)) }
                segments.append(Segment(tag: elementTag, elements: elements))
            }
        }
        return segments
    }

    /// Copied values must not hold delimiters or control characters; at most 99 characters (AK404).
    private func sanitize(_ value: String, _ delimiters: Delimiters) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars where scalars.count < 99 {
            let v = scalar.value
            if v < 0x20 || v == 0x7F { continue }
            if v < 0x80 {
                let b = UInt8(v)
                if b == delimiters.element || b == delimiters.component || b == delimiters.repetition
                    || b == delimiters.segmentTerminator[0]
                {
                    continue
                }
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private func padded(_ value: String, _ width: Int) -> String {
        value.count >= width ? value : value + String(repeating: " ", count: width - value.count)
    }
}

extension String {
    init(format4 n: Int) { self = n < 10_000 ? String(String(n + 10_000).dropFirst()) : String(n) }
    init(format9 n: Int) { self = String(String(n + 1_000_000_000).dropFirst()) }
}
