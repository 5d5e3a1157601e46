public import Foundation
public import Transport
public import X12

/// Everything the bridge keeps: the file ledger, what each file held (interchanges, groups, transactions
/// with byte offsets and verdicts), canonical events, the outbox (one row per event and destination, and
/// one per ack), delivery attempts, acks, outbound control numbers and the audit log.
///
/// One protocol, two implementations: `SQLiteStore` (GRDB, WAL, `synchronous=FULL`) now and PostgreSQL
/// later, so nothing here may be SQLite-only. Every method is one database transaction: a caller never
/// sees half of what another wrote.
///
/// The claim ledger of `Transport` is part of it: a file is claimed, fetched into the spool, ingested
/// (`commitIngest`, once), and completed when its source copy is archived or deleted.
public protocol Store: ClaimLedger, Sendable {
    // MARK: Intake

    /// Files fetched into the spool whose contents were not yet committed by `commitIngest` (a crash came
    /// between the two): the pipeline ingests them again on start. Oldest first.
    func spooledButNotIngested() async throws -> [SpooledFileRecord]

    /// Commits one file's outcome in one database transaction: its file row, interchanges, groups,
    /// transactions, events, outbox rows and ack rows. Marks the ledger entry of `batch.file.identity`
    /// ingested in the same transaction. A second commit for the same identity changes nothing and
    /// answers `.alreadyIngested`.
    func commitIngest(_ batch: IngestBatch) async throws -> IngestReceipt

    /// The file that first carried this interchange, group or transaction since `since`, if any: the
    /// duplicate check of a partner's duplicate policy.
    func priorOccurrence(of key: DuplicateKey, since: Date) async throws -> FileID?

    /// The next outbound control number for a sender/receiver pair, allocated atomically and durably (no
    /// number is ever handed out twice, even across instances; gaps after a crash are fine).
    func nextControlNumber(_ kind: ControlNumberKind, sender: String, receiver: String) async throws -> Int

    /// What one acknowledgement takes: `interchanges` interchange numbers and `groups` group numbers of one
    /// pair, allocated as `nextControlNumber` would one by one (in that order), in one transaction.
    func reserveControlNumbers(interchanges: Int, groups: Int, sender: String, receiver: String) async throws
        -> (interchanges: [Int], groups: [Int])

    /// Ends the ledger claims and outbox leases an earlier run of `instance` left behind (holders named
    /// `instance/…` other than this store's own owner). Called at start, while the instance's lock is held.
    func releaseStaleHolds(instance: String) async throws -> Int

    // MARK: Delivery

    /// Leases up to `limit` outbox rows of `destination` that are due (`nextAttemptAt <= now`, not leased
    /// or lease expired). Per-subject order: a row is due only when no earlier row (by outbox sequence)
    /// of the same subject and destination is still pending, retrying or leased; dead-lettered and
    /// delivered rows do not hold later ones back. Rows without a subject are independent.
    func leaseDeliveries(destination: String, limit: Int, now: Date, leaseFor: TimeInterval) async throws -> [OutboxItem]

    /// Records one attempt and what follows from it, and ends the lease.
    func recordAttempt(_ attempt: DeliveryAttempt) async throws

    /// `recordAttempt` for several attempts in one database transaction (one disk sync instead of one per
    /// attempt): all are recorded, or none.
    func recordAttempts(_ attempts: [DeliveryAttempt]) async throws

    /// Ends this instance's leases of `ids` (leased, not sent), so the rows are due again at once. A row
    /// leased by another holder since is left alone.
    func releaseLeases(_ ids: [OutboxID]) async throws

    /// A delivery worker's round in one database transaction (one disk sync per round, however many
    /// attempts and leases): records `attempts`, releases `release`, then leases up to `limit` rows of
    /// `destination` as `leaseDeliveries` does (seeing the attempts just recorded). All of it, or none.
    func deliveryRound(
        destination: String, record attempts: [DeliveryAttempt], release: [OutboxID], lease limit: Int, now: Date,
        leaseFor: TimeInterval
    ) async throws -> [OutboxItem]

