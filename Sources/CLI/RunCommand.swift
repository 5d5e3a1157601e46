import ArgumentParser
import Bridge
import Foundation
import Console
import Delivery
import Logging
import ServiceLifecycle
import Store

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bridge: poll sources, process files, deliver events and write acks.",
        discussion: """
            Without --once, runs until SIGTERM or SIGINT, then finishes the files and requests in hand and exits. \
            With --once, processes everything pending (files left in the spool by a stop first, then each source \
            until no file is waiting to become stable), writes the acks, delivers until nothing is due or the timeout \
            passes, prints a summary and exits: 0 when every event was delivered to every destination and every ack \
            written, 1 otherwise, 2 when the configuration has mistakes (each printed with file, line and key).
            """)

    @Option(help: "The configuration file.")
    var config = "crossdock.yaml"

    @Flag(help: "Process what is pending, deliver, print a summary and exit.")
    var once = false

    @Option(help: "With --once: how long to wait for files to become stable and for delivery, in seconds.")
    var timeout: Int = 60

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let configuration = try loadConfiguration(config)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        // The service logs JSON lines (stable keys, secrets redacted); a --once run logs plain lines for a person.
        if once {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
        } else {
            JSONLogHandler.bootstrap(level: level, redacting: configuration.secrets)
        }
        let registry = ConsoleMetrics.bootstrap()
        let runtime = try makeRuntime(configuration, logLevel: logLevel)
        if once {
            let summary: RunSummary
            do {
                summary = try await runtime.runOnce(timeout: .seconds(timeout))
            } catch {
                await runtime.shutdown()
                throw fail("crossdock: \(error)", .findings)
            }
            await runtime.shutdown()
            var out = Output.stdout
            for line in summary.lines { out.line(line) }
            out.flush()
            if !summary.everythingDelivered { throw Outcome.findings.exitCode }
            return
        }
        var extra: [any Service] = []
        if configuration.console != nil {
            do {
                let circuits = runtime.circuits
                let console = try ConsoleServer(
                    store: runtime.store, configuration: configuration, registry: registry, logger: Logger(label: "crossdock.console"),
                    options: ConsoleServer.Options(circuitState: { circuits.state(of: $0) }))
                extra.append(console)
            } catch {
                await runtime.shutdown()
                throw fail("crossdock: cannot start the console: \(error)", .unreadable)
            }
        }
        do {
            try await runtime.run(extraServices: extra)
        } catch {
            await runtime.shutdown()
            throw fail("crossdock: \(error)", .findings)
        }
        await runtime.shutdown()
    }
}

/// Builds the runtime, or says why not and exits 2.
func makeRuntime(_ configuration: CrossdockConfiguration, logLevel: String = "info") throws -> BridgeRuntime {
    var logger = Logger(label: "crossdock")
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
    do {
        return try BridgeRuntime(configuration: configuration, logger: logger)
    } catch {
        throw fail("crossdock: cannot start: \(error)", .unreadable)
    }
}

func loadConfiguration(_ path: String) throws -> CrossdockConfiguration {
    do {
        return try CrossdockConfiguration.load(file: URL(fileURLWithPath: path))
    } catch {
        var err = Output.stderr
        err.line("crossdock: the configuration has mistakes; not starting")
        for issue in error.issues { err.line("  \(issue)") }
        err.flush()
        throw Outcome.unreadable.exitCode
    }
}

/// Prints `message` on standard error and gives the exit code for `outcome`.
func fail(_ message: String, _ outcome: Outcome) -> ExitCode {
    var err = Output.stderr
    err.line(message)
    err.flush()
    return outcome.exitCode
}

/// The configuration's store for reading or replaying, or exit 2 when nothing has run yet (a command that
/// only looks must not create an empty database).
func openExistingStore(_ configuration: CrossdockConfiguration) throws -> SQLiteStore {
    switch configuration.store {
    case .sqlite(let path):
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("crossdock: no store at \(path): nothing has run with this configuration yet", .unreadable)
        }
        return try SQLiteStore(at: URL(fileURLWithPath: path))
    }
}
