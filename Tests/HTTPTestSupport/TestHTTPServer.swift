import Foundation
public import HTTPTypes
import HummingbirdCore
public import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1 for tests: answers from a script, records every request.
///
/// ```swift
/// let server = try await TestHTTPServer.start()
/// server.enqueue(.status(503), .ok())                 // the next two requests, whatever their path
/// server.setDefault(.json(#"{"access_token":"t1"}"#), path: "/token")
/// ... post to server.baseURL ...
/// #expect(server.requests.map(\.path) == ["/events", "/events"])
/// await server.stop()
/// ```
///
/// Built on HummingbirdCore's server and HTTP/1 channel rather than the router: the responder sees the
/// connection, so an answer can close it without a word (`.drop`), which no router response can do.
public final class TestHTTPServer: Sendable {
    /// The port the server listens on (chosen by the system).
    public let port: Int

    private let shared: SharedState
    private let server: Server<HTTP1Channel>
    private let task: Task<Void, Never>

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, shared: SharedState, server: Server<HTTP1Channel>, task: Task<Void, Never>) {
        self.port = port
        self.shared = shared
        self.server = server
        self.task = task
    }

    /// Starts a server on 127.0.0.1, port 0, and returns once it listens.
    ///
    /// Every request without a scripted answer gets `defaultAnswer` (204 No Content unless told).
    public static func start(
        defaultAnswer: TestHTTPAnswer = .status(204),
        logger: Logger = Logger(label: "crossdock.test-http-server", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> TestHTTPServer {
        let shared = SharedState(defaultAnswer: defaultAnswer)
        let started = StartBox()
        let channel = HTTP1Channel(responder: { request, writer, channel in
            try await shared.respond(to: request, writer: writer, channel: channel)
        })
        let server = Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                started.signal.withLock { $0.finish(.success(port)) }
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        // A test helper may own an unstructured task: the server runs until `stop()`, across the test's awaits.
        let task = Task {
            do {
                try await server.run()
                started.signal.withLock { $0.finish(.failure(TestHTTPServerError.stoppedBeforeListening)) }
            } catch {
                started.signal.withLock { $0.finish(.failure(error)) }
            }
        }
        let port = try await withCheckedThrowingContinuation { continuation in
            started.signal.withLock { $0.wait(continuation) }
        }
        return TestHTTPServer(port: port, shared: shared, server: server, task: task)
    }

    // MARK: Script

    /// Queues answers for the next requests, in order. With `path`, only requests to that exact path
    /// (without query) take them; queued answers for a path come before the unscoped queue.
    public func enqueue(_ answers: TestHTTPAnswer..., path: String? = nil) {
        shared.state.withLock { state in
            if let path {
                state.queues[path, default: []].append(contentsOf: answers)
            } else {
                state.queue.append(contentsOf: answers)
            }
        }
    }

    /// The answer once the queues are empty: for `path`, or for every path without one of its own.
    public func setDefault(_ answer: TestHTTPAnswer, path: String? = nil) {
        shared.state.withLock { state in
            if let path {
                state.pathDefaults[path] = answer
            } else {
                state.defaultAnswer = answer
            }
        }
    }

    /// Decides answers by code, before the queues and defaults: return `nil` to leave a request to them.
    /// Runs under the server's lock: keep it quick and do not call back into the server.
    public func setResponder(_ responder: (@Sendable (TestHTTPRequest) -> TestHTTPAnswer?)?) {
        shared.state.withLock { $0.responder = responder }
    }

    // MARK: What arrived

    /// Every request so far, in arrival order (a dropped or slow request is recorded when its body has arrived).
    public var requests: [TestHTTPRequest] { shared.state.withLock { $0.requests } }

    /// The requests to one path, in arrival order.
    public func requests(path: String) -> [TestHTTPRequest] { requests.filter { $0.path == path } }

    /// The values of the idempotency header of every request so far, in arrival order (requests without
    /// one are skipped).
    public func idempotencyKeys(header: String = "Idempotency-Key") -> [String] {
        requests.compactMap { $0.header(header) }
    }

    /// Forgets the recorded requests (scripts stay).
    public func clearRequests() { shared.state.withLock { $0.requests.removeAll() } }

    /// Waits until at least `count` requests arrived, polling every 10 ms, and returns them.
    ///
    /// - Throws: `TestHTTPServerError.timedOut` after `timeout`, naming how many arrived.
    @discardableResult
    public func waitForRequests(count: Int, timeout: Duration = .seconds(30)) async throws -> [TestHTTPRequest] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let seen = requests
            if seen.count >= count { return seen }
            if clock.now >= deadline { throw TestHTTPServerError.timedOut(expected: count, arrived: seen.count) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops listening, cuts short slow answers still waiting, and waits for the server to end.
    public func stop() async {
        shared.state.withLock { $0.stopping = true }
        try? await server.shutdownGracefully()
        await task.value
    }
}

/// Why waiting on the test server failed.
public enum TestHTTPServerError: Error, CustomStringConvertible {
    case timedOut(expected: Int, arrived: Int)
    case stoppedBeforeListening
    public var description: String {
        switch self {
        case .timedOut(let expected, let arrived): "expected \(expected) requests, \(arrived) arrived"
        case .stoppedBeforeListening: "the server stopped before it listened"
        }
    }
}

private final class StartBox: Sendable {
    let signal = Mutex(StartSignal())
}

/// Hands the listening port (or the failure to listen) to `start()`, whichever of the two comes first.
private struct StartSignal {
    var continuation: CheckedContinuation<Int, any Error>?
    var result: Result<Int, any Error>?

    mutating func finish(_ result: Result<Int, any Error>) {
        guard self.result == nil else { return }
        self.result = result
        continuation?.resume(with: result)
        continuation = nil
    }

    mutating func wait(_ continuation: CheckedContinuation<Int, any Error>) {
        if let result { continuation.resume(with: result) } else { self.continuation = continuation }
    }
}

/// One scripted answer.
public struct TestHTTPAnswer: Sendable {
    /// HTTP status code.
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Waits this long (after reading the request) before answering.
    public var delay: Duration
    /// Closes the connection without answering (after `delay`).
    public var drop: Bool

    public init(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], delay: Duration = .zero,
        drop: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.drop = drop
    }

    /// A status with an optional text body.
    public static func status(_ status: Int, body: String = "", headers: [(name: String, value: String)] = []) -> Self {
        .init(status: status, headers: headers, body: Array(body.utf8))
    }

    /// 200 with an optional body.
    public static func ok(_ body: String = "") -> Self { .status(200, body: body) }

    /// A JSON body (`content-type: application/json`), 200 unless told.
    public static func json(_ json: String, status: Int = 200) -> Self {
        .status(status, body: json, headers: [("content-type", "application/json")])
    }

    /// 429 with `Retry-After: <value>` (seconds or an HTTP date).
    public static func tooManyRequests(retryAfter: String) -> Self {
        .status(429, headers: [("retry-after", retryAfter)])
    }

    /// Closes the connection without answering.
    public static var drop: Self { .init(status: 0, drop: true) }

    /// This answer with one more header.
    public func withHeader(_ name: String, _ value: String) -> Self {
        var answer = self
        answer.headers.append((name, value))
        return answer
    }

    /// This answer, after waiting `delay`.
    public func delayed(by delay: Duration) -> Self {
        var answer = self
        answer.delay = delay
        return answer
    }
}

/// One request as the server received it.
public struct TestHTTPRequest: Sendable {
    /// 1-based arrival order (counted when the request's body has arrived).
    public var sequence: Int
    public var method: String
    /// The path without query, as sent (percent-encoding kept).
    public var path: String
    /// Path and query as sent.
    public var target: String
    public var headers: HTTPFields
    public var body: [UInt8]
    /// When its body had arrived (for tests that check a pause between requests; compare, never expect exact).
    public var receivedAt: ContinuousClock.Instant

    /// The first value of a header (names are case-insensitive).
    public func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }

    /// Every value of a header, in order (names are case-insensitive).
    public func headerValues(_ name: String) -> [String] {
        guard let field = HTTPField.Name(name) else { return [] }
        return headers[values: field]
    }

    public var bodyString: String { String(decoding: body, as: UTF8.self) }
}

