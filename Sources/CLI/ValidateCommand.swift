import ArgumentParser
import X12

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate X12 files: envelopes, control numbers, counts and the 204/214/210/990/997/999 tables.",
        discussion: """
            Prints one line per finding: file, ISA13/GS06/ST02, segment position and id, element, the X12 code \
            (TA105, AK905, AK502, AK304 or AK403) and a message. Exit status: 0 when everything is accepted, \
            1 when any interchange, group or set is rejected or accepted with errors, 2 when an input cannot be \
            read as X12 or the command is misused.

            A file is validated on --jobs threads, in pieces of whole interchanges; the output is the same as \
            with --jobs 1, which reads each file in one stream.
            """)

    @Argument(help: "X12 files to validate; - reads standard input.")
    var files: [String]

    @Flag(help: "Print findings as JSON lines.")
    var json = false

    @Option(help: "Leniency profile: strict, lenient, or a comma-separated list of wrapped-lines, unpadded-isa, leading-zeros-in-counts, trailing-separators, stray-bytes.")
    var leniency: Leniency = .strict

    @Flag(help: "Also print notes (tolerated deviations, version mapping).")
    var notes = false

    @Option(help: "Threads validating each file, in pieces of whole interchanges (default: the processors available, at most 4); 1 reads each file in one stream. The output is the same whatever the number.")
    var jobs: Int?

    @Option(help: .hidden)
    var pieceSize: Int?

    @Option(help: .hidden)
    var piecesPerJob: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let options = ValidationOptions(leniency: leniency)
        var parallel = ParallelValidation(jobs: jobs ?? ParallelValidation.defaultJobs)
        if let pieceSize { parallel.pieceSize = max(1, pieceSize) }
        if let piecesPerJob { parallel.piecesPerJob = max(1, piecesPerJob) }
        let json = self.json
        let notes = self.notes
        var worst = Outcome.accepted
        var out = Output.stdout
        var err = Output.stderr
        var totals = Totals()
        for path in files {
            // Streaming sinks write straight to standard output: nothing may be waiting in `out` then.
            out.flush()
            var fileOutcome = Outcome.accepted
            var fileTotals = Totals()
            do {
                let (file, source) = try openInput(path)
                try parallel.run(
                    source: source, fileName: file.name, options: options,
                    makeSink: { streaming in
                        FindingPrinter(json: json, notes: notes, output: streaming ? .stdout : .held)
                    },
                    collect: { printer in
                        out.append(printer.output)
                        out.flush()
                        fileOutcome = max(fileOutcome, printer.outcome)
                        fileTotals.add(piece: printer.totals)
                    })
                worst = max(worst, fileOutcome)
                totals.add(fileTotals)
            } catch let error as X12Error {
                // The findings before the error were printed; the file counts as unreadable.
                out.flush()
                err.line("crossdock: \(error)")
                worst = .unreadable
                totals.unreadable += 1
            }
        }
        out.flush()
        err.line(totals.summary)
        err.flush()
        if worst != .accepted { throw worst.exitCode }
    }
}

struct Totals {
    var files = 0, interchanges = 0, groups = 0, sets = 0, accepted = 0, withErrors = 0, rejected = 0, unreadable = 0

    /// Adds the counts of one file.
    mutating func add(_ other: Totals) {
        files += 1
        add(piece: other)
    }

    /// Adds the counts of one piece of a file (not counted as a file).
    mutating func add(piece other: Totals) {
        interchanges += other.interchanges
        groups += other.groups
        sets += other.sets
        accepted += other.accepted
        withErrors += other.withErrors
        rejected += other.rejected
    }

    var summary: String {
        var s = "\(files + unreadable) file(s), \(interchanges) interchange(s), \(groups) group(s), \(sets) set(s): "
        s += "\(accepted) accepted, \(withErrors) accepted with errors, \(rejected) rejected"
        if unreadable > 0 { s += "; \(unreadable) file(s) unreadable as X12" }
        return s
    }
}

/// Prints findings as they arrive and keeps the worst outcome.
struct FindingPrinter: ValidationSink {
    let json: Bool
    let notes: Bool
    var output: Output
    var outcome = Outcome.accepted
    var totals = Totals()

    init(json: Bool, notes: Bool, output: Output) {
        self.json = json
        self.notes = notes
        self.output = output
    }

    mutating func transaction(_ result: TransactionResult) {
        totals.sets += 1
        switch result.verdict {
        case .accepted: totals.accepted += 1
        case .acceptedWithErrors, .partiallyAccepted: totals.withErrors += 1
        case .rejected: totals.rejected += 1
        }
        print(result.findings)
    }

    mutating func group(_ result: GroupResult) {
        totals.groups += 1
        outcome = max(outcome, .of(result.verdict))
        print(result.findings)
    }

    mutating func interchange(_ result: InterchangeResult) {
        totals.interchanges += 1
        outcome = max(outcome, .of(result.verdict))
        print(result.findings)
    }

    mutating func fileFinding(_ finding: Finding) {
        if finding.severity != .note { outcome = max(outcome, .findings) }
        print([finding])
    }

    private mutating func print(_ findings: [Finding]) {
        for finding in findings where notes || finding.severity != .note {
            output.line(json ? FindingFormat.json(finding) : FindingFormat.text(finding))
        }
    }
}
