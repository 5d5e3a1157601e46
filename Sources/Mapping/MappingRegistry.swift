import Canonical
import FlatFile
public import Foundation

/// Every mapping of a folder, compiled once, and the choice of one for an input: the most specific
/// match wins (partner + set + version, then set + version, then set).
public struct MappingRegistry: Sendable {
    public private(set) var plans: [MappingPlan] = []
    /// Mistakes found while loading; the plans that loaded are still usable.
    public private(set) var errors: [MappingError] = []
    /// The body mappings of the folder's `bodies/` (outbound JSON bodies, see `OutboundBodyMapping`), by file.
    public private(set) var bodies: [OutboundBodyMapping] = []

    /// Loads every `.yaml`/`.yml` file under `folder` except those under `tests/`, resolving `extends:`.
    public init(folder: URL) {
        var documents: [(file: String, node: YAMLNode)] = []
        var loadErrors: [MappingError] = []
        for relative in MappingRegistry.files(under: folder) {
            do {
                let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
                documents.append((relative, try YAMLNode.parse(text, file: relative)))
            } catch let error as MappingError {
                loadErrors.append(error)
            } catch {
                loadErrors.append(MappingError(.unreadableFile, file: relative, line: nil, key: "", "\(error)"))
            }
        }
        self.init(documents: documents, preErrors: loadErrors, folder: folder)
        loadBodies(folder: folder)
    }

    /// Compiles every `.yaml`/`.yml` file under `bodies/` (except `bodies/tests/`) as a body mapping.
    private mutating func loadBodies(folder: URL) {
        var names: [String: String] = [:]
        for relative in MappingRegistry.files(under: folder.appendingPathComponent("bodies")).map({ "bodies/" + $0 }) {
            do {
                let body = try OutboundBodyMapping(file: relative, folder: folder)
                if let other = names[body.name] {
                    errors.append(MappingError(.duplicateName, file: relative, line: nil, key: "body", "the name '\(body.name)' is already used by \(other)"))
                    continue
                }
                names[body.name] = relative
                bodies.append(body)
            } catch {
                errors.append(error)
            }
        }
        errors.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
    }

    /// The body mapping named `name` (its `body:` key), for an HTTP destination's `body_mapping`.
    public func body(named name: String) -> OutboundBodyMapping? { bodies.first { $0.name == name } }

    /// Loads mappings given as text, by file name (tests, embedded mappings).
    public init(texts: [(file: String, text: String)]) {
        var documents: [(file: String, node: YAMLNode)] = []
        var errors: [MappingError] = []
        for (file, text) in texts {
            do {
                documents.append((file, try YAMLNode.parse(text, file: file)))
            } catch let error as MappingError {
                errors.append(error)
            } catch {
                errors.append(MappingError(.invalidYAML, file: file, line: nil, key: "", "\(error)"))
            }
        }
        self.init(documents: documents, preErrors: errors)
    }

    init(documents: [(file: String, node: YAMLNode)], preErrors: [MappingError], folder: URL? = nil) {
        errors = preErrors
        var byName: [String: (file: String, node: YAMLNode)] = [:]
        for document in documents {
            guard let name = document.node["mapping"]?.string else {
                errors.append(MappingError(.missingKey, file: document.file, line: document.node.line, key: "mapping", "'mapping' (the name) is required"))
                continue
            }
            if let other = byName[name] {
                errors.append(MappingError(.duplicateName, file: document.file, line: document.node["mapping"]?.line, key: "mapping",
                                           "the name '\(name)' is already used by \(other.file)"))
                continue
            }
            byName[name] = document
        }
        for name in byName.keys.sorted() {
            let document = byName[name]!
            do {
                let merged = try MappingRegistry.resolve(name, byName: byName, seen: [])
                var compiler = MappingCompiler(file: document.file)
                compiler.folder = folder
                plans.append(try compiler.compile(merged))
            } catch let error as MappingError {
                errors.append(error)
            } catch {
                errors.append(MappingError(.invalidValue, file: document.file, line: nil, key: "", "\(error)"))
            }
        }
        plans.sort { $0.file < $1.file }
        // Two mappings that claim exactly the same inputs cannot be told apart.
        for (i, a) in plans.enumerated() {
            for b in plans[(i + 1)...] where !a.applies.abstract && a.applies == b.applies {
                errors.append(MappingError(.ambiguousMappings, file: b.file, line: nil, key: "applies",
                                           "applies to exactly what \(a.file) applies to; make one more specific"))
            }
        }
        errors.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        // A broken table file that several mappings name (a base and its overrides) is one mistake.
        var seen: Set<MappingError> = []
        errors = errors.filter { seen.insert($0).inserted }
    }