private struct ServerState {
    var defaultAnswer: TestHTTPAnswer
    var pathDefaults: [String: TestHTTPAnswer] = [:]
    var queue: [TestHTTPAnswer] = []
    var queues: [String: [TestHTTPAnswer]] = [:]
    var requests: [TestHTTPRequest] = []
    var responder: (@Sendable (TestHTTPRequest) -> TestHTTPAnswer?)?
    var stopping = false

    mutating func record(_ request: TestHTTPRequest) -> TestHTTPAnswer {
        var request = request
        request.sequence = requests.count + 1
        requests.append(request)
        if let answer = responder?(request) { return answer }
        if var queued = queues[request.path], !queued.isEmpty {
            let answer = queued.removeFirst()
            queues[request.path] = queued
            return answer
        }
        if !queue.isEmpty { return queue.removeFirst() }
        return pathDefaults[request.path] ?? defaultAnswer
    }
}

private final class SharedState: Sendable {
    let state: Mutex<ServerState>

    init(defaultAnswer: TestHTTPAnswer) {
        state = Mutex(ServerState(defaultAnswer: defaultAnswer))
    }

    func respond(to request: Request, writer: consuming ResponseWriter, channel: any Channel) async throws {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024 * 1024)
        let recorded = TestHTTPRequest(
            sequence: 0, method: request.method.rawValue, path: request.uri.path, target: request.uri.string,
            headers: request.headers, body: Array(buffer: body), receivedAt: .now
        )
        let answer = state.withLock { $0.record(recorded) }
        if answer.delay > .zero {
            // Wakes every 20 ms so that `stop()` never waits for a long scripted delay.
            let clock = ContinuousClock()
            let until = clock.now + answer.delay
            while clock.now < until, !state.withLock({ $0.stopping }) {
                try? await Task.sleep(for: min(.milliseconds(20), until - clock.now))
            }
        }
        if answer.drop || state.withLock({ $0.stopping }) {
            try await channel.close()
            return
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        let head = HTTPResponse(status: .init(code: answer.status), headerFields: fields)
        try await writer.write(response: head, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
