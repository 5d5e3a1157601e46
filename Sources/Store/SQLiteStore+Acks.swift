public import Foundation
import GRDB
public import X12

extension SQLiteStore {
    public func pendingAcks(limit: Int) async throws -> [AckRecord] {
        try await read("pendingAcks") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ack WHERE sent_at IS NULL ORDER BY id LIMIT ?", arguments: [limit]
            ).map(Self.ackRecord)
        }
    }

    /// - Throws: `StoreError` `.notFound` for an unknown ack id.
    public func markAckSent(_ id: AckID, writtenAs: String, at: Date) async throws {
        try await write("markAckSent") { db in
            try db.execute(
                sql: "UPDATE ack SET sent_at = ?, written_as = ? WHERE id = ?", arguments: [at, writtenAs, id.rawValue])
            if db.changesCount == 0 {
                throw StoreFailure(code: .notFound, message: "ack \(id) does not exist")
            }
        }
    }

    /// Marks every ack of `marks` sent in one transaction; answers the ids that do not exist.
    public func markAcksSent(_ marks: [AckSentMark], at: Date) async throws -> [AckID] {
        guard !marks.isEmpty else { return [] }
        return try await write("markAcksSent") { db in
            var missing: [AckID] = []
            for mark in marks {
                try db.execute(
                    sql: "UPDATE ack SET sent_at = ?, written_as = ? WHERE id = ?",
                    arguments: [at, mark.writtenAs, mark.id.rawValue])
                if db.changesCount == 0 { missing.append(mark.id) }
            }
            return missing
        }
    }

    static func ackRecord(_ row: Row) -> AckRecord {
        AckRecord(
            id: AckID(rawValue: row["id"]), fileID: (row["file_id"] as Int64?).map(FileID.init(rawValue:)),
            partner: row["partner"], kind: row["kind"], answersInterchange: row["answers_interchange"],
            controlNumber: row["control_number"], code: row["code"], target: row["target"],
            fileName: row["file_name"], bytes: row["bytes"], sentAt: row["sent_at"], writtenAs: row["written_as"])
    }

    // MARK: Control numbers

    /// One statement allocates: an upsert that adds one (wrapping after 999,999,999 to 1, as
    /// `InMemoryControlNumbers` does) and returns the new value. It runs in a write transaction, so two
    /// instances on one file never get the same number.
    static func allocate(_ db: Database, _ kind: ControlNumberKind, sender: String, receiver: String) throws -> Int {
        let value = try Int.fetchOne(
            db,
            sql: """
                INSERT INTO control_number (kind, sender, receiver, last_value) VALUES (?, ?, ?, 1)
                ON CONFLICT (kind, sender, receiver)
                DO UPDATE SET last_value = control_number.last_value % 999999999 + 1
                RETURNING last_value
                """,
            arguments: [kind.rawValue, sender, receiver])
        guard let value else {
            throw StoreFailure(code: .database, message: "the control number upsert returned no value")
        }
        return value
    }

    public func nextControlNumber(_ kind: ControlNumberKind, sender: String, receiver: String) async throws -> Int {
        try await write("nextControlNumber") { db in try Self.allocate(db, kind, sender: sender, receiver: receiver) }
    }

    /// One transaction (one disk sync) for all of an acknowledgement's numbers, where one call per number
    /// cost a sync each on every file the pipeline acknowledges.
    public func reserveControlNumbers(interchanges: Int, groups: Int, sender: String, receiver: String) async throws
        -> (interchanges: [Int], groups: [Int])
    {
        try await write("reserveControlNumbers") { db in
            let interchangeNumbers = try (0..<max(0, interchanges)).map { _ in
                try Self.allocate(db, .interchange, sender: sender, receiver: receiver)
            }
            let groupNumbers = try (0..<max(0, groups)).map { _ in
                try Self.allocate(db, .group, sender: sender, receiver: receiver)
            }
            return (interchangeNumbers, groupNumbers)
        }
    }

    /// Sets the last number handed out for a pair, so the next is `value % 999,999,999 + 1` (taking over
    /// a partner's numbering from an old system). Written to the audit log.
    public func setLastControlNumber(
        _ kind: ControlNumberKind, sender: String, receiver: String, to value: Int, actor: String, now: Date
    ) async throws {
        try await write("setLastControlNumber") { db in
            try db.execute(
                sql: """
                    INSERT INTO control_number (kind, sender, receiver, last_value) VALUES (?, ?, ?, ?)
                    ON CONFLICT (kind, sender, receiver) DO UPDATE SET last_value = excluded.last_value
                    """,
                arguments: [kind.rawValue, sender, receiver, value])
            try Self.audit(
                db, at: now, actor: actor, action: "set-control-number",
                target: "\(kind.rawValue) \(sender) → \(receiver)", detail: "last value \(value)")
        }
    }
}

/// The ack builder asks for control numbers synchronously: each call is one write transaction, waiting for
/// the writer like any other.
extension SQLiteStore: ControlNumbers {
    public func next(_ kind: ControlNumberKind, sender: String, receiver: String) throws -> Int {
        try writeNow("nextControlNumber") { db in try Self.allocate(db, kind, sender: sender, receiver: receiver) }
    }
}
