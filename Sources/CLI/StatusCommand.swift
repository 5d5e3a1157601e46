import ArgumentParser
import Bridge
import Foundation
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the backlog per destination, dead letters and recent failures.",
        discussion: "Reads the store of the configuration; changes nothing. Exit status 0 when nothing is dead-lettered, 1 otherwise.")

    @Option(help: "The configuration file.")
    var config = "crossdock.yaml"

    @Option(help: "How many dead letters and failures to list.")
    var limit = 10

    func run() async throws {
        let store = try openExistingStore(loadConfiguration(config))
        var out = Output.stdout
        let destinations = try await store.destinationSummaries()
        out.line("destinations:")
        if destinations.isEmpty { out.line("  (no events yet)") }
        for d in destinations {
            var line = "  \(d.destination): \(d.pending) pending, \(d.retrying) retrying, \(d.delivered) delivered, \(d.dead) dead"
            if let oldest = d.oldestWaiting { line += ", oldest waiting since \(Self.format(oldest))" }
            if let error = d.lastError { line += ", last error: \(error)" }
            out.line(line)
        }
        let dead = try await store.deadLetters(destination: nil, limit: limit, offset: 0)
        out.line("dead letters\(dead.isEmpty ? ": none" : ":")")
        for letter in dead {
            out.line(
                "  \(Self.format(letter.at)) \(letter.destination) event \(letter.eventID) (\(letter.eventType), \(letter.subject ?? "no subject")) "
                    + "after \(letter.attempts) attempt(s): \(letter.status.map { "HTTP \($0)" } ?? "") \(letter.error ?? "")")
        }
        let failures = try await store.recentFailures(limit: limit)
        out.line("recent failures\(failures.isEmpty ? ": none" : ":")")
        for failure in failures {
            out.line(
                "  \(Self.format(failure.attemptedAt)) \(failure.destination) event \(failure.eventID): \(failure.result.rawValue)"
                    + "\(failure.status.map { " HTTP \($0)" } ?? "") \(failure.error ?? "")")
        }
        let files = try await store.files(FileQuery(limit: limit))
        out.line("recent files\(files.isEmpty ? ": none" : ":")")
        for file in files {
            out.line(
                "  \(Self.format(file.receivedAt)) \(file.id.map { "#\($0)" } ?? "") \(file.name) \(file.outcome.rawValue): "
                    + "\(file.transactionsAccepted) accepted, \(file.transactionsRejected) not, \(file.eventCount) events"
                    + (file.note.map { " — \($0)" } ?? ""))
        }
        out.flush()
        if destinations.contains(where: { $0.dead > 0 }) { throw Outcome.findings.exitCode }
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
