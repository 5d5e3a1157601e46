/// A sink that keeps everything, for files small enough to hold (tests, `inspect`, `ack`).
public struct ReportCollector: ValidationSink {
    public var report: FileReport

    public init(fileName: String) {
        report = FileReport(fileName: fileName, interchanges: [], transactions: [], fileFindings: [])
    }

    public mutating func transaction(_ result: TransactionResult) { report.transactions.append(result) }
    public mutating func group(_ result: GroupResult) {}
    public mutating func interchange(_ result: InterchangeResult) { report.interchanges.append(result) }
    public mutating func fileFinding(_ finding: Finding) { report.fileFindings.append(finding) }
}

extension X12Validator where Sink == ReportCollector {
    /// Reads and validates a whole input, returning every result.
    ///
    /// - Throws: `X12Error` when the input cannot be read as X12 at all.
    public static func validate(
        _ source: any ByteSource, fileName: String, options: ValidationOptions = ValidationOptions()
    ) throws -> FileReport {
        var validator = X12Validator(fileName: fileName, options: options, sink: ReportCollector(fileName: fileName))
        try X12Reader(source: source, fileName: fileName).run(&validator)
        return validator.sink.report
    }

    public static func validate(_ text: String, fileName: String = "-", options: ValidationOptions = ValidationOptions()) throws -> FileReport {
        try validate(MemorySource(text), fileName: fileName, options: options)
    }
}
