import Foundation
import Store
import TestSupport
import Testing
import Transport

@Suite struct SQLiteStoreLedgerTests {
    @Test func schemaIsMigratedFromEmptyWithWALFullSyncAndForeignKeys() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        #expect(
            try await store.appliedMigrations() == [
                "v1 ledger, files, contents, events, outbox, attempts, acks, control numbers, audit",
                "v2 outbox indexes over waiting rows",
                "v3 dead-letter index over dead rows only",
            ])
        #expect(try await store.writerPragma("journal_mode") == "wal")
        #expect(try await store.writerPragma("synchronous") == "2")
        #expect(try await store.writerPragma("foreign_keys") == "1")
        #expect(try await store.writerPragma("temp_store") == "2")
        // Opening again migrates nothing twice.
        let again = try openStore(folder)
        #expect(try await again.appliedMigrations().count == 3)
    }

    @Test func openingInAMissingFolderSaysWhichDatabase() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("missing/crossdock.sqlite")
        do {
            _ = try SQLiteStore(at: url)
            Issue.record("expected an open error")
        } catch let error as StoreError {
            #expect(error.code == .open)
            #expect(error.database == "crossdock.sqlite")
        }
    }

    @Test func claimFetchReleaseAndCompleteFollowTheLedgerStates() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder)
        let file = try identity("214.edi")
        #expect(try await store.claim(file) == .claimed)
        #expect(try await store.claim(file) == .heldElsewhere)
        try await store.release(file)
        #expect(try await store.ledgerEntry(for: file) == nil)
        #expect(try await store.claim(file) == .claimed)
        try await store.recordFetched(file, sha256: "ab12", spooledAs: try RemoteName("0001-214.edi"))
        let fetched = try #require(try await store.ledgerEntry(for: file))
        #expect(fetched.state == .fetched)
        #expect(fetched.holder == store.owner)
        #expect(fetched.sha256 == "ab12")
        #expect(fetched.spooledAs == "0001-214.edi")
        #expect(try await store.claim(file) == .heldElsewhere)
        try await store.release(file)
        #expect(try await store.ledgerEntry(for: file)?.holder == nil)
        #expect(try await store.claim(file) == .cleanupPending)
        try await store.complete(file)
        #expect(try await store.claim(file) == .done)
        #expect(try await store.ledgerEntry(for: file)?.state == .done)
        // Another size or mtime is another file.
        #expect(try await store.claim(try identity("214.edi", size: 1300)) == .claimed)
    }

    @Test func claimHeldByASecondInstanceOnTheSameFileIsHeldElsewhere() async throws {
        let folder = try TemporaryFolder()
        let first = try openStore(folder, owner: "first")
        let second = try openStore(folder, owner: "second")
        let file = try identity("204.edi")
        #expect(try await first.claim(file) == .claimed)
        #expect(try await second.claim(file) == .heldElsewhere)
        // The second cannot release the first's hold.
        try await second.release(file)
        #expect(try await second.claim(file) == .heldElsewhere)
        #expect(try await second.ledgerEntry(for: file)?.holder == "first")
        try await first.release(file)
        #expect(try await second.claim(file) == .claimed)
        #expect(try await first.ledgerEntry(for: file)?.holder == "second")
    }

    @Test func claimOfADeadHolderIsTakenOverWhenItsLeasePasses() async throws {
        let folder = try TemporaryFolder()
        let clock = TestClock()
        let dead = try openStore(folder, clock: clock, owner: "dead", lease: 600)
        let alive = try openStore(folder, clock: clock, owner: "alive", lease: 600)
        let unfetched = try identity("a.edi")
        let fetched = try identity("b.edi")
        #expect(try await dead.claim(unfetched) == .claimed)
        #expect(try await dead.claim(fetched) == .claimed)
        try await dead.recordFetched(fetched, sha256: "bb", spooledAs: try RemoteName("b.edi"))
        clock.advance(by: 599)
        #expect(try await alive.claim(unfetched) == .heldElsewhere)
        #expect(try await alive.claim(fetched) == .heldElsewhere)
        clock.advance(by: 1)
        #expect(try await alive.claim(unfetched) == .claimed)
        #expect(try await alive.claim(fetched) == .cleanupPending)
        let entry = try #require(try await alive.ledgerEntry(for: fetched))
        #expect(entry.holder == "alive")
        #expect(entry.heldUntil == fixedStart.addingTimeInterval(1200))
        // The dead holder's late release does not free what passed to another.
        try await dead.release(unfetched)
        #expect(try await alive.ledgerEntry(for: unfetched)?.holder == "alive")
    }

    /// The batch forms give each file what the single calls would, in order, in one transaction each.
    @Test func batchClaimRecordAndCompleteKeepEachFilesOutcomeInOrder() async throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, owner: "this")
        let other = try openStore(folder, owner: "other")
        let new = try identity("new.edi")
        let done = try identity("done.edi")
        let held = try identity("held.edi")
        let pending = try identity("pending.edi")
        #expect(try await store.claim(done) == .claimed)
        try await store.recordFetched(done, sha256: "d0", spooledAs: try RemoteName("done.edi"))
        try await store.complete(done)
        #expect(try await other.claim(held) == .claimed)
        #expect(try await other.claim(pending) == .claimed)
        try await other.recordFetched(pending, sha256: "p0", spooledAs: try RemoteName("pending.edi"))
        try await other.release(pending)

        #expect(try await store.claimAll([]) == [])
        #expect(
            try await store.claimAll([new, done, held, pending]) == [.claimed, .done, .heldElsewhere, .cleanupPending])
        #expect(try await store.ledgerEntry(for: new)?.holder == "this")
        #expect(try await store.ledgerEntry(for: pending)?.holder == "this")
        #expect(try await store.ledgerEntry(for: held)?.holder == "other")

        try await store.recordAllFetched([
            FetchedFile(identity: new, sha256: "n1", spooledAs: try RemoteName("1_new.edi")),
            FetchedFile(identity: done, sha256: "xx", spooledAs: try RemoteName("1_done.edi")),
        ])
        let fetched = try #require(try await store.ledgerEntry(for: new))
        #expect(fetched.state == .fetched)
        #expect(fetched.sha256 == "n1")
        #expect(fetched.spooledAs == "1_new.edi")
        // A file done for good keeps what it had.
        #expect(try await store.ledgerEntry(for: done)?.sha256 == "d0")
        #expect(try await store.ledgerEntry(for: done)?.spooledAs == "done.edi")

        try await store.completeAll([new, pending, held])
        #expect(try await store.ledgerEntry(for: new)?.state == .done)
        #expect(try await store.ledgerEntry(for: pending)?.state == .done)
        #expect(try await store.ledgerEntry(for: pending)?.holder == nil)
        // Never fetched: nothing to complete.
        #expect(try await store.ledgerEntry(for: held)?.state == .claimed)
        #expect(try await store.claimAll([new, pending]) == [.done, .done])
    }
}
