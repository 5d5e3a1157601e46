/// Walks one transaction set's segments against its schema, in a single pass: segment order, loops and
/// their repeats, use counts, requirement designators, element types, lengths, code lists and syntax
/// notes. Findings carry AK3/AK4 positions (segment position from ST, loop id, element, component).
///
/// The walk follows the standard's rule: a segment is looked for from the current position of the
/// innermost loop onward; failing that, in the enclosing loops, outward. A segment found nowhere
/// ahead is reported as out of sequence (AK304 7), not in the set (6) or unrecognized (1), and the walk
/// stays where it was.
struct TransactionValidator {
    struct Frame {
        var loop: Int
        var index: Int
        /// Offset of this frame's use counts in `counts`.
        var countsStart: Int
        /// Identifies one iteration of a loop, for building the loop tree.
        var serial: Int
    }

    let schema: CompiledSchema
    let registry: SchemaRegistry
    let version: String
    let leniency: Leniency
    /// 005010 and later report components in simple elements and repetition overflows with their own codes.
    private(set) var is5010: Bool
    /// The declared version `is5010` was computed from.
    private var lastDeclaredVersion: String

    /// The open loops, outermost (the set itself) first: `frames[0..<frameCount]`; and their entries' use
    /// counts, `counts[0..<countsEnd]`. Fixed buffers sized from the table (see `WalkStorage`): as arrays,
    /// every segment paid uniqueness and bounds checks on both, about 2 instructions per byte of input.
    private let storage: WalkStorage
    private var frames: UnsafeMutablePointer<Frame> { storage.frames }
    private var counts: UnsafeMutablePointer<Int> { storage.counts }
    private var frameCount = 0
    private var countsEnd = 0
    private var nextSerial = 1
    private(set) var findings: [Finding] = []
    var base: SegmentPosition
    /// Position of the current segment counted from ST = 1.
    private(set) var setPosition = 0

    /// `declaredVersion` is the set's own (GS08 or ST03); `version` the tables' it was resolved to.
    init(
        schema: CompiledSchema, registry: SchemaRegistry, version: String, declaredVersion: String, leniency: Leniency,
        base: SegmentPosition
    ) {
        self.schema = schema
        self.registry = registry
        self.version = version
        self.leniency = leniency
        self.is5010 = declaredVersion >= "005010"
        self.lastDeclaredVersion = declaredVersion
        self.base = base
        storage = WalkStorage(schema: schema)
        push(loop: 0, serial: 0)
    }

    /// Starts a new set with the same table, keeping the buffers' capacity (sets follow each other by the
    /// hundred thousand in a large file).
    mutating func reset(base: SegmentPosition, declaredVersion: String) {
        resetWalk(declaredVersion: declaredVersion)
        self.base = base
    }

    /// `reset` for a set of the same file, interchange and group as the last one: only ST02 changes in the
    /// base position, so the position is not rebuilt, copied and released whole for every set.
    mutating func reset(transaction: String, declaredVersion: String) {
        resetWalk(declaredVersion: declaredVersion)
        base.transaction = transaction
    }

    private mutating func resetWalk(declaredVersion: String) {
        frameCount = 0
        countsEnd = 0
        // Tested first: removing nothing still went through `replaceSubrange`, a few hundred instructions.
        if !findings.isEmpty { findings.removeAll(keepingCapacity: true) }
        nextSerial = 1
        setPosition = 0
        // Consecutive sets nearly always declare the same version: equal strings compare by their bits.
        if declaredVersion != lastDeclaredVersion {
            lastDeclaredVersion = declaredVersion
            is5010 = declaredVersion >= "005010"
        }
        push(loop: 0, serial: 0)
    }

    private mutating func push(loop: Int, serial: Int) {
        let entries = schema.nodes(ofLoop: loop).count
        precondition(frameCount < storage.frameCapacity && countsEnd + entries <= storage.countCapacity)
        frames[frameCount] = Frame(loop: loop, index: 0, countsStart: countsEnd, serial: serial)
        frameCount += 1
        // A loop's few counts cleared in place: `update(repeating:count:)` called `memset` for each new
        // iteration of a loop (several per set).
        let start = counts + countsEnd
        var i = 0
        while i < entries {
            start[i] = 0
            i &+= 1
        }
        countsEnd += entries
    }

