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
    var endpointIDs: [String: Int] = [:]
    var partnerIDs: [String: Int] = [:]
    var destinationIDs: [String: Int] = [:]
    var sourceIDs: [String: Int] = [:]
    /// ISA qualifier:id → the partner that claims it.
    var senders: [String: (partner: String, line: Int)] = [:]
    /// HTTP destinations read so far, for the check that every event routed to one has a request.
    var httpDestinations: [String: HTTPDestinationSettings] = [:]
    /// Where each source names a mapping, for `CrossdockConfiguration.check(mappings:)`.
    var mappingReferences: [MappingReference] = []
    /// Folders acks are written to, by "endpoint/folder", with the partner's line: no source may poll one.
    var ackFolders: [String: Int] = [:]
    /// Folders polled, by "endpoint/folder", with the patterns and line of the source that polls it.
    var polledFolders: [String: [(patterns: [String], line: Int)]] = [:]

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
    mutating func items<T>(
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
    mutating func id(_ fields: Fields, in table: WritableKeyPath<ConfigurationDecoder, [String: Int]>, what: String) -> String? {
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
    mutating func reference(_ node: YAMLNode?, key: String, in table: [String: Int], what: String, plural: String) -> String? {
        guard let node, let value = reader.name(node, key: key) else { return nil }
        guard table[value] != nil else {
            let known = table.keys.sorted()
            reader.report(.unknownReference, line: node.line, key: key,
                          "no \(what) has the id \(reader.quote(node, value)); " + (known.isEmpty ? "there are no \(plural)" : "the \(plural) are: \(known.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func remotePath(_ node: YAMLNode?, key: String) -> RemotePath? {
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
    mutating func kind<T: RawRepresentable>(_ node: YAMLNode, key: String, _ cases: [T]) -> T?? where T.RawValue == String {
        guard case .mapping = node else { return .some(nil) }
        guard let kind = node["kind"] else { return nil }
        return .some(reader.choice(kind, key: ConfigurationReader.join(key, "kind"), cases))
    }

    // MARK: Store

    mutating func decodeStore(_ node: YAMLNode) -> StoreSettings? {
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

    // MARK: Console

    mutating func decodeConsole(_ node: YAMLNode) -> ConsoleSettings? {
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

/// A source's `mapping:` or an HTTP route's `body_mapping:`, kept to be checked once the mappings are loaded.
struct MappingReference: Sendable, Hashable {
    /// The source id, or the route's key.
    var owner: String
    var name: String
    /// The source's format, which the mapping must read; nil for a body mapping.
    var format: SourceSettings.Format?
    /// A route's body mapping (under `bodies/`), not a source's inbound mapping.
    var isBody = false
    var line: Int
    var key: String
}

extension YAMLNode {
    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }
}
