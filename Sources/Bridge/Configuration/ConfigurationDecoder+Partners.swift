import Canonical
import Foundation
import Mapping
import Transport
import X12

/// `partners[]`: envelope ids, leniency, acks and duplicates.
extension ConfigurationDecoder {
    static let leniencyNames = ["wrapped-lines", "unpadded-isa", "leading-zeros-in-counts", "trailing-separators", "stray-bytes"]

    mutating func decodePartner(_ node: YAMLNode, key: String) -> PartnerSettings? {
        guard let fields = reader.fields(
            node, key: key, allowed: ["id", "name", "isa", "gs", "time_zone", "leniency", "ack", "duplicates"],
            required: ["id", "isa"])
        else { return nil }
        let id = self.id(fields, in: \.partnerIDs, what: "partner")
        let name = reader.name(fields["name"], key: fields.path("name"))
        let isa = fields["isa"].flatMap { decodeISA($0, key: fields.path("isa"), partner: id) }
        let gs = reader.name(fields["gs"], key: fields.path("gs"))
        if let gs, let node = fields["gs"], !(2...15).contains(gs.count) {
            reader.report(.invalidValue, line: node.line, key: fields.path("gs"), "a GS application sender code has 2 to 15 characters")
        }
        var zone: String?
        if let node = fields["time_zone"], let value = reader.name(node, key: fields.path("time_zone")) {
            if TimeZone(identifier: value) == nil {
                reader.report(.invalidValue, line: node.line, key: fields.path("time_zone"),
                              "\(reader.quote(node, value)) is not a time zone name the system knows (America/Chicago, Europe/Berlin, UTC)")
            } else {
                zone = value
            }
        }
        let leniency = fields["leniency"] == nil ? .strict : decodeLeniency(fields["leniency"]!, key: fields.path("leniency"))
        let ack = fields["ack"] == nil ? AckSettings() : decodeAck(fields["ack"]!, key: fields.path("ack"))
        let duplicates = fields["duplicates"] == nil ? DuplicatePolicy() : decodeDuplicates(fields["duplicates"]!, key: fields.path("duplicates"))
        guard let id, let isa, let leniency, let ack, let duplicates else { return nil }
        return PartnerSettings(
            id: PartnerID(id), name: name, interchangeSender: isa, groupSender: gs, timeZone: zone,
            leniency: leniency, ack: ack, duplicates: duplicates)
    }

