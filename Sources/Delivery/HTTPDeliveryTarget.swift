public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import Store

/// Delivers outbox items to one HTTP destination: picks the route, fills the path, adds the idempotency key,
/// auth and static headers, sends the CloudEvents JSON, and classifies the answer.
///
/// Every setting is checked when this is made, so a running worker never meets a bad template or secret.
public struct HTTPDeliveryTarget: DeliveryTarget {
    public let destination: HTTPDestination
    private let client: HTTPClient
    private let logger: Logger
    /// `logger` when it logs debug messages, else `nil` (AsyncHTTPClient's own no-op logger). AsyncHTTPClient
    /// logs only at trace and debug, yet tags the logger it is given with a request id per request, and a
    /// handler may do real work for every metadata change (swift-log's `StreamLogHandler` renders its
    /// metadata text anew): about 2 % of `crossdock run --once`'s CPU for nothing at the default levels.
    private let clientLogger: Logger?
    private let now: @Sendable () -> Date
    private let templates: [String: Route]
    private let signer: WebhookSigner?
    private let tokens: OAuth2TokenCache?
    private let limiter: RateLimiter?
    /// `baseURL` without trailing slashes, made once.
    private let base: String
    /// The headers every request carries, made once: content type, accept, user agent, static auth, then
    /// the destination's own headers (which may override any of them). Per request only the idempotency
    /// key, an OAuth2 token and the signature are added, each unless a destination header overrides it.
    private let fixedHeaders: HTTPHeaders
    /// The names of the destination's own headers, lowercased.
    private let overridden: Set<String>

    public var name: String { destination.name }
    public var concurrency: Int { destination.concurrency }
    public var retryPolicy: RetryPolicy { destination.retry }
    public var circuitBreakerPolicy: CircuitBreakerPolicy { destination.circuitBreaker }

