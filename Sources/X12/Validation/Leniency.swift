/// Which real-world deviations a partner is allowed. A tolerated deviation is still reported, as a note;
/// one that is not tolerated is a warning (accepted with errors) or, for the ISA's fixed widths, an error.
public struct Leniency: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Line breaks inside segments: 80-column wrapped files, an ISA broken across lines.
    public static let wrappedLines = Leniency(rawValue: 1 << 0)
    /// ISA fields not padded to their fixed widths (an ISA shorter or longer than 106 bytes).
    public static let unpaddedISA = Leniency(rawValue: 1 << 1)
    /// Leading zeros in SE01, GE01 and IEA01.
    public static let leadingZerosInCounts = Leniency(rawValue: 1 << 2)
    /// Empty elements at the end of a segment (`N1*SH*ACME**~`).
    public static let trailingSeparators = Leniency(rawValue: 1 << 3)
    /// Bytes outside any interchange, and a last segment without terminator.
    public static let strayBytes = Leniency(rawValue: 1 << 4)

    /// Nothing tolerated: the standard as written.
    public static let strict: Leniency = []
    /// Every deviation above tolerated (and reported).
    public static let lenient: Leniency = [.wrappedLines, .unpaddedISA, .leadingZerosInCounts, .trailingSeparators, .strayBytes]

    static let names: [(String, Leniency)] = [
        ("wrapped-lines", .wrappedLines), ("unpadded-isa", .unpaddedISA),
        ("leading-zeros-in-counts", .leadingZerosInCounts), ("trailing-separators", .trailingSeparators),
        ("stray-bytes", .strayBytes),
    ]

    /// A profile by name: `strict`, `lenient`, or a comma-separated list of the individual names
    /// (`wrapped-lines,trailing-separators`).
    public init?(profile: String) {
        switch profile {
        case "strict": self = .strict
        case "lenient": self = .lenient
        default:
            var value: Leniency = []
            for part in profile.split(separator: ",") {
                guard let match = Leniency.names.first(where: { $0.0 == part.trimmingSpaces() }) else { return nil }
                value.insert(match.1)
            }
            self = value
        }
    }

    /// Severity of a deviation this option covers: a note when tolerated, else `otherwise`.
    func severity(_ option: Leniency, otherwise: Finding.Severity = .warning) -> Finding.Severity {
        contains(option) ? .note : otherwise
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
