/// An input a plan reads from: an X12 loop instance, a flat record, an XML element.
protocol MappingScope: Sendable {
    /// The value `path` reads here, untrimmed; empty when absent.
    func value(_ path: SourcePath) -> String
    /// Every scope `path` selects from here, in input order.
    func select(_ path: SourcePath) -> [any MappingScope]
    /// The first scope `select(path)` would give, found without collecting the others.
    func selectFirst(_ path: SourcePath) -> (any MappingScope)?
    /// `value(.x12(path))`, trimmed of blanks when `trimmed`: without wrapping the path (a copy of the enum
    /// per value read) and, for X12, trimmed on the bytes before a string is made.
    func value(x12 path: X12Path, trimmed: Bool) -> String
    /// `value(x12:trimmed:)` written to `out` as a JSON string; false, with nothing written, when empty.
    /// For X12, straight from the kept bytes when they are ASCII (no string made).
    func writeValue(x12 path: X12Path, trimmed: Bool, to out: inout DataOutput) -> Bool
    /// The ASCII digits of `value(x12:trimmed:)` (`TimeResolver.digits`); nil when that value is empty.
    /// For X12, counted on the kept bytes (no string made).
    func digits(x12 path: X12Path, trimmed: Bool) -> TimeResolver.Digits?
}

extension MappingScope {
    func selectFirst(_ path: SourcePath) -> (any MappingScope)? { select(path).first }

    func value(x12 path: X12Path, trimmed: Bool) -> String {
        let raw = value(.x12(path))
        return trimmed ? raw.trimmedOfBlanks : raw
    }

    func writeValue(x12 path: X12Path, trimmed: Bool, to out: inout DataOutput) -> Bool {
        let text = value(x12: path, trimmed: trimmed)
        guard !text.isEmpty else { return false }
        out.string(text)
        return true
    }

    func digits(x12 path: X12Path, trimmed: Bool) -> TimeResolver.Digits? {
        let text = value(x12: path, trimmed: trimmed)
        return text.isEmpty ? nil : TimeResolver.digits(text)
    }
}

extension X12Scope: MappingScope {
    func value(_ path: SourcePath) -> String {
        guard case .x12(let path) = path else { return "" }
        return value(path)
    }

    func value(x12 path: X12Path, trimmed: Bool) -> String { value(path, trimmed: trimmed) }

    func writeValue(x12 path: X12Path, trimmed: Bool, to out: inout DataOutput) -> Bool {
        writeValue(path, trimmed: trimmed, to: &out)
    }

    func digits(x12 path: X12Path, trimmed: Bool) -> TimeResolver.Digits? { digits(path, trimmed: trimmed) }

    func select(_ path: SourcePath) -> [any MappingScope] {
        guard case .x12(let path) = path else { return [] }
        return select(path)
    }

    func selectFirst(_ path: SourcePath) -> (any MappingScope)? {
        guard case .x12(let path) = path else { return nil }
        return selectFirst(path)
    }
}
