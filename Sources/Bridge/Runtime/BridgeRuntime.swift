import AsyncHTTPClient
public import Delivery
public import Foundation
public import Logging
import Mapping
public import ServiceLifecycle
import Synchronization
import UnixSignals
public import Store
import Transport
import X12
import Canonical

/// Everything `crossdock run` runs, built from a checked configuration: the store, the intake runner
/// (sources → spool → file processor → store), the ack writer and one delivery worker per destination.
///
/// `runOnce` processes what is there and drains delivery within a timeout (for `--once`, the demo and the
/// tests); `run` runs it all as services until SIGTERM or SIGINT, then drains gracefully.
public final class BridgeRuntime: Sendable {
    public let configuration: CrossdockConfiguration
    public let store: SQLiteStore
    public let intake: IntakeRunner
    public let ackWriter: AckWriter
    public let workers: [DeliveryWorker]
    /// The delivery workers' circuit breaker states.
    public let circuits = CircuitMonitor()
    let clients: [HTTPClient]
    let logger: Logger
    /// This host and store: the prefix of every claim and lease this process holds.
    public let instance: String
    let lock: InstanceLock

    /// Opens the store and builds every part. Nothing is polled or sent yet.
    /// - Throws: `RuntimeError` naming the part that cannot be built (store, endpoint, destination, mapping).
    public init(configuration: CrossdockConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        let registry = MappingRegistry(folder: URL(fileURLWithPath: configuration.mappings))
        if let first = registry.errors.first {
            throw RuntimeError("mappings", "\(registry.errors.count) mistake(s) in the mappings folder, first: \(first)")
        }
        do {
            try configuration.check(mappings: registry)
        } catch {
            throw RuntimeError("mappings", error.issues.map(\.description).joined(separator: "; "))
        }
        switch configuration.store {
        case .sqlite(let path):
            do {
                try FileManager.default.createDirectory(
                    at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
                lock = try InstanceLock(path: path + ".lock")
                instance = "\(ProcessInfo.processInfo.hostName):\(path)"
                let owner = "\(instance)/\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
                store = try SQLiteStore(at: URL(fileURLWithPath: path), options: SQLiteStore.Options(owner: owner))
            } catch let error as RuntimeError {
                throw error
            } catch {
                throw RuntimeError("store", "\(error)")
            }
        }
        let spool: Spool
        do {
            spool = try configuration.makeSpool()
            _ = try spool.removeStaleTemporaries()
        } catch {
            throw RuntimeError("spool", "\(error)")
        }

        var ackDestinations: [AckDestination] = []
        var profiles: [PartnerProfile] = []
        for partner in configuration.partners {
            let destination: (endpoint: any Endpoint, folder: RemotePath)?
            do {
                destination = try configuration.ackDestination(for: partner)
            } catch {
                throw RuntimeError("partners.\(partner.id).ack", "\(error)")
            }
            if let destination {
                ackDestinations.append(AckDestination(name: partner.id.value, endpoint: destination.endpoint, folder: destination.folder))
            }
            profiles.append(PartnerProfile(partner, acksSent: destination != nil))
        }

        let configuration = configuration
        let processor = FileProcessor(
            store: store, registry: registry, partners: profiles,
            route: { type in configuration.destinations(for: type).map(\.id.value) })
        var sources: [SourceRuntime] = []
        for source in configuration.sources {
            do {
                sources.append(SourceRuntime(
                    intake: try configuration.intakeSource(source), partner: source.partner?.value, mapping: source.mapping,
                    pollInterval: source.pollInterval))
            } catch {
                throw RuntimeError("sources.\(source.id)", "\(error)")
            }
        }
        intake = IntakeRunner(sources: sources, spool: spool, store: store, processor: processor)
        ackWriter = AckWriter(store: store, targets: ackDestinations)

        var workers: [DeliveryWorker] = []
        var clients: [HTTPClient] = []
        for destination in configuration.destinations {
            let name = destination.id.value
            let target: any DeliveryTarget
            switch destination.kind {
            case .folder(let path):
                target = FolderDeliveryTarget(destination: FolderDestination(name: name, path: path))
            case .http(let settings):
                let http = HTTPDestination(settings, name: name, registry: registry)
                let client = HTTPClient(
                    eventLoopGroupProvider: .singleton, configuration: HTTPDeliveryTarget.clientConfiguration(for: http))
                clients.append(client)
                do {
                    target = try HTTPDeliveryTarget(destination: http, client: client, logger: logger)
                } catch {
                    throw RuntimeError("destinations.\(name)", "\(error)")
                }
            }
            workers.append(DeliveryWorker(target: MeteredTarget(base: target), store: store, logger: logger, monitor: circuits))
        }
        self.workers = workers
        self.clients = clients
    }

    /// Closes the HTTP clients and gives up the instance lock. Call once, after `run` or `runOnce`.
    public func shutdown() async {
        for client in clients { try? await client.shutdown() }
        lock.release()
    }

    // MARK: Once

    /// Processes everything pending — files a crash left in the spool, then each source until no file is
    /// waiting to become stable — writes the acks, and delivers until nothing is due or `timeout` passes.
    ///
    /// Delivery starts at once, beside the intake: each file's events go out as soon as its transaction
    /// commits (the store's `outboxSignal` wakes the workers), and the workers stop only once the intake is
    /// over and nothing of their destination is pending or retrying.
    public func runOnce(timeout: Duration) async throws -> RunSummary {
        let deadline = ContinuousClock.now + timeout
        var summary = RunSummary()
        _ = try await store.releaseStaleHolds(instance: instance)
        let intakeOver = IntakeOver()
        let workers = workers
        async let delivered = withTaskGroup(of: DeliveryWorker.Report.self) { group in
            for worker in workers {
                group.addTask { await worker.drain(timeout: timeout, complete: { intakeOver.value }) }
            }
            var reports: [DeliveryWorker.Report] = []
            for await report in group { reports.append(report) }
            return reports
        }
        // A throw here cancels the workers (the `async let`): their leases are given back or run out.
        try await processPending(until: deadline, into: &summary)
        intakeOver.set()
        // Wake workers sleeping on an empty outbox, so they see the intake is over.
        store.outboxSignal?.raise()
        summary.add(try await ackWriter.writePending())
        for report in await delivered { summary.add(report) }
        summary.destinations = try await store.destinationSummaries()
        return summary
    }

    /// Recovers what a crash left spooled, then polls each source until no file is waiting to become stable.
    private func processPending(until deadline: ContinuousClock.Instant, into summary: inout RunSummary) async throws {
        summary.add(try await intake.recover())
        for source in intake.sources {
            while true {
                let report: IntakeReport
                do {
                    report = try await intake.poll(source)
                } catch {
                    summary.problems.append("\(source.intake.id): \(error)")
                    break
                }
                summary.add(report)
                let progress = !report.processed.isEmpty
                if report.waiting == 0 && !progress { break }
                if ContinuousClock.now >= deadline {
                    summary.problems.append("\(source.intake.id): \(report.waiting) file(s) still not stable when the time ran out")
                    break
                }
                if !progress { try await Task.sleep(for: .milliseconds(250)) }
            }
        }
    }

    // MARK: Services

    /// Runs sources, ack writing and delivery as services until SIGTERM or SIGINT; then each finishes
    /// what it has in hand (a file being processed, requests in flight) and returns.
    /// - Parameter extraServices: Run beside the bridge's own (the console of `crossdock run`).
    public func run(extraServices: [any Service] = []) async throws {
        let released = try await store.releaseStaleHolds(instance: instance)
        if released > 0 { logger.info("released claims and leases of an earlier run", metadata: ["count": "\(released)"]) }
        let recovered = try await intake.recover()
        if !recovered.processed.isEmpty {
            logger.info("recovered files spooled before a stop", metadata: ["files": "\(recovered.processed.count)"])
        }
        var services: [any Service] = intake.sources.map { SourceService(runtime: self, source: $0) }
        services.append(AckService(writer: ackWriter, logger: logger))
        services += workers.map { $0 as any Service }
        services += extraServices
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        try await group.run()
    }
}

/// Polls one source at its interval until graceful shutdown.
struct SourceService: Service {
    let runtime: BridgeRuntime
    let source: SourceRuntime

