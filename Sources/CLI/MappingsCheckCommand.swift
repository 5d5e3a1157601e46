import ArgumentParser
import Foundation
import Mapping

struct MappingsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load every mapping of a folder and report mistakes with file, line and key.",
        discussion: "Exit status: 0 when every mapping loads, 1 when any has a mistake, 2 on misuse.")

    @Argument(help: "The mappings folder.")
    var folder = "mappings"

    func run() throws {
        var out = Output.stdout
        var err = Output.stderr
        guard FileManager.default.fileExists(atPath: folder) else {
            err.line("crossdock: no mappings folder \(folder)")
            err.flush()
            throw Outcome.unreadable.exitCode
        }
        let registry = MappingRegistry(folder: URL(fileURLWithPath: folder))
        for plan in registry.plans {
            let applies = plan.applies
            var line = "\(plan.file): \(plan.name) v\(plan.version) — \(applies.format)"
            if let set = applies.transactionSet { line += " \(set)" }
            if !applies.versions.isEmpty { line += " \(applies.versions.joined(separator: ","))" }
            if let partner = applies.partner { line += " partner \(partner)" }
            if applies.abstract { line += " (base only)" }
            out.line(line)
        }
        for body in registry.bodies { out.line("\(body.file): \(body.name) v\(body.version) — outbound body") }
        for error in registry.errors { err.line(error.description) }
        out.flush()
        err.line("\(registry.plans.count) mapping(s) and \(registry.bodies.count) body mapping(s) loaded, \(registry.errors.count) mistake(s)")
        err.flush()
        if !registry.errors.isEmpty { throw Outcome.findings.exitCode }
    }
}
