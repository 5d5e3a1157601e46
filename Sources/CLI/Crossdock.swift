import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

struct Crossdock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossdock",
        abstract: "EDI and file-gateway bridge for logistics: X12 204/214/210 and flat files in, events and acks out.",
        version: CrossdockVersion.current,
        subcommands: [
            ValidateCommand.self, InspectCommand.self, AckCommand.self, TranslateCommand.self, MappingsCommand.self,
            RunCommand.self, StatusCommand.self, ReplayCommand.self,
        ]
    )
}

enum CrossdockVersion {
    static let current = "0.1.0"
}

/// Entry point: like ArgumentParser's own, except that misuse exits with 2 (the status scripts expect
/// from every Crossdock command) rather than 64.
@main
enum Main {
    static func main() async {
        do {
            var command = try Crossdock.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Crossdock.exitCode(for: error)
            let message = Crossdock.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty {
                var err = Output.stderr
                err.line(message)
                err.flush()
            }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
