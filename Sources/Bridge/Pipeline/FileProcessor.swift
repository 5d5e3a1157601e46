public import Foundation
public import Mapping
public import Store
public import Transport
public import X12
import FlatFile
import Canonical

/// A spooled file handed to the pipeline.
public struct FileInput: Sendable, Hashable {
    /// The ledger entry it came from.
    public var identity: FileIdentity
    /// The name as received (no local path).
    public var name: String
    /// Where its spool copy is.
    public var localPath: String
    public var sha256: String
    /// The configured partner of its source: names the partner of flat files; X12 files name theirs in ISA06.
    public var partner: String?
    /// Force one mapping (by name) for every transaction or record.
    public var mapping: String?

    public init(identity: FileIdentity, name: String, localPath: String, sha256: String, partner: String? = nil, mapping: String? = nil) {
        self.identity = identity
        self.name = name
        self.localPath = localPath
        self.sha256 = sha256
        self.partner = partner
        self.mapping = mapping
    }
}

/// What came of one file, for the run summary.
public struct FileSummary: Sendable, Hashable {
    public var receipt: IngestReceipt
    public var file: FileRecord
    public var acks: Int
}

/// Decode → validate → map → one store transaction: everything the pipeline does to one spooled file
/// before delivery and acknowledgement, which read from the store's outbox.
///
/// Nothing leaves before `commitIngest` returns: the acks built here are rows in the same transaction as
/// the events they answer for, and the ack writer sends only committed rows.
public struct FileProcessor: Sendable {
    public var store: any Store
    public var registry: MappingRegistry
    public var partners: [PartnerProfile]
    /// The destinations of an event type.
    public var route: @Sendable (String) -> [String]
    public var inflateLimits: InflateLimits
    public var now: @Sendable () -> Date

