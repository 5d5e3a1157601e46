/// Limits and policies of the XML reader.
public struct XMLReaderOptions: Sendable, Hashable {
    /// What to do with a reference to an entity declared in the document's DTD (`&company;`, or an
    /// external `SYSTEM` entity). Such entities are never expanded; predefined entities (`&amp;`) and
    /// character references are not affected.
    public enum EntityReferences: Sendable, Hashable {
        /// Stop with `entityRefused`, naming the entity: the record would otherwise silently lose text.
        case reject
        /// Leave the reference out of the text and read on.
        case skip
    }

    /// The largest record, counted as the bytes of its names, attribute values and text.
    public var maxRecordBytes: Int
    /// The largest input, counted as the bytes handed to libxml2 (after any decompression).
    public var maxInputBytes: Int64
    public var entityReferences: EntityReferences

    public init(maxRecordBytes: Int = 1 << 20, maxInputBytes: Int64 = 4 << 30, entityReferences: EntityReferences = .reject) {
        self.maxRecordBytes = maxRecordBytes
        self.maxInputBytes = maxInputBytes
        self.entityReferences = entityReferences
    }
}

/// Streaming XML reader over libxml2's `xmlTextReader`: hands out each element at the record path
/// (`/Tenders/LoadTender`) as a small tree, so memory is bounded by one record, not the file.
///
/// Path steps match local names, whatever the prefix or namespace. Entities declared in a DTD are never
/// expanded: a reference to one, an external `SYSTEM` entity included, is refused (or left out, with
/// `EntityReferences.skip`), and libxml2 refuses entity loops and amplification ("billion laughs").
/// Predefined entities (`&amp;`) and character references are read as usual.
public final class XMLRecordReader {
    public let fileName: String
    public let recordPath: String
    public let options: XMLReaderOptions

    private let reader: LibXML2Reader
    private let pathSteps: [String]
    /// Local names of the open elements above the reader's position, outside records.
    private var openElements: [String] = []
    private var recordCount = 0
    private var finished = false
    private var failure = FirstFailure()

    /// - Parameter recordPath: an absolute path of local names, such as `/Tenders/LoadTender`.
    /// - Throws: `FlatFileError` with `.invalidRecordPath`, or `.unreadableInput` when libxml2 cannot
    ///   create a reader.
    public init(input: any ByteInput, fileName: String, recordPath: String, options: XMLReaderOptions = XMLReaderOptions())
        throws
    {
        self.fileName = fileName
        self.recordPath = recordPath
        self.options = options
        let steps = recordPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard recordPath.hasPrefix("/"), !steps.isEmpty, steps.allSatisfy({ !$0.isEmpty && !$0.contains(":") }) else {
            throw FlatFileError(
                code: .invalidRecordPath, position: RecordPosition(fileName: fileName, fieldName: recordPath),
                message: "the record path must be absolute local names, such as /Tenders/LoadTender")
        }
        pathSteps = steps.map(String.init)
        let context = LibXML2Context(input: input, maxInputBytes: options.maxInputBytes)
        guard let reader = LibXML2Reader(context: context, fileName: fileName) else {
            throw FlatFileError(
                code: .unreadableInput, position: RecordPosition(fileName: fileName),
                message: "libxml2 could not create a reader (out of memory?)")
        }
        self.reader = reader
    }

    /// The next record, or nil at the end of a well-formed document.
    ///
    /// - Throws: `FlatFileError` with `.malformedXML`, `.entityRefused`, `.recordTooLarge`, `.inputTooLarge`
    ///   or `.unreadableInput`, at libxml2's line and column.
    ///   Once it has thrown, every later call throws the same error.
    public func next() throws -> XMLRecord? {
        try failure.run { try readNext() }
    }

    private func readNext() throws -> XMLRecord? {
        guard !finished else { return nil }
        while true {
            let status = reader.read()
            if status == 0 {
                finished = true
                return nil
            }
            guard status == 1 else { throw readError() }
            guard reader.nodeType == .element else { continue }
            let depth = reader.depth
            openElements.removeLast(max(0, openElements.count - depth))
            openElements.append(reader.localName)
            if openElements == pathSteps {
                openElements.removeLast()
                return try readRecord()
            }
            if reader.isEmptyElement { openElements.removeLast() }
        }
    }

