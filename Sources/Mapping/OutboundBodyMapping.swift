public import Canonical
public import Foundation

/// A body mapping: turns a canonical event (its CloudEvents JSON) into the JSON body an HTTP destination
/// expects, field by field, with paths over the event such as `data.stops[0].location.id` and
/// `crossdock.partner`. Compiled once from YAML; `render(event:)` runs it for each delivery.
///
/// ```yaml
/// body: erp-load-status          # the name a destination's body_mapping gives
/// version: 1
/// fields:
///   loadNumber: data.shipmentId
///   partner: crossdock.partner
///   status: {path: data.status.code, table: erp_status, required: true}
///   weightKg: {path: data.weight.value, as: number}
///   stops: {each: data.stops, fields: {seq: sequence, city: location.city, partner: $.crossdock.partner}}
/// tables:
///   erp_status: {delivered: DLV, "*": OTH}
/// ```
///
/// See docs/mapping-language.md, "Outbound bodies".
public struct OutboundBodyMapping: Sendable {
    public let name: String
    public let version: Int
    /// The file it came from, for errors.
    public let file: String
    let fields: [(name: String, rule: BodyRule)]
    let tables: [String: CodeTable]

    /// A rule for one field of the body.
    indirect enum BodyRule: Sendable {
        case value(BodyValue)
        /// An object of fields; with `each`, a list of such objects, one per item of the list `each` names.
        case object(fields: [(name: String, rule: BodyRule)], each: CanonicalJSONPath?, required: Bool, key: String, line: Int)
        /// A list of rules, one item each (absent items left out).
        case list([BodyRule])
    }

    struct BodyValue: Sendable {
        enum Source: Sendable { case path(CanonicalJSONPath), constant(String) }
        enum Conversion: String, Sendable { case string, number, integer, boolean }
        var source: Source
        var defaultValue: String?
        var table: String?
        var lookup: String?
        /// `absent`, `keep` or `reject` (a body has no findings: `warn` is not offered).
        var onMiss = ValueRule.LookupMiss.absent
        var conversion: Conversion?
        var required = false
        var key: String
        var line: Int
    }

    /// Why an event could not be rendered: the mapping file, the line of the rule and its dotted key.
    public typealias RenderError = MappingError

    // MARK: Compiling

    static let topKeys: Set = ["body", "version", "description", "tables", "fields"]
    static let valueKeys: Set = ["path", "value", "default", "table", "lookup", "onMiss", "as", "required"]

    /// Compiles a body mapping from its YAML text. `folder` (the mappings folder) is where `tables:` files are.
    ///
    /// - Throws: `MappingError` with file, line and key for every mistake (unknown key, bad path, unknown table, ...).
    public init(yaml: String, file: String, folder: URL? = nil) throws(MappingError) {
        let document: YAMLNode
        do {
            document = try YAMLNode.parse(yaml, file: file)
        } catch let error as MappingError {
            throw error
        } catch {
            throw MappingError(.invalidYAML, file: file, line: nil, key: "", "\(error)")
        }
        try self.init(document: document, file: file, folder: folder)
    }

    /// Reads and compiles the body mapping `relative` of the mappings `folder` (`bodies/erp-load-status.yaml`).
    public init(file relative: String, folder: URL) throws(MappingError) {
        let text: String
        do {
            text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
        } catch {
            throw MappingError(.unreadableFile, file: relative, line: nil, key: "", "the body mapping cannot be read")
        }
        try self.init(yaml: text, file: relative, folder: folder)
    }

    init(document: YAMLNode, file: String, folder: URL?) throws(MappingError) {
        do {
            var compiler = MappingCompiler(file: file)
            compiler.folder = folder
            guard let entries = document.entries else {
                throw compiler.error(.wrongShape, document, "", "a body mapping is a YAML mapping")
            }
            for entry in entries where !OutboundBodyMapping.topKeys.contains(entry.key) {
                throw MappingError(.unknownKey, file: file, line: entry.line, key: entry.key,
                                   "unknown key; expected one of \(OutboundBodyMapping.topKeys.sorted().joined(separator: ", "))")
            }
            name = try compiler.requiredString(document, "body")
            let versionNode = try compiler.required(document, "version")
            guard let version = versionNode.string.flatMap(Int.init), version >= 1 else {
                throw compiler.error(.invalidValue, versionNode, "version", "the version is a whole number from 1")
            }
            self.version = version
            self.file = file
            if let tablesNode = document["tables"] { try compiler.compileTables(tablesNode) }
            tables = compiler.tables
            let fieldsNode = try compiler.required(document, "fields")
            let body = BodyCompiler(file: file, tables: compiler.tables)
            fields = try body.fields(fieldsNode, key: "fields", inItem: false)
        } catch let error as MappingError {
            throw error
        } catch {
            throw MappingError(.invalidValue, file: file, line: nil, key: "", "\(error)")
        }
    }

    // MARK: Rendering

