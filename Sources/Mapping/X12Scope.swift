import X12

/// One transaction set's loop tree, flattened once per set from the validator's `KeptSet`: every loop and
/// segment is a node with an integer name, its parent and its children as indexes; values are read from the
/// kept bytes.
///
/// Paths are evaluated dozens of times per event; walking the validator's `TransactionNode` enums copied
/// each payload (and retained its strings) and compared segment tags as `String`s at every step. Here a
/// step compares one `UInt64` (the tag or loop id's ASCII bytes, packed) and a scope is two integers.
final class X12Tree: Sendable {
    struct Node: Sendable {
        /// The segment tag or loop id packed by `X12Tree.pack`; 0 for the set itself.
        let name: UInt64
        let isLoop: Bool
        /// -1 for the set itself.
        let parent: Int32
        /// Where the node's children start in `children`, and how many it has (loops only).
        var childStart: Int32
        var childCount: Int32
        /// The segment's index in `kept.segments` (segments only).
        let segment: Int32
    }

    let nodes: [Node]
    let children: [Int32]
    /// The set's bytes and flat index, as the validator kept them; values are read from its bytes.
    let kept: KeptSet
    let bytes: [UInt8]
    let segments: [KeptSet.KeptSegment]
    let elementStarts: [Int32]
    let componentSeparator: UInt8
    let repetitionSeparator: UInt8?

    /// Node 0 is the set; node `1 + i` is loop instance `i`; node `1 + loops + j` is segment `j`. Each
    /// node's children sit together in `children`, in file order.
    init(kept: KeptSet) {
        self.kept = kept
        let loops = kept.loops
        let segments = kept.segments
        bytes = kept.bytes
        elementStarts = kept.elementStarts
        componentSeparator = kept.componentSeparator
        repetitionSeparator = kept.repetitionSeparator
        self.segments = segments
        let loopBase = 1, segmentBase = 1 + loops.count
        var nodes: [Node] = []
        nodes.reserveCapacity(segmentBase + segments.count)
        nodes.append(Node(name: 0, isLoop: true, parent: -1, childStart: 0, childCount: 0, segment: -1))
        for loop in loops {
            nodes.append(
                Node(
                    name: loop.packedID, isLoop: true, parent: Int32(loopBase) + loop.parent, childStart: 0,
                    childCount: 0, segment: -1))
        }
        for (j, segment) in segments.enumerated() {
            nodes.append(
                Node(
                    name: segment.tag, isLoop: false, parent: Int32(loopBase) + segment.loop, childStart: 0,
                    childCount: 0, segment: Int32(j)))
        }
        // Each node's parent in file order: a loop instance comes just before its first segment.
        var order: [Int32] = []
        order.reserveCapacity(nodes.count - 1)
        var nextLoop = 0
        for j in segments.indices {
            while nextLoop < loops.count, Int(loops[nextLoop].firstSegment) <= j {
                order.append(Int32(loopBase + nextLoop))
                nextLoop += 1
            }
            order.append(Int32(segmentBase + j))
        }
        while nextLoop < loops.count {
            order.append(Int32(loopBase + nextLoop))
            nextLoop += 1
        }
        // Children grouped by parent, stable: count, then place.
        for child in order { nodes[Int(nodes[Int(child)].parent)].childCount += 1 }
        var next = 0
        for i in nodes.indices {
            nodes[i].childStart = Int32(next)
            next += Int(nodes[i].childCount)
        }
        var filled = [Int32](repeating: 0, count: nodes.count)
        var children = [Int32](repeating: 0, count: order.count)
        for child in order {
            let parent = Int(nodes[Int(child)].parent)
            children[Int(nodes[parent].childStart + filled[parent])] = child
            filled[parent] += 1
        }
        self.nodes = nodes
        self.children = children
    }

