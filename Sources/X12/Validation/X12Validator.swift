/// Receives results as the validator produces them, in file order: each set when its SE (or the end of
/// it) is read, each group after its sets, each interchange after its groups.
public protocol ValidationSink {
    mutating func transaction(_ result: TransactionResult) throws
    mutating func group(_ result: GroupResult) throws
    mutating func interchange(_ result: InterchangeResult) throws
    /// A finding outside any interchange (bytes between interchanges).
    mutating func fileFinding(_ finding: Finding) throws
}

public struct ValidationOptions: Sendable {
    public var leniency: Leniency
    public var registry: SchemaRegistry
    /// Keep each set's segments as a loop tree in `TransactionResult.body` (inspect, mapping).
    public var keepSegments: Bool
    /// Keep each group's set results in `GroupResult.transactions` (acknowledgements).
    public var keepSetResults: Bool

    public init(leniency: Leniency = .strict, registry: SchemaRegistry = .standard, keepSegments: Bool = false, keepSetResults: Bool = false) {
        self.leniency = leniency
        self.registry = registry
        self.keepSegments = keepSegments
        self.keepSetResults = keepSetResults
    }
}

/// Validates X12 as a stream: envelopes (ISA/IEA, GS/GE, ST/SE control numbers and counts), then each
/// set against its schema. Memory stays flat: only the current set is held, and only when asked.
///
/// The work is done by `ValidationEngine`, which is not generic: a generic validator is called from other
/// modules unspecialised, and every access to its state then went through type metadata (outlined copies,
/// retains) on every segment. The engine queues its results; this wrapper hands them to `sink` in order
/// after each call, so the sink sees exactly the calls it saw before.
public struct X12Validator<Sink: ValidationSink>: SegmentHandler {
    private var engine: ValidationEngine
    public var sink: Sink

    public var fileName: String { engine.fileName }
    public var options: ValidationOptions { engine.options }

    public init(fileName: String, options: ValidationOptions, sink: Sink) {
        engine = ValidationEngine(fileName: fileName, options: options)
        self.sink = sink
    }

    /// A validator that takes compiled tables from `schemas`, shared with other validators of one input read
    /// in pieces (`ParallelValidation`): compiling a table costs about as much as validating 100 KB.
    init(fileName: String, options: ValidationOptions, sink: Sink, schemas: CompiledSchemaCache) {
        engine = ValidationEngine(fileName: fileName, options: options)
        engine.sharedSchemas = schemas
        self.sink = sink
    }

    public mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) throws {
        engine.interchangeStarted(delimiters: delimiters, offset: offset)
        if !engine.pending.isEmpty { try drain() }
    }

    public mutating func segment(_ view: SegmentView) throws {
        engine.segment(view)
        if !engine.pending.isEmpty { try drain() }
    }

    public mutating func note(_ note: ReaderNote) {
        engine.note(note)
        if !engine.pending.isEmpty { try? drain() }
    }

    public mutating func endOfInput(insideInterchange: Bool, offset: Int64) throws {
        engine.endOfInput()
        if !engine.pending.isEmpty { try drain() }
    }

    /// Hands `pending` to `sink`, oldest first, and empties it. A sink error stops the hand-over (and the
    /// run); `fileFinding` errors are ignored, as in `drain`. Static, with the sink passed in: reached through
    /// `self`, every result looked up `X12Validator<Sink>`'s generic metadata (about 330 instructions).
    fileprivate static func deliver(_ pending: inout [ValidationEngine.Output], to sink: inout Sink) throws {
        // Nearly always one result (a set's): moved out, not copied out and destroyed after.
        if pending.count == 1 {
            switch pending.removeLast() {
            case .transaction(let result): try sink.transaction(result)
            case .group(let result): try sink.group(result)
            case .interchange(let result): try sink.interchange(result)
            case .fileFinding(let finding): try? sink.fileFinding(finding)
            }
            return
        }
        defer { pending.removeAll(keepingCapacity: true) }
        for i in pending.indices {
            switch pending[i] {
            case .transaction(let result): try sink.transaction(result)
            case .group(let result): try sink.group(result)
            case .interchange(let result): try sink.interchange(result)
            case .fileFinding(let finding): try? sink.fileFinding(finding)
            }
        }
    }

    /// Hands the queued results to the sink, oldest first. A sink error stops the hand-over (and the run).
    private mutating func drain() throws {
        defer { engine.pending.removeAll(keepingCapacity: true) }
        for i in engine.pending.indices {
            switch engine.pending[i] {
            case .transaction(let result): try sink.transaction(result)
            case .group(let result): try sink.group(result)
            case .interchange(let result): try sink.interchange(result)
            case .fileFinding(let finding): try? sink.fileFinding(finding)
            }
        }
    }
}

