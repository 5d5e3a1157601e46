public import Canonical
import Foundation

/// What a plan made of one transaction: its events and what went wrong.
public struct Translation: Sendable {
    public var events: [CloudEvent]
    public var findings: [MappingFinding]
    /// False when an event had to be dropped (a required field left empty).
    public var isComplete: Bool { !findings.contains { $0.severity == .error } }
}

extension MappingPlan {
    /// Runs the plan over one transaction's scope. `origin` names the file and position (its event index,
    /// format and mapping fields are filled in here); `envelopeDate`/`envelopeTime` (GS04/GS05) give the
    /// CloudEvents time when no data field does.
    func run(on scope: any MappingScope, origin: Lineage, envelopeDate: String?, envelopeTime: String?) -> Translation {
        var evaluator = Evaluator(plan: self)
        var events: [CloudEvent] = []
        var output = DataOutput()
        // Fields that read only from the transaction's top are evaluated once per transaction when it makes
        // several events (a 214's B10 and L11s for each AT7).
        if each != nil, writesDataWhileEvaluating, data.layout.transactionWide.contains(true) {
            evaluator.memos = Array(repeating: nil, count: data.fields.count)
        }
        let scopes = each.map { scope.select($0) } ?? [scope]
        var eventIndex = 0
        // What every event of the transaction shares, made once: the lineage but for the event index, the
        // hashed part of the ids' name, the source.
        var lineage = origin
        lineage.format = applies.format
        lineage.mappingName = name
        lineage.mappingVersion = version
        let ids = EventID.Prefix(lineage)
        let source = CloudEvent.source(of: lineage)
        for eventScope in scopes {
            evaluator.rejected = false
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
            // The data written while its fields are evaluated; when it lacks a required field, the mapped
            // tree is built instead, to name what is missing the way it always has.
            let findingsBefore = evaluator.findings.count
            var top = TopLevelValues()
            let written = writesDataWhileEvaluating && evaluator.writeData(data, in: eventScope, to: &output, top: &top)
            if evaluator.rejected { continue }
            lineage.eventIndex = eventIndex
            guard written else {
                evaluator.findings.removeSubrange(findingsBefore...)
                if let event = treeEvent(
                    type: type, in: eventScope, evaluator: &evaluator, lineage: lineage, id: ids.id(eventIndex: eventIndex),
                    source: source, envelopeDate: envelopeDate, envelopeTime: envelopeTime)
                {
                    events.append(event)
                }
                continue
            }
            var time = top.time
            if time == nil, let date = envelopeDate, let local = TimeResolver.local(date: date, time: envelopeTime ?? ""),
                let zone = timeZone
            {
                time = TimeResolver.eventTime(local, zoneName: zone, source: .partner, code: nil)?.at
            }
            events.append(
                CloudEvent(
                    type: type, time: time, shipmentId: top.shipmentId, dataJSON: output.bytes, lineage: lineage,
                    id: ids.id(eventIndex: eventIndex), source: source))
        }
        return Translation(events: events, findings: evaluator.findings)
    }

    /// The event of one scope made the general way: the mapped tree, its required fields checked (each
    /// missing one named), then written as the typed document would be (or built as that document, which
    /// says why the tree does not fit). Nil when no event is made (the findings say why).
    private func treeEvent(
        type: EventType, in eventScope: any MappingScope, evaluator: inout Evaluator, lineage: Lineage, id: String,
        source: String, envelopeDate: String?, envelopeTime: String?
    ) -> CloudEvent? {
        let mapped = evaluator.field(.object(data), in: eventScope) ?? .object([])
        if evaluator.rejected { return nil }
        let lacks = requiredCheck.map { $0.lacks(mapped) } ?? MappingPlan.lacksRequired(mapped, type: type.dataType)
        let missing = lacks ? MappingPlan.missingRequired(mapped, type: type.dataType, key: "fields") : []
        if !missing.isEmpty {
            for key in missing {
                evaluator.findings.append(MappingFinding(.error, key: key, "required, but the mapping found no value; no event"))
            }
            return nil
        }
        do {
            var time: String?
            if let timeField, case .object? = mapped[timeField], case .string(let at)? = mapped[timeField]?["at"] {
                time = at
            } else if let date = envelopeDate, let local = TimeResolver.local(date: date, time: envelopeTime ?? ""),
                let zone = timeZone
            {
                time = TimeResolver.eventTime(local, zoneName: zone, source: .partner, code: nil)?.at
            }
            if let event = CloudEvent(type: type, time: time, mapped: mapped, lineage: lineage, id: id, source: source) {
                return event
            }
            let data = try MappingPlan.decode(mapped, as: type)
            return CloudEvent(type: type, time: time, data: data, lineage: lineage)
        } catch {
            evaluator.findings.append(MappingFinding(.error, key: "fields", "the mapped data does not fit \(type.dataType.name): \(error)"))
            return nil
        }
    }