    private mutating func pop() {
        frameCount -= 1
        countsEnd = frames[frameCount].countsStart
    }

    /// The loop ids and iteration serials from the outermost loop inward (the set itself excluded).
    var loopPath: [(id: String, serial: Int)] {
        (1..<max(frameCount, 1)).map { (schema.loopIDs[frames[$0].loop], frames[$0].serial) }
    }

    /// Brings `kept`'s open loop instances in line with the walk's (`loopPath`, without building it): the
    /// ones whose serials differ are closed, the walk's deeper ones opened.
    func openLoops(in kept: inout KeptSetBuilder) {
        let depth = max(frameCount - 1, 0)
        var same = 0
        while same < kept.openCount, same < depth, kept.openSerial(same) == frames[same + 1].serial { same += 1 }
        kept.closeLoops(keeping: same)
        for level in same..<depth {
            let frame = frames[level + 1]
            kept.openLoop(id: schema.loopIDs[frame.loop], serial: frame.serial)
        }
    }

    var currentLoopID: String? {
        frameCount > 1 ? schema.loopIDs[frames[frameCount - 1].loop] : nil
    }

    // MARK: - Segments

    /// Places `view` in the table and checks its elements.
    mutating func validate(_ view: SegmentView, tag: UInt32) {
        setPosition += 1
        if let segment = place(tag, view: view) {
            let spec = schema.segment(segment)
            if !elementsAreClean(view, spec) { checkElements(view, against: spec, id: segment) }
        }
    }

    /// Finds the table entry for `tag`; returns its segment index, or nil when it has none here.
    private mutating func place(_ tag: UInt32, view: SegmentView) -> Int? {
        var depth = frameCount - 1
        while depth >= 0 {
            let frame = frames[depth]
            let nodes = schema.nodes(ofLoop: frame.loop)
            // In a loop, entry 0 is the trigger: seeing it again starts a new iteration, found from the parent.
            var j = depth == 0 ? frame.index : max(frame.index, 1)
            while j < nodes.count {
                if nodes[j].tag == tag { break }
                j += 1
            }
            if j < nodes.count {
                while frameCount - 1 > depth {
                    reportMissing(inFrame: frameCount - 1, from: frames[frameCount - 1].index + 1, view: view)
                    pop()
                }
                let from = frame.index + (counts[frame.countsStart + frame.index] > 0 ? 1 : 0)
                if from < j { reportMissing(inFrame: depth, from: from, to: j, view: view) }
                let node = nodes[j]
                let countIndex = frame.countsStart + j
                counts[countIndex] += 1
                frames[depth].index = j
                if node.loop >= 0 {
                    if counts[countIndex] > node.max {
                        let id = schema.loopIDs[Int(node.loop)]
                        add(.loopOverMaximum, .error, view, loop: id, "loop \(id) repeats more than \(node.max) times")
                    }
                    push(loop: Int(node.loop), serial: nextSerial)
                    nextSerial += 1
                    counts[frames[frameCount - 1].countsStart] = 1
                } else if counts[countIndex] > node.max {
                    add(.segmentOverMaximumUse, .error, view, loop: currentLoopID,
                        "\(schema.segmentIDs[Int(node.segment)]) is used more than \(node.max) times here")
                }
                return Int(node.segment)
            }
            depth -= 1
        }
        let tagString = view.tag
        if schema.tags.contains(tag) {
            add(.segmentOutOfSequence, .error, view, loop: currentLoopID, "\(tagString) is not in its proper place in the set")
        } else if registry.isStandardSegment(tagString, version: version) {
            add(.segmentNotInSet, .warning, view, loop: currentLoopID,
                "\(tagString) is not defined in the \(schema.source.id) set; ignored")
        } else {
            add(.unrecognizedSegment, .warning, view, loop: currentLoopID, "segment identifier \(tagString) is not recognized; ignored")
        }
        return nil
    }

    /// Reports mandatory entries of frame `depth` in `from..<to` that were never used.
    private mutating func reportMissing(inFrame depth: Int, from: Int, to: Int? = nil, view: SegmentView) {
        let frame = frames[depth]
        let nodes = schema.nodes(ofLoop: frame.loop)
        let end = to ?? nodes.count
        guard from < end else { return }
        for k in from..<end where nodes[k].mandatory && counts[frame.countsStart + k] == 0 {
            appendMissing(nodes[k], depth: depth, frame: frame, ordinal: view.ordinal)
        }
    }

