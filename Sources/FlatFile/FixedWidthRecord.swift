/// One record of a fixed-width file: its record type, its typed field values and where it was.
public struct FixedWidthRecord: Sendable, Hashable {
    /// The record type that read the line.
    public let layout: RecordLayout
    /// One value per field of `layout.fields`, in the same order.
    public let values: [FieldValue]
    /// File name, line and record number (the header is record 1).
    public let position: RecordPosition

    public init(layout: RecordLayout, values: [FieldValue], position: RecordPosition) {
        self.layout = layout
        self.values = values
        self.position = position
    }

    /// The record type's name (`invoice`, `charge`).
    public var name: String { layout.name }
    public var role: RecordLayout.Role { layout.role }

    /// The value of the field called `field`, or nil when the record type has no such field.
    public subscript(field: String) -> FieldValue? {
        layout.fieldIndex(field).map { values[$0 - 1] }
    }

    /// The value of the field called `field`.
    ///
    /// - Throws: `FlatFileError` with `.unknownColumn` at this record when the record type has no such field.
    public func value(_ field: String) throws -> FieldValue {
        guard let value = self[field] else {
            var at = position
            at.fieldName = field
            throw FlatFileError(
                code: .unknownColumn, position: at, message: "the record type \(name) has no field of that name")
        }
        return value
    }
}
