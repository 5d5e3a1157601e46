public import Canonical
import Foundation

/// The file and position one transaction (or flat record) came from: lineage for its events.
public struct TranslationOrigin: Sendable, Hashable {
    public var partner: String
    public var fileName: String
    public var fileSha256: String
    public var isa13: String?
    public var gs06: String?
    public var st02: String?
    public var transactionSet: String?
    public var version: String?
    public var transactionIndex: Int
    /// GS04 and GS05 (or a batch's own date and time): the CloudEvents time when no data field gives one.
    public var envelopeDate: String?
    public var envelopeTime: String?

    public init(
        partner: String, fileName: String, fileSha256: String, isa13: String? = nil, gs06: String? = nil,
        st02: String? = nil, transactionSet: String? = nil, version: String? = nil, transactionIndex: Int,
        envelopeDate: String? = nil, envelopeTime: String? = nil
    ) {
        self.partner = partner
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.isa13 = isa13
        self.gs06 = gs06
        self.st02 = st02
        self.transactionSet = transactionSet
        self.version = version
        self.transactionIndex = transactionIndex
        self.envelopeDate = envelopeDate
        self.envelopeTime = envelopeTime
    }
}

/// What a plan made of one transaction: its events and what went wrong.
public struct Translation: Sendable {
    public var events: [CloudEvent]
    public var findings: [MappingFinding]
    /// False when an event had to be dropped (a required field left empty).
    public var isComplete: Bool { !findings.contains { $0.severity == .error } }
}

extension MappingPlan {
    func run(on scope: any MappingScope, origin: TranslationOrigin) -> Translation {
        var evaluator = Evaluator(plan: self)
        var events: [CloudEvent] = []
        let scopes = each.map { scope.select($0) } ?? [scope]
        var eventIndex = 0
        for eventScope in scopes {
            if let condition = eventCondition, !evaluator.holds(condition, in: eventScope) { continue }
            eventIndex += 1
            let type: EventType
            switch eventType {
            case .fixed(let fixed): type = fixed
            case .chosen(let rule):
                guard let text = evaluator.string(rule, in: eventScope), let chosen = EventType(rawValue: text) else {
                    evaluator.findings.append(MappingFinding(.error, key: "event.type", "no event type for this transaction"))
                    continue
                }
                type = chosen
            }
            let mapped = evaluator.field(.object(data), in: eventScope) ?? .object([])
            let missing = MappingPlan.missingRequired(mapped, type: type.dataType, key: "fields")
            if !missing.isEmpty {
                for key in missing {
                    evaluator.findings.append(MappingFinding(.error, key: key, "required, but the mapping found no value; no event"))
                }
                continue
            }
            do {
                let data = try MappingPlan.decode(mapped, as: type)
                var time: String?
                if let timeField, case .object? = mapped[timeField], case .string(let at)? = mapped[timeField]?["at"] {
                    time = at
                } else if let date = origin.envelopeDate, let local = TimeResolver.local(date: date, time: origin.envelopeTime ?? ""),
                    let zone = timeZone
                {
                    time = TimeResolver.eventTime(local, zoneName: zone, source: .partner, code: nil)?.at
                }
                let lineage = Lineage(
                    partner: origin.partner, fileName: origin.fileName, fileSha256: origin.fileSha256, format: applies.format,
                    isa13: origin.isa13, gs06: origin.gs06, st02: origin.st02, transactionSet: origin.transactionSet,
                    version: origin.version, transactionIndex: origin.transactionIndex, eventIndex: eventIndex,
                    mappingName: name, mappingVersion: version)
                events.append(CloudEvent(type: type, time: time, data: data, lineage: lineage))
            } catch {
                evaluator.findings.append(MappingFinding(.error, key: "fields", "the mapped data does not fit \(type.dataType.name): \(error)"))
            }
        }
        return Translation(events: events, findings: evaluator.findings)
    }

    /// Dotted keys of required fields that `value` lacks, at every level that is present.
    static func missingRequired(_ value: MappedValue, type: ObjectType, key: String) -> [String] {
        var missing: [String] = []
        for field in type.fields {
            let child = value[field.name]
            if child == nil {
                if field.required { missing.append(key + "." + field.name) }
                continue
            }
            switch (field.type, child!) {
            case (.object(let object), let v):
                missing += missingRequired(v, type: object, key: key + "." + field.name)
            case (.array(.object(let object)), .array(let items)):
                for (i, item) in items.enumerated() { missing += missingRequired(item, type: object, key: "\(key).\(field.name)[\(i)]") }
            default: break
            }
        }
        return missing
    }

    static func decode(_ mapped: MappedValue, as type: EventType) throws -> EventData {
        let json = try JSONEncoder().encode(mapped)
        let decoder = JSONDecoder()
        switch type {
        case .loadTendered, .loadTenderChanged, .loadTenderCancelled:
            return .loadTender(try decoder.decode(LoadTender.self, from: json))
        case .shipmentStatus: return .shipmentStatus(try decoder.decode(ShipmentStatus.self, from: json))
        case .freightInvoice: return .freightInvoice(try decoder.decode(FreightInvoice.self, from: json))
        }
    }
}
