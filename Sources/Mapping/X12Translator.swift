public import Canonical
public import FlatFile
public import X12

/// What translating one X12 file reports, in file order.
public enum TranslationReport: Sendable {
    /// One canonical event.
    case event(CloudEvent)
    /// A set the validator rejected: no event, findings say why.
    case rejected(TransactionResult)
    /// An accepted set whose group or interchange was rejected (a GE01 count, an IEA02 mismatch): its
    /// events are withdrawn, as the 997 or TA1 will say the set was not accepted. `level` is `group` or
    /// `interchange`.
    case envelopeRejected(isa13: String, gs06: String, st02: String, level: String)
    /// A set with no mapping for its partner, set and version.
    case noMapping(TransactionResult, partner: String)
    /// An acknowledgement (997, 999): nothing to translate.
    case acknowledgment(TransactionResult)
    /// What the mapping could not do for a set (the set's events that could be made were reported).
    case mappingFindings(TransactionResult, plan: MappingPlan, [MappingFinding])
    /// What the mapping could not do for one flat record (or group of records).
    case recordFindings(RecordPosition, plan: MappingPlan, [MappingFinding])
    /// A flat file that could not be read (further); the reports before it stand.
    case unreadable(FlatFileError)
    /// A flat file with no mapping for it.
    case noFlatMapping(format: String)
    /// An envelope, group or set finding of the validator (warnings and errors; notes are dropped).
    case finding(Finding)
}

/// Validates an X12 file as a stream and maps each accepted set with the most specific mapping of the
/// registry (or the one named), collecting events and problems in file order (`reports`).
public struct X12Translator: ValidationSink {
    public let registry: MappingRegistry
    /// Overrides the partner id taken from ISA06.
    public let partner: String?
    /// Forces one mapping for every set.
    public let forced: MappingPlan?
    public let fileName: String
    public let fileSha256: String
    /// What was found so far, up to the last interchange that closed; a caller may take and clear it.
    public var reports: [TranslationReport] = []
    /// The open interchange's reports: held until its verdict (and its groups') is known.
    private var pending: [TranslationReport] = []
    /// Where the open group's reports start in `pending`.
    private var groupStart = 0
    /// When set, reports go here as soon as their interchange's verdict allows (see
    /// `FileTranslation.translate(_:fileName:fileSha256:registry:partner:forced:leniency:emit:)`) instead of
    /// collecting in `reports`: memory then holds one interchange's reports at most.
    var deliver: ((TranslationReport) -> Void)?
    /// The registry's choice per partner ids, set and version: sets of a file mostly share a few, and the
    /// choice filters every plan.
    private var chosen: [PlanKey: MappingPlan?] = [:]

    private struct PlanKey: Hashable {
        var partner: String, sender: String, transactionSet: String, version: String
    }

    public init(registry: MappingRegistry, partner: String?, forced: MappingPlan?, fileName: String, fileSha256: String) {
        self.registry = registry
        self.partner = partner
        self.forced = forced
        self.fileName = fileName
        self.fileSha256 = fileSha256
    }

    mutating func report(_ report: TranslationReport) { pending.append(report) }

    public mutating func transaction(_ result: TransactionResult) {
        for finding in result.findings where finding.severity != .note { report(.finding(finding)) }
        guard result.verdict.isAccepted else {
            report(.rejected(Self.held(result)))
            return
        }
        if result.id == "997" || result.id == "999" {
            report(.acknowledgment(Self.held(result)))
            return
        }
        let partnerID = partner ?? result.interchange.senderID
        guard let plan = forced ?? choosePlan(partner: partnerID, result) else {
            report(.noMapping(Self.held(result), partner: partnerID))
            return
        }
        let translation = plan.translate(result, partner: partnerID, fileName: fileName, fileSha256: fileSha256)
        for event in translation.events { report(.event(event)) }
        if !translation.findings.isEmpty {
            report(.mappingFindings(Self.held(result), plan: plan, translation.findings))
        }
    }

    /// `result` as a report holds it until its interchange closes: without its kept segments, which no report
    /// reads, so that the validator can reuse them for the next set (see `KeptSet`).
    private static func held(_ result: TransactionResult) -> TransactionResult {
        var held = result
        held.kept = nil
        return held
    }

    private mutating func choosePlan(partner: String, _ result: TransactionResult) -> MappingPlan? {
        let key = PlanKey(
            partner: partner, sender: result.group.senderCode, transactionSet: result.id, version: result.group.version)
        if let plan = chosen[key] { return plan }
        let plan = registry.plan(
            format: "x12", partner: [partner, result.group.senderCode], transactionSet: result.id,
            version: result.group.version)
        chosen[key] = plan
        return plan
    }

    public mutating func group(_ result: GroupResult) {
        for finding in result.findings where finding.severity != .note { report(.finding(finding)) }
        if result.verdict == .rejected { withdraw(from: groupStart, level: "group") }
        groupStart = pending.count
    }

    public mutating func interchange(_ result: InterchangeResult) {
        for finding in result.findings where finding.severity != .note { report(.finding(finding)) }
        if result.verdict == .rejected { withdraw(from: 0, level: "interchange") }
        if let deliver {
            for report in pending { deliver(report) }
        } else {
            reports += pending
        }
        pending.removeAll(keepingCapacity: true)
        groupStart = 0
    }

    public mutating func fileFinding(_ finding: Finding) {
        guard finding.severity != .note else { return }
        if let deliver { deliver(.finding(finding)) } else { reports.append(.finding(finding)) }
    }

    /// Hands over what an unclosed interchange left pending (a file cut short), as the one-call
    /// `translate` returns it after `reports`.
    mutating func deliverPending() {
        guard let deliver else { return }
        for report in pending { deliver(report) }
        pending.removeAll()
    }

    /// Replaces the events (and mapping findings) of `pending[start...]` by one `envelopeRejected` per set.
    private mutating func withdraw(from start: Int, level: String) {
        var kept: [TranslationReport] = []
        var withdrawn: Set<String> = []
        for report in pending[start...] {
            switch report {
            case .event(let event):
                let key = "\(event.crossdock.gs06 ?? "")/\(event.crossdock.st02 ?? "")/\(event.crossdock.transactionIndex)"
                if withdrawn.insert(key).inserted {
                    kept.append(.envelopeRejected(
                        isa13: event.crossdock.isa13 ?? "", gs06: event.crossdock.gs06 ?? "", st02: event.crossdock.st02 ?? "",
                        level: level))
                }
            case .mappingFindings:
                continue
            default:
                kept.append(report)
            }
        }
        pending.replaceSubrange(start..., with: kept)
    }

    /// Translates `bytes` in one call (tests, golden cases, small files): every report in order.
    public static func translate(
        _ bytes: [UInt8], fileName: String, registry: MappingRegistry, partner: String? = nil, forced: MappingPlan? = nil,
        leniency: Leniency = .strict
    ) throws -> [TranslationReport] {
        let sink = X12Translator(
            registry: registry, partner: partner, forced: forced, fileName: fileName, fileSha256: FileDigest.sha256(bytes))
        var validator = X12Validator(
            fileName: fileName, options: ValidationOptions(leniency: leniency, keepSegments: true), sink: sink)
        try X12Reader(source: MemorySource(bytes), fileName: fileName).run(&validator)
        return validator.sink.reports + validator.sink.pending
    }
}
