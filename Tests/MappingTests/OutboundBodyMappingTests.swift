import Canonical
import Foundation
import Mapping
import Testing
import TestSupport

/// Body mappings: paths over a canonical event's JSON producing an HTTP destination's body.
@Suite struct OutboundBodyMappingTests {
    /// The first event of the ACME original tender (acmefoods-204-load-tender: three stops, parties with
    /// canonical ids, equipment length 53.00).
    func tender() throws -> CloudEvent {
        try #require(try events("204_004010_acme_original_tender").first)
    }

    func render(_ yaml: String, _ event: CloudEvent) throws -> String {
        let mapping = try OutboundBodyMapping(yaml: "body: b\nversion: 1\n" + yaml, file: "bodies/b.yaml")
        return String(decoding: try mapping.render(event: event), as: UTF8.self)
    }

    func mistake(_ yaml: String) -> MappingError? {
        do {
            _ = try OutboundBodyMapping(yaml: "body: b\nversion: 1\n" + yaml, file: "bodies/b.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func pathsReadFieldsListItemsAndLineageInTheMappingsOrder() throws {
        let body = try render("""
            fields:
              partner: crossdock.partner
              load: data.shipmentId
              firstSite: data.stops[0].location.id
              thirdCity: data.stops[2].location.city
              fourthCity: data.stops[3].location.city
              pieces: data.pieces
              lengthFeet: data.equipment.lengthFeet
              firstNote: data.notes[1]
            """, try tender())
        // Absent (no fourth stop) is left out; numbers stay numbers; strings stay strings.
        #expect(body == #"{"partner":"ACMEFOODS","load":"ACM7741023","firstSite":"ACMECF3","thirdCity":"Wichita","pieces":20,"lengthFeet":"53.00","firstNote":"DRIVER CHECK IN AT GATE 2 GUARD SHACK WITH PU NUMBER"}"#)
    }

    @Test func conversionsDefaultsConstantsAndTables() throws {
        let body = try render("""
            fields:
              lengthFeet: {path: data.equipment.lengthFeet, as: number}
              pieces: {path: data.pieces, as: string}
              seal: {path: data.equipment.seal, default: NONE}
              source: {value: crossdock}
              kind: {path: type, table: kinds}
              terms: {path: data.paymentTerms.code, lookup: terms, onMiss: keep}
              purpose: {path: data.purpose.code, lookup: terms}
            tables:
              kinds: {load.tendered: NEW, "*": OTHER}
              terms: {collect: COL}
            """, try tender())
        #expect(body == #"{"lengthFeet":53.00,"pieces":"20","seal":"NONE","source":"crossdock","kind":"NEW","terms":"prepaid"}"#)
    }

    @Test func eachMakesOneObjectPerItemAndDollarReachesTheEvent() throws {
        let body = try render("""
            fields:
              stops:
                each: data.stops
                fields:
                  seq: sequence
                  site: location.id
                  weightLb: {path: weight.value, as: integer}
                  load: $.data.shipmentId
              whole: data.equipment.type
            """, try tender())
        #expect(body == #"{"stops":[{"seq":1,"site":"ACMECF3","weightLb":38600,"load":"ACM7741023"},{"seq":2,"site":"HG07","weightLb":23160,"load":"ACM7741023"},{"seq":3,"site":"PMC2","weightLb":15440,"load":"ACM7741023"}],"whole":{"code":"reefer","original":"RT"}}"#)
    }

    @Test func aRequiredFieldTheEventLacksIsAnErrorWithFileLineAndKey() throws {
        let event = try tender()
        #expect(throws: MappingError(.missingKey, file: "bodies/b.yaml", line: 5, key: "fields.seal",
                                     "required, but data.equipment.seal is absent in the event (event \(event.id))")) {
            _ = try render("fields:\n  load: data.shipmentId\n  seal: {path: data.equipment.seal, required: true}\n", event)
        }
    }

