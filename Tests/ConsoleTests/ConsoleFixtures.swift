import Bridge
import Console
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import Store
import TestSupport
import Transport

/// swift-metrics is bootstrapped once per process; every test shares this registry.
enum TestMetrics {
    static let registry: PrometheusCollectorRegistry = ConsoleMetrics.bootstrap()
}

/// 2027-01-15 08:00:00 UTC: when the seeded files arrived.
let received = Date(timeIntervalSince1970: 1_800_000_000)
/// The console's clock: an hour later.
let consoleNow = received.addingTimeInterval(3600)
let token = "console-token-0123456789"
let hostileName = "<script>alert('name')</script>.edi"
let hostileSubject = "<img src=x onerror=alert(1)>"

/// A real SQLite store in a temporary folder, filled through `commitIngest`:
/// - file 1, `214_acme_0001.edi` from ACMEFOODS, processed: one interchange, one group, two 214 sets, events
///   `ev-1` (subject SHIP-1) and `ev-2` (SHIP-2) for `erp`, a 997; `ev-1` delivered, `ev-2` dead-lettered (422);
/// - file 2, a hostile name from PRAIRIEFRT (not configured), partial: one event with a hostile subject, pending
///   for `erp`; one set rejected with a finding.
struct Fixture {
    let folder: TemporaryFolder
    let store: SQLiteStore
    let firstFile: FileID
    let secondFile: FileID

    init() async throws {
        folder = try TemporaryFolder()
        store = try SQLiteStore(at: folder.url.appendingPathComponent("crossdock.sqlite"))
        firstFile = try await Self.commit(store, Self.acmeBatch())
        secondFile = try await Self.commit(store, Self.prairieBatch())
        let leased = try await store.leaseDeliveries(destination: "erp", limit: 10, now: received, leaseFor: 300)
        for item in leased where item.eventID != "ev-3" {
            let delivered = item.eventID == "ev-1"
            try await store.recordAttempt(
                DeliveryAttempt(
                    outbox: item.id, eventID: item.eventID, destination: "erp",
                    result: delivered ? .delivered : .deadLetter, status: delivered ? 201 : 422, latency: 0.25,
                    error: delivered ? nil : "HTTP 422 <refused>", responseBody: delivered ? nil : "<b>bad load</b>",
                    attemptedAt: received.addingTimeInterval(60)))
        }
    }

    static func commit(_ store: SQLiteStore, _ batch: IngestBatch) async throws -> FileID {
        guard case .committed(let id) = try await store.commitIngest(batch) else { throw FixtureError() }
        return id
    }

    struct FixtureError: Error {}

