public import Foundation

/// A decimal number kept as the text it was written as (`"1855.00"`, `"-45.00"`, `"38600"`), never as a
/// binary float: amounts, rates and weights survive a round trip digit for digit.
public struct DecimalString: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    /// Accepts an optional minus sign, digits, and an optional fraction (`-12.5`, `0.62`); nothing else.
    public init?(_ text: String) {
        guard DecimalString.isValid(text) else { return nil }
        self.text = text
    }

    public var decimal: Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
    public var description: String { text }

    public static func isValid(_ text: String) -> Bool {
        // One pass over the bytes, no parts array: every mapped amount and weight is checked (twice).
        var digitsBefore = 0, digitsAfter = 0, points = 0
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            if byte >= 0x30 && byte <= 0x39 {
                if points == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            } else if byte == UInt8(ascii: ".") {
                points += 1
                if points > 1 { return false }
            } else if byte == UInt8(ascii: "-"), first {
                continue
            } else {
                return false
            }
        }
        return digitsBefore > 0 && (points == 0 || digitsAfter > 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard DecimalString.isValid(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a decimal number"))
        }
        self.text = text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// An amount of money: a decimal string and an ISO 4217 currency code.
public struct Money: Sendable, Hashable, Codable {
    public var amount: DecimalString
    public var currency: String

    public init(amount: DecimalString, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// A measured quantity (weight, distance, pieces) with the unit as the source wrote it (`L`, `K`, `DM`).
public struct Quantity: Sendable, Hashable, Codable {
    public var value: DecimalString
    public var unit: String?

    public init(value: DecimalString, unit: String?) {
        self.value = value
        self.unit = unit
    }
}

/// A canonical code with the partner's original code beside it (`delivered` from AT701 `D1`).
public struct CodedValue: Sendable, Hashable, Codable {
    public var code: String
    public var original: String

    public init(code: String, original: String) {
        self.code = code
        self.original = original
    }
}

/// A reference number and what it is (`BM` bill of lading, `PO` purchase order, ...).
public struct Reference: Sendable, Hashable, Codable {
    public var qualifier: String
    public var value: String

    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

/// A place or a party: names, ids and address, as much as the source gave.
public struct Location: Sendable, Hashable, Codable {
    public var name: String?
    /// The partner's id for the place (N104) and its qualifier (N103).
    public var id: String?
    public var idQualifier: String?
    /// The id after a cross-reference lookup (partner code → our id), when a table has it.
    public var canonicalId: String?
    public var address: [String]?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    /// Decimal degrees, north and east positive.
    public var latitude: DecimalString?
    public var longitude: DecimalString?
}

/// The parties of a shipment by role.
public struct Parties: Sendable, Hashable, Codable {
    public var shipper: Location?
    public var consignee: Location?
    public var billTo: Location?
}

/// Equipment asked for or used: type (canonical + original), number, length in feet.
public struct Equipment: Sendable, Hashable, Codable {
    public var type: CodedValue?
    public var scac: String?
    public var number: String?
    public var lengthFeet: DecimalString?
}
