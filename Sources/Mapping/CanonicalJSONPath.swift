/// A path over a canonical event's JSON: dotted keys with optional list indexes, `data.stops[0].location.id`,
/// `crossdock.partner`, `type`. Inside an `each:` list a path reads the current item; `$.` starts again at
/// the event (`$.crossdock.partner`). See docs/mapping-language.md, "Outbound bodies".
struct CanonicalJSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// True for `$.`: from the event, not from the current item.
    var fromRoot: Bool
    var steps: [Step]
    var text: String

    var description: String { text }

    /// The keys of a CloudEvent's JSON, which a path from the event must start with.
    static let eventKeys: Set = [
        "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "data", "crossdock",
    ]

    /// Parses `text`; `inItem` says whether it is read inside an `each:` list (relative to the item).
    init(parsing text: String, inItem: Bool) throws(X12Path.ParseError) {
        self.text = text
        var rest = Substring(text)
        fromRoot = !inItem
        if rest.hasPrefix("$.") {
            fromRoot = true
            rest = rest.dropFirst(2)
        } else if rest == "$" {
            throw .invalid("'$' alone names the whole event; name a field of it (data, crossdock.partner, ...)")
        }
        var steps: [Step] = []
        for part in rest.split(separator: ".", omittingEmptySubsequences: false) {
            var name = part
            var indexes: [Int] = []
            while name.hasSuffix("]") {
                guard let open = name.lastIndex(of: "[") else { throw .invalid("'\(part)': an index is written [0]") }
                let digits = name[name.index(after: open)..<name.index(before: name.endIndex)]
                guard let index = Int(digits), index >= 0, digits.allSatisfy(\.isNumber) else {
                    throw .invalid("'\(part)': an index is a whole number from 0, as in stops[0]")
                }
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .invalid("'\(part)' is not a field name (letters, digits, _ and -), optionally with [index]")
            }
            steps.append(.key(String(name)))
            steps += indexes.map(Step.index)
        }
        if fromRoot, case .key(let first)? = steps.first, !CanonicalJSONPath.eventKeys.contains(first) {
            throw .invalid(
                "'\(first)' is not a field of a CloudEvent; a path starts with one of \(CanonicalJSONPath.eventKeys.sorted().joined(separator: ", "))")
        }
        self.steps = steps
    }

    /// The value at the path, from `root` (the event) or `item` (the current list item); nil when absent.
    func value(root: JSONTree, item: JSONTree) -> JSONTree? {
        var current = fromRoot ? root : item
        for step in steps {
            switch (step, current) {
            case (.key(let name), .object):
                guard let next = current[name] else { return nil }
                current = next
            case (.index(let i), .array(let items)):
                guard i < items.count else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        if case .null = current { return nil }
        return current
    }
}