    public init(
        store: any Store, registry: MappingRegistry, partners: [PartnerProfile], route: @escaping @Sendable (String) -> [String],
        inflateLimits: InflateLimits = InflateLimits(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.registry = registry
        self.partners = partners
        self.route = route
        self.inflateLimits = inflateLimits
        self.now = now
    }

    /// Processes one spooled file and commits what came of it. A file that cannot be read is committed as
    /// `failed` with a note (so it is never retried forever) rather than thrown.
    /// - Throws: the store's errors only; then nothing was committed and the file stays spooled.
    public func process(_ input: FileInput) async throws -> FileSummary {
        let receivedAt = now()
        var file = FileRecord(
            source: input.identity.source.description, partner: input.partner, name: input.name, sha256: input.sha256,
            size: input.identity.size, format: "unknown", outcome: .failed, receivedAt: receivedAt)
        var batch: IngestBatch
        do {
            let bytes = try readDecoded(input)
            switch FlatTranslator.sniff(bytes) {
            case "x12":
                file.format = "x12"
                batch = try await ingestX12(bytes, input: input, file: file)
            default:
                batch = try ingestFlat(bytes, input: input, file: file)
            }
        } catch let error as ProcessingFailure {
            file.note = error.description
            batch = IngestBatch(identity: input.identity, file: file)
        } catch let error as X12Error {
            file.format = "x12"
            file.note = "cannot be read as X12: \(error)"
            batch = IngestBatch(identity: input.identity, file: file)
        } catch let error as TransportError {
            file.note = "cannot be decoded: \(error)"
            batch = IngestBatch(identity: input.identity, file: file)
        }
        let receipt = try await store.commitIngest(batch)
        if case .committed = receipt {
            Telemetry.fileProcessed(source: input.identity.source.value, outcome: batch.file.outcome)
            for transaction in batch.transactions {
                Telemetry.transactionJudged(set: transaction.transactionSet ?? batch.file.format, verdict: transaction.verdict)
            }
            for event in batch.events { Telemetry.eventProduced(type: event.type) }
            for ack in batch.acks { Telemetry.ackBuilt(kind: ack.kind, code: ack.code) }
        }
        return FileSummary(receipt: receipt, file: batch.file, acks: batch.acks.count)
    }

    // MARK: Decoding

    /// The file's bytes, gunzipped (within the limits) when they start with the gzip magic.
    func readDecoded(_ input: FileInput) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: input.localPath) else {
            throw ProcessingFailure("the spool copy cannot be read")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        let stream = try GunzipStream(MemoryByteStream(bytes), limits: inflateLimits, name: input.name)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    // MARK: X12

    func ingestX12(_ bytes: [UInt8], input: FileInput, file: FileRecord) async throws -> IngestBatch {
        var file = file
        let firstSender = Self.interchangeSender(bytes)
        let firstProfile = firstSender.flatMap { sender in partners.first { $0.interchangeSender == sender } }
        let options = ValidationOptions(
            leniency: firstProfile?.leniency ?? .strict, keepSegments: true, keepSetResults: true)
        var report = try X12Validator.validate(MemorySource(bytes), fileName: input.name, options: options)
        guard !report.interchanges.isEmpty else { throw ProcessingFailure("no interchange (ISA) in the file") }

        var notes: [String] = []
        var unknownSenders: Set<String> = []
        var profiles: [PartnerProfile?] = []
        for i in report.interchanges.indices {
            let header = report.interchanges[i].header
            let sender = "\(header.senderQualifier):\(header.senderID)"
            guard let profile = partners.first(where: { $0.interchangeSender == sender }) else {
                unknownSenders.insert(sender)
                profiles.append(nil)
                continue
            }
            profiles.append(profile)
            notes += try await applyDuplicatePolicy(profile, to: &report.interchanges[i], fileName: input.name, at: file.receivedAt)
        }
        if !unknownSenders.isEmpty {
            notes.append("no partner is configured for sender \(unknownSenders.sorted().joined(separator: ", ")): not processed, not acknowledged")
        }
        file.partner = profiles.compactMap { $0?.id }.first ?? input.partner

        // Acknowledgements, built now and committed with the events.
        var acks: [AckRecord] = []
        let stamp = AckTimestamp(utc: file.receivedAt)
        for (interchange, profile) in zip(report.interchanges, profiles) {
            guard let profile, let target = profile.ackTarget else { continue }
            guard !interchange.isAcknowledgment, interchange.transactionCount > 0 else { continue }
            let numbers = try await ReservedControlNumbers.reserve(for: interchange, from: store)
            let builder = AckBuilder(policy: profile.ackPolicy, controlNumbers: numbers, timestamp: stamp)
            guard let ack = try builder.acknowledge(interchange) else { continue }
            let kind = ack.contents.joined(separator: "+")
            let code = interchange.verdict == .rejected
                ? "R" : interchange.groups.map(\.verdict).max(by: { Self.rank($0) < Self.rank($1) })?.rawValue ?? "A"
            acks.append(AckRecord(
                partner: profile.id, kind: kind, answersInterchange: interchange.header.controlNumber,
                controlNumber: ack.controlNumber, code: code, target: target,
                fileName: "\(profile.id)-\(ack.controlNumber)-\(ack.contents.joined(separator: "-")).x12",
                bytes: Data(try ack.bytes())))
        }

        // Mapping: the translator sees the results as the validator gave them, duplicates rejected.
        var translator = X12Translator(
            registry: registry, partner: nil, forced: input.mapping.flatMap { registry.plan(named: $0) },
            fileName: input.name, fileSha256: input.sha256)
        for finding in report.fileFindings { translator.fileFinding(finding) }
        var interchanges: [InterchangeRecord] = []
        var groups: [GroupRecord] = []
        var transactions: [TransactionRecord] = []
        var mappingNotes: [Int: [String]] = [:]
        var unknownIndices: Set<Int> = []
        // A set's index counts within its group; the store wants one position per file: the set's ordinal in
        // file order, found again for its events and reports by ISA13, GS06, ST02 and index.
        var ordinals: [String: Int] = [:]
        func key(_ isa13: String?, _ gs06: String?, _ st02: String?, _ index: Int) -> String {
            "\(isa13 ?? "")|\(gs06 ?? "")|\(st02 ?? "")|\(index)"
        }
        func ordinal(of set: TransactionResult) -> Int {
            ordinals[key(set.interchange.controlNumber, set.group.controlNumber, set.controlNumber, set.index)] ?? set.index
        }
        // Keyed by byte offset: a set's index counts within its group only.
        let bodies = Dictionary(report.transactions.map { ($0.startOffset, $0) }, uniquingKeysWith: { first, _ in first })
        for (interchange, profile) in zip(report.interchanges, profiles) {
            let header = interchange.header
            interchanges.append(InterchangeRecord(
                senderQualifier: header.senderQualifier, sender: header.senderID, receiverQualifier: header.receiverQualifier,
                receiver: header.receiverID, controlNumber: header.controlNumber, version: header.version,
                byteOffset: header.offset, verdict: profile == nil ? "R" : interchange.verdict.rawValue,
                note: profile == nil ? "unknown sender" : (interchange.verdict == .accepted ? nil : "TA105 \(interchange.noteCode)")))
            for group in interchange.groups {
                groups.append(GroupRecord(
                    interchangeControlNumber: header.controlNumber, functionalID: group.header.functionalID,
                    controlNumber: group.header.controlNumber, version: group.header.version,
                    byteOffset: group.transactions.first.map { $0.startOffset } ?? header.offset, verdict: group.verdict.rawValue,
                    applicationSender: group.header.senderCode, applicationReceiver: group.header.receiverCode))
                for set in group.transactions {
                    ordinals[key(header.controlNumber, group.header.controlNumber, set.controlNumber, set.index)] = transactions.count + 1
                    transactions.append(TransactionRecord(
                        index: transactions.count + 1, interchangeControlNumber: header.controlNumber,
                        groupControlNumber: group.header.controlNumber, controlNumber: set.controlNumber,
                        transactionSet: set.id, version: group.header.version, byteOffset: set.startOffset,
                        byteLength: set.endOffset - set.startOffset, verdict: set.verdict.rawValue,
                        findings: set.findings.map(FindingFormat.json).joined(separator: "\n")))
                    if profile != nil {
                        // The group keeps set results without their segments; the report's copy has them.
                        var full = bodies[set.startOffset] ?? set
                        full.verdict = set.verdict
                        full.findings = set.findings
                        translator.transaction(full)
                    } else {
                        unknownIndices.insert(transactions.count)
                    }
                }
                if profile != nil { translator.group(group) }
            }
            if profile != nil { translator.interchange(interchange) }
        }

        var events: [EventRecord] = []
        var unmappedIndices: Set<Int> = []
        for report in translator.reports {
            switch report {
            case .event(let event):
                var record = try Self.record(event)
                let lineage = event.crossdock
                record.transactionIndex =
                    ordinals[key(lineage.isa13, lineage.gs06, lineage.st02, lineage.transactionIndex)] ?? lineage.transactionIndex
                events.append(record)
            case .noMapping(let set, let partner):
                unmappedIndices.insert(ordinal(of: set))
                mappingNotes[ordinal(of: set), default: []].append("no mapping for \(set.id) \(set.group.version) of partner \(partner)")
            case .mappingFindings(let set, let plan, let findings):
                mappingNotes[ordinal(of: set), default: []] += findings.map { "mapping \(plan.name): \($0)" }
            default:
                continue
            }
        }
        for i in transactions.indices {
            guard let extra = mappingNotes[transactions[i].index] else { continue }
            let lines = extra.map { JSONValue.object([("mapping", .string($0))]).serialized() }
            transactions[i].findings = ([transactions[i].findings] + lines).filter { !$0.isEmpty }.joined(separator: "\n")
        }

        let counted = transactions.filter {
            $0.verdict != Verdict.rejected.rawValue && !unmappedIndices.contains($0.index) && !unknownIndices.contains($0.index)
        }
        file.transactionsAccepted = counted.count
        file.transactionsRejected = transactions.count - counted.count
        file.eventCount = events.count
        file.outcome = Self.outcome(
            accepted: file.transactionsAccepted, notAccepted: file.transactionsRejected,
            acknowledgmentsOnly: report.interchanges.allSatisfy(\.isAcknowledgment))
        if file.outcome == .rejected, report.interchanges.contains(where: { $0.findings.contains { $0.kind == .duplicateInterchangeControlNumber && $0.severity == .error } }) {
            file.outcome = .duplicate
        }
        file.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return IngestBatch(
            identity: input.identity, file: file, interchanges: interchanges, groups: groups, transactions: transactions,
            events: events, deliveries: deliveries(for: events), acks: acks)
    }

    /// Applies the partner's duplicate policy against what the store has seen; answers notes for the file.
    func applyDuplicatePolicy(
        _ profile: PartnerProfile, to interchange: inout InterchangeResult, fileName: String, at now: Date
    ) async throws -> [String] {
        let policy = profile.duplicates
        guard policy.action != .accept, !policy.scopes.isEmpty else { return [] }
        let since = now.addingTimeInterval(-Double(policy.windowDays) * 86_400)
        let header = interchange.header
        let sender = "\(header.senderQualifier):\(header.senderID)"
        let receiver = "\(header.receiverQualifier):\(header.receiverID)"
        let severity: Finding.Severity = policy.action == .reject ? .error : .note
        var notes: [String] = []
        if policy.scopes.contains(.interchange),
            let prior = try await store.priorOccurrence(
                of: .interchange(sender: sender, receiver: receiver, controlNumber: header.controlNumber), since: since)
        {
            let position = SegmentPosition(fileName: fileName, interchange: header.controlNumber, segmentIndex: 1, byteOffset: header.offset, tag: "ISA", element: 13)
            interchange.findings.append(Finding(
                .duplicateInterchangeControlNumber, severity, at: position,
                "interchange control number seen before in file \(prior) within \(policy.windowDays) days"))
            notes.append("duplicate interchange \(header.controlNumber) (first in file \(prior)): \(policy.action.rawValue)")
            if policy.action == .reject {
                // Nothing of a refused interchange is taken: its groups and sets count as rejected.
                interchange.verdict = .rejected
                for g in interchange.groups.indices { interchange.groups[g].rejectWhole() }
                return notes
            }
        }
        for g in interchange.groups.indices {
            let group = interchange.groups[g]
            let gsSender = group.header.senderCode
            let gsReceiver = group.header.receiverCode
            if policy.scopes.contains(.group),
                let prior = try await store.priorOccurrence(
                    of: .group(sender: gsSender, receiver: gsReceiver, controlNumber: group.header.controlNumber), since: since)
            {
                let position = SegmentPosition(fileName: fileName, interchange: header.controlNumber, group: group.header.controlNumber, tag: "GS", element: 6)
                interchange.groups[g].findings.append(Finding(
                    .duplicateGroupControlNumber, severity, at: position, "group control number seen before in file \(prior)"))
                notes.append("duplicate group \(group.header.controlNumber) (first in file \(prior)): \(policy.action.rawValue)")
                if policy.action == .reject {
                    interchange.groups[g].rejectWhole()
                    continue
                }
            }
            guard policy.scopes.contains(.transaction) else { continue }
            for t in group.transactions.indices {
                let set = group.transactions[t]
                guard set.verdict.isAccepted,
                    let prior = try await store.priorOccurrence(
                        of: .transaction(sender: gsSender, receiver: gsReceiver, group: group.header.controlNumber, controlNumber: set.controlNumber),
                        since: since)
                else { continue }
                let position = SegmentPosition(
                    fileName: fileName, interchange: header.controlNumber, group: group.header.controlNumber,
                    transaction: set.controlNumber, segmentIndex: set.startOrdinal, setSegmentIndex: 1, byteOffset: set.startOffset,
                    tag: "ST", element: 2)
                interchange.groups[g].transactions[t].findings.append(Finding(
                    .duplicateTransactionControlNumber, severity, at: position, "transaction control number seen before in file \(prior)"))
                notes.append("duplicate transaction \(group.header.controlNumber)/\(set.controlNumber) (first in file \(prior)): \(policy.action.rawValue)")
                if policy.action == .reject {
                    interchange.groups[g].transactions[t].verdict = .rejected
                    interchange.groups[g].acceptedCount -= 1
                }
            }
            let updated = interchange.groups[g]
            if policy.action == .reject, updated.acceptedCount < group.acceptedCount {
                interchange.groups[g].verdict = updated.acceptedCount == 0 ? .rejected : .partiallyAccepted
            }
        }
        return notes
    }

    // MARK: Flat files

    func ingestFlat(_ bytes: [UInt8], input: FileInput, file: FileRecord) throws -> IngestBatch {
        var file = file
        let reports = try FileTranslation.translate(
            bytes, fileName: input.name, registry: registry, partner: input.partner,
            forced: input.mapping.flatMap { registry.plan(named: $0) })
        var events: [EventRecord] = []
        var problems: [Int: [String]] = [:]
        var notes: [String] = []
        for report in reports {
            switch report {
            case .event(let event):
                file.format = event.crossdock.format
                if let record = try? Self.record(event) { events.append(record) }
            case .recordFindings(let position, let plan, let findings):
                file.format = plan.applies.format
                problems[position.record, default: []] += findings.map { "\(position): \($0)" }
            case .unreadable(let error):
                notes.append("unreadable: \(error)")
            case .noFlatMapping(let format):
                notes.append("no mapping recognises this \(format) file")
            default:
                continue
            }
        }
        var indices = Set(events.map(\.transactionIndex))
        indices.formUnion(problems.keys)
        let transactions = indices.sorted().map { index in
            TransactionRecord(
                index: index, interchangeControlNumber: nil, groupControlNumber: nil, controlNumber: nil,
                transactionSet: nil, version: nil, byteOffset: 0, byteLength: 0,
                verdict: problems[index] == nil ? "A" : "R",
                findings: (problems[index] ?? []).map { JSONValue.object([("mapping", .string($0))]).serialized() }.joined(separator: "\n"))
        }
        // A record with problems withdraws nothing already mapped from it; it counts as not accepted.
        file.transactionsRejected = problems.count
        file.transactionsAccepted = transactions.count - problems.count
        file.eventCount = events.count
        file.outcome = notes.isEmpty || !events.isEmpty
            ? Self.outcome(accepted: file.transactionsAccepted, notAccepted: file.transactionsRejected + (notes.isEmpty ? 0 : 1), acknowledgmentsOnly: false)
            : .failed
        file.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return IngestBatch(
            identity: input.identity, file: file, transactions: transactions, events: events,
            deliveries: deliveries(for: events))
    }

    // MARK: Shared

    func deliveries(for events: [EventRecord]) -> [(eventID: String, destination: String)] {
        events.flatMap { event in route(event.type).map { (eventID: event.id, destination: $0) } }
    }

    static func record(_ event: CloudEvent) throws -> EventRecord {
        EventRecord(
            id: event.id, type: event.type.rawValue, subject: event.subject, time: event.time,
            transactionIndex: event.crossdock.transactionIndex, json: Data(try event.jsonLine().utf8))
    }

    static func outcome(accepted: Int, notAccepted: Int, acknowledgmentsOnly: Bool) -> FileOutcome {
        if acknowledgmentsOnly { return .processed }
        if notAccepted == 0 { return accepted > 0 ? .processed : .rejected }
        return accepted == 0 ? .rejected : .partial
    }

    static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .accepted: 0
        case .acceptedWithErrors: 1
        case .partiallyAccepted: 2
        case .rejected: 3
        }
    }


    /// ISA05:ISA06 of the first interchange, read straight from the bytes (to pick the partner's leniency
    /// before validating): the element separator is the byte after `ISA`.
    static func interchangeSender(_ bytes: [UInt8]) -> String? {
        guard let start = bytes.firstRange(of: Array("ISA".utf8))?.lowerBound, start + 3 < bytes.count else { return nil }
        let separator = bytes[start + 3]
        let header = bytes[start..<min(bytes.count, start + 200)]
        let fields = header.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count > 6 else { return nil }
        func trimmed(_ field: ArraySlice<UInt8>) -> String {
            String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "\(trimmed(fields[5])):\(trimmed(fields[6]))"
    }
}

/// A file the pipeline cannot process, in plain words.
struct ProcessingFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension GroupResult {
    /// Rejects the group and every set in it (a duplicate refused by the partner's policy).
    mutating func rejectWhole() {
        verdict = .rejected
        acceptedCount = 0
        for t in transactions.indices { transactions[t].verdict = .rejected }
    }
}

extension AckTimestamp {
    /// The envelope date and time of `date` in UTC (CCYYMMDD, HHMM), as acknowledgements carry them.
    public init(utc date: Date) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmm"
        let stamp = formatter.string(from: date)
        self.init(date: String(stamp.prefix(8)), time: String(stamp.suffix(4)))
    }
}
