import Synchronization
/// A transaction set schema flattened for the validator's hot path: every table is a contiguous buffer
/// of plain values (tags as integers, loops and segments as index ranges, code lists as sorted packed
/// integers), so walking a segment costs no reference counting and no hashing. Built once per set and
/// version.
///
/// `@unchecked Sendable`: the buffers are written only in `init`, read-only afterwards, and freed in
/// `deinit`, when no validator can hold the schema any more.
final class CompiledSchema: @unchecked Sendable {
    struct Node {
        var tag: UInt32
        /// Index of the loop when this entry is a loop, else -1.
        var loop: Int32
        /// Index of the segment (for a loop: its trigger segment).
        var segment: Int32
        var mandatory: Bool
        /// Max use for a segment, max repeat for a loop.
        var max: Int
    }

    struct LoopSpec {
        var nodesStart: Int32
        var nodesCount: Int32
    }

    struct SegmentSpec {
        var elementsStart: Int32
        var elementsCount: Int32
        var rulesStart: Int32
        var rulesCount: Int32
        /// Bit p set when element p is mandatory (positions below 64), so that one mask operation tells
        /// whether a segment lacks a mandatory element.
        var mandatoryMask: UInt64
    }

    struct ElementSpec {
        /// Index into `elementNames`.
        var index: Int32
        var reference: Int32
        var type: ElementType
        var minLength: Int32
        var maxLength: Int32
        var mandatory: Bool
        var maxRepeat: Int32
        /// Index into the code tables, or -1.
        var codes: Int32
        var componentsStart: Int32
        var componentsCount: Int32
    }

    struct RuleSpec {
        var kind: SyntaxRule.Kind
        var positionsStart: Int32
        var positionsCount: Int32
        /// The rule's positions below 64 as bits (bit p for element p), so that a segment's presence mask
        /// answers "how many are used" with one popcount.
        var mask: UInt64
        /// The first position (the condition of C and L rules).
        var first: Int32
        /// Whether `mask` holds every position (all distinct, 1...63), so that "all used" is `used == mask`
        /// and "at most one used" is one bit test: no population count (which this target's baseline
        /// x86-64 does in software) on the per-segment path.
        var complete: Bool
        /// `1 << first` when `complete`.
        var firstBit: UInt64
    }

    struct CodeTable {
        var start: Int32
        var count: Int32
        var closed: Bool
        /// Index into `longCodes` (codes longer than 7 bytes), or -1.
        var long: Int32
        /// The packed codes again as an open-addressing hash table in `codeSlots[slotsStart...]`, of
        /// `slotsMask + 1` slots (a power of two, at least twice the codes; 0 marks an empty slot, and no
        /// packed code is 0): one multiply and usually one load per lookup, where the binary search took
        /// five or six unpredictable steps.
        var slotsStart: Int32
        var slotsMask: Int32
    }

    /// What the no-finding check (`TransactionValidator.elementsAreClean`) needs of an element, in eight
    /// bytes beside its `ElementSpec`.
    struct QuickCheck {
        enum Kind: UInt8 {
            /// AN or ID: printable bytes (the reader knows) whose count lies in `min...min + span`.
            case length
            /// N: an optional leading minus, then digits whose count lies in `min...min + span`.
            case numeric
            /// R: an optional leading minus, digits and at most one point; the digits counted as for N.
            case decimal
            /// DT: digits, as many as the range allows, forming a real date.
            case date
            /// TM: digits, as many as the range allows, forming a real time.
            case time
            /// B and anything else: checked by `ElementSyntax`.
            case syntax
            /// A composite, or lengths no value can meet: left to the full check.
            case none
        }
        var kind: Kind
        var span: UInt16
        var min: UInt8
        /// The code table, or -1.
        var codes: Int32
    }

    let source: TransactionSetSchema
    /// `source.functionalID` and `source.version`, read once per set: through `source` they copied the
    /// whole schema value (and retained its entries).
    let functionalID: String
    let version: String
    /// Every tag that appears anywhere in the set.
    let tags: Set<UInt32>
    let loopIDs: [String]
    let segmentIDs: [String]
    let elementNames: [String]
    let longCodes: [Set<String>]

