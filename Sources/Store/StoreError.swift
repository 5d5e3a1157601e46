/// What went wrong in the store, and in which operation.
///
/// The database is named by the file name the configuration gave (never by its folder), the operation by
/// the store method that failed, and bad input by its position in the batch (`event 3`, `delivery 7`).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The database file could not be opened or set up (WAL, pragmas).
        case open
        /// A migration failed; the database is left at the last migration that completed.
        case migration
        /// The database refused a statement (disk full, I/O, a constraint, busy past the timeout).
        case database
        /// An `IngestBatch` that contradicts itself, e.g. a delivery naming an event the batch lacks.
        case invalidBatch
        /// An id the caller gave does not exist.
        case notFound
        /// A stored row holds a value this version cannot read (a state it does not know).
        case unreadableRow
    }

    public var code: Code
    /// The store method, e.g. `commitIngest`.
    public var operation: String
    /// The database's file name.
    public var database: String
    /// What to do next.
    public var message: String
    public var underlying: (any Error)?

    public init(code: Code, operation: String, database: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.operation = operation
        self.database = database
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(code) in \(operation) on \(database): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}

/// An error raised inside a database closure, turned into a `StoreError` by the method that ran it.
struct StoreFailure: Error {
    var code: StoreError.Code
    var message: String
}
