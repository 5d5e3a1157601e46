/// The shape of a canonical field, as the mapping compiler checks rules against it and as the JSON Schema
/// files in `docs/schema/` state it. One description serves both, so they cannot drift apart.
public indirect enum FieldType: Sendable, Hashable {
    case string
    case integer
    /// A `DecimalString`.
    case decimal
    /// `YYYY-MM-DD`.
    case date
    /// A string from a closed list (a canonical code enum).
    case enumeration(String, [String])
    /// A named object type (`Money`, `EventTime`, `LoadTender.Stop`).
    case object(ObjectType)
    case array(FieldType)

    /// The named object type, when this is one.
    public var objectType: ObjectType? {
        if case .object(let type) = self { return type }
        return nil
    }
}

/// One field of an object type.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var required: Bool

    public init(_ name: String, _ type: FieldType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// A named object type and its fields, in the order documents show them.
public struct ObjectType: Sendable, Hashable {
    public var name: String
    public var fields: [Field]

    public init(_ name: String, _ fields: [Field]) {
        self.name = name
        self.fields = fields
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// A coded value whose `code` is one of `codes`: the shape the mapping language fills from a code table.
    public var isCoded: Bool { name.hasSuffix("Code") && field("original") != nil }
}

extension FieldType {
    static func coded<Code: RawRepresentable & CaseIterable>(_ name: String, _ code: Code.Type) -> FieldType
    where Code.RawValue == String {
        .object(ObjectType(name, [
            Field("code", .enumeration(name, code.allCases.map(\.rawValue)), required: true),
            Field("original", .string, required: true),
        ]))
    }

    public static let money = FieldType.object(ObjectType("Money", [
        Field("amount", .decimal, required: true),
        Field("currency", .string, required: true),
    ]))

    public static let quantity = FieldType.object(ObjectType("Quantity", [
        Field("value", .decimal, required: true),
        Field("unit", .string),
    ]))

    public static let eventTime = FieldType.object(ObjectType("EventTime", [
        Field("at", .string, required: true),
        Field("zone", .string, required: true),
        Field("zoneSource", .enumeration("ZoneSource", ZoneSource.allCases.map(\.rawValue)), required: true),
        Field("originalZoneCode", .string),
    ]))

    public static let timeWindow = FieldType.object(ObjectType("TimeWindow", [
        Field("from", .eventTime), Field("to", .eventTime),
    ]))

    public static let reference = FieldType.object(ObjectType("Reference", [
        Field("qualifier", .string, required: true),
        Field("value", .string, required: true),
    ]))

    public static let location = FieldType.object(ObjectType("Location", [
        Field("name", .string), Field("id", .string), Field("idQualifier", .string), Field("canonicalId", .string),
        Field("address", .array(.string)), Field("city", .string), Field("state", .string),
        Field("postalCode", .string), Field("country", .string),
        Field("latitude", .decimal), Field("longitude", .decimal),
    ]))

    public static let parties = FieldType.object(ObjectType("Parties", [
        Field("shipper", .location), Field("consignee", .location), Field("billTo", .location),
    ]))

    public static let equipment = FieldType.object(ObjectType("Equipment", [
        Field("type", .coded("EquipmentTypeCode", EquipmentType.self)), Field("scac", .string),
        Field("number", .string), Field("lengthFeet", .decimal),
    ]))

    static let paymentTerms = FieldType.coded("PaymentTermsCode", PaymentTerms.self)
    static let references = FieldType.array(.reference)
}
