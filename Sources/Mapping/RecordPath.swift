/// A path over a flat record: a column name or 1-based position (`status_code`, `#3`); for fixed-width
/// files, child records first (`charge/amount`, `/header/currency`, `../invoiceNumber`); for XML, an element
/// path as `XMLRecordElement.value(at:)` reads it (`Stops/Stop[1]/City`, `@id`, `Appointment/@zone`, `.`).
struct RecordPath: Sendable, Hashable {
    var text: String
    /// `/` at the start: from the top (the file's header record; the XML record element).
    var fromRoot: Bool
    /// How many `../` it starts with.
    var up: Int
    /// Child record kinds (fixed-width) or element names (XML) to go through.
    var steps: [String]
    /// The field (column, element text or `@attribute`) read at the end; nil for a selector.
    var field: String?
    /// The path after `/` and `../`, as XML element paths want it.
    var relative: String

    init(parsing text: String, selector: Bool) throws(X12Path.ParseError) {
        self.text = text
        var rest = Substring(text)
        var up = 0
        while rest.hasPrefix("../") {
            up += 1
            rest = rest.dropFirst(3)
        }
        fromRoot = up == 0 && rest.hasPrefix("/")
        if fromRoot { rest = rest.dropFirst() }
        self.up = up
        relative = String(rest)
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw .invalid("'\(text)' has an empty step") }
        field = selector ? nil : parts.removeLast()
        steps = parts
    }
}