/// A handler that has the reader run a copy of its loop specialised for `ValidationEngine` (see
/// `X12Reader.run`).
protocol EngineDriven {
    mutating func run(with reader: X12Reader) throws
}

extension X12Validator: EngineDriven {
    /// Runs `reader` with the engine as a concrete handler, so that the reader's loop is compiled for it (the
    /// engine's per-segment work inlined) whatever `Sink` is; results still reach the sink after each call,
    /// exactly as through `segment(_:)`. The engine is moved out for the run and back after it.
    mutating func run(with reader: X12Reader) throws {
        var engine = ValidationEngine(fileName: self.engine.fileName, options: self.engine.options)
        swap(&engine, &self.engine)
        defer { swap(&engine, &self.engine) }
        let deliverTo = Self.deliver
        try withUnsafeMutablePointer(to: &sink) { sink in
            func deliver(_ pending: inout [ValidationEngine.Output]) throws { try deliverTo(&pending, &sink.pointee) }
            try withoutActuallyEscaping(deliver) { deliver in
                var handler = EngineHandler(engine: ValidationEngine(fileName: engine.fileName, options: engine.options), deliver: deliver)
                swap(&handler.engine, &engine)
                defer { swap(&handler.engine, &engine) }
                try reader.readEngine(&handler)
            }
        }
    }
}

/// The engine as a concrete `SegmentHandler`: what `X12Validator` does, with the sink behind a closure.
struct EngineHandler: SegmentHandler {
    var engine: ValidationEngine
    let deliver: (inout [ValidationEngine.Output]) throws -> Void

    mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) throws {
        engine.interchangeStarted(delimiters: delimiters, offset: offset)
        if !engine.pending.isEmpty { try deliver(&engine.pending) }
    }

    @inline(__always)
    mutating func segment(_ view: SegmentView) throws {
        engine.segment(view)
        if !engine.pending.isEmpty { try deliver(&engine.pending) }
    }

    mutating func note(_ note: ReaderNote) {
        engine.note(note)
        if !engine.pending.isEmpty { try? deliver(&engine.pending) }
    }

    mutating func endOfInput(insideInterchange: Bool, offset: Int64) throws {
        engine.endOfInput()
        if !engine.pending.isEmpty { try deliver(&engine.pending) }
    }
}

/// The validator's state and rules (see `X12Validator`). Results are queued in `pending` for the sink.
struct ValidationEngine {
    enum Output {
        case transaction(TransactionResult)
        case group(GroupResult)
        case interchange(InterchangeResult)
        case fileFinding(Finding)
    }

    let fileName: String
    let options: ValidationOptions
    /// Results not yet handed to the sink, in file order.
    var pending: [Output] = []

    private var compiled: [String: CompiledSchema] = [:]
    /// Where tables not in `compiled` are looked for first, when validators share them.
    var sharedSchemas: CompiledSchemaCache?
    // The last schema answer, as three plain properties: a tuple in an optional was copied and destroyed
    // whole on every set.
    private var lastSchemaID: String?
    private var lastSchemaVersion = ""
    private var lastSchema: CompiledSchema?
    // The answer before the last, for files whose groups alternate between two kinds of set (214 and 210
    // groups of a carrier's interchange): swapped with the last answer on a hit instead of asking the
    // registry again (about 4,000 instructions a time: its version resolved, a key string built and hashed).
    private var otherSchemaID: String?
    private var otherSchemaVersion = ""
    private var otherSchema: CompiledSchema?
    /// The last set's validator, reused by the next set of the same kind.
    /// The open set's validator when `validating`; else the last set's, kept for the next set of the same
    /// kind. It stays here, reset in place, rather than moving in and out of the set's state: each move
    /// copied the whole walk (its position strings, table and buffers, retained and released).
    var validator: TransactionValidator?
    var validating = false
    /// The open set's segment count and end, beside `transaction` for the same reason.
    var setSegmentCount = 0
    var setLastEnd: Int64 = 0
    /// The open set's segments as they are kept (`keepSegments`), and the last set's, handed out in its
    /// result and reused for the next when no result holds it any more.
    private var keeping = KeptSetBuilder()
    private var kept: KeptSet?
    private var interchange: InterchangeState?
    private var group: GroupState?
    private var transaction: TransactionState?
    /// `transaction != nil`, as a plain flag: the per-segment path tests it without touching the optional.
    var inTransaction = false
    /// The open interchange's header and the position of its latest segment, kept beside `interchange`
    /// so that the per-segment and per-set paths do not copy `InterchangeState` out of its optional.
    private var interchangeHeader: InterchangeHeader?
    var lastOrdinal = 1
    private var currentDelimiters = Delimiters.standard()

