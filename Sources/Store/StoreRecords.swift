public import Foundation
public import Transport

/// The store's id of an ingested file.
public struct FileID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// The store's id of an outbox row.
public struct OutboxID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// The store's id of an ack row.
public struct AckID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A ledger entry whose spool copy exists but was never ingested: the same facts the poller recorded
/// when the copy became durable.
public typealias SpooledFileRecord = FetchedFile

/// What came of a file as a whole.
public enum FileOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every transaction accepted and mapped.
    case processed
    /// Some transactions accepted, some rejected or unmapped.
    case partial
    /// Nothing accepted (rejected envelope, every set rejected, no mapping).
    case rejected
    /// A duplicate the partner's policy refuses.
    case duplicate
    /// Could not be read at all (not X12, unreadable flat file, gzip bomb).
    case failed
}

/// One file's row.
public struct FileRecord: Sendable, Hashable, Codable {
    public var id: FileID?
    public var source: String
    public var partner: String?
    /// The name as received (never a local path).
    public var name: String
    public var sha256: String
    public var size: Int64
    public var format: String
    public var outcome: FileOutcome
    /// Why, in plain words, when not `processed`.
    public var note: String?
    public var receivedAt: Date
    public var transactionsAccepted: Int
    public var transactionsRejected: Int
    public var eventCount: Int

    public init(
        id: FileID? = nil, source: String, partner: String?, name: String, sha256: String, size: Int64,
        format: String, outcome: FileOutcome, note: String? = nil, receivedAt: Date,
        transactionsAccepted: Int = 0, transactionsRejected: Int = 0, eventCount: Int = 0
    ) {
        self.id = id
        self.source = source
        self.partner = partner
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.outcome = outcome
        self.note = note
        self.receivedAt = receivedAt
        self.transactionsAccepted = transactionsAccepted
        self.transactionsRejected = transactionsRejected
        self.eventCount = eventCount
    }
}

/// An interchange (ISA…IEA) of a file.
public struct InterchangeRecord: Sendable, Hashable, Codable {
    public var senderQualifier: String
    public var sender: String
    public var receiverQualifier: String
    public var receiver: String
    public var controlNumber: String
    public var version: String
    /// Byte offset of its ISA in the file.
    public var byteOffset: Int64
    /// `accepted` or `rejected` (with the TA1 code in `note`).
    public var verdict: String
    public var note: String?

    public init(
        senderQualifier: String, sender: String, receiverQualifier: String, receiver: String,
        controlNumber: String, version: String, byteOffset: Int64, verdict: String, note: String? = nil
    ) {
        self.senderQualifier = senderQualifier
        self.sender = sender
        self.receiverQualifier = receiverQualifier
        self.receiver = receiver
        self.controlNumber = controlNumber
        self.version = version
        self.byteOffset = byteOffset
        self.verdict = verdict
        self.note = note
    }
}

/// A functional group (GS…GE).
public struct GroupRecord: Sendable, Hashable, Codable {
    public var interchangeControlNumber: String
    public var functionalID: String
    public var controlNumber: String
    public var version: String
    public var byteOffset: Int64
    /// The AK9/IK9 code: `A`, `E`, `P` or `R`.
    public var verdict: String
    /// GS02, the application sender's code: the group and transaction duplicate checks key on it.
    public var applicationSender: String?
    /// GS03, the application receiver's code.
    public var applicationReceiver: String?

    public init(
        interchangeControlNumber: String, functionalID: String, controlNumber: String, version: String,
        byteOffset: Int64, verdict: String, applicationSender: String? = nil, applicationReceiver: String? = nil
    ) {
        self.interchangeControlNumber = interchangeControlNumber
        self.functionalID = functionalID
        self.controlNumber = controlNumber
        self.version = version
        self.byteOffset = byteOffset
        self.verdict = verdict
        self.applicationSender = applicationSender
        self.applicationReceiver = applicationReceiver
    }
}

/// A transaction set (ST…SE), or one flat record group, of a file.
public struct TransactionRecord: Sendable, Hashable, Codable {
    /// 1-based position in the file: the set's ordinal over all groups and interchanges (X12), or the record
    /// index (flat files). `EventRecord.transactionIndex` names it.
    public var index: Int
    public var interchangeControlNumber: String?
    public var groupControlNumber: String?
    public var controlNumber: String?
    public var transactionSet: String?
    public var version: String?
    public var byteOffset: Int64
    public var byteLength: Int64
    /// The AK5/IK5 code (`A`, `E`, `R`), or `A`/`R` for a flat record.
    public var verdict: String
    /// The findings as JSON lines (as `crossdock validate --json` prints them), empty when none.
    public var findings: String

    public init(
        index: Int, interchangeControlNumber: String?, groupControlNumber: String?, controlNumber: String?,
        transactionSet: String?, version: String?, byteOffset: Int64, byteLength: Int64, verdict: String,
        findings: String
    ) {
        self.index = index
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.controlNumber = controlNumber
        self.transactionSet = transactionSet
        self.version = version
        self.byteOffset = byteOffset
        self.byteLength = byteLength
        self.verdict = verdict
        self.findings = findings
    }
}

