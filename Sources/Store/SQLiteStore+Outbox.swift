public import Foundation
import GRDB

extension SQLiteStore {
    /// Leases the due rows of `destination`, oldest first, under this instance's owner id.
    ///
    /// One query picks them; the same transaction marks them leased, and SQLite's single writer keeps two
    /// instances from picking the same row (PostgreSQL adds `FOR UPDATE SKIP LOCKED` to the same query).
    /// Order per subject: a row waits while any earlier row (lower outbox id) of its subject and destination
    /// is pending or retrying, leased or not. So one lease never holds two rows of one subject.
    public func leaseDeliveries(destination: String, limit: Int, now: Date, leaseFor: TimeInterval) async throws
        -> [OutboxItem]
    {
        guard limit > 0 else { return [] }
        let owner = owner
        return try await write("leaseDeliveries") { db in
            try Self.lease(
                db, destination: destination, limit: limit, owner: owner, until: now.addingTimeInterval(leaseFor),
                now: now)
        }
    }

    /// One round of a delivery worker in one transaction (one disk sync): records `attempts` (as
    /// `recordAttempts`), gives back the leases of `release` that this instance still holds (rows leased
    /// but not sent), then leases up to `limit` due rows (as `leaseDeliveries`, so rows that the recorded
    /// attempts delivered no longer hold their subject back). All of it happens, or none.
    public func deliveryRound(
        destination: String, record attempts: [DeliveryAttempt], release: [OutboxID], lease limit: Int, now: Date,
        leaseFor: TimeInterval
    ) async throws -> [OutboxItem] {
        guard !attempts.isEmpty || !release.isEmpty || limit > 0 else { return [] }
        let owner = owner
        return try await write("deliveryRound") { db in
            try Self.record(db, attempts)
            try Self.release(db, release, owner: owner)
            guard limit > 0 else { return [] }
            return try Self.lease(
                db, destination: destination, limit: limit, owner: owner, until: now.addingTimeInterval(leaseFor),
                now: now)
        }
    }

    /// Ends this instance's leases of `ids` (rows leased but not sent), so they are due again at once,
    /// here or in another instance. A row leased by someone else since is left alone.
    public func releaseLeases(_ ids: [OutboxID]) async throws {
        guard !ids.isEmpty else { return }
        let owner = owner
        try await write("releaseLeases") { db in try Self.release(db, ids, owner: owner) }
    }

    private static func release(_ db: Database, _ ids: [OutboxID], owner: String) throws {
        try forEachChunk(of: ids.map(\.rawValue)) { chunk in
            try db.cachedStatement(
                sql: "UPDATE outbox SET leased_by = NULL, lease_until = NULL WHERE leased_by = ? AND id IN (\(placeholders(chunk.count)))"
            ).execute(arguments: StatementArguments([owner] + chunk))
        }
    }

