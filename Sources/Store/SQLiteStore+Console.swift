public import Foundation
import GRDB

/// The queries of the admin API and console: events, partners, activity.
extension SQLiteStore {
    public func events(_ query: EventQuery) async throws -> [EventListing] {
        try await read("events") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let file = query.file {
                conditions.append("e.file_id = ?")
                arguments += [file.rawValue]
            }
            if let type = query.type {
                conditions.append("e.type = ?")
                arguments += [type]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            // One file's events read in file order; across files, newest first.
            let order = query.file == nil ? "e.id DESC" : "e.id"
            arguments += [query.limit, query.offset]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT e.event_id, e.type, e.subject, e.time, e.transaction_position, e.file_id,
                        f.name AS file_name, f.partner, f.received_at
                    FROM event e JOIN file f ON f.id = e.file_id
                    \(filter)
                    ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            ).map { row in
                EventListing(
                    fileID: FileID(rawValue: row["file_id"]), fileName: row["file_name"], partner: row["partner"],
                    receivedAt: row["received_at"], id: row["event_id"], type: row["type"], subject: row["subject"],
                    time: row["time"], transactionIndex: row["transaction_position"])
            }
        }
    }

    public func partnerActivity(since: Date) async throws -> [PartnerActivity] {
        try await read("partnerActivity") { db in
            let partners = try String.fetchAll(
                db,
                sql: """
                    SELECT partner FROM file WHERE partner IS NOT NULL
                    UNION SELECT partner FROM ack
                    ORDER BY partner
                    """)
            return try partners.map { partner in
                let lastFile = try Row.fetchOne(
                    db, sql: "SELECT * FROM file WHERE partner = ? ORDER BY received_at DESC, id DESC LIMIT 1",
                    arguments: [partner]
                ).map(Self.fileRecord)
                let ackRow = try Row.fetchOne(
                    db, sql: "SELECT * FROM ack WHERE partner = ? ORDER BY id DESC LIMIT 1", arguments: [partner])
                let counts = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS files,
                            SUM(CASE WHEN outcome <> 'processed' THEN 1 ELSE 0 END) AS not_processed
                        FROM file WHERE partner = ? AND received_at >= ?
                        """,
                    arguments: [partner, since])
                return PartnerActivity(
                    partner: partner, lastFile: lastFile, lastAck: ackRow.map(Self.ackRecord),
                    lastAckCreatedAt: ackRow.flatMap { $0["created_at"] as Date? },
                    files: counts.flatMap { $0["files"] as Int? } ?? 0,
                    filesNotProcessed: counts.flatMap { $0["not_processed"] as Int? } ?? 0)
            }
        }
    }

    public func activity(since: Date) async throws -> ActivitySummary {
        try await read("activity") { db in
            var files = Dictionary(uniqueKeysWithValues: FileOutcome.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(
                db, sql: "SELECT outcome, COUNT(*) AS n FROM file WHERE received_at >= ? GROUP BY outcome",
                arguments: [since])
            {
                files[row["outcome"] as String] = row["n"]
            }
            let events =
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM event e JOIN file f ON f.id = e.file_id WHERE f.received_at >= ?",
                    arguments: [since]) ?? 0
            var attempts = ["delivered": 0, "retry": 0, "deadLetter": 0]
            for row in try Row.fetchAll(
                db, sql: "SELECT result, COUNT(*) AS n FROM attempt WHERE attempted_at >= ? GROUP BY result",
                arguments: [since])
            {
                attempts[row["result"] as String] = row["n"]
            }
            return ActivitySummary(since: since, filesByOutcome: files, events: events, attemptsByResult: attempts)
        }
    }
}
