#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An exclusive `flock` on a file beside the store, held while the process lives: a second
/// `crossdock run` on the same store refuses to start, and the kernel releases the lock when a process
/// dies however it dies, so a restart after SIGKILL finds it free and may take over the dead run's
/// claims and leases (`Store.releaseStaleHolds`).
final class InstanceLock: Sendable {
    let path: String
    private let descriptor: Mutex<Int32?>

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw RuntimeError("store", "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RuntimeError("store", "another crossdock process is running on this store (lock file \(path) is held)")
        }
        descriptor = Mutex(fd)
    }

    /// Gives the lock up (closing the file); later calls do nothing.
    func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            flock(open, LOCK_UN)
            close(open)
            fd = nil
        }
    }

    deinit { release() }
}