    mutating func decodeISA(_ node: YAMLNode, key: String, partner: String?) -> InterchangeAddress? {
        guard let fields = reader.fields(node, key: key, allowed: ["qualifier", "id"], required: ["qualifier", "id"]) else { return nil }
        var qualifier = reader.name(fields["qualifier"], key: fields.path("qualifier"))
        if let value = qualifier, value.count != 2 || !value.unicodeScalars.allSatisfy(Self.isAlphanumeric) {
            reader.report(.invalidValue, line: fields.line(of: "qualifier"), key: fields.path("qualifier"),
                          "an ISA qualifier is 2 letters or digits (ZZ, 01, 02, 12)")
            qualifier = nil
        }
        var id = reader.name(fields["id"], key: fields.path("id"))
        if let value = id, value.count > 15 || value.hasPrefix(" ") || value.hasSuffix(" ")
            || !value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            reader.report(.invalidValue, line: fields.line(of: "id"), key: fields.path("id"),
                          "an ISA id is 1 to 15 printable characters, without the ISA's padding")
            id = nil
        }
        guard let qualifier, let id else { return nil }
        let address = InterchangeAddress(qualifier: qualifier, id: id)
        if let other = senders[address.description] {
            let fromEnvironment = [fields["qualifier"], fields["id"]].contains { $0?.string?.contains("${") == true }
            reader.report(.duplicateID, line: fields.line, key: key,
                          "the ISA sender \(fromEnvironment ? "(from the environment)" : address.description) is already the partner '\(other.partner)' at line \(other.line)")
            return nil
        }
        senders[address.description] = (partner ?? "?", fields.line)
        return address
    }

    mutating func decodeLeniency(_ node: YAMLNode, key: String) -> Leniency? {
        let problem = "expected strict, lenient, or a list of: \(Self.leniencyNames.joined(separator: ", "))"
        switch node {
        case .sequence(let items, _):
            var value: Leniency = []
            var failed = false
            for (index, item) in items.enumerated() {
                guard let name = reader.name(item, key: "\(key)[\(index)]") else { failed = true; continue }
                guard Self.leniencyNames.contains(name), let option = Leniency(profile: name) else {
                    reader.report(.invalidValue, line: item.line, key: "\(key)[\(index)]", "\(reader.quote(item, name)) is not a leniency option; \(problem)")
                    failed = true
                    continue
                }
                value.formUnion(option)
            }
            return failed ? nil : value
        default:
            guard let name = reader.name(node, key: key) else { return nil }
            guard let value = Leniency(profile: name) else {
                reader.report(.invalidValue, line: node.line, key: key, "\(reader.quote(node, name)) is not a leniency profile; \(problem)")
                return nil
            }
            return value
        }
    }

    mutating func decodeAck(_ node: YAMLNode, key: String) -> AckSettings? {
        guard let fields = reader.fields(
            node, key: key, allowed: ["kind", "set_detail", "ta1", "implementation_reference", "target", "path"])
        else { return nil }
        var policy = AckPolicy()
        var failed = false
        if let node = fields["kind"] {
            if let value = reader.choice(node, key: fields.path("kind"), AckPolicy.Kind.allCases) { policy.kind = value } else { failed = true }
        }
        if let node = fields["set_detail"] {
            if let value = reader.choice(node, key: fields.path("set_detail"), [AckPolicy.SetDetail.everySet, .notAccepted]) {
                policy.setDetail = value
            } else { failed = true }
        }
        if let node = fields["ta1"] {
            if let value = reader.choice(node, key: fields.path("ta1"), [AckPolicy.TA1Rule.requestedOrError, .onError, .never]) {
                policy.ta1 = value
            } else { failed = true }
        }
        if let node = fields["implementation_reference"] {
            if let value = reader.name(node, key: fields.path("implementation_reference")) { policy.implementationReference = value } else { failed = true }
        }
        var target: AckTarget?
        if let node = fields["target"] {
            let endpoint = reference(node, key: fields.path("target"), in: endpointIDs, what: "endpoint", plural: "endpoints")
            let folder = fields["path"] == nil ? .root : remotePath(fields["path"], key: fields.path("path"))
            if let endpoint, let folder {
                target = AckTarget(endpoint: EndpointID(endpoint), folder: folder)
                ackFolders[endpoint + "/" + folder.string] = fields.line(of: "target")
            } else { failed = true }
        } else if fields["path"] != nil {
            reader.report(.missingKey, line: fields.line(of: "path"), key: fields.path("target"), "'path' needs a 'target' endpoint")
            failed = true
        }
        return failed ? nil : AckSettings(policy: policy, target: target)
    }

    mutating func decodeDuplicates(_ node: YAMLNode, key: String) -> DuplicatePolicy? {
        guard let fields = reader.fields(node, key: key, allowed: ["scopes", "window_days", "action"]) else { return nil }
        var policy = DuplicatePolicy()
        var failed = false
        if let node = fields["scopes"] {
            if let items = reader.list(node, key: fields.path("scopes")) {
                var scopes: Set<DuplicatePolicy.Scope> = []
                for (index, item) in items.enumerated() {
                    if let scope = reader.choice(item, key: "\(fields.path("scopes"))[\(index)]", DuplicatePolicy.Scope.allCases) {
                        scopes.insert(scope)
                    } else { failed = true }
                }
                policy.scopes = scopes
            } else { failed = true }
        }
        if let node = fields["window_days"] {
            if let days = reader.integer(node, key: fields.path("window_days"), minimum: 1) { policy.windowDays = days } else { failed = true }
        }
        if let node = fields["action"] {
            if let action = reader.choice(node, key: fields.path("action"), DuplicatePolicy.Action.allCases) { policy.action = action } else { failed = true }
        }
        return failed ? nil : policy
    }
}
