public import Delivery
public import Foundation

/// Where events go: an HTTP API, or a folder of JSON files for systems that ingest files.
public struct DestinationSettings: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case http(HTTPDestinationSettings)
        /// Absolute path of the folder the events are written into.
        case folder(path: String)
    }

    public var id: DestinationID
    public var kind: Kind

    public init(id: DestinationID, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

/// An HTTP API that receives events. Plain values; the Delivery module has its own types for them.
public struct HTTPDestinationSettings: Sendable, Hashable {
    public var baseURL: URL
    public var auth: HTTPAuthSettings
    /// Which request each event type becomes; see `route(for:)`.
    public var routes: [HTTPRouteSettings]
    public var connectTimeout: Duration
    /// The whole request, answer included.
    public var requestTimeout: Duration
    /// Requests in flight at once.
    public var concurrency: Int
    public var rateLimit: RateLimitSettings?
    public var idempotencyHeader: String
    public var retry: RetrySettings
    public var circuitBreaker: CircuitBreakerSettings
    /// Extra headers sent with every request, in file order.
    public var headers: [HTTPHeaderSetting]

    public init(
        baseURL: URL, auth: HTTPAuthSettings = .none, routes: [HTTPRouteSettings],
        connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(30), concurrency: Int = 4,
        rateLimit: RateLimitSettings? = nil, idempotencyHeader: String = "Idempotency-Key",
        retry: RetrySettings = RetrySettings(), circuitBreaker: CircuitBreakerSettings = CircuitBreakerSettings(),
        headers: [HTTPHeaderSetting] = []
    ) {
        self.baseURL = baseURL
        self.auth = auth
        self.routes = routes
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.concurrency = concurrency
        self.rateLimit = rateLimit
        self.idempotencyHeader = idempotencyHeader
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.headers = headers
    }

    /// The request for `eventType`: an exact route first, then the longest matching `prefix.*`, then `*`;
    /// nil when none matches.
    public func route(for eventType: String) -> HTTPRouteSettings? {
        routes.filter { $0.events.matches(eventType) }.max { $0.events.specificity < $1.events.specificity }
    }
}

/// How requests prove who sends them.
public enum HTTPAuthSettings: Sendable, Hashable {
    case none
    /// `Authorization: Bearer <token>`.
    case bearer(token: Secret)
    /// `Authorization: Basic`.
    case basic(user: String, password: Secret)
    /// OAuth 2.0 client credentials: a token from `tokenURL`, refreshed before it expires.
    case oauth2(tokenURL: URL, clientID: String, clientSecret: Secret, scope: String?, audience: String?)
    /// The key in a header of its own (`X-API-Key`).
    case apiKey(header: String, key: Secret)
    /// HMAC-SHA256 signatures in the Standard Webhooks style (`webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,<base64>`); the secret as given (a `whsec_` prefix included).
    case hmacSHA256(secret: Secret)
}

/// One event type pattern → one request.
public struct HTTPRouteSettings: Sendable, Hashable {
    public var events: EventPattern
    /// `POST`, `PUT`, `PATCH`.
    public var method: String
    /// A path under the base URL, with `{id}`, `{type}` and `{subject}` replaced per event (`/loads/{subject}`).
    public var path: String
    /// A mapping that turns the canonical event into the request body; nil: the CloudEvent JSON itself.
    public var bodyMapping: String?

    public init(events: EventPattern, method: String = "POST", path: String, bodyMapping: String? = nil) {
        self.events = events
        self.method = method
        self.path = path
        self.bodyMapping = bodyMapping
    }
}

public struct RateLimitSettings: Sendable, Hashable {
    /// At most `requests` requests in any `per` interval.
    public var requests: Int
    public var per: Duration

    public init(requests: Int, per: Duration) {
        self.requests = requests
        self.per = per
    }
}

/// Exponential backoff with full jitter: the n-th retry waits up to min(cap, base · 2ⁿ⁻¹).
public struct RetrySettings: Sendable, Hashable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300)) {
        self.base = base
        self.cap = cap
    }
}

/// After `threshold` failures in a row the destination is left alone for `coolDown`, then tried once.
public struct CircuitBreakerSettings: Sendable, Hashable {
    public var threshold: Int
    public var coolDown: Duration

    public init(threshold: Int = 5, coolDown: Duration = .seconds(30)) {
        self.threshold = threshold
        self.coolDown = coolDown
    }
}

public struct HTTPHeaderSetting: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
