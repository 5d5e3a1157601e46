import Canonical
import Foundation
import Mapping
import Testing
import TestSupport
import X12

let mappingsFolder = ProjectPaths.root.appendingPathComponent("mappings")
let shipped = MappingRegistry(folder: mappingsFolder)

func events(_ sample: String, partner: String? = nil, leniency: Leniency = .strict, registry: MappingRegistry = shipped) throws -> [CloudEvent] {
    let s = Sample.named(sample)
    return try FileTranslation.translate(s.bytes, fileName: s.fileName, registry: registry, partner: partner, leniency: leniency)
        .compactMap { if case .event(let e) = $0 { e } else { nil } }
}

func object(_ event: CloudEvent) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(try event.jsonLine().utf8)) as? [String: Any])
}

@Suite struct ShippedMappingTests {
    @Test func everyShippedMappingLoadsWithoutMistakes() {
        #expect(shipped.errors.map(\.description) == [])
        #expect(shipped.plans.map(\.name) == [
            "csv-hub-shipment-status", "fixed-hub-freight-invoice", "acmefoods-204-load-tender",
            "prairiefrt-214-shipment-status", "x12-204-load-tender",
            "x12-210-freight-invoice-5010", "x12-210-freight-invoice", "x12-214-shipment-status-5010", "x12-214-shipment-status",
            "xml-hub-load-tender",
        ])
    }

    @Test(arguments: GoldenCase.all(in: mappingsFolder))
    func goldenCaseTranslatesToItsExpectedEvents(_ golden: GoldenCase) throws {
        let difference = try golden.check(registry: shipped)
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test(arguments: GoldenCase.all(in: mappingsFolder))
    func emittedEventsConformToTheSchemaFiles(_ golden: GoldenCase) throws {
        let lines = try golden.actual(registry: shipped).split(separator: "\n")
        #expect(!lines.isEmpty)
        let schemas = ProjectPaths.root.appendingPathComponent("docs/schema")
        let envelope = try JSONDecoder().decode(JSONSchema.self, from: Data(contentsOf: schemas.appendingPathComponent("cloudevent.json")))
        for line in lines {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(envelope.problems(validating: event) == [])
            let stem = try #require((event["dataschema"] as? String)?.split(separator: ":").dropLast().last)
            let data = try JSONDecoder().decode(JSONSchema.self, from: Data(contentsOf: schemas.appendingPathComponent("\(stem).json")))
            #expect(data.problems(validating: event["data"]!) == [])
        }
    }

    @Test func tender204ChoosesTheEventTypeByB2A01() throws {
        let found = try events("204_004010_acme_change_and_cancel")
        #expect(found.map(\.type) == [.loadTenderChanged, .loadTenderCancelled])
        #expect(found.map(\.subject) == ["shipment/ACM7741023", "shipment/ACM7741031"])
        #expect(try events("204_004010_acme_original_tender").map(\.type) == [.loadTendered])
    }

    @Test func stopTimesWithoutAZoneUseTheStopsStateAndSaySo() throws {
        let tender = try #require(try events("204_004010_acme_original_tender").first)
        guard case .loadTender(let data) = tender.data else { Issue.record("not a tender"); return }
        let window = try #require(data.stops?[2].window)
        #expect(window.from == EventTime(at: "2026-11-25T14:00:00-06:00", zone: "America/Chicago", zoneSource: .stop))
        #expect(data.respondBy == EventTime(at: "2026-11-23T14:00:00-06:00", zone: "America/Chicago", zoneSource: .message, originalZoneCode: "CT"))
        #expect(tender.time == "2026-11-23T09:12:00-06:00")
        #expect(data.totalCharge == Money(amount: DecimalString("1855.00")!, currency: "USD"))
        #expect(data.parties?.shipper?.canonicalId == "loc-acme-cedar-falls-3")
    }

    @Test func status214GivesOneEventPerAT7WithCanonicalCodeAndOriginal() throws {
        let found = try events("214_004010_prfl_pickup_to_delivery")
        let statuses = found.compactMap { if case .shipmentStatus(let s) = $0.data { s } else { nil } }
        #expect(statuses.map(\.status.code) == ["arrived_pickup", "departed_pickup", "arrived_delivery", "delivered", "arrived_delivery", "delivered"])
        #expect(statuses.map(\.status.original) == ["X3", "AF", "X1", "D1", "X1", "D1"])
        #expect(statuses.map(\.stop) == [1, 1, 2, 2, 3, 3])
        #expect(statuses[3].podSigner == "M. OKAFOR")
        #expect(found.map(\.crossdock.eventIndex) == [1, 2, 3, 4, 5, 6])
        #expect(Set(found.map(\.id)).count == 6)
    }

    @Test func status214In005010ReadsTheLXLoopStructure() throws {
        let found = try events("214_005010_prfl_in_transit")
        let statuses = found.compactMap { if case .shipmentStatus(let s) = $0.data { s } else { nil } }
        #expect(statuses.map(\.status) == [CodedValue(code: "en_route", original: "X6"), CodedValue(code: "estimated_delivery", original: "AG")])
        #expect(statuses.map { $0.location?.postalCode } == ["50317", "68127"])
        #expect(found.map(\.crossdock.mappingName) == ["x12-214-shipment-status-5010", "x12-214-shipment-status-5010"])
    }

    @Test func invoice210MapsChargeLinesToCanonicalCodesWithExactMoney() throws {
        for (sample, codes, amounts, net) in [
            ("210_004010_prfl_linehaul_fuel", ["linehaul", "fuel_surcharge", "detention"], ["1855.00", "328.60", "150.00"], "2333.60"),
            ("210_005010_prfl_invoice", ["linehaul", "fuel_surcharge", "loading"], ["1278.90", "179.80", "65.00"], "1523.70"),
        ] {
            let event = try #require(try events(sample).first)
            guard case .freightInvoice(let invoice) = event.data else { Issue.record("not an invoice"); continue }
            #expect(invoice.charges?.map(\.charge.code) == codes)
            #expect(invoice.charges?.map(\.amount.amount.text) == amounts)
            #expect(invoice.netAmountDue == Money(amount: DecimalString(net)!, currency: "USD"))
            #expect(invoice.charges?.reduce(Decimal(0)) { $0 + $1.amount.amount.decimal } == invoice.netAmountDue.amount.decimal)
        }
    }

    @Test func sameTransactionReadTwiceGivesTheSameIDs() throws {
        let first = try events("204_004010_acme_original_tender").map(\.id)
        #expect(first == (try events("204_004010_acme_original_tender").map(\.id)))
        // The wrapped copy carries the same interchange: same ids, though the file (and its hash) differ.
        let wrapped = try events("204_004010_acme_wrapped80", leniency: Leniency(profile: "lenient")!)
        #expect(wrapped.map(\.id) == first)
        #expect(wrapped.first?.crossdock.fileSha256 != (try events("204_004010_acme_original_tender")).first?.crossdock.fileSha256)
    }

    @Test func rejectedSetProducesNoEventAndIsReported() throws {
        let s = Sample.named("204_004010_acme_two_sets_one_bad")
        let reports = try FileTranslation.translate(s.bytes, fileName: s.fileName, registry: shipped)
        let rejected = reports.compactMap { if case .rejected(let t) = $0 { t.controlNumber } else { nil } }
        let translated = reports.compactMap { if case .event(let e) = $0 { e.crossdock.st02 } else { nil } }
        #expect(rejected == ["0002"])
        #expect(translated == ["0001"])
    }

    @Test func mostSpecificMappingWinsAndPartnerOverrideChangesIt() throws {
        #expect(try events("214_004010_prfl_pickup_to_delivery").first?.crossdock.mappingName == "prairiefrt-214-shipment-status")
        let other = try events("214_004010_prfl_pickup_to_delivery", partner: "SOMEONEELSE")
        #expect(other.first?.crossdock.mappingName == "x12-214-shipment-status")
        #expect(other.first?.crossdock.partner == "SOMEONEELSE")
        guard case .shipmentStatus(let status)? = other.first?.data else { Issue.record("no status"); return }
        #expect(status.stop == nil)
        #expect(shipped.plan(format: "x12", partner: ["PRAIRIEFRT"], transactionSet: "214", version: "005010")?.name == "x12-214-shipment-status-5010")
        #expect(shipped.plan(format: "x12", partner: ["PRAIRIEFRT"], transactionSet: "990", version: "004010") == nil)
    }

    @Test func sharedCorpusTranslatesWithoutACrash() throws {
        var files = 0
        for sample in Sample.corpus {
            files += 1
            do {
                _ = try FileTranslation.translate(sample.bytes, fileName: sample.fileName, registry: shipped, leniency: Leniency(profile: "lenient")!)
            } catch is X12Error {
                continue
            }
        }
        if ProjectPaths.corpus != nil { #expect(files > 40) }
    }
}

@Suite struct PartialDataTests {
    static let invoice = """
        ISA*00*          *00*          *ZZ*PRAIRIEFRT     *ZZ*CROSSDOCKDEMO  *261127*0815*U*00401*000000700*0*P*:~\
        GS*IM*PRFL*CROSSDOCKDEMO*20261127*0815*700*X*004010~ST*210*7000001~\
        B3**INV-1*SHIP-1*PP*L*20261127*10040**20261125*035*PRFL~C3*USD~N9*BM*7741023~N9*ZZ**NO VALUE~\
        LX*1~L1*1*.404*PM*10040~SE*8*7000001~GE*1*700~IEA*1*000000700~
        """

    @Test func chargeLineWithoutL108IsLinehaulWithAnEmptyOriginalAndAPartlessReferenceIsLeftOut() throws {
        let reports = try FileTranslation.translate(Array(PartialDataTests.invoice.utf8), fileName: "inline.edi", registry: shipped)
        let invoices = reports.compactMap { if case .event(let e) = $0, case .freightInvoice(let i) = e.data { i } else { nil } }
        let invoice = try #require(invoices.first)
        #expect(invoice.charges?.map(\.charge) == [CodedValue(code: "linehaul", original: "")])
        #expect(invoice.charges?.first?.rate?.text == "0.404")
        #expect(invoice.references == [Reference(qualifier: "BM", value: "7741023")])
        let warnings: [MappingFinding] = reports.flatMap { report -> [MappingFinding] in
            if case .mappingFindings(_, _, let f) = report { return f }
            return []
        }
        #expect(warnings == [MappingFinding(.warning, key: "fields.references", "left out: no value")])
    }
}
