import GRDB

extension SQLiteStore {
    /// Rows per multi-row statement (`IN (…)` lists, `INSERT … VALUES (…), (…)`): one statement instead of
    /// one per row, and few enough parameters for any SQLite (999 before 3.32) and for PostgreSQL.
    static let chunkRows = 64

    /// `?, ?, ?` for `count` parameters (1 ... `chunkRows`), made once.
    static func placeholders(_ count: Int) -> String {
        count <= chunkRows ? placeholderLists[count] : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    private static let placeholderLists: [String] = (0...chunkRows).map {
        Array(repeating: "?", count: $0).joined(separator: ", ")
    }

    /// `(?, ?), (?, ?)` for `rows` rows of `columns` parameters.
    static func rowPlaceholders(rows: Int, columns: Int) -> String {
        let row = "(" + placeholders(columns) + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Calls `body` with `values` cut in chunks of at most `chunkRows`, in order; nothing for no values.
    static func forEachChunk<T>(of values: [T], _ body: ([T]) throws -> Void) rethrows {
        var start = 0
        while start < values.count {
            let end = min(values.count, start + chunkRows)
            try body(Array(values[start..<end]))
            start = end
        }
    }
}
