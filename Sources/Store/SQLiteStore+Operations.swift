public import Foundation
import GRDB

extension SQLiteStore: Store {
    /// Puts the selected rows back to pending, due at `now`, unleased; their attempts and event ids stay.
    public func replay(_ selector: ReplaySelector, actor: String, reason: String?, now: Date) async throws -> Int {
        let replayed = try await write("replay") { db in
            let filter: String
            let arguments: StatementArguments
            let target: String
            switch selector {
            case .event(let eventID):
                filter = "event_id = ?"
                arguments = [eventID]
                target = "event \(eventID)"
            case .deadLetters(let destination):
                filter = "destination = ? AND state = 'dead'"
                arguments = [destination]
                target = "destination \(destination) dead letters"
            case .file(let fileID):
                filter = "event_row_id IN (SELECT id FROM event WHERE file_id = ?)"
                arguments = [fileID.rawValue]
                target = "file \(fileID)"
            }
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'pending', next_attempt_at = ?, leased_by = NULL, lease_until = NULL,
                        updated_at = ?
                    WHERE \(filter)
                    """,
                arguments: [now, now] + arguments)
            let count = db.changesCount
            let detail = "\(count) row\(count == 1 ? "" : "s")" + (reason.map { ": \($0)" } ?? "")
            try Self.audit(db, at: now, actor: actor, action: "replay", target: target, detail: detail)
            return count
        }
        if replayed > 0 { outboxSignal?.raise() }
        return replayed
    }

    static func audit(_ db: Database, at: Date, actor: String, action: String, target: String, detail: String?) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, actor, action, target, detail])
    }

    public func destinationSummaries() async throws -> [DestinationSummary] {
        try await read("destinationSummaries") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.destination,
                        SUM(CASE WHEN o.state = 'pending' THEN 1 ELSE 0 END) AS pending,
                        SUM(CASE WHEN o.state = 'retrying' THEN 1 ELSE 0 END) AS retrying,
                        SUM(CASE WHEN o.state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
                        SUM(CASE WHEN o.state = 'dead' THEN 1 ELSE 0 END) AS dead,
                        MIN(CASE WHEN o.state IN ('pending', 'retrying') THEN o.created_at END) AS oldest_waiting,
                        (SELECT a.error FROM attempt a
                            WHERE a.destination = o.destination AND a.result <> 'delivered'
                            ORDER BY a.id DESC LIMIT 1) AS last_error
                    FROM outbox o
                    GROUP BY o.destination
                    ORDER BY o.destination
                    """
            ).map { row in
                DestinationSummary(
                    destination: row["destination"], pending: row["pending"], retrying: row["retrying"],
                    delivered: row["delivered"], dead: row["dead"], oldestWaiting: row["oldest_waiting"],
                    lastError: row["last_error"])
            }
        }
    }

    public func deadLetters(destination: String?, limit: Int, offset: Int) async throws -> [DeadLetter] {
        try await read("deadLetters") { db in
            let filter = destination == nil ? "" : "AND destination = ?"
            let arguments: StatementArguments = destination.map { [$0, limit, offset] } ?? [limit, offset]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox
                    WHERE state = 'dead' \(filter)
                    ORDER BY updated_at DESC, id DESC
                    LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            ).map { row in
                DeadLetter(
                    outbox: OutboxID(rawValue: row["id"]), eventID: row["event_id"], eventType: row["event_type"],
                    subject: row["subject"], destination: row["destination"], attempts: row["attempts"],
                    status: row["last_status"], error: row["last_error"], responseBody: row["response_body"],
                    at: row["updated_at"])
            }
        }
    }

    public func recentFailures(limit: Int) async throws -> [DeliveryAttempt] {
        try await read("recentFailures") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM attempt WHERE result <> 'delivered' ORDER BY attempted_at DESC, id DESC LIMIT ?",
                arguments: [limit]
            ).map(Self.attempt)
        }
    }

    public func files(_ query: FileQuery) async throws -> [FileRecord] {
        try await read("files") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let partner = query.partner {
                conditions.append("partner = ?")
                arguments += [partner]
            }
            if let outcome = query.outcome {
                conditions.append("outcome = ?")
                arguments += [outcome.rawValue]
            }
            if let after = query.receivedAfter {
                conditions.append("received_at >= ?")
                arguments += [after]
            }
            if let before = query.receivedBefore {
                conditions.append("received_at < ?")
                arguments += [before]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [query.limit, query.offset]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM file \(filter) ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?",
                arguments: arguments
            ).map(Self.fileRecord)
        }
    }

    public func lineage(of file: FileID) async throws -> FileLineage? {
        try await read("lineage") { db in
            guard let fileRow = try Row.fetchOne(db, sql: "SELECT * FROM file WHERE id = ?", arguments: [file.rawValue])
            else { return nil }
            let record = try Self.fileRecord(fileRow)
            let interchanges = try Row.fetchAll(
                db, sql: "SELECT * FROM interchange WHERE file_id = ? ORDER BY id", arguments: [file.rawValue]
            ).map { row in
                InterchangeRecord(
                    senderQualifier: row["sender_qualifier"], sender: row["sender"],
                    receiverQualifier: row["receiver_qualifier"], receiver: row["receiver"],
                    controlNumber: row["control_number"], version: row["version"], byteOffset: row["byte_offset"],
                    verdict: row["verdict"], note: row["note"])
            }
            let groups = try Row.fetchAll(
                db, sql: "SELECT * FROM functional_group WHERE file_id = ? ORDER BY id", arguments: [file.rawValue]
            ).map { row in
                GroupRecord(
                    interchangeControlNumber: row["interchange_control_number"], functionalID: row["functional_id"],
                    controlNumber: row["control_number"], version: row["version"], byteOffset: row["byte_offset"],
                    verdict: row["verdict"], applicationSender: row["application_sender"],
                    applicationReceiver: row["application_receiver"])
            }
            let transactions = try Row.fetchAll(
                db, sql: "SELECT * FROM transaction_set WHERE file_id = ? ORDER BY position, id",
                arguments: [file.rawValue]
            ).map { row in
                TransactionRecord(
                    index: row["position"], interchangeControlNumber: row["interchange_control_number"],
                    groupControlNumber: row["group_control_number"], controlNumber: row["control_number"],
                    transactionSet: row["transaction_set"], version: row["version"], byteOffset: row["byte_offset"],
                    byteLength: row["byte_length"], verdict: row["verdict"], findings: row["findings"])
            }
            let attempts = try Dictionary(
                grouping: Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.* FROM attempt a JOIN outbox o ON o.id = a.outbox_id
                        JOIN event e ON e.id = o.event_row_id
                        WHERE e.file_id = ? ORDER BY a.id
                        """,
                    arguments: [file.rawValue]
                ).map(Self.attempt),
                by: \.outbox)
            let outboxRows = try Dictionary(
                grouping: Row.fetchAll(
                    db,
                    sql: """
                        SELECT o.id, o.event_row_id, o.destination, o.state FROM outbox o
                        JOIN event e ON e.id = o.event_row_id
                        WHERE e.file_id = ? ORDER BY o.id
                        """,
                    arguments: [file.rawValue]),
                by: { $0["event_row_id"] as Int64 })
            let events = try Row.fetchAll(
                db, sql: "SELECT * FROM event WHERE file_id = ? ORDER BY id", arguments: [file.rawValue]
            ).map { row in
                let rowID: Int64 = row["id"]
                let deliveries = try (outboxRows[rowID] ?? []).map { outbox in
                    let id = OutboxID(rawValue: outbox["id"])
                    return (
                        destination: outbox["destination"] as String, state: try Self.outboxState(outbox["state"]),
                        attempts: attempts[id] ?? []
                    )
                }
                return FileLineage.Event(
                    record: EventRecord(
                        id: row["event_id"], type: row["type"], subject: row["subject"], time: row["time"],
                        transactionIndex: row["transaction_position"], json: row["json"]),
                    deliveries: deliveries)
            }
            let acks = try Row.fetchAll(
                db, sql: "SELECT * FROM ack WHERE file_id = ? ORDER BY id", arguments: [file.rawValue]
            ).map(Self.ackRecord)
            return FileLineage(
                file: record, interchanges: interchanges, groups: groups, transactions: transactions, events: events,
                acks: acks)
        }
    }

    public func auditLog(limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await read("auditLog") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ? OFFSET ?", arguments: [limit, offset]
            )
            .map { row in
                AuditEntry(
                    at: row["at"], actor: row["actor"], action: row["action"], target: row["target"],
                    detail: row["detail"])
            }
        }
    }

    static func fileRecord(_ row: Row) throws -> FileRecord {
        let outcomeText: String = row["outcome"]
        guard let outcome = FileOutcome(rawValue: outcomeText) else {
            throw StoreFailure(
                code: .unreadableRow, message: "file \(row["id"] as Int64) has the unknown outcome '\(outcomeText)'")
        }
        return FileRecord(
            id: FileID(rawValue: row["id"]), source: row["source"], partner: row["partner"], name: row["name"],
            sha256: row["sha256"], size: row["size"], format: row["format"], outcome: outcome, note: row["note"],
            receivedAt: row["received_at"], transactionsAccepted: row["transactions_accepted"],
            transactionsRejected: row["transactions_rejected"], eventCount: row["event_count"])
    }

    static func attempt(_ row: Row) throws -> DeliveryAttempt {
        let resultText: String = row["result"]
        guard let result = DeliveryAttempt.Result(rawValue: resultText) else {
            throw StoreFailure(
                code: .unreadableRow, message: "attempt \(row["id"] as Int64) has the unknown result '\(resultText)'")
        }
        return DeliveryAttempt(
            outbox: OutboxID(rawValue: row["outbox_id"]), eventID: row["event_id"], destination: row["destination"],
            result: result, status: row["status"], latency: row["latency"], error: row["error"],
            responseBody: row["response_body"], attemptedAt: row["attempted_at"],
            nextAttemptAt: row["next_attempt_at"])
    }
}
