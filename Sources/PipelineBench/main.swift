// pipeline-bench: end-to-end events/s and latency of `crossdock run` (folder source → SQLite with fsync →
// HTTP destination on loopback), beside a baseline in the same run: the same number of event bodies
// POSTed straight to the same server by AsyncHTTPClient at the same concurrency (what loopback HTTP
// alone allows on this machine). Called by bench/e2e.sh; prints figures, never fails on them.
//
//   pipeline-bench --crossdock PATH [--events N] [--concurrency C] [--rate EVENTS_PER_S] [--latency-events N]
import AsyncHTTPClient
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

let options = Options.parse(CommandLine.arguments)
let files = max(1, options.events / eventsPerFile)
let events = files * eventsPerFile
print("pipeline-bench: \(events) events (\(files) files of \(setsPerFile) 214 sets), destination concurrency \(options.concurrency)")

// ---- baseline: the same bodies straight to the server ----
let baselineServer = try await TestHTTPServer.start(defaultAnswer: .status(200))
let sample = try String(contentsOfFile: "samples/x12/214_004010_prfl_one_line.events", encoding: .utf8)
    .split(separator: "\n").first.map(String.init) ?? "{}"
let client = HTTPClient(eventLoopGroupProvider: .singleton)
let baselineStart = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    for worker in 0..<options.concurrency {
        group.addTask {
            var i = worker
            while i < events {
                var request = HTTPClientRequest(url: "\(baselineServer.baseURL)/events/shipment%2FACM\(i)")
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
let baselineSeconds = seconds(ContinuousClock.now - baselineStart)
try await client.shutdown()
await baselineServer.stop()

// ---- throughput: run --once over the whole batch ----
let server = try await TestHTTPServer.start(defaultAnswer: .status(200))
let site = try makeSite(serverURL: server.baseURL, concurrency: options.concurrency, pollInterval: "1s")
for (name, bytes) in StatusBatch.files(count: files, setsPerFile: setsPerFile) {
    try drop(bytes, as: name, into: site.appendingPathComponent("inbound"))
}
let onceStart = ContinuousClock.now
let once = try run(options.crossdock, ["run", "--once", "--config", site.appendingPathComponent("crossdock.yaml").path, "--timeout", "1800", "--log-level", "error"])
once.waitUntilExit()
let onceSeconds = seconds(ContinuousClock.now - onceStart)
let rss = childPeakRSSMiB()
let received = Set(server.requests.map { $0.header("Idempotency-Key") ?? "" }).count
await server.stop()

// ---- latency: the service running, files dropped at a steady rate ----
let latencyServer = try await TestHTTPServer.start(defaultAnswer: .status(200))
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
while latencyServer.requests.count < expected && ContinuousClock.now < deadline {
    try await Task.sleep(for: .milliseconds(200))
}
kill(service.processIdentifier, SIGTERM)
service.waitUntilExit()
var latencies: [Double] = []
for request in latencyServer.requests {
    guard let data = request.bodyString.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let lineage = object["crossdock"] as? [String: Any], let name = lineage["fileName"] as? String,
        let at = dropped[name]
    else { continue }
    latencies.append(seconds(request.receivedAt - at) * 1000)
}
latencies.sort()
await latencyServer.stop()
try? FileManager.default.removeItem(at: site)
try? FileManager.default.removeItem(at: latencySite)

func f(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
print("")
print("| run | events | seconds | events/s | peak RSS |")
print("|---|---|---|---|---|")
print("| baseline: POST straight to the server (AsyncHTTPClient, \(options.concurrency) at once) | \(events) | \(f(baselineSeconds, 2)) | \(f(Double(events) / baselineSeconds)) | – |")
print("| crossdock run --once: folder → SQLite (fsync) → HTTP | \(received) of \(events) | \(f(onceSeconds, 2)) | \(f(Double(received) / onceSeconds)) | \(f(rss, 1)) MiB |")
print("")
print("latency, stable file → delivered, `crossdock run` with files dropped at \(options.rate) events/s (\(latencies.count) of \(expected) events):")
print("  p50 \(f(percentile(latencies, 0.50))) ms, p99 \(f(percentile(latencies, 0.99))) ms, max \(f(latencies.last ?? .nan)) ms")
print("target: ≥ 5,000 events/s end to end on 2 cores")
