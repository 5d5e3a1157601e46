import Foundation

/// A record type prepared for reading: prefix bytes and 0-based character offsets.
struct CompiledRecord {
    enum Kind {
        case text, integer
        case decimal(impliedDecimals: Int)
        case date(DateFormat)
    }

    /// A class, so that walking a record's fields retains one reference instead of copying the layout's strings.
    final class Field {
        let layout: FieldLayout
        let start: Int
        let kind: Kind

        init(layout: FieldLayout, start: Int, kind: Kind) {
            self.layout = layout
            self.start = start
            self.kind = kind
        }
    }

    let layout: RecordLayout
    let prefix: [UInt8]
    let prefixStart: Int
    let prefixLength: Int
    let fields: [Field]

    /// Expects a validated layout.
    init(_ layout: RecordLayout) {
        self.layout = layout
        prefix = Array(layout.prefix.utf8)
        prefixStart = layout.prefixOffset - 1
        prefixLength = layout.prefix.unicodeScalars.count
        fields = layout.fields.map { field in
            let kind: Kind
            switch field.type {
            case .text: kind = .text
            case .integer: kind = .integer
            case .decimal(let implied): kind = .decimal(impliedDecimals: implied)
            // Validation has checked the pattern; an unusable one reads every value as invalid.
            case .date(let pattern): kind = DateFormat(pattern).map(Kind.date) ?? .text
            }
            return Field(layout: field, start: field.offset - 1, kind: kind)
        }
    }
}

extension FixedWidthReader {
    /// Slices, trims and converts one field.
    func read(
        _ field: CompiledRecord.Field, number: Int, from bytes: UnsafeBufferPointer<UInt8>, characters: [Int]?
    ) throws -> FieldValue {
        var range = byteRange(field.start, field.layout.length, characters: characters, count: bytes.count)
        let space = UInt8(ascii: " ")
        if field.layout.trim == .leading || field.layout.trim == .both {
            while range.lowerBound < range.upperBound, bytes[range.lowerBound] == space { range = (range.lowerBound + 1)..<range.upperBound }
        }
        if field.layout.trim == .trailing || field.layout.trim == .both {
            while range.lowerBound < range.upperBound, bytes[range.upperBound - 1] == space { range = range.lowerBound..<(range.upperBound - 1) }
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        func failure(_ code: FlatFileError.Code, _ message: String) -> FlatFileError {
            FlatFileError(
                code: code, position: position(column: field.layout.offset, field: number, fieldName: field.layout.name),
                message: message)
        }
        if slice.allSatisfy({ $0 == space }) {
            if field.layout.required { throw failure(.missingFieldValue, "the field is required but blank") }
            if case .text = field.kind { return .text(text(slice)) }
            return .blank
        }
        switch field.kind {
        case .text:
            return .text(text(slice))
        case .integer:
            guard let value = Self.integer(slice) else {
                throw failure(.invalidFieldValue, "the field is not an integer (digits with an optional leading or trailing sign)")
            }
            return .integer(value)
        case .decimal(let implied):
            guard let value = Self.decimal(slice, impliedDecimals: implied) else {
                throw failure(
                    .invalidFieldValue,
                    implied > 0
                        ? "the field is not an amount with \(implied) implied decimals (digits with an optional sign, no point)"
                        : "the field is not a decimal number (digits with an optional sign and point)")
            }
            return .decimal(value)
        case .date(let format):
            guard let value = format.parse(slice) else {
                throw failure(.invalidFieldValue, "the field is not a valid date in the format \(format.pattern)")
            }
            return .date(value)
        }
    }

    /// The text of a field; UTF-8 lines were validated whole, so decoding cannot fail here.
    private func text(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        layout.encoding.string(slice) ?? String(decoding: slice, as: UTF8.self)
    }

    /// Splits an optional leading or trailing sign off `bytes`: (negative, digits).
    private static func sign(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, UnsafeBufferPointer<UInt8>)? {
        guard let first = bytes.first, let last = bytes.last else { return nil }
        let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-")
        if first == plus || first == minus { return (first == minus, UnsafeBufferPointer(rebasing: bytes.dropFirst())) }
        if last == plus || last == minus { return (last == minus, UnsafeBufferPointer(rebasing: bytes.dropLast())) }
        return (false, bytes)
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let (negative, digits) = sign(bytes), !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return negative ? -value : value
    }

    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, impliedDecimals: Int) -> Decimal? {
        guard let (negative, digits) = sign(bytes), !digits.isEmpty else { return nil }
        var significand: UInt64 = 0
        var count = 0
        var scale = impliedDecimals
        var sawPoint = false
        for byte in digits {
            if byte == UInt8(ascii: "."), impliedDecimals == 0, !sawPoint {
                sawPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            count += 1
            guard count <= 19 else { return nil }
            significand = significand * 10 + UInt64(digit)
            if sawPoint { scale += 1 }
        }
        guard count > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }
}
