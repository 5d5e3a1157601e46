import Foundation
import Store
import Synchronization
import TestSupport
import Transport

extension TemporaryFolder {
    var database: URL { url.appendingPathComponent("crossdock.sqlite") }
}

/// A clock the test moves by hand, for leases.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = fixedStart) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var read: @Sendable () -> Date { { self.now } }
}

/// 2027-01-15 08:00:00 UTC, on a whole millisecond (the store keeps milliseconds).
let fixedStart = Date(timeIntervalSince1970: 1_800_000_000)

/// A store on the folder's database; its clock stands at `fixedStart` unless a test clock is given.
func openStore(_ folder: TemporaryFolder, clock: TestClock? = nil, owner: String? = nil, lease: TimeInterval = 600)
    throws -> SQLiteStore
{
    try SQLiteStore(
        at: folder.database,
        options: SQLiteStore.Options(claimLease: lease, owner: owner, clock: (clock ?? TestClock()).read))
}

/// Two instances on the folder's database, as two processes open it (owners `host:db/1` and `host:db/2`),
/// after the first committed one file of `events` (destination `erp`).
func twoInstances(_ folder: TemporaryFolder, committing events: [EventRecord], file: String = "214.edi")
    async throws -> (store: SQLiteStore, other: SQLiteStore)
{
    let store = try openStore(folder, owner: "host:db/1")
    let other = try openStore(folder, owner: "host:db/2")
    _ = try await store.commitIngest(try eventBatch(file, events: events))
    return (store, other)
}

func identity(_ name: String, source: SourceID = "acme-inbox", size: Int64 = 1200, modified: Int64 = 1_799_990_000)
    throws -> FileIdentity
{
    FileIdentity(source: source, path: try RemotePath("in/\(name)"), size: size, modified: modified)
}

func event(_ id: String, subject: String?, transaction: Int = 0, type: String = "shipment.status") -> EventRecord {
    EventRecord(
        id: id, type: type, subject: subject, time: "2027-01-15T07:55:00-05:00", transactionIndex: transaction,
        json: Data(#"{"id":"\#(id)","subject":"\#(subject ?? "")"}"#.utf8))
}

/// A batch of bare events (no envelopes), each delivered to `destination` in the given order.
func eventBatch(_ name: String, events: [EventRecord], destination: String = "erp", receivedAt: Date = fixedStart)
    throws -> IngestBatch
{
    IngestBatch(
        identity: try identity(name),
        file: FileRecord(
            source: "acme-inbox", partner: "acme", name: name, sha256: String(repeating: "0", count: 64), size: 1200,
            format: "x12", outcome: .processed, receivedAt: receivedAt, transactionsAccepted: events.count,
            eventCount: events.count),
        events: events,
        deliveries: events.map { (eventID: $0.id, destination: destination) })
}
