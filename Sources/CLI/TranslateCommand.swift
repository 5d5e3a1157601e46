import ArgumentParser
import Canonical
import Foundation
import Mapping
import X12

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate a file into canonical events: one CloudEvents JSON object per line on standard output.",
        discussion: """
            X12 files are recognised by their ISA and XML files by their first tag; other files go to the CSV or \
            fixed-width mapping whose layout recognises them (or the one --mapping names). \
            Each accepted transaction set (or flat record) is mapped with the most specific mapping of the mappings folder \
            (partner + set + version, then set + version). Findings, rejected sets and sets without a mapping go \
            to standard error; a rejected set produces no event. Exit status: 0 when every set was translated, \
            1 when any was rejected, unmapped or incompletely mapped, 2 when the input cannot be read or the \
            command is misused (including a mappings folder with mistakes).
            """)

    @Argument(help: "The file to translate; - reads standard input.")
    var file: String

    @Option(help: "Partner id to use instead of the sender id in the file (ISA06); flat files carry none.")
    var partner: String?

    @Option(help: "Use this mapping (by name) for every transaction instead of choosing one.")
    var mapping: String?

    @Option(help: "The mappings folder.")
    var mappings = "mappings"

    @Option(help: "Leniency profile (see validate).")
    var leniency: Leniency = .strict

    func run() throws {
        var err = Output.stderr
        let registry = MappingRegistry(folder: URL(fileURLWithPath: mappings))
        for error in registry.errors { err.line("crossdock: mapping \(error)") }
        if !registry.errors.isEmpty {
            err.flush()
            throw Outcome.unreadable.exitCode
        }
        var forced: MappingPlan?
        if let mapping {
            guard let plan = registry.plan(named: mapping) else {
                err.line("crossdock: no mapping named '\(mapping)' in \(mappings)")
                err.flush()
                throw Outcome.unreadable.exitCode
            }
            forced = plan
        }
        let input: InputFile
        do {
            input = try InputFile(path: file)
        } catch {
            err.line("crossdock: cannot open \(file): \(error)")
            err.flush()
            throw Outcome.unreadable.exitCode
        }
        let name = file == "-" ? "-" : URL(fileURLWithPath: file).lastPathComponent
        var printer = TranslationPrinter(fileName: name)
        do {
            // Streams: each report is printed as soon as its interchange's verdict is known.
            try FileTranslation.translate(
                input, fileName: name, registry: registry, partner: partner, forced: forced, leniency: leniency
            ) { report in printer.print(report) }
        } catch let error as X12Error {
            printer.flush()
            throw unreadable(error)
        }
        printer.flush()
        if printer.outcome != .accepted { throw printer.outcome.exitCode }
    }
}

/// Prints translation reports: events on standard output, everything else on standard error.
struct TranslationPrinter {
    let fileName: String
    var out = Output.stdout
    var err = Output.stderr
    var outcome = Outcome.accepted
    var events = 0, sets = 0, problems = 0
    /// Events' JSON lines, written into one buffer kept for the whole run and written out from it in 64 KiB
    /// pieces (a buffer per event was a tenth of printing's time; copying each piece into an array and
    /// then into `out`'s buffer a quarter of what was left).
    let lines = CloudEventLines()

    init(fileName: String) { self.fileName = fileName }

    mutating func print(_ report: TranslationReport) {
        switch report {
        case .event(let event):
            lines.append(event)
            if lines.count >= 1 << 16 { lines.drain { out.writeThrough($0) } }
            events += 1
        case .rejected(let set):
            err.line("\(where_(set)): rejected by validation; no event")
            outcome = max(outcome, .findings)
        case .envelopeRejected(let isa13, let gs06, let st02, let level):
            err.line("\(fileName) \(isa13)/\(gs06)/\(st02): its \(level) was rejected; no event")
            outcome = max(outcome, .findings)
        case .noMapping(let set, let partner):
            err.line("\(where_(set)): no mapping for \(set.id) \(set.group.version) from partner \(partner); no event")
            outcome = max(outcome, .findings)
        case .acknowledgment(let set):
            err.line("\(where_(set)): \(set.id) is an acknowledgement; nothing to translate")
        case .mappingFindings(let set, let plan, let findings):
            // Part by part into the output's buffer, as `where_(set): mapping NAME: FINDING` would read: a file
            // with a warning per set spent more on building these lines (a line and a list of parts per
            // finding) than on printing its events.
            for finding in findings {
                err.text(fileName)
                err.text(" ")
                err.text(set.interchange.controlNumber)
                err.text("/")
                err.text(set.group.controlNumber)
                err.text("/")
                err.text(set.controlNumber)
                err.text(": mapping ")
                err.text(plan.name)
                err.text(": ")
                err.text(finding.severity.rawValue)
                err.text(" at ")
                err.text(finding.key)
                err.text(": ")
                err.text(finding.message)
                err.lineEnded()
            }
            outcome = max(outcome, .findings)
        case .recordFindings(let position, let plan, let findings):
            for finding in findings { err.line("\(position): mapping \(plan.name): \(finding)") }
            outcome = max(outcome, .findings)
        case .unreadable(let error):
            err.line("crossdock: \(error)")
            outcome = .unreadable
        case .noFlatMapping(let format):
            err.line("crossdock: \(fileName) is not X12, and no \(format) mapping recognises it; no event (try --mapping)")
            outcome = .unreadable
        case .finding(let finding):
            err.line(FindingFormat.text(finding))
            if finding.severity == .error { outcome = max(outcome, .findings) }
        }
    }

    func where_(_ set: TransactionResult) -> String {
        "\(fileName) \(set.interchange.controlNumber)/\(set.group.controlNumber)/\(set.controlNumber)"
    }

    mutating func flush() {
        if lines.count > 0 { lines.drain { out.writeThrough($0) } }
        out.flush()
        err.flush()
    }
}
