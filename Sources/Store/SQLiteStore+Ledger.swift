public import Foundation
import GRDB
public import Transport

/// One row of the file ledger, as `SQLiteStore.ledgerEntry(for:)` shows it.
public struct LedgerEntry: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Claimed to fetch; nothing is in the spool yet.
        case claimed
        /// In the spool (with its SHA-256); the source copy may still wait for its clean-up.
        case fetched
        /// Fetched and its source archived, deleted or deliberately left.
        case done
    }

    public var identity: FileIdentity
    public var state: State
    /// The instance holding the claim, while `heldUntil` is in the future.
    public var holder: String?
    public var heldUntil: Date?
    public var sha256: String?
    public var spooledAs: String?
    /// The file row `commitIngest` wrote for it.
    public var ingestedFileID: FileID?
}

extension SQLiteStore: ClaimLedger {
    /// Claims `file` under this instance's owner id for `options.claimLease`. A claim whose lease has
    /// passed is free again: a claimed-but-unfetched file is claimed anew (`.claimed`), a fetched one is
    /// handed over for its clean-up (`.cleanupPending`).
    public func claim(_ file: FileIdentity) async throws -> ClaimOutcome {
        try await claimAll([file])[0]
    }

    /// `claim` for a poll's batch, in one transaction (one sync instead of one per file); outcomes in the
    /// order of `files`.
    public func claimAll(_ files: [FileIdentity]) async throws -> [ClaimOutcome] {
        guard !files.isEmpty else { return [] }
        let now = now()
        let owner = owner
        let until = now.addingTimeInterval(options.claimLease)
        return try await write("claim") { db in
            try files.map { file in try Self.claim(db, file, owner: owner, now: now, until: until) }
        }
    }

    static func claim(_ db: Database, _ file: FileIdentity, owner: String, now: Date, until: Date) throws
        -> ClaimOutcome
    {
        guard let row = try ledgerRow(db, file) else {
            try db.execute(
                sql: """
                    INSERT INTO ledger (source, path, size, modified, state, holder, held_until, claimed_at)
                    VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)
                    """,
                arguments: [file.source.value, file.path.string, file.size, file.modified, owner, until, now])
            return .claimed
        }
        let state: String = row["state"]
        let heldUntil: Date? = row["held_until"]
        let held = (row["holder"] as String?) != nil && heldUntil.map { $0 > now } == true
        switch state {
        case "done":
            return .done
        case _ where held:
            return .heldElsewhere
        default:
            try db.execute(
                sql: "UPDATE ledger SET holder = ?, held_until = ?, claimed_at = ? WHERE id = ?",
                arguments: [owner, until, now, row["id"] as Int64])
            return state == "fetched" ? .cleanupPending : .claimed
        }
    }

    /// Marks `file` fetched (its spool copy is durable) and renews this instance's hold on it.
    public func recordFetched(_ file: FileIdentity, sha256: String, spooledAs: RemoteName) async throws {
        try await recordAllFetched([FetchedFile(identity: file, sha256: sha256, spooledAs: spooledAs)])
    }

    /// `recordFetched` for a poll's batch, in one transaction: all of them are recorded, or none.
    public func recordAllFetched(_ files: [FetchedFile]) async throws {
        guard !files.isEmpty else { return }
        let now = now()
        let owner = owner
        let until = now.addingTimeInterval(options.claimLease)
        try await write("recordFetched") { db in
            for fetched in files { try Self.recordFetched(db, fetched, owner: owner, now: now, until: until) }
        }
    }

