/// A route's path with `{id}`, `{type}` and `{subject}` placeholders, compiled once.
///
/// Values are percent-encoded so that only RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay
/// as they are: a subject `ACME/42 7` becomes `ACME%2F42%207`, one path segment, never two.
public struct PathTemplate: Sendable, Hashable {
    /// The names a template may use.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        case id, type, subject
    }

    enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(Placeholder)
    }

    let parts: [Part]
    /// The template as written.
    public let source: String

    /// Compiles `template`.
    ///
    /// - Throws: `PathTemplate.Problem` naming the 1-based character position of an unknown placeholder,
    ///   an unclosed `{` or a stray `}`.
    public init(_ template: String) throws(PathTemplate.Problem) {
        source = template
        var parts: [Part] = []
        var literal = ""
        var chars = Array(template).enumerated().makeIterator()
        while let (index, char) = chars.next() {
            switch char {
            case "{":
                var name = ""
                var closed = false
                while let (_, next) = chars.next() {
                    if next == "}" {
                        closed = true
                        break
                    }
                    name.append(next)
                }
                guard closed else { throw Problem(position: index + 1, message: "'{' is never closed") }
                guard let placeholder = Placeholder(rawValue: name) else {
                    throw Problem(
                        position: index + 1,
                        message: "unknown placeholder {\(name)}; use {id}, {type} or {subject}"
                    )
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.placeholder(placeholder))
            case "}":
                throw Problem(position: index + 1, message: "'}' without '{'")
            default:
                literal.append(char)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// Whether the template uses `placeholder`.
    public func uses(_ placeholder: Placeholder) -> Bool { parts.contains(.placeholder(placeholder)) }

    /// The path for one event. A missing subject fills in as the empty string.
    public func expand(id: String, type: String, subject: String?) -> String {
        var path = ""
        for part in parts {
            switch part {
            case .literal(let text): path += text
            case .placeholder(.id): path += percentEncoded(id)
            case .placeholder(.type): path += percentEncoded(type)
            case .placeholder(.subject): path += percentEncoded(subject ?? "")
            }
        }
        return path
    }

    /// What is wrong with a template, and where (1-based character position).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var position: Int
        public var message: String
        public var description: String { "at character \(position): \(message)" }
    }
}

/// Percent-encodes every byte of the UTF-8 form that is not RFC 3986 unreserved. A value that needs no
/// escape (the common case: ids, types) comes back as it is, without a copy.
func percentEncoded(_ value: String) -> String {
    func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
    guard !value.utf8.allSatisfy(isUnreserved) else { return value }
    let hex: StaticString = "0123456789ABCDEF"
    var out: [UInt8] = []
    out.reserveCapacity(value.utf8.count + 16)
    for byte in value.utf8 {
        if isUnreserved(byte) {
            out.append(byte)
        } else {
            out.append(UInt8(ascii: "%"))
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }
    return String(decoding: out, as: UTF8.self)
}