    private let nodes: UnsafeMutableBufferPointer<Node>
    private let loops: UnsafeMutableBufferPointer<LoopSpec>
    private let segments: UnsafeMutableBufferPointer<SegmentSpec>
    private let elements: UnsafeMutableBufferPointer<ElementSpec>
    private let rules: UnsafeMutableBufferPointer<RuleSpec>
    private let positions: UnsafeMutableBufferPointer<Int32>
    private let codeTables: UnsafeMutableBufferPointer<CodeTable>
    private let codeValues: UnsafeMutableBufferPointer<UInt64>
    private let codeSlots: UnsafeMutableBufferPointer<UInt64>
    /// One `QuickCheck` per entry of `elements`, same indexes.
    private let quickChecks: UnsafeMutableBufferPointer<QuickCheck>

    init(_ schema: TransactionSetSchema) {
        source = schema
        functionalID = schema.functionalID
        version = schema.version
        var b = Builder()
        _ = b.loop("", schema.entries)
        tags = b.tags
        loopIDs = b.loopIDs
        segmentIDs = b.segmentIDs
        elementNames = b.elementNames
        longCodes = b.longCodes
        func buffer<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = p.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: p[0..<array.count])
        }
        nodes = buffer(b.nodes)
        loops = buffer(b.loops)
        segments = buffer(b.segments)
        elements = buffer(b.elements)
        rules = buffer(b.rules)
        positions = buffer(b.positions)
        codeTables = buffer(b.codeTables)
        codeValues = buffer(b.codeValues)
        codeSlots = buffer(b.codeSlots)
        quickChecks = buffer(b.elements.map(Self.quickCheck))
    }

    /// The `QuickCheck` of an element: lengths that fit in its fields (they always do in the shipped tables),
    /// else `.none`.
    static func quickCheck(_ element: ElementSpec) -> QuickCheck {
        var check = QuickCheck(kind: .none, span: 0, min: 0, codes: element.codes)
        guard element.componentsCount == 0 else { return check }
        let kind: QuickCheck.Kind
        switch element.type {
        case .string, .identifier: kind = .length
        case .numeric: kind = .numeric
        case .decimal: kind = .decimal
        case .date: kind = .date
        case .time: kind = .time
        case .binary:
            check.kind = .syntax
            return check
        }
        let max = element.maxLength > 0 ? Int(element.maxLength) : Int(UInt16.max)
        let min = Int(element.minLength)
        guard min >= 0, min <= Int(UInt8.max), max >= min, max - min <= Int(UInt16.max) else { return check }
        check.kind = kind
        check.min = UInt8(min)
        check.span = UInt16(max - min)
        return check
    }

    deinit {
        nodes.baseAddress?.deallocate()
        loops.baseAddress?.deallocate()
        segments.baseAddress?.deallocate()
        elements.baseAddress?.deallocate()
        rules.baseAddress?.deallocate()
        positions.baseAddress?.deallocate()
        codeTables.baseAddress?.deallocate()
        codeValues.baseAddress?.deallocate()
        codeSlots.baseAddress?.deallocate()
        quickChecks.baseAddress?.deallocate()
    }

    // MARK: Access

    @inline(__always) func nodes(ofLoop loop: Int) -> UnsafeBufferPointer<Node> {
        let spec = loops[loop]
        return UnsafeBufferPointer(start: nodes.baseAddress! + Int(spec.nodesStart), count: Int(spec.nodesCount))
    }

    @inline(__always) func segment(_ index: Int) -> SegmentSpec { segments[index] }

    /// Number of loops (the set itself included) and of entries over all loops: bounds for a walk.
    var loopCount: Int { loops.count }
    var nodeCount: Int { nodes.count }

    @inline(__always) func elements(of segment: SegmentSpec) -> UnsafeBufferPointer<ElementSpec> {
        UnsafeBufferPointer(start: elements.baseAddress! + Int(segment.elementsStart), count: Int(segment.elementsCount))
    }

    @inline(__always) func quickChecks(of segment: SegmentSpec) -> UnsafePointer<QuickCheck> {
        UnsafePointer(quickChecks.baseAddress! + Int(segment.elementsStart))
    }

    @inline(__always) func components(of element: ElementSpec) -> UnsafeBufferPointer<ElementSpec> {
        UnsafeBufferPointer(start: elements.baseAddress! + Int(element.componentsStart), count: Int(element.componentsCount))
    }

    @inline(__always) func rules(of segment: SegmentSpec) -> UnsafeBufferPointer<RuleSpec> {
        UnsafeBufferPointer(start: rules.baseAddress! + Int(segment.rulesStart), count: Int(segment.rulesCount))
    }

    @inline(__always) func positions(of rule: RuleSpec) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: positions.baseAddress! + Int(rule.positionsStart), count: Int(rule.positionsCount))
    }

    @inline(__always) func isClosed(_ table: Int32) -> Bool { codeTables[Int(table)].closed }

    /// Whether `bytes` is in code table `table` (binary search over packed codes).
    @inline(__always)
    func isValidCode(_ bytes: UnsafeBufferPointer<UInt8>, table: Int32) -> Bool {
        let spec = codeTables[Int(table)]
        guard let packed = CompiledSchema.pack(bytes) else {
            return spec.long >= 0 && longCodes[Int(spec.long)].contains(String(decoding: bytes, as: UTF8.self))
        }
        let mask = Int(spec.slotsMask)
        let slots = codeSlots.baseAddress! + Int(spec.slotsStart)
        var i = Self.slot(packed) & mask
        while true {
            let v = slots[i]
            if v == packed { return true }
            if v == 0 { return false }
            i = (i &+ 1) & mask
        }
    }

    /// The first slot for a packed code (Fibonacci hashing: the top bits of a multiply).
    @inline(__always)
    static func slot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// Packs up to 7 bytes into an integer, with a leading 1 so that lengths differ.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var v: UInt64 = 1
        for b in bytes { v = (v << 8) | UInt64(b) }
        return v
    }

    // MARK: Building

    private struct Builder {
        var nodes: [Node] = []
        var loops: [LoopSpec] = []
        var loopIDs: [String] = []
        var segments: [SegmentSpec] = []
        var segmentIDs: [String] = []
        var segmentIndex: [SegmentDefinition: Int] = [:]
        var elements: [ElementSpec] = []
        var elementNames: [String] = []
        var rules: [RuleSpec] = []
        var positions: [Int32] = []
        var codeTables: [CodeTable] = []
        var codeIndex: [CodeList: Int32] = [:]
        var codeValues: [UInt64] = []
        var codeSlots: [UInt64] = []
        var longCodes: [Set<String>] = []
        var tags: Set<UInt32> = []

        mutating func loop(_ id: String, _ entries: [SchemaEntry]) -> Int {
            let index = loops.count
            loops.append(LoopSpec(nodesStart: 0, nodesCount: 0))
            loopIDs.append(id)
            var own: [Node] = []
            for entry in entries {
                switch entry {
                case .segment(let use):
                    own.append(
                        Node(
                            tag: SegmentTag.pack(use.definition.id), loop: -1, segment: Int32(segment(use.definition)),
                            mandatory: use.requirement == .mandatory, max: use.maxUse))
                case .loop(let child):
                    let childIndex = loop(child.id, child.entries)
                    let trigger = nodes[Int(loops[childIndex].nodesStart)]
                    own.append(
                        Node(
                            tag: trigger.tag, loop: Int32(childIndex), segment: trigger.segment,
                            mandatory: child.requirement == .mandatory, max: child.maxRepeat))
                }
            }
            loops[index] = LoopSpec(nodesStart: Int32(nodes.count), nodesCount: Int32(own.count))
            nodes.append(contentsOf: own)
            return index
        }

        mutating func segment(_ def: SegmentDefinition) -> Int {
            if let i = segmentIndex[def] { return i }
            let start = elements.count
            let uses = def.elements
            elements.append(contentsOf: uses.map { _ in placeholder })
            for (i, use) in uses.enumerated() { elements[start + i] = element(use) }
            let rulesStart = rules.count
            for rule in def.rules {
                var mask: UInt64 = 0
                for p in rule.positions where p >= 0 && p < 64 { mask |= 1 << UInt64(p) }
                let complete =
                    !rule.positions.isEmpty && rule.positions.allSatisfy { $0 >= 1 && $0 < 64 }
                    && mask.nonzeroBitCount == rule.positions.count
                let first = rule.positions.first ?? 0
                rules.append(
                    RuleSpec(
                        kind: rule.kind, positionsStart: Int32(positions.count), positionsCount: Int32(rule.positions.count),
                        mask: mask, first: Int32(first), complete: complete,
                        firstBit: complete ? 1 << UInt64(first) : 0))
                positions.append(contentsOf: rule.positions.map { Int32($0) })
            }
            var mandatoryMask: UInt64 = 0
            for (i, use) in uses.enumerated() where use.requirement == .mandatory && i + 1 < 64 {
                mandatoryMask |= 1 << UInt64(i + 1)
            }
            segments.append(
                SegmentSpec(
                    elementsStart: Int32(start), elementsCount: Int32(uses.count), rulesStart: Int32(rulesStart),
                    rulesCount: Int32(def.rules.count), mandatoryMask: mandatoryMask))
            segmentIDs.append(def.id)
            segmentIndex[def] = segments.count - 1
            tags.insert(SegmentTag.pack(def.id))
            return segments.count - 1
        }

        var placeholder: ElementSpec {
            ElementSpec(
                index: 0, reference: 0, type: .string, minLength: 0, maxLength: 0, mandatory: false, maxRepeat: 1, codes: -1,
                componentsStart: 0, componentsCount: 0)
        }

        mutating func element(_ use: ElementUse) -> ElementSpec {
            let def = use.definition
            elementNames.append(def.name)
            var spec = ElementSpec(
                index: Int32(elementNames.count - 1), reference: Int32(def.reference), type: def.type,
                minLength: Int32(clamping: def.minLength), maxLength: Int32(clamping: def.maxLength), mandatory: use.requirement == .mandatory,
                maxRepeat: Int32(clamping: use.maxRepeat), codes: def.codes.map { codeTable($0) } ?? -1,
                componentsStart: 0, componentsCount: Int32(use.components.count))
            if !use.components.isEmpty {
                let start = elements.count
                elements.append(contentsOf: use.components.map { _ in placeholder })
                for (i, component) in use.components.enumerated() { elements[start + i] = element(component) }
                spec.componentsStart = Int32(start)
            }
            return spec
        }

        mutating func codeTable(_ list: CodeList) -> Int32 {
            if let i = codeIndex[list] { return i }
            var packed: [UInt64] = []
            var long: Set<String> = []
            for code in list.codes {
                var bytes = Array(code.utf8)
                if let p = bytes.withUnsafeMutableBufferPointer({ CompiledSchema.pack(UnsafeBufferPointer($0)) }) {
                    packed.append(p)
                } else {
                    long.insert(code)
                }
            }
            packed.sort()
            var longIndex: Int32 = -1
            if !long.isEmpty {
                longCodes.append(long)
                longIndex = Int32(longCodes.count - 1)
            }
            var size = 2
            while size < packed.count * 2 { size *= 2 }
            var slots = [UInt64](repeating: 0, count: size)
            for code in packed {
                var i = CompiledSchema.slot(code) & (size - 1)
                while slots[i] != 0 && slots[i] != code { i = (i + 1) & (size - 1) }
                slots[i] = code
            }
            codeTables.append(
                CodeTable(
                    start: Int32(codeValues.count), count: Int32(packed.count), closed: list.closed, long: longIndex,
                    slotsStart: Int32(codeSlots.count), slotsMask: Int32(size - 1)))
            codeSlots.append(contentsOf: slots)
            codeValues.append(contentsOf: packed)
            codeIndex[list] = Int32(codeTables.count - 1)
            return codeIndex[list]!
        }
    }
}

/// Compiled tables shared by the validators of one input read in pieces on several threads, by set and version.
final class CompiledSchemaCache: Sendable {
    private let schemas = Mutex<[String: CompiledSchema]>([:])

    init() {}

    /// The table compiled for `key` (`"set/version"`), compiled from `schema` by the first caller.
    func schema(_ key: String, orBuild schema: TransactionSetSchema) -> CompiledSchema {
        schemas.withLock { schemas in
            if let compiled = schemas[key] { return compiled }
            let compiled = CompiledSchema(schema)
            schemas[key] = compiled
            return compiled
        }
    }
}
