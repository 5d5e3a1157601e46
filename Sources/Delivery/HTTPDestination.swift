/// An HTTP API that receives events: where, how it authenticates, which request each event type becomes,
/// and how hard to push.
///
/// Plain values with defaults; the configuration module decodes YAML and maps it onto this. Nothing is
/// checked here: `HTTPDeliveryTarget.init` checks every setting and names the bad one.
public struct HTTPDestination: Sendable, CustomStringConvertible {
    /// Unique among destinations; part of every idempotency key, so renaming a destination changes its keys.
    public var name: String
    /// `http://` or `https://`, host, optional port and path prefix, e.g. `https://erp.example.com/api/v2`.
    /// A path template is appended to it. No user info (credentials go in `auth`).
    public var baseURL: String
    public var auth: HTTPAuth
    /// Event type → request. Looked up by exact type, then `*`; an event with neither is dead-lettered.
    public var routes: [EventRoute]
    /// Time allowed to open a connection (applied by the `HTTPClient` made from `clientConfiguration`).
    public var connectTimeout: Duration
    /// Time allowed for one whole request: connect, send, and read the answer.
    public var requestTimeout: Duration
    /// Requests in flight at once.
    public var concurrency: Int
    /// Requests per second at most (token bucket with `rateLimitBurst` tokens); `nil` means no limit.
    public var rateLimit: Double?
    public var rateLimitBurst: Int
    /// Header carrying the idempotency key.
    public var idempotencyHeader: String
    /// Sent with every request (after the built-in headers, so they may override `Content-Type`).
    /// Values may be secret: only names are ever printed.
    public var headers: [HTTPHeaderField]
    /// `Content-Type` of the body (the CloudEvents JSON, structured mode).
    public var contentType: String
    public var retry: RetryPolicy
    public var circuitBreaker: CircuitBreakerPolicy
    /// How much of a refusing answer's body is kept with a dead letter.
    public var deadLetterBodyLimit: Int

    public init(
        name: String, baseURL: String, auth: HTTPAuth = .none, routes: [EventRoute],
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(30), concurrency: Int = 4,
        rateLimit: Double? = nil, rateLimitBurst: Int = 1, idempotencyHeader: String = "Idempotency-Key",
        headers: [HTTPHeaderField] = [], contentType: String = "application/cloudevents+json",
        retry: RetryPolicy = RetryPolicy(), circuitBreaker: CircuitBreakerPolicy = CircuitBreakerPolicy(),
        deadLetterBodyLimit: Int = 4096
    ) {
        self.name = name
        self.baseURL = baseURL
        self.auth = auth
        self.routes = routes
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.concurrency = concurrency
        self.rateLimit = rateLimit
        self.rateLimitBurst = rateLimitBurst
        self.idempotencyHeader = idempotencyHeader
        self.headers = headers
        self.contentType = contentType
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.deadLetterBodyLimit = deadLetterBodyLimit
    }

    /// The route for an event type: exact match first, then `*`.
    public func route(for eventType: String) -> EventRoute? {
        routes.first { $0.eventType == eventType } ?? routes.first { $0.eventType == "*" }
    }

    public var description: String {
        let headerNames = headers.map(\.name).joined(separator: ",")
        return "HTTPDestination(\(name), \(baseURL), auth: \(auth), routes: \(routes.count), "
            + "concurrency: \(concurrency), headers: [\(headerNames)])"
    }
}

/// One extra header; its value may be secret and is never printed.
public struct HTTPHeaderField: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: Secret
    public init(name: String, value: Secret) {
        self.name = name
        self.value = value
    }
    public var description: String { "\(name): <redacted>" }
}

/// How requests to a destination prove who sends them.
public enum HTTPAuth: Sendable, Hashable, CustomStringConvertible {
    case none
    /// `Authorization: Bearer <token>`.
    case bearer(token: Secret)
    /// `Authorization: Basic base64(user:password)`.
    case basic(user: String, password: Secret)
    /// OAuth2 client credentials grant: a token from `tokenURL`, cached until shortly before it expires,
    /// fetched again then, or once when the API answers 401.
    case oauth2ClientCredentials(OAuth2ClientCredentials)
    /// A fixed key in a header of its own, e.g. `X-API-Key`.
    case apiKey(header: String, value: Secret)
    /// Standard Webhooks signing: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC>`.
    /// The secret is `whsec_<base64 key>`.
    case hmacSHA256(secret: Secret)

