import CLibXML2

/// Every call into libxml2 goes through this file: one place to read, log and fake.
///
/// The reader is created with `xmlReaderForIO` over a `ByteInput`, never `xmlReaderForFile` (which
/// gunzips `.gz` files behind the caller's back, past any size cap). Options: `XML_PARSE_NONET` only, so
/// no network, no DTD loading (`XML_PARSE_DTDLOAD` off), no entity substitution (`XML_PARSE_NOENT` off),
/// no XInclude, line numbers past 65535 kept (`XML_PARSE_BIG_LINES`), and libxml2's own limits on text size and depth stay on (`XML_PARSE_HUGE` off).
enum LibXML2 {
    /// `xmlInitParser()` runs once, before the first reader, as libxml2 asks of threaded programs.
    static let initialized: Void = xmlInitParser()

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
}

/// libxml2 error codes (`xmlParserErrors`) that the reader treats as refused entities.
enum XMLErrorCodes {
    static let entityLoop = Int32(XML_ERR_ENTITY_LOOP.rawValue)
    static let undeclaredEntity = Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
    static let entityBoundary = Int32(XML_ERR_ENTITY_BOUNDARY.rawValue)
}

/// The first error libxml2 reported, copied out of its `xmlError`.
struct LibXML2Error {
    var code: Int32
    var domain: Int32
    var message: String
    var line: Int
    var column: Int
}

/// What the C callbacks need: the byte input, the size cap, and the errors they saw.
///
/// Passed to libxml2 as an unretained `void *`; the `LibXML2Reader` that owns it frees the C reader
/// before releasing it, so libxml2 never calls back into a released context.
final class LibXML2Context {
    var input: any ByteInput
    let maxInputBytes: Int64
    var bytesRead: Int64 = 0
    /// Set when the input failed or passed its cap; libxml2 then only sees a failed read.
    var inputFailure: (code: FlatFileError.Code, underlying: (any Error)?)?
    var firstError: LibXML2Error?

    init(input: any ByteInput, maxInputBytes: Int64) {
        self.input = input
        self.maxInputBytes = maxInputBytes
    }
}

/// Owns one `xmlTextReaderPtr` and frees it in `deinit`. Not Sendable: one reader belongs to one task.
final class LibXML2Reader {
    enum NodeType: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, whitespace = 13, significantWhitespace = 14
        case endElement = 15
    }

    let context: LibXML2Context
    private let reader: OpaquePointer

    /// Wraps `xmlReaderForIO` and `xmlTextReaderSetStructuredErrorHandler`; nil when libxml2 cannot
    /// create a reader (out of memory).
    init?(context: LibXML2Context, fileName: String) {
        _ = LibXML2.initialized
        self.context = context
        let opaque = Unmanaged.passUnretained(context).toOpaque()
        let read: xmlInputReadCallback = { opaque, buffer, length in
            guard let opaque, let buffer, length > 0 else { return -1 }
            let context = Unmanaged<LibXML2Context>.fromOpaque(opaque).takeUnretainedValue()
            guard context.inputFailure == nil else { return -1 }
            let count: Int
            do {
                count = try context.input.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
            } catch {
                context.inputFailure = (.unreadableInput, error)
                return -1
            }
            context.bytesRead += Int64(count)
            if context.bytesRead > context.maxInputBytes {
                context.inputFailure = (.inputTooLarge, nil)
                return -1
            }
            return Int32(count)
        }
        guard let reader = xmlReaderForIO(read, nil, opaque, fileName, nil, LibXML2.options) else { return nil }
        self.reader = reader
        // The closure's parameter types are inferred: `xmlErrorPtr` on libxml2 2.9, `const xmlError *` from 2.12.
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { opaque, error in
                guard let opaque, let error = error?.pointee, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                let context = Unmanaged<LibXML2Context>.fromOpaque(opaque).takeUnretainedValue()
                guard context.firstError == nil else { return }
                var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
                while message.last?.isWhitespace == true { message.removeLast() }
                context.firstError = LibXML2Error(
                    code: error.code, domain: error.domain, message: message, line: Int(error.line), column: Int(error.int2))
            }, opaque)
    }

    deinit { xmlFreeTextReader(reader) }

    /// `xmlTextReaderRead`: 1 when a node was read, 0 at the end, -1 on error.
    func read() -> Int32 { xmlTextReaderRead(reader) }

    var nodeType: NodeType? { NodeType(rawValue: xmlTextReaderNodeType(reader)) }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var localName: String { string(xmlTextReaderConstLocalName(reader)) ?? "" }
    var namespaceURI: String? { string(xmlTextReaderConstNamespaceUri(reader)) }
    var value: String { string(xmlTextReaderConstValue(reader)) ?? "" }
    /// The line the parser has reached, which runs ahead of the current node.
    var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    /// The line of the current node's start tag (`xmlGetLineNo`).
    var nodeLine: Int { xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0 }

    /// The current element's attributes, namespace declarations left out; the reader stays on the element.
    func attributes() -> [XMLRecordAttribute] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var attributes: [XMLRecordAttribute] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let namespace = namespaceURI
            if namespace == "http://www.w3.org/2000/xmlns/" { continue }
            attributes.append(XMLRecordAttribute(name: localName, namespaceURI: namespace, value: value))
        }
        xmlTextReaderMoveToElement(reader)
        return attributes
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}
