/// What a mapping's rules produce before it becomes a typed canonical document: strings, integers, objects
/// (fields in rule order) and lists. Here rather than in `Mapping` so that the documents can be built from it
/// directly (`EventData.init(mapped:as:)`), without a `Decoder`.
///
/// Not `indirect`: objects and lists hold their children in arrays already, and an indirect enum boxed
/// every string and integer on the heap (one allocation and one release per mapped value).
public enum MappedValue: Sendable, Encodable {
    case string(String)
    case integer(Int)
    case object([(String, MappedValue)])
    case array([MappedValue])

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .integer(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .object(let fields):
            var c = encoder.container(keyedBy: Key.self)
            for (name, value) in fields { try c.encode(value, forKey: Key(stringValue: name)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        }
    }

    public subscript(field: String) -> MappedValue? {
        guard case .object(let fields) = self else { return nil }
        // Lengths first: most names differ in length, and comparing two unequal strings is not cheap.
        let length = field.utf8.count
        for i in fields.indices where fields[i].0.utf8.count == length && fields[i].0 == field { return fields[i].1 }
        return nil
    }

    /// The last field named `field`, as a document built from the tree holds it (of two equal keys the last
    /// wins).
    public func last(_ field: String) -> MappedValue? {
        guard case .object(let fields) = self else { return nil }
        let length = field.utf8.count
        var i = fields.count
        while i > 0 {
            i -= 1
            if fields[i].0.utf8.count == length && fields[i].0 == field { return fields[i].1 }
        }
        return nil
    }
}
