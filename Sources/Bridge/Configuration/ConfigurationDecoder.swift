import Canonical
import Foundation
import Mapping
import Transport
import X12

/// Turns the YAML tree of `crossdock.yaml` into `CrossdockConfiguration`, section by section, then checks
/// references across sections. Sections are read in the order they may refer to each other (endpoints,
/// partners, destinations, sources, routes), and an item that failed to read still reserves its id, so a
/// mistake is reported once, not again by everything that refers to it.
struct ConfigurationDecoder {
    var reader: ConfigurationReader
    private var endpointIDs: [String: Int] = [:]
    private var partnerIDs: [String: Int] = [:]
    private var destinationIDs: [String: Int] = [:]
    private var sourceIDs: [String: Int] = [:]
    /// ISA qualifier:id → the partner that claims it.
    private var senders: [String: (partner: String, line: Int)] = [:]
    /// HTTP destinations read so far, for the check that every event routed to one has a request.
    private var httpDestinations: [String: HTTPDestinationSettings] = [:]
    /// Where each source names a mapping, for `CrossdockConfiguration.check(mappings:)`.
    private(set) var mappingReferences: [MappingReference] = []

    init(reader: ConfigurationReader) { self.reader = reader }

    static let topLevelKeys = [
        "store", "spool", "mappings", "endpoints", "partners", "sources", "destinations", "routes", "console",
    ]

    mutating func decode(_ root: YAMLNode, file: URL) -> CrossdockConfiguration? {
        if case .null = root {
            reader.report(.missingKey, line: 1, key: "", "the file is empty; 'store', 'spool' and 'mappings' are required")
            return nil
        }
        guard let top = reader.fields(root, key: "", allowed: Self.topLevelKeys, required: ["store", "spool", "mappings"]) else {
            return nil
        }
        let store = top["store"].flatMap { decodeStore($0) }
        let spool = reader.localPath(top["spool"], key: "spool")
        let mappings = reader.localPath(top["mappings"], key: "mappings")
        let endpoints = items(top["endpoints"], key: "endpoints") { $0.decodeEndpoint($1, key: $2) }
        let partners = items(top["partners"], key: "partners") { $0.decodePartner($1, key: $2) }
        let destinations = items(top["destinations"], key: "destinations") { $0.decodeDestination($1, key: $2) }
        let sources = items(top["sources"], key: "sources") { $0.decodeSource($1, key: $2) }
        let routes = items(top["routes"], key: "routes") { $0.decodeRoute($1, key: $2) }
        let console = top["console"].flatMap { decodeConsole($0) }
        guard let store, let spool, let mappings else { return nil }
        return CrossdockConfiguration(
            file: file, store: store, spool: spool, mappings: mappings, endpoints: endpoints, partners: partners,
            sources: sources, destinations: destinations, routes: routes, console: console)
    }

    /// Each item of the list at `key`, decoded; items that fail are left out (their mistakes reported).
    private mutating func items<T>(
        _ node: YAMLNode?, key: String, _ decode: (inout ConfigurationDecoder, YAMLNode, String) -> T?
    ) -> [T] {
        guard let node, let list = reader.list(node, key: key) else { return [] }
        var values: [T] = []
        for (index, item) in list.enumerated() {
            if let value = decode(&self, item, "\(key)[\(index)]") { values.append(value) }
        }
        return values
    }

    // MARK: Ids and references

    /// Reads the `id` of an item and reserves it in `table`; nil when missing, malformed or taken.
    private mutating func id(_ fields: Fields, in table: WritableKeyPath<ConfigurationDecoder, [String: Int]>, what: String) -> String? {
        guard let node = fields["id"], let value = reader.name(node, key: fields.path("id")) else { return nil }
        guard Self.isID(value) else {
            reader.report(.invalidValue, line: node.line, key: fields.path("id"),
                          "\(reader.quote(node, value)) is not an id; use letters, digits, '.', '_' and '-', starting with a letter or digit")
            return nil
        }
        if let line = self[keyPath: table][value] {
            reader.report(.duplicateID, line: node.line, key: fields.path("id"), "the \(what) id \(reader.quote(node, value)) is already used at line \(line)")
            return nil
        }
        self[keyPath: table][value] = node.line
        return value
    }