    func run() async throws {
        let metadata: Logger.Metadata = ["source.id": "\(source.intake.id)"]
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let report = try await runtime.intake.poll(source)
                for file in report.processed {
                    runtime.logger.info(
                        "file processed",
                        metadata: metadata.merging([
                            "file.name": "\(file.file.name)", "file.outcome": "\(file.file.outcome.rawValue)",
                            "partner.id": "\(file.file.partner ?? "")", "events": "\(file.file.eventCount)",
                        ]) { $1 })
                }
                for problem in report.problems { runtime.logger.warning("\(problem)", metadata: metadata) }
            } catch {
                runtime.logger.error("poll failed: \(error)", metadata: metadata)
            }
            let interval = source.pollInterval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// Writes committed acks to their partners every second until graceful shutdown.
struct AckService: Service {
    let writer: AckWriter
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let report = try await writer.writePending()
                for name in report.written { logger.info("ack written", metadata: ["ack.file": "\(name)"]) }
                for failure in report.failures {
                    logger.warning("ack not written: \(failure.reason)", metadata: ["ack.id": "\(failure.ack)"])
                }
            } catch {
                logger.error("ack writer failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}

/// Whether `runOnce`'s intake is over: the delivery workers' cue that an empty outbox stays empty.
final class IntakeOver: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// A part of the runtime that cannot be built, and why.
public struct RuntimeError: Error, CustomStringConvertible {
    public var part: String
    public var message: String
    init(_ part: String, _ message: String) {
        self.part = part
        self.message = message
    }
    public var description: String { "\(part): \(message)" }
}

extension PartnerProfile {
    init(_ settings: PartnerSettings, acksSent: Bool) {
        self.init(
            id: settings.id.value, interchangeSender: settings.interchangeSender.description, ackPolicy: settings.ackPolicy,
            leniency: settings.leniency, duplicates: settings.duplicates, ackTarget: acksSent ? settings.id.value : nil)
    }
}

extension HTTPDestination {
    /// The Delivery module's destination for configured settings. Event patterns (`load.*`) are expanded
    /// over the canonical event types; a `*` route stays the fallback.
    ///
    /// A route's `body_mapping` becomes a `BodyTransform` running that body mapping of `registry` over the
    /// stored CloudEvent JSON (names were checked by `CrossdockConfiguration.check(mappings:)`).
    init(_ settings: HTTPDestinationSettings, name: String, registry: MappingRegistry) {
        func transform(_ route: HTTPRouteSettings) -> BodyTransform? {
            guard let mappingName = route.bodyMapping, let mapping = registry.body(named: mappingName) else { return nil }
            return BodyTransform(name: mappingName) { json in try mapping.render(eventJSON: json) }
        }
        var routes: [EventRoute] = []
        for type in EventType.allCases {
            if let route = settings.route(for: type.rawValue), route.events.pattern != "*" {
                routes.append(
                    EventRoute(eventType: type.rawValue, method: route.method, path: route.path, body: transform(route)))
            }
        }
        if let fallback = settings.routes.first(where: { $0.events.pattern == "*" }) {
            routes.append(EventRoute(eventType: "*", method: fallback.method, path: fallback.path, body: transform(fallback)))
        }
        let auth: HTTPAuth
        switch settings.auth {
        case .none: auth = .none
        case .bearer(let token): auth = .bearer(token: token)
        case .basic(let user, let password): auth = .basic(user: user, password: password)
        case .oauth2(let tokenURL, let clientID, let clientSecret, let scope, _):
            auth = .oauth2ClientCredentials(OAuth2ClientCredentials(
                tokenURL: tokenURL.absoluteString, clientID: clientID, clientSecret: clientSecret,
                scope: scope))
        case .apiKey(let header, let key): auth = .apiKey(header: header, value: key)
        case .hmacSHA256(let secret): auth = .hmacSHA256(secret: secret)
        }
        let rate = settings.rateLimit.map { Double($0.requests) / max(0.001, $0.per.seconds) }
        self.init(
            name: name, baseURL: settings.baseURL.absoluteString, auth: auth, routes: routes,
            connectTimeout: settings.connectTimeout, requestTimeout: settings.requestTimeout, concurrency: settings.concurrency,
            rateLimit: rate, rateLimitBurst: settings.rateLimit?.requests ?? 1, idempotencyHeader: settings.idempotencyHeader,
            headers: settings.headers.map { HTTPHeaderField(name: $0.name, value: Secret($0.value)) },
            retry: RetryPolicy(baseDelay: settings.retry.base, maxDelay: settings.retry.cap),
            circuitBreaker: CircuitBreakerPolicy(failureThreshold: settings.circuitBreaker.threshold, coolDown: settings.circuitBreaker.coolDown))
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
