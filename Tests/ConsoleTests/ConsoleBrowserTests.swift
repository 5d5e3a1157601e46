import Bridge
import Console
import Foundation
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import TestSupport
import Testing

/// Headless Chromium (Debian's `chromium`) against a real console on 127.0.0.1. Skipped when Chromium is
/// not installed; `scripts/console-screenshot.sh` installs it and does the same against `crossdock run`.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs Chromium headless on `url` with `arguments`; answers its standard output.
    static func run(_ url: String, _ arguments: [String], profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "chromium")
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                "--virtual-time-budget=10000", "--window-size=1280,900",
            ] + arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite(.serialized) struct ConsoleBrowserTests {
    @Test(
        .enabled(
            if: Chromium.path != nil,
            "chromium is not installed: apt-get install chromium (scripts/console-screenshot.sh does it), then run again"
        ),
        .timeLimit(.minutes(5)))
    func aBrowserSignsInAndSeesTheFilesAndALineage() async throws {
        let fixture = try await Fixture()
        let server = try fixture.server()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shots = root.appendingPathComponent("var")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        try await withRunningServer(server) { port in
            let base = "http://127.0.0.1:\(port)"
            let profile = fixture.folder.url.appendingPathComponent("chromium")
            func signedIn(_ page: String) -> String { "\(base)/console/login#token=\(token)&next=\(page)" }

            let files = try Chromium.run(signedIn("/console/files"), ["--dump-dom"], profile: profile)
            #expect(files.contains("214_acme_0001.edi"))
            #expect(files.contains("&lt;script&gt;alert"))
            #expect(!files.contains("<script>alert"))
            let lineage = try Chromium.run(
                signedIn("/console/files/\(fixture.firstFile)"), ["--dump-dom"], profile: profile)
            #expect(lineage.contains("interchange 000000905 from ZZ:ACMEFOODS"))
            #expect(lineage.contains("<code>ev-1</code>"))
            // Without signing in, the browser lands on the login form.
            let anonymous = try Chromium.run(
                "\(base)/console/files", ["--dump-dom"], profile: profile.appendingPathExtension("2"))
            #expect(anonymous.contains("Console token"))

            for (page, name) in [("/console", "overview"), ("/console/files/\(fixture.firstFile)", "lineage")] {
                let png = shots.appendingPathComponent("console-test-\(name).png")
                try? FileManager.default.removeItem(at: png)
                _ = try Chromium.run(signedIn(page), ["--screenshot=\(png.path)"], profile: profile)
                let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
                #expect(size > 10_000, "\(png.lastPathComponent) has \(size) bytes")
            }
        }
    }
}