/// A canonical event as stored: its CloudEvents JSON, exactly as it will be sent.
public struct EventRecord: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var subject: String?
    public var time: String?
    /// The `TransactionRecord.index` of the transaction the event came from (for X12 the set's ordinal in the
    /// file, not the group-relative index of the CloudEvent's lineage).
    public var transactionIndex: Int
    /// The CloudEvents JSON object, UTF-8.
    public var json: Data

    public init(id: String, type: String, subject: String?, time: String?, transactionIndex: Int, json: Data) {
        self.id = id
        self.type = type
        self.subject = subject
        self.time = time
        self.transactionIndex = transactionIndex
        self.json = json
    }
}

/// An acknowledgement to write back to a partner.
public struct AckRecord: Sendable, Hashable, Codable {
    public var id: AckID?
    public var fileID: FileID?
    public var partner: String
    /// `TA1`, `997` or `999`.
    public var kind: String
    /// The inbound interchange (ISA13) it answers.
    public var answersInterchange: String
    /// Its own ISA13.
    public var controlNumber: String
    /// AK9/IK9 (or TA104) code it carries: `A`, `E`, `P`, `R`.
    public var code: String
    /// The configured ack target (an endpoint name of the configuration).
    public var target: String
    /// The file name to write it under.
    public var fileName: String
    public var bytes: Data
    public var sentAt: Date?
    public var writtenAs: String?

    public init(
        id: AckID? = nil, fileID: FileID? = nil, partner: String, kind: String, answersInterchange: String,
        controlNumber: String, code: String, target: String, fileName: String, bytes: Data,
        sentAt: Date? = nil, writtenAs: String? = nil
    ) {
        self.id = id
        self.fileID = fileID
        self.partner = partner
        self.kind = kind
        self.answersInterchange = answersInterchange
        self.controlNumber = controlNumber
        self.code = code
        self.target = target
        self.fileName = fileName
        self.bytes = bytes
        self.sentAt = sentAt
        self.writtenAs = writtenAs
    }
}

/// Everything one file produced, committed at once by `Store.commitIngest`.
public struct IngestBatch: Sendable {
    /// The ledger entry this batch completes.
    public var identity: FileIdentity
    public var file: FileRecord
    public var interchanges: [InterchangeRecord]
    public var groups: [GroupRecord]
    public var transactions: [TransactionRecord]
    public var events: [EventRecord]
    /// Destinations per event: one outbox row per pair, in this order (events in file order).
    public var deliveries: [(eventID: String, destination: String)]
    public var acks: [AckRecord]

    public init(
        identity: FileIdentity, file: FileRecord, interchanges: [InterchangeRecord] = [], groups: [GroupRecord] = [],
        transactions: [TransactionRecord] = [], events: [EventRecord] = [],
        deliveries: [(eventID: String, destination: String)] = [], acks: [AckRecord] = []
    ) {
        self.identity = identity
        self.file = file
        self.interchanges = interchanges
        self.groups = groups
        self.transactions = transactions
        self.events = events
        self.deliveries = deliveries
        self.acks = acks
    }
}

/// What `commitIngest` did.
public enum IngestReceipt: Sendable, Hashable {
    case committed(FileID)
    /// The ledger entry was ingested before (by this or another process): nothing was written.
    case alreadyIngested(FileID?)
}

/// A key for the duplicate checks of a partner's policy.
public enum DuplicateKey: Sendable, Hashable {
    /// ISA13 per sender/receiver pair (ids with their qualifiers, e.g. `ZZ:ACME`).
    case interchange(sender: String, receiver: String, controlNumber: String)
    /// GS06 per GS02/GS03 pair.
    case group(sender: String, receiver: String, controlNumber: String)
    /// ST02 within GS06 per GS02/GS03 pair.
    case transaction(sender: String, receiver: String, group: String, controlNumber: String)
}

/// The state of an outbox row.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its first or next attempt (`nextAttemptAt`).
    case pending
    /// At least one attempt failed in a way worth retrying; waiting for `nextAttemptAt`.
    case retrying
    case delivered
    /// Refused for good (a 4xx other than 408/429); kept with the response body until replayed.
    case dead
}

/// An outbox row leased for delivery.
public struct OutboxItem: Sendable, Hashable {
    public var id: OutboxID
    public var eventID: String
    public var eventType: String
    public var subject: String?
    public var destination: String
    /// Attempts made before this one.
    public var attempts: Int
    /// The CloudEvents JSON.
    public var body: Data

    public init(
        id: OutboxID, eventID: String, eventType: String, subject: String?, destination: String, attempts: Int, body: Data
    ) {
        self.id = id
        self.eventID = eventID
        self.eventType = eventType
        self.subject = subject
        self.destination = destination
        self.attempts = attempts
        self.body = body
    }
}

/// One delivery attempt and what follows from it.
public struct DeliveryAttempt: Sendable, Hashable, Codable {
    public enum Result: String, Sendable, Hashable, Codable {
        /// 2xx (or written, for a folder destination): the row is done.
        case delivered
        /// Worth trying again at `nextAttemptAt` (408, 429, 5xx, timeout, reset, circuit open).
        case retry
        /// Refused for good: the row is dead-lettered.
        case deadLetter
    }

