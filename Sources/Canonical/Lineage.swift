/// Where an event came from: the `crossdock` extension object of the envelope.
///
/// X12 events carry the interchange, group and set control numbers; flat-file events carry the record
/// index instead. Positions only, never element values.
public struct Lineage: Sendable, Hashable, Codable {
    public var partner: String
    public var fileName: String
    /// Lowercase hex SHA-256 of the file's bytes as received.
    public var fileSha256: String
    /// `x12`, `csv`, `fixed`, `xml`.
    public var format: String
    public var isa13: String?
    public var gs06: String?
    public var st02: String?
    /// ST01, or the flat layout's record kind.
    public var transactionSet: String?
    /// GS08 (`004010`), when X12.
    public var version: String?
    /// 1-based index of the set within its group, or of the record (or batch) within the file.
    public var transactionIndex: Int
    /// 1-based index of the event among those the transaction produced.
    public var eventIndex: Int
    public var mappingName: String
    public var mappingVersion: Int

    public init(
        partner: String, fileName: String, fileSha256: String, format: String, isa13: String? = nil,
        gs06: String? = nil, st02: String? = nil, transactionSet: String? = nil, version: String? = nil,
        transactionIndex: Int, eventIndex: Int, mappingName: String, mappingVersion: Int
    ) {
        self.partner = partner
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.format = format
        self.isa13 = isa13
        self.gs06 = gs06
        self.st02 = st02
        self.transactionSet = transactionSet
        self.version = version
        self.transactionIndex = transactionIndex
        self.eventIndex = eventIndex
        self.mappingName = mappingName
        self.mappingVersion = mappingVersion
    }
}
