import Canonical
import Foundation
import Mapping
import Testing
import TestSupport

/// Cross-reference tables kept in CSV files beside the mappings: loaded at compile time, checked with file
/// and line, overridden per partner through `extends:`, and the `onMiss:` behaviours of `lookup:`.
@Suite struct CrossReferenceTableTests {
    /// Where this test's mapping folders go; removed when the test ends.
    let temporary: TemporaryFolder

    init() throws { temporary = try TemporaryFolder("xref") }

    /// A mappings folder under the test's temporary folder, with `files` (relative path → text).
    func folder(_ files: [String: String]) throws -> URL {
        let root = temporary.url.appendingPathComponent(UUID().uuidString)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// The shipped 214 base mapping with the location city read through `lookup: cities`.
    func base(onMiss: String? = nil) -> String {
        let miss = onMiss.map { ", onMiss: \($0)" } ?? ""
        return """
            mapping: base
            version: 1
            applies: {format: x12, transactionSet: "214", versions: ["004010"]}
            event: {type: shipment.status, each: "//0205"}
            fields:
              shipmentId: /B1002
              status: {path: AT701, table: s}
              location: {city: {path: MS101, lookup: cities\(miss)}, state: MS102}
            tables:
              s: {AF: departed_pickup, X1: arrived_delivery, D1: delivered, "*": other}
              cities: {file: tables/cities.csv}

            """
    }

    static let cities = "code,value\nJOLIET,city-joliet\n\"GREEN BAY\",city-green-bay\n"

    func cities(_ reports: [TranslationReport]) -> [String?] {
        reports.compactMap { report -> String?? in
            guard case .event(let event) = report, case .shipmentStatus(let status) = event.data else { return nil }
            return .some(status.location?.city)
        }
    }

    func findings(_ reports: [TranslationReport]) -> [String] {
        reports.flatMap { report -> [String] in
            guard case .mappingFindings(_, _, let findings) = report else { return [] }
            return findings.map(\.description)
        }
    }

    @Test func rowsOfTheFileAndOfTheMappingAndOfAnOverrideCombine() throws {
        let override = """
            mapping: partner
            version: 1
            extends: base
            applies: {partner: PRFL}
            tables:
              cities: {JOLIET: city-joliet-prfl}

            """
        let root = try folder(["base.yaml": base(), "partner.yaml": override, "tables/cities.csv": Self.cities])
        let registry = MappingRegistry(folder: root)
        #expect(registry.errors.map(\.description) == [])
        let text = """
            ISA*00*          *00*          *ZZ*PRFL           *ZZ*XDOCK          *261124*0552*U*00401*000000001*0*P*>~\
            GS*QM*PRFL*XDOCK*20261124*0552*1*X*004010~ST*214*0001~B10*PRO1*LD1*PRFL~LX*1~AT7*AF*NS***20261124*0552~\
            MS1*JOLIET*IL~LX*2~AT7*X1*NS***20261124*0600~MS1*GREEN BAY*WI~LX*3~AT7*D1*NS***20261124*0700~MS1*PEORIA*IL~\
            SE*12*0001~GE*1*1~IEA*1*000000001~
            """
        let reports = try FileTranslation.translate(Array(text.utf8), fileName: "t.edi", registry: registry)
        // The override's row replaces the file's JOLIET; GREEN BAY comes from the file; PEORIA is in neither.
        #expect(cities(reports) == ["city-joliet-prfl", "city-green-bay", nil])
        #expect(findings(reports).allSatisfy { !$0.contains("cities") })
    }

    func threeStops(_ onMiss: String) throws -> [TranslationReport] {
        let root = try folder(["base.yaml": base(onMiss: onMiss), "tables/cities.csv": Self.cities])
        let registry = MappingRegistry(folder: root)
        #expect(registry.errors.map(\.description) == [])
        let text = """
            ISA*00*          *00*          *ZZ*PRFL           *ZZ*XDOCK          *261124*0552*U*00401*000000001*0*P*>~\
            GS*QM*PRFL*XDOCK*20261124*0552*1*X*004010~ST*214*0001~B10*PRO1*LD1*PRFL~LX*1~AT7*AF*NS***20261124*0552~\
            MS1*JOLIET*IL~LX*2~AT7*X1*NS***20261124*0600~MS1*PEORIA*IL~\
            SE*9*0001~GE*1*1~IEA*1*000000001~
            """
        return try FileTranslation.translate(Array(text.utf8), fileName: "t.edi", registry: registry)
    }

    @Test func onMissAbsentLeavesTheFieldOutSilently() throws {
        let reports = try threeStops("absent")
        #expect(cities(reports) == ["city-joliet", nil])
        #expect(findings(reports) == [])
    }

    @Test func onMissKeepPassesThePartnersCodeThrough() throws {
        let reports = try threeStops("keep")
        #expect(cities(reports) == ["city-joliet", "PEORIA"])
        #expect(findings(reports) == [])
    }

    @Test func onMissWarnLeavesTheFieldOutWithAWarning() throws {
        let reports = try threeStops("warn")
        #expect(cities(reports) == ["city-joliet", nil])
        #expect(findings(reports) == ["warning at fields.location.city: code 'PEORIA' is not in cross-reference table cities"])
    }

    @Test func onMissRejectDropsTheEventWithAnError() throws {
        let reports = try threeStops("reject")
        #expect(cities(reports) == ["city-joliet"])
        #expect(findings(reports) == ["error at fields.location.city: code 'PEORIA' is not in cross-reference table cities; no event"])
    }

    @Test func anUnknownOnMissIsAMistakeAtItsLine() throws {
        let registry = MappingRegistry(folder: try folder(["base.yaml": base(onMiss: "ignore"), "tables/cities.csv": Self.cities]))
        #expect(registry.errors.map(\.description) == [
            "base.yaml:8 at fields.location.city.onMiss: invalidValue: expected absent, keep, warn or reject"
        ])
    }

    @Test func aMissingTableFileIsReportedAtTheMappingLine() throws {
        let registry = MappingRegistry(folder: try folder(["base.yaml": base()]))
        #expect(registry.errors.map(\.description) == [
            "base.yaml:11 at tables.cities.file: brokenTable: the table file tables/cities.csv cannot be read"
        ])
    }

    @Test(arguments: [
        ("code,value\nA,1\nB,2\nA,3\n", "tables/cities.csv:4 at A: brokenTable: the code is already on line 2"),
        ("code,id\nA,1\n", "tables/cities.csv:1: brokenTable: the header row must be exactly code,value"),
        ("code,value\nA,1\n,2\n", "tables/cities.csv:3: brokenTable: the code is empty"),
        ("code,value\nA,1\nB,\n", "tables/cities.csv:3 at B: brokenTable: the value is empty"),
    ])
    func aBrokenTableFileIsReportedWithItsFileAndLine(_ csv: String, _ expected: String) throws {
        let registry = MappingRegistry(folder: try folder(["base.yaml": base(), "tables/cities.csv": csv]))
        #expect(registry.errors.map(\.description) == [expected])
    }

    @Test func aRowWithAnotherNumberOfColumnsIsReportedAtItsLine() throws {
        let registry = MappingRegistry(folder: try folder(["base.yaml": base(), "tables/cities.csv": "code,value\nA,1\nB,2,3\n"]))
        let error = try #require(registry.errors.first)
        #expect(registry.errors.count == 1)
        #expect(error.code == .brokenTable)
        #expect(error.file == "tables/cities.csv")
        #expect(error.line == 3)
    }

    @Test func aBrokenFileThatABaseAndItsOverrideNameIsOneMistake() throws {
        let override = "mapping: partner\nversion: 1\nextends: base\napplies: {partner: PRFL}\n"
        let registry = MappingRegistry(folder: try folder([
            "base.yaml": base(), "partner.yaml": override, "tables/cities.csv": "code,value\nA,1\nA,2\n",
        ]))
        #expect(registry.errors.map(\.description) == ["tables/cities.csv:3 at A: brokenTable: the code is already on line 2"])
    }

    @Test func theShippedAcmeLocationsComeFromTheirFile() throws {
        let plan = try #require(shipped.plan(named: "acmefoods-204-load-tender"))
        #expect(plan.file == "partners/acmefoods/x12-204-load-tender.yaml")
        let found = try events("204_004010_acme_original_tender")
        guard case .loadTender(let tender)? = found.first?.data else {
            Issue.record("no load tender")
            return
        }
        #expect(tender.parties?.shipper?.canonicalId == "loc-acme-cedar-falls-3")
        #expect(tender.parties?.billTo?.canonicalId == "org-acme-foods-payables")
    }
}
