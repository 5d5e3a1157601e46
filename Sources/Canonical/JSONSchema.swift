import Foundation

/// The subset of JSON Schema (draft 2020-12) that Crossdock's schema files use: `type`, `properties`,
/// `required`, `additionalProperties: false`, `items`, `enum`, `const`, `pattern`, `minimum`, `$ref` into
/// `$defs`. Generated from the `FieldType` descriptions, written to `docs/schema/`, and read back by the
/// checker in `JSONSchema+Checking.swift`.
public struct JSONSchema: Sendable, Hashable, Codable {
    public var schema: String?
    public var id: String?
    public var title: String?
    public var type: String?
    public var properties: [String: JSONSchema]?
    public var required: [String]?
    public var additionalProperties: Bool?
    public var items: [JSONSchema]?
    public var enumeration: [String]?
    public var const: String?
    public var pattern: String?
    public var minimum: Int?
    public var ref: String?
    public var defs: [String: JSONSchema]?

    public init(type: String? = nil) { self.type = type }

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", id = "$id", title, type, properties, required, additionalProperties, items
        case enumeration = "enum", const, pattern, minimum, ref = "$ref", defs = "$defs"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(String.self, forKey: .schema)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        properties = try c.decodeIfPresent([String: JSONSchema].self, forKey: .properties)
        required = try c.decodeIfPresent([String].self, forKey: .required)
        additionalProperties = try c.decodeIfPresent(Bool.self, forKey: .additionalProperties)
        items = try c.decodeIfPresent(JSONSchema.self, forKey: .items).map { [$0] }
        enumeration = try c.decodeIfPresent([String].self, forKey: .enumeration)
        const = try c.decodeIfPresent(String.self, forKey: .const)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        minimum = try c.decodeIfPresent(Int.self, forKey: .minimum)
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        defs = try c.decodeIfPresent([String: JSONSchema].self, forKey: .defs)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(schema, forKey: .schema)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(properties, forKey: .properties)
        try c.encodeIfPresent(required, forKey: .required)
        try c.encodeIfPresent(additionalProperties, forKey: .additionalProperties)
        try c.encodeIfPresent(items?.first, forKey: .items)
        try c.encodeIfPresent(enumeration, forKey: .enumeration)
        try c.encodeIfPresent(const, forKey: .const)
        try c.encodeIfPresent(pattern, forKey: .pattern)
        try c.encodeIfPresent(minimum, forKey: .minimum)
        try c.encodeIfPresent(ref, forKey: .ref)
        try c.encodeIfPresent(defs, forKey: .defs)
    }

    /// Pretty JSON with sorted keys and a final newline: the text of a file in `docs/schema/`.
    public func fileText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

extension JSONSchema {
    static let decimalPattern = "^-?[0-9]+(\\.[0-9]+)?$"
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    static let hexPattern = "^[0-9a-f]{64}$"
    static let uuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

    /// The schema of one event type's `data`, with every named object type under `$defs`.
    public static func forData(_ type: ObjectType) -> JSONSchema {
        var defs: [String: JSONSchema] = [:]
        var root = object(type, defs: &defs)
        root.schema = "https://json-schema.org/draft/2020-12/schema"
        root.id = "urn:crossdock:schema:\(type.schemaFileStem):\(EventType.dataVersion)"
        root.title = type.name
        root.defs = defs
        return root
    }

    /// The schema of the CloudEvents envelope with the `crossdock` lineage extension (`data` is checked
    /// against the schema its `dataschema` names).
    public static var envelope: JSONSchema {
        var root = JSONSchema(type: "object")
        root.schema = "https://json-schema.org/draft/2020-12/schema"
        root.id = "urn:crossdock:schema:cloudevent:1"
        root.title = "CloudEvent"
        var lineage = JSONSchema(type: "object")
        lineage.additionalProperties = false
        lineage.required = ["eventIndex", "fileName", "fileSha256", "format", "mappingName", "mappingVersion", "partner", "transactionIndex"]
        var sha = JSONSchema(type: "string")
        sha.pattern = hexPattern
        var positive = JSONSchema(type: "integer")
        positive.minimum = 1
        var format = JSONSchema(type: "string")
        format.enumeration = ["csv", "fixed", "x12", "xml"]
        lineage.properties = [
            "partner": JSONSchema(type: "string"), "fileName": JSONSchema(type: "string"), "fileSha256": sha,
            "format": format, "isa13": JSONSchema(type: "string"), "gs06": JSONSchema(type: "string"),
            "st02": JSONSchema(type: "string"), "transactionSet": JSONSchema(type: "string"),
            "version": JSONSchema(type: "string"), "transactionIndex": positive, "eventIndex": positive,
            "mappingName": JSONSchema(type: "string"), "mappingVersion": positive,
        ]
        var spec = JSONSchema(type: "string")
        spec.const = "1.0"
        var contentType = JSONSchema(type: "string")
        contentType.const = "application/json"
        var id = JSONSchema(type: "string")
        id.pattern = uuidPattern
        var type = JSONSchema(type: "string")
        type.enumeration = EventType.allCases.map(\.rawValue)
        var time = JSONSchema(type: "string")
        time.pattern = EventTime.pattern
        root.properties = [
            "specversion": spec, "id": id, "source": JSONSchema(type: "string"), "type": type, "time": time,
            "subject": JSONSchema(type: "string"), "datacontenttype": contentType,
            "dataschema": JSONSchema(type: "string"), "data": JSONSchema(type: "object"), "crossdock": lineage,
        ]
        root.required = ["crossdock", "data", "datacontenttype", "dataschema", "id", "source", "specversion", "type"]
        root.additionalProperties = false
        return root
    }

    /// Every schema file of `docs/schema/` by file name.
    public static var files: [String: JSONSchema] {
        var files = ["cloudevent.json": envelope]
        for type in [EventType.loadTendered, .shipmentStatus, .freightInvoice] {
            files[type.dataType.schemaFileStem + ".json"] = forData(type.dataType)
        }
        return files
    }

    static func object(_ type: ObjectType, defs: inout [String: JSONSchema]) -> JSONSchema {
        var schema = JSONSchema(type: "object")
        schema.additionalProperties = false
        var properties: [String: JSONSchema] = [:]
        for field in type.fields { properties[field.name] = of(field.type, defs: &defs) }
        schema.properties = properties
        let required = type.fields.filter(\.required).map(\.name)
        schema.required = required.isEmpty ? nil : required
        return schema
    }

    static func of(_ type: FieldType, defs: inout [String: JSONSchema]) -> JSONSchema {
        switch type {
        case .string: return JSONSchema(type: "string")
        case .integer: return JSONSchema(type: "integer")
        case .decimal:
            var s = JSONSchema(type: "string")
            s.pattern = decimalPattern
            return s
        case .date:
            var s = JSONSchema(type: "string")
            s.pattern = datePattern
            return s
        case .enumeration(_, let values):
            var s = JSONSchema(type: "string")
            s.enumeration = values
            return s
        case .object(let object):
            if defs[object.name] == nil {
                defs[object.name] = JSONSchema()
                var body = JSONSchema.object(object, defs: &defs)
                if object.name == "EventTime" { body.properties?["at"]?.pattern = EventTime.pattern }
                defs[object.name] = body
            }
            var ref = JSONSchema()
            ref.ref = "#/$defs/\(object.name)"
            return ref
        case .array(let element):
            var s = JSONSchema(type: "array")
            s.items = [of(element, defs: &defs)]
            return s
        }
    }
}
