/// An event type pattern of a route: an exact type (`shipment.status`), a prefix (`load.*`, every type
/// that starts with `load.`), or `*` (every type).
public struct EventPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    /// Nil when `pattern` is none of the three forms (letters, digits, `_` and `-` between the dots).
    public init?(_ pattern: String) {
        if pattern != "*" {
            let body = pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let valid = parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
                }
            }
            guard valid else { return nil }
        }
        self.pattern = pattern
    }

    public func matches(_ eventType: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") { return eventType.hasPrefix(pattern.dropLast()) }
        return eventType == pattern
    }

    /// Orders matching patterns: `*` < `load.*` < `load.tender.*` < `load.tendered`.
    public var specificity: Int {
        if pattern == "*" { return 0 }
        if pattern.hasSuffix(".*") { return 1 + pattern.count }
        return Int.max
    }

    public var description: String { pattern }
}