    public var outbox: OutboxID
    public var eventID: String
    public var destination: String
    public var result: Result
    /// HTTP status, when a response came.
    public var status: Int?
    public var latency: TimeInterval
    /// What went wrong, in plain words (no secrets, no event data).
    public var error: String?
    /// The response body for a dead letter (capped by the caller).
    public var responseBody: String?
    public var attemptedAt: Date
    /// When to try again (for `.retry`).
    public var nextAttemptAt: Date?

    public init(
        outbox: OutboxID, eventID: String, destination: String, result: Result, status: Int?, latency: TimeInterval,
        error: String?, responseBody: String? = nil, attemptedAt: Date, nextAttemptAt: Date? = nil
    ) {
        self.outbox = outbox
        self.eventID = eventID
        self.destination = destination
        self.result = result
        self.status = status
        self.latency = latency
        self.error = error
        self.responseBody = responseBody
        self.attemptedAt = attemptedAt
        self.nextAttemptAt = nextAttemptAt
    }
}

/// Which outbox rows `replay` puts back.
public enum ReplaySelector: Sendable, Hashable {
    /// Every row of one event (all destinations), whatever its state.
    case event(String)
    /// The dead letters of one destination.
    case deadLetters(destination: String)
    /// Every row of the events of one file.
    case file(FileID)
}

/// One destination at a glance.
public struct DestinationSummary: Sendable, Hashable, Codable {
    public var destination: String
    public var pending: Int
    public var retrying: Int
    public var delivered: Int
    public var dead: Int
    /// When the oldest row still waiting was created.
    public var oldestWaiting: Date?
    public var lastError: String?
    public init(
        destination: String, pending: Int, retrying: Int, delivered: Int, dead: Int, oldestWaiting: Date?,
        lastError: String?
    ) {
        self.destination = destination
        self.pending = pending
        self.retrying = retrying
        self.delivered = delivered
        self.dead = dead
        self.oldestWaiting = oldestWaiting
        self.lastError = lastError
    }
}

/// A dead-lettered outbox row with its last answer.
public struct DeadLetter: Sendable, Hashable, Codable {
    public var outbox: OutboxID
    public var eventID: String
    public var eventType: String
    public var subject: String?
    public var destination: String
    public var attempts: Int
    public var status: Int?
    public var error: String?
    public var responseBody: String?
    public var at: Date
    public init(
        outbox: OutboxID, eventID: String, eventType: String, subject: String?, destination: String, attempts: Int,
        status: Int?, error: String?, responseBody: String?, at: Date
    ) {
        self.outbox = outbox
        self.eventID = eventID
        self.eventType = eventType
        self.subject = subject
        self.destination = destination
        self.attempts = attempts
        self.status = status
        self.error = error
        self.responseBody = responseBody
        self.at = at
    }
}

/// A filter over files.
public struct FileQuery: Sendable, Hashable {
    public var partner: String?
    public var outcome: FileOutcome?
    public var receivedAfter: Date?
    public var receivedBefore: Date?
    public var limit: Int
    public var offset: Int
    public init(
        partner: String? = nil, outcome: FileOutcome? = nil, receivedAfter: Date? = nil, receivedBefore: Date? = nil,
        limit: Int = 50, offset: Int = 0
    ) {
        self.partner = partner
        self.outcome = outcome
        self.receivedAfter = receivedAfter
        self.receivedBefore = receivedBefore
        self.limit = limit
        self.offset = offset
    }
}

/// A file and everything that came of it.
public struct FileLineage: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public var record: EventRecord
        /// One per destination: the row's state and every attempt, oldest first.
        public var deliveries: [(destination: String, state: OutboxState, attempts: [DeliveryAttempt])]
        public init(record: EventRecord, deliveries: [(destination: String, state: OutboxState, attempts: [DeliveryAttempt])]) {
            self.record = record
            self.deliveries = deliveries
        }
        public static func == (a: Event, b: Event) -> Bool {
            a.record == b.record && a.deliveries.elementsEqual(b.deliveries) {
                $0.destination == $1.destination && $0.state == $1.state && $0.attempts == $1.attempts
            }
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(record) }
    }
    public var file: FileRecord
    public var interchanges: [InterchangeRecord]
    public var groups: [GroupRecord]
    public var transactions: [TransactionRecord]
    public var events: [Event]
    public var acks: [AckRecord]
    public init(
        file: FileRecord, interchanges: [InterchangeRecord], groups: [GroupRecord], transactions: [TransactionRecord],
        events: [Event], acks: [AckRecord]
    ) {
        self.file = file
        self.interchanges = interchanges
        self.groups = groups
        self.transactions = transactions
        self.events = events
        self.acks = acks
    }
}

/// One row of the audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    public var actor: String
    /// `replay`, …
    public var action: String
    /// What it was done to, e.g. `event 5f0c…`, `destination erp dead letters`, `file 12`.
    public var target: String
    public var detail: String?
    public init(at: Date, actor: String, action: String, target: String, detail: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