    private mutating func appendMissing(_ node: CompiledSchema.Node, depth: Int, frame: Frame, ordinal: Int) {
        let id = schema.segmentIDs[Int(node.segment)]
        let loopID = node.loop >= 0 ? schema.loopIDs[Int(node.loop)] : (depth > 0 ? schema.loopIDs[frame.loop] : nil)
        var position = base
        position.segmentIndex = ordinal
        position.setSegmentIndex = setPosition
        position.tag = id
        position.loop = loopID
        findings.append(
            Finding(.mandatorySegmentMissing, .error, at: position,
                    node.loop >= 0 ? "mandatory loop \(loopID ?? "") (\(id)) is missing" : "mandatory segment \(id) is missing"))
    }

    /// Closes the set: reports mandatory entries never seen. `sawTrailer` is false when SE is missing
    /// (the envelope reports that; SE is then not reported again here).
    mutating func finish(trailerOrdinal: Int, sawTrailer: Bool) {
        while frameCount > 1 {
            reportMissingAtEnd(depth: frameCount - 1, ordinal: trailerOrdinal, skipTrailer: false)
            pop()
        }
        if !sawTrailer { reportMissingAtEnd(depth: 0, ordinal: trailerOrdinal, skipTrailer: true) }
    }

    private mutating func reportMissingAtEnd(depth: Int, ordinal: Int, skipTrailer: Bool) {
        let frame = frames[depth]
        let nodes = schema.nodes(ofLoop: frame.loop)
        let start = frame.index + (counts[frame.countsStart + frame.index] > 0 ? 1 : 0)
        guard start < nodes.count else { return }
        for k in start..<nodes.count where nodes[k].mandatory && counts[frame.countsStart + k] == 0 {
            if skipTrailer && nodes[k].tag == SegmentTag.SE { continue }
            appendMissing(nodes[k], depth: depth, frame: frame, ordinal: ordinal)
        }
    }

    // MARK: - Elements

    /// Whether `view`'s elements pass every check of `segment` with no finding at all: the common case,
    /// answered without positions, labels or messages, reading the element bounds straight from the
    /// reader's table. Conservative: whenever it is not sure (a composite, a sub-separator, a byte outside
    /// printable ASCII, more elements than defined, any failing check) it answers false, and
    /// `checkElements` walks the segment again and reports exactly what it always did.
    @inline(__always)
    private func elementsAreClean(_ view: SegmentView, _ segment: CompiledSchema.SegmentSpec) -> Bool {
        let count = view.elementCount
        guard view.isPrintableASCII, !view.hasSubSeparators, count <= Int(segment.elementsCount),
            segment.elementsCount < 64,
            let base = view.bytes.baseAddress
        else { return false }
        let checks = schema.quickChecks(of: segment)
        let starts = view.starts
        var present: UInt64 = 0
        var p = 1
        var start = Int(starts[1])
        while p <= count {
            let next = Int(starts[p + 1])
            let length = next &- 1 &- start
            if length > 0 {
                let check = checks[p - 1]
                let value = UnsafeBufferPointer(start: base + start, count: length)
                switch check.kind {
                case .syntax:
                    let element = schema.elements(of: segment)[p - 1]
                    if ElementSyntax.check(
                        value, type: element.type, min: Int(element.minLength), max: Int(element.maxLength),
                        printable: true) != nil
                    {
                        return false
                    }
                case .none:
                    return false
                default:
                    if !Self.passes(value, check) { return false }
                }
                if check.codes >= 0, !schema.isValidCode(value, table: check.codes) { return false }
                present |= 1 << UInt64(p)
            }
            start = next
            p += 1
        }
        // The last element written must be used (else: trailing separators), and every mandatory one.
        if count > 0, present & (1 << UInt64(count)) == 0 { return false }
        if segment.mandatoryMask & ~present != 0 { return false }
        for rule in schema.rules(of: segment) where !Self.holds(rule, present: present) { return false }
        return true
    }

