import GRDB

extension SQLiteStore {
    /// Ends every ledger claim and outbox lease held under `instance/…` by an owner other than this
    /// store's: what an earlier run of the same instance (killed, crashed) left behind, which would
    /// otherwise block its files and events until the leases ran out. Answers how many were released.
    ///
    /// Only safe while no other live process runs as `instance`: the bridge calls it after taking the
    /// instance's lock file.
    public func releaseStaleHolds(instance: String) async throws -> Int {
        let prefix = instance + "/"
        let owner = owner
        return try await write("releaseStaleHolds") { db in
            try db.execute(
                sql: """
                    UPDATE ledger SET holder = NULL, held_until = NULL
                    WHERE holder IS NOT NULL AND substr(holder, 1, length(?)) = ? AND holder <> ?
                    """,
                arguments: [prefix, prefix, owner])
            let claims = db.changesCount
            try db.execute(
                sql: """
                    UPDATE outbox SET leased_by = NULL, lease_until = NULL
                    WHERE leased_by IS NOT NULL AND substr(leased_by, 1, length(?)) = ? AND leased_by <> ?
                    """,
                arguments: [prefix, prefix, owner])
            return claims + db.changesCount
        }
    }
}
