import ArgumentParser
import Bridge
import Foundation
import Store

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send events again: one event, a destination's dead letters, or a file's events.",
        discussion: """
            Puts the outbox rows back as due now; the running bridge (or the next `run --once`) sends them with \
            the same idempotency keys as before. Every replay is written to the audit log with --actor and --reason. \
            Exactly one of --event, --dead-letters-of or --file.
            """)

    @Option(help: "The configuration file.")
    var config = "crossdock.yaml"

    @Option(help: "An event id: every destination's row of it.")
    var event: String?

    @Option(name: .customLong("dead-letters-of"), help: "A destination: all its dead letters.")
    var destination: String?

    @Option(help: "A file id (see `crossdock status`): every row of its events.")
    var file: Int64?

    @Option(help: "Who asks, for the audit log (default: the user name).")
    var actor: String?

    @Option(help: "Why, for the audit log.")
    var reason: String?

    func validate() throws {
        let given = [event != nil, destination != nil, file != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --event, --dead-letters-of, --file") }
    }

    func run() async throws {
        let store = try openExistingStore(loadConfiguration(config))
        let selector: ReplaySelector
        if let event {
            selector = .event(event)
        } else if let destination {
            selector = .deadLetters(destination: destination)
        } else {
            selector = .file(FileID(rawValue: file!))
        }
        let who = actor ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
        let count = try await store.replay(selector, actor: "cli:\(who)", reason: reason, now: Date())
        var out = Output.stdout
        out.line("replayed \(count) outbox row(s)")
        out.flush()
        if count == 0 { throw Outcome.findings.exitCode }
    }
}
