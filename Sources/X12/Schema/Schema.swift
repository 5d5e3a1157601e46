/// Transaction set schemas as data: segment order, loops, requirement designators, element types,
/// lengths and the code lists that matter. The validator walks these; nothing about a set is hard-coded
/// in the walker.

/// Segment and element requirement designators.
public enum Requirement: String, Sendable, Hashable {
    /// M: must be present.
    case mandatory = "M"
    /// O: may be present.
    case optional = "O"
    /// X: relational — required or excluded depending on a syntax note of the segment.
    case relational = "X"
}

/// X12 data element types.
public enum ElementType: Sendable, Hashable {
    /// AN: string.
    case string
    /// ID: a code from a list.
    case identifier
    /// Nn: integer with `n` implied decimal places (N0, N2, ...). Sign not counted in length.
    case numeric(decimals: Int)
    /// R: decimal number with optional sign and explicit point, neither counted in length.
    case decimal
    /// DT: CCYYMMDD (max 8) or YYMMDD (max 6).
    case date
    /// TM: HHMM[SS[d..]].
    case time
    /// B: binary (not used by the sets Crossdock reads).
    case binary

    /// The X12 spelling: `AN`, `ID`, `N2`, `R`, `DT`, `TM`, `B`.
    public var code: String {
        switch self {
        case .string: "AN"
        case .identifier: "ID"
        case .numeric(let d): "N\(d)"
        case .decimal: "R"
        case .date: "DT"
        case .time: "TM"
        case .binary: "B"
        }
    }
}

/// A list of valid codes for an ID element.
public struct CodeList: Sendable, Hashable {
    /// The data element number it belongs to, e.g. 1650 for AT701.
    public var element: Int
    public var codes: Set<String>
    /// Whether a code outside the list is an error (true) or a warning (false: the list is known to be
    /// incomplete or partners commonly send codes from another version).
    public var closed: Bool

    public init(element: Int, codes: Set<String>, closed: Bool = true) {
        self.element = element
        self.codes = codes
        self.closed = closed
    }

    public init(element: Int, _ codes: String..., closed: Bool = true) {
        self.init(element: element, codes: Set(codes), closed: closed)
    }
}

/// A data element's definition in the dictionary.
public struct ElementDefinition: Sendable, Hashable {
    /// Data element reference number (AK402), e.g. 98 for N101.
    public var reference: Int
    public var name: String
    public var type: ElementType
    public var minLength: Int
    public var maxLength: Int
    public var codes: CodeList?

    public init(_ reference: Int, _ name: String, _ type: ElementType, _ minLength: Int, _ maxLength: Int, codes: CodeList? = nil) {
        self.reference = reference
        self.name = name
        self.type = type
        self.minLength = minLength
        self.maxLength = maxLength
        self.codes = codes
    }
}

/// An element's use at one position of a segment (or a component of a composite).
public struct ElementUse: Sendable, Hashable {
    public var definition: ElementDefinition
    public var requirement: Requirement
    /// Maximum repetitions (5010 repeating elements); 1 for most.
    public var maxRepeat: Int
    /// The components when this position is a composite (e.g. C040 in L11 5010); empty for a simple element.
    public var components: [ElementUse]
    /// The composite's own identifier (e.g. "C040"); nil for a simple element.
    public var compositeID: String?

    public init(_ definition: ElementDefinition, _ requirement: Requirement, maxRepeat: Int = 1) {
        self.definition = definition
        self.requirement = requirement
        self.maxRepeat = maxRepeat
        self.components = []
        self.compositeID = nil
    }

    /// A composite element: `components` in order; `reference` 0.
    public init(composite id: String, name: String, _ requirement: Requirement, components: [ElementUse], maxRepeat: Int = 1) {
        self.definition = ElementDefinition(0, name, .string, 0, 0)
        self.requirement = requirement
        self.maxRepeat = maxRepeat
        self.components = components
        self.compositeID = id
    }

    public var isComposite: Bool { compositeID != nil }
}