    init(fileName: String, options: ValidationOptions) {
        self.fileName = fileName
        self.options = options
    }

    // MARK: State

    // The open interchange and group are classes: the per-set path reaches into them through optionals,
    // and as structs an access could copy the whole state out and back (outlined copies of every field,
    // retains). One object per unit; an engine is never copied while it runs (`X12Validator` moves it in
    // and out), so nothing shares them. The open set stays a struct: it is touched on every segment, where a
    // class property's dynamic exclusivity check would cost more than it saves.
    final class InterchangeState {
        init(header: InterchangeHeader) { self.header = header }
        var header: InterchangeHeader
        var findings: [Finding] = []
        var groups: [GroupResult] = []
        var groupCount = 0
        var transactionCount = 0
        var ta1Count = 0
        var groupControlNumbers: Set<String> = []
        var onlyAcknowledgments = true
    }

    final class GroupState {
        init(header: GroupHeader, ordinal: Int) {
            self.header = header
            self.ordinal = ordinal
        }
        var header: GroupHeader
        var ordinal: Int
        var findings: [Finding] = []
        var setCount = 0
        var acceptedCount = 0
        var anyWarnings = false
        var transactions: [TransactionResult] = []
        var controlNumbers = ControlNumberSet()
        var schemaVersion: String?
    }

    struct TransactionState {
        var id: String
        var controlNumber: String
        var implementationReference: String?
        var index: Int
        var startOrdinal: Int
        var startOffset: Int64
        var findings: [Finding] = []
        var schemaVersion: String?
    }

    /// Counts, validates and (when asked) keeps one segment of the open set.
    @inline(__always)
    private mutating func take(_ view: SegmentView, tag: UInt32) {
        setSegmentCount += 1
        setLastEnd = view.offset + Int64(view.bytes.count)
        if validating { validator!.validate(view, tag: tag) }
        if options.keepSegments { keep(view) }
    }

    // MARK: Input

    mutating func interchangeStarted(delimiters: Delimiters, offset: Int64) {
        if interchange != nil { closeInterchange(at: nil, ordinal: nil, premature: true) }
        currentDelimiters = delimiters
    }

    mutating func note(_ note: ReaderNote) {
        let kind: FindingKind
        let severity: Finding.Severity
        let message: String
        switch note.kind {
        case .junkOutsideInterchange:
            kind = .junkOutsideInterchange
            severity = options.leniency.severity(.strayBytes)
            message = "\(note.length) bytes outside any interchange were skipped"
        case .lineBreakInSegment:
            kind = .lineBreakInSegment
            severity = options.leniency.severity(.wrappedLines)
            message = "line breaks inside segments (a wrapped file) were removed"
        case .unterminatedFinalSegment:
            kind = .unterminatedFinalSegment
            severity = options.leniency.severity(.strayBytes)
            message = "the last segment has no segment terminator"
        }
        var position = SegmentPosition(fileName: fileName, segmentIndex: note.ordinal, byteOffset: note.offset)
        position.interchange = interchange?.header.controlNumber
        let finding = Finding(kind, severity, at: position, message)
        if interchange != nil {
            interchange!.findings.append(finding)
        } else {
            pending.append(.fileFinding(finding))
        }
    }

    mutating func endOfInput() {
        if interchange != nil { closeInterchange(at: nil, ordinal: nil, premature: true) }
    }

    /// Inlined into the reader's loop (through `EngineHandler`): nearly every segment is one inside a set and
    /// goes straight to it; envelope segments take the out-of-line path.
    @inline(__always)
    mutating func segment(_ view: SegmentView) {
        let tag = view.tagCode
        lastOrdinal = view.ordinal
        if inTransaction, !SegmentTag.isEnvelope(tag) {
            take(view, tag: tag)
            return
        }
        envelopeSegment(view, tag: tag)
    }

