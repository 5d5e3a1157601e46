import Foundation

/// Runs blocking work on a thread of its own and resumes the caller with its result.
///
/// libssh2 and file-system calls block. Swift's cooperative pool has one thread per core, so a stalled
/// partner server would stall every task of the process; a dedicated thread per session keeps them apart.
enum BlockingThread {
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try Task.checkCancellation()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
