public import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode with `synchronous=FULL` (an ack promises
/// that what it covers is on disk), foreign keys on, and a busy timeout so that two processes on one file
/// wait for each other instead of failing.
///
/// Every method is one IMMEDIATE write transaction or one read from a WAL snapshot, so callers never see
/// half of what another wrote, in this process or another. The SQL is kept to what PostgreSQL also runs
/// (no `INSERT OR REPLACE`, no SQLite date functions: times are bound as parameters), so the PostgreSQL
/// store can share it; see `docs/store.md`.
///
/// Claims of the file ledger and outbox leases are held under `owner`, an id of this instance, until a
/// time: a process that dies holding one loses it when the time passes.
public final class SQLiteStore: Sendable {
    public struct Options: Sendable {
        /// How long a claim of the file ledger holds without news (`claim`, `recordFetched` renew it).
        /// Longer than the slowest fetch, or a second instance may fetch the file too.
        public var claimLease: TimeInterval
        /// How long a writer waits for another process's write transaction before failing.
        public var busyTimeout: TimeInterval
        /// The holder id written into claims; unique per instance by default.
        public var owner: String
        /// The clock of the ledger's leases (the outbox methods take `now` from their caller).
        public var clock: @Sendable () -> Date

        public init(
            claimLease: TimeInterval = 600, busyTimeout: TimeInterval = 30, owner: String? = nil,
            clock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.claimLease = claimLease
            self.busyTimeout = busyTimeout
            self.owner =
                owner ?? "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
            self.clock = clock
        }
    }

    /// The database file's name (for errors and logs).
    public let databaseName: String
    public let options: Options
    public var owner: String { options.owner }
    /// Raised after every commit that adds or revives outbox rows (`commitIngest`, `replay`): delivery
    /// workers of this process wait on it between polls.
    public let outboxSignal: OutboxSignal? = OutboxSignal()
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `url` and brings its schema up to date.
    /// - Throws: `StoreError` `.open` or `.migration`.
    public init(at url: URL, options: Options = Options()) throws {
        databaseName = url.lastPathComponent
        self.options = options
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.label = "crossdock.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // SQLite's transient data (statement journals, materialized subqueries, sorts) otherwise goes to
            // files in the temporary folder, each created, written and unlinked per statement: several per
            // ingest and per delivery round. None of it is durable data.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
            // DatabasePool turns WAL on after `prepareDatabase` ran, and sets synchronous=NORMAL with it.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError(
                code: .open, operation: "open", database: url.lastPathComponent,
                message: "cannot open the database; check that its folder exists and is writable", underlying: error)
        }
        do {
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(
                code: .migration, operation: "migrate", database: url.lastPathComponent,
                message: "cannot bring the schema up to date; the database stays at its last complete migration",
                underlying: error)
        }
    }

    /// The names of the migrations applied to the database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read("appliedMigrations") { db in try Self.migrator.appliedMigrations(db) }
    }

    /// The value of `PRAGMA name` on the writing connection (e.g. `journal_mode`, `synchronous`,
    /// `foreign_keys`), for checks and diagnostics.
    public func writerPragma(_ name: String) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Closes the database's connections. Later calls fail with `StoreError` `.database`. Without it, the
    /// connections close when the store is released.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw storeError(error, operation: "close")
        }
    }

    // MARK: Running

    func now() -> Date { options.clock() }

    /// Runs `body` in one IMMEDIATE write transaction, turning failures into `StoreError`.
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// The synchronous twin of `write`, for `X12.ControlNumbers`.
    func writeNow<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    /// Runs `body` on a read-only WAL snapshot.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw storeError(error, operation: operation)
        }
    }

    func storeError(_ error: any Error, operation: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let failure as StoreFailure:
            return StoreError(
                code: failure.code, operation: operation, database: databaseName, message: failure.message)
        default:
            return StoreError(
                code: .database, operation: operation, database: databaseName,
                message: "the database refused the operation; nothing of it was written", underlying: error)
        }
    }
}
