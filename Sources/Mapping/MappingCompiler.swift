import Canonical
import FlatFile
import Foundation

/// Compiles one mapping document (after `extends:` has been merged in) into a `MappingPlan`, checking
/// every key against the canonical type it fills. Mistakes throw `MappingError` with file, line and key.
struct MappingCompiler {
    let file: String
    /// The mappings folder, for files a mapping names (fixed-width layouts).
    var folder: URL?
    /// CSV columns the rules read by name: a CSV file is this mapping's only when its header has them all.
    let columns = ColumnCollector()

    final class ColumnCollector {
        var names: Set<String> = []
    }
    var tables: [String: CodeTable] = [:]
    var format = "x12"

    static let topKeys: Set = ["mapping", "version", "description", "extends", "applies", "input", "timeZone", "event", "tables", "fields"]
    static let valueKeys: Set = [
        "path", "value", "concat", "separator", "trim", "default", "table", "lookup", "onMiss", "decimals", "coordinate", "when",
    ]
    static let timeKeys: Set = ["scope", "date", "time", "dateTime", "zone", "stopZone", "when"]

    init(file: String) { self.file = file }

    func error(_ code: MappingError.Code, _ node: YAMLNode?, _ key: String, _ message: String) -> MappingError {
        MappingError(code, file: file, line: node?.line, key: key, message)
    }