    /// Whether a non-empty value of printable ASCII passes `check` (kinds `.length` to `.time`): true only
    /// when `ElementSyntax.check` finds no problem with it; false also when unsure.
    @inline(__always)
    static func passes(_ value: UnsafeBufferPointer<UInt8>, _ check: CompiledSchema.QuickCheck) -> Bool {
        let length = value.count
        @inline(__always) func inRange(_ n: Int) -> Bool {
            UInt(bitPattern: n &- Int(check.min)) <= UInt(check.span)
        }
        switch check.kind {
        case .length:
            // Printable ASCII throughout (the reader saw it): the length is all there is to check.
            return inRange(length)
        case .numeric:
            var k = value[0] == 0x2D ? 1 : 0
            let digits = length &- k
            while k < length {
                if value[k] &- 0x30 > 9 { return false }
                k &+= 1
            }
            return digits != 0 && inRange(digits)
        case .decimal:
            var k = value[0] == 0x2D ? 1 : 0
            var digits = length &- k
            var point = false
            while k < length {
                let b = value[k]
                if b &- 0x30 > 9 {
                    if b != 0x2E || point { return false }
                    point = true
                    digits &-= 1
                }
                k &+= 1
            }
            return digits != 0 && inRange(digits)
        case .date, .time:
            if !inRange(length) { return false }
            for b in value where b &- 0x30 > 9 { return false }
            return check.kind == .date ? ElementSyntax.isValidDate(value) : ElementSyntax.isValidTime(value)
        case .syntax, .none:
            return false
        }
    }

    private mutating func checkElements(_ view: SegmentView, against segment: CompiledSchema.SegmentSpec, id: Int) {
        let elements = schema.elements(of: segment)
        let defined = elements.count
        var lastPresent = 0
        var present: UInt64 = 0
        if view.elementCount > 0 {
            for p in 1...view.elementCount where view.isPresent(p) {
                lastPresent = p
                if p < 64 { present |= 1 << UInt64(p) }
            }
        }
        for i in 0..<defined {
            let element = elements[i]
            let p = i + 1
            if p < 64, present & (1 << UInt64(p)) == 0 {
                if element.mandatory {
                    addElement(.mandatoryElementMissing, view, element: p, element,
                               "\(label(id, p)) (\(schema.elementNames[Int(element.index)])) is required")
                }
                continue
            }
            let bytes = view.element(p)
            if bytes.isEmpty { continue }
            if element.componentsCount == 0 {
                if view.hasSubSeparators {
                    checkSimple(bytes, element, view: view, segment: id, position: p)
                } else {
                    checkValue(bytes, element, view: view, segment: id, position: p, repetition: nil)
                }
            } else {
                checkComposite(bytes, element, view: view, segment: id, position: p)
            }
        }
        if lastPresent > defined {
            addElement(.tooManyElements, view, element: defined + 1, nil,
                       "\(schema.segmentIDs[id]) has \(lastPresent) elements; at most \(defined) are defined")
        }
        if view.elementCount > lastPresent {
            add(.trailingSeparator, leniency.severity(.trailingSeparators), view, loop: currentLoopID,
                "\(schema.segmentIDs[id]) ends with empty elements (trailing separators)")
        }
        for rule in schema.rules(of: segment) where !Self.holds(rule, present: present) {
            check(rule, present: present, view: view, segment: id, elements: elements)
        }
    }

    private mutating func checkSimple(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledSchema.ElementSpec, view: SegmentView, segment: Int, position p: Int
    ) {
        if !view.hasSubSeparators {
            checkValue(bytes, element, view: view, segment: segment, position: p, repetition: nil)
            return
        }
        if let rep = view.repetitionSeparator, bytes.contains(rep) {
            let parts = bytes.split(separator: rep, omittingEmptySubsequences: false)
            if parts.count > element.maxRepeat {
                addElement(is5010 ? .tooManyRepetitions : .invalidCharacter, view, element: p, element,
                           "\(label(segment, p)) repeats \(parts.count) times; at most \(element.maxRepeat) allowed",
                           bad: bytes)
                return
            }
            for (r, part) in parts.enumerated() where !part.isEmpty {
                checkValue(UnsafeBufferPointer(rebasing: part), element, view: view, segment: segment, position: p, repetition: r + 1)
            }
            return
        }
        if bytes.contains(view.componentSeparator) {
            addElement(is5010 ? .tooManyComponents : .invalidCharacter, view, element: p, element,
                       "\(label(segment, p)) is a simple element but holds a component separator", bad: bytes)
            return
        }
        checkValue(bytes, element, view: view, segment: segment, position: p, repetition: nil)
    }