    public func plan(named name: String) -> MappingPlan? { plans.first { $0.name == name } }

    /// This registry with every plan making its events through the mapped tree, the general way that
    /// writing the data while the fields are evaluated must match byte for byte (for tests).
    func makingEventsThroughMappedTree() -> MappingRegistry {
        var registry = self
        for i in registry.plans.indices { registry.plans[i].writesDataWhileEvaluating = false }
        return registry
    }

    /// The most specific plan for an input; `partner` lists the ids the input is known by (ISA06, GS02).
    public func plan(format: String, partner: [String], transactionSet: String?, version: String?) -> MappingPlan? {
        plans.filter { $0.applies.matches(format: format, partner: partner, transactionSet: transactionSet, version: version) }
            .max { $0.applies.specificity < $1.applies.specificity }
    }

    /// The most specific flat-file plan of `formats` for `bytes`: a fixed-width mapping only when its
    /// layout knows the first line. Flat files name no sender, so a mapping that names a partner applies
    /// unless `partner` (from `--partner` or the route) names another.
    public func flatPlan(formats: [String], partner: String?, bytes: [UInt8]) -> MappingPlan? {
        let firstLine = String(decoding: bytes.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        let candidates = plans.filter { plan in
            guard !plan.applies.abstract, formats.contains(plan.applies.format) else { return false }
            if let p = plan.applies.partner, let partner, p != partner { return false }
            if case .csv(let options, let columns) = plan.input {
                let header = firstLine.replacingOccurrences(of: "\u{FEFF}", with: "")
                    .split(separator: Character(options.delimiter.rawValue), omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
                return columns.isSubset(of: Set(header))
            }
            if case .fixed(let layout, _) = plan.input {
                return layout.records.contains { record in
                    let start = firstLine.index(firstLine.startIndex, offsetBy: record.prefixOffset - 1, limitedBy: firstLine.endIndex)
                    return start.map { firstLine[$0...].hasPrefix(record.prefix) } ?? false
                }
            }
            return true
        }
        return candidates.max { a, b in
            let fixedA = a.applies.format == "fixed" ? 1 : 0, fixedB = b.applies.format == "fixed" ? 1 : 0
            return (fixedA, a.applies.specificity) < (fixedB, b.applies.specificity)
        }
    }

    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            // Golden cases, and body mappings (compiled apart, by `loadBodies`).
            if path == "tests" || path.hasPrefix("tests/") || path == "bodies" || path.hasPrefix("bodies/") { continue }
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { files.append(path) }
        }
        return files.sorted()
    }

    // MARK: extends

    /// The document of `name` with its `extends:` chain merged in, base first.
    static func resolve(_ name: String, byName: [String: (file: String, node: YAMLNode)], seen: [String]) throws -> YAMLNode {
        let document = byName[name]!
        guard let baseNode = document.node["extends"] else { return document.node }
        guard let baseName = baseNode.string, byName[baseName] != nil else {
            throw MappingError(.unknownBase, file: document.file, line: baseNode.line, key: "extends",
                               "no mapping named '\(baseNode.string ?? "")' in this folder")
        }
        guard !seen.contains(baseName), baseName != name else {
            throw MappingError(.cyclicExtends, file: document.file, line: baseNode.line, key: "extends",
                               "extends chain loops: \((seen + [name, baseName]).joined(separator: " → "))")
        }
        let base = try resolve(baseName, byName: byName, seen: seen + [name])
        return merge(base: base, child: document.node)
    }

