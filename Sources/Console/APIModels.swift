import Foundation
import Store

// The JSON shapes of the admin API. They are the API's own types, not the store's records, so that the
// store can change without changing what clients read; `docs/openapi.yaml` describes each.

/// Any JSON value: the findings of a transaction are stored as JSON lines and passed on as objects.
enum JSONValue: Codable, Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

struct PageJSON<Item: Encodable>: Encodable {
    var items: [Item]
    var limit: Int
    var offset: Int
    /// The offset of the next page, or null on the last one.
    var nextOffset: Int?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(limit, forKey: .limit)
        try container.encode(offset, forKey: .offset)
        try container.encode(nextOffset, forKey: .nextOffset)  // null, not absent
    }
    enum CodingKeys: String, CodingKey { case items, limit, offset, nextOffset }
}

struct FileJSON: Encodable {
    var id: Int64
    var source: String
    var partner: String?
    var name: String
    var sha256: String
    var size: Int64
    var format: String
    var outcome: String
    var note: String?
    var receivedAt: Date
    var transactionsAccepted: Int
    var transactionsRejected: Int
    var events: Int

    init(_ file: FileRecord) {
        id = file.id?.rawValue ?? 0
        source = file.source
        partner = file.partner
        name = file.name
        sha256 = file.sha256
        size = file.size
        format = file.format
        outcome = file.outcome.rawValue
        note = file.note
        receivedAt = file.receivedAt
        transactionsAccepted = file.transactionsAccepted
        transactionsRejected = file.transactionsRejected
        events = file.eventCount
    }
}

struct AttemptJSON: Encodable {
    var result: String
    var status: Int?
    var latencySeconds: Double
    var error: String?
    var attemptedAt: Date
    var nextAttemptAt: Date?

    init(_ attempt: DeliveryAttempt) {
        result = attempt.result.rawValue
        status = attempt.status
        latencySeconds = attempt.latency
        error = attempt.error
        attemptedAt = attempt.attemptedAt
        nextAttemptAt = attempt.nextAttemptAt
    }
}

struct DeliveryJSON: Encodable {
    var destination: String
    var state: String
    var attempts: [AttemptJSON]
}

struct LineageEventJSON: Encodable {
    var id: String
    var type: String
    var subject: String?
    var time: String?
    var deliveries: [DeliveryJSON]
}

struct TransactionJSON: Encodable {
    var index: Int
    var controlNumber: String?
    var transactionSet: String?
    var version: String?
    var byteOffset: Int64
    var byteLength: Int64
    var verdict: String
    var findings: [JSONValue]
    var events: [LineageEventJSON]
}

struct GroupJSON: Encodable {
    var functionalID: String
    var controlNumber: String
    var version: String
    var applicationSender: String?
    var applicationReceiver: String?
    var byteOffset: Int64
    var verdict: String
    var transactions: [TransactionJSON]
}

struct InterchangeJSON: Encodable {
    var sender: String
    var receiver: String
    var controlNumber: String
    var version: String
    var byteOffset: Int64
    var verdict: String
    var note: String?
    var groups: [GroupJSON]
}

struct AckJSON: Encodable {
    var kind: String
    var code: String
    var answersInterchange: String
    var controlNumber: String
    var target: String
    var fileName: String
    var sentAt: Date?
    var writtenAs: String?

    init(_ ack: AckRecord) {
        kind = ack.kind
        code = ack.code
        answersInterchange = ack.answersInterchange
        controlNumber = ack.controlNumber
        target = ack.target
        fileName = ack.fileName
        sentAt = ack.sentAt
        writtenAs = ack.writtenAs
    }
}

/// A file's lineage as a tree: interchanges → groups → transactions → events → deliveries → attempts.
/// Transactions outside any group (records of a flat file) are under `records`.
struct LineageJSON: Encodable {
    var file: FileJSON
    var interchanges: [InterchangeJSON]
    var records: [TransactionJSON]
    var acks: [AckJSON]

    init(_ lineage: FileLineage) {
        file = FileJSON(lineage.file)
        acks = lineage.acks.map(AckJSON.init)
        let eventsByTransaction = Dictionary(grouping: lineage.events, by: \.record.transactionIndex)
        func transaction(_ record: TransactionRecord) -> TransactionJSON {
            TransactionJSON(
                index: record.index, controlNumber: record.controlNumber, transactionSet: record.transactionSet,
                version: record.version, byteOffset: record.byteOffset, byteLength: record.byteLength,
                verdict: record.verdict, findings: Self.findings(record.findings),
                events: (eventsByTransaction[record.index] ?? []).map { event in
                    LineageEventJSON(
                        id: event.record.id, type: event.record.type, subject: event.record.subject,
                        time: event.record.time,
                        deliveries: event.deliveries.map {
                            DeliveryJSON(
                                destination: $0.destination, state: $0.state.rawValue,
                                attempts: $0.attempts.map(AttemptJSON.init))
                        })
                })
        }
        // Each group belongs to the nearest interchange before it in the file, each transaction to the
        // nearest group before it with the same envelope control numbers: byte offsets, not control
        // numbers alone, since a file may repeat a control number.
        var interchanges = lineage.interchanges.sorted { $0.byteOffset < $1.byteOffset }.map { record in
            InterchangeJSON(
                sender: "\(record.senderQualifier):\(record.sender)",
                receiver: "\(record.receiverQualifier):\(record.receiver)",
                controlNumber: record.controlNumber, version: record.version, byteOffset: record.byteOffset,
                verdict: record.verdict, note: record.note, groups: [])
        }
        var groupPlaces: [(interchange: Int, group: Int, record: GroupRecord)] = []
        for group in lineage.groups.sorted(by: { $0.byteOffset < $1.byteOffset }) {
            guard let owner = interchanges.lastIndex(where: { $0.byteOffset <= group.byteOffset }) else { continue }
            interchanges[owner].groups.append(
                GroupJSON(
                    functionalID: group.functionalID, controlNumber: group.controlNumber, version: group.version,
                    applicationSender: group.applicationSender, applicationReceiver: group.applicationReceiver,
                    byteOffset: group.byteOffset, verdict: group.verdict, transactions: []))
            groupPlaces.append((owner, interchanges[owner].groups.count - 1, group))
        }
        var records: [TransactionJSON] = []
        for record in lineage.transactions.sorted(by: { $0.index < $1.index }) {
            let place = groupPlaces.last {
                $0.record.byteOffset <= record.byteOffset && record.groupControlNumber == $0.record.controlNumber
                    && (record.interchangeControlNumber == nil
                        || record.interchangeControlNumber == $0.record.interchangeControlNumber)
            }
            if let place, record.groupControlNumber != nil {
                interchanges[place.interchange].groups[place.group].transactions.append(transaction(record))
            } else {
                records.append(transaction(record))
            }
        }
        self.interchanges = interchanges
        self.records = records
    }

