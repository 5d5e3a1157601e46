import ArgumentParser
import Foundation
import Mapping

struct MappingsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the golden tests of a mappings folder: each tests/<case>/ input must translate to its expected.jsonl (and each bodies/tests/<body>/ input's events render to it).",
        discussion: "Shows which fields differ for each event that does not match. Exit status: 0 when every case passes, 1 when any fails, 2 on misuse or when the mappings have mistakes.")

    @Argument(help: "The mappings folder (its golden cases are under tests/).")
    var folder = "mappings"

    @Flag(help: "Write each case's expected.jsonl from what the mappings produce now.")
    var record = false

    func run() throws {
        var out = Output.stdout
        var err = Output.stderr
        let url = URL(fileURLWithPath: folder)
        let registry = MappingRegistry(folder: url)
        for error in registry.errors { err.line("crossdock: mapping \(error)") }
        if !registry.errors.isEmpty {
            err.flush()
            throw Outcome.unreadable.exitCode
        }
        let cases = GoldenCase.all(in: url) + GoldenCase.allBodies(in: url)
        var failed = 0
        for golden in cases {
            do {
                if record {
                    try golden.actual(registry: registry).write(to: golden.expectedURL, atomically: true, encoding: .utf8)
                    out.line("recorded \(golden.name)")
                } else if let difference = try golden.check(registry: registry) {
                    failed += 1
                    out.line("FAIL \(difference)")
                } else {
                    out.line("ok   \(golden.name)")
                }
            } catch {
                failed += 1
                out.line("FAIL \(golden.name): \(error)")
            }
        }
        out.flush()
        err.line("\(cases.count) case(s), \(cases.count - failed) passed, \(failed) failed")
        err.flush()
        if failed > 0 { throw Outcome.findings.exitCode }
    }
}
