// pipeline-bench: end-to-end events/s and latency of `crossdock run` (folder source → SQLite with fsync →
// HTTP destination on loopback), beside a baseline in the same run: the same number of event bodies
// POSTed straight to the same kind of server by AsyncHTTPClient at the same concurrency (what loopback HTTP
// alone allows on this machine). Called by bench/e2e.sh; prints figures, never fails on them.
//
//   pipeline-bench --crossdock PATH [--events N] [--concurrency C] [--rate EVENTS_PER_S] [--latency-events N]
//                  [--server minimal|recording]
//
// The server: `minimal` (default) is this target's `BenchHTTPServer`, as cheap as swift-nio allows, since it
// shares the 2 cores with crossdock where a real ERP would not; `recording` is the suite's `TestHTTPServer`
// (HummingbirdCore, whole requests recorded), what the figures before 2026-11-27 22:00 UTC used.
// Beside events/s it prints CPU per event of each process (getrusage; the minimal server's own thread
// from /proc), so the machine's 2 cores can be split between crossdock and the stand-in server.
import AsyncHTTPClient
import Delivery
import Foundation
import HTTPTestSupport
import NIOCore
import NIOHTTP1
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var crossdock = ""
    var events = 10_000
    var concurrency = 8
    var rate = 1_000
    var latencyEvents = 5_000
    var server = "minimal"

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--crossdock": options.crossdock = value
            case "--events": options.events = Int(value) ?? options.events
            case "--concurrency": options.concurrency = Int(value) ?? options.concurrency
            case "--rate": options.rate = Int(value) ?? options.rate
            case "--latency-events": options.latencyEvents = Int(value) ?? options.latencyEvents
            case "--server":
                guard value == "minimal" || value == "recording" else {
                    FileHandle.standardError.write(Data("pipeline-bench: --server is minimal or recording\n".utf8))
                    exit(2)
                }
                options.server = value
            default:
                FileHandle.standardError.write(Data("pipeline-bench: unknown argument \(arguments[i])\n".utf8))
                exit(2)
            }
            i += 2
        }
        guard !options.crossdock.isEmpty else {
            FileHandle.standardError.write(Data("pipeline-bench: --crossdock PATH is required\n".utf8))
            exit(2)
        }
        return options
    }
}

/// 100 sets per file, two events per set.
let setsPerFile = 100
let eventsPerFile = setsPerFile * 2

func makeSite(serverURL: String, concurrency: Int, pollInterval: String) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-bench-\(UUID().uuidString)")
    for folder in ["inbound", "partners"] {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    let mappings = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("mappings").path
    let yaml = """
        store:
          sqlite: var/crossdock.sqlite
        spool: var/spool
        mappings: \(mappings)
        endpoints:
          - {id: inbound, kind: folder, path: inbound}
          - {id: partners, kind: folder, path: partners}
        partners:
          - id: PRAIRIEFRT
            isa: {qualifier: ZZ, id: PRAIRIEFRT}
            ack: {kind: "997", set_detail: errors, ta1: on-error, target: partners, path: PRAIRIEFRT/outbound}
        sources:
          - id: x12
            endpoint: inbound
            format: x12
            patterns: ["*.edi"]
            minimum_age: 0s
            poll_interval: \(pollInterval)
            batch_limit: 1000
            after: delete
        destinations:
          - id: erp
            kind: http
            base_url: \(serverURL)
            routes:
              - {event: "*", method: POST, path: "/events/{subject}"}
            concurrency: \(concurrency)
            timeout: 30s
        routes:
          - events: ["*"]
            to: [erp]
        """
    try yaml.write(to: root.appendingPathComponent("crossdock.yaml"), atomically: true, encoding: .utf8)
    return root
}

/// Writes a file under a dot-name, then renames it: the source never sees half a file.
func drop(_ bytes: [UInt8], as name: String, into folder: URL) throws {
    let temporary = folder.appendingPathComponent(".\(name).part")
    try Data(bytes).write(to: temporary)
    try FileManager.default.moveItem(at: temporary, to: folder.appendingPathComponent(name))
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func seconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) + Double(atto) / 1e18
}

func childPeakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func run(_ path: String, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return process
}

/// The server of one phase: the bench's minimal responder or the suite's recording server.
enum Destination {
    case minimal(BenchHTTPServer)
    case recording(TestHTTPServer)

    static func start(_ kind: String, keepBodies: Bool, expected: Int) async throws -> Destination {
        kind == "recording"
            ? .recording(try await TestHTTPServer.start(defaultAnswer: .status(200)))
            : .minimal(try await BenchHTTPServer.start(keepBodies: keepBodies, expected: expected))
    }

    var baseURL: String {
        switch self {
        case .minimal(let server): server.baseURL
        case .recording(let server): server.baseURL
        }
    }

