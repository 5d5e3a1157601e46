/// A path over a flat record: a column name or 1-based position (`status`, `#3`), optionally through
/// child records or XML elements first (`detail/amount`, `Stops/Stop/City`, `@id` for an attribute).
struct RecordPath: Sendable, Hashable {
    var text: String
    /// Child record kinds or element names to descend through.
    var steps: [String]
    /// The field (column, element text or `@attribute`) read at the end; nil for a selector.
    var field: String?

    init(parsing text: String, selector: Bool) throws(X12Path.ParseError) {
        self.text = text
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw .invalid("'\(text)' has an empty step") }
        if selector {
            field = nil
        } else {
            field = parts.removeLast()
        }
        steps = parts
    }
}
