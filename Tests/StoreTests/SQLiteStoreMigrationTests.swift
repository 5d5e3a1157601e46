import Foundation
import GRDB
@testable import Store
import TestSupport
import Testing
import X12

@Suite struct SQLiteStoreMigrationTests {
    @Test func aDatabaseAtTheFirstMigrationIsBroughtUpToDateKeepingItsRows() async throws {
        let folder = try TemporaryFolder()
        let v1 = "v1 ledger, files, contents, events, outbox, attempts, acks, control numbers, audit"
        do {
            let pool = try DatabasePool(path: folder.database.path)
            try SQLiteStore.migrator.migrate(pool, upTo: v1)
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO control_number (kind, sender, receiver, last_value)
                        VALUES ('interchange', 'A', 'B', 41)
                        """)
            }
            try pool.close()
        }
        let store = try openStore(folder)
        #expect(try await store.appliedMigrations() == [
                v1, "v2 outbox indexes over waiting rows", "v3 dead-letter index over dead rows only",
            ])
        #expect(try await store.nextControlNumber(.interchange, sender: "A", receiver: "B") == 42)
        let indexes = try await store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name")
        }
        #expect(
            indexes == [
                "outbox_by_event", "outbox_by_event_id", "outbox_dead", "outbox_waiting",
                "outbox_waiting_by_subject",
            ])
    }
}