    @Test func rejectAndConversionFailuresNameTheRule() throws {
        let event = try tender()
        #expect(throws: MappingError(.invalidValue, file: "bodies/b.yaml", line: 4, key: "fields.site",
                                     "code 'ACMECF3' is not in cross-reference table sites (event \(event.id))")) {
            _ = try render("fields:\n  site: {path: \"data.stops[0].location.id\", lookup: sites, onMiss: reject}\ntables:\n  sites: {X: Y}\n", event)
        }
        #expect(throws: MappingError(.invalidValue, file: "bodies/b.yaml", line: 4, key: "fields.n",
                                     "as: number, but the value is not a decimal number (event \(event.id))")) {
            _ = try render("fields:\n  n: {path: data.shipmentId, as: number}\n", event)
        }
    }

    @Test func mistakesAreReportedAtCompileTimeWithLineAndKey() {
        #expect(mistake("fields:\n  a: dta.shipmentId\n")?.description
            == "bodies/b.yaml:4 at fields.a: invalidPath: 'dta' is not a field of a CloudEvent; a path starts with one of crossdock, data, datacontenttype, dataschema, id, source, specversion, subject, time, type")
        #expect(mistake("fields:\n  a: data.stops[x].id\n")?.description
            == "bodies/b.yaml:4 at fields.a: invalidPath: 'stops[x]': an index is a whole number from 0, as in stops[0]")
        #expect(mistake("fields:\n  a: {path: data.scac, lookup: nowhere}\n")?.description
            == "bodies/b.yaml:4 at fields.a.lookup: unknownTable: no table 'nowhere' under tables: ()")
        #expect(mistake("fields:\n  a: {path: data.scac, as: money}\n")?.description
            == "bodies/b.yaml:4 at fields.a.as: invalidValue: expected string, number, integer or boolean")
        #expect(mistake("fields:\n  a: {path: data.scac, colour: red}\n")?.code == .unknownKey)
        #expect(mistake("fieldz:\n  a: data.scac\n")?.description
            == "bodies/b.yaml:3 at fieldz: unknownKey: unknown key; expected one of body, description, fields, tables, version")
    }

    @Test func rendersFromTheStoredJSONAsFromTheEvent() throws {
        let event = try tender()
        let mapping = try OutboundBodyMapping(yaml: "body: b\nversion: 1\nfields:\n  id: id\n  t: time\n", file: "b.yaml")
        #expect(try mapping.render(eventJSON: event.jsonBytes()) == (try mapping.render(event: event)))
        #expect(String(decoding: try mapping.render(event: event), as: UTF8.self) == #"{"id":"\#(event.id)","t":"\#(event.time ?? "")"}"#)
    }

    @Test func stringsAreEscapedAsJSON() throws {
        let mapping = try OutboundBodyMapping(yaml: "body: b\nversion: 1\nfields:\n  s: {value: \"a\\\"b\\\\c/d\\n\\u0001\"}\n", file: "b.yaml")
        #expect(String(decoding: try mapping.render(event: try tender()), as: UTF8.self) == #"{"s":"a\"b\\c/d\n\u0001"}"#)
    }

    @Test func theShippedBodyMappingsLoadAndTheirGoldenCasesPass() throws {
        #expect(shipped.bodies.map(\.name) == ["erp-load-tender"])
        let cases = GoldenCase.allBodies(in: mappingsFolder)
        #expect(cases.map(\.name) == ["bodies/erp-load-tender"])
        for golden in cases {
            let difference = try golden.check(registry: shipped)
            #expect(difference == nil, "\(difference ?? "")")
        }
    }

    @Test func aBodyMappingWithAMistakeIsReportedByTheRegistry() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bodies-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bodies"), withIntermediateDirectories: true)
        try "body: b\nversion: 1\nfields:\n  a: {path: data.x, table: t}\n".write(
            to: root.appendingPathComponent("bodies/b.yaml"), atomically: true, encoding: .utf8)
        let registry = MappingRegistry(folder: root)
        #expect(registry.errors.map(\.description) == ["bodies/b.yaml:4 at fields.a.table: unknownTable: no table 't' under tables: ()"])
        #expect(registry.bodies.isEmpty)
    }
}
