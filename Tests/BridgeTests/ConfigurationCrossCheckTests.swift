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
              - {id: status, endpoint: hub, format: csv, mapping: csv-hub-shipment-status}
              - id: invoices
                endpoint: hub
                format: fixed
                mapping: fixed-hub-invoice

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
                "\(file.url.path):12 at sources[1].mapping: unknownReference: no mapping is named 'fixed-hub-invoice'; the mappings are: \(names)"
            ])
        }
    }

    @Test func theDemoNamesNoMappingTheFolderLacks() throws {
        let config = try CrossdockConfiguration.load(
            file: ProjectPaths.root.appendingPathComponent("demo/crossdock.yaml"), environment: [:])
        try config.check(mappings: MappingRegistry(folder: URL(fileURLWithPath: config.mappings)))
    }
}
