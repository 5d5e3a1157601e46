public import ArgumentParser
import Foundation
import Bridge
import X12

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Print the acknowledgements (TA1, 997, 999) an X12 file calls for.",
        discussion: """
            auto answers groups before 005010 with 997 and groups from 005010 on with 999, and adds a TA1 when \
            ISA14 asks for one or the envelope is in error. Acknowledgements are never acknowledged, and an \
            interchange without transactions gets no TA1. Exit status as for validate.
            """)

    @Argument(help: "The X12 file; - reads standard input.")
    var file: String

    @Option(help: "auto, 997, 999 or ta1.")
    var kind: AckPolicy.Kind = .auto

    @Option(name: .customLong("sets"), help: "AK2 loops for every set, or only for sets not accepted: every or errors.")
    var setDetail: AckPolicy.SetDetail = .everySet

    @Option(help: "When to send a TA1: on-request (ISA14 = 1, or envelope errors), on-error, never.")
    var ta1: AckPolicy.TA1Rule = .requestedOrError

    @Option(help: "Leniency profile (see validate).")
    var leniency: Leniency = .strict

    @Option(help: "Number the acknowledgements' interchanges and groups from this value + 1.")
    var controlStart = 0

    @Option(help: "The date and time written into the envelopes, CCYYMMDDHHMM (default: now, UTC).")
    var timestamp: String?

    func validate() throws {
        if let timestamp, timestamp.count != 12 || !timestamp.allSatisfy(\.isNumber) {
            throw ValidationError("--timestamp must be CCYYMMDDHHMM")
        }
    }

    func run() throws {
        let options = ValidationOptions(leniency: leniency, keepSetResults: true)
        let builder = AckBuilder(
            policy: AckPolicy(kind: kind, setDetail: setDetail, ta1: ta1),
            controlNumbers: InMemoryControlNumbers(start: controlStart),
            timestamp: timestamp.map { AckTimestamp(date: String($0.prefix(8)), time: String($0.suffix(4))) }
                ?? AckTimestamp(utc: Date()))
        let report: FileReport
        do {
            let (input, source) = try openInput(file)
            report = try X12Validator.validate(source, fileName: input.name, options: options)
        } catch let error as X12Error {
            throw unreadable(error)
        }
        var out = Output.stdout
        var worst = report.fileFindings.contains { $0.severity != .note } ? Outcome.findings : .accepted
        for interchange in report.interchanges {
            worst = max(worst, .of(interchange.verdict))
            for group in interchange.groups { worst = max(worst, .of(group.verdict)) }
            if let ack = try builder.acknowledge(interchange) { out.write(try ack.bytes()) }
        }
        out.flush()
        if worst != .accepted { throw worst.exitCode }
    }
}

extension AckPolicy.Kind: ExpressibleByArgument {}
extension AckPolicy.SetDetail: ExpressibleByArgument {}
extension AckPolicy.TA1Rule: ExpressibleByArgument {}
