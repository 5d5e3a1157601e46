import Canonical
import FlatFile
import Foundation

/// One CSV record as a scope: a column by header name (`status_code`) or 1-based position (`#3`).
struct CSVScope: MappingScope {
    let record: CSVRecord

    func value(_ path: SourcePath) -> String {
        guard case .record(let path) = path, path.steps.isEmpty, let field = path.field else { return "" }
        if field.hasPrefix("#"), let position = Int(field.dropFirst()) { return record[.position(position)] ?? "" }
        return record[.name(field)] ?? ""
    }

    func select(_ path: SourcePath) -> [any MappingScope] { [] }
}

/// A fixed-width record with the detail records that follow it (an invoice and its charges); the file's
/// header and trailer hang below the top scope, so `/header/currency` reads the header.
final class FixedWidthScope: MappingScope {
    let record: FixedWidthRecord?
    let childRecords: [FixedWidthRecord]
    let parent: FixedWidthScope?

    init(record: FixedWidthRecord?, childRecords: [FixedWidthRecord], parent: FixedWidthScope?) {
        self.record = record
        self.childRecords = childRecords
        self.parent = parent
    }

    private func start(_ path: RecordPath) -> FixedWidthScope? {
        if path.fromRoot {
            var scope = self
            while let up = scope.parent { scope = up }
            return scope
        }
        var scope: FixedWidthScope? = self
        for _ in 0..<path.up { scope = scope?.parent }
        return scope
    }

    private func descend(_ steps: [String]) -> [FixedWidthScope] {
        var scopes = [self]
        for step in steps {
            scopes = scopes.flatMap { scope in
                scope.childRecords.filter { $0.name == step }.map { FixedWidthScope(record: $0, childRecords: [], parent: scope) }
            }
        }
        return scopes
    }

    func value(_ path: SourcePath) -> String {
        guard case .record(let path) = path, let field = path.field, let scope = start(path)?.descend(path.steps).first,
            let record = scope.record, let value = record[field], let index = record.layout.fieldIndex(field)
        else { return "" }
        return FixedWidthScope.text(value, record.layout.fields[index - 1].type)
    }

    func select(_ path: SourcePath) -> [any MappingScope] {
        guard case .record(let path) = path, let scope = start(path) else { return [] }
        return scope.descend(path.steps)
    }

    /// A field's value as mapping text: decimals with the layout's scale (`1450.00`), dates in ISO 8601.
    static func text(_ value: FieldValue, _ type: FieldLayout.FieldType) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let n): return String(n)
        case .decimal(let d):
            guard case .decimal(let scale) = type, scale > 0 else { return NSDecimalNumber(decimal: d).stringValue }
            var scaled = d
            for _ in 0..<scale { scaled *= 10 }
            return Evaluator.impliedDecimal(NSDecimalNumber(decimal: scaled).stringValue, scale) ?? ""
        case .date(let date): return date.description
        case .blank: return ""
        }
    }
}

/// An XML record element as a scope: element paths, `@attribute`, `.` for the element's own text.
final class XMLScope: MappingScope {
    let element: XMLRecordElement
    let parent: XMLScope?

    init(element: XMLRecordElement, parent: XMLScope?) {
        self.element = element
        self.parent = parent
    }

    private func start(_ path: RecordPath) -> XMLScope? {
        var scope: XMLScope? = self
        if path.fromRoot {
            while let up = scope?.parent { scope = up }
        } else {
            for _ in 0..<path.up { scope = scope?.parent }
        }
        return scope
    }

    func value(_ path: SourcePath) -> String {
        guard case .record(let path) = path, let scope = start(path) else { return "" }
        if path.relative == "." { return scope.element.text }
        return scope.element.value(at: path.relative) ?? ""
    }

    func select(_ path: SourcePath) -> [any MappingScope] {
        guard case .record(let path) = path, let scope = start(path) else { return [] }
        return scope.element.elements(at: path.relative).map { XMLScope(element: $0, parent: scope) }
    }
}
