import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Store
import Synchronization

@testable import Delivery

/// An outbox row as the store would lease it.
func item(
    id: Int64 = 1, eventID: String = "6f1c2a4e-0000-5000-8000-000000000001", type: String = "shipment.status",
    subject: String? = "ACME-42", destination: String = "erp", attempts: Int = 0,
    body: String = #"{"specversion":"1.0","id":"e1"}"#
) -> OutboxItem {
    OutboxItem(
        id: OutboxID(rawValue: id), eventID: eventID, eventType: type, subject: subject, destination: destination,
        attempts: attempts, body: Data(body.utf8)
    )
}

let quietLogger = Logger(label: "crossdock.delivery-tests", factory: { _ in SwiftLogNoOpLogHandler() })

@discardableResult
/// Runs `body` with an HTTP client that is shut down afterwards, whatever happens.
func withHTTPClient<T>(
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = .init(connect: .seconds(5))
    configuration.redirectConfiguration = .disallow
    // As crossdock's own clients: every test of the HTTP target sends through the coalescer.
    configuration.http1_1ConnectionDebugInitializer = RequestFlushCoalescer.install
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// A destination on the test server with one catch-all route. The request timeout is generous: the whole
/// suite runs in parallel on two cores, and a starved test must not see a timeout it does not test.
func destination(
    _ baseURL: String, auth: HTTPAuth = .none, routes: [EventRoute] = [EventRoute(eventType: "*", path: "/events")],
    requestTimeout: Duration = .seconds(60), headers: [HTTPHeaderField] = []
) -> HTTPDestination {
    HTTPDestination(
        name: "erp", baseURL: baseURL, auth: auth, routes: routes, requestTimeout: requestTimeout, headers: headers
    )
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let state: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { state = Mutex(start) }
    var now: Date { state.withLock { $0 } }
    func advance(by seconds: TimeInterval) { state.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
