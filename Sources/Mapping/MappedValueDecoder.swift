import Canonical

/// Decodes a typed canonical document straight from a `MappedValue` tree, with the same rules a JSON
/// round trip would apply (strings decode as strings, integers as numbers, a missing key as nil) but
/// without writing and re-parsing JSON for every event.
///
/// Written here because Foundation has no decoder over an in-memory tree, and the JSON round trip was
/// most of `translate`'s time.
struct MappedValueDecoder: Decoder {
    let value: MappedValue?
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: MappedValue) throws -> T {
        try T(from: MappedValueDecoder(value: value, codingPath: []))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: String].self, codingPath) }
        var byName: [String: MappedValue] = [:]
        for (name, field) in fields { byName[name] = field }
        return KeyedDecodingContainer(Keyed<Key>(fields: byName, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([String].self, codingPath) }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: MappedValue]
        let codingPath: [any CodingKey]
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { fields[key.stringValue] == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let field = fields[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
            }
            return try T(from: MappedValueDecoder(value: field, codingPath: codingPath + [key]))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try MappedValueDecoder(value: fields[key.stringValue], codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try MappedValueDecoder(value: fields[key.stringValue], codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { MappedValueDecoder(value: .object(Array(fields)), codingPath: codingPath) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            MappedValueDecoder(value: fields[key.stringValue], codingPath: codingPath + [key])
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [MappedValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [MappedValue], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        mutating func next() throws -> MappedValueDecoder {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    MappedValue.self, .init(codingPath: codingPath, debugDescription: "no more items"))
            }
            defer { currentIndex += 1 }
            return MappedValueDecoder(value: items[currentIndex], codingPath: codingPath + [IndexKey(intValue: currentIndex)])
        }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: MappedValue?
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == nil }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw mismatch(type, codingPath) }
            return s
        }

        func decode(_ type: Int.Type) throws -> Int {
            guard case .integer(let n) = value else { throw mismatch(type, codingPath) }
            return n
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == String.self { return try decode(String.self) as! T }
            if type == Int.self { return try decode(Int.self) as! T }
            return try T(from: MappedValueDecoder(value: value, codingPath: codingPath))
        }

        func decode(_ type: Bool.Type) throws -> Bool { throw mismatch(type, codingPath) }
        func decode(_ type: Double.Type) throws -> Double {
            guard case .integer(let n) = value else { throw mismatch(type, codingPath) }
            return Double(n)
        }
        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
        func decode(_ type: Int8.Type) throws -> Int8 { try exact(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try exact(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try exact(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try exact(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try exact(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try exact(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try exact(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try exact(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try exact(type) }

        private func exact<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard let n = I(exactly: try decode(Int.self)) else { throw mismatch(type, codingPath) }
            return n
        }
    }
}

private func mismatch(_ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type)"))
}