    private mutating func checkComposite(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledSchema.ElementSpec, view: SegmentView, segment: Int, position p: Int
    ) {
        let components = schema.components(of: element)
        let parts = bytes.split(separator: view.componentSeparator, omittingEmptySubsequences: false)
        if parts.count > components.count {
            addElement(.tooManyComponents, view, element: p, element,
                       "\(label(segment, p)) has \(parts.count) components; at most \(components.count) defined", bad: bytes)
        }
        for c in 0..<components.count {
            let component = components[c]
            let value = c < parts.count ? UnsafeBufferPointer(rebasing: parts[c]) : UnsafeBufferPointer(start: bytes.baseAddress, count: 0)
            if value.isEmpty {
                if component.mandatory {
                    addElement(.mandatoryElementMissing, view, element: p, component: c + 1, component,
                               "\(label(segment, p, c + 1)) (\(schema.elementNames[Int(component.index)])) is required")
                }
                continue
            }
            checkValue(value, component, view: view, segment: segment, position: p, component: c + 1, repetition: nil)
        }
    }

    @inline(__always)
    private mutating func checkValue(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledSchema.ElementSpec, view: SegmentView, segment: Int,
        position p: Int, component: Int? = nil, repetition: Int?
    ) {
        if let problem = ElementSyntax.check(
            bytes, type: element.type, min: Int(element.minLength), max: Int(element.maxLength), printable: view.isPrintableASCII)
        {
            reportValue(problem, bytes, element, view: view, segment: segment, position: p, component: component, repetition: repetition)
            return
        }
        if element.codes >= 0, !schema.isValidCode(bytes, table: element.codes) {
            reportCode(bytes, element, view: view, segment: segment, position: p, component: component, repetition: repetition)
        }
    }

    /// Reports a value that fails its type or length check. Out of line: the element loop stays small.
    @inline(never)
    private mutating func reportValue(
        _ problem: FindingKind, _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledSchema.ElementSpec, view: SegmentView,
        segment: Int, position p: Int, component: Int?, repetition: Int?
    ) {
        let name = label(segment, p, component)
        let message: String
        switch problem {
        case .elementTooShort: message = "\(name) is shorter than \(element.minLength)"
        case .elementTooLong: message = "\(name) is longer than \(element.maxLength)"
        case .invalidDate: message = "\(name) is not a valid date"
        case .invalidTime: message = "\(name) is not a valid time"
        default: message = "\(name) has characters not allowed in type \(element.type.code)"
        }
        addElement(problem, view, element: p, component: component, repetition: repetition, element, message, bad: bytes)
    }