    static func recordFetched(_ db: Database, _ fetched: FetchedFile, owner: String, now: Date, until: Date) throws {
        let file = fetched.identity
        if let row = try ledgerRow(db, file) {
            guard (row["state"] as String) != "done" else { return }
            try db.execute(
                sql: """
                    UPDATE ledger SET state = 'fetched', sha256 = ?, spooled_as = ?, fetched_at = ?,
                        holder = ?, held_until = ?
                    WHERE id = ?
                    """,
                arguments: [fetched.sha256, fetched.spooledAs.value, now, owner, until, row["id"] as Int64])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO ledger (source, path, size, modified, state, holder, held_until, sha256,
                        spooled_as, claimed_at, fetched_at)
                    VALUES (?, ?, ?, ?, 'fetched', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    file.source.value, file.path.string, file.size, file.modified, owner, until, fetched.sha256,
                    fetched.spooledAs.value, now, now,
                ])
        }
    }

    /// A fetched file whose source copy is dealt with: done for good. Nothing happens to a file that was
    /// never fetched.
    public func complete(_ file: FileIdentity) async throws {
        try await completeAll([file])
    }

    /// `complete` for a poll's batch, in one transaction.
    public func completeAll(_ files: [FileIdentity]) async throws {
        guard !files.isEmpty else { return }
        let now = now()
        try await write("complete") { db in
            for file in files {
                try db.execute(
                    sql: """
                        UPDATE ledger SET state = 'done', holder = NULL, held_until = NULL, completed_at = ?
                        WHERE source = ? AND path = ? AND size = ? AND modified = ? AND state = 'fetched'
                        """,
                    arguments: [now, file.source.value, file.path.string, file.size, file.modified])
            }
        }
    }

    /// Gives up this instance's hold: an unfetched file is forgotten (free for the next poll), a fetched one
    /// waits, unheld, for its clean-up. A hold that passed to another instance is left alone.
    public func release(_ file: FileIdentity) async throws {
        let owner = owner
        try await write("release") { db in
            let identity: StatementArguments = [file.source.value, file.path.string, file.size, file.modified]
            try db.execute(
                sql: """
                    DELETE FROM ledger
                    WHERE source = ? AND path = ? AND size = ? AND modified = ?
                        AND state = 'claimed' AND holder = ? AND ingested_file_id IS NULL
                    """,
                arguments: identity + [owner])
            try db.execute(
                sql: """
                    UPDATE ledger SET holder = NULL, held_until = NULL
                    WHERE source = ? AND path = ? AND size = ? AND modified = ? AND holder = ?
                    """,
                arguments: identity + [owner])
        }
    }

    /// The ledger's row for `file`, if it has one.
    public func ledgerEntry(for file: FileIdentity) async throws -> LedgerEntry? {
        try await read("ledgerEntry") { db in
            guard let row = try Self.ledgerRow(db, file) else { return nil }
            guard let state = LedgerEntry.State(rawValue: row["state"]) else {
                throw StoreFailure(code: .unreadableRow, message: "ledger row of \(file) has an unknown state")
            }
            return LedgerEntry(
                identity: file, state: state, holder: row["holder"], heldUntil: row["held_until"],
                sha256: row["sha256"], spooledAs: row["spooled_as"],
                ingestedFileID: (row["ingested_file_id"] as Int64?).map(FileID.init(rawValue:)))
        }
    }

    public func spooledButNotIngested() async throws -> [SpooledFileRecord] {
        try await read("spooledButNotIngested") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source, path, size, modified, sha256, spooled_as FROM ledger
                    WHERE ingested_file_id IS NULL AND state IN ('fetched', 'done')
                        AND sha256 IS NOT NULL AND spooled_as IS NOT NULL
                    ORDER BY fetched_at, id
                    """
            ).map { row in
                let path: String = row["path"]
                let spooled: String = row["spooled_as"]
                // Both were valid when written; a row edited by hand could hold anything.
                let remotePath: RemotePath
                let name: RemoteName
                do {
                    remotePath = try RemotePath(path)
                    name = try RemoteName(spooled)
                } catch {
                    throw StoreFailure(
                        code: .unreadableRow,
                        message: "ledger row for '\(path)' holds an invalid path or name: \(error)")
                }
                return SpooledFileRecord(
                    identity: FileIdentity(
                        source: SourceID(row["source"] as String), path: remotePath, size: row["size"],
                        modified: row["modified"]),
                    sha256: row["sha256"], spooledAs: name)
            }
        }
    }

    static func ledgerRow(_ db: Database, _ file: FileIdentity) throws -> Row? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM ledger WHERE source = ? AND path = ? AND size = ? AND modified = ?",
            arguments: [file.source.value, file.path.string, file.size, file.modified])
    }
}
