import Bridge
import Foundation
import Testing

@Suite struct RouteMatchingTests {
    @Test func patternsMatchExactTypesPrefixesAndEverything() throws {
        let load = try #require(EventPattern("load.*"))
        #expect(load.matches("load.tendered"))
        #expect(load.matches("load.tender.cancelled"))
        #expect(!load.matches("load"))
        #expect(!load.matches("loads.tendered"))
        #expect(!load.matches("shipment.status"))
        let exact = try #require(EventPattern("shipment.status"))
        #expect(exact.matches("shipment.status"))
        #expect(!exact.matches("shipment.status.v2"))
        #expect(try #require(EventPattern("*")).matches("anything.at.all"))
        for bad in ["", "load*", "*.status", ".load", "load..x", "load.*.x", "load. tendered", "**"] {
            #expect(EventPattern(bad) == nil, "\(bad)")
        }
    }

    @Test func anEventGoesToEveryMatchingRouteDestinationOnceInOrder() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - {id: erp, kind: folder, path: out/erp}
              - {id: billing, kind: folder, path: out/billing}
              - {id: audit, kind: folder, path: out/audit}
            routes:
              - events: [freight.invoice]
                to: [billing]
              - events: ["load.*", shipment.status]
                to: [erp]
              - events: ["*"]
                to: [audit, erp]

            """)
        defer { file.remove() }
        let config = try file.load()
        #expect(config.destinations(for: "freight.invoice").map(\.id) == ["billing", "audit", "erp"])
        #expect(config.destinations(for: "load.tender.changed").map(\.id) == ["erp", "audit"])
        #expect(config.destinations(for: "shipment.status").map(\.id) == ["erp", "audit"])
        #expect(config.destinations(for: "something.else").map(\.id) == ["audit", "erp"])
    }

    @Test func withoutRoutesNoEventGoesAnywhere() throws {
        let file = try ConfigFile(minimalConfig)
        defer { file.remove() }
        #expect(try file.load().destinations(for: "load.tendered").isEmpty)
    }

    @Test func theMostSpecificHTTPRouteWins() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: erp
                kind: http
                base_url: https://erp.example.com/api
                routes:
                  - {event: "*", path: "/events/{id}"}
                  - {event: "load.*", method: PUT, path: "/loads/{subject}"}
                  - {event: "load.tender.*", method: PATCH, path: "/loads/{subject}/tender"}
                  - {event: load.tendered, path: /loads}

            """)
        defer { file.remove() }
        guard case .http(let erp) = try file.load().destinations.first?.kind else {
            Issue.record("expected an HTTP destination")
            return
        }
        #expect(erp.route(for: "load.tendered") == HTTPRouteSettings(events: EventPattern("load.tendered")!, method: "POST", path: "/loads"))
        #expect(erp.route(for: "load.tender.changed")?.method == "PATCH")
        #expect(erp.route(for: "load.other")?.path == "/loads/{subject}")
        #expect(erp.route(for: "freight.invoice")?.path == "/events/{id}")
    }

    @Test func withoutAFallbackAnUnmatchedTypeHasNoRequest() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: billing
                kind: http
                base_url: https://billing.example.com
                routes: [{event: freight.invoice, path: /invoices}]

            """)
        defer { file.remove() }
        guard case .http(let billing) = try file.load().destinations.first?.kind else {
            Issue.record("expected an HTTP destination")
            return
        }
        #expect(billing.route(for: "freight.invoice")?.path == "/invoices")
        #expect(billing.route(for: "shipment.status") == nil)
    }
}
