/// An attribute of an element in an XML record.
public struct XMLRecordAttribute: Sendable, Hashable {
    /// The local name, without a prefix.
    public var name: String
    public var namespaceURI: String?
    public var value: String

    public init(name: String, namespaceURI: String? = nil, value: String) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.value = value
    }
}

/// One element of an XML record, with its attributes, text and child elements.
///
/// Names are local names: `<t:Stop xmlns:t="urn:...">` is `Stop` with `namespaceURI` `urn:...`, so that
/// mappings written against one partner's prefixes work for another's.
public struct XMLRecordElement: Sendable, Hashable {
    public var name: String
    public var namespaceURI: String?
    public var attributes: [XMLRecordAttribute]
    /// The element's own text and CDATA, concatenated as written; whitespace between child elements is dropped.
    public var text: String
    public var children: [XMLRecordElement]
    /// The line of the start tag.
    public var line: Int

    public init(
        name: String, namespaceURI: String? = nil, attributes: [XMLRecordAttribute] = [], text: String = "",
        children: [XMLRecordElement] = [], line: Int = 0
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
    }

    /// The value of the attribute with local name `name`.
    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// The elements at a relative path: `Stops/Stop` (every match), `Stops/Stop[2]` (1-based),
    /// `*` (any name), `.` (this element).
    public func elements(at path: String) -> [XMLRecordElement] {
        guard let steps = XMLPath(path), steps.attribute == nil else { return [] }
        return steps.elements(from: self)
    }

    /// The first element at `path`, if any.
    public func element(at path: String) -> XMLRecordElement? { elements(at: path).first }

    /// The text of the first element at `path`, trimmed of surrounding whitespace, or the value of an
    /// attribute when the path ends in `@name` (`@id`, `Stops/Stop[1]/@seq`).
    public func value(at path: String) -> String? {
        guard let steps = XMLPath(path), let element = steps.elements(from: self).first else { return nil }
        if let attribute = steps.attribute { return element.attribute(attribute) }
        return element.text.trimmingXMLWhitespace()
    }
}

/// One record of an XML file: the element found at the reader's record path, and where it started.
public struct XMLRecord: Sendable, Hashable {
    public var element: XMLRecordElement
    /// File name, the start tag's line, and the record number (1-based, counting record elements).
    public var position: RecordPosition

    public init(element: XMLRecordElement, position: RecordPosition) {
        self.element = element
        self.position = position
    }

    /// See `XMLRecordElement.value(at:)`.
    public func value(at path: String) -> String? { element.value(at: path) }

    /// The value at `path`.
    ///
    /// - Throws: `FlatFileError` with `.unknownColumn` at this record, naming the path, when nothing is there.
    public func requiredValue(at path: String) throws -> String {
        guard let value = element.value(at: path) else {
            var at = position
            at.fieldName = path
            throw FlatFileError(code: .unknownColumn, position: at, message: "the record has no element or attribute at this path")
        }
        return value
    }
}

/// A relative path of steps, parsed: `Stops/Stop[2]/City`, `@id`.
struct XMLPath {
    struct Step {
        var name: String
        var index: Int?
    }

    var steps: [Step] = []
    var attribute: String?

    init?(_ path: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let last = parts.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            parts.removeLast()
            guard attribute?.isEmpty == false else { return nil }
        }
        for part in parts where part != "." {
            guard !part.isEmpty else { return nil }
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                guard let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), index >= 1 else {
                    return nil
                }
                steps.append(Step(name: String(part[..<open]), index: index))
            } else {
                steps.append(Step(name: part, index: nil))
            }
        }
    }

    func elements(from root: XMLRecordElement) -> [XMLRecordElement] {
        var current = [root]
        for step in steps {
            var next: [XMLRecordElement] = []
            for element in current {
                let matches = element.children.filter { step.name == "*" || $0.name == step.name }
                if let index = step.index {
                    if index <= matches.count { next.append(matches[index - 1]) }
                } else {
                    next += matches
                }
            }
            current = next
        }
        return current
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF), found on the UTF-8 view.
    func trimmingXMLWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !isXMLSpace($0) }),
            let last = utf8.lastIndex(where: { !isXMLSpace($0) })
        else { return "" }
        return String(self[first...last])
    }

    /// Whether the string is empty or XML whitespace only.
    var isXMLWhitespace: Bool { utf8.allSatisfy(isXMLSpace) }
}

@inline(__always)
func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