    mutating func compile(_ document: YAMLNode) throws -> MappingPlan {
        guard let entries = document.entries else { throw error(.wrongShape, document, "", "a mapping file is a YAML mapping") }
        for entry in entries where !MappingCompiler.topKeys.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: entry.key,
                               "unknown key; expected one of \(MappingCompiler.topKeys.sorted().joined(separator: ", "))")
        }
        let name = try requiredString(document, "mapping")
        let versionNode = try required(document, "version")
        guard let version = versionNode.string.flatMap(Int.init), version >= 1 else {
            throw error(.invalidValue, versionNode, "version", "the version is a whole number from 1")
        }
        let applies = try compileApplies(try required(document, "applies"))
        format = applies.format
        if let tablesNode = document["tables"] { try compileTables(tablesNode) }
        let timeZone = document["timeZone"]?.string
        if let zoneNode = document["timeZone"], timeZone.flatMap(TimeResolver.zone(named:)) == nil {
            throw error(.invalidValue, zoneNode, "timeZone", "not a zone name (America/Chicago) or offset (-06:00)")
        }

        let eventNode = try required(document, "event")
        guard let eventEntries = eventNode.entries else { throw error(.wrongShape, eventNode, "event", "expected a mapping") }
        for entry in eventEntries where !["type", "each", "when", "time"].contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: "event.\(entry.key)", "expected type, each, when or time")
        }
        let typeNode = try required(eventNode, "type", prefix: "event.")
        let eventType: EventTypeRule
        let dataType: ObjectType
        if let text = typeNode.string {
            guard let type = EventType(rawValue: text) else {
                throw error(.invalidValue, typeNode, "event.type", "'\(text)' is not an event type (\(EventType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            eventType = .fixed(type)
            dataType = type.dataType
        } else {
            let rule = try valueRule(typeNode, key: "event.type")
            guard let tableName = rule.table, let table = tables[tableName] else {
                throw error(.missingKey, typeNode, "event.type", "a chosen event type needs a table of event types")
            }
            let types = Array(table.entries.values) + (table.fallback.map { [$0] } ?? [])
            var chosen: ObjectType?
            for value in types {
                guard let type = EventType(rawValue: value) else {
                    throw error(.invalidValue, typeNode, "tables.\(tableName)", "'\(value)' is not an event type")
                }
                if let chosen, chosen != type.dataType {
                    throw error(.invalidValue, typeNode, "tables.\(tableName)", "the event types of one mapping must carry the same data")
                }
                chosen = type.dataType
            }
            guard let chosen else { throw error(.invalidValue, typeNode, "tables.\(tableName)", "the table is empty") }
            eventType = .chosen(rule)
            dataType = chosen
        }
        let each = try eventNode["each"].map { try path($0, key: "event.each", selector: true) }
        let condition = try eventNode["when"].map { try self.condition($0, key: "event.when") }
        var timeField: String?
        if let node = eventNode["time"] {
            guard let text = node.string, let field = dataType.field(text), field.type == .eventTime else {
                throw error(.invalidValue, node, "event.time", "name a time field of \(dataType.name)")
            }
            timeField = text
        }
        let fieldsNode = try required(document, "fields")
        let data = try objectRule(fieldsNode, type: dataType, key: "fields", topLevel: true)
        var plan = MappingPlan(
            name: name, version: version, file: file, applies: applies, timeZone: timeZone, eventType: eventType,
            each: each, eventCondition: condition, timeField: timeField, data: data, tables: tables)
        plan.requiredCheck = MappingPlan.RequiredCheck(dataType)
        plan.input = try compileInput(document["input"], format: applies.format)  // after the fields: needs their columns
        return plan
    }

    // MARK: Sections

    func compileApplies(_ node: YAMLNode) throws -> MappingPlan.Applicability {
        guard let entries = node.entries else { throw error(.wrongShape, node, "applies", "expected a mapping") }
        let allowed: Set = ["format", "partner", "transactionSet", "versions", "abstract"]
        for entry in entries where !allowed.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: "applies.\(entry.key)",
                               "expected one of \(allowed.sorted().joined(separator: ", "))")
        }
        let formatNode = try required(node, "format", prefix: "applies.")
        guard let format = formatNode.string, ["x12", "csv", "fixed", "xml"].contains(format) else {
            throw error(.invalidValue, formatNode, "applies.format", "expected x12, csv, fixed or xml")
        }
        var versions: [String] = []
        if let versionsNode = node["versions"] {
            guard case .sequence(let items, _) = versionsNode else {
                throw error(.wrongShape, versionsNode, "applies.versions", "expected a list such as [\"004010\"]")
            }
            for item in items {
                guard let v = item.string, !v.isEmpty else { throw error(.invalidValue, item, "applies.versions", "expected a version string") }
                versions.append(v)
            }
        }
        let abstract = node["abstract"]?.string == "true"
        return MappingPlan.Applicability(
            format: format, partner: node["partner"]?.string, transactionSet: node["transactionSet"]?.string,
            versions: versions, abstract: abstract)
    }

    func compileInput(_ node: YAMLNode?, format: String) throws -> MappingPlan.InputSettings {
        if format == "x12" {
            if let node { throw error(.unknownKey, node, "input", "X12 mappings take no input settings") }
            return .x12
        }
        guard let node, let entries = node.entries else {
            throw error(.missingKey, node ?? .null(line: 1), "input", "a \(format) mapping needs an input: section")
        }
        let allowed: Set<String> = switch format {
        case "csv": ["delimiter", "header"]
        case "fixed": ["layout", "groupBy"]
        default: ["recordPath"]
        }
        for entry in entries where !allowed.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: "input.\(entry.key)",
                               "\(format) input takes \(allowed.sorted().joined(separator: ", "))")
        }
        switch format {
        case "csv":
            var options = CSVOptions()
            if let d = node["delimiter"] {
                let names: [String: CSVDelimiter] = ["comma": .comma, "semicolon": .semicolon, "tab": .tab, "pipe": .pipe]
                guard let delimiter = d.string.flatMap({ names[$0] }) else {
                    throw error(.invalidValue, d, "input.delimiter", "expected comma, semicolon, tab or pipe")
                }
                options.delimiter = delimiter
            }
            if let h = node["header"] { options.hasHeader = h.string != "false" }
            return .csv(options, columns: options.hasHeader ? columns.names : [])
        case "fixed":
            let layoutNode = try required(node, "layout", prefix: "input.")
            guard let relative = layoutNode.string, let folder else {
                throw error(.invalidValue, layoutNode, "input.layout", "name a layout file relative to the mappings folder")
            }
            let layout: FixedWidthLayout
            do {
                let data = try Data(contentsOf: folder.appendingPathComponent(relative))
                layout = try FixedWidthLayout(json: data, name: relative)
            } catch {
                throw self.error(.invalidValue, layoutNode, "input.layout", "the layout \(relative) cannot be used: \(error)")
            }
            let groupNode = try required(node, "groupBy", prefix: "input.")
            guard let groupBy = groupNode.string, layout.records.contains(where: { $0.name == groupBy && $0.role == .detail }) else {
                throw error(.invalidValue, groupNode, "input.groupBy", "name a detail record of the layout (\(layout.records.filter { $0.role == .detail }.map(\.name).joined(separator: ", ")))")
            }
            return .fixed(layout, groupBy: groupBy)
        default:
            let pathNode = try required(node, "recordPath", prefix: "input.")
            guard let path = pathNode.string, path.hasPrefix("/") else {
                throw error(.invalidValue, pathNode, "input.recordPath", "an absolute element path such as /Tenders/LoadTender")
            }
            return .xml(recordPath: path, options: XMLReaderOptions())
        }
    }

    mutating func compileTables(_ node: YAMLNode) throws {
        guard let entries = node.entries else { throw error(.wrongShape, node, "tables", "expected a mapping of tables") }
        for entry in entries {
            guard let rows = entry.value.entries else {
                throw MappingError(.wrongShape, file: file, line: entry.line, key: "tables.\(entry.key)", "a table maps codes to values")
            }
            var table = CodeTable(name: entry.key, entries: [:], fallback: nil)
            // A cross-reference file first: rows written in the mapping (or an override) replace its rows.
            if let fileNode = entry.value["file"] {
                table.entries = try CrossReferenceFile.load(
                    fileNode, folder: folder, mappingFile: file, key: "tables.\(entry.key).file")
            }
            for row in rows where row.key != "file" {
                guard let value = row.value.string else {
                    throw MappingError(.wrongShape, file: file, line: row.line, key: "tables.\(entry.key).\(row.key)", "expected a single value")
                }
                if row.key == "*" { table.fallback = value } else { table.entries[row.key] = value }
            }
            tables[entry.key] = table
        }
    }

    // MARK: Field rules

    func fieldRule(_ node: YAMLNode, type: FieldType, key: String) throws -> FieldRule {
        switch type {
        case .object(let object) where object == FieldType.eventTime.objectType:
            return .time(try timeRule(node, key: key))
        case .object(let object) where object.isCoded:
            guard case .enumeration(_, let allowed) = object.field("code")!.type else { fatalError("coded types have enumerated codes") }
            let rule = try valueRule(node, key: key)
            for name in [rule.table].compactMap({ $0 }) {
                let table = tables[name]!
                for value in Array(table.entries.values) + (table.fallback.map { [$0] } ?? []) where !allowed.contains(value) {
                    throw error(.invalidValue, node, "tables.\(name)", "'\(value)' is not a \(object.name) (\(allowed.joined(separator: ", ")))")
                }
            }
            return .coded(rule, allowed: allowed)
        case .object(let object):
            return .object(try objectRule(node, type: object, key: key, topLevel: false))
        case .array(let element):
            return .array(try arrayRule(node, element: element, key: key))
        default:
            var rule = try valueRule(node, key: key)
            if let decimals = rule.decimals, type != .decimal, decimals > 0 {
                throw error(.invalidValue, node, key + ".decimals", "implied decimals apply to decimal fields only")
            }
            if type == .string { rule.plainStringPath = rule.plainX12Path }
            return .value(rule, type)
        }
    }

    func objectRule(_ node: YAMLNode, type: ObjectType, key: String, topLevel: Bool) throws -> ObjectRule {
        guard let entries = node.entries else {
            throw error(.wrongShape, node, key, "\(type.name) is an object: give its fields (\(type.fields.map(\.name).joined(separator: ", ")))")
        }
        var fields: [(name: String, rule: FieldRule)] = []
        var scope: SourcePath?
        var when: Condition?
        for entry in entries {
            let childKey = key + "." + entry.key
            if !topLevel, entry.key == "scope" {
                scope = try path(entry.value, key: childKey, selector: true)
                continue
            }
            if !topLevel, entry.key == "when" {
                when = try condition(entry.value, key: childKey)
                continue
            }
            guard let field = type.field(entry.key) else {
                throw MappingError(.unknownField, file: file, line: entry.line, key: childKey,
                                   "\(type.name) has no field '\(entry.key)'; its fields are \(type.fields.map(\.name).joined(separator: ", "))")
            }
            if case .null = entry.value { continue }
            fields.append((entry.key, try fieldRule(entry.value, type: field.type, key: childKey)))
        }
        return ObjectRule(type: type, fields: fields, scope: scope, condition: when, key: key)
    }

    func arrayRule(_ node: YAMLNode, element: FieldType, key: String) throws -> ArrayRule {
        var rule = ArrayRule(each: nil, item: nil, items: [], condition: nil, key: key)
        if case .sequence(let items, _) = node {
            rule.items = try items.enumerated().map { try fieldRule($1, type: element, key: "\(key)[\($0)]") }
            return rule
        }
        guard let entries = node.entries, let eachNode = node["each"] else {
            throw error(.wrongShape, node, key, "a list is either a YAML list of rules or a mapping with 'each:'")
        }
        rule.each = try path(eachNode, key: key + ".each", selector: true)
        rule.condition = try node["when"].map { try condition($0, key: key + ".when") }
        var rest = entries.filter { $0.key != "each" && $0.key != "when" }
        if let itemsNode = rest.first(where: { $0.key == "items" })?.value {
            guard case .sequence(let items, _) = itemsNode else { throw error(.wrongShape, itemsNode, key + ".items", "expected a list of rules") }
            rule.items = try items.enumerated().map { try fieldRule($1, type: element, key: "\(key).items[\($0)]") }
            rest.removeAll { $0.key == "items" }
            if let extra = rest.first {
                throw MappingError(.unknownKey, file: file, line: extra.line, key: key + "." + extra.key, "beside 'items' only 'each' and 'when' are allowed")
            }
            return rule
        }
        rule.item = try fieldRule(.mapping(rest, line: node.line), type: element, key: key)
        return rule
    }

    func timeRule(_ node: YAMLNode, key: String) throws -> TimeRule {
        guard let entries = node.entries else { throw error(.wrongShape, node, key, "a time is a mapping of date, time, zone (or dateTime)") }
        for entry in entries where !MappingCompiler.timeKeys.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: key + "." + entry.key,
                               "a time takes \(MappingCompiler.timeKeys.sorted().joined(separator: ", "))")
        }
        func sub(_ name: String) throws -> ValueRule? { try node[name].map { try valueRule($0, key: key + "." + name) } }
        let rule = TimeRule(
            date: try sub("date"), time: try sub("time"), dateTime: try sub("dateTime"), zone: try sub("zone"),
            stopZone: try sub("stopZone"), scope: try node["scope"].map { try path($0, key: key + ".scope", selector: true) },
            condition: try node["when"].map { try condition($0, key: key + ".when") }, key: key)
        guard (rule.date == nil) != (rule.dateTime == nil) else {
            throw error(.missingKey, node, key, "a time needs either 'date' (with 'time') or 'dateTime'")
        }
        return rule
    }

    func valueRule(_ node: YAMLNode, key: String) throws -> ValueRule {
        if let text = node.string {
            return ValueRule(source: .paths([try path(node, key: key, selector: false, text: text)]), key: key)
        }
        guard let entries = node.entries else {
            throw error(.wrongShape, node, key, "expected a path or a mapping of path, value, concat, table, ...")
        }
        for entry in entries where !MappingCompiler.valueKeys.contains(entry.key) {
            throw MappingError(.unknownKey, file: file, line: entry.line, key: key + "." + entry.key,
                               "a value rule takes \(MappingCompiler.valueKeys.sorted().joined(separator: ", "))")
        }
        let sources = ["path", "value", "concat"].filter { node[$0] != nil }
        guard sources.count == 1 else { throw error(.missingKey, node, key, "give exactly one of path, value or concat") }
        var rule: ValueRule
        switch sources[0] {
        case "path":
            let pathNode = node["path"]!
            if case .sequence(let items, _) = pathNode {
                rule = ValueRule(source: .paths(try items.map { try path($0, key: key + ".path", selector: false) }), key: key)
            } else {
                rule = ValueRule(source: .paths([try path(pathNode, key: key + ".path", selector: false)]), key: key)
            }
        case "value":
            guard let text = node["value"]!.string else { throw error(.wrongShape, node["value"], key + ".value", "expected a single value") }
            rule = ValueRule(source: .constant(text), key: key)
        default:
            guard case .sequence(let items, _) = node["concat"]! else {
                throw error(.wrongShape, node["concat"], key + ".concat", "expected a list of rules")
            }
            let parts = try items.enumerated().map { try valueRule($1, key: "\(key).concat[\($0)]") }
            rule = ValueRule(source: .concat(parts, separator: node["separator"]?.string ?? ""), key: key)
        }
        if let trim = node["trim"] {
            guard let flag = trim.string, flag == "true" || flag == "false" else {
                throw error(.invalidValue, trim, key + ".trim", "expected true or false")
            }
            rule.trim = flag == "true"
        }
        rule.defaultValue = node["default"]?.string
        for (name, isLookup) in [("table", false), ("lookup", true)] {
            guard let tableNode = node[name] else { continue }
            guard let tableName = tableNode.string, tables[tableName] != nil else {
                throw error(.unknownTable, tableNode, key + "." + name,
                            "no table '\(tableNode.string ?? "")' under tables: (\(tables.keys.sorted().joined(separator: ", ")))")
            }
            if isLookup {
                rule.lookup = tableName
                rule.lookupEntries = tables[tableName]
            } else {
                rule.table = tableName
                rule.tableEntries = tables[tableName]
            }
        }
        if let missNode = node["onMiss"] {
            guard rule.lookup != nil else {
                throw error(.invalidValue, missNode, key + ".onMiss", "onMiss says what a lookup does with a code its table lacks; give lookup: too")
            }
            guard let text = missNode.string, let miss = ValueRule.LookupMiss(rawValue: text) else {
                throw error(.invalidValue, missNode, key + ".onMiss", "expected absent, keep, warn or reject")
            }
            rule.onMiss = miss
        }
        if let decimalsNode = node["decimals"] {
            guard let n = decimalsNode.string.flatMap(Int.init), (0...6).contains(n) else {
                throw error(.invalidValue, decimalsNode, key + ".decimals", "implied decimals are 0 to 6")
            }
            rule.decimals = n
        }
        if let hemisphere = node["coordinate"] {
            rule.coordinate = [try valueRule(hemisphere, key: key + ".coordinate")]
        }
        rule.condition = try node["when"].map { try condition($0, key: key + ".when") }
        return rule
    }

    func condition(_ node: YAMLNode, key: String) throws -> Condition {
        guard let entries = node.entries else { throw error(.wrongShape, node, key, "a condition is a mapping: path, then equals, in, notIn, present or absent") }
        let tests = entries.filter { ["equals", "in", "notIn", "present", "absent"].contains($0.key) }
        guard tests.count == 1 else { throw error(.missingKey, node, key, "give exactly one of equals, in, notIn, present, absent") }
        let valueEntries = entries.filter { !["equals", "in", "notIn", "present", "absent"].contains($0.key) }
        let value = try valueRule(.mapping(valueEntries, line: node.line), key: key)
        let testNode = tests[0].value
        func list() throws -> [String] {
            if let one = testNode.string { return [one] }
            guard case .sequence(let items, _) = testNode else { throw error(.wrongShape, testNode, key + "." + tests[0].key, "expected a value or a list") }
            return try items.map { item in
                guard let s = item.string else { throw error(.wrongShape, item, key + "." + tests[0].key, "expected a value") }
                return s
            }
        }
        switch tests[0].key {
        case "equals", "in": return Condition(value: value, test: .equals(try list()))
        case "notIn": return Condition(value: value, test: .notEquals(try list()))
        case "present": return Condition(value: value, test: testNode.string == "false" ? .absent : .present)
        default: return Condition(value: value, test: testNode.string == "false" ? .present : .absent)
        }
    }

    func path(_ node: YAMLNode, key: String, selector: Bool, text: String? = nil) throws -> SourcePath {
        guard let text = text ?? node.string, !text.isEmpty else { throw error(.wrongShape, node, key, "expected a path") }
        do {
            if format == "x12" { return .x12(try X12Path(parsing: text, selector: selector)) }
            let path = try RecordPath(parsing: text, selector: selector)
            if format == "csv", let field = path.field, !field.hasPrefix("#") { columns.names.insert(field) }
            return .record(path)
        } catch .invalid(let message) {
            throw error(.invalidPath, node, key, message)
        }
    }

    // MARK: Helpers

    func required(_ node: YAMLNode, _ name: String, prefix: String = "") throws -> YAMLNode {
        guard let value = node[name] else { throw error(.missingKey, node, prefix + name, "'\(name)' is required") }
        return value
    }

    func requiredString(_ node: YAMLNode, _ name: String) throws -> String {
        let value = try required(node, name)
        guard let s = value.string, !s.isEmpty else { throw error(.invalidValue, value, name, "expected a name") }
        return s
    }
}