    @inline(never)
    private mutating func envelopeSegment(_ view: SegmentView, tag: UInt32) {
        switch tag {
        case SegmentTag.ISA:
            openInterchange(view)
        case SegmentTag.IEA where interchange != nil:
            closeInterchange(at: view, ordinal: view.ordinal, premature: false)
        case SegmentTag.GS where interchange != nil:
            closeTransaction(at: nil, endOrdinal: view.ordinal)
            closeGroup(at: nil, ordinal: view.ordinal)
            openGroup(view)
        case SegmentTag.GE where interchange != nil:
            closeTransaction(at: nil, endOrdinal: view.ordinal)
            if group == nil {
                addInterchange(.invalidControlStructure, .error, view, "GE without a GS")
            } else {
                closeGroup(at: view, ordinal: view.ordinal)
            }
        case SegmentTag.ST:
            closeTransaction(at: nil, endOrdinal: view.ordinal)
            openTransaction(view)
        case SegmentTag.SE where transaction != nil:
            take(view, tag: tag)
            closeTransaction(at: view, endOrdinal: view.ordinal)
        case SegmentTag.TA1 where transaction == nil && group == nil:
            interchange?.ta1Count += 1
        case SegmentTag.ISB where transaction == nil && group == nil && interchange?.groupCount == 0,
            SegmentTag.ISE where transaction == nil && group == nil && interchange?.groupCount == 0:
            break
        default:
            if transaction != nil {
                take(view, tag: tag)
            } else {
                addInterchange(.invalidInterchangeContent, .error, view, "\(view.tag) is outside any transaction set")
            }
        }
    }

    // MARK: Interchange

    private mutating func openInterchange(_ view: SegmentView) {
        let elements = (1...max(1, view.elementCount)).map { view.string($0) }
        let header = InterchangeHeader(
            elements: elements,
            delimiters: currentDelimiters, offset: view.offset)
        interchange = InterchangeState(header: header)
        interchangeHeader = header
        lastOrdinal = view.ordinal
        interchange!.findings = EnvelopeRules.checkISA(
            header, view: view, fileName: fileName, leniency: options.leniency)
    }

    /// Closes the open interchange: at its IEA (`view`), or prematurely (another ISA, end of input).
    private mutating func closeInterchange(at view: SegmentView?, ordinal: Int?, premature: Bool) {
        guard let state = interchange else { return }
        let lastOrdinal = ordinal ?? self.lastOrdinal
        closeTransaction(at: nil, endOrdinal: lastOrdinal)
        closeGroup(at: nil, ordinal: lastOrdinal)
        let position = SegmentPosition(fileName: fileName, interchange: state.header.controlNumber, segmentIndex: lastOrdinal)
        if let view {
            state.findings += EnvelopeRules.check(
                .init(countKind: .groupCountMismatch, unit: "groups", actual: state.groupCount,
                      controlKind: .interchangeControlNumberMismatch, control: state.header.controlNumber,
                      controlMessage: "IEA02 does not repeat ISA13 exactly"),
                view: view, at: position, leniency: options.leniency)
        } else if premature {
            state.findings.append(
                Finding(.prematureEndOfFile, .error, at: position, "the interchange ends without an IEA segment"))
        }
        let isAck = state.onlyAcknowledgments && (state.groupCount > 0 || state.ta1Count > 0)
        let result = InterchangeResult(
            header: state.header, verdict: Verdict.from(state.findings.filter { $0.kind.level != .file || $0.severity != .note }),
            findings: state.findings, groups: state.groups, groupCount: state.groupCount,
            transactionCount: state.transactionCount, ta1Count: state.ta1Count, isAcknowledgment: isAck)
        interchange = nil
        interchangeHeader = nil
        pending.append(.interchange(result))
    }

    private mutating func addInterchange(_ kind: FindingKind, _ severity: Finding.Severity, _ view: SegmentView, _ message: String) {
        guard interchange != nil else { return }
        let position = SegmentPosition(
            fileName: fileName, interchange: interchange!.header.controlNumber, group: group?.header.controlNumber,
            segmentIndex: view.ordinal, byteOffset: view.offset, tag: view.tag)
        interchange!.findings.append(Finding(kind, severity, at: position, message))
    }