    /// Raised in this process after a commit that adds or revives outbox rows; `nil` when the store
    /// cannot tell (workers then find new rows at their next poll).
    var outboxSignal: OutboxSignal? { get }

    // MARK: Acks

    /// Ack rows not yet written to the partner, oldest first.
    func pendingAcks(limit: Int) async throws -> [AckRecord]

    /// The ack was written to the partner (under `writtenAs`).
    func markAckSent(_ id: AckID, writtenAs: String, at: Date) async throws

    /// `markAckSent` for several acks at once (one transaction in a persistent store). Answers the ids
    /// that do not exist; the others are marked.
    func markAcksSent(_ marks: [AckSentMark], at: Date) async throws -> [AckID]

    // MARK: Operations

    /// Puts outbox rows back to pending, due now, keeping their event id (so their idempotency key).
    /// Writes one audit row naming `actor`. Answers how many rows were replayed.
    func replay(_ selector: ReplaySelector, actor: String, reason: String?, now: Date) async throws -> Int

    /// Backlog, retrying and dead-letter counts per destination (every destination with any outbox row).
    func destinationSummaries() async throws -> [DestinationSummary]

    /// Dead-lettered rows, newest first.
    func deadLetters(destination: String?, limit: Int, offset: Int) async throws -> [DeadLetter]

    /// The most recent failed attempts, newest first.
    func recentFailures(limit: Int) async throws -> [DeliveryAttempt]

    /// Files, newest first, optionally filtered.
    func files(_ query: FileQuery) async throws -> [FileRecord]

    /// A file and what came of it: interchanges → groups → transactions → events → attempts → acks.
    func lineage(of file: FileID) async throws -> FileLineage?

    /// The audit log, newest first.
    func auditLog(limit: Int, offset: Int) async throws -> [AuditEntry]

    // MARK: Console

    /// Stored events with their file: one file's in file order, or every file's newest first.
    func events(_ query: EventQuery) async throws -> [EventListing]

    /// Every partner named on a file or an ack: its newest file and ack, and its files since `since`.
    func partnerActivity(since: Date) async throws -> [PartnerActivity]

    /// Files by outcome, events and delivery attempts by result since `since`.
    func activity(since: Date) async throws -> ActivitySummary
}

extension Store {
    /// One transaction per attempt; a store that can do better implements it.
    public func recordAttempts(_ attempts: [DeliveryAttempt]) async throws {
        for attempt in attempts { try await recordAttempt(attempt) }
    }

    /// Three transactions (record, release, lease); a store that can do better implements it.
    public func deliveryRound(
        destination: String, record attempts: [DeliveryAttempt], release: [OutboxID], lease limit: Int, now: Date,
        leaseFor: TimeInterval
    ) async throws -> [OutboxItem] {
        try await recordAttempts(attempts)
        try await releaseLeases(release)
        return try await leaseDeliveries(destination: destination, limit: limit, now: now, leaseFor: leaseFor)
    }

    public var outboxSignal: OutboxSignal? { nil }
}

/// An ack written to its partner, for `Store.markAcksSent`.
public struct AckSentMark: Sendable, Hashable {
    public var id: AckID
    public var writtenAs: String

    public init(id: AckID, writtenAs: String) {
        self.id = id
        self.writtenAs = writtenAs
    }
}

extension Store {
    /// One `markAckSent` after another; a store that can do better overrides it.
    public func markAcksSent(_ marks: [AckSentMark], at: Date) async throws -> [AckID] {
        var missing: [AckID] = []
        for mark in marks {
            do {
                try await markAckSent(mark.id, writtenAs: mark.writtenAs, at: at)
            } catch let error as StoreError where error.code == .notFound {
                missing.append(mark.id)
            }
        }
        return missing
    }
}
