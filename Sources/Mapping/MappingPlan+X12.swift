public import X12

extension MappingPlan {
    /// Maps one X12 transaction set (validated with `keepSegments: true`) into events.
    public func translate(_ transaction: TransactionResult, partner: String, fileName: String, fileSha256: String) -> Translation {
        let root = X12Scope(children: transaction.body ?? [], parent: nil, loopID: nil)
        let origin = TranslationOrigin(
            partner: partner, fileName: fileName, fileSha256: fileSha256,
            isa13: transaction.interchange.controlNumber, gs06: transaction.group.controlNumber,
            st02: transaction.controlNumber, transactionSet: transaction.id, version: transaction.group.version,
            transactionIndex: transaction.index, envelopeDate: transaction.group.date, envelopeTime: transaction.group.time)
        return run(on: root, origin: origin)
    }
}