    // MARK: Group

    private mutating func openGroup(_ view: SegmentView) {
        let header = GroupHeader(elements: view.elementCount > 0 ? (1...view.elementCount).map { view.string($0) } : [])
        let state = GroupState(header: header, ordinal: view.ordinal)
        interchange!.groupCount += 1
        if header.functionalID != "FA" { interchange!.onlyAcknowledgments = false }
        let base = SegmentPosition(
            fileName: fileName, interchange: interchange!.header.controlNumber, group: header.controlNumber,
            segmentIndex: view.ordinal, byteOffset: view.offset, tag: "GS")
        var findings = EnvelopeRules.checkGS(header, at: base, registry: options.registry)
        if !header.controlNumber.isEmpty, !interchange!.groupControlNumbers.insert(header.controlNumber).inserted {
            var position = base
            position.element = 6
            findings.append(
                Finding(.duplicateGroupControlNumber, .error, at: position, "GS06 is used by another group of this interchange"))
        }
        state.schemaVersion = options.registry.resolveVersion(header.version)
        if let resolved = state.schemaVersion, resolved != String(header.version.prefix(6)) {
            var position = base
            position.element = 8
            findings.append(
                Finding(.versionMappedToNearest, .note, at: position,
                        "version \(header.version) is read with the \(resolved) tables"))
        }
        // Envelope-level problems in GS go to the interchange (TA105 024); the group keeps its own.
        for finding in findings {
            if finding.kind.level == .interchange { interchange!.findings.append(finding) } else { state.findings.append(finding) }
        }
        group = state
    }

    private mutating func closeGroup(at view: SegmentView?, ordinal: Int) {
        guard let state = group else { return }
        let position = SegmentPosition(
            fileName: fileName, interchange: interchange?.header.controlNumber, group: state.header.controlNumber,
            segmentIndex: ordinal)
        var declared = state.setCount
        if let view {
            declared = Int(view.string(1)) ?? state.setCount
            state.findings += EnvelopeRules.check(
                .init(countKind: .transactionCountMismatch, unit: "sets", actual: state.setCount,
                      controlKind: .groupControlNumberMismatch, control: state.header.controlNumber,
                      controlMessage: "GE02 does not repeat GS06"),
                view: view, at: position, leniency: options.leniency)
        } else {
            state.findings.append(Finding(.groupTrailerMissing, .error, at: position, "the group ends without a GE segment"))
        }
        let groupVerdict = Verdict.from(state.findings.filter { $0.kind.level == .group })
        let verdict: Verdict
        if groupVerdict == .rejected || (state.setCount > 0 && state.acceptedCount == 0) {
            verdict = .rejected
        } else if state.acceptedCount < state.setCount {
            verdict = .partiallyAccepted
        } else if state.anyWarnings || groupVerdict == .acceptedWithErrors {
            verdict = .acceptedWithErrors
        } else {
            verdict = .accepted
        }
        let result = GroupResult(
            interchange: interchange!.header, header: state.header, verdict: verdict, findings: state.findings,
            declaredCount: declared, receivedCount: state.setCount, acceptedCount: state.acceptedCount,
            transactions: state.transactions, schemaVersion: state.schemaVersion)
        group = nil
        interchange!.groups.append(
            options.keepSetResults ? result : GroupResult(
                interchange: result.interchange, header: result.header, verdict: result.verdict, findings: result.findings,
                declaredCount: result.declaredCount, receivedCount: result.receivedCount,
                acceptedCount: result.acceptedCount, transactions: [], schemaVersion: result.schemaVersion))
        pending.append(.group(result))
    }

    // MARK: Transaction

