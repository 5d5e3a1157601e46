import ArgumentParser
import X12

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print an X12 file as JSON: interchanges, groups, transactions, loops, segments and elements, with positions.",
        discussion: "The format is described in docs/x12-json.md. Exit status as for validate.")

    @Argument(help: "The X12 file; - reads standard input.")
    var file: String

    @Option(help: "Leniency profile (see validate).")
    var leniency: Leniency = .strict

    func run() throws {
        let options = ValidationOptions(leniency: leniency, keepSegments: true)
        do {
            let (input, source) = try openInput(file)
            var validator = X12Validator(fileName: input.name, options: options, sink: InspectCollector())
            try X12Reader(source: source, fileName: input.name).run(&validator)
            var out = Output.stdout
            out.write(Array(validator.sink.document(fileName: input.name).pretty().utf8))
            out.flush()
            if !validator.sink.allAccepted { throw Outcome.findings.exitCode }
        } catch let error as X12Error {
            throw unreadable(error)
        }
    }
}
