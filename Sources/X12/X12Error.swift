/// Where in an inbound file something happened. Positions only, never element values.
public struct SegmentPosition: Sendable, Hashable, Codable {
    /// The file name as received, not a local path.
    public var fileName: String
    /// ISA13, once known.
    public var interchange: String?
    /// GS06, inside a group.
    public var group: String?
    /// ST02, inside a transaction set.
    public var transaction: String?
    /// 1-based, counted from ISA; 0 when the problem is not tied to a segment.
    public var segmentIndex: Int
    /// 1-based, counted from ST (the AK302 / IK302 position), inside a transaction set.
    public var setSegmentIndex: Int?
    /// Byte offset of the segment's first byte in the file.
    public var byteOffset: Int64?
    public var tag: String?
    /// Loop identifier from the schema (AK303), when known.
    public var loop: String?
    public var element: Int?
    public var component: Int?
    public var repetition: Int?

    public init(
        fileName: String, interchange: String? = nil, group: String? = nil, transaction: String? = nil,
        segmentIndex: Int = 0, setSegmentIndex: Int? = nil, byteOffset: Int64? = nil, tag: String? = nil,
        loop: String? = nil, element: Int? = nil, component: Int? = nil, repetition: Int? = nil
    ) {
        self.fileName = fileName
        self.interchange = interchange
        self.group = group
        self.transaction = transaction
        self.segmentIndex = segmentIndex
        self.setSegmentIndex = setSegmentIndex
        self.byteOffset = byteOffset
        self.tag = tag
        self.loop = loop
        self.element = element
        self.component = component
        self.repetition = repetition
    }
}

extension SegmentPosition: CustomStringConvertible {
    /// `file ISA13/GS06/ST02 segment 12 (N1) element 3`, leaving out what is not known.
    public var description: String {
        var parts = [fileName]
        let envelope = [interchange, group, transaction].compactMap { $0 }
        if !envelope.isEmpty { parts.append(envelope.joined(separator: "/")) }
        if segmentIndex > 0 {
            var seg = "segment \(segmentIndex)"
            if let tag { seg += " (\(tag))" }
            parts.append(seg)
        }
        if let element {
            var el = "element \(element)"
            if let component { el += ":\(component)" }
            if let repetition { el += " repetition \(repetition)" }
            parts.append(el)
        }
        return parts.joined(separator: " ")
    }
}

/// A file that cannot be read as X12 at all. Problems inside a readable file are `Finding`s instead.
public struct X12Error: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unreadableInput, noISA, unreadableDelimiters, segmentTooLong
    }

    public var code: Code
    public var position: SegmentPosition
    /// What to do next; never element data (it may be confidential).
    public var message: String

    public init(code: Code, position: SegmentPosition, message: String) {
        self.code = code
        self.position = position
        self.message = message
    }

    public var description: String { "\(code.rawValue) at \(position): \(message)" }
}
