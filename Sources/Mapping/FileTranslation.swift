import Canonical
public import X12

#if canImport(Glibc)
import Glibc
#endif

/// Translates a whole file held in memory, whatever its format (X12 by its ISA, XML by its `<`, else
/// the CSV or fixed-width mapping whose layout recognises it): the entry point of `translate`, the
/// golden cases and the tests.
public enum FileTranslation {
    /// Every report in file order. Throws `X12Error` when an X12 file cannot be read at all.
    public static func translate(
        _ bytes: [UInt8], fileName: String, registry: MappingRegistry, partner: String? = nil, forced: MappingPlan? = nil,
        leniency: Leniency = .strict
    ) throws -> [TranslationReport] {
        let sniffed = FlatTranslator.sniff(bytes)
        if sniffed == "x12" || (sniffed == nil && forced?.applies.format == "x12") {
            return try X12Translator.translate(bytes, fileName: fileName, registry: registry, partner: partner, forced: forced, leniency: leniency)
        }
        let formats = sniffed.map { [$0] } ?? ["fixed", "csv"]
        guard let plan = forced ?? registry.flatPlan(formats: formats, partner: partner, bytes: bytes) else {
            return [.noFlatMapping(format: formats.joined(separator: " or "))]
        }
        return FlatTranslator.translate(bytes, fileName: fileName, format: plan.applies.format, plan: plan, partner: partner)
    }
}

extension FileTranslation {
    /// Translates an open file as a stream, handing each report to `emit` in file order as soon as it is
    /// final: an X12 interchange's events once its IEA (and its groups' GE) has given the verdict, findings
    /// outside interchanges at once.
    ///
    /// A regular file is read twice, in chunks: once for the SHA-256 every event's lineage carries, then to
    /// translate, so memory holds one interchange's reports at most, whatever the file's size. Standard input
    /// (or any input that cannot seek) is read into memory first, since the digest must be known before the
    /// first event. Flat files (CSV, fixed-width, XML) are read whole, as `translate(_:fileName:...)` does.
    ///
    /// - Throws: `X12Error` when the input cannot be read, or an X12 file cannot be read as X12; the reports
    ///   already emitted (earlier interchanges) stand.
    public static func translate(
        _ input: InputFile, fileName: String, registry: MappingRegistry, partner: String? = nil, forced: MappingPlan? = nil,
        leniency: Leniency = .strict, emit: (TranslationReport) -> Void
    ) throws {
        var source = input.source
        guard let (sha256, head) = try digestSeekable(&source) else {
            let bytes = try readAll(&source)
            try translate(
                MemorySource(bytes), bytes: bytes, sha256: FileDigest.sha256(bytes), fileName: fileName,
                registry: registry, partner: partner, forced: forced, leniency: leniency, emit: emit)
            return
        }
        try rewind(input)
        let sniffed = FlatTranslator.sniff(head)
        let isX12 = sniffed == "x12" || (sniffed == nil && forced?.applies.format == "x12")
        if !isX12 {
            // Flat files (and a file whose first 64 KiB are blank) are translated from memory, as the
            // one-call API does.
            let bytes = try readAll(&source)
            for report in try translate(bytes, fileName: fileName, registry: registry, partner: partner, forced: forced, leniency: leniency) {
                emit(report)
            }
            return
        }
        try translate(
            source, bytes: nil, sha256: sha256, fileName: fileName, registry: registry, partner: partner,
            forced: forced, leniency: leniency, emit: emit)
    }

    /// The X12 streaming translation of `source`, whose digest is `sha256`; `bytes`, when the input is
    /// already in memory, decides X12 or flat first.
    private static func translate(
        _ source: some ByteSource, bytes: [UInt8]?, sha256: String, fileName: String, registry: MappingRegistry,
        partner: String?, forced: MappingPlan?, leniency: Leniency, emit: (TranslationReport) -> Void
    ) throws {
        if let bytes {
            let sniffed = FlatTranslator.sniff(bytes)
            if !(sniffed == "x12" || (sniffed == nil && forced?.applies.format == "x12")) {
                for report in try translate(bytes, fileName: fileName, registry: registry, partner: partner, forced: forced, leniency: leniency) {
                    emit(report)
                }
                return
            }
        }
        try withoutActuallyEscaping(emit) { emit in
            var sink = X12Translator(registry: registry, partner: partner, forced: forced, fileName: fileName, fileSha256: sha256)
            sink.deliver = emit
            var validator = X12Validator(
                fileName: fileName, options: ValidationOptions(leniency: leniency, keepSegments: true), sink: sink)
            try X12Reader(source: source, fileName: fileName).run(&validator)
            validator.sink.deliverPending()
        }
    }

    /// Hashes a seekable input from its start to its end: the digest, the first 64 KiB (to tell X12 from
    /// flat files). Nil, with nothing read, when the input cannot seek (a pipe).
    private static func digestSeekable(_ source: inout FileDescriptorSource) throws -> (String, [UInt8])? {
        guard lseek(source.descriptor, 0, SEEK_CUR) >= 0 else { return nil }
        var digest = FileDigest()
        var head: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<n])
            digest.update(chunk)
            if head.count < 1 << 16 { head += chunk.prefix((1 << 16) - head.count) }
        }
        return (digest.hex(), head)
    }

    private static func rewind(_ input: InputFile) throws {
        guard lseek(input.descriptor, 0, SEEK_SET) == 0 else {
            throw X12Error(
                code: .unreadableInput, position: SegmentPosition(fileName: input.name),
                message: "cannot read the input a second time: \(String(cString: strerror(errno)))")
        }
    }

    private static func readAll(_ source: inout FileDescriptorSource) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { return bytes }
            bytes += UnsafeRawBufferPointer(rebasing: buffer[..<n])
        }
    }
}