    /// Checks `destination` and prepares its routes, signer, token cache and rate limiter.
    ///
    /// - Parameters:
    ///   - client: Shared or per destination; its connect timeout applies (see `clientConfiguration`).
    ///   - now: The wall clock (for `webhook-timestamp`, token expiry and `Retry-After` dates).
    /// - Throws: `DeliveryError` `.invalidSetting` naming the setting: `baseURL`, `routes[<type>].path`,
    ///   `routes[<type>].method`, `auth.secret`, `auth.tokenURL`, `concurrency`, `rateLimit`, `idempotencyHeader`.
    public init(
        destination: HTTPDestination, client: HTTPClient, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(DeliveryError) {
        func invalid(_ key: String, _ message: String) -> DeliveryError {
            DeliveryError(code: .invalidSetting, destination: destination.name, key: key, message: message)
        }
        guard let url = URL(string: destination.baseURL), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else {
            throw invalid("baseURL", "must be an absolute http:// or https:// URL with a host")
        }
        guard url.user == nil, url.password == nil else {
            throw invalid("baseURL", "must not carry user info; put credentials in auth")
        }
        guard url.query == nil, url.fragment == nil else {
            throw invalid("baseURL", "must not carry a query or fragment")
        }
        guard destination.concurrency >= 1 else { throw invalid("concurrency", "must be at least 1") }
        if let rate = destination.rateLimit, !(rate > 0) { throw invalid("rateLimit", "must be more than 0") }
        guard isHeaderName(destination.idempotencyHeader) else {
            throw invalid("idempotencyHeader", "must be a header name (letters, digits and !#$%&'*+-.^_`|~)")
        }
        for (index, header) in destination.headers.enumerated() {
            guard isHeaderName(header.name) else {
                throw invalid("headers[\(index)].name", "must be a header name (letters, digits and !#$%&'*+-.^_`|~)")
            }
            guard isHeaderValue(header.value.value) else {
                throw invalid("headers[\(header.name)]", "the value holds a line break or control character")
            }
        }
        switch destination.auth {
        case .bearer(let token) where !isHeaderValue(token.value):
            throw invalid("auth.token", "the token holds a line break or control character (a trailing newline?)")
        case .basic(let user, _) where user.contains(":"):
            throw invalid("auth.user", "a Basic auth user name cannot contain ':' (RFC 7617)")
        case .apiKey(let header, _) where !isHeaderName(header):
            throw invalid("auth.header", "must be a header name (letters, digits and !#$%&'*+-.^_`|~)")
        case .apiKey(_, let value) where !isHeaderValue(value.value):
            throw invalid("auth.value", "the key holds a line break or control character (a trailing newline?)")
        default:
            break
        }
        var templates: [String: Route] = [:]
        for route in destination.routes {
            let key = "routes[\(route.eventType)]"
            guard templates[route.eventType] == nil else { throw invalid(key, "the event type has two routes") }
            let method = HTTPMethod(rawValue: route.method.uppercased())
            guard [.POST, .PUT, .PATCH].contains(method) else {
                throw invalid(key + ".method", "must be POST, PUT or PATCH, not \(route.method)")
            }
            let path: PathTemplate
            do {
                path = try PathTemplate(route.path)
            } catch {
                throw invalid(key + ".path", error.description)
            }
            templates[route.eventType] = Route(method: method, path: path, body: route.body)
        }
        switch destination.auth {
        case .hmacSHA256(let secret):
            do {
                signer = try WebhookSigner(secret: secret)
            } catch {
                throw invalid("auth.secret", error.message)
            }
            tokens = nil
        case .oauth2ClientCredentials(let settings):
            guard let tokenURL = URL(string: settings.tokenURL), tokenURL.scheme != nil, tokenURL.host != nil else {
                throw invalid("auth.tokenURL", "must be an absolute URL")
            }
            signer = nil
            tokens = OAuth2TokenCache(
                settings: settings, destination: destination.name, client: client,
                timeout: destination.requestTimeout, now: now, logger: logger
            )
        default:
            signer = nil
            tokens = nil
        }
        self.destination = destination
        self.client = client
        self.logger = logger
        self.clientLogger = logger.logLevel <= .debug ? logger : nil
        self.now = now
        self.templates = templates
        self.limiter = destination.rateLimit.map { RateLimiter(rate: $0, burst: destination.rateLimitBurst) }
        var base = destination.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: destination.contentType)
        headers.add(name: "Accept", value: "application/json, */*;q=0.5")
        headers.add(name: "User-Agent", value: "crossdock")
        switch destination.auth {
        case .bearer(let secret):
            headers.add(name: "Authorization", value: "Bearer " + secret.value)
        case .basic(let user, let password):
            let pair = Data((user + ":" + password.value).utf8).base64EncodedString()
            headers.add(name: "Authorization", value: "Basic " + pair)
        case .apiKey(let header, let value):
            headers.add(name: header, value: value.value)
        case .none, .hmacSHA256, .oauth2ClientCredentials:
            break
        }
        for header in destination.headers {
            headers.replaceOrAdd(name: header.name, value: header.value.value)
        }
        self.fixedHeaders = headers
        self.overridden = Set(destination.headers.map { $0.name.lowercased() })
    }

