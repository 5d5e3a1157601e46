import ArgumentParser

@main
struct Crossdock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossdock",
        abstract: "EDI and file-gateway bridge for logistics: X12 204/214/210 and flat files in, events and acks out.",
        version: CrossdockVersion.current,
        subcommands: []
    )
}

enum CrossdockVersion {
    static let current = "0.1.0"
}
