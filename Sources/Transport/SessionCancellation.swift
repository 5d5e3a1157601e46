import Synchronization

/// Set when the task that opened a session is cancelled. A session runs on its own thread, out of reach
/// of Swift's task cancellation, so it checks this between operations and between chunks of a transfer,
/// and stops with `.cancelled` (a fetch or put in progress removes its temporary file).
public final class SessionCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .acquiring) }

    public func cancel() { flag.store(true, ordering: .releasing) }

    /// - Throws: `TransportError` `.cancelled` once cancelled.
    public func check(_ path: RemotePath? = nil) throws {
        if isCancelled {
            throw TransportError(code: .cancelled, path: path?.string, message: "the task was cancelled; stopped")
        }
    }
}
