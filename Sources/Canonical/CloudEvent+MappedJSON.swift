/// Writes a mapped tree (`MappedValue`) as the JSON of the typed document it describes, without building
/// that document: the same bytes `EventData(mapped:as:)` followed by `appendJSON(to:)` give, for every tree
/// that fits.
///
/// Driven by the document's `ObjectType` (the description the schemas and the mapping compiler share),
/// with each object's fields sorted once: keys in byte order, absent fields left out, of two equal keys the
/// last wins, unknown keys ignored. It is at least as strict as building the document (a required field
/// missing, a string where an integer belongs, a decimal that is not one, a code outside its list: false),
/// so a tree it refuses goes to the typed path, which builds the document or says why it does not fit.
/// Written here because the typed document was pure copying between the mapped values and the bytes.
final class DataWriter: Sendable {
    /// One field of an object, in byte order of the names. A class, so that reading it per field borrows
    /// its parts instead of copying (and retaining) them.
    final class Entry: Sendable {
        let name: String
        /// `name.utf8.count`, compared before the names.
        let length: Int
        let required: Bool
        let node: Node

        init(name: String, required: Bool, node: Node) {
            self.name = name
            length = name.utf8.count
            self.required = required
            self.node = node
        }
    }

    /// What a value must be.
    final class Node: Sendable {
        enum Kind: Sendable { case string, integer, decimal, oneOf, object, array }
        let kind: Kind
        /// `oneOf`: the allowed strings.
        let values: [String]
        /// `object`: its fields.
        let object: DataWriter?
        /// `array`: what each item must be.
        let element: Node?

        init(_ type: FieldType) {
            var values: [String] = [], object: DataWriter?, element: Node?
            switch type {
            case .string, .date: kind = .string
            case .integer: kind = .integer
            case .decimal: kind = .decimal
            case .enumeration(_, let allowed):
                kind = .oneOf
                values = allowed
            case .object(let type):
                kind = .object
                object = DataWriter(type)
            case .array(let item):
                kind = .array
                element = Node(item)
            }
            self.values = values
            self.object = object
            self.element = element
        }
    }

    let entries: [Entry]

    init(_ type: ObjectType) {
        entries = type.fields
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { Entry(name: $0.name, required: $0.required, node: Node($0.type)) }
    }

    private static let loadTender = DataWriter(EventType.loadTenderData)
    private static let shipmentStatus = DataWriter(EventType.shipmentStatusData)
    private static let freightInvoice = DataWriter(EventType.freightInvoiceData)

    static func plan(for type: EventType) -> DataWriter {
        switch type {
        case .loadTendered, .loadTenderChanged, .loadTenderCancelled: loadTender
        case .shipmentStatus: shipmentStatus
        case .freightInvoice: freightInvoice
        }
    }

    /// Writes `value` as this object; false (with part of it written) when it does not fit.
    func write(_ value: MappedValue, to w: inout JSONWriter) -> Bool {
        guard case .object(let fields) = value else { return false }
        w.open()
        let fitted = fields.withUnsafeBufferPointer { fields in
            for entry in entries {
                // The last field of that name, found in place (no copy of the others).
                var found = -1
                var i = fields.count
                while i > 0 {
                    i -= 1
                    if fields[i].0.utf8.count == entry.length && fields[i].0 == entry.name {
                        found = i
                        break
                    }
                }
                guard found >= 0 else {
                    if entry.required { return false }
                    continue
                }
                w.key(entry.name)
                guard entry.node.write(fields[found].1, to: &w) else { return false }
                w.endValue()
            }
            return true
        }
        guard fitted else { return false }
        w.close()
        return true
    }
}

extension DataWriter.Node {
    func write(_ value: MappedValue, to w: inout JSONWriter) -> Bool {
        switch kind {
        case .string:
            guard case .string(let text) = value else { return false }
            w.string(text)
        case .integer:
            guard case .integer(let n) = value else { return false }
            w.integer(n)
        case .decimal:
            guard case .string(let text) = value, DecimalString.isValid(text) else { return false }
            w.string(text)
        case .oneOf:
            guard case .string(let text) = value, values.contains(text) else { return false }
            w.string(text)
        case .object:
            return object!.write(value, to: &w)
        case .array:
            guard case .array(let items) = value else { return false }
            let element = element!
            w.openArray()
            for i in items.indices {
                if i > 0 { w.comma() }
                guard element.write(items[i], to: &w) else { return false }
            }
            w.closeArray()
        }
        return true
    }
}