    /// Whether `missingRequired` would name anything; without building a key per field (the common case).
    static func lacksRequired(_ value: MappedValue, type: ObjectType) -> Bool {
        for field in type.fields {
            // Only required fields and nested objects can lack something.
            switch field.type {
            case .object, .array(.object): break
            default: if !field.required { continue }
            }
            guard let child = value[field.name] else {
                if field.required { return true }
                continue
            }
            switch (field.type, child) {
            case (.object(let object), let v):
                if lacksRequired(v, type: object) { return true }
            case (.array(.object(let object)), .array(let items)):
                for item in items where lacksRequired(item, type: object) { return true }
            default: break
            }
        }
        return false
    }

    /// `lacksRequired(_:type:)` with the type's fields sifted once per plan: only the required fields and
    /// the nested objects are looked up per event, without walking (and copying) every field description.
    final class RequiredCheck: Sendable {
        struct Entry: Sendable {
            let name: String
            /// `name.utf8.count`, compared before the names.
            let length: Int
            let required: Bool
            /// The nested object's check, and whether the field is a list of such objects.
            let nested: RequiredCheck?
            let isList: Bool

            init(name: String, required: Bool, nested: RequiredCheck?, isList: Bool) {
                self.name = name
                length = name.utf8.count
                self.required = required
                self.nested = nested
                self.isList = isList
            }
        }

        let entries: [Entry]

        init(_ type: ObjectType) {
            entries = type.fields.compactMap { field in
                switch field.type {
                case .object(let object): Entry(name: field.name, required: field.required, nested: RequiredCheck(object), isList: false)
                case .array(.object(let object)): Entry(name: field.name, required: field.required, nested: RequiredCheck(object), isList: true)
                default: field.required ? Entry(name: field.name, required: true, nested: nil, isList: false) : nil
                }
            }
        }

        func lacks(_ value: MappedValue) -> Bool {
            guard case .object(let fields) = value else { return entries.contains { $0.required } }
            // In place: looking a child up by name (`value[name]`) copied it out, retains and all.
            return fields.withUnsafeBufferPointer { fields in
                entries.withUnsafeBufferPointer { entries in
                    for entry in entries {
                        // The first field of that name, as `MappedValue[name]` finds it.
                        var found = -1
                        for i in fields.indices
                        where fields[i].0.utf8.count == entry.length && fields[i].0 == entry.name {
                            found = i
                            break
                        }
                        guard found >= 0 else {
                            if entry.required { return true }
                            continue
                        }
                        guard let nested = entry.nested else { continue }
                        if !entry.isList {
                            if nested.lacks(fields[found].1) { return true }
                        } else if case .array(let items) = fields[found].1 {
                            for item in items where nested.lacks(item) { return true }
                        }
                    }
                    return false
                }
            }
        }
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
        // Built directly when it fits; `Codable` only to say why it does not.
        if let data = EventData(mapped: mapped, as: type) { return data }
        switch type {
        case .loadTendered, .loadTenderChanged, .loadTenderCancelled:
            return .loadTender(try MappedValueDecoder.decode(LoadTender.self, from: mapped))
        case .shipmentStatus: return .shipmentStatus(try MappedValueDecoder.decode(ShipmentStatus.self, from: mapped))
        case .freightInvoice: return .freightInvoice(try MappedValueDecoder.decode(FreightInvoice.self, from: mapped))
        }
    }
}