    /// An `HTTPClient` configuration with this destination's connect timeout, for a client of its own: a
    /// keep-alive pool with at least one connection per request in flight (AsyncHTTPClient's default caps
    /// it at 8 per host, which would queue a destination's requests beyond a concurrency of 8).
    public static func clientConfiguration(for destination: HTTPDestination) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .nanoseconds(Int64(destination.connectTimeout.seconds * 1e9)))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, destination.concurrency))
        configuration.redirectConfiguration = .disallow
        // No tracer: AsyncHTTPClient otherwise takes the global one (a no-op unless bootstrapped) and still
        // builds a span and its attributes for every request.
        configuration.tracing.tracer = nil
        // Head and body of a request in one socket write (see `RequestFlushCoalescer`).
        configuration.http1_1ConnectionDebugInitializer = RequestFlushCoalescer.install
        return configuration
    }

    /// A checked route: method, parsed path template, and the body transform when the route has one.
    private struct Route: Sendable {
        var method: HTTPMethod
        var path: PathTemplate
        var body: BodyTransform?
    }

    /// A request body, and its content type when not the destination's (a body mapping's).
    private struct Body {
        var bytes: ByteBuffer
        var contentType: String?
    }

    /// The route an event's type takes: its own, else the `*` fallback.
    private func route(for item: OutboxItem) -> Route? {
        templates[item.eventType] ?? templates["*"]
    }

    /// The full URL an event goes to, or `nil` when no route takes its type.
    public func url(for item: OutboxItem) -> (method: String, url: String)? {
        route(for: item).map { url(for: item, on: $0) }
    }

    private func url(for item: OutboxItem, on route: Route) -> (method: String, url: String) {
        let path = route.path.expand(id: item.eventID, type: item.eventType, subject: item.subject)
        return (route.method.rawValue, base + (path.hasPrefix("/") || path.isEmpty ? "" : "/") + path)
    }

    public func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
        guard let route = route(for: item) else {
            return .deadLetter(
                status: nil,
                reason: "no route for event type \(item.eventType) at destination \(name) (and no '*' route)",
                responseBody: nil
            )
        }
        let target = url(for: item, on: route)
        var body = Body(bytes: ByteBuffer(bytes: item.body), contentType: nil)
        if let transform = route.body {
            do {
                body = Body(bytes: ByteBuffer(bytes: try transform.render(Array(item.body))), contentType: transform.contentType)
            } catch {
                // The same event and mapping fail the same way every time: a retry cannot help.
                return .deadLetter(
                    status: nil, reason: "body mapping \(transform.name) cannot make the request body: \(error)",
                    responseBody: nil)
            }
        }
        do {
            try await limiter?.acquire()
        } catch {
            return .retry(status: nil, reason: "cancelled before sending", retryAfter: nil)
        }
        var outcome = await send(item, body: body, method: target.method, url: target.url)
        if case .deadLetter(401, _, _) = outcome.result, let token = outcome.token {
            // The token may have been revoked or expired early: fetch a new one and try once more.
            await tokens?.invalidate(token)
            outcome = await send(item, body: body, method: target.method, url: target.url)
        }
        return outcome.result
    }

    private func send(_ item: OutboxItem, body: Body, method: String, url: String) async -> (
        result: DeliveryOutcome, token: String?
    ) {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        var headers = fixedHeaders
        let overridden = overridden
        /// Whether one of the destination's headers overrides the header `name`.
        func isOverridden(_ name: String) -> Bool { !overridden.isEmpty && overridden.contains(name.lowercased()) }
        /// Adds a per-request header unless one of the destination's headers overrides it.
        func add(_ name: String, _ value: String) {
            if !isOverridden(name) { headers.add(name: name, value: value) }
        }
        if let contentType = body.contentType, !isOverridden("Content-Type") {
            headers.replaceOrAdd(name: "Content-Type", value: contentType)
        }
        add(destination.idempotencyHeader, IdempotencyKey.make(eventID: item.eventID, destination: destination.name))
        var token: String?
        if case .oauth2ClientCredentials = destination.auth {
            do {
                token = try await tokens?.current()
            } catch {
                return (.retry(status: nil, reason: "\(error)", retryAfter: nil), nil)
            }
            add("Authorization", "Bearer " + (token ?? ""))
        }
        if let signer {
            let timestamp = Int(now().timeIntervalSince1970)
            for header in signer.headers(id: item.eventID, timestamp: timestamp, body: body.bytes.readableBytesView) {
                add(header.name, header.value)
            }
        }
        request.headers = headers
        request.body = .bytes(body.bytes)

        let timeout = TimeAmount.nanoseconds(Int64(destination.requestTimeout.seconds * 1e9))
        do {
            let response = try await client.execute(request, timeout: timeout, logger: clientLogger)
            let body = try await cappedBody(response.body, limit: destination.deadLetterBodyLimit)
            let result = DeliveryOutcome.classify(
                status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                body: body, now: now()
            )
            return (result, token)
        } catch {
            return (.retry(status: nil, reason: Self.describe(error), retryAfter: nil), token)
        }
    }

    /// The first `limit` bytes of a body as text (invalid UTF-8 repaired); the rest is read and dropped.
    private func cappedBody(_ body: HTTPClientResponse.Body, limit: Int) async throws -> String {
        var kept: [UInt8] = []
        for try await chunk in body where kept.count < limit {
            kept.append(contentsOf: chunk.readableBytesView.prefix(limit - kept.count))
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// A transport failure in plain words (AsyncHTTPClient's errors carry no headers or bodies).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout: return "timed out"
            case .connectTimeout: return "connect timed out"
            case .remoteConnectionClosed: return "connection closed before an answer"
            default: return "HTTP client error: \(error)"
            }
        }
        return "transport error: \(error)"
    }
}

/// An RFC 9110 field name: one or more token characters.
func isHeaderName(_ name: String) -> Bool {
    !name.isEmpty
        && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
}

/// A field value without control characters other than tab (so no CR, LF or NUL).
func isHeaderValue(_ value: String) -> Bool {
    value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
}