/// A segment syntax note, with 1-based element positions (as in `P0102`, `R0103`, `C0506`).
public struct SyntaxRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// P: if any is present, all must be.
        case paired = "P"
        /// R: at least one must be present.
        case required = "R"
        /// E: not more than one may be present.
        case exclusion = "E"
        /// C: if the first is present, all the others must be.
        case conditional = "C"
        /// L: if the first is present, at least one of the others must be.
        case listConditional = "L"
    }

    public var kind: Kind
    public var positions: [Int]

    public init(_ kind: Kind, _ positions: Int...) {
        self.kind = kind
        self.positions = positions
    }

    /// Parses the standard's notation: `"P0102"`, `"R010203"`, `"C0506"`.
    public init?(_ notation: String) {
        guard let first = notation.first, let kind = Kind(rawValue: String(first)) else { return nil }
        let digits = Array(notation.dropFirst())
        guard digits.count >= 4, digits.count % 2 == 0 else { return nil }
        var positions: [Int] = []
        var i = 0
        while i < digits.count {
            guard let p = Int(String(digits[i...i + 1])) else { return nil }
            positions.append(p)
            i += 2
        }
        self.kind = kind
        self.positions = positions
    }
}

/// A segment's definition in the dictionary: its elements in order and its syntax notes.
public struct SegmentDefinition: Sendable, Hashable {
    public var id: String
    public var name: String
    public var elements: [ElementUse]
    public var rules: [SyntaxRule]

    public init(_ id: String, _ name: String, _ elements: [ElementUse], rules: [SyntaxRule] = []) {
        self.id = id
        self.name = name
        self.elements = elements
        self.rules = rules
    }
}

/// One entry of a transaction set table: a segment at a position, or a loop.
public indirect enum SchemaEntry: Sendable, Hashable {
    case segment(SegmentUse)
    case loop(LoopDefinition)

    /// The tag that opens this entry: the segment's own, or the loop's first segment's.
    public var triggerTag: String {
        switch self {
        case .segment(let use): use.definition.id
        case .loop(let loop): loop.entries.first?.triggerTag ?? ""
        }
    }

    public var requirement: Requirement {
        switch self {
        case .segment(let use): use.requirement
        case .loop(let loop): loop.requirement
        }
    }
}

/// A segment at a position of a set table.
public struct SegmentUse: Sendable, Hashable {
    public var definition: SegmentDefinition
    public var requirement: Requirement
    /// Max use at this position; `Int.max` for ">1" / unbounded.
    public var maxUse: Int
    /// The table position, e.g. "0200".
    public var position: String

    public init(_ definition: SegmentDefinition, _ requirement: Requirement, max maxUse: Int, at position: String = "") {
        self.definition = definition
        self.requirement = requirement
        self.maxUse = maxUse
        self.position = position
    }
}

/// A loop: its identifier (AK303, e.g. "0300" in 4010, "1000" in 5010), repeat limit and entries. The
/// first entry is the loop's trigger segment.
public struct LoopDefinition: Sendable, Hashable {
    public var id: String
    public var requirement: Requirement
    public var maxRepeat: Int
    public var entries: [SchemaEntry]

    public init(_ id: String, _ requirement: Requirement, repeat maxRepeat: Int, _ entries: [SchemaEntry]) {
        self.id = id
        self.requirement = requirement
        self.maxRepeat = maxRepeat
        self.entries = entries
    }
}

/// A transaction set in one version: the table from ST to SE.
public struct TransactionSetSchema: Sendable, Hashable {
    /// ST01, e.g. "204".
    public var id: String
    /// "004010" or "005010".
    public var version: String
    /// GS01 for this set, e.g. "SM".
    public var functionalID: String
    public var name: String
    /// The table in order, ST first and SE last.
    public var entries: [SchemaEntry]

    public init(id: String, version: String, functionalID: String, name: String, entries: [SchemaEntry]) {
        self.id = id
        self.version = version
        self.functionalID = functionalID
        self.name = name
        self.entries = entries
    }
}
