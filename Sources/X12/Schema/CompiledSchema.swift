/// A transaction set schema flattened for the validator's hot path: tags as integers, loops as indexed
/// tables, code lists as packed integers. Built once per set and version.
final class CompiledSchema: Sendable {
    struct Node: Sendable {
        var tag: UInt32
        /// Index into `loops` when this entry is a loop, else -1.
        var loop: Int
        /// Index into `segments` (for a loop: its trigger segment).
        var segment: Int
        var mandatory: Bool
        /// Max use for a segment, max repeat for a loop.
        var max: Int
    }

    struct Loop: Sendable {
        var id: String
        var nodes: [Node]
    }

    let source: TransactionSetSchema
    /// `loops[0]` is the set itself (ST ... SE).
    let loops: [Loop]
    let segments: [CompiledSegment]
    /// Every tag that appears anywhere in the set.
    let tags: Set<UInt32>

    init(_ schema: TransactionSetSchema) {
        source = schema
        var loops: [Loop] = []
        var segments: [CompiledSegment] = []
        var segmentIndex: [SegmentDefinition: Int] = [:]
        var tags: Set<UInt32> = []

        func segmentID(_ def: SegmentDefinition) -> Int {
            if let i = segmentIndex[def] { return i }
            segments.append(CompiledSegment(def))
            segmentIndex[def] = segments.count - 1
            tags.insert(SegmentTag.pack(def.id))
            return segments.count - 1
        }

        func compile(_ id: String, _ entries: [SchemaEntry]) -> Int {
            let index = loops.count
            loops.append(Loop(id: id, nodes: []))
            var nodes: [Node] = []
            for entry in entries {
                switch entry {
                case .segment(let use):
                    nodes.append(
                        Node(
                            tag: SegmentTag.pack(use.definition.id), loop: -1, segment: segmentID(use.definition),
                            mandatory: use.requirement == .mandatory, max: use.maxUse))
                case .loop(let loop):
                    let child = compile(loop.id, loop.entries)
                    let trigger = loops[child].nodes[0]
                    nodes.append(
                        Node(tag: trigger.tag, loop: child, segment: trigger.segment, mandatory: loop.requirement == .mandatory, max: loop.maxRepeat))
                }
            }
            loops[index].nodes = nodes
            return index
        }

        _ = compile("", schema.entries)
        self.loops = loops
        self.segments = segments
        self.tags = tags
    }
}

/// A segment definition ready for checking element bytes.
final class CompiledSegment: Sendable {
    let id: String
    let elements: [CompiledElement]
    let rules: [SyntaxRule]

    init(_ def: SegmentDefinition) {
        id = def.id
        elements = def.elements.map(CompiledElement.init)
        rules = def.rules
    }
}

final class CompiledElement: Sendable {
    let reference: Int
    let name: String
    let type: ElementType
    let minLength: Int
    let maxLength: Int
    let mandatory: Bool
    let maxRepeat: Int
    /// Codes of at most 8 bytes, packed; longer ones in `longCodes`.
    let codes: Set<UInt64>?
    let longCodes: Set<String>
    let codesClosed: Bool
    let components: [CompiledElement]

    init(_ use: ElementUse) {
        let def = use.definition
        reference = def.reference
        name = def.name
        type = def.type
        minLength = def.minLength
        maxLength = def.maxLength
        mandatory = use.requirement == .mandatory
        maxRepeat = use.maxRepeat
        components = use.components.map(CompiledElement.init)
        if let list = def.codes {
            var packed: Set<UInt64> = []
            var long: Set<String> = []
            for code in list.codes {
                var bytes = Array(code.utf8)
                if let p = bytes.withUnsafeMutableBufferPointer({ CompiledElement.pack(UnsafeBufferPointer($0)) }) {
                    packed.insert(p)
                } else {
                    long.insert(code)
                }
            }
            codes = packed
            longCodes = long
            codesClosed = list.closed
        } else {
            codes = nil
            longCodes = []
            codesClosed = false
        }
    }

    /// Packs up to 8 bytes into an integer (length in the top bits' position via a leading 1).
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var v: UInt64 = 1
        for b in bytes { v = (v << 8) | UInt64(b) }
        return v
    }

    @inline(__always)
    func isValidCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let codes else { return true }
        if let p = CompiledElement.pack(bytes) { return codes.contains(p) }
        return longCodes.contains(String(decoding: bytes, as: UTF8.self))
    }
}