    static func findings(_ lines: String) -> [JSONValue] {
        lines.split(whereSeparator: \.isNewline).map { line in
            (try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))) ?? .string(String(line))
        }
    }
}

struct EventJSON: Encodable {
    var id: String
    var type: String
    var subject: String?
    var time: String?
    var transactionIndex: Int
    var fileID: Int64
    var fileName: String
    var partner: String?
    var receivedAt: Date

    init(_ event: EventListing) {
        id = event.id
        type = event.type
        subject = event.subject
        time = event.time
        transactionIndex = event.transactionIndex
        fileID = event.fileID.rawValue
        fileName = event.fileName
        partner = event.partner
        receivedAt = event.receivedAt
    }
}

struct DeadLetterJSON: Encodable {
    var outboxID: Int64
    var eventID: String
    var eventType: String
    var subject: String?
    var destination: String
    var attempts: Int
    var status: Int?
    var error: String?
    var responseBody: String?
    var at: Date

    init(_ letter: DeadLetter) {
        outboxID = letter.outbox.rawValue
        eventID = letter.eventID
        eventType = letter.eventType
        subject = letter.subject
        destination = letter.destination
        attempts = letter.attempts
        status = letter.status
        error = letter.error
        responseBody = letter.responseBody
        at = letter.at
    }
}

struct PartnerJSON: Encodable {
    struct LastFile: Encodable {
        var id: Int64
        var name: String
        var outcome: String
        var receivedAt: Date
    }
    struct LastAck: Encodable {
        var kind: String
        var code: String
        var answersInterchange: String
        var controlNumber: String
        var createdAt: Date?
        var sentAt: Date?
    }
    var id: String
    var name: String?
    /// False for a partner named on stored files but no longer in the configuration.
    var configured: Bool
    var lastFile: LastFile?
    var lastAck: LastAck?
    /// Files received in the window (`windowDays`), and how many were not `processed`.
    var windowDays: Int
    var files: Int
    var filesNotProcessed: Int
    /// `filesNotProcessed / files`, null when no file came in the window.
    var errorRate: Double?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(configured, forKey: .configured)
        try container.encode(lastFile, forKey: .lastFile)
        try container.encode(lastAck, forKey: .lastAck)
        try container.encode(windowDays, forKey: .windowDays)
        try container.encode(files, forKey: .files)
        try container.encode(filesNotProcessed, forKey: .filesNotProcessed)
        try container.encode(errorRate, forKey: .errorRate)
    }
    enum CodingKeys: String, CodingKey {
        case id, name, configured, lastFile, lastAck, windowDays, files, filesNotProcessed, errorRate
    }
}

struct DestinationJSON: Encodable {
    var id: String
    /// `http` or `folder`; null for a destination on stored rows but no longer configured.
    var kind: String?
    var configured: Bool
    var pending: Int
    var retrying: Int
    var delivered: Int
    var dead: Int
    /// Rows still to deliver: pending + retrying.
    var backlog: Int
    var oldestWaiting: Date?
    var lastError: String?
    /// The circuit breaker's state (`closed`, `open`, `half-open`) as the destination's delivery worker last
    /// reported it; null when no worker runs for it in this process.
    var circuit: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(configured, forKey: .configured)
        try container.encode(pending, forKey: .pending)
        try container.encode(retrying, forKey: .retrying)
        try container.encode(delivered, forKey: .delivered)
        try container.encode(dead, forKey: .dead)
        try container.encode(backlog, forKey: .backlog)
        try container.encode(oldestWaiting, forKey: .oldestWaiting)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(circuit, forKey: .circuit)
    }
    enum CodingKeys: String, CodingKey {
        case id, kind, configured, pending, retrying, delivered, dead, backlog, oldestWaiting, lastError, circuit
    }
}

struct OverviewJSON: Encodable {
    var since: Date
    var filesByOutcome: [String: Int]
    var events: Int
    var attemptsByResult: [String: Int]
    var destinations: [DestinationJSON]
}

struct AuditJSON: Encodable {
    var at: Date
    var actor: String
    var action: String
    var target: String
    var detail: String?
}

/// The body of `POST /api/replay`: exactly one of `event`, `destination` (its dead letters) or `file`,
/// and a reason for the audit log.
struct ReplayRequest: Decodable {
    var event: String?
    var destination: String?
    var file: Int64?
    var reason: String
}

struct ReplayJSON: Encodable {
    var replayed: Int
    var target: String
    var actor: String
}