    static func event(_ id: String, subject: String, transaction: Int) -> EventRecord {
        EventRecord(
            id: id, type: "shipment.status", subject: subject, time: "2027-01-15T07:55:00-06:00",
            transactionIndex: transaction, json: Data(#"{"id":"\#(id)"}"#.utf8))
    }

    static func acmeBatch() throws -> IngestBatch {
        IngestBatch(
            identity: FileIdentity(
                source: "acme-inbox", path: try RemotePath("in/214_acme_0001.edi"), size: 900, modified: 1),
            file: FileRecord(
                source: "acme-inbox", partner: "ACMEFOODS", name: "214_acme_0001.edi",
                sha256: String(repeating: "a", count: 64),
                size: 900, format: "x12", outcome: .processed, receivedAt: received, transactionsAccepted: 2,
                eventCount: 2),
            interchanges: [
                InterchangeRecord(
                    senderQualifier: "ZZ", sender: "ACMEFOODS", receiverQualifier: "ZZ", receiver: "CROSSDOCK",
                    controlNumber: "000000905", version: "00401", byteOffset: 0, verdict: "accepted")
            ],
            groups: [
                GroupRecord(
                    interchangeControlNumber: "000000905", functionalID: "QM", controlNumber: "77", version: "004010",
                    byteOffset: 106, verdict: "A", applicationSender: "ACMEFOODS", applicationReceiver: "CROSSDOCK")
            ],
            transactions: [
                TransactionRecord(
                    index: 0, interchangeControlNumber: "000000905", groupControlNumber: "77", controlNumber: "0001",
                    transactionSet: "214", version: "004010", byteOffset: 160, byteLength: 412, verdict: "A",
                    findings: ""),
                TransactionRecord(
                    index: 1, interchangeControlNumber: "000000905", groupControlNumber: "77", controlNumber: "0002",
                    transactionSet: "214", version: "004010", byteOffset: 572, byteLength: 300, verdict: "A",
                    findings: ""),
            ],
            events: [
                event("ev-1", subject: "SHIP-1", transaction: 0), event("ev-2", subject: "SHIP-2", transaction: 1),
            ],
            deliveries: [(eventID: "ev-1", destination: "erp"), (eventID: "ev-2", destination: "erp")],
            acks: [
                AckRecord(
                    partner: "ACMEFOODS", kind: "997", answersInterchange: "000000905", controlNumber: "000000001",
                    code: "A", target: "acme-outbound", fileName: "ACMEFOODS-000000001-997.x12",
                    bytes: Data("ISA~".utf8))
            ])
    }

    static func prairieBatch() throws -> IngestBatch {
        IngestBatch(
            identity: FileIdentity(source: "hub", path: try RemotePath("in/prairie.edi"), size: 500, modified: 2),
            file: FileRecord(
                source: "hub", partner: "PRAIRIEFRT", name: hostileName, sha256: String(repeating: "b", count: 64),
                size: 500, format: "x12", outcome: .partial, note: "1 of 2 transaction sets rejected",
                receivedAt: received.addingTimeInterval(120), transactionsAccepted: 1, transactionsRejected: 1,
                eventCount: 1),
            interchanges: [
                InterchangeRecord(
                    senderQualifier: "ZZ", sender: "PRAIRIEFRT", receiverQualifier: "ZZ", receiver: "CROSSDOCK",
                    controlNumber: "000000042", version: "00401", byteOffset: 0, verdict: "accepted")
            ],
            groups: [
                GroupRecord(
                    interchangeControlNumber: "000000042", functionalID: "QM", controlNumber: "9", version: "004010",
                    byteOffset: 106, verdict: "P")
            ],
            transactions: [
                TransactionRecord(
                    index: 0, interchangeControlNumber: "000000042", groupControlNumber: "9", controlNumber: "0001",
                    transactionSet: "214", version: "004010", byteOffset: 160, byteLength: 200, verdict: "A",
                    findings: ""),
                TransactionRecord(
                    index: 1, interchangeControlNumber: "000000042", groupControlNumber: "9", controlNumber: "0002",
                    transactionSet: "214", version: "004010", byteOffset: 360, byteLength: 100, verdict: "R",
                    findings: #"{"kind":"missingSegment","segment":14,"tag":"B10"}"#),
            ],
            events: [event("ev-3", subject: hostileSubject, transaction: 0)],
            deliveries: [(eventID: "ev-3", destination: "erp")])
    }

    func server(token: String? = token, host: String = "127.0.0.1", port: Int = 0, maxBodyBytes: Int = 16 * 1024)
        throws(ConsoleError) -> ConsoleServer
    {
        try ConsoleServer(
            store: store, settings: ConsoleSettings(host: host, port: port, token: token.map(Secret.init)),
            partners: [
                PartnerSettings(
                    id: "ACMEFOODS", name: "ACME Foods",
                    interchangeSender: InterchangeAddress(qualifier: "ZZ", id: "ACMEFOODS"))
            ],
            destinations: [
                DestinationSettings(id: "erp", kind: .folder(path: "/srv/erp")),
                DestinationSettings(id: "billing", kind: .folder(path: "/srv/billing")),
            ],
            registry: TestMetrics.registry, logger: Logger(label: "console-test"),
            options: ConsoleServer.Options(maxBodyBytes: maxBodyBytes, clock: { consoleNow }))
    }

    /// Runs `body` against the router of a server over this store (no socket).
    func withClient(
        token: String? = token, maxBodyBytes: Int = 16 * 1024,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = Application(router: try server(token: token, maxBodyBytes: maxBodyBytes).makeRouter())
        try await app.test(.router) { client in try await body(client) }
    }
}

let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }
}

/// The `[String: Any]` of a JSON object's key.
func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

/// Runs `server` in a service group on a real socket, calls `body` with its bound port, then shuts it down
/// (also when `body` throws).
func withRunningServer(_ server: ConsoleServer, _ body: @Sendable (Int) async throws -> Void) async throws {
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(services: [server], logger: Logger(label: "console-test")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            guard let port = await server.boundPort() else { throw Fixture.FixtureError() }
            try await body(port)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