    private mutating func openTransaction(_ view: SegmentView) {
        if group == nil {
            addInterchange(.invalidInterchangeContent, .error, view, "ST outside a functional group")
            group = GroupState(header: GroupHeader(elements: []), ordinal: view.ordinal)
        }
        interchange!.transactionCount += 1
        group!.setCount += 1
        // ST01 nearly always repeats the last set's: that string is reused instead of decoded again.
        let id = lastSchemaID.flatMap { EnvelopeRules.equals(view.element(1), $0) ? $0 : nil }
            ?? otherSchemaID.flatMap { EnvelopeRules.equals(view.element(1), $0) ? $0 : nil } ?? view.string(1)
        let control = view.string(2)
        let st03 = view.elementCount >= 3 && !view.isEmpty(3) ? view.string(3) : nil
        let interchangeControl = interchangeHeader!.controlNumber
        let groupControl = group!.header.controlNumber
        // The set's base position, built only when needed: for a finding, or a validator that has none yet.
        func base() -> SegmentPosition {
            SegmentPosition(fileName: fileName, interchange: interchangeControl, group: groupControl, transaction: control)
        }
        // ST's own position, built only for a finding (nearly every set has none).
        func position(element: Int) -> SegmentPosition {
            var position = base()
            position.segmentIndex = view.ordinal
            position.setSegmentIndex = 1
            position.byteOffset = view.offset
            position.tag = "ST"
            position.element = element
            return position
        }
        var findings: [Finding] = []

        if control.utf8.count < 4 || control.utf8.count > 9 {
            findings.append(
                Finding(.invalidTransactionControlNumber, .error, at: position(element: 2), "ST02 must be 4 to 9 characters"))
        } else if !group!.controlNumbers.insert(control) {
            findings.append(
                Finding(.duplicateTransactionControlNumber, .error, at: position(element: 2),
                        "ST02 is not unique within the group"))
        }
        let declaredVersion = st03.flatMap { $0.utf8.count >= 6 && $0.utf8.prefix(6).allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? $0 : nil }
            ?? group!.header.version
        let compiledSchema = schema(for: id, version: declaredVersion)
        let gs01 = group!.header.functionalID
        if let expected = compiledSchema?.functionalID ?? options.registry.functionalID(ofSet: id), !gs01.isEmpty, expected != gs01 {
            findings.append(
                Finding(.invalidTransactionSetIdentifier, .error, at: position(element: 1),
                        "a \(id) set belongs in a \(expected) group, not \(gs01)"))
        }
        validating = compiledSchema != nil
        if let compiledSchema {
            if validator?.schema === compiledSchema {
                // Its base was built here, for this file: the same but for ST02 when interchange and group are.
                if validator!.base.interchange == interchangeControl, validator!.base.group == groupControl {
                    validator!.reset(transaction: control, declaredVersion: declaredVersion)
                } else {
                    validator!.reset(base: base(), declaredVersion: declaredVersion)
                }
            } else {
                validator = TransactionValidator(
                    schema: compiledSchema, registry: options.registry, version: compiledSchema.version,
                    declaredVersion: declaredVersion, leniency: options.leniency, base: base())
            }
        } else {
            findings.append(
                Finding(.transactionSetNotSupported, .error, at: position(element: 1),
                        "no table for set \(id.isEmpty ? "(blank)" : id) in version \(declaredVersion.isEmpty ? "(blank)" : declaredVersion)"))
        }
        // Built in place: a local state moved into the optional was copied and destroyed whole.
        transaction = TransactionState(
            id: id, controlNumber: control, implementationReference: st03, index: group!.setCount,
            startOrdinal: view.ordinal, startOffset: view.offset, findings: findings,
            schemaVersion: compiledSchema?.version)
        if options.keepSegments { startKeeping() }
        setSegmentCount = 0
        take(view, tag: SegmentTag.ST)
        inTransaction = true
    }

    /// The compiled table for a set and version; the last answer is kept, since consecutive sets are
    /// nearly always of the same kind.
    private mutating func schema(for id: String, version: String) -> CompiledSchema? {
        if let lastID = lastSchemaID, lastID == id, lastSchemaVersion == version { return lastSchema }
        if let otherID = otherSchemaID, otherID == id, otherSchemaVersion == version {
            swap(&otherSchemaID, &lastSchemaID)
            swap(&otherSchemaVersion, &lastSchemaVersion)
            swap(&otherSchema, &lastSchema)
            return lastSchema
        }
        var compiledSchema: CompiledSchema?
        if let schema = options.registry.schema(set: id, version: version) {
            let key = "\(schema.id)/\(schema.version)"
            compiledSchema = compiled[key] ?? sharedSchemas?.schema(key, orBuild: schema) ?? CompiledSchema(schema)
            compiled[key] = compiledSchema
        }
        otherSchemaID = lastSchemaID
        otherSchemaVersion = lastSchemaVersion
        otherSchema = lastSchema
        lastSchemaID = id
        lastSchemaVersion = version
        lastSchema = compiledSchema
        return compiledSchema
    }

