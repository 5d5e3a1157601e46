import Foundation
import GRDB
import Synchronization
import TestSupport
import Testing
import X12

@testable import Store

/// A flag shared between the test and a database closure.
private final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

@Suite struct SQLiteStoreLockingTests {
    @Test func aWriterWaitsForAnotherConnectionsWriteTransactionInsteadOfFailing() async throws {
        let folder = try TemporaryFolder()
        let holder = try openStore(folder)
        let patient = try openStore(folder)
        let impatient = try SQLiteStore(at: folder.database, options: SQLiteStore.Options(busyTimeout: 0))
        let locked = Flag()
        let release = Flag()
        let holding = Task {
            try await holder.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO control_number (kind, sender, receiver, last_value) VALUES ('group', 'x', 'y', 5)"
                )
                locked.set()
                while !release.isSet { Thread.sleep(forTimeInterval: 0.01) }
            }
        }
        while !locked.isSet { try await Task.sleep(for: .milliseconds(5)) }

        // Without a busy timeout the lock is refused at once: the lock is really held.
        do {
            _ = try await impatient.nextControlNumber(.interchange, sender: "A", receiver: "B")
            Issue.record("expected the database to be busy")
        } catch let error as StoreError {
            #expect(error.code == .database)
            #expect(error.operation == "nextControlNumber")
        }
        // With one, the writer waits for the other transaction to end, then goes on.
        let waiting = Task { try await patient.nextControlNumber(.interchange, sender: "A", receiver: "B") }
        try await Task.sleep(for: .milliseconds(200))
        release.set()
        try await holding.value
        #expect(try await waiting.value == 1)
        #expect(try await patient.nextControlNumber(.group, sender: "x", receiver: "y") == 6)
    }
}