    /// The body for `event`: one JSON object, fields in the mapping's order, absent values left out.
    ///
    /// - Throws: `MappingError` (`.missingKey` for a `required:` field the event lacks, `.invalidValue` for
    ///   a value `as:` cannot convert or a code `onMiss: reject` refuses), naming the mapping file, the
    ///   rule's line and key, and the event id.
    public func render(event: CloudEvent) throws(MappingError) -> [UInt8] {
        try render(eventJSON: event.jsonBytes())
    }

    /// The body for an event given as its CloudEvents JSON (as the store keeps it).
    ///
    /// - Throws: as `render(event:)`, and `.invalidValue` when `eventJSON` is not one JSON object.
    public func render(eventJSON: [UInt8]) throws(MappingError) -> [UInt8] {
        let root: JSONTree
        do {
            root = try JSONTree.parse(eventJSON)
        } catch {
            throw MappingError(.invalidValue, file: file, line: nil, key: "", "the event is not readable JSON: \(error)")
        }
        guard case .object = root else {
            throw MappingError(.invalidValue, file: file, line: nil, key: "", "the event is not a JSON object")
        }
        let renderer = Renderer(mapping: self, root: root, eventID: root["id"]?.scalarText ?? "without id")
        let object = try renderer.object(fields, item: root)
        var out: [UInt8] = []
        out.reserveCapacity(512)
        object.write(to: &out)
        return out
    }

    struct Renderer {
        let mapping: OutboundBodyMapping
        let root: JSONTree
        let eventID: String

        func fail(_ code: MappingError.Code, line: Int, key: String, _ message: String) -> MappingError {
            MappingError(code, file: mapping.file, line: line, key: key, "\(message) (event \(eventID))")
        }

        func object(_ fields: [(name: String, rule: BodyRule)], item: JSONTree) throws(MappingError) -> JSONTree {
            var out: [(String, JSONTree)] = []
            for (name, rule) in fields {
                if let value = try self.value(rule, item: item) { out.append((name, value)) }
            }
            return .object(out)
        }

        func value(_ rule: BodyRule, item: JSONTree) throws(MappingError) -> JSONTree? {
            switch rule {
            case .value(let value):
                return try self.value(value, item: item)
            case .list(let rules):
                var items: [JSONTree] = []
                for rule in rules { if let v = try value(rule, item: item) { items.append(v) } }
                return .array(items)
            case .object(let fields, let each, let required, let key, let line):
                guard let each else { return try object(fields, item: item) }
                guard case .array(let items)? = each.value(root: root, item: item) else {
                    if required { throw fail(.missingKey, line: line, key: key, "required, but \(each) is not a list in the event") }
                    return nil
                }
                var out: [JSONTree] = []
                for element in items { out.append(try object(fields, item: element)) }
                return .array(out)
            }
        }

        func value(_ rule: BodyValue, item: JSONTree) throws(MappingError) -> JSONTree? {
            var value: JSONTree?
            switch rule.source {
            case .path(let path): value = path.value(root: root, item: item)
            case .constant(let text): value = .string(text)
            }
            if case .string("")? = value { value = nil }
            if value == nil, let fallback = rule.defaultValue { value = .string(fallback) }
            guard var found = value else {
                if rule.required {
                    let what = if case .path(let path) = rule.source { "\(path) is absent in the event" } else { "no value" }
                    throw fail(.missingKey, line: rule.line, key: rule.key, "required, but \(what)")
                }
                return nil
            }
            if let name = rule.table {
                guard let text = found.scalarText, let mapped = mapping.tables[name]?.map(text) else {
                    throw fail(.invalidValue, line: rule.line, key: rule.key,
                               "the value is not in table \(name) and the table has no '*'")
                }
                found = .string(mapped)
            }
            if let name = rule.lookup, let text = found.scalarText {
                if let mapped = mapping.tables[name]?.map(text) {
                    found = .string(mapped)
                } else {
                    switch rule.onMiss {
                    case .keep, .warn: break
                    case .absent:
                        if rule.required { throw fail(.missingKey, line: rule.line, key: rule.key, "required, but '\(text)' is not in \(name)") }
                        return nil
                    case .reject:
                        throw fail(.invalidValue, line: rule.line, key: rule.key, "code '\(text)' is not in cross-reference table \(name)")
                    }
                }
            }
            guard let conversion = rule.conversion else { return found }
            let text = found.scalarText
            switch conversion {
            case .string:
                guard let text else { throw fail(.invalidValue, line: rule.line, key: rule.key, "as: string needs a single value, not an object or list") }
                return .string(text)
            case .number:
                guard let text, JSONTree.isNumber(text) else {
                    throw fail(.invalidValue, line: rule.line, key: rule.key, "as: number, but the value is not a decimal number")
                }
                return .number(text)
            case .integer:
                guard let text, let n = Int(text) else {
                    throw fail(.invalidValue, line: rule.line, key: rule.key, "as: integer, but the value is not a whole number")
                }
                return .number(String(n))
            case .boolean:
                guard text == "true" || text == "false" else {
                    throw fail(.invalidValue, line: rule.line, key: rule.key, "as: boolean, but the value is not true or false")
                }
                return .bool(text == "true")
            }
        }
    }
}