    /// Requests answered so far.
    var count: Int {
        switch self {
        case .minimal(let server): server.count
        case .recording(let server): server.requests.count
        }
    }

    /// The distinct idempotency keys that arrived.
    var distinctKeys: Int {
        switch self {
        case .minimal(let server): Set(server.arrivals.map(\.key)).count
        case .recording(let server): Set(server.requests.map { $0.header("Idempotency-Key") ?? "" }).count
        }
    }

    /// Arrival time and body of every request.
    var bodies: [(at: ContinuousClock.Instant, body: [UInt8])] {
        switch self {
        case .minimal(let server): server.arrivals.map { ($0.at, $0.body.map { Array(buffer: $0) } ?? []) }
        case .recording(let server): server.requests.map { ($0.receivedAt, $0.body) }
        }
    }

    /// CPU seconds of the server's own thread, when it has one (the recording server shares NIO's singleton
    /// loops with the baseline's client).
    var threadCPU: Double? {
        if case .minimal(let server) = self { server.cpuSeconds() } else { nil }
    }

    func stop() async {
        switch self {
        case .minimal(let server): try? await server.stop()
        case .recording(let server): await server.stop()
        }
    }
}

/// CPU seconds (user + system) of this process and of its waited-for children, from getrusage.
struct CPUTimes {
    var own: Double
    var children: Double

    static func now() -> CPUTimes {
        func total(_ who: Int32) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(who), &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return CPUTimes(own: total(RUSAGE_SELF.rawValue), children: total(RUSAGE_CHILDREN.rawValue))
    }

    static func - (a: CPUTimes, b: CPUTimes) -> CPUTimes {
        CPUTimes(own: a.own - b.own, children: a.children - b.children)
    }
}

let options = Options.parse(CommandLine.arguments)
let files = max(1, options.events / eventsPerFile)
let events = files * eventsPerFile
print("pipeline-bench: \(events) events (\(files) files of \(setsPerFile) 214 sets), destination concurrency \(options.concurrency), \(options.server) server")

// ---- baseline: the same bodies straight to the server ----
/// What one baseline run took: wall seconds, CPU seconds of the whole bench process and of the server's
/// own thread (nil for the recording server, which shares its threads with the client).
struct Baseline {
    var seconds: Double
    var processCPU: Double
    var serverCPU: Double?
}

/// POSTs `events` bodies straight to a fresh server at the destination's concurrency. With `coalescing`, the
/// client sends each request's head and body in one write, as crossdock's delivery clients do.
func postStraight(coalescing: Bool, sample: String) async throws -> Baseline {
    let server = try await Destination.start(options.server, keepBodies: false, expected: events)
    var configuration = HTTPClient.Configuration()
    if coalescing { configuration.http1_1ConnectionDebugInitializer = RequestFlushCoalescer.install }
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let cpu = CPUTimes.now()
    let serverCPU = server.threadCPU
    let start = ContinuousClock.now
    let baseURL = server.baseURL
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<options.concurrency {
            group.addTask {
                var i = worker
                while i < events {
                    var request = HTTPClientRequest(url: "\(baseURL)/events/shipment%2FACM\(i)")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/cloudevents+json")
                    request.headers.add(name: "Idempotency-Key", value: "\(i)")
                    request.body = .bytes(ByteBuffer(string: sample))
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    i += options.concurrency
                }
            }
        }
        try await group.waitForAll()
    }
    let result = Baseline(
        seconds: seconds(ContinuousClock.now - start), processCPU: (CPUTimes.now() - cpu).own,
        serverCPU: server.threadCPU.map { $0 - (serverCPU ?? 0) })
    try await client.shutdown()
    await server.stop()
    return result
}

let sample = try String(contentsOfFile: "samples/x12/214_004010_prfl_one_line.events", encoding: .utf8)
    .split(separator: "\n").first.map(String.init) ?? "{}"
let plain = try await postStraight(coalescing: false, sample: sample)
let coalesced = try await postStraight(coalescing: true, sample: sample)