    /// Child keys replace base keys; `applies`, `event` and `tables` merge key by key; `fields` merge into
    /// objects recursively (a child rule replaces the base rule for that field; `~` removes it).
    static func merge(base: YAMLNode, child: YAMLNode) -> YAMLNode {
        guard case .mapping(var entries, let line) = base, let childEntries = child.entries else { return child }
        let typeNode = child["event"]?["type"] ?? base["event"]?["type"]
        let dataType = eventDataType(of: typeNode, tables: child["tables"], fallbackTables: base["tables"])
        entries.removeAll { $0.key == "abstract" }
        for entry in childEntries where entry.key != "extends" {
            let merged: YAMLNode
            if let existing = entries.first(where: { $0.key == entry.key })?.value {
                switch entry.key {
                case "applies":
                    merged = mergeKeys(existing, entry.value, removing: ["abstract"])
                case "event":
                    merged = mergeKeys(existing, entry.value)
                case "tables":
                    merged = mergeTables(existing, entry.value)
                case "fields":
                    merged = dataType.map { mergeFields(existing, entry.value, type: $0) } ?? entry.value
                default:
                    merged = entry.value
                }
            } else {
                merged = entry.value
            }
            if let i = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[i].value = merged
            } else {
                entries.append(YAMLNode.Entry(key: entry.key, line: entry.line, value: merged))
            }
        }
        if let i = entries.firstIndex(where: { $0.key == "applies" }), child["applies"]?["abstract"] == nil {
            entries[i].value = mergeKeys(entries[i].value, .mapping([], line: line), removing: ["abstract"])
        }
        return .mapping(entries, line: child.line)
    }

    static func mergeKeys(_ base: YAMLNode, _ child: YAMLNode, removing: Set<String> = []) -> YAMLNode {
        guard case .mapping(var entries, _) = base, let childEntries = child.entries else { return child }
        entries.removeAll { removing.contains($0.key) }
        for entry in childEntries {
            if let i = entries.firstIndex(where: { $0.key == entry.key }) { entries[i] = entry } else { entries.append(entry) }
        }
        return .mapping(entries, line: child.line)
    }

    static func mergeTables(_ base: YAMLNode, _ child: YAMLNode) -> YAMLNode {
        guard case .mapping(var entries, _) = base, let childEntries = child.entries else { return child }
        for entry in childEntries {
            if let i = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[i].value = mergeKeys(entries[i].value, entry.value)
            } else {
                entries.append(entry)
            }
        }
        return .mapping(entries, line: child.line)
    }

    static func mergeFields(_ base: YAMLNode, _ child: YAMLNode, type: ObjectType) -> YAMLNode {
        guard case .mapping(var entries, _) = base, let childEntries = child.entries else { return child }
        for entry in childEntries {
            guard let i = entries.firstIndex(where: { $0.key == entry.key }) else {
                entries.append(entry)
                continue
            }
            if case .null = entry.value {
                entries.remove(at: i)
                continue
            }
            if let object = type.field(entry.key)?.type.objectType, !object.isCoded, object != FieldType.eventTime.objectType,
                entries[i].value.entries != nil, entry.value.entries != nil
            {
                entries[i].value = mergeFields(entries[i].value, entry.value, type: object)
            } else {
                entries[i] = entry
            }
        }
        return .mapping(entries, line: child.line)
    }

    static func eventDataType(of typeNode: YAMLNode?, tables: YAMLNode?, fallbackTables: YAMLNode?) -> ObjectType? {
        guard let typeNode else { return nil }
        if let text = typeNode.string { return EventType(rawValue: text)?.dataType }
        guard let tableName = typeNode["table"]?.string else { return nil }
        let table = tables?[tableName] ?? fallbackTables?[tableName]
        let first = table?.entries?.first?.value.string
        return first.flatMap(EventType.init(rawValue:))?.dataType
    }
}
