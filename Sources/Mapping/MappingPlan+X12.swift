import Canonical
public import X12

extension MappingPlan {
    /// Maps one X12 transaction set (validated with `keepSegments: true`) into events.
    public func translate(_ transaction: TransactionResult, partner: String, fileName: String, fileSha256: String) -> Translation {
        let root = X12Scope(kept: transaction.kept ?? KeptSet.empty)
        let origin = Lineage(
            partner: partner, fileName: fileName, fileSha256: fileSha256, format: "x12",
            isa13: transaction.interchange.controlNumber, gs06: transaction.group.controlNumber,
            st02: transaction.controlNumber, transactionSet: transaction.id, version: transaction.group.version,
            transactionIndex: transaction.index, eventIndex: 1, mappingName: name, mappingVersion: version)
        return run(on: root, origin: origin, envelopeDate: transaction.group.date, envelopeTime: transaction.group.time)
    }
}
