import ArgumentParser

struct MappingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "Check mapping files and run their golden tests.",
        subcommands: [MappingsCheckCommand.self, MappingsTestCommand.self])
}
