import Synchronization

/// Tells delivery workers in this process that outbox rows may have become due, so they lease at once
/// instead of at their next poll. A hint only: a worker still polls, which covers rows another process
/// committed and retries falling due.
///
/// The store raises it after a commit that adds or revives outbox rows (`commitIngest`, `replay`). A
/// worker reads `generation` before it leases and then waits with `wait(after:timeout:)`, which returns
/// at once when the signal was raised in between: no wake-up is lost between a lease that found nothing
/// and the sleep that follows.
///
/// Written over a mutex and continuations: `AsyncStream` ends its stream when a waiting task is
/// cancelled, and a wait here is cut short by its timeout (a cancelled task) every idle poll.
public final class OutboxSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// How many times the signal was raised so far.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Raises the signal: wakes every waiter, and makes the next `wait(after:)` of an older generation
    /// return at once.
    public func raise() {
        let woken = state.withLock { state in
            state.generation &+= 1
            let woken = Array(state.waiters.values)
            state.waiters.removeAll()
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    /// Why a `wait(after:timeout:)` ended.
    public enum WaitEnd: Sendable, Equatable {
        /// The signal was raised after the generation waited on (before or during the wait).
        case raised
        /// The timeout passed, or the waiting task was cancelled, first.
        case timedOut
    }

    /// Waits until the signal is raised after `generation`, `timeout` passes, or the task is cancelled,
    /// whichever comes first, and says which.
    @discardableResult
    public func wait(after generation: UInt64, timeout: Duration) async -> WaitEnd {
        await withTaskGroup(of: WaitEnd.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            group.addTask {
                await self.waitForRaise(after: generation)
                return Task.isCancelled ? .timedOut : .raised
            }
            let end = await group.next() ?? .timedOut
            group.cancelAll()
            return end
        }
    }

    private func waitForRaise(after generation: UInt64) async {
        let id = state.withLock { state in
            defer { state.nextWaiter &+= 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiters.removeValue(forKey: id) }
            continuation?.resume()
        }
    }
}
