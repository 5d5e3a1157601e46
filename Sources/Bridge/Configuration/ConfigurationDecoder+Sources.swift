import Canonical
import Foundation
import Mapping
import Transport
import X12

/// `sources[]`: the folders polled and their pickup rules.
extension ConfigurationDecoder {
    enum After: String, CaseIterable { case archive, delete, leave }

    mutating func decodeSource(_ node: YAMLNode, key: String) -> SourceSettings? {
        guard let fields = reader.fields(
            node, key: key,
            allowed: [
                "id", "endpoint", "path", "partner", "format", "mapping", "patterns", "stability_interval",
                "marker_suffix", "minimum_age", "maximum_size", "batch_limit", "poll_interval", "after",
                "archive_folder", "error_folder",
            ],
            required: ["id", "endpoint"])
        else { return nil }
        var failed = false
        func check<T>(_ value: T?, _ name: String) -> T? {
            if fields[name] != nil && value == nil { failed = true }
            return value
        }
        let id = self.id(fields, in: \.sourceIDs, what: "source")
        let endpoint = reference(fields["endpoint"], key: fields.path("endpoint"), in: endpointIDs, what: "endpoint", plural: "endpoints")
        let folder = fields["path"] == nil ? .root : check(remotePath(fields["path"], key: fields.path("path")), "path")
        let partner = check(reference(fields["partner"], key: fields.path("partner"), in: partnerIDs, what: "partner", plural: "partners"), "partner")
        let format = fields["format"] == nil ? .auto : check(reader.choice(fields["format"], key: fields.path("format"), SourceSettings.Format.allCases), "format")
        let mapping = check(reader.name(fields["mapping"], key: fields.path("mapping")), "mapping")
        if let mapping, let id {
            mappingReferences.append(MappingReference(
                owner: id, name: mapping, format: format ?? .auto, line: fields.line(of: "mapping"), key: fields.path("mapping")))
        }

        var patterns: [GlobPattern] = []
        if let node = fields["patterns"], let values = reader.strings(node, key: fields.path("patterns")) {
            for (index, value) in values.enumerated() {
                if value.contains("/") {
                    reader.report(.invalidValue, line: node.line, key: "\(fields.path("patterns"))[\(index)]",
                                  "a pattern matches names inside the folder, so it cannot contain '/'")
                    failed = true
                }
                patterns.append(GlobPattern(value))
            }
        } else if fields["patterns"] != nil { failed = true }

        var stability: StabilityRule = .unchangedFor(.seconds(30))
        let stabilityKeys = ["stability_interval", "marker_suffix", "minimum_age"].filter { fields[$0] != nil }
        if stabilityKeys.count > 1 {
            reader.report(.invalidValue, line: fields.line(of: stabilityKeys[1]), key: fields.path(stabilityKeys[1]),
                          "give only one of stability_interval, marker_suffix and minimum_age")
            failed = true
        } else if let name = stabilityKeys.first {
            switch name {
            case "stability_interval":
                if let value = reader.duration(fields[name], key: fields.path(name)) { stability = .unchangedFor(value) } else { failed = true }
            case "minimum_age":
                if let value = reader.duration(fields[name], key: fields.path(name)) { stability = .minimumAge(value) } else { failed = true }
            default:
                if let value = reader.name(fields[name], key: fields.path(name)) {
                    if RemoteName.problem(with: "x" + value) != nil {
                        reader.report(.invalidValue, line: fields.line(of: name), key: fields.path(name), "a marker suffix is part of a file name (.done, .ok)")
                        failed = true
                    } else {
                        stability = .markerFile(suffix: value)
                    }
                } else { failed = true }
            }
        }
        let maximumSize = check(reader.size(fields["maximum_size"], key: fields.path("maximum_size")), "maximum_size")
        let batchLimit = fields["batch_limit"] == nil ? 100 : check(reader.integer(fields["batch_limit"], key: fields.path("batch_limit"), minimum: 1), "batch_limit")
        let poll = fields["poll_interval"] == nil ? .seconds(30) : check(reader.duration(fields["poll_interval"], key: fields.path("poll_interval"), positive: true), "poll_interval")
        let after = fields["after"] == nil ? .archive : check(reader.choice(fields["after"], key: fields.path("after"), After.allCases), "after")
        var archive: RemotePath?
        if let node = fields["archive_folder"] {
            if after != .archive {
                reader.report(.invalidValue, line: node.line, key: fields.path("archive_folder"), "'archive_folder' is used only with 'after: archive'")
                failed = true
            } else {
                archive = check(remotePath(node, key: fields.path("archive_folder")), "archive_folder")
            }
        }
        let errorFolder = fields["error_folder"] == nil ? nil : check(remotePath(fields["error_folder"], key: fields.path("error_folder")), "error_folder")

        if let endpoint, let folder {
            let place = endpoint + "/" + folder.string
            let line = fields.line(of: fields["path"] == nil ? "endpoint" : "path")
            let key = fields.path(fields["path"] == nil ? "endpoint" : "path")
            // Crossdock would read back what it writes, or take one file twice.
            if let ackLine = ackFolders[place] {
                reader.report(.unsafe, line: line, key: key,
                              "this folder receives the acks of the partner at line \(ackLine); Crossdock would read its own acks back")
                failed = true
            }
            let names = patterns.map(\.pattern)
            if let other = polledFolders[place]?.first(where: { $0.patterns.isEmpty || names.isEmpty || Set($0.patterns) == Set(names) }) {
                reader.report(.unsafe, line: line, key: key,
                              "the source at line \(other.line) polls this folder for the same names; a file would be taken twice")
                failed = true
            }
            polledFolders[place, default: []].append((names, fields.line))
        }
        guard !failed, let id, let endpoint, let folder, let format, let batchLimit, let poll, let after else { return nil }
        let afterFetch: AfterFetch = switch after {
        case .archive: .archive(archive ?? folder.appending(try! RemoteName("archive")))
        case .delete: .delete
        case .leave: .leave
        }
        return SourceSettings(
            id: SourceID(id), endpoint: EndpointID(endpoint), folder: folder, partner: partner.map { PartnerID($0) },
            format: format, mapping: mapping,
            rules: PickupRules(patterns: patterns, stability: stability, maximumSize: maximumSize, batchLimit: batchLimit),
            pollInterval: poll, afterFetch: afterFetch,
            errorFolder: errorFolder ?? folder.appending(try! RemoteName("error")))
    }
}