    /// Up to 8 ASCII bytes as one integer (first byte lowest); longer names are not X12 tags or loop ids
    /// and pack to `UInt64.max`, which no node carries.
    static func pack(_ text: String) -> UInt64 {
        // On the contiguous bytes (every segment of every set is packed once): iterating the UTF-8 view
        // cost more than the packing.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count <= 8 else { return UInt64.max }
            var packed: UInt64 = 0
            for i in bytes.indices { packed |= UInt64(bytes[i]) << UInt64(8 * i) }
            return packed
        } ?? pack(Substring(text))
    }

    static func pack(_ text: some StringProtocol) -> UInt64 {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for byte in text.utf8 {
            guard shift < 64 else { return UInt64.max }
            packed |= UInt64(byte) << shift
            shift += 8
        }
        return packed
    }

    /// `reference`'s value in segment `index`, read from the kept bytes (a value of up to 15 bytes is a
    /// small string: no allocation).
    @inline(__always)
    func value(_ reference: ElementReference, segment index: Int32, trimmed: Bool = false) -> String {
        bytes.withUnsafeBufferPointer { bytes in
            let range = self.range(reference, segment: index, in: bytes, trimmed: trimmed)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// `range(_:segment:in:)`, without the spaces and tabs at either end when `trimmed` (as `trimmedOfBlanks`).
    @inline(__always)
    func range(
        _ reference: ElementReference, segment index: Int32, in bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool
    ) -> Range<Int> {
        var range = range(reference, segment: index, in: bytes)
        if trimmed {
            while !range.isEmpty, bytes[range.lowerBound] == 0x20 || bytes[range.lowerBound] == 0x09 {
                range = range.lowerBound + 1..<range.upperBound
            }
            while !range.isEmpty, bytes[range.upperBound - 1] == 0x20 || bytes[range.upperBound - 1] == 0x09 {
                range = range.lowerBound..<range.upperBound - 1
            }
        }
        return range
    }

    @inline(__always)
    func range(
        _ reference: ElementReference, segment index: Int32, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Range<Int> {
        segments.withUnsafeBufferPointer { segments in
            let segment = segments[Int(index)]
            let position = reference.position
            guard position <= Int(segment.elementCount) else { return 0..<0 }
            return elementStarts.withUnsafeBufferPointer { starts in
                let base = Int(segment.start)
                let lower = base + Int(starts[Int(segment.starts) + position])
                let upper = base + Int(starts[Int(segment.starts) + position + 1]) - 1
                if reference.component == 1, reference.repetition == 1, componentSeparator != 0 {
                    // Most reads: a simple element, no separator inside.
                    var i = lower
                    let repetition = repetitionSeparator ?? componentSeparator
                    while i < upper, bytes[i] != componentSeparator, bytes[i] != repetition { i += 1 }
                    if i == upper { return lower..<upper }
                }
                return KeptSet.part(
                    of: lower..<upper, in: bytes, component: reference.component, repetition: reference.repetition,
                    componentSeparator: componentSeparator, repetitionSeparator: repetitionSeparator)
            }
        }
    }
}

/// Where a path is evaluated: a loop instance (or the whole set), or one segment, of a flattened set.
/// Its enclosing scopes for `../` and `/` are the tree's parents.
struct X12Scope: Sendable {
    let tree: X12Tree
    let node: Int32
    /// One segment (a step that named a segment that does not open a loop), not the loop `node` is.
    let isSegment: Bool

    init(tree: X12Tree, node: Int32 = 0, isSegment: Bool = false) {
        self.tree = tree
        self.node = node
        self.isSegment = isSegment
    }

    init(kept: KeptSet) { self.init(tree: X12Tree(kept: kept)) }

    var root: X12Scope { X12Scope(tree: tree) }

    /// The scope that holds this one: the loop (or set) a loop or segment sits in.
    var parent: X12Scope? {
        let up = tree.nodes[Int(node)].parent
        return up < 0 ? nil : X12Scope(tree: tree, node: up)
    }

    func ancestor(_ levels: Int) -> X12Scope? {
        var scope: X12Scope? = self
        for _ in 0..<levels { scope = scope?.parent }
        return scope
    }

    /// How many children the scope has (one for a segment scope: the segment itself).
    private var childCount: Int { isSegment ? 1 : Int(tree.nodes[Int(node)].childCount) }

    @inline(__always)
    private func child(_ i: Int) -> Int32 {
        isSegment ? node : tree.children[Int(tree.nodes[Int(node)].childStart) + i]
    }

    /// Every scope the selector names, in file order.
    func select(_ path: X12Path) -> [X12Scope] {
        guard let current = start(path) else { return [] }
        var scopes = [current]
        for step in path.steps {
            var next: [X12Scope] = []
            for scope in scopes {
                scope.visit(step) { found in
                    next.append(found)
                    return true
                }
            }
            scopes = next
            if scopes.isEmpty { return [] }
        }
        return scopes
    }

    /// `select(path).first`, depth first: the first match of the remaining steps under each match in
    /// file order, stopping at the first found (an object's `scope:` wants only that one).
    func selectFirst(_ path: X12Path) -> X12Scope? {
        guard let start = start(path) else { return nil }
        return start.firstMatch(path.steps[...])
    }

    private func firstMatch(_ steps: ArraySlice<X12Path.Step>) -> X12Scope? {
        guard let step = steps.first else { return self }
        var found: X12Scope?
        visit(step) { scope in
            found = scope.firstMatch(steps.dropFirst())
            return found == nil
        }
        return found
    }

    /// The value `path` reads: the element of the first matching segment, or empty.
    func value(_ path: X12Path) -> String { value(path, trimmed: false) }

    /// `value(path)`, trimmed of blanks when `trimmed` (on the bytes: one string, made once).
    func value(_ path: X12Path, trimmed: Bool) -> String {
        guard let element = path.element else { return "" }
        let segment = valueSegment(path, element)
        return segment < 0 ? "" : tree.value(element, segment: segment, trimmed: trimmed)
    }

    /// `value(path, trimmed:)` written to `out` as a JSON string, from the kept bytes when they are ASCII
    /// (other bytes go through `String(decoding:as:)`, which repairs what is not UTF-8, as `value` does);
    /// false, with nothing written, when empty.
    func writeValue(_ path: X12Path, trimmed: Bool, to out: inout DataOutput) -> Bool {
        guard let element = path.element else { return false }
        let segment = valueSegment(path, element)
        guard segment >= 0 else { return false }
        return tree.bytes.withUnsafeBufferPointer { bytes in
            let range = tree.range(element, segment: segment, in: bytes, trimmed: trimmed)
            guard !range.isEmpty else { return false }
            let value = UnsafeBufferPointer(rebasing: bytes[range])
            var high: UInt8 = 0
            for byte in value { high |= byte }
            if high < 0x80 {
                out.quoted(value)
            } else {
                out.string(String(decoding: value, as: UTF8.self))
            }
            return true
        }
    }

    /// The digits of `value(path, trimmed:)` counted on the kept bytes; nil when that value is empty.
    /// (Bytes above 0x7F are no digits, as what `String(decoding:)` makes of them is none.)
    func digits(_ path: X12Path, trimmed: Bool) -> TimeResolver.Digits? {
        guard let element = path.element else { return nil }
        let segment = valueSegment(path, element)
        guard segment >= 0 else { return nil }
        return tree.bytes.withUnsafeBufferPointer { bytes in
            let range = tree.range(element, segment: segment, in: bytes, trimmed: trimmed)
            guard !range.isEmpty else { return nil }
            var digits = TimeResolver.Digits()
            for i in range { digits.add(bytes[i]) }
            return digits
        }
    }

    /// The segment whose `element` `path` reads (-1: none).
    private func valueSegment(_ path: X12Path, _ element: ElementReference) -> Int32 {
        guard let start = start(path) else { return -1 }
        var scope = start
        // Through the buffer: iterating the array copied each step (its condition's strings retained).
        return path.steps.withUnsafeBufferPointer { steps in
            let last = steps.count - 1
            for i in steps.indices {
                if i == last, !steps[i].descendants, !steps[i].isLoop, steps[i].name == element.packedTag {
                    return scope.firstValueSegment(steps[i])
                }
                guard let first = scope.firstMatch(steps[i]) else { return -1 }
                scope = first
            }
            return tree.nodes.withUnsafeBufferPointer { nodes in
                let children = scope.childCount
                for i in 0..<children {
                    let node = nodes[Int(scope.child(i))]
                    if !node.isLoop, node.name == element.packedTag { return node.segment }
                }
                return -1
            }
        }
    }

    /// The first segment of `step` here (or that opens the first loop it names) that meets the step's
    /// condition: what a last step such as `../AT8/AT804` reads, without making a scope for the match.
    private func firstValueSegment(_ step: X12Path.Step) -> Int32 {
        let nodes = tree.nodes
        for i in 0..<childCount {
            let child = self.child(i)
            let node = nodes[Int(child)]
            if node.isLoop {
                guard let opener = opener(of: node), tree.nodes[Int(opener)].name == step.name else { continue }
                let segment = tree.nodes[Int(opener)].segment
                if let condition = step.condition, !condition.holds(tree.value(condition.element, segment: segment)) { continue }
                return segment
            }
            guard node.name == step.name else { continue }
            if let condition = step.condition, !condition.holds(tree.value(condition.element, segment: node.segment)) { continue }
            return node.segment
        }
        return -1
    }

    /// The loop's first child when it is a segment (the segment that opens the loop).
    @inline(__always)
    private func opener(of loop: X12Tree.Node) -> Int32? {
        guard loop.childCount > 0 else { return nil }
        let first = tree.children[Int(loop.childStart)]
        return tree.nodes[Int(first)].isLoop ? nil : first
    }

    private func start(_ path: X12Path) -> X12Scope? {
        switch path.start {
        case .scope: self
        case .root: root
        case .parent(let levels): ancestor(levels)
        }
    }

    private func firstMatch(_ step: X12Path.Step) -> X12Scope? {
        var found: X12Scope?
        visit(step) { scope in
            found = scope
            return false
        }
        return found
    }

    /// Calls `body` with each match of `step` in file order until it returns false; false when stopped.
    @discardableResult
    private func visit(_ step: X12Path.Step, _ body: (X12Scope) -> Bool) -> Bool {
        let nodes = tree.nodes
        let isLoopInstance = !isSegment && node != 0
        for i in 0..<childCount {
            let child = self.child(i)
            let found = nodes[Int(child)]
            if !found.isLoop {
                guard !step.isLoop, found.name == step.name else { continue }
                if let condition = step.condition,
                    !condition.holds(tree.value(condition.element, segment: found.segment))
                {
                    continue
                }
                // A segment that opens its loop scopes the rest of the path to that loop instance.
                let scope = i == 0 && isLoopInstance ? self : X12Scope(tree: tree, node: child, isSegment: true)
                if !body(scope) { return false }
                continue
            }
            let matches: Bool
            if step.isLoop {
                matches = found.name == step.name && satisfies(found, step.condition)
            } else {
                // A loop is also named by the segment that opens it: `N1[N101=BT]` matches the 0100 loop.
                matches = opens(found, step)
            }
            if matches {
                if !body(X12Scope(tree: tree, node: child)) { return false }
            } else if step.descendants {
                if !X12Scope(tree: tree, node: child).visit(step, body) { return false }
            }
        }
        return true
    }

    private func opens(_ loop: X12Tree.Node, _ step: X12Path.Step) -> Bool {
        guard let opener = opener(of: loop), tree.nodes[Int(opener)].name == step.name else { return false }
        guard let condition = step.condition else { return true }
        return condition.holds(tree.value(condition.element, segment: tree.nodes[Int(opener)].segment))
    }

    private func satisfies(_ loop: X12Tree.Node, _ condition: X12Path.Condition?) -> Bool {
        guard let condition else { return true }
        let start = Int(loop.childStart)
        for i in start..<start + Int(loop.childCount) {
            let node = tree.nodes[Int(tree.children[i])]
            if !node.isLoop, node.name == condition.element.packedTag {
                return condition.holds(tree.value(condition.element, segment: node.segment))
            }
        }
        return condition.holds("")
    }
}

extension X12Path.Condition {
    func holds(_ value: String) -> Bool {
        values.contains(value.trimmedOfBlanks) != negated
    }
}