// ---- throughput: run --once over the whole batch ----
let server = try await Destination.start(options.server, keepBodies: false, expected: events)
let site = try makeSite(serverURL: server.baseURL, concurrency: options.concurrency, pollInterval: "1s")
for (name, bytes) in StatusBatch.files(count: files, setsPerFile: setsPerFile) {
    try drop(bytes, as: name, into: site.appendingPathComponent("inbound"))
}
let onceCPU = CPUTimes.now()
let onceServerCPU = server.threadCPU
let onceStart = ContinuousClock.now
let once = try run(options.crossdock, ["run", "--once", "--config", site.appendingPathComponent("crossdock.yaml").path, "--timeout", "1800", "--log-level", "error"])
once.waitUntilExit()
let onceSeconds = seconds(ContinuousClock.now - onceStart)
let onceUsed = CPUTimes.now() - onceCPU
// The recording server has no thread of its own; then the bench process (idle but for it) stands for it.
let onceServerUsed = server.threadCPU.map { $0 - (onceServerCPU ?? 0) } ?? onceUsed.own
let rss = childPeakRSSMiB()
let received = server.distinctKeys
// When the requests arrived, from the start of `run --once`: delivery keeping pace with the intake shows as
// evenly spread arrivals; a long first wait or a tail after the intake shows which side held the run back.
let arrivalTimes = server.bodies.map { seconds($0.at - onceStart) }.sorted()
await server.stop()

// ---- latency: the service running, files dropped at a steady rate ----
let latencyServer = try await Destination.start(options.server, keepBodies: true, expected: options.latencyEvents)
let latencySite = try makeSite(serverURL: latencyServer.baseURL, concurrency: options.concurrency, pollInterval: "100ms")
let service = try run(options.crossdock, ["run", "--config", latencySite.appendingPathComponent("crossdock.yaml").path, "--log-level", "error"])
try await Task.sleep(for: .seconds(2))
let latencyFiles = max(1, options.latencyEvents / 20)
let latencyBatch = StatusBatch.files(count: latencyFiles, setsPerFile: 10, firstInterchange: 500_000)
let interval = Duration.seconds(20.0 / Double(options.rate))
var dropped: [String: ContinuousClock.Instant] = [:]
var next = ContinuousClock.now
for (name, bytes) in latencyBatch {
    try await Task.sleep(until: next, clock: .continuous)
    try drop(bytes, as: name, into: latencySite.appendingPathComponent("inbound"))
    dropped[name] = ContinuousClock.now
    next += interval
}
let expected = latencyFiles * 20
let deadline = ContinuousClock.now + .seconds(300)
while latencyServer.count < expected && ContinuousClock.now < deadline {
    try await Task.sleep(for: .milliseconds(200))
}
kill(service.processIdentifier, SIGTERM)
service.waitUntilExit()
var latencies: [Double] = []
for request in latencyServer.bodies {
    guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
        let lineage = object["crossdock"] as? [String: Any], let name = lineage["fileName"] as? String,
        let at = dropped[name]
    else { continue }
    latencies.append(seconds(request.at - at) * 1000)
}
latencies.sort()
await latencyServer.stop()
try? FileManager.default.removeItem(at: site)
try? FileManager.default.removeItem(at: latencySite)

func f(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
print("")
/// µs of CPU per event.
func perEvent(_ cpuSeconds: Double, _ count: Int) -> String { count > 0 ? f(cpuSeconds * 1e6 / Double(count)) : "–" }
print("| run | events | seconds | events/s | CPU µs/event: crossdock or client | CPU µs/event: server | CPU µs/event: bench process | peak RSS |")
print("|---|---|---|---|---|---|---|---|")
for (name, run) in [("AsyncHTTPClient", plain), ("AsyncHTTPClient, head and body in one write", coalesced)] {
    let server = run.serverCPU.map { perEvent($0, events) } ?? "–"
    let client = run.serverCPU.map { perEvent(run.processCPU - $0, events) } ?? "–"
    print("| baseline: POST straight to the server (\(name), \(options.concurrency) at once) | \(events) | \(f(run.seconds, 2)) | \(f(Double(events) / run.seconds)) | \(client) | \(server) | \(perEvent(run.processCPU, events)) | – |")
}
print("| crossdock run --once: folder → SQLite (fsync) → HTTP | \(received) of \(events) | \(f(onceSeconds, 2)) | \(f(Double(received) / onceSeconds)) | \(perEvent(onceUsed.children, received)) | \(perEvent(onceServerUsed, received)) | \(perEvent(onceUsed.own, received)) | \(f(rss, 1)) MiB |")
if !arrivalTimes.isEmpty {
    let marks = [0.0, 0.25, 0.5, 0.75, 1.0].map { p in f(arrivalTimes[min(arrivalTimes.count - 1, Int(Double(arrivalTimes.count - 1) * p))], 2) }
    print("")
    print("run --once: requests arrived (first, 25 %, 50 %, 75 %, last) at \(marks.joined(separator: " / ")) s of \(f(onceSeconds, 2)) s")
}
print("")
print("latency, stable file → delivered, `crossdock run` with files dropped at \(options.rate) events/s (\(latencies.count) of \(expected) events):")
print("  p50 \(f(percentile(latencies, 0.50))) ms, p99 \(f(percentile(latencies, 0.99))) ms, max \(f(latencies.last ?? .nan)) ms")
print("target: ≥ 5,000 events/s end to end on 2 cores")
