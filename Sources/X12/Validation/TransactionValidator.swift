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
    let is5010: Bool

    private(set) var frames: [Frame] = []
    private var counts: [Int] = []
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
        self.base = base
        push(loop: 0, serial: 0)
    }

    private mutating func push(loop: Int, serial: Int) {
        frames.append(Frame(loop: loop, index: 0, countsStart: counts.count, serial: serial))
        counts.append(contentsOf: repeatElement(0, count: schema.loops[loop].nodes.count))
    }

    private mutating func pop() {
        let frame = frames.removeLast()
        counts.removeSubrange(frame.countsStart...)
    }

    /// The loop ids and iteration serials from the outermost loop inward (the set itself excluded).
    var loopPath: [(id: String, serial: Int)] {
        frames.dropFirst().map { (schema.loops[$0.loop].id, $0.serial) }
    }

    var currentLoopID: String? {
        frames.count > 1 ? schema.loops[frames[frames.count - 1].loop].id : nil
    }

    // MARK: - Segments

    /// Places `view` in the table and checks its elements.
    mutating func validate(_ view: SegmentView) {
        setPosition += 1
        let tag = view.tagCode
        if let segment = place(tag, view: view) {
            checkElements(view, against: schema.segments[segment])
        }
    }

    /// Finds the table entry for `tag`; returns its segment index, or nil when it has none here.
    private mutating func place(_ tag: UInt32, view: SegmentView) -> Int? {
        var depth = frames.count - 1
        while depth >= 0 {
            let frame = frames[depth]
            let nodes = schema.loops[frame.loop].nodes
            // In a loop, entry 0 is the trigger: seeing it again starts a new iteration, found from the parent.
            var j = depth == 0 ? frame.index : max(frame.index, 1)
            while j < nodes.count {
                if nodes[j].tag == tag { break }
                j += 1
            }
            if j < nodes.count {
                while frames.count - 1 > depth {
                    reportMissing(inFrame: frames.count - 1, from: frames[frames.count - 1].index + 1, view: view)
                    pop()
                }
                reportMissing(inFrame: depth, from: frame.index + (counts[frame.countsStart + frame.index] > 0 ? 1 : 0), to: j, view: view)
                let node = nodes[j]
                let countIndex = frame.countsStart + j
                counts[countIndex] += 1
                frames[depth].index = j
                if node.loop >= 0 {
                    if counts[countIndex] > node.max {
                        add(.loopOverMaximum, .error, view, loop: schema.loops[node.loop].id,
                            "loop \(schema.loops[node.loop].id) repeats more than \(node.max) times")
                    }
                    push(loop: node.loop, serial: nextSerial)
                    nextSerial += 1
                    counts[frames[frames.count - 1].countsStart] = 1
                } else if counts[countIndex] > node.max {
                    add(.segmentOverMaximumUse, .error, view, loop: currentLoopID,
                        "\(schema.segments[node.segment].id) is used more than \(node.max) times here")
                }
                return node.segment
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
        let loop = schema.loops[frame.loop]
        let end = to ?? loop.nodes.count
        guard from < end else { return }
        for k in from..<end where loop.nodes[k].mandatory && counts[frame.countsStart + k] == 0 {
            let node = loop.nodes[k]
            let id = schema.segments[node.segment].id
            let loopID = node.loop >= 0 ? schema.loops[node.loop].id : (depth > 0 ? loop.id : nil)
            var position = base
            position.segmentIndex = view.ordinal
            position.setSegmentIndex = setPosition
            position.tag = id
            position.loop = loopID
            findings.append(
                Finding(.mandatorySegmentMissing, .error, at: position,
                        node.loop >= 0 ? "mandatory loop \(loopID ?? "") (\(id)) is missing" : "mandatory segment \(id) is missing"))
        }
    }

    /// Closes the set: reports mandatory entries never seen. `sawTrailer` is false when SE is missing
    /// (the envelope reports that; SE is then not reported again here).
    mutating func finish(trailerOrdinal: Int, sawTrailer: Bool) {
        while frames.count > 1 {
            reportMissingAtEnd(depth: frames.count - 1, ordinal: trailerOrdinal, skipTrailer: false)
            pop()
        }
        if !sawTrailer { reportMissingAtEnd(depth: 0, ordinal: trailerOrdinal, skipTrailer: true) }
    }

    private mutating func reportMissingAtEnd(depth: Int, ordinal: Int, skipTrailer: Bool) {
        let frame = frames[depth]
        let loop = schema.loops[frame.loop]
        let start = frame.index + (counts[frame.countsStart + frame.index] > 0 ? 1 : 0)
        guard start < loop.nodes.count else { return }
        for k in start..<loop.nodes.count where loop.nodes[k].mandatory && counts[frame.countsStart + k] == 0 {
            let node = loop.nodes[k]
            let id = schema.segments[node.segment].id
            if skipTrailer && id == "SE" { continue }
            var position = base
            position.segmentIndex = ordinal
            position.setSegmentIndex = setPosition
            position.tag = id
            position.loop = node.loop >= 0 ? schema.loops[node.loop].id : (depth > 0 ? loop.id : nil)
            findings.append(Finding(.mandatorySegmentMissing, .error, at: position, "mandatory segment \(id) is missing"))
        }
    }

    // MARK: - Elements

    private mutating func checkElements(_ view: SegmentView, against segment: CompiledSegment) {
        let defined = segment.elements.count
        var lastPresent = 0
        var present: UInt64 = 0
        if view.elementCount > 0 {
            for p in 1...view.elementCount where !view.element(p).isEmpty {
                lastPresent = p
                if p < 64 { present |= 1 << UInt64(p) }
            }
        }
        for (i, element) in segment.elements.enumerated() {
            let p = i + 1
            let bytes = view.element(p)
            if bytes.isEmpty {
                if element.mandatory {
                    addElement(.mandatoryElementMissing, view, element: p, element,
                               "\(segment.id)\(pad(p)) (\(element.name)) is required")
                }
                continue
            }
            if element.components.isEmpty {
                checkSimple(bytes, element, view: view, segment: segment, position: p)
            } else {
                checkComposite(bytes, element, view: view, segment: segment, position: p)
            }
        }
        if lastPresent > defined {
            addElement(.tooManyElements, view, element: defined + 1, nil,
                       "\(segment.id) has \(lastPresent) elements; at most \(defined) are defined")
        }
        if view.elementCount > lastPresent {
            add(.trailingSeparator, leniency.severity(.trailingSeparators), view, loop: currentLoopID,
                "\(segment.id) ends with empty elements (trailing separators)")
        }
        for rule in segment.rules { check(rule, present: present, view: view, segment: segment) }
    }

    private mutating func checkSimple(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledElement, view: SegmentView, segment: CompiledSegment, position p: Int
    ) {
        if let rep = view.repetitionSeparator, bytes.contains(rep) {
            let parts = bytes.split(separator: rep, omittingEmptySubsequences: false)
            if parts.count > element.maxRepeat {
                addElement(.tooManyRepetitions, view, element: p, element,
                           "\(segment.id)\(pad(p)) repeats \(parts.count) times; at most \(element.maxRepeat) allowed",
                           bad: bytes, forceCode: is5010 ? nil : .invalidCharacter)
                return
            }
            for (r, part) in parts.enumerated() where !part.isEmpty {
                checkValue(UnsafeBufferPointer(rebasing: part), element, view: view, segment: segment, position: p, repetition: r + 1)
            }
            return
        }
        if bytes.contains(view.componentSeparator) {
            addElement(is5010 ? .tooManyComponents : .invalidCharacter, view, element: p, element,
                       "\(segment.id)\(pad(p)) is a simple element but holds a component separator", bad: bytes)
            return
        }
        checkValue(bytes, element, view: view, segment: segment, position: p, repetition: nil)
    }

    private mutating func checkComposite(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledElement, view: SegmentView, segment: CompiledSegment, position p: Int
    ) {
        let parts = bytes.split(separator: view.componentSeparator, omittingEmptySubsequences: false)
        if parts.count > element.components.count {
            addElement(.tooManyComponents, view, element: p, element,
                       "\(segment.id)\(pad(p)) has \(parts.count) components; at most \(element.components.count) defined", bad: bytes)
        }
        for (c, component) in element.components.enumerated() {
            let value = c < parts.count ? UnsafeBufferPointer(rebasing: parts[c]) : UnsafeBufferPointer(start: bytes.baseAddress, count: 0)
            if value.isEmpty {
                if component.mandatory {
                    addElement(.mandatoryElementMissing, view, element: p, component: c + 1, component,
                               "\(segment.id)\(pad(p))-\(pad(c + 1)) (\(component.name)) is required")
                }
                continue
            }
            checkValue(value, component, view: view, segment: segment, position: p, component: c + 1, repetition: nil)
        }
    }

    private mutating func checkValue(
        _ bytes: UnsafeBufferPointer<UInt8>, _ element: CompiledElement, view: SegmentView, segment: CompiledSegment,
        position p: Int, component: Int? = nil, repetition: Int?
    ) {
        if let problem = ElementSyntax.check(bytes, type: element.type, min: element.minLength, max: element.maxLength) {
            let label = "\(segment.id)\(pad(p))" + (component.map { "-\(pad($0))" } ?? "")
            let message: String
            switch problem {
            case .elementTooShort: message = "\(label) is shorter than \(element.minLength)"
            case .elementTooLong: message = "\(label) is longer than \(element.maxLength)"
            case .invalidDate: message = "\(label) is not a valid date"
            case .invalidTime: message = "\(label) is not a valid time"
            default: message = "\(label) has characters not allowed in type \(element.type.code)"
            }
            addElement(problem, view, element: p, component: component, repetition: repetition, element, message, bad: bytes)
            return
        }
        if element.codes != nil, !element.isValidCode(bytes) {
            let label = "\(segment.id)\(pad(p))" + (component.map { "-\(pad($0))" } ?? "")
            addElement(.invalidCode, view, element: p, component: component, repetition: repetition, element,
                       "\(label) is not a valid code for element \(element.reference) (\(element.name))", bad: bytes,
                       severity: element.codesClosed ? .error : .warning)
        }
    }

    private mutating func check(_ rule: SyntaxRule, present: UInt64, view: SegmentView, segment: CompiledSegment) {
        @inline(__always) func has(_ p: Int) -> Bool { p < 64 && present & (1 << UInt64(p)) != 0 }
        let positions = rule.positions
        var count = 0
        for p in positions where has(p) { count += 1 }
        func names(_ list: some Sequence<Int>) -> String { list.map { "\(segment.id)\(pad($0))" }.joined(separator: ", ") }
        switch rule.kind {
        case .paired where count > 0 && count < positions.count:
            let missing = positions.first { !has($0) }!
            addRule(.conditionalElementMissing, view, segment, missing, "\(names(positions)) must be used together")
        case .required where count == 0:
            addRule(.conditionalElementMissing, view, segment, positions[0], "at least one of \(names(positions)) is required")
        case .exclusion where count > 1:
            addRule(.exclusionViolated, view, segment, positions.filter(has)[1], "only one of \(names(positions)) may be used")
        case .conditional where has(positions[0]) && count < positions.count:
            let missing = positions.dropFirst().first { !has($0) }!
            addRule(.conditionalElementMissing, view, segment, missing,
                    "\(segment.id)\(pad(missing)) is required when \(segment.id)\(pad(positions[0])) is used")
        case .listConditional where has(positions[0]) && count < 2:
            addRule(.conditionalElementMissing, view, segment, positions[1],
                    "one of \(names(positions.dropFirst())) is required when \(segment.id)\(pad(positions[0])) is used")
        default:
            break
        }
    }

    private mutating func addRule(_ kind: FindingKind, _ view: SegmentView, _ segment: CompiledSegment, _ p: Int, _ message: String) {
        let element = p <= segment.elements.count ? segment.elements[p - 1] : nil
        addElement(kind, view, element: p, element, message, bad: kind == .exclusionViolated ? view.element(p) : nil)
    }

    // MARK: - Findings

    private mutating func add(_ kind: FindingKind, _ severity: Finding.Severity, _ view: SegmentView, loop: String?, _ message: String) {
        var position = base
        position.segmentIndex = view.ordinal
        position.setSegmentIndex = setPosition
        position.byteOffset = view.offset
        position.tag = view.tag
        position.loop = loop
        findings.append(Finding(kind, severity, at: position, message))
    }

    private mutating func addElement(
        _ kind: FindingKind, _ view: SegmentView, element p: Int, component: Int? = nil, repetition: Int? = nil,
        _ element: CompiledElement?, _ message: String, bad: UnsafeBufferPointer<UInt8>? = nil,
        severity: Finding.Severity = .error, forceCode: FindingKind? = nil
    ) {
        var position = base
        position.segmentIndex = view.ordinal
        position.setSegmentIndex = setPosition
        position.byteOffset = view.offset
        position.tag = view.tag
        position.loop = currentLoopID
        position.element = p
        position.component = component
        position.repetition = repetition
        findings.append(
            Finding(forceCode ?? kind, severity, at: position, message, elementReference: element?.reference,
                    badValue: bad.map { String(decoding: $0, as: UTF8.self) }))
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
