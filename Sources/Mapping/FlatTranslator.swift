import Canonical
import FlatFile
import Foundation

/// Translates CSV, fixed-width and XML batches with the mapping chosen for them: one event per CSV
/// record, per group of fixed-width records (a record of the mapping's `groupBy` kind and the detail
/// records after it), or per XML record element.
public enum FlatTranslator {
    /// Reports of one flat file: events, mapping findings (by record), and the error that stopped the
    /// reading, if one did (as the last report).
    public static func translate(
        _ bytes: [UInt8], fileName: String, format: String, plan: MappingPlan, partner: String?
    ) -> [TranslationReport] {
        let sha = FileDigest.sha256(bytes)
        var reports: [TranslationReport] = []
        func origin(_ index: Int) -> Lineage {
            Lineage(
                partner: partner ?? plan.applies.partner ?? "unknown", fileName: fileName, fileSha256: sha, format: format,
                transactionSet: plan.applies.transactionSet, transactionIndex: index, eventIndex: 1,
                mappingName: plan.name, mappingVersion: plan.version)
        }
        func run(_ scope: any MappingScope, index: Int, position: RecordPosition) {
            let translation = plan.run(on: scope, origin: origin(index), envelopeDate: nil, envelopeTime: nil)
            for event in translation.events { reports.append(.event(event)) }
            if !translation.findings.isEmpty { reports.append(.recordFindings(position, plan: plan, translation.findings)) }
        }
        do {
            switch plan.input {
            case .csv(let options, _):
                let reader = try CSVReader(input: MemoryInput(bytes), fileName: fileName, options: options)
                var index = 0
                try reader.forEach { record in
                    index += 1
                    run(CSVScope(record: record), index: index, position: record.position)
                }
            case .fixed(let layout, let groupBy):
                let reader = try FixedWidthReader(input: MemoryInput(bytes), fileName: fileName, layout: layout)
                var top: [FixedWidthRecord] = []
                var groups: [(FixedWidthRecord, [FixedWidthRecord])] = []
                // The whole batch is read (and its trailer checked) before any event: a batch whose counts or
                // totals do not add up is not translated at all.
                try reader.forEach { record in
                    if record.name == groupBy {
                        groups.append((record, []))
                    } else if record.role == .detail, !groups.isEmpty {
                        groups[groups.count - 1].1.append(record)
                    } else {
                        top.append(record)
                    }
                }
                let root = FixedWidthScope(record: nil, childRecords: top, parent: nil)
                for (index, group) in groups.enumerated() {
                    run(FixedWidthScope(record: group.0, childRecords: group.1, parent: root), index: index + 1, position: group.0.position)
                }
            case .xml(let recordPath, let options):
                let reader = try XMLRecordReader(input: MemoryInput(bytes), fileName: fileName, recordPath: recordPath, options: options)
                var index = 0
                try reader.forEach { record in
                    index += 1
                    run(XMLScope(element: record.element, parent: nil), index: index, position: record.position)
                }
            case .x12:
                break
            }
        } catch {
            // A fixed-width batch stands or falls whole; CSV and XML keep the records read before the error.
            if case .fixed = plan.input { reports.removeAll() }
            reports.append(.unreadable(error as? FlatFileError ?? FlatFileError(
                code: .unreadableInput, position: RecordPosition(fileName: fileName), message: "\(error)")))
        }
        return reports
    }

    /// `x12`, `xml`, or nil for text that could be CSV or fixed-width: from the first bytes.
    public static func sniff(_ bytes: [UInt8]) -> String? {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[start]) { start += 1 }
        if bytes[start...].starts(with: Array("ISA".utf8)) { return "x12" }
        if bytes[start...].starts(with: Array("<".utf8)) { return "xml" }
        return nil
    }
}
