public import Foundation
import GRDB
import Transport

extension SQLiteStore {
    /// Writes the whole batch in one IMMEDIATE transaction, or nothing. The ledger row of
    /// `batch.identity` is created when the file never went through `claim` (given directly), as a fetched,
    /// unheld file, so a poller that meets it later only cleans its source up.
    ///
    /// - Throws: `StoreError` `.invalidBatch` when a delivery names an event the batch lacks or an event id
    ///   repeats; `.database` when SQLite refuses. Either way nothing of the batch is written.
    public func commitIngest(_ batch: IngestBatch) async throws -> IngestReceipt {
        let now = StoreTime.text(now())
        let receipt = try await write("commitIngest") { db -> IngestReceipt in
            let ledger = try Self.ledgerRow(db, batch.identity)
            if let ledger, let ingested = ledger["ingested_file_id"] as Int64? {
                return .alreadyIngested(FileID(rawValue: ingested))
            }
            let fileID = try Self.insertContents(db, batch, now: now)
            if let ledger {
                try db.execute(
                    sql: """
                        UPDATE ledger SET ingested_file_id = ?, ingested_at = ?, sha256 = COALESCE(sha256, ?),
                            state = CASE WHEN state = 'claimed' THEN 'fetched' ELSE state END,
                            fetched_at = COALESCE(fetched_at, ?)
                        WHERE id = ?
                        """,
                    arguments: [fileID, now, batch.file.sha256, now, ledger["id"] as Int64])
            } else {
                let identity = batch.identity
                try db.execute(
                    sql: """
                        INSERT INTO ledger (source, path, size, modified, state, sha256, spooled_as, claimed_at,
                            fetched_at, ingested_file_id, ingested_at)
                        VALUES (?, ?, ?, ?, 'fetched', ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        identity.source.value, identity.path.string, identity.size, identity.modified,
                        batch.file.sha256, identity.path.name?.value, now, now, fileID, now,
                    ])
            }
            return .committed(FileID(rawValue: fileID))
        }
        if case .committed = receipt, !batch.deliveries.isEmpty { outboxSignal?.raise() }
        return receipt
    }

    /// Inserts the file's rows. Each statement is prepared once per transaction (a file has hundreds of
    /// events); outbox rows go in with one multi-row INSERT per `chunkRows`; times are bound as text made
    /// once (`StoreTime`).
    private static func insertContents(_ db: Database, _ batch: IngestBatch, now: String) throws -> Int64 {
        let file = batch.file
        let receivedAt = StoreTime.text(file.receivedAt)
        try db.execute(
            sql: """
                INSERT INTO file (source, partner, name, sha256, size, format, outcome, note, received_at,
                    transactions_accepted, transactions_rejected, event_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                file.source, file.partner, file.name, file.sha256, file.size, file.format, file.outcome.rawValue,
                file.note, receivedAt, file.transactionsAccepted, file.transactionsRejected, file.eventCount,
            ])
        let fileID = db.lastInsertedRowID

        if !batch.interchanges.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO interchange (file_id, sender_qualifier, sender, receiver_qualifier, receiver,
                        sender_key, receiver_key, control_number, version, byte_offset, verdict, note, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for interchange in batch.interchanges {
                try statement.execute(
                    arguments: [
                        fileID, interchange.senderQualifier, interchange.sender, interchange.receiverQualifier,
                        interchange.receiver, partyKey(interchange.senderQualifier, interchange.sender),
                        partyKey(interchange.receiverQualifier, interchange.receiver), interchange.controlNumber,
                        interchange.version, interchange.byteOffset, interchange.verdict, interchange.note, receivedAt,
                    ])
            }
        }

        var groupIDs: [String: Int64] = [:]
        if !batch.groups.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO functional_group (file_id, interchange_control_number, functional_id,
                        application_sender, application_receiver, control_number, version, byte_offset, verdict,
                        received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for group in batch.groups {
                try statement.execute(
                    arguments: [
                        fileID, group.interchangeControlNumber, group.functionalID, group.applicationSender,
                        group.applicationReceiver, group.controlNumber, group.version, group.byteOffset, group.verdict,
                        receivedAt,
                    ])
                let key = "\(group.interchangeControlNumber)|\(group.controlNumber)"
                if groupIDs[key] == nil { groupIDs[key] = db.lastInsertedRowID }
            }
        }

        if !batch.transactions.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO transaction_set (file_id, group_id, position, interchange_control_number,
                        group_control_number, control_number, transaction_set, version, byte_offset, byte_length,
                        verdict, findings)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for transaction in batch.transactions {
                let groupID = transaction.groupControlNumber.flatMap { group in
                    groupIDs["\(transaction.interchangeControlNumber ?? "")|\(group)"]
                }
                try statement.execute(
                    arguments: [
                        fileID, groupID, transaction.index, transaction.interchangeControlNumber,
                        transaction.groupControlNumber, transaction.controlNumber, transaction.transactionSet,
                        transaction.version, transaction.byteOffset, transaction.byteLength, transaction.verdict,
                        transaction.findings,
                    ])
            }
        }

        // Event rows one by one: each outbox row needs its event's row id.
        var eventRows: [String: (row: Int64, event: EventRecord)] = [:]
        eventRows.reserveCapacity(batch.events.count)
        if !batch.events.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO event (event_id, file_id, transaction_position, type, subject, time, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, event) in batch.events.enumerated() {
                guard eventRows[event.id] == nil else {
                    throw StoreFailure(
                        code: .invalidBatch,
                        message: "event \(position + 1) of file '\(file.name)' repeats the id \(event.id); "
                            + "event ids must be unique in a file")
                }
                try statement.execute(
                    arguments: [
                        event.id, fileID, event.transactionIndex, event.type, event.subject, event.time, event.json,
                    ])
                eventRows[event.id] = (db.lastInsertedRowID, event)
            }
        }

        var outboxRows: [[(any DatabaseValueConvertible)?]] = []
        outboxRows.reserveCapacity(batch.deliveries.count)
        for (position, delivery) in batch.deliveries.enumerated() {
            guard let (row, event) = eventRows[delivery.eventID] else {
                throw StoreFailure(
                    code: .invalidBatch,
                    message: "delivery \(position + 1) of file '\(file.name)' names event \(delivery.eventID), "
                        + "which the batch does not carry")
            }
            outboxRows.append([row, event.id, event.type, event.subject, delivery.destination])
        }
        try forEachChunk(of: outboxRows) { chunk in
            try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (event_row_id, event_id, event_type, subject, destination, state, attempts,
                        next_attempt_at, created_at, updated_at)
                    VALUES \(Array(repeating: "(?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)", count: chunk.count)
                        .joined(separator: ", "))
                    """
            ).execute(arguments: StatementArguments(chunk.flatMap { $0 + [now, now, now] }))
        }

        if !batch.acks.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO ack (file_id, partner, kind, answers_interchange, control_number, code, target,
                        file_name, bytes, created_at, sent_at, written_as)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for ack in batch.acks {
                try statement.execute(
                    arguments: [
                        fileID, ack.partner, ack.kind, ack.answersInterchange, ack.controlNumber, ack.code, ack.target,
                        ack.fileName, ack.bytes, now, StoreTime.text(ack.sentAt), ack.writtenAs,
                    ])
            }
        }
        return fileID
    }

    /// `ZZ:ACME` from ISA05/ISA06 (or 07/08), padding trimmed: the form `DuplicateKey` names parties in.
    static func partyKey(_ qualifier: String, _ id: String) -> String {
        "\(qualifier.trimmingCharacters(in: .whitespaces)):\(id.trimmingCharacters(in: .whitespaces))"
    }

    /// `partyKey` applied to a key a caller wrote (`ZZ:ACME`, `ZZ:ACME   `); a key without `:` is kept.
    static func normalizedPartyKey(_ key: String) -> String {
        guard let colon = key.firstIndex(of: ":") else { return key.trimmingCharacters(in: .whitespaces) }
        return partyKey(String(key[..<colon]), String(key[key.index(after: colon)...]))
    }

    /// The earliest file received at or after `since` that carried the interchange, group or transaction.
    public func priorOccurrence(of key: DuplicateKey, since: Date) async throws -> FileID? {
        try await read("priorOccurrence") { db in
            let id: Int64?
            switch key {
            case .interchange(let sender, let receiver, let controlNumber):
                id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT file_id FROM interchange
                        WHERE sender_key = ? AND receiver_key = ? AND control_number = ? AND received_at >= ?
                        ORDER BY received_at, id LIMIT 1
                        """,
                    arguments: [
                        Self.normalizedPartyKey(sender), Self.normalizedPartyKey(receiver), controlNumber, since,
                    ])
            case .group(let sender, let receiver, let controlNumber):
                id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT file_id FROM functional_group
                        WHERE application_sender = ? AND application_receiver = ? AND control_number = ?
                            AND received_at >= ?
                        ORDER BY received_at, id LIMIT 1
                        """,
                    arguments: [sender, receiver, controlNumber, since])
            case .transaction(let sender, let receiver, let group, let controlNumber):
                id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT t.file_id FROM transaction_set t
                        JOIN functional_group g ON g.id = t.group_id
                        WHERE g.application_sender = ? AND g.application_receiver = ? AND g.control_number = ?
                            AND t.control_number = ? AND g.received_at >= ?
                        ORDER BY g.received_at, t.id LIMIT 1
                        """,
                    arguments: [sender, receiver, group, controlNumber, since])
            }
            return id.map(FileID.init(rawValue:))
        }
    }
}
