import Bridge
import Foundation
import Mapping
import TestSupport
import Testing

/// Checks across sections and against the mappings folder.
@Suite struct ConfigurationCrossCheckTests {
    @Test func anEventRoutedToAnHTTPDestinationMustHaveARequestThere() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: erp
                kind: http
                base_url: https://erp.example.com
                routes: [{event: "load.*", path: /loads}]
              - {id: files, kind: folder, path: out}
            routes:
              - events: ["load.*", shipment.status]
                to: [files, erp]

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "13 at routes[0].to[1]: unknownReference: the destination 'erp' has no HTTP route for shipment.status; add one there, or an event \"*\" fallback"
        ])
    }

    @Test func sourceMappingsAreCheckedAgainstTheMappingsFolder() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
            sources:
              - {id: status, endpoint: hub, format: csv, mapping: csv-hub-shipment-status, patterns: ["*.csv"]}
              - id: invoices
                endpoint: hub
                patterns: ["*.txt"]
                format: fixed
                mapping: fixed-hub-invoice
              - {id: tenders, endpoint: hub, patterns: ["*.xml"], format: csv, mapping: xml-hub-load-tender}
            destinations:
              - id: erp
                kind: http
                base_url: https://erp.example.com
                routes: [{event: "*", path: /events, body_mapping: erp-event}]

            """)
        defer { file.remove() }
        let config = try file.load()
        let registry = MappingRegistry(folder: ProjectPaths.root.appendingPathComponent("mappings"))
        #expect(registry.errors.isEmpty)
        do {
            try config.check(mappings: registry)
            Issue.record("an unknown mapping name passed")
        } catch {
            let names = registry.plans.map(\.name).sorted().joined(separator: ", ")
            #expect(error.issues.map(\.description) == [
                "\(file.url.path):13 at sources[1].mapping: unknownReference: no mapping is named 'fixed-hub-invoice'; the mappings are: \(names)",
                "\(file.url.path):14 at sources[2].mapping: invalidValue: the mapping 'xml-hub-load-tender' reads xml files, but the source's format is csv",
                "\(file.url.path):19 at destinations[0].routes[0].body_mapping: unknownReference: no body mapping is named 'erp-event' under bodies/; the body mappings are: erp-load-tender",
            ])
        }
    }

    /// A route's body_mapping names a body mapping (under bodies/), never an inbound mapping.
    @Test func bodyMappingsAreCheckedAgainstTheBodyMappings() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: erp
                kind: http
                base_url: https://erp.example.com
                routes:
                  - {event: load.tendered, path: /loads, body_mapping: erp-load-tender}
                  - {event: "*", path: /events, body_mapping: x12-204-load-tender}

            """)
        defer { file.remove() }
        let registry = MappingRegistry(folder: ProjectPaths.root.appendingPathComponent("mappings"))
        do {
            try file.load().check(mappings: registry)
            Issue.record("an inbound mapping passed as a body mapping")
        } catch {
            #expect(error.issues.map(\.description) == [
                "\(file.url.path):11 at destinations[0].routes[1].body_mapping: unknownReference: no body mapping is named 'x12-204-load-tender' under bodies/; the body mappings are: erp-load-tender"
            ])
        }
    }

    @Test func theDemoNamesNoMappingTheFolderLacks() throws {
        let config = try CrossdockConfiguration.load(
            file: ProjectPaths.root.appendingPathComponent("demo/crossdock.yaml"), environment: [:])
        try config.check(mappings: MappingRegistry(folder: URL(fileURLWithPath: config.mappings)))
    }
}

@Suite struct ConfigurationFolderOverlapTests {
    @Test func aSourceCannotPollAFolderAcksAreWrittenTo() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: sftp, kind: sftp, host: h, user: u, known_hosts: kh, password: pw}
            partners:
              - id: ACME
                isa: {qualifier: ZZ, id: ACMEFOODS}
                ack: {target: sftp, path: exchange}
            sources:
              - {id: in, endpoint: sftp, path: exchange, partner: ACME}

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "12 at sources[0].path: unsafe: this folder receives the acks of the partner at line 10; Crossdock would read its own acks back"
        ])
    }

    @Test func twoSourcesCannotTakeTheSameNamesFromOneFolder() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
            sources:
              - {id: csv, endpoint: hub, patterns: ["*.csv"]}
              - {id: xml, endpoint: hub, patterns: ["*.xml"]}
              - {id: everything, endpoint: hub}
              - {id: csv-again, endpoint: hub, patterns: ["*.csv"], path: .}
              - {id: elsewhere, endpoint: hub, path: other}

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "10 at sources[2].endpoint: unsafe: the source at line 8 polls this folder for the same names; a file would be taken twice",
            "11 at sources[3].path: unsafe: the source at line 8 polls this folder for the same names; a file would be taken twice",
        ])
    }
}
