import Canonical
import Foundation
import Mapping
import Testing

func load(_ text: String, extra: [(file: String, text: String)] = []) -> MappingRegistry {
    MappingRegistry(texts: [("m.yaml", text)] + extra)
}

let header = """
    mapping: m
    version: 1
    applies: {format: x12, transactionSet: "214"}
    event: {type: shipment.status, each: "//0205"}

    """

@Suite struct MappingFileMistakeTests {
    func only(_ registry: MappingRegistry) -> MappingError? {
        #expect(registry.errors.count == 1)
        return registry.errors.first
    }

    @Test func unknownFieldIsReportedWithFileLineAndKey() {
        let error = only(load(header + "fields:\n  shipmentId: /B1002\n  location:\n    town: MS101\n"))
        #expect(error?.code == .unknownField)
        #expect(error?.file == "m.yaml")
        #expect(error?.line == 8)
        #expect(error?.key == "fields.location.town")
    }

    @Test func unknownTopLevelKeyIsReported() {
        let error = only(load(header + "feilds:\n  shipmentId: /B1002\n"))
        #expect(error?.code == .unknownKey)
        #expect(error?.line == 5)
        #expect(error?.key == "feilds")
    }

    @Test func badPathIsReportedAtItsKey() {
        let error = only(load(header + "fields:\n  shipmentId: /B10\n  status: AT701\n"))
        #expect(error?.code == .invalidPath)
        #expect(error?.line == 6)
        #expect(error?.key == "fields.shipmentId")
    }

    @Test func tableValueThatIsNotACanonicalCodeIsReported() {
        let error = only(load(header + "fields:\n  shipmentId: /B1002\n  status: {path: AT701, table: s}\ntables:\n  s: {X3: teleported}\n"))
        #expect(error?.code == .invalidValue)
        #expect(error?.key == "tables.s")
        #expect(error?.line == 7)
    }

    @Test func missingTableIsReported() {
        let error = only(load(header + "fields:\n  status: {path: AT701, table: nope}\n"))
        #expect(error?.code == .unknownTable)
        #expect(error?.key == "fields.status.table")
        #expect(error?.line == 6)
    }

    @Test func invalidYAMLIsReportedWithItsLine() {
        let error = only(load(header + "fields:\n  status: [AT701\n"))
        #expect(error?.code == .invalidYAML)
        #expect(error?.line != nil)
    }

    @Test func extendsOfAnUnknownBaseOrACycleIsReported() {
        let unknown = only(load("mapping: a\nversion: 1\nextends: zz\n"))
        #expect(unknown?.code == .unknownBase)
        #expect(unknown?.line == 3)
        let cycle = load("mapping: a\nversion: 1\nextends: b\n", extra: [("b.yaml", "mapping: b\nversion: 1\nextends: a\n")])
        #expect(cycle.errors.map(\.code) == [.cyclicExtends, .cyclicExtends])
    }

    @Test func twoMappingsForExactlyTheSameInputsAreAmbiguous() {
        let registry = load(header + "fields: {shipmentId: /B1002, status: AT701}\n",
                            extra: [("n.yaml", header.replacingOccurrences(of: "mapping: m", with: "mapping: n") + "fields: {shipmentId: /B1002, status: AT701}\n")])
        #expect(registry.errors.map(\.code) == [.ambiguousMappings])
    }

    @Test func partnerOverrideMergesFieldsAndTables() {
        let base = header + "fields:\n  shipmentId: /B1002\n  status: {path: AT701, table: s}\n  location: {city: MS101}\ntables:\n  s: {X3: arrived_pickup}\n"
        let child = "mapping: c\nversion: 2\nextends: m\napplies: {partner: P}\nfields:\n  location: {state: MS102}\ntables:\n  s: {AF: departed_pickup}\n"
        let registry = load(base, extra: [("c.yaml", child)])
        #expect(registry.errors.map(\.description) == [])
        let plan = registry.plan(format: "x12", partner: ["P"], transactionSet: "214", version: "004010")
        #expect(plan?.name == "c")
        #expect(plan?.version == 2)
        #expect(registry.plan(format: "x12", partner: ["Q"], transactionSet: "214", version: "004010")?.name == "m")
    }
}
