import ArgumentParser
import X12

/// The exit codes scripts rely on: 0 everything accepted, 1 something rejected or accepted with errors,
/// 2 input unreadable as X12 or the command misused.
enum Outcome: Int32, Comparable {
    case accepted = 0
    case findings = 1
    case unreadable = 2

    static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }

    static func of(_ verdict: Verdict) -> Outcome { verdict == .accepted ? .accepted : .findings }

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Says on standard error why an input cannot be read as X12, and gives the exit status for it.
func unreadable(_ error: X12Error) -> ExitCode {
    var err = Output.stderr
    err.line("crossdock: \(error)")
    err.flush()
    return Outcome.unreadable.exitCode
}