    static func isID(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, Self.isAlphanumeric(first) else { return false }
        return value.unicodeScalars.allSatisfy { Self.isAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    /// Reads a reference to an item of `table`; reports one that names nothing.
    private mutating func reference(_ node: YAMLNode?, key: String, in table: [String: Int], what: String, plural: String) -> String? {
        guard let node, let value = reader.name(node, key: key) else { return nil }
        guard table[value] != nil else {
            let known = table.keys.sorted()
            reader.report(.unknownReference, line: node.line, key: key,
                          "no \(what) has the id \(reader.quote(node, value)); " + (known.isEmpty ? "there are no \(plural)" : "the \(plural) are: \(known.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    private mutating func remotePath(_ node: YAMLNode?, key: String) -> RemotePath? {
        guard let node, let value = reader.string(node, key: key) else { return nil }
        do {
            return try RemotePath(value)
        } catch let error as TransportError {
            reader.report(.invalidValue, line: node.line, key: key,
                          "not a path relative to the endpoint's root: \(error.message)")
            return nil
        } catch {
            reader.report(.invalidValue, line: node.line, key: key, "not a path relative to the endpoint's root")
            return nil
        }
    }

    /// The kind of an item that has one (`kind: sftp`), read before its other keys so that the allowed
    /// keys can depend on it.
    private mutating func kind<T: RawRepresentable>(_ node: YAMLNode, key: String, _ cases: [T]) -> T?? where T.RawValue == String {
        guard case .mapping = node else { return .some(nil) }
        guard let kind = node["kind"] else { return nil }
        return .some(reader.choice(kind, key: ConfigurationReader.join(key, "kind"), cases))
    }

    // MARK: Store

    private mutating func decodeStore(_ node: YAMLNode) -> StoreSettings? {
        guard let fields = reader.fields(node, key: "store", allowed: ["sqlite", "postgres"]) else { return nil }
        switch (fields["sqlite"], fields["postgres"]) {
        case (let sqlite?, nil):
            return reader.localPath(sqlite, key: "store.sqlite").map { .sqlite(path: $0) }
        case (_?, let postgres?):
            reader.report(.invalidValue, line: postgres.line, key: "store.postgres", "give either 'sqlite' or 'postgres', not both")
        case (nil, let postgres?):
            if reader.secret(postgres, key: "store.postgres") != nil {
                reader.report(.unsupported, line: postgres.line, key: "store.postgres",
                              "PostgreSQL is not supported yet; use 'sqlite: <path>' for now")
            }
        case (nil, nil):
            reader.report(.missingKey, line: fields.line, key: "store", "'sqlite' (a database file path) is required")
        }
        return nil
    }

    // MARK: Endpoints

    private enum EndpointKind: String, CaseIterable { case folder, sftp }

    private mutating func decodeEndpoint(_ node: YAMLNode, key: String) -> EndpointSettings? {
        let kind = self.kind(node, key: key, EndpointKind.allCases)
        let common = ["id", "kind"]
        let folderKeys = ["path", "create"]
        let sftpKeys = [
            "host", "port", "user", "known_hosts", "private_key", "passphrase", "password",
            "connect_timeout", "operation_timeout", "keepalive",
        ]
        let allowed = switch kind {
        case .some(.folder): common + folderKeys
        case .some(.sftp): common + sftpKeys
        default: common + folderKeys + sftpKeys
        }
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["id", "kind"]) else { return nil }
        let id = self.id(fields, in: \.endpointIDs, what: "endpoint")
        switch kind {
        case .some(.folder):
            guard fields["path"] != nil else {
                reader.report(.missingKey, line: fields.line, key: fields.path("path"), "'path' is required")
                return nil
            }
            let path = reader.localPath(fields["path"], key: fields.path("path"))
            let create = reader.boolean(fields["create"], key: fields.path("create")) ?? false
            guard let id, let path else { return nil }
            return EndpointSettings(id: EndpointID(id), kind: .folder(FolderEndpointSettings(path: path, create: create)))
        case .some(.sftp):
            return decodeSFTP(fields, id: id)
        default:
            return nil
        }
    }

    private mutating func decodeSFTP(_ fields: Fields, id: String?) -> EndpointSettings? {
        var missing = false
        for name in ["host", "user", "known_hosts"] where fields[name] == nil {
            reader.report(.missingKey, line: fields.line, key: fields.path(name), "'\(name)' is required")
            missing = true
        }
        let host = reader.name(fields["host"], key: fields.path("host"))
        let port = fields["port"] == nil ? 22 : reader.integer(fields["port"], key: fields.path("port"), minimum: 1, maximum: 65_535)
        let user = reader.name(fields["user"], key: fields.path("user"))
        let knownHosts = reader.localPath(fields["known_hosts"], key: fields.path("known_hosts"))
        var authentication: SFTPEndpointSettings.Authentication?
        switch (fields["private_key"], fields["password"]) {
        case (let key?, nil):
            let path = reader.localPath(key, key: fields.path("private_key"))
            let passphrase = reader.secret(fields["passphrase"], key: fields.path("passphrase"))
            if let path, fields["passphrase"] == nil || passphrase != nil {
                authentication = .privateKey(path: path, passphrase: passphrase)
            }
        case (nil, let password?):
            if fields["passphrase"] != nil {
                reader.report(.invalidValue, line: fields.line(of: "passphrase"), key: fields.path("passphrase"),
                              "'passphrase' goes with 'private_key'")
            } else {
                authentication = reader.secret(password, key: fields.path("password")).map { .password($0) }
            }
        case (_?, _?):
            reader.report(.invalidValue, line: fields.line(of: "password"), key: fields.path("password"),
                          "give either 'private_key' or 'password', not both")
        case (nil, nil):
            reader.report(.missingKey, line: fields.line, key: fields.path("private_key"), "'private_key' or 'password' is required")
        }
        let connect = fields["connect_timeout"] == nil ? .seconds(15) : reader.duration(fields["connect_timeout"], key: fields.path("connect_timeout"))
        let operation = fields["operation_timeout"] == nil ? .seconds(60) : reader.duration(fields["operation_timeout"], key: fields.path("operation_timeout"))
        let keepalive = fields["keepalive"] == nil ? .seconds(30) : reader.duration(fields["keepalive"], key: fields.path("keepalive"))
        guard !missing, let id, let host, let port, let user, let knownHosts, let authentication,
              let connect, let operation, let keepalive else { return nil }
        return EndpointSettings(id: EndpointID(id), kind: .sftp(SFTPEndpointSettings(
            host: host, port: port, user: user, knownHosts: knownHosts, authentication: authentication,
            connectTimeout: connect, operationTimeout: operation, keepalive: keepalive)))
    }

    // MARK: Partners

    static let leniencyNames = ["wrapped-lines", "unpadded-isa", "leading-zeros-in-counts", "trailing-separators", "stray-bytes"]

    private mutating func decodePartner(_ node: YAMLNode, key: String) -> PartnerSettings? {
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

    private mutating func decodeISA(_ node: YAMLNode, key: String, partner: String?) -> InterchangeAddress? {
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

    private mutating func decodeLeniency(_ node: YAMLNode, key: String) -> Leniency? {
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

    private mutating func decodeAck(_ node: YAMLNode, key: String) -> AckSettings? {
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
            if let endpoint, let folder { target = AckTarget(endpoint: EndpointID(endpoint), folder: folder) } else { failed = true }
        } else if fields["path"] != nil {
            reader.report(.missingKey, line: fields.line(of: "path"), key: fields.path("target"), "'path' needs a 'target' endpoint")
            failed = true
        }
        return failed ? nil : AckSettings(policy: policy, target: target)
    }

    private mutating func decodeDuplicates(_ node: YAMLNode, key: String) -> DuplicatePolicy? {
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

    // MARK: Sources

    private enum After: String, CaseIterable { case archive, delete, leave }

    private mutating func decodeSource(_ node: YAMLNode, key: String) -> SourceSettings? {
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
            mappingReferences.append(MappingReference(source: id, name: mapping, line: fields.line(of: "mapping"), key: fields.path("mapping")))
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
        let poll = fields["poll_interval"] == nil ? .seconds(30) : check(reader.duration(fields["poll_interval"], key: fields.path("poll_interval")), "poll_interval")
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

    // MARK: Destinations

    private enum DestinationKind: String, CaseIterable { case http, folder }
    private enum AuthKind: String, CaseIterable {
        case none, bearer, basic, oauth2, apiKey = "api-key", hmacSHA256 = "hmac-sha256"
    }

    private mutating func decodeDestination(_ node: YAMLNode, key: String) -> DestinationSettings? {
        let kind = self.kind(node, key: key, DestinationKind.allCases)
        let common = ["id", "kind"]
        let folderKeys = ["path"]
        let httpKeys = [
            "base_url", "auth", "routes", "connect_timeout", "timeout", "concurrency", "rate_limit",
            "idempotency_header", "retry", "circuit_breaker", "headers",
        ]
        let allowed = switch kind {
        case .some(.folder): common + folderKeys
        case .some(.http): common + httpKeys
        default: common + folderKeys + httpKeys
        }
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["id", "kind"]) else { return nil }
        let id = self.id(fields, in: \.destinationIDs, what: "destination")
        switch kind {
        case .some(.folder):
            guard fields["path"] != nil else {
                reader.report(.missingKey, line: fields.line, key: fields.path("path"), "'path' is required")
                return nil
            }
            guard let path = reader.localPath(fields["path"], key: fields.path("path")), let id else { return nil }
            return DestinationSettings(id: DestinationID(id), kind: .folder(path: path))
        case .some(.http):
            return decodeHTTP(fields, id: id)
        default:
            return nil
        }
    }

    private mutating func decodeHTTP(_ fields: Fields, id: String?) -> DestinationSettings? {
        var failed = false
        func check<T>(_ value: T?, _ name: String) -> T? {
            if fields[name] != nil && value == nil { failed = true }
            return value
        }
        for name in ["base_url", "routes"] where fields[name] == nil {
            reader.report(.missingKey, line: fields.line, key: fields.path(name), "'\(name)' is required")
            failed = true
        }
        let baseURL = check(url(fields["base_url"], key: fields.path("base_url")), "base_url")
        let auth = fields["auth"] == nil ? HTTPAuthSettings.none : check(decodeAuth(fields["auth"]!, key: fields.path("auth")), "auth")
        var routes: [HTTPRouteSettings] = []
        if let node = fields["routes"] {
            var seen: [EventPattern: Int] = [:]
            let decoded = items(node, key: fields.path("routes")) { decoder, item, key in
                decoder.decodeHTTPRoute(item, key: key).map { ($0, item.line, key) }
            }
            if let list = node.sequence, decoded.count != list.count { failed = true }
            if let list = node.sequence, list.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("routes"),
                              "no routes; list at least one (event \"*\" catches every type)")
            }
            if node.sequence?.isEmpty ?? true { failed = true }
            for (route, line, key) in decoded {
                if let other = seen[route.events] {
                    reader.report(.duplicateID, line: line, key: key + ".event", "this event pattern already has a route at line \(other)")
                    failed = true
                }
                seen[route.events] = line
                routes.append(route)
            }
        }
        let connect = fields["connect_timeout"] == nil ? .seconds(10) : check(reader.duration(fields["connect_timeout"], key: fields.path("connect_timeout")), "connect_timeout")
        let timeout = fields["timeout"] == nil ? .seconds(30) : check(reader.duration(fields["timeout"], key: fields.path("timeout")), "timeout")
        let concurrency = fields["concurrency"] == nil ? 4 : check(reader.integer(fields["concurrency"], key: fields.path("concurrency"), minimum: 1), "concurrency")
        let rateLimit = fields["rate_limit"].flatMap { decodeRateLimit($0, key: fields.path("rate_limit")) }
        if fields["rate_limit"] != nil && rateLimit == nil { failed = true }
        let idempotency = fields["idempotency_header"] == nil ? "Idempotency-Key" : check(headerName(fields["idempotency_header"], key: fields.path("idempotency_header")), "idempotency_header")
        let retry = fields["retry"] == nil ? RetrySettings() : check(decodeRetry(fields["retry"]!, key: fields.path("retry")), "retry")
        let breaker = fields["circuit_breaker"] == nil ? CircuitBreakerSettings() : check(decodeBreaker(fields["circuit_breaker"]!, key: fields.path("circuit_breaker")), "circuit_breaker")
        var headers: [HTTPHeaderSetting] = []
        if let node = fields["headers"] {
            if case .mapping(let entries, _) = node {
                for entry in entries {
                    let key = fields.path("headers") + "." + entry.key
                    guard let name = headerName(.scalar(entry.key, line: entry.line), key: key),
                          let value = reader.string(entry.value, key: key) else { failed = true; continue }
                    headers.append(HTTPHeaderSetting(name: name, value: value))
                }
            } else {
                reader.report(.wrongType, line: node.line, key: fields.path("headers"), "expected a mapping of header names to values, found \(reader.shown(node))")
                failed = true
            }
        }
        guard !failed, let id, let baseURL, let auth, let connect, let timeout, let concurrency, let idempotency,
              let retry, let breaker else { return nil }
        let http = HTTPDestinationSettings(
            baseURL: baseURL, auth: auth, routes: routes, connectTimeout: connect, requestTimeout: timeout,
            concurrency: concurrency, rateLimit: rateLimit, idempotencyHeader: idempotency, retry: retry,
            circuitBreaker: breaker, headers: headers)
        httpDestinations[id] = http
        return DestinationSettings(id: DestinationID(id), kind: .http(http))
    }

    private mutating func url(_ node: YAMLNode?, key: String) -> URL? {
        guard let node, let value = reader.scalar(node, key: key) else { return nil }
        guard let url = URL(string: value.text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty else {
            reader.report(.invalidValue, line: node.line, key: key, "\(value.shown) is not an http or https URL")
            return nil
        }
        return url
    }

    private mutating func headerName(_ node: YAMLNode?, key: String) -> String? {
        guard let node, let value = reader.name(node, key: key) else { return nil }
        let token = "!#$%&'*+-.^_`|~"
        guard value.unicodeScalars.allSatisfy({ Self.isAlphanumeric($0) || token.unicodeScalars.contains($0) }) else {
            reader.report(.invalidValue, line: node.line, key: key, "\(reader.quote(node, value)) is not an HTTP header name")
            return nil
        }
        return value
    }

    private mutating func decodeAuth(_ node: YAMLNode, key: String) -> HTTPAuthSettings? {
        let kind = self.kind(node, key: key, AuthKind.allCases)
        let keys: [AuthKind: [String]] = [
            .none: [], .bearer: ["token"], .basic: ["user", "password"],
            .oauth2: ["token_url", "client_id", "client_secret", "scope", "audience"],
            .apiKey: ["header", "key"], .hmacSHA256: ["secret"],
        ]
        let required: [AuthKind: [String]] = [
            .bearer: ["token"], .basic: ["user", "password"], .oauth2: ["token_url", "client_id", "client_secret"],
            .apiKey: ["header", "key"], .hmacSHA256: ["secret"],
        ]
        let resolved: AuthKind? = kind ?? nil
        let allowed: [String] = if let resolved { ["kind"] + keys[resolved]! } else { ["kind"] + Array(Set(keys.values.joined())) }
        let needed = resolved.flatMap { required[$0] } ?? []
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["kind"] + needed),
              let kind = resolved else { return nil }
        func secret(_ name: String) -> Secret? { reader.secret(fields[name], key: fields.path(name)) }
        switch kind {
        case .none: return HTTPAuthSettings.none
        case .bearer: return secret("token").map { .bearer(token: $0) }
        case .basic:
            guard let user = reader.name(fields["user"], key: fields.path("user")), let password = secret("password") else { return nil }
            return .basic(user: user, password: password)
        case .oauth2:
            let tokenURL = url(fields["token_url"], key: fields.path("token_url"))
            let clientID = reader.name(fields["client_id"], key: fields.path("client_id"))
            let clientSecret = secret("client_secret")
            let scope = reader.name(fields["scope"], key: fields.path("scope"))
            let audience = reader.name(fields["audience"], key: fields.path("audience"))
            guard let tokenURL, let clientID, let clientSecret else { return nil }
            return .oauth2(tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scope: scope, audience: audience)
        case .apiKey:
            guard let header = headerName(fields["header"], key: fields.path("header")), let key = secret("key") else { return nil }
            return .apiKey(header: header, key: key)
        case .hmacSHA256:
            return secret("secret").map { .hmacSHA256(secret: $0) }
        }
    }

    private mutating func decodeHTTPRoute(_ node: YAMLNode, key: String) -> HTTPRouteSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["event", "method", "path"], required: ["event", "path"]) else { return nil }
        let events = fields["event"].flatMap { eventPattern($0, key: fields.path("event")) }
        let method = fields["method"] == nil ? "POST" : reader.choice(fields["method"], key: fields.path("method"), HTTPMethod.allCases)?.rawValue
        var path = reader.name(fields["path"], key: fields.path("path"))
        if let value = path, let node = fields["path"] {
            if let problem = Self.pathTemplateProblem(value) {
                reader.report(.invalidValue, line: node.line, key: fields.path("path"), problem)
                path = nil
            }
        }
        guard let events, let method, let path else { return nil }
        return HTTPRouteSettings(events: events, method: method, path: path)
    }

    private enum HTTPMethod: String, CaseIterable { case POST, PUT, PATCH, DELETE }

    static func pathTemplateProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "a route path starts with '/' (it is appended to the base URL)" }
        var rest = Substring(path)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                return "a '{' or '}' in the path is not part of a placeholder; placeholders are {id}, {type} and {subject}"
            }
            let name = rest[rest.index(after: open)..<close]
            guard ["id", "type", "subject"].contains(name) else {
                return "unknown placeholder '{\(name)}'; placeholders are {id}, {type} and {subject}"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    private mutating func decodeRateLimit(_ node: YAMLNode, key: String) -> RateLimitSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["requests", "per"], required: ["requests", "per"]) else { return nil }
        let requests = reader.integer(fields["requests"], key: fields.path("requests"), minimum: 1)
        let per = reader.duration(fields["per"], key: fields.path("per"))
        guard let requests, let per else { return nil }
        if per <= .zero {
            reader.report(.invalidValue, line: fields.line(of: "per"), key: fields.path("per"), "must be longer than 0s")
            return nil
        }
        return RateLimitSettings(requests: requests, per: per)
    }

