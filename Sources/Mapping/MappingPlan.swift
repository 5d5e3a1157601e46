import Canonical
public import FlatFile

/// A mapping file compiled: what it applies to, what one event is, and a typed rule for every field.
/// Built once by `MappingCompiler`; running it never re-reads the YAML.
public struct MappingPlan: Sendable {
    public var name: String
    public var version: Int
    /// The file it came from, relative to the mappings folder.
    public var file: String
    public var applies: Applicability
    /// The partner's zone, for times that carry none (`America/Chicago`, `-06:00`).
    public var timeZone: String?
    var eventType: EventTypeRule
    /// One event per match of this selector; nil: one per transaction.
    var each: SourcePath?
    var eventCondition: Condition?
    /// The data field whose time is the CloudEvents `time`.
    var timeField: String?
    var data: ObjectRule
    var tables: [String: CodeTable]
    /// The data type's required fields, for the check of every event (set by the compiler).
    var requiredCheck: RequiredCheck?
    /// How the input is read (flat formats).
    public var input: InputSettings = .x12
    /// Each event's data is written while its fields are evaluated (`Evaluator+JSON.swift`); false: through
    /// the mapped tree, always (the reference the tests compare against).
    var writesDataWhileEvaluating = true

    /// Reader settings of the mapping's `input:` section.
    public enum InputSettings: Sendable {
        case x12
        /// The reader's options, and the columns the header must have for the mapping to apply.
        case csv(CSVOptions, columns: Set<String>)
        /// The layout, and the record kind that starts each event's group of records.
        case fixed(FixedWidthLayout, groupBy: String)
        case xml(recordPath: String, options: XMLReaderOptions)
    }

    /// What a mapping applies to. Empty lists and nil values match anything.
    public struct Applicability: Sendable, Hashable {
        /// `x12`, `csv`, `fixed`, `xml`.
        public var format: String
        public var partner: String?
        /// ST01 for X12; the layout's name for flat files.
        public var transactionSet: String?
        /// GS08 prefixes (`004010`).
        public var versions: [String]
        /// Only through `extends:` or `--mapping`, never picked on its own.
        public var abstract: Bool

        /// How specific the mapping is: partner + set + version beats set + version beats set.
        public var specificity: Int { (partner != nil ? 4 : 0) + (versions.isEmpty ? 0 : 2) + (transactionSet != nil ? 1 : 0) }

        public func matches(format: String, partner: [String], transactionSet: String?, version: String?) -> Bool {
            guard !abstract, self.format == format else { return false }
            if let p = self.partner, !partner.contains(p) { return false }
            if let set = self.transactionSet, set != transactionSet { return false }
            if !versions.isEmpty {
                guard let version, versions.contains(where: { version.hasPrefix($0) }) else { return false }
            }
            return true
        }
    }
}

/// A code table or cross-reference table: partner codes to ours, `*` for everything else.
struct CodeTable: Sendable, Hashable {
    var name: String
    var entries: [String: String]
    var fallback: String?

    func map(_ code: String) -> String? { entries[code] ?? fallback }
}

extension ValueRule {
    /// What a `lookup:` does with a code its cross-reference table lacks (`onMiss:`).
    enum LookupMiss: String, Sendable {
        /// The field is absent, silently (cross-references are partial by nature).
        case absent
        /// The partner's code is used as it came (pass-through).
        case keep
        /// The field is absent and a warning says which code was missing.
        case warn
        /// The event is not made: an error finding names the code and the table.
        case reject
    }
}

/// The event type: fixed, or chosen by a value (B2A01 through a table).
enum EventTypeRule: Sendable {
    case fixed(EventType)
    case chosen(ValueRule)
}

/// Where a value comes from, in the input's own path language.
enum SourcePath: Sendable, Hashable, CustomStringConvertible {
    case x12(X12Path)
    case record(RecordPath)

    var description: String {
        switch self {
        case .x12(let path): path.text
        case .record(let path): path.text
        }
    }
}

/// `when:`: a value compared with a list, or tested for presence.
final class Condition: Sendable {
    enum Test: Sendable { case equals([String]), notEquals([String]), present, absent }
    let value: ValueRule
    let test: Test

    init(value: ValueRule, test: Test) {
        self.value = value
        self.test = test
    }
}

/// A rule that yields one string: from paths (the first non-empty), a constant or a concatenation, then
/// trimmed, defaulted, mapped through a table, implied decimals applied.
struct ValueRule: Sendable {
    enum Source: Sendable {
        case paths([SourcePath])
        case constant(String)
        case concat([ValueRule], separator: String)
    }

