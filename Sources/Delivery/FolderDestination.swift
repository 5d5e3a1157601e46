public import Foundation
public import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder that receives events as files, for systems that ingest files rather than requests.
public struct FolderDestination: Sendable, Hashable {
    public var name: String
    /// The folder; it must exist (Crossdock does not create a partner's or an ERP's drop folder).
    public var path: String
    /// Files written at once.
    public var concurrency: Int
    public var retry: RetryPolicy
    public var circuitBreaker: CircuitBreakerPolicy

    public init(
        name: String, path: String, concurrency: Int = 1, retry: RetryPolicy = RetryPolicy(),
        circuitBreaker: CircuitBreakerPolicy = CircuitBreakerPolicy()
    ) {
        self.name = name
        self.path = path
        self.concurrency = concurrency
        self.retry = retry
        self.circuitBreaker = circuitBreaker
    }
}

/// Writes each event's CloudEvents JSON as `<event id>.json`, atomically: a temporary name in the same
/// folder, fsync, rename, fsync of the folder. A reader never sees half a file, and a file that exists
/// survives a power cut. Writing the same event again replaces the file with the same bytes.
///
/// Written by hand over POSIX calls: Foundation's atomic write does not fsync the file or the folder.
public struct FolderDeliveryTarget: DeliveryTarget {
    public let destination: FolderDestination

    public var name: String { destination.name }
    public var concurrency: Int { max(1, destination.concurrency) }
    public var retryPolicy: RetryPolicy { destination.retry }
    public var circuitBreakerPolicy: CircuitBreakerPolicy { destination.circuitBreaker }

    public init(destination: FolderDestination) { self.destination = destination }

    /// The file name of an event: its id with every character other than `A–Z a–z 0–9 - _ .` replaced by `_`
    /// (event ids are UUIDs, so this changes nothing for them), then `.json`.
    public static func fileName(eventID: String) -> String {
        let safe = eventID.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": String(scalar)
            default: "_"
            }
        }.joined()
        return (safe.isEmpty || safe.hasPrefix(".") ? "_" + safe : safe) + ".json"
    }

    /// Writing fails only for reasons that pass (a full disk, a folder not mounted yet): retried, never
    /// dead-lettered.
    public func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
        do {
            try write(item.body, as: Self.fileName(eventID: item.eventID))
            return .delivered(status: nil)
        } catch {
            return .retry(status: nil, reason: error.description, retryAfter: nil)
        }
    }

    /// Writes `bytes` into the folder under `fileName`, atomically and durably.
    ///
    /// - Throws: `DeliveryError` `.write` naming the step (`open`, `write`, `fsync`, `rename`) and errno's text.
    public func write(_ bytes: Data, as fileName: String) throws(DeliveryError) {
        func failure(_ step: String, _ code: Int32) -> DeliveryError {
            DeliveryError(
                code: .write, destination: name, key: "path",
                message: "\(step) \(fileName) failed: \(String(cString: strerror(code)))"
            )
        }
        let folder = destination.path
        let temporary = folder + "/." + fileName + ".\(UInt64.random(in: 0...UInt64.max)).tmp"
        let final = folder + "/" + fileName
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("open", errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        let written = bytes.withUnsafeBytes { writeAll(fd, $0) }
        if written != 0 {
            unlink(temporary)
            throw failure("write", written)
        }
        if fsync(fd) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("fsync", code)
        }
        closed = true
        close(fd)
        if rename(temporary, final) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("rename", code)
        }
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw failure("open folder for", errno) }
        defer { close(dirfd) }
        if fsync(dirfd) != 0 { throw failure("fsync folder after", errno) }
    }
}

/// Writes all of `raw` to `fd`, again after EINTR; answers 0 or the errno.
private func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
    guard let base = raw.baseAddress else { return 0 }
    var offset = 0
    while offset < raw.count {
        let n = write(fd, base + offset, raw.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return 0
}
