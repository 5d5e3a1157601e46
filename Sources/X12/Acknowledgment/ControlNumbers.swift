#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Which control number is being allocated.
public enum ControlNumberKind: String, Sendable, Hashable, CaseIterable {
    /// ISA13 / IEA02: 9 digits.
    case interchange
    /// GS06 / GE02: up to 9 digits.
    case group
}

/// Allocates outbound control numbers per sender/receiver pair. Each call returns a number never
/// returned before for that pair and kind (until it wraps after 999,999,999).
public protocol ControlNumbers: Sendable {
    func next(_ kind: ControlNumberKind, sender: String, receiver: String) throws -> Int
}

/// Control numbers held in memory: for the CLI and tests. The store's durable implementation replaces it
/// in the bridge.
public final class InMemoryControlNumbers: ControlNumbers {
    private let state: Mutex<[String: Int]>
    private let start: Int

    /// Numbering starts after `start` for every pair and kind.
    public init(start: Int = 0) {
        self.start = start
        state = Mutex([:])
    }

    public func next(_ kind: ControlNumberKind, sender: String, receiver: String) -> Int {
        state.withLock { numbers in
            let key = "\(kind.rawValue)|\(sender)|\(receiver)"
            let value = (numbers[key] ?? start) % 999_999_999 + 1
            numbers[key] = value
            return value
        }
    }
}
