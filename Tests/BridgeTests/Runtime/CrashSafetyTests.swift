import Bridge
import Foundation
import HTTPTestSupport
import Store
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `crossdock run` as a child process on a 2,000-transaction batch (4,000 events), killed with SIGKILL
/// at random moments ten times and restarted; then a last `run --once`. Every event must reach the HTTP
/// server (twice only with the same idempotency key), none may be lost, and every ack a partner
/// received must cover data the store committed. `bench/crash.sh` runs the big version.
@Suite(.serialized) struct CrashSafetyTests {
    @Test func killedTenTimesLosesNothingAndSendsNothingUnderTwoKeys() async throws {
        let kills = Int(ProcessInfo.processInfo.environment["CRASH_KILLS"] ?? "") ?? 10
        let files = Int(ProcessInfo.processInfo.environment["CRASH_FILES"] ?? "") ?? 20
        // Answers take 20 ms, so a kill usually finds requests in flight whose answers were never recorded:
        // those are sent again after the restart, and must carry the same key.
        let server = try await TestHTTPServer.start(defaultAnswer: TestHTTPAnswer.status(200).delayed(by: .milliseconds(20)))
        defer { Task { await server.stop() } }
        let site = try RuntimeTests.Site(erpURL: server.baseURL)
        let batch = StatusBatch.files(count: files, setsPerFile: 100)
        for (name, bytes) in batch { try site.drop(bytes, as: name) }
        let expectedEvents = files * 100 * 2

        var generator = SystemRandomNumberGenerator()
        for round in 1...kills {
            let child = try Self.start(["run", "--config", site.config.path, "--log-level", "error"])
            // Kill while files are being processed, events sent or acks written: anywhere in the first seconds.
            let wait = Double.random(in: 0.5...4.0, using: &generator)
            try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            print("crash round \(round): killed after \(Int(wait * 1000)) ms; \(server.requests.count) requests so far")
            #expect(child.terminationReason == .uncaughtSignal, "round \(round): the child ended before the kill")
        }
        let last = try crossdock("run", "--once", "--config", site.config.path, "--timeout", "1200", "--log-level", "error")
        #expect(last.status == 0, "\(last.stdout)\n\(last.stderr)")

        // Every event arrived; an event sent twice carried the same key both times; keys are distinct per event.
        var keysByEvent: [String: Set<String>] = [:]
        for request in server.requests {
            let id = try #require(RuntimeTests.eventID(request.bodyString))
            keysByEvent[id, default: []].insert(request.header("Idempotency-Key") ?? "")
        }
        #expect(keysByEvent.count == expectedEvents)
        #expect(keysByEvent.values.allSatisfy { $0.count == 1 })
        let resent = server.requests.count - keysByEvent.count
        print("crash: \(server.requests.count) requests for \(keysByEvent.count) events (\(resent) sent again after a kill)")
        #expect(Set(keysByEvent.values.compactMap(\.first)).count == expectedEvents)

        // The store has every file once, and every event it committed was delivered.
        let store = try SQLiteStore(at: site.root.appendingPathComponent("var/crossdock.sqlite"))
        let stored = try await store.files(FileQuery(limit: 1000))
        #expect(stored.count == files)
        #expect(Set(stored.map(\.name)).count == files)
        #expect(stored.allSatisfy { $0.outcome == .processed })
        let destinations = try await store.destinationSummaries()
        #expect(destinations.map(\.delivered) == [expectedEvents])

        // Every ack on disk is a committed ack row and acknowledges a group whose sets were all committed.
        var committedSets: [String: Int] = [:]
        var ackFiles: Set<String> = []
        for file in stored {
            let id = try #require(file.id)
            let lineage = try #require(try await store.lineage(of: id))
            for transaction in lineage.transactions where transaction.verdict == "A" {
                committedSets[transaction.groupControlNumber ?? "", default: 0] += 1
            }
            for ack in lineage.acks { ackFiles.insert(ack.fileName) }
        }
        let outbound = site.root.appendingPathComponent("partners/PRAIRIEFRT/outbound")
        let written = site.files(in: outbound)
        #expect(Set(written) == ackFiles)
        for name in written {
            let text = try String(contentsOf: outbound.appendingPathComponent(name), encoding: .utf8)
            let segments = text.split(separator: "~").map { $0.split(separator: "*", omittingEmptySubsequences: false).map(String.init) }
            let ak1 = try #require(segments.first { $0.first == "AK1" })
            let ak9 = try #require(segments.first { $0.first == "AK9" })
            #expect(ak9[1] == "A")
            #expect(Int(ak9[4]) == committedSets[ak1[2]], "ack \(name) for group \(ak1[2])")
        }
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = ProjectPaths.binaries.appendingPathComponent("crossdock")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
