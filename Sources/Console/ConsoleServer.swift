import Delivery
public import Bridge
public import Foundation
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle
public import Store

/// The admin API, the operator web console and `/metrics`, as one Hummingbird application.
///
/// A swift-service-lifecycle `Service`: `crossdock run` adds it (last) to its `ServiceGroup`. It listens on
/// the configured host and port (port 0 picks a free one; `boundPort()` tells which). Everything but
/// `/healthz` and `/readyz` needs the configured token: as a bearer token on `/api/…` and `/metrics`, as
/// a session cookie (from the login form) on `/console/…`. Without a token it only ever listens on
/// loopback. See `docs/console.md`.
public struct ConsoleServer: Service {
    public struct Options: Sendable {
        /// The largest request body taken (JSON or form), in bytes.
        public var maxBodyBytes: Int
        /// How long a console session lasts.
        public var sessionLifetime: Duration
        /// The window of a partner's error rate, in days.
        public var partnerWindowDays: Int
        public var clock: @Sendable () -> Date
        /// A destination's circuit breaker state as its delivery worker last reported it (`closed`, `open`,
        /// `half-open`), or nil when no worker runs for it in this process.
        public var circuitState: @Sendable (String) -> String?

        public init(
            maxBodyBytes: Int = 16 * 1024, sessionLifetime: Duration = .seconds(12 * 3600), partnerWindowDays: Int = 7,
            clock: @escaping @Sendable () -> Date = { Date() },
            circuitState: @escaping @Sendable (String) -> String? = { _ in nil }
        ) {
            self.maxBodyBytes = maxBodyBytes
            self.sessionLifetime = sessionLifetime
            self.partnerWindowDays = partnerWindowDays
            self.clock = clock
            self.circuitState = circuitState
        }
    }

    public let settings: ConsoleSettings
    let data: ConsoleData
    let auth: ConsoleAuth
    let registry: PrometheusCollectorRegistry
    let options: Options
    let logger: Logger
    private let listening = ListeningPort()

    /// - Throws: `ConsoleError` `.insecureListen` when `settings` listen off loopback without a token.
    public init(
        store: any Store, settings: ConsoleSettings, partners: [PartnerSettings] = [],
        destinations: [DestinationSettings] = [], registry: PrometheusCollectorRegistry, logger: Logger,
        options: Options = Options()
    ) throws(ConsoleError) {
        // The configuration refuses this already; checked again so no other caller can get it wrong.
        if settings.token == nil && !settings.isLoopback {
            throw ConsoleError(
                .insecureListen,
                "the console would listen on \(settings.host) without a token: set console.token or listen on 127.0.0.1"
            )
        }
        if let token = settings.token, token.exposedValue.isEmpty {
            throw ConsoleError(.insecureListen, "the console token is empty")
        }
        self.settings = settings
        self.data = ConsoleData(
            store: store, partners: partners, destinations: destinations, partnerWindowDays: options.partnerWindowDays,
            now: options.clock, circuitState: options.circuitState)
        self.auth = ConsoleAuth(
            token: settings.token?.exposedValue, sessionLifetime: options.sessionLifetime.components.seconds)
        self.registry = registry
        self.options = options
        self.logger = logger
    }

    /// The server of `configuration.console`, over its partners and destinations.
    /// - Throws: `ConsoleError` `.insecureListen`, also when the configuration has no `console` section.
    public init(
        store: any Store, configuration: CrossdockConfiguration, registry: PrometheusCollectorRegistry, logger: Logger,
        options: Options = Options()
    ) throws(ConsoleError) {
        guard let settings = configuration.console else {
            throw ConsoleError(.insecureListen, "the configuration has no console section")
        }
        try self.init(
            store: store, settings: settings, partners: configuration.partners,
            destinations: configuration.destinations, registry: registry, logger: logger, options: options)
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let listening = listening
        let app = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in await listening.set(channel.localAddress?.port) },
            logger: logger)
        do {
            try await app.run()
        } catch {
            await listening.set(nil)
            throw error
        }
        await listening.set(nil)
    }

    /// The port the server listens on, once it does (waits until then); nil when it stopped, or failed,
    /// before listening.
    public func boundPort() async -> Int? { await listening.wait() }

    /// The routes, for `run` and for tests (`Application(router:)` with HummingbirdTesting).
    public func makeRouter() -> Router<ConsoleRequestContext> {
        let router = Router(context: ConsoleRequestContext.self)
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            do {
                _ = try await data.store.destinationSummaries()
                return JSONResponse.make(["status": "ready"])
            } catch {
                return JSONResponse.make(["status": "store unavailable"], status: .serviceUnavailable)
            }
        }
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/console"]) }

        let bearer = BearerAuthMiddleware(auth: auth)
        router.group("metrics").add(middleware: bearer).get { _, _ in try await metricsResponse() }
        addAPI(router.group("api").add(middleware: bearer))

        router.get("/console/login") { request, _ in loginPage(request: request, failed: false) }
        router.post("/console/login") { request, context in try await login(request: request, context: context) }
        addPages(router.group("console").add(middleware: SessionMiddleware(auth: auth, now: options.clock)))
        return router
    }
}

/// The bound port, published once the server listens.
actor ListeningPort {
    private var result: Int??
    private var waiters: [CheckedContinuation<Int?, Never>] = []

    func set(_ port: Int?) {
        guard result == nil else { return }
        result = .some(port)
        for waiter in waiters { waiter.resume(returning: port) }
        waiters = []
    }

    func wait() async -> Int? {
        if let result { return result }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