/// Compiles the `fields:` of a body mapping.
private struct BodyCompiler {
    let file: String
    let tables: [String: CodeTable]

    typealias BodyRule = OutboundBodyMapping.BodyRule

    func fail(_ code: MappingError.Code, _ node: YAMLNode, _ key: String, _ message: String) -> MappingError {
        MappingError(code, file: file, line: node.line, key: key, message)
    }

    func fields(_ node: YAMLNode, key: String, inItem: Bool) throws(MappingError) -> [(name: String, rule: BodyRule)] {
        guard let entries = node.entries, !entries.isEmpty else {
            throw fail(.wrongShape, node, key, "expected a mapping of body fields to rules")
        }
        var out: [(name: String, rule: BodyRule)] = []
        for entry in entries {
            if case .null = entry.value { continue }
            out.append((entry.key, try rule(entry.value, key: key + "." + entry.key, inItem: inItem)))
        }
        return out
    }

    func rule(_ node: YAMLNode, key: String, inItem: Bool) throws(MappingError) -> BodyRule {
        if case .sequence(let items, _) = node {
            var rules: [BodyRule] = []
            for (i, item) in items.enumerated() { rules.append(try rule(item, key: "\(key)[\(i)]", inItem: inItem)) }
            return .list(rules)
        }
        if let text = node.string {
            return .value(OutboundBodyMapping.BodyValue(source: .path(try path(text, node, key: key, inItem: inItem)), key: key, line: node.line))
        }
        guard let entries = node.entries else { throw fail(.wrongShape, node, key, "expected a path, a value rule or fields") }
        let required = try flag(node["required"], key: key + ".required")
        if let fieldsNode = node["fields"] {
            for entry in entries where !["fields", "each", "required"].contains(entry.key) {
                throw MappingError(.unknownKey, file: file, line: entry.line, key: key + "." + entry.key,
                                   "an object rule takes fields, each and required")
            }
            let each = try node["each"].map { n throws(MappingError) in
                guard let text = n.string else { throw fail(.wrongShape, n, key + ".each", "expected a path to a list") }
                return try path(text, n, key: key + ".each", inItem: inItem)
            }
            let inner = try fields(fieldsNode, key: key, inItem: inItem || each != nil)
            return .object(fields: inner, each: each, required: required, key: key, line: node.line)
        }
        for entry in entries where !OutboundBodyMapping.valueKeys.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: key + "." + entry.key,
                               "a body value rule takes \(OutboundBodyMapping.valueKeys.sorted().joined(separator: ", ")); an object takes fields (and each)")
        }
        var value: OutboundBodyMapping.BodyValue
        switch (node["path"], node["value"]) {
        case (let p?, nil):
            guard let text = p.string else { throw fail(.wrongShape, p, key + ".path", "expected a path") }
            value = .init(source: .path(try path(text, p, key: key + ".path", inItem: inItem)), key: key, line: node.line)
        case (nil, let v?):
            guard let text = v.string else { throw fail(.wrongShape, v, key + ".value", "expected a single value") }
            value = .init(source: .constant(text), key: key, line: node.line)
        default:
            throw fail(.missingKey, node, key, "give exactly one of path or value (or fields for an object)")
        }
        value.required = required
        value.defaultValue = node["default"]?.string
        for name in ["table", "lookup"] {
            guard let tableNode = node[name] else { continue }
            guard let tableName = tableNode.string, tables[tableName] != nil else {
                throw fail(.unknownTable, tableNode, key + "." + name,
                           "no table '\(tableNode.string ?? "")' under tables: (\(tables.keys.sorted().joined(separator: ", ")))")
            }
            if name == "table" { value.table = tableName } else { value.lookup = tableName }
        }
        if let missNode = node["onMiss"] {
            guard value.lookup != nil else { throw fail(.invalidValue, missNode, key + ".onMiss", "onMiss goes with lookup:") }
            guard let text = missNode.string, let miss = ValueRule.LookupMiss(rawValue: text), miss != .warn else {
                throw fail(.invalidValue, missNode, key + ".onMiss", "expected absent, keep or reject")
            }
            value.onMiss = miss
        }
        if let asNode = node["as"] {
            guard let text = asNode.string, let conversion = OutboundBodyMapping.BodyValue.Conversion(rawValue: text) else {
                throw fail(.invalidValue, asNode, key + ".as", "expected string, number, integer or boolean")
            }
            value.conversion = conversion
        }
        return .value(value)
    }

    func flag(_ node: YAMLNode?, key: String) throws(MappingError) -> Bool {
        guard let node else { return false }
        guard let text = node.string, text == "true" || text == "false" else {
            throw fail(.invalidValue, node, key, "expected true or false")
        }
        return text == "true"
    }

    func path(_ text: String, _ node: YAMLNode, key: String, inItem: Bool) throws(MappingError) -> CanonicalJSONPath {
        do {
            return try CanonicalJSONPath(parsing: text, inItem: inItem)
        } catch {
            switch error {
            case .invalid(let message): throw fail(.invalidPath, node, key, message)
            }
        }
    }
}