    private static func lease(
        _ db: Database, destination: String, limit: Int, owner: String, until: Date, now: Date
    ) throws -> [OutboxItem] {
        let now = StoreTime.text(now)
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT o.id, o.event_id, o.event_type, o.subject, o.destination, o.attempts, e.json
                    FROM outbox o
                    JOIN event e ON e.id = o.event_row_id
                    WHERE o.destination = ?
                        AND o.state IN ('pending', 'retrying')
                        AND o.next_attempt_at <= ?
                        AND (o.lease_until IS NULL OR o.lease_until <= ?)
                        AND (o.subject IS NULL OR NOT EXISTS (
                            SELECT 1 FROM outbox earlier
                            WHERE earlier.destination = o.destination
                                AND earlier.subject = o.subject
                                AND earlier.id < o.id
                                AND earlier.state IN ('pending', 'retrying')))
                    ORDER BY o.id
                    LIMIT ?
                    """),
            arguments: [destination, now, now, limit])
        let items = rows.map { row in
            OutboxItem(
                id: OutboxID(rawValue: row[0]), eventID: row[1], eventType: row[2], subject: row[3],
                destination: row[4], attempts: row[5], body: row[6])
        }
        let until = StoreTime.text(until)
        try forEachChunk(of: items.map(\.id.rawValue)) { chunk in
            try db.cachedStatement(
                sql: "UPDATE outbox SET leased_by = ?, lease_until = ? WHERE id IN (\(placeholders(chunk.count)))"
            ).execute(arguments: StatementArguments([owner, until] + chunk))
        }
        return items
    }

    /// Writes the attempt row and moves the outbox row on: `.delivered` → delivered; `.retry` → retrying,
    /// due at `nextAttemptAt` (or at once); `.deadLetter` → dead, with the response body. The lease ends.
    ///
    /// An attempt reported late (its lease passed and another instance delivered the row) is kept as an
    /// attempt but never moves a delivered row back.
    /// - Throws: `StoreError` `.notFound` for an unknown outbox id.
    public func recordAttempt(_ attempt: DeliveryAttempt) async throws {
        try await write("recordAttempt") { db in try Self.record(db, [attempt]) }
    }

    /// `recordAttempt` for many attempts in one transaction (one disk sync): all are recorded or none.
    public func recordAttempts(_ attempts: [DeliveryAttempt]) async throws {
        guard !attempts.isEmpty else { return }
        try await write("recordAttempts") { db in try Self.record(db, attempts) }
    }

    /// Records `attempts` in order: the outbox rows move on, then the attempt rows go in with one INSERT of
    /// many rows (per chunk of `chunkRows`). Times are bound as preformatted text.
    ///
    /// Deliveries (nearly every attempt under load) move their rows with one `UPDATE … FROM (VALUES …)` per
    /// chunk instead of one statement per row; retries and dead letters take one `UPDATE` each. When one
    /// outbox row has two attempts in the batch, every attempt takes the one-row path, in order.
    private static func record(_ db: Database, _ attempts: [DeliveryAttempt]) throws {
        guard !attempts.isEmpty else { return }
        var texts: [(attempted: String, next: String?)] = []
        texts.reserveCapacity(attempts.count)
        for attempt in attempts {
            texts.append((StoreTime.text(attempt.attemptedAt), StoreTime.text(attempt.nextAttemptAt)))
        }
        var ids = Set<Int64>(minimumCapacity: attempts.count)
        let distinct = attempts.allSatisfy { ids.insert($0.outbox.rawValue).inserted }
        var delivered: [Int] = []
        for (index, attempt) in attempts.enumerated() {
            if distinct && attempt.result == .delivered {
                delivered.append(index)
            } else {
                try recordOne(db, attempt, attempted: texts[index].attempted, next: texts[index].next)
            }
        }
        try forEachChunk(of: delivered) { chunk in
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(chunk.count * 4)
            for index in chunk {
                let attempt = attempts[index]
                arguments += [attempt.outbox.rawValue, attempt.status, attempt.error, texts[index].attempted]
            }
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = 'delivered', attempts = attempts + 1, leased_by = NULL,
                        lease_until = NULL, last_status = v.column2, last_error = v.column3, updated_at = v.column4
                    FROM (VALUES \(rowPlaceholders(rows: chunk.count, columns: 4))) AS v
                    WHERE outbox.id = v.column1
                    """
            ).execute(arguments: StatementArguments(arguments))
            // Fewer rows changed than named: at least one outbox row does not exist.
            if db.changesCount < chunk.count {
                let chunkIDs = chunk.map { attempts[$0].outbox.rawValue }
                let found = Set(
                    try Int64.fetchAll(
                        db.cachedStatement(sql: "SELECT id FROM outbox WHERE id IN (\(placeholders(chunkIDs.count)))"),
                        arguments: StatementArguments(chunkIDs)))
                if let missing = chunkIDs.first(where: { !found.contains($0) }) {
                    throw StoreFailure(code: .notFound, message: "outbox row \(OutboxID(rawValue: missing)) does not exist")
                }
            }
        }
        var start = 0
        while start < attempts.count {
            let end = min(attempts.count, start + chunkRows)
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity((end - start) * 10)
            for index in start..<end {
                let attempt = attempts[index]
                arguments += [
                    attempt.outbox.rawValue, attempt.eventID, attempt.destination, attempt.result.rawValue,
                    attempt.status, attempt.latency, attempt.error, attempt.responseBody, texts[index].attempted,
                    texts[index].next,
                ]
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO attempt (outbox_id, event_id, destination, result, status, latency, error,
                        response_body, attempted_at, next_attempt_at)
                    VALUES \(rowPlaceholders(rows: end - start, columns: 10))
                    """
            ).execute(arguments: StatementArguments(arguments))
            start = end
        }
    }

    /// Moves one outbox row on for its attempt: one `UPDATE` (the row is looked up only when that changes
    /// nothing, to tell an unknown id from a late answer).
    private static func recordOne(_ db: Database, _ attempt: DeliveryAttempt, attempted: String, next: String?) throws {
        let id = attempt.outbox.rawValue
        switch attempt.result {
        case .delivered:
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = 'delivered', attempts = attempts + 1, leased_by = NULL,
                        lease_until = NULL, last_status = ?, last_error = ?, updated_at = ?
                    WHERE id = ?
                    """
            ).execute(arguments: [attempt.status, attempt.error, attempted, id])
        case .retry:
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = 'retrying', attempts = attempts + 1, leased_by = NULL,
                        lease_until = NULL, last_status = ?, last_error = ?, updated_at = ?, next_attempt_at = ?
                    WHERE id = ? AND state IN ('pending', 'retrying')
                    """
            ).execute(arguments: [attempt.status, attempt.error, attempted, next ?? attempted, id])
        case .deadLetter:
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = 'dead', attempts = attempts + 1, leased_by = NULL,
                        lease_until = NULL, last_status = ?, last_error = ?, updated_at = ?, response_body = ?
                    WHERE id = ? AND state IN ('pending', 'retrying')
                    """
            ).execute(arguments: [attempt.status, attempt.error, attempted, attempt.responseBody, id])
        }
        // No row changed: either the row is unknown, or a late retry or dead letter met a row that is
        // delivered (or dead) by now, which stays as it is. Only then is the row looked up.
        if db.changesCount == 0,
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE id = ?"), arguments: [id]) == nil
        {
            throw StoreFailure(code: .notFound, message: "outbox row \(attempt.outbox) does not exist")
        }
    }

    /// The state of one outbox row and its attempt count, for status pages and tests.
    public func outboxState(_ id: OutboxID) async throws -> (state: OutboxState, attempts: Int)? {
        try await read("outboxState") { db -> (state: OutboxState, attempts: Int)? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT state, attempts FROM outbox WHERE id = ?", arguments: [id.rawValue])
            else { return nil }
            return (try Self.outboxState(row["state"]), row["attempts"])
        }
    }

    static func outboxState(_ text: String) throws -> OutboxState {
        guard let state = OutboxState(rawValue: text) else {
            throw StoreFailure(code: .unreadableRow, message: "an outbox row has the unknown state '\(text)'")
        }
        return state
    }
}