    /// Closes the open set at its SE (`view`), or without one (next ST, GE, IEA, end of input).
    private mutating func closeTransaction(at view: SegmentView?, endOrdinal: Int) {
        guard var state = transaction.take() else { return }
        inTransaction = false
        // The position at the trailer (or where it should have been), built only for a finding.
        func trailerPosition() -> SegmentPosition {
            SegmentPosition(
                fileName: fileName, interchange: interchangeHeader?.controlNumber, group: group?.header.controlNumber,
                transaction: state.controlNumber, segmentIndex: endOrdinal)
        }
        var endOffset = setLastEnd
        if let view {
            endOffset = view.offset + Int64(view.bytes.count)
            let trailer = EnvelopeRules.Trailer(
                countKind: .segmentCountMismatch, unit: "segments", actual: setSegmentCount,
                controlKind: .transactionControlNumberMismatch, control: state.controlNumber,
                controlMessage: "SE02 does not repeat ST02")
            if !EnvelopeRules.isClean(trailer, view: view) {
                var position = trailerPosition()
                position.setSegmentIndex = setSegmentCount
                state.findings += EnvelopeRules.check(trailer, view: view, at: position, leniency: options.leniency)
            }
        } else {
            var position = trailerPosition()
            position.tag = nil
            state.findings.append(
                Finding(.transactionTrailerMissing, .error, at: position, "the set ends without an SE segment"))
        }
        if validating {
            validating = false
            validator!.finish(trailerOrdinal: endOrdinal, sawTrailer: view != nil)
            if !validator!.findings.isEmpty { state.findings.append(contentsOf: validator!.findings) }
        }
        if state.findings.count > 1 {
            state.findings.sort { ($0.position.segmentIndex, $0.kind.level == .transaction ? 0 : 1) < ($1.position.segmentIndex, $1.kind.level == .transaction ? 0 : 1) }
        }
        let verdict = Verdict.from(state.findings)
        if verdict.isAccepted { group!.acceptedCount += 1 }
        if verdict == .acceptedWithErrors { group!.anyWarnings = true }
        let result = TransactionResult(
            interchange: interchangeHeader!, group: group!.header, id: state.id, controlNumber: state.controlNumber,
            implementationReference: state.implementationReference, schemaVersion: state.schemaVersion,
            index: state.index, verdict: verdict, findings: state.findings, segmentCount: setSegmentCount,
            startOrdinal: state.startOrdinal, startOffset: state.startOffset, endOffset: endOffset,
            kept: options.keepSegments ? finishKeeping() : nil)
        if options.keepSetResults {
            var summary = result
            summary.kept = nil
            group!.transactions.append(summary)
        }
        pending.append(.transaction(result))
    }
}

extension ValidationEngine {
    /// Starts keeping a set's segments.
    fileprivate mutating func startKeeping() { keeping.discard() }

    /// Keeps `view` in the open set, in the loop instances the validator placed it in.
    @inline(never)
    fileprivate mutating func keep(_ view: SegmentView) {
        if validating {
            validator!.openLoops(in: &keeping)
        } else {
            keeping.closeLoops(keeping: 0)
        }
        keeping.append(view)
    }

    /// The set's kept segments: in the last set's `KeptSet` when nothing holds that one any more.
    fileprivate mutating func finishKeeping() -> KeptSet {
        if kept == nil || !isKnownUniquelyReferenced(&kept!) { kept = KeptSet() }
        keeping.finish(into: kept!)
        return kept!
    }
}

/// The control numbers seen so far in one scope (ST02 in a group): a short array searched in order while it
/// is small (groups hold a few dozen sets at most, nearly always), a hash set beyond. Hashing each ST02 into a
/// `Set<String>` cost about one instruction per byte of input.
struct ControlNumberSet {
    private var few: [String] = []
    private var many: Set<String> = []

    /// Adds `value`; returns false when it was already there (as `Set.insert(_:).inserted`).
    mutating func insert(_ value: String) -> Bool {
        if many.isEmpty {
            if few.contains(value) { return false }
            if few.count < 32 {
                if few.isEmpty { few.reserveCapacity(32) }  // one allocation per group, not one per doubling
                few.append(value)
                return true
            }
            many = Set(few)
        }
        return many.insert(value).inserted
    }
}