    var source: Source
    var trim = true
    var defaultValue: String?
    /// A code table: a value it lacks (and no `*`) is reported.
    var table: String?
    /// A cross-reference table: what a value it lacks (and no `*`) does is `onMiss`.
    var lookup: String?
    /// The tables `table` and `lookup` name, resolved when the rule is compiled (a mapping's tables are
    /// known by then): no lookup by table name per value.
    var tableEntries: CodeTable?
    var lookupEntries: CodeTable?
    var onMiss = LookupMiss.absent
    var decimals: Int?
    /// Degrees-minutes-seconds (`DDDMMSS`, MS104/MS105) to decimal degrees; the rule gives the hemisphere
    /// letter (`W` and `S` are negative).
    /// (A list, so that the rule can hold a rule: empty when not a coordinate.)
    var coordinate: [ValueRule] = []
    var condition: Condition?
    /// Dotted key in the mapping file, for findings.
    var key: String
    /// For a string field whose rule reads one X12 path as it comes (`plainX12Path`), that path, set by the
    /// compiler: the value is written straight from the kept bytes (`Evaluator.write(_:in:to:)`).
    var plainStringPath: X12Path?
}

/// A time: date and time values, the zone code the message gave, else the stop's zone, else the partner's.
///
/// Time and object rules are classes, immutable once compiled: the evaluator takes a rule out of its
/// `FieldRule` for every time and object it maps, and a struct was copied there whole (every string and
/// list of its value rules retained and released).
final class TimeRule: Sendable {
    let date: ValueRule?
    let time: ValueRule?
    /// Date and time in one value (`2026-11-24T05:52`, `2026-11-24 05:52:00`).
    let dateTime: ValueRule?
    let zone: ValueRule?
    let stopZone: ValueRule?
    /// Moves the scope first (`scope: G62[G6201=37]`).
    let scope: SourcePath?
    let condition: Condition?
    let key: String
    /// The X12 paths of `date` and `time` when each reads one path as it comes (`ValueRule.plainX12Path`;
    /// `time` absent counts): their digits are read from the kept bytes, no string made per value.
    let plainDate: (path: X12Path, trim: Bool)?
    let plainTime: (path: X12Path, trim: Bool)?
    /// `zone`'s path when it reads one as it comes: the zone code is read without a copy of the rule.
    let plainZone: (path: X12Path, trim: Bool)?
    let hasPlainDateAndTime: Bool

    init(
        date: ValueRule?, time: ValueRule?, dateTime: ValueRule?, zone: ValueRule?, stopZone: ValueRule?, scope: SourcePath?,
        condition: Condition?, key: String
    ) {
        self.date = date
        self.time = time
        plainDate = date.flatMap { rule in rule.plainX12Path.map { ($0, rule.trim) } }
        plainTime = time.flatMap { rule in rule.plainX12Path.map { ($0, rule.trim) } }
        plainZone = zone.flatMap { rule in rule.plainX12Path.map { ($0, rule.trim) } }
        hasPlainDateAndTime = dateTime == nil && plainDate != nil && (time == nil || plainTime != nil)
        self.dateTime = dateTime
        self.zone = zone
        self.stopZone = stopZone
        self.scope = scope
        self.condition = condition
        self.key = key
    }
}

/// A class for the reason `TimeRule` is one.
final class ObjectRule: Sendable {
    let type: ObjectType
    let fields: [(name: String, rule: FieldRule)]
    /// Moves the scope before the fields are read (`scope: N1[N101=SH]`).
    let scope: SourcePath?
    let condition: Condition?
    let key: String
    /// The names of the type's required fields, in the type's order.
    let required: [String]
    /// The event's data (`fields`), whose required fields are checked when the event is built.
    let isTopLevel: Bool
    /// How the evaluator writes the object's JSON (`Evaluator+JSON.swift`).
    let layout: ObjectLayout

    init(type: ObjectType, fields: [(name: String, rule: FieldRule)], scope: SourcePath?, condition: Condition?, key: String) {
        self.type = type
        self.fields = fields
        self.scope = scope
        self.condition = condition
        self.key = key
        required = type.fields.filter(\.required).map(\.name)
        isTopLevel = key == "fields"
        layout = ObjectLayout(fields: fields, required: required)
    }
}

struct ArrayRule: Sendable {
    /// One item per match; nil: the `items` list below, one item each.
    var each: SourcePath?
    var item: FieldRule?
    var items: [FieldRule]
    var condition: Condition?
    var key: String
}

/// Boxed (`indirect`): an object's field list and an array's items copy a rule per field they read, and a
/// box is one reference to copy where the rule inline was a dozen.
indirect enum FieldRule: Sendable {
    case value(ValueRule, FieldType)
    /// A canonical code through a table, with the original value kept.
    case coded(ValueRule, allowed: [String])
    case time(TimeRule)
    case object(ObjectRule)
    case array(ArrayRule)
}
