import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `crossdock run` as a service over demo data, with its console: the API shows the processed files, and
/// headless Chromium (scripts/console-screenshot.sh) signs in, sees the files and a file's lineage, and
/// writes screenshots to var/ for people to look at.
@Suite(.serialized) struct RunConsoleTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A free port on 127.0.0.1 (bound, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: String, token: String?) async -> (Int, String)? {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        guard let (data, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func theConsoleOfARunningBridgeShowsTheDemoFilesAndTheirLineage() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-console-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["inbound", "out/erp", "out/billing"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let names = ["204_004010_acme_original_tender", "214_004010_prfl_pickup_to_delivery", "204_004010_acme_two_sets_one_bad"]
        for name in names {
            try Data(Sample.named(name).bytes).write(to: root.appendingPathComponent("inbound/\(name).edi"))
        }
        let port = try Self.freePort()
        let token = "console-test-\(UUID().uuidString.prefix(8))"
        let yaml = """
            store: {sqlite: var/crossdock.sqlite}
            spool: var/spool
            mappings: \(ProjectPaths.root.appendingPathComponent("mappings").path)
            endpoints:
              - {id: inbound, kind: folder, path: inbound}
              - {id: partners, kind: folder, path: partners, create: true}
            partners:
              - id: ACMEFOODS
                isa: {qualifier: ZZ, id: ACMEFOODS}
                ack: {kind: auto, target: partners, path: ACMEFOODS/outbound}
              - id: PRAIRIEFRT
                isa: {qualifier: ZZ, id: PRAIRIEFRT}
                ack: {kind: "997", target: partners, path: PRAIRIEFRT/outbound}
            sources:
              - {id: x12, endpoint: inbound, format: x12, patterns: ["*.edi"], minimum_age: 0s, poll_interval: 1s, after: delete}
            destinations:
              - {id: erp, kind: folder, path: out/erp}
              - {id: billing, kind: folder, path: out/billing}
            routes:
              - {events: ["load.*", shipment.status], to: [erp]}
              - {events: [freight.invoice], to: [billing]}
            console: {listen: "127.0.0.1:\(port)", token: "${CONSOLE_TOKEN}"}
            """
        try yaml.write(to: root.appendingPathComponent("crossdock.yaml"), atomically: true, encoding: .utf8)

        let child = Process()
        child.executableURL = ProjectPaths.binaries.appendingPathComponent("crossdock")
        child.arguments = ["run", "--config", root.appendingPathComponent("crossdock.yaml").path, "--log-level", "warning"]
        var environment = ProcessInfo.processInfo.environment
        environment["CONSOLE_TOKEN"] = token
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer {
            if child.isRunning {
                kill(child.processIdentifier, SIGTERM)
                child.waitUntilExit()
            }
        }

        let base = "http://127.0.0.1:\(port)"
        // Without the token the API refuses; with it, the three files appear once processed.
        var listed = ""
        for _ in 0..<1200 {
            if let (status, body) = await Self.get("\(base)/api/files", token: token), status == 200,
                names.allSatisfy({ body.contains($0) })
            {
                listed = body
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(names.allSatisfy { listed.contains($0) }, "files never listed: \(listed)")
        #expect(await Self.get("\(base)/api/files", token: nil)?.0 == 401)
        #expect(await Self.get("\(base)/healthz", token: nil)?.0 == 200)
        let metrics = await Self.get("\(base)/metrics", token: token)?.1 ?? ""
        #expect(metrics.contains("crossdock_files_total"), "\(metrics.prefix(400))")
        // Each destination's worker reports its circuit breaker.
        let destinations = await Self.get("\(base)/api/destinations", token: token)?.1 ?? ""
        #expect(destinations.components(separatedBy: "\"circuit\":\"closed\"").count - 1 == 2, "\(destinations)")

        // SIGTERM drains and exits 0.
        guard Self.chromium != nil else {
            kill(child.processIdentifier, SIGTERM)
            child.waitUntilExit()
            #expect(child.terminationStatus == 0)
            return
        }
        let shot = try runCommand(
            URL(fileURLWithPath: "/bin/bash"), [ProjectPaths.root.appendingPathComponent("scripts/console-screenshot.sh").path, base, token])
        #expect(shot.status == 0, "\(shot.stdout)\n\(shot.stderr)")
        for png in ["console-overview.png", "console-files.png", "console-lineage.png"] {
            #expect(FileManager.default.fileExists(atPath: ProjectPaths.root.appendingPathComponent("var/\(png)").path))
        }
        kill(child.processIdentifier, SIGTERM)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0)
    }
}