    /// Reports a value that is not in its code list.
    @inline(never)
    private mutating func reportCode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledSchema.ElementSpec, view: SegmentView, segment: Int,
        position p: Int, component: Int?, repetition: Int?
    ) {
        addElement(.invalidCode, view, element: p, component: component, repetition: repetition, element,
                   "\(label(segment, p, component)) is not a valid code for element \(element.reference) (\(schema.elementNames[Int(element.index)]))",
                   bad: bytes, severity: schema.isClosed(element.codes) ? .error : .warning)
    }

    /// Whether `rule` holds for the elements in `present` (bit p set when element p is used).
    @inline(__always)
    static func holds(_ rule: CompiledSchema.RuleSpec, present: UInt64) -> Bool {
        let used = present & rule.mask
        if rule.complete {
            switch rule.kind {
            case .paired: return used == 0 || used == rule.mask
            case .required: return used != 0
            case .exclusion: return used & (used &- 1) == 0
            case .conditional: return used & rule.firstBit == 0 || used == rule.mask
            case .listConditional: return used & rule.firstBit == 0 || used & (used &- 1) != 0
            }
        }
        let count = Int32((present & rule.mask).nonzeroBitCount)
        let hasFirst = rule.first < 64 && present & (1 << UInt64(rule.first)) != 0
        switch rule.kind {
        case .paired: return count == 0 || count >= rule.positionsCount
        case .required: return count != 0
        case .exclusion: return count <= 1
        case .conditional: return !hasFirst || count >= rule.positionsCount
        case .listConditional: return !hasFirst || count >= 2
        }
    }

    /// Reports a syntax rule that `holds` found broken.
    @inline(never)
    private mutating func check(
        _ rule: CompiledSchema.RuleSpec, present: UInt64, view: SegmentView, segment: Int,
        elements: UnsafeBufferPointer<CompiledSchema.ElementSpec>
    ) {
        @inline(__always) func has(_ p: Int32) -> Bool { p < 64 && present & (1 << UInt64(p)) != 0 }
        let positions = schema.positions(of: rule)
        var count = 0
        for p in positions where has(p) { count += 1 }
        let first = positions[0]
        let violated: Int32?
        switch rule.kind {
        case .paired: violated = count > 0 && count < positions.count ? positions.first { !has($0) } : nil
        case .required: violated = count == 0 ? first : nil
        case .exclusion: violated = count > 1 ? positions.filter(has)[1] : nil
        case .conditional: violated = has(first) && count < positions.count ? positions.dropFirst().first { !has($0) } : nil
        case .listConditional: violated = has(first) && count < 2 ? positions[1] : nil
        }
        guard let violated else { return }
        func names(_ list: some Sequence<Int32>) -> String { list.map { label(segment, Int($0)) }.joined(separator: ", ") }
        let message: String
        switch rule.kind {
        case .paired: message = "\(names(positions)) must be used together"
        case .required: message = "at least one of \(names(positions)) is required"
        case .exclusion: message = "only one of \(names(positions)) may be used"
        case .conditional: message = "\(label(segment, Int(violated))) is required when \(label(segment, Int(first))) is used"
        case .listConditional: message = "one of \(names(positions.dropFirst())) is required when \(label(segment, Int(first))) is used"
        }
        let p = Int(violated)
        let element = p <= elements.count ? elements[p - 1] : nil
        let kind: FindingKind = rule.kind == .exclusion ? .exclusionViolated : .conditionalElementMissing
        addElement(kind, view, element: p, element, message, bad: kind == .exclusionViolated ? view.element(p) : nil)
    }

    /// `N101`, or `C04001-02` style for a component.
    private func label(_ segment: Int, _ p: Int, _ component: Int? = nil) -> String {
        "\(schema.segmentIDs[segment])\(pad(p))" + (component.map { "-\(pad($0))" } ?? "")
    }

    // MARK: - Findings

    /// Where the current segment is: the set's envelope, positions from ISA and ST, offset, tag and loop.
    private func position(of view: SegmentView, loop: String?) -> SegmentPosition {
        var position = base
        position.segmentIndex = view.ordinal
        position.setSegmentIndex = setPosition
        position.byteOffset = view.offset
        position.tag = view.tag
        position.loop = loop
        return position
    }

    private mutating func add(_ kind: FindingKind, _ severity: Finding.Severity, _ view: SegmentView, loop: String?, _ message: String) {
        findings.append(Finding(kind, severity, at: position(of: view, loop: loop), message))
    }

    private mutating func addElement(
        _ kind: FindingKind, _ view: SegmentView, element p: Int, component: Int? = nil, repetition: Int? = nil,
        _ element: CompiledSchema.ElementSpec?, _ message: String, bad: UnsafeBufferPointer<UInt8>? = nil,
        severity: Finding.Severity = .error
    ) {
        var position = position(of: view, loop: currentLoopID)
        position.element = p
        position.component = component
        position.repetition = repetition
        findings.append(
            Finding(kind, severity, at: position, message, elementReference: element.map { Int($0.reference) },
                    badValue: bad.map { String(decoding: $0, as: UTF8.self) }))
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Fixed buffers for a `TransactionValidator`'s walk, sized once from its table: the open loops form a
/// path in the table's loop tree, so there are never more frames than loops, nor more use counts than
/// table entries. A class only to free the buffers; each validator has its own and one owner at a time
/// (the open set, or the spare kept for the next set).
final class WalkStorage {
    let frames: UnsafeMutablePointer<TransactionValidator.Frame>
    let counts: UnsafeMutablePointer<Int>
    let frameCapacity: Int
    let countCapacity: Int

    init(schema: CompiledSchema) {
        frameCapacity = schema.loopCount + 1
        countCapacity = schema.nodeCount + 1
        frames = .allocate(capacity: frameCapacity)
        counts = .allocate(capacity: countCapacity)
    }

    deinit {
        frames.deallocate()
        counts.deallocate()
    }
}

// MARK: - One pass (the validator's engine when it keeps no segments)

extension TransactionValidator {
    /// Where a segment goes in the walk: frame `depth`, entry `entry` of that frame's loop.
    struct Placement {
        var depth: Int
        var entry: Int
        var node: CompiledSchema.Node
    }

    /// Reads, places and checks segments in one pass (see `ValidationEngine.onePassSegments`), from `p`
    /// on, for as long as each reports nothing: cosmetic bytes after a terminator skipped as the reader
    /// skips them, the tag read, its place found by `quietPlacement`, its elements checked by
    /// `cleanElements`, and the walk moved on (`commit`) only when both report nothing and the terminator
    /// lies before `limit`. Stops at the first segment it declines, having changed nothing for it (an
    /// envelope tag, anything to report, an unusual byte, the end of the buffered bytes). Returns how many
    /// segments it took, where reading resumes (the declined segment's first byte, or `limit`), and the
    /// end of the last segment taken (its terminator).
    ///
    /// Not inlined into the reader's loop: as one function of its own it keeps its values in registers,
    /// and it runs from segment to segment without returning to the reader.
    @inline(never)
    mutating func onePass(
        from p: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, classes: UnsafePointer<UInt8>,
        separator: UInt8, terminator: UInt8
    ) -> (count: Int, next: UnsafePointer<UInt8>, lastEnd: UnsafePointer<UInt8>) {
        var p = p
        var count = 0
        var lastEnd = p
        while true {
            var b = p.pointee
            while b == 0x0A || b == 0x0D || b == 0x20 || b == 0x09, b != terminator, b != separator {
                p += 1
                b = p.pointee
            }
            if p >= limit { break }
            var q = p
            var tag: UInt32 = 0
            var c = classes[Int(b)]
            while c == 0 {
                tag = (tag << 8) | UInt32(q.pointee)
                q += 1
                c = classes[Int(q.pointee)]
            }
            let tagLength = p.distance(to: q)
            guard c == 1 || c == 16, tagLength > 0, tagLength <= 4, !SegmentTag.isEnvelope(tag),
                let placement = quietPlacement(of: tag),
                let end = Self.cleanElements(
                    from: q, class: c, classes: classes, segment: Int(placement.node.segment), schema: schema),
                end < limit
            else { break }
            commit(placement)
            count &+= 1
            lastEnd = end
            p = end + 1
        }
        return (count, p, lastEnd)
    }

    /// Where `tag` would be placed, when placing it there reports nothing (no mandatory entry skipped or
    /// left behind in a closing loop, no use or repeat over its maximum); else nil. Changes nothing: the
    /// one-pass path places the segment (`commit`) only once its elements are known to be clean, and on nil
    /// the general path (`validate`) places it again, findings and all.
    @inline(__always)
    func quietPlacement(of tag: UInt32) -> Placement? {
        let frames = self.frames
        let counts = self.counts
        var depth = frameCount &- 1
        while depth >= 0 {
            let frame = frames[depth]
            let nodes = schema.nodes(ofLoop: frame.loop)
            let n = nodes.count
            var j = depth == 0 ? frame.index : max(frame.index, 1)
            while j < n, nodes[j].tag != tag { j &+= 1 }
            if j < n {
                // The loops that `place` would close, and what it would report missing in them.
                var f = frameCount &- 1
                while f > depth {
                    let inner = frames[f]
                    let innerNodes = schema.nodes(ofLoop: inner.loop)
                    var k = inner.index &+ 1
                    while k < innerNodes.count {
                        if innerNodes[k].mandatory && counts[inner.countsStart &+ k] == 0 { return nil }
                        k &+= 1
                    }
                    f &-= 1
                }
                let base = counts + frame.countsStart
                var k = frame.index &+ (base[frame.index] > 0 ? 1 : 0)
                while k < j {
                    if nodes[k].mandatory && base[k] == 0 { return nil }
                    k &+= 1
                }
                let node = nodes[j]
                if base[j] >= node.max { return nil }
                return Placement(depth: depth, entry: j, node: node)
            }
            depth &-= 1
        }
        return nil
    }

    /// Places a segment where `quietPlacement` found it: what `place` does there, without findings.
    @inline(__always)
    mutating func commit(_ placement: Placement) {
        setPosition &+= 1
        let depth = placement.depth
        if frameCount &- 1 > depth {
            frameCount = depth &+ 1
            countsEnd = frames[frameCount].countsStart
        }
        let frame = frames + depth
        counts[frame.pointee.countsStart &+ placement.entry] &+= 1
        frame.pointee.index = placement.entry
        let loop = placement.node.loop
        if loop >= 0 {
            push(loop: Int(loop), serial: nextSerial)
            nextSerial &+= 1
            counts[frames[frameCount &- 1].countsStart] = 1
        }
    }

    /// Reads the elements of a segment of table segment `segment`, from `q` (the byte after its tag, of
    /// class `c` in the reader's `classes`), checking each one as its separator is reached. Returns the
    /// address of the terminator (class 16) when every check passes with no finding, exactly when
    /// `elementsAreClean` would answer true for the same bytes; else nil (a finding, or a byte this pass does
    /// not judge: a sub-separator, a line break, a byte outside printable ASCII), and the general path reads
    /// the segment again. Nothing is stored on the way: no element bounds, no view.
    ///
    /// Static, with the table passed in (as a method it was called with a copy of the whole validator), and
    /// not inlined: as a function of its own its few values stay in registers, where inlined into the
    /// reader's loop the byte loop reloaded its pointers from the stack on every byte. AN and ID values
    /// (most of them) are judged here by their length; other types out of line (`passesOther`).
    @inline(never)
    static func cleanElements(
        from q: UnsafePointer<UInt8>, class c: UInt8, classes: UnsafePointer<UInt8>, segment: Int,
        schema: CompiledSchema
    ) -> UnsafePointer<UInt8>? {
        let spec = schema.segment(segment)
        guard spec.elementsCount < 64 else { return nil }
        let checks = schema.quickChecks(of: spec)
        let end = checks + Int(spec.elementsCount)
        var check = checks
        var q = q
        var c = c
        var present: UInt64 = 0
        var bit: UInt64 = 1
        while c == 1 {
            if check == end { return nil }
            bit &<<= 1
            let start = q + 1
            c = classes[Int(start.pointee)]
            if c == 0 {
                // One induction variable: counting from `start` and from `q` both, the loop took 8
                // instructions per byte instead of 5.
                var length = 1
                while true {
                    c = classes[Int(start[length])]
                    if c != 0 { break }
                    length &+= 1
                }
                q = start + length
                let k = check.pointee
                let value = UnsafeBufferPointer(start: start, count: length)
                if k.kind == .length {
                    if UInt(bitPattern: length &- Int(k.min)) > UInt(k.span) { return nil }
                } else if !passesOther(value, k, element: schema.elements(of: spec).baseAddress! + checks.distance(to: check)) {
                    return nil
                }
                if k.codes >= 0, !schema.isValidCode(value, table: k.codes) { return nil }
                present |= bit
            } else {
                q = start
            }
            check += 1
        }
        guard c == 16 else { return nil }
        // The last element written must be used (else: trailing separators), and every mandatory one.
        if bit != 1, present & bit == 0 { return nil }
        if spec.mandatoryMask & ~present != 0 { return nil }
        for rule in schema.rules(of: spec) where !holds(rule, present: present) { return nil }
        return q
    }

    /// `cleanElements`' check of a value whose quick check is not `.length`: what `elementsAreClean` does.
    @inline(never)
    static func passesOther(
        _ value: UnsafeBufferPointer<UInt8>, _ check: CompiledSchema.QuickCheck,
        element: UnsafePointer<CompiledSchema.ElementSpec>
    ) -> Bool {
        switch check.kind {
        case .syntax:
            let element = element.pointee
            return ElementSyntax.check(
                value, type: element.type, min: Int(element.minLength), max: Int(element.maxLength), printable: true)
                == nil
        case .none:
            return false
        default:
            return passes(value, check)
        }
    }
}
