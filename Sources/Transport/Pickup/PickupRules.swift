#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shell-style name pattern (`*.edi`, `214_??.x12`, `[AB]*`), matched with `fnmatch(3)` against a
/// single name. A leading dot is never matched by a wildcard.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public func matches(_ name: RemoteName) -> Bool {
        fnmatch(pattern, name.value, FNM_PERIOD) == 0
    }

    public var description: String { pattern }
}

/// When a listed file counts as completely written.
public enum StabilityRule: Sendable, Hashable {
    /// Size and modification time unchanged across polls for at least this long.
    case unchangedFor(Duration)
    /// A marker file named `<name><suffix>` (for example `.done` or `.ok`) exists beside it.
    case markerFile(suffix: String)
    /// The modification time is at least this far in the past.
    case minimumAge(Duration)
}

/// Which files of a source folder are taken, and when.
public struct PickupRules: Sendable, Hashable {
    /// Names taken; empty means every name. Temporary names are ignored whatever the patterns say.
    public var patterns: [GlobPattern]
    public var stability: StabilityRule
    /// Larger files are refused (left in place and reported), never fetched.
    public var maximumSize: Int64?
    /// Most files taken per poll; the oldest go first.
    public var batchLimit: Int

    public init(
        patterns: [GlobPattern] = [], stability: StabilityRule = .unchangedFor(.seconds(30)),
        maximumSize: Int64? = nil, batchLimit: Int = 100
    ) {
        self.patterns = patterns
        self.stability = stability
        self.maximumSize = maximumSize
        self.batchLimit = max(1, batchLimit)
    }

    /// True for a name these rules would ever consider: not hidden or temporary, not a marker, matching.
    public func accepts(_ name: RemoteName) -> Bool {
        if name.isTemporaryOrHidden { return false }
        if case .markerFile(let suffix) = stability, name.value.hasSuffix(suffix) { return false }
        return patterns.isEmpty || patterns.contains { $0.matches(name) }
    }
}

/// A file the rules let through, with the marker file that vouched for it, if any.
public struct PickupCandidate: Sendable, Hashable {
    public var entry: RemoteEntry
    /// The marker file to remove once the file itself is archived or deleted.
    public var marker: RemotePath?
}

/// What one poll decided about a listing.
public struct PickupDecision: Sendable {
    /// Taken now, oldest first, at most `batchLimit`.
    public var ready: [PickupCandidate]
    /// Stable and acceptable, but over this poll's batch limit.
    public var deferred: [RemoteEntry]
    /// Not yet stable; looked at again next poll.
    public var waiting: [RemoteEntry]
    /// Refused for good (too large), with the reason.
    public var refused: [(entry: RemoteEntry, reason: String)]
}

/// Remembers what each file looked like at earlier polls, to tell a finished file from one still growing.
/// Pure logic: it is given listings and the time, and does no I/O.
public struct StabilityTracker: Sendable {
    struct Observation: Sendable {
        var size: Int64
        var modified: Int64
        /// When the file was first seen with this size and time.
        var since: UnixTime
    }

    private var observations: [RemotePath: Observation] = [:]

    public init() {}

    /// Sorts `entries` (one folder's listing) into ready, deferred, waiting and refused files.
    public mutating func decide(_ entries: [RemoteEntry], rules: PickupRules, now: UnixTime) -> PickupDecision {
        let names = Set(entries.map(\.name.value))
        var stable: [PickupCandidate] = []
        var waiting: [RemoteEntry] = []
        var refused: [(entry: RemoteEntry, reason: String)] = []
        var seen: Set<RemotePath> = []
        for entry in entries where entry.kind == .file && rules.accepts(entry.name) {
            seen.insert(entry.path)
            if let maximum = rules.maximumSize, entry.size > maximum {
                refused.append((entry, "\(entry.size) bytes, over the maximum of \(maximum)"))
                continue
            }
            switch rules.stability {
            case .unchangedFor(let interval):
                let previous = observations[entry.path]
                if let previous, previous.size == entry.size, previous.modified == entry.modified {
                    if now.seconds - previous.since.seconds >= Self.seconds(interval) {
                        stable.append(PickupCandidate(entry: entry, marker: nil))
                    } else {
                        waiting.append(entry)
                    }
                } else {
                    observations[entry.path] = Observation(size: entry.size, modified: entry.modified, since: now)
                    if Self.seconds(interval) == 0 && previous != nil {
                        stable.append(PickupCandidate(entry: entry, marker: nil))
                    } else {
                        waiting.append(entry)
                    }
                }
            case .markerFile(let suffix):
                if names.contains(entry.name.value + suffix), let marker = try? RemoteName(entry.name.value + suffix) {
                    stable.append(PickupCandidate(entry: entry, marker: entry.folder.appending(marker)))
                } else {
                    waiting.append(entry)
                }
            case .minimumAge(let age):
                if now.seconds - entry.modified >= Self.seconds(age) {
                    stable.append(PickupCandidate(entry: entry, marker: nil))
                } else {
                    waiting.append(entry)
                }
            }
        }
        // Forget files that are gone, so the table does not grow without end.
        observations = observations.filter { seen.contains($0.key) }
        stable.sort { ($0.entry.modified, $0.entry.name) < ($1.entry.modified, $1.entry.name) }
        let ready = Array(stable.prefix(rules.batchLimit))
        let deferred = stable.dropFirst(rules.batchLimit).map(\.entry)
        return PickupDecision(ready: ready, deferred: deferred, waiting: waiting, refused: refused)
    }

    /// Whole seconds, rounded up, so a sub-second interval never means "at once".
    static func seconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds + (parts.attoseconds > 0 ? 1 : 0)
    }
}
