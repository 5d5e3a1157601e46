import Delivery
import Bridge
import Canonical
import Foundation
import Mapping
import TestSupport
import Testing
import Transport
import X12
import Yams

/// The configuration files shipped in the repository, held against the loader and the JSON Schema.
@Suite struct ConfigurationExampleTests {
    /// Every `crossdock*.yaml` under `examples/` and `demo/`.
    static var exampleFiles: [URL] {
        ["examples", "demo"].flatMap { folder -> [URL] in
            let url = ProjectPaths.root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasPrefix("crossdock") && $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0) }
        }
    }

    /// What the examples reference; tests give it, as an operator's environment would.
    static let environment = [
        "PRAIRIE_SFTP_KEY_PASSPHRASE": "pass-1", "ACME_SFTP_PASSWORD": "pass-2", "ERP_CLIENT_SECRET": "pass-3",
        "BILLING_WEBHOOK_SECRET": "whsec_cGFzcy00", "CROSSDOCK_CONSOLE_TOKEN": "pass-5",
    ]

    static let schema: JSONSchema = {
        let url = ProjectPaths.root.appendingPathComponent("docs/schema/crossdock-config.schema.json")
        return try! JSONDecoder().decode(JSONSchema.self, from: Data(contentsOf: url))
    }()

    /// The YAML as JSON values (what a JSON Schema validator sees).
    static func json(_ text: String) throws -> Any {
        let value = try Yams.load(yaml: text) ?? NSNull()
        return try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]),
                                                options: [.fragmentsAllowed])
    }

    @Test func bothExamplesAreThere() {
        #expect(Self.exampleFiles.map(\.lastPathComponent) == ["crossdock.yaml", "crossdock.yaml"])
    }

    @Test(arguments: exampleFiles)
    func exampleLoadsAndMatchesTheSchema(_ file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(Self.schema.problems(validating: try Self.json(text)) == [])
        _ = try CrossdockConfiguration.load(file: file, environment: Self.environment)
    }

    @Test func aConfigWithAnUnknownKeyFailsBothTheSchemaAndTheLoader() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - id: hub
                kind: folder
                path: hub
                recursive: true

            """)
        defer { file.remove() }
        let text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(Self.schema.problems(validating: try Self.json(text)) == ["/endpoints/0: unexpected property recursive"])
        #expect(file.mistakes() == [
            "9 at endpoints[0].recursive: unknownKey: unknown key 'recursive'; expected one of: create, id, kind, path"
        ])
        // The same file without the key passes both.
        let fixed = try ConfigFile(text.replacingOccurrences(of: "    recursive: true\n", with: ""))
        defer { fixed.remove() }
        #expect(Self.schema.problems(validating: try Self.json(String(contentsOf: fixed.url, encoding: .utf8))) == [])
        #expect(fixed.mistakes() == [])
    }

    @Test func theProductionExampleNeedsItsSecretsFromTheEnvironment() throws {
        let file = ProjectPaths.root.appendingPathComponent("examples/crossdock.yaml")
        do {
            _ = try CrossdockConfiguration.load(file: file, environment: [:])
            Issue.record("loaded without its secrets")
        } catch {
            #expect(error.issues.map(\.code) == Array(repeating: .missingVariable, count: 5))
            #expect(error.issues.map(\.key) == [
                "endpoints[0].passphrase", "endpoints[1].password", "destinations[0].auth.client_secret",
                "destinations[1].auth.secret", "console.token",
            ])
        }
    }

    @Test func theDemoConfigurationSaysWhatTheDemoNeeds() throws {
        let file = ProjectPaths.root.appendingPathComponent("demo/crossdock.yaml")
        let config = try CrossdockConfiguration.load(file: file, environment: [:])
        let root = ProjectPaths.root.standardizedFileURL.path
        #expect(config.store == .sqlite(path: root + "/var/demo/crossdock.sqlite"))
        #expect(config.spool == root + "/var/demo/spool")
        #expect(config.mappings == root + "/mappings")
        #expect(config.partners.map(\.id) == ["ACMEFOODS", "PRAIRIEFRT"])
        #expect(config.endpoint(id: "demo-inbound")?.kind == .folder(FolderEndpointSettings(path: root + "/var/demo/inbound", create: true)))
        #expect(config.endpoint(id: "demo-partners")?.kind == .folder(FolderEndpointSettings(path: root + "/var/demo/partners", create: true)))
        #expect(config.partner(id: "ACMEFOODS")?.ack.target == AckTarget(endpoint: "demo-partners", folder: try RemotePath("ACMEFOODS/outbound")))
        #expect(config.partner(id: "PRAIRIEFRT")?.ack.target == AckTarget(endpoint: "demo-partners", folder: try RemotePath("PRAIRIEFRT/outbound")))
        #expect(config.destination(id: "erp")?.kind == .folder(path: root + "/var/demo/out/erp"))
        #expect(config.destination(id: "billing")?.kind == .folder(path: root + "/var/demo/out/billing"))
        #expect(config.destinations(for: "load.tendered").map(\.id) == ["erp"])
        #expect(config.destinations(for: "shipment.status").map(\.id) == ["erp"])
        #expect(config.destinations(for: "freight.invoice").map(\.id) == ["billing"])
        #expect(config.sources.map(\.id) == ["demo-x12", "demo-hub"])
        #expect(config.sources.allSatisfy { $0.partner == nil })
    }

    /// The demo's partners are the ISA senders of the X12 samples: every sample's sender finds its partner.
    @Test func everyX12SampleSenderIsADemoPartner() throws {
        let config = try CrossdockConfiguration.load(
            file: ProjectPaths.root.appendingPathComponent("demo/crossdock.yaml"), environment: [:])
        let folder = ProjectPaths.root.appendingPathComponent("samples/x12")
        var senders: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".edi") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            guard text.hasPrefix("ISA") else { continue }
            let elements = text.prefix(106).split(separator: "*", omittingEmptySubsequences: false)
            guard elements.count > 6 else { continue }
            senders.insert(String(elements[5]) + "|" + String(elements[6]))
        }
        #expect(senders.count == 2)
        for sender in senders {
            let parts = sender.split(separator: "|").map(String.init)
            #expect(config.partner(isaQualifier: parts[0], id: parts[1]) != nil, "\(sender)")
        }
        #expect(config.partner(isaQualifier: "ZZ", id: "ACMEFOODS      ")?.id == "ACMEFOODS")
        #expect(config.partner(isaQualifier: "ZZ", id: "PRAIRIEFRT     ")?.id == "PRAIRIEFRT")
        #expect(config.partner(isaQualifier: "01", id: "ACMEFOODS") == nil)
    }

    @Test func theProductionExampleDecodesEveryDeliverySetting() throws {
        let config = try CrossdockConfiguration.load(
            file: ProjectPaths.root.appendingPathComponent("examples/crossdock.yaml"), environment: Self.environment)
        guard case .http(let erp) = config.destination(id: "erp")?.kind,
              case .http(let billing) = config.destination(id: "billing")?.kind else {
            Issue.record("erp and billing should be HTTP destinations")
            return
        }
        #expect(erp.baseURL.absoluteString == "https://erp.example.com/api/v2")
        #expect(erp.auth == .oauth2(
            tokenURL: URL(string: "https://login.example.com/oauth2/token")!, clientID: "crossdock",
            clientSecret: Secret("pass-3"), scope: "logistics.write", audience: nil))
        #expect(erp.connectTimeout == .seconds(5))
        #expect(erp.requestTimeout == .seconds(30))
        #expect(erp.concurrency == 8)
        #expect(erp.rateLimit == RateLimitSettings(requests: 50, per: .seconds(1)))
        #expect(erp.idempotencyHeader == "Idempotency-Key")
        #expect(erp.retry == RetrySettings(base: .milliseconds(500), cap: .seconds(600)))
        #expect(erp.circuitBreaker == CircuitBreakerSettings(threshold: 5, coolDown: .seconds(60)))
        #expect(erp.headers == [HTTPHeaderSetting(name: "X-Tenant", value: "acme-logistics")])
        #expect(erp.route(for: "load.tendered")?.bodyMapping == "erp-load-tender")
        #expect(erp.route(for: "load.tender.changed")?.bodyMapping == nil)
        // The body mapping it names is the one shipped in mappings/bodies/.
        try config.check(mappings: MappingRegistry(folder: ProjectPaths.root.appendingPathComponent("mappings")))
        #expect(billing.auth == .hmacSHA256(secret: Secret("whsec_cGFzcy00")))
        #expect(billing.idempotencyHeader == "Idempotency-Key")
        #expect(billing.rateLimit == nil)

        let prairie = try #require(config.endpoint(id: "prairie-sftp"))
        guard case .sftp(let sftp) = prairie.kind else {
            Issue.record("prairie-sftp should be SFTP")
            return
        }
        #expect(sftp.authentication == .privateKey(path: "/etc/crossdock/ssh/id_ed25519", passphrase: Secret("pass-1")))
        #expect(sftp.configuration.description == "crossdock@sftp.prairiefreight.example:22")
        #expect(sftp.keepalive == .seconds(30))

        let inbox = try #require(config.source(id: "prairie-inbox"))
        #expect(inbox.folder == (try RemotePath("from_partner")))
        #expect(inbox.partner == "PRAIRIEFRT")
        #expect(inbox.format == .x12)
        #expect(inbox.rules == PickupRules(
            patterns: [GlobPattern("*.edi"), GlobPattern("*.x12"), GlobPattern("*.edi.gz")],
            stability: .unchangedFor(.seconds(30)), maximumSize: 200_000_000, batchLimit: 200))
        #expect(inbox.pollInterval == .seconds(60))
        #expect(inbox.afterFetch == .archive(try RemotePath("from_partner/archive")))
        #expect(inbox.errorFolder == (try RemotePath("from_partner/error")))
        let hub = try #require(config.source(id: "hub-nightly"))
        #expect(hub.rules.stability == .markerFile(suffix: ".done"))
        #expect(hub.rules.maximumSize == 1_000_000_000)
        #expect(hub.afterFetch == .delete)
        #expect(hub.errorFolder == (try RemotePath("rejected")))

        let prairiePartner = try #require(config.partner(id: "PRAIRIEFRT"))
        #expect(prairiePartner.ackPolicy == AckPolicy(kind: .functional997, setDetail: .notAccepted, ta1: .onError))
        #expect(prairiePartner.leniency == .wrappedLines)
        #expect(prairiePartner.duplicates == DuplicatePolicy(scopes: [.interchange, .transaction], windowDays: 30, action: .reject))
        #expect(prairiePartner.timeZone == "America/Denver")
        #expect(prairiePartner.groupSender == "PRFL")
        #expect(config.leniency(for: "ACMEFOODS") == .lenient)
        #expect(config.leniency(for: nil) == .strict)
        #expect(config.ackPolicy(for: "ACMEFOODS") == AckPolicy())
        #expect(config.console?.token?.exposedValue == "pass-5")
    }
}

/// A file that uses every key the schema knows: the loader must accept each of them, and the schema must
/// know every key the loader takes (the unknown-key test above shows the loader refuses the others).
@Suite struct ConfigurationSchemaCoverageTests {
    static let everyKey = """
        store: {sqlite: state.sqlite}
        spool: spool
        mappings: mappings
        endpoints:
          - {id: hub, kind: folder, path: hub, create: true}
          - id: sftp-key
            kind: sftp
            host: sftp.example.com
            port: 2222
            user: crossdock
            known_hosts: known_hosts
            private_key: id_ed25519
            passphrase: ${PASSPHRASE}
            connect_timeout: 5s
            operation_timeout: 1m
            keepalive: 0s
          - {id: sftp-password, kind: sftp, host: h, user: u, known_hosts: kh, password: "${PASSWORD}"}
        partners:
          - id: ACME
            name: ACME Foods
            isa: {qualifier: ZZ, id: ACMEFOODS}
            gs: ACMEFOODS
            time_zone: UTC
            leniency: strict
            ack: {kind: "999", set_detail: errors, ta1: never, implementation_reference: 005010X231A1, target: hub, path: acks}
            duplicates: {scopes: [interchange, group, transaction], window_days: 7, action: accept}
        sources:
          - id: a
            endpoint: sftp-key
            path: in
            partner: ACME
            format: xml
            mapping: xml-hub-load-tender
            patterns: ["*.xml"]
            stability_interval: 10s
            maximum_size: 1MiB
            batch_limit: 5
            poll_interval: 15s
            after: archive
            archive_folder: done
            error_folder: failed
          - {id: b, endpoint: hub, path: b, marker_suffix: .ok, after: leave}
          - {id: c, endpoint: hub, path: c, minimum_age: 2m, after: delete}
        destinations:
          - {id: files, kind: folder, path: out}
          - id: none
            kind: http
            base_url: http://127.0.0.1:9000
            auth: {kind: none}
            routes: [{event: "*", method: PATCH, path: "/e/{type}/{id}/{subject}", body_mapping: erp-event-body}]
            connect_timeout: 1s
            timeout: 2s
            concurrency: 1
            rate_limit: {requests: 10, per: 1m}
            idempotency_header: X-Request-Key
            retry: {base: 100ms, cap: 1s}
            circuit_breaker: {threshold: 2, cool_down: 10s}
            headers: {X-Env: test}
          - {id: bearer, kind: http, base_url: "https://a.example", auth: {kind: bearer, token: "${TOKEN}"}, routes: [{event: "*", path: /}]}
          - {id: basic, kind: http, base_url: "https://b.example", auth: {kind: basic, user: u, password: "${PASSWORD}"}, routes: [{event: "*", path: /}]}
          - id: oauth
            kind: http
            base_url: https://c.example
            auth: {kind: oauth2, token_url: "https://c.example/token", client_id: id, client_secret: "${TOKEN}", scope: s, audience: aud}
            routes: [{event: "*", path: /}]
          - {id: key, kind: http, base_url: "https://d.example", auth: {kind: api-key, header: X-API-Key, key: "${TOKEN}"}, routes: [{event: "*", method: PUT, path: /}]}
          - {id: hmac, kind: http, base_url: "https://e.example", auth: {kind: hmac-sha256, secret: "${TOKEN}"}, routes: [{event: "*", method: DELETE, path: /}]}
        routes:
          - {events: ["*"], to: [files, none, bearer, basic, oauth, key, hmac]}
        console: {listen: "[::1]:9090", token: "${TOKEN}"}

        """

    static func schemaKeys(_ schema: JSONSchema) -> Set<String> {
        var keys = Set(schema.properties?.keys.map { $0 } ?? [])
        for child in (schema.properties?.values.map { $0 } ?? []) + (schema.items ?? []) + (schema.defs?.values.map { $0 } ?? []) {
            keys.formUnion(schemaKeys(child))
        }
        return keys
    }

    static func yamlKeys(_ value: Any) -> Set<String> {
        var keys: Set<String> = []
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                if key != "headers" { keys.formUnion(yamlKeys(child)) }
            }
        } else if let array = value as? [Any] {
            for child in array { keys.formUnion(yamlKeys(child)) }
        }
        return keys
    }

    @Test func everySchemaKeyIsAKeyTheLoaderTakes() throws {
        let json = try ConfigurationExampleTests.json(Self.everyKey)
        #expect(ConfigurationExampleTests.schema.problems(validating: json) == [])
        #expect(Self.yamlKeys(json) == Self.schemaKeys(ConfigurationExampleTests.schema).subtracting(["postgres"]))
        let file = try ConfigFile(Self.everyKey)
        defer { file.remove() }
        let config = try file.load(["PASSPHRASE": "p", "PASSWORD": "w", "TOKEN": "t"])
        #expect(config.destinations.count == 7)
        #expect(config.destinations(for: "load.tendered").count == 7)
        #expect(config.sources.map(\.afterFetch) == [.archive(try .init("done")), .leave, .delete])
        #expect(config.partners.first?.ackPolicy == AckPolicy(kind: .implementation999, setDetail: .notAccepted, ta1: .never))
        #expect(config.console?.host == "::1")
    }
}