    private mutating func decodeRetry(_ node: YAMLNode, key: String) -> RetrySettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["base", "cap"]) else { return nil }
        var retry = RetrySettings()
        let base = fields["base"] == nil ? retry.base : reader.duration(fields["base"], key: fields.path("base"))
        let cap = fields["cap"] == nil ? retry.cap : reader.duration(fields["cap"], key: fields.path("cap"))
        guard let base, let cap else { return nil }
        if cap < base {
            reader.report(.invalidValue, line: fields.line(of: "cap"), key: fields.path("cap"), "the cap must not be shorter than the base")
            return nil
        }
        retry.base = base
        retry.cap = cap
        return retry
    }

    private mutating func decodeBreaker(_ node: YAMLNode, key: String) -> CircuitBreakerSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["threshold", "cool_down"]) else { return nil }
        var breaker = CircuitBreakerSettings()
        let threshold = fields["threshold"] == nil ? breaker.threshold : reader.integer(fields["threshold"], key: fields.path("threshold"), minimum: 1)
        let coolDown = fields["cool_down"] == nil ? breaker.coolDown : reader.duration(fields["cool_down"], key: fields.path("cool_down"))
        guard let threshold, let coolDown else { return nil }
        breaker.threshold = threshold
        breaker.coolDown = coolDown
        return breaker
    }

    // MARK: Routes

    /// A pattern that is well formed and matches at least one canonical event type.
    private mutating func eventPattern(_ node: YAMLNode, key: String) -> EventPattern? {
        guard let value = reader.name(node, key: key) else { return nil }
        guard let pattern = EventPattern(value) else {
            reader.report(.invalidValue, line: node.line, key: key,
                          "\(reader.quote(node, value)) is not an event type pattern; write a type (shipment.status), a prefix ending in .* (load.*), or \"*\"")
            return nil
        }
        let types = EventType.allCases.map(\.rawValue)
        guard types.contains(where: pattern.matches) else {
            reader.report(.unknownReference, line: node.line, key: key,
                          "\(reader.quote(node, value)) matches no event type; the types are: \(types.joined(separator: ", "))")
            return nil
        }
        return pattern
    }

    private mutating func decodeRoute(_ node: YAMLNode, key: String) -> RouteSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["events", "to"], required: ["events", "to"]) else { return nil }
        var failed = false
        var events: [EventPattern] = []
        if let node = fields["events"], let items = reader.list(node, key: fields.path("events")) {
            if items.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("events"), "the route matches no event; list at least one event type pattern")
                failed = true
            }
            for (index, item) in items.enumerated() {
                if let pattern = eventPattern(item, key: "\(fields.path("events"))[\(index)]") { events.append(pattern) } else { failed = true }
            }
        } else { failed = true }
        var destinations: [DestinationID] = []
        if let node = fields["to"], let items = reader.list(node, key: fields.path("to")) {
            if items.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("to"), "the route sends to no destination; list at least one destination id under 'to'")
                failed = true
            }
            for (index, item) in items.enumerated() {
                let key = "\(fields.path("to"))[\(index)]"
                guard let id = reference(item, key: key, in: destinationIDs, what: "destination", plural: "destinations") else {
                    failed = true
                    continue
                }
                destinations.append(DestinationID(id))
                // An event routed to an HTTP destination must become some request there.
                if let http = httpDestinations[id] {
                    let uncovered = EventType.allCases.map(\.rawValue).filter { type in
                        events.contains { $0.matches(type) } && http.route(for: type) == nil
                    }
                    if !uncovered.isEmpty {
                        reader.report(.unknownReference, line: item.line, key: key,
                                      "the destination '\(id)' has no HTTP route for \(uncovered.joined(separator: ", ")); add one there, or an event \"*\" fallback")
                        failed = true
                    }
                }
            }
        } else { failed = true }
        return failed ? nil : RouteSettings(events: events, destinations: destinations)
    }

    // MARK: Console

    private mutating func decodeConsole(_ node: YAMLNode) -> ConsoleSettings? {
        guard let fields = reader.fields(node, key: "console", allowed: ["listen", "token"]) else { return nil }
        var console = ConsoleSettings()
        var failed = false
        if let node = fields["listen"] {
            if let value = reader.name(node, key: "console.listen") {
                if let (host, port) = Self.hostAndPort(value) {
                    console.host = host
                    console.port = port
                } else {
                    reader.report(.invalidValue, line: node.line, key: "console.listen",
                                  "\(reader.quote(node, value)) is not host:port (127.0.0.1:8080, [::1]:8080)")
                    failed = true
                }
            } else { failed = true }
        }
        if let node = fields["token"] {
            if let token = reader.secret(node, key: "console.token") { console.token = token } else { failed = true }
        }
        if failed { return nil }
        if !console.isLoopback && console.token == nil {
            reader.report(.unsafe, line: fields.line(of: "listen"), key: "console.listen",
                          "listening on \(console.host), off loopback, needs a 'token'")
            return nil
        }
        return console
    }

    static func hostAndPort(_ value: String) -> (String, Int)? {
        let host: Substring, port: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]"), value[value.index(after: close)...].hasPrefix(":") else { return nil }
            host = value[value.index(after: value.startIndex)..<close]
            port = value[value.index(close, offsetBy: 2)...]
        } else {
            guard let colon = value.lastIndex(of: ":") else { return nil }
            host = value[..<colon]
            port = value[value.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(":") || value.hasPrefix("["), let number = Int(port), (1...65_535).contains(number) else { return nil }
        return (String(host), number)
    }
}

/// A source's `mapping:`, kept to be checked once the mappings are loaded.
struct MappingReference: Sendable, Hashable {
    var source: String
    var name: String
    var line: Int
    var key: String
}

extension YAMLNode {
    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }
}
