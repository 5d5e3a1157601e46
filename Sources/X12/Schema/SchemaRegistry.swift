/// Finds the schema for a transaction set in a version, mapping versions Crossdock has no tables for to
/// the nearest one it has (and saying so).
public struct SchemaRegistry: Sendable {
    private var sets: [String: TransactionSetSchema] = [:]
    private var knownSegments: [String: Set<String>] = [:]
    public private(set) var versions: [String] = []

    public init(sets: [TransactionSetSchema], knownSegmentIDs: [String: Set<String>]) {
        for set in sets {
            self.sets["\(set.id)/\(set.version)"] = set
        }
        knownSegments = knownSegmentIDs
        versions = Array(Set(sets.map(\.version))).sorted()
    }

    /// The tables shipped with Crossdock: 204, 214, 210, 990 and 997 in 004010 and 005010, and 999 in 005010.
    public static let standard = SchemaRegistry(sets: StandardSchemas.all, knownSegmentIDs: StandardSchemas.knownSegmentIDs)

    /// The version whose tables apply to `version` (the first six characters of GS08 or ST03):
    /// an exact match, else the nearest lower version of the same major release, else the nearest one.
    public func resolveVersion(_ version: String) -> String? {
        let v = String(version.prefix(6))
        if versions.contains(v) { return v }
        guard v.count == 6, v.allSatisfy(\.isNumber) else { return nil }
        let lower = versions.filter { $0 < v && $0.prefix(3) == v.prefix(3) }.max()
        if let lower { return lower }
        return versions.min { abs((Int($0) ?? 0) - (Int(v) ?? 0)) < abs((Int($1) ?? 0) - (Int(v) ?? 0)) }
    }

    /// The schema for set `id` in the resolved version, or nil when Crossdock has no table for it.
    public func schema(set id: String, version: String) -> TransactionSetSchema? {
        guard let resolved = resolveVersion(version) else { return nil }
        return sets["\(id)/\(resolved)"]
    }

    /// Functional identifier (GS01) of a set Crossdock knows, in any version.
    public func functionalID(ofSet id: String) -> String? {
        sets.values.first { $0.id == id }?.functionalID
    }

    /// Whether `tag` is a segment identifier of the X12 standard in that version (for AK304 1 versus 6).
    public func isStandardSegment(_ tag: String, version: String) -> Bool {
        guard let resolved = resolveVersion(version) else { return false }
        return knownSegments[resolved]?.contains(tag) ?? false
    }
}