    public var description: String {
        switch self {
        case .none: "none"
        case .bearer: "bearer"
        case .basic(let user, _): "basic(\(user))"
        case .oauth2ClientCredentials(let settings): "oauth2(\(settings.tokenURL), client \(settings.clientID))"
        case .apiKey(let header, _): "apiKey(\(header))"
        case .hmacSHA256: "hmacSHA256"
        }
    }
}

/// The settings of an OAuth2 client credentials grant (RFC 6749 section 4.4).
public struct OAuth2ClientCredentials: Sendable, Hashable {
    /// How the client id and secret reach the token endpoint.
    public enum ClientAuthentication: Sendable, Hashable {
        /// `Authorization: Basic` with the form-encoded id and secret (`client_secret_basic`).
        case basic
        /// `client_id` and `client_secret` in the form body (`client_secret_post`).
        case body
    }

    public var tokenURL: String
    public var clientID: String
    public var clientSecret: Secret
    public var scope: String?
    public var clientAuthentication: ClientAuthentication

    public init(
        tokenURL: String, clientID: String, clientSecret: Secret, scope: String? = nil,
        clientAuthentication: ClientAuthentication = .basic
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.clientAuthentication = clientAuthentication
    }
}

/// Which request an event type becomes.
public struct EventRoute: Sendable, Hashable {
    /// A canonical event type (`shipment.status`) or `*` for every type without a route of its own.
    public var eventType: String
    /// `POST`, `PUT` or `PATCH`.
    public var method: String
    /// Appended to the base URL; may hold `{id}`, `{type}` and `{subject}`, filled in percent-encoded.
    public var path: String
    /// Turns the stored CloudEvent JSON into the request body; nil sends the CloudEvent itself.
    public var body: BodyTransform?

    public init(eventType: String, method: String = "POST", path: String, body: BodyTransform? = nil) {
        self.eventType = eventType
        self.method = method
        self.path = path
        self.body = body
    }
}

/// A request body made from the event for one route (a body mapping of the Mapping module, given by the
/// Bridge): the stored CloudEvent JSON in, the body out, with its content type. A transform that throws
/// fails the same way on every attempt, so the event is dead-lettered with the error, not retried.
/// Equal when their names are.
public struct BodyTransform: Sendable, Hashable {
    /// The body mapping's name, shown in dead letters.
    public let name: String
    /// The request's `Content-Type` instead of the destination's.
    public let contentType: String
    let render: @Sendable ([UInt8]) throws -> [UInt8]

    public init(
        name: String, contentType: String = "application/json", render: @escaping @Sendable ([UInt8]) throws -> [UInt8]
    ) {
        self.name = name
        self.contentType = contentType
        self.render = render
    }

    public static func == (a: BodyTransform, b: BodyTransform) -> Bool { a.name == b.name && a.contentType == b.contentType }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(contentType)
    }
}

/// When to try a failed delivery again: exponential backoff with full jitter, capped, never giving up.
public struct RetryPolicy: Sendable, Hashable {
    /// The backoff ceiling after the first failure; it doubles with each attempt.
    public var baseDelay: Duration
    /// The backoff ceiling never grows past this.
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is cut to it (a confused server cannot park events for days).
    public var maxRetryAfter: Duration

    public init(
        baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(300), maxRetryAfter: Duration = .seconds(3600)
    ) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }
}

/// When to stop sending to a destination that keeps failing, and when to probe it again.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// Consecutive failed attempts (retry outcomes) that open the circuit.
    public var failureThreshold: Int
    /// How long the circuit stays open before one probe request is let through.
    public var coolDown: Duration

    public init(failureThreshold: Int = 5, coolDown: Duration = .seconds(30)) {
        self.failureThreshold = failureThreshold
        self.coolDown = coolDown
    }
}
