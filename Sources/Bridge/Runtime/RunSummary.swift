import Delivery
public import Store

/// What `crossdock run --once` did, printed at the end.
public struct RunSummary: Sendable {
    public var files: [FileOutcome: Int] = [:]
    public var transactionsAccepted = 0
    public var transactionsRejected = 0
    public var events = 0
    public var delivered = 0
    public var retried = 0
    public var deadLettered = 0
    public var acksWritten = 0
    public var ackFailures: [String] = []
    public var problems: [String] = []
    /// Every destination's rows after the run.
    public var destinations: [DestinationSummary] = []

    public init() {}

    public var fileCount: Int { files.values.reduce(0, +) }
    /// Rows still pending or retrying, over every destination.
    public var waiting: Int { destinations.reduce(0) { $0 + $1.pending + $1.retrying } }
    public var dead: Int { destinations.reduce(0) { $0 + $1.dead } }

    /// True when nothing is left to deliver or acknowledge: every file was stored, every event reached
    /// every destination, no dead letter exists, and every ack was written.
    public var everythingDelivered: Bool { waiting == 0 && dead == 0 && ackFailures.isEmpty && problems.isEmpty }

    mutating func add(_ report: IntakeReport) {
        for summary in report.processed {
            guard case .committed = summary.receipt else { continue }
            files[summary.file.outcome, default: 0] += 1
            transactionsAccepted += summary.file.transactionsAccepted
            transactionsRejected += summary.file.transactionsRejected
            events += summary.file.eventCount
        }
        problems += report.problems
    }

    mutating func add(_ report: AckWriteReport) {
        acksWritten += report.written.count
        ackFailures += report.failures.map { "ack \($0.ack): \($0.reason)" }
    }

    mutating func add(_ report: DeliveryWorker.Report) {
        delivered += report.delivered
        retried += report.retried
        deadLettered += report.deadLettered
    }

    /// The summary as lines for a terminal.
    public var lines: [String] {
        var lines: [String] = []
        let outcomes = FileOutcome.allCases.compactMap { outcome in files[outcome].map { "\($0) \(outcome.rawValue)" } }
        lines.append("files: \(fileCount)" + (outcomes.isEmpty ? "" : " (\(outcomes.joined(separator: ", ")))"))
        lines.append("transactions: \(transactionsAccepted) accepted, \(transactionsRejected) rejected or unmapped")
        lines.append("events: \(events)")
        lines.append("delivered: \(delivered), retried: \(retried), dead-lettered: \(deadLettered)")
        lines.append("acks written: \(acksWritten)" + (ackFailures.isEmpty ? "" : ", \(ackFailures.count) failed"))
        for destination in destinations {
            lines.append(
                "  \(destination.destination): \(destination.delivered) delivered, \(destination.pending) pending, "
                    + "\(destination.retrying) retrying, \(destination.dead) dead")
        }
        for failure in ackFailures { lines.append("  \(failure)") }
        for problem in problems { lines.append("problem: \(problem)") }
        lines.append(everythingDelivered ? "everything was delivered" : "NOT everything was delivered")
        return lines
    }
}