    /// Calls `body` with every remaining record, in order.
    public func forEach(_ body: (XMLRecord) throws -> Void) throws {
        while let record = try next() { try body(record) }
    }

    /// Builds the record's tree from the reader, which is on the record's start tag.
    private func readRecord() throws -> XMLRecord {
        recordCount += 1
        let position = RecordPosition(fileName: fileName, line: reader.nodeLine, record: recordCount)
        let rootDepth = reader.depth
        var size = 0
        var open = [startElement(&size)]
        if !reader.isEmptyElement {
            while true {
                let status = reader.read()
                guard status == 1 else { throw status == 0 ? truncated() : readError() }
                switch reader.nodeType {
                case .element:
                    let element = startElement(&size)
                    if reader.isEmptyElement {
                        open[open.count - 1].children.append(element)
                    } else {
                        open.append(element)
                    }
                case .text, .cdata, .whitespace, .significantWhitespace:
                    let text = reader.value
                    size += text.utf8.count
                    open[open.count - 1].text += text
                case .endElement:
                    var element = open.removeLast()
                    if !element.children.isEmpty, element.text.isXMLWhitespace { element.text = "" }
                    if reader.depth == rootDepth {
                        return XMLRecord(element: element, position: position)
                    }
                    open[open.count - 1].children.append(element)
                case .entityReference:
                    guard options.entityReferences == .skip else {
                        throw FlatFileError(
                            code: .entityRefused,
                            position: RecordPosition(fileName: fileName, line: reader.nodeLine, record: recordCount, fieldName: recordPath),
                            message: "the record refers to the DTD entity \"\(reader.localName)\", and entities are never expanded; "
                                + "ask for plain text, or read with entityReferences .skip to leave it out")
                    }
                    continue
                case nil:
                    continue
                }
                if size > options.maxRecordBytes {
                    throw FlatFileError(
                        code: .recordTooLarge,
                        position: RecordPosition(
                            fileName: fileName, line: reader.nodeLine, record: recordCount, fieldName: recordPath),
                        message: "the record is larger than \(options.maxRecordBytes) bytes; "
                            + "check the record path or raise maxRecordBytes")
                }
            }
        }
        return XMLRecord(element: open[0], position: position)
    }

    private func startElement(_ size: inout Int) -> XMLRecordElement {
        let attributes = reader.attributes()
        let name = reader.localName
        size += name.utf8.count + attributes.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        return XMLRecordElement(
            name: name, namespaceURI: reader.namespaceURI, attributes: attributes, line: reader.nodeLine)
    }

    /// The error for a failed `xmlTextReaderRead`: the input's own failure first, then libxml2's report.
    ///
    /// libxml2 parses ahead of the node it hands out, so its errors carry its own line and column but no
    /// record number: the record the reader was on may lie before the one that is broken.
    private func readError() -> FlatFileError {
        let context = reader.context
        let near = RecordPosition(fileName: fileName, line: reader.parserLine)
        if let (code, underlying) = context.inputFailure {
            let message =
                code == .inputTooLarge
                ? "the input is larger than \(options.maxInputBytes) bytes"
                : "the input failed while reading; see the underlying error"
            return FlatFileError(code: code, position: near, message: message, underlying: underlying)
        }
        guard let error = context.firstError else {
            return FlatFileError(code: .malformedXML, position: near, message: "libxml2 stopped without reporting why")
        }
        let entityCodes = [XMLErrorCodes.entityLoop, XMLErrorCodes.undeclaredEntity, XMLErrorCodes.entityBoundary]
        if entityCodes.contains(error.code) {
            // libxml2 counts lines inside the entity's replacement text here; the document line is the parser's.
            return FlatFileError(
                code: .entityRefused, position: near,
                message: "\(error.message) (libxml2 error \(error.code)); entities are never expanded past libxml2's limits")
        }
        return FlatFileError(
            code: .malformedXML, position: RecordPosition(fileName: fileName, line: error.line, column: error.column),
            message: "\(error.message) (libxml2 error \(error.code))")
    }

    private func truncated() -> FlatFileError {
        FlatFileError(
            code: .malformedXML, position: RecordPosition(fileName: fileName, line: reader.parserLine, record: recordCount),
            message: "the document ends inside a record")
    }
}
