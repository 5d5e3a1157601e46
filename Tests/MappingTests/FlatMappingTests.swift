import Canonical
import FlatFile
import Foundation
import Mapping
import Testing
import TestSupport

func flatEvents(_ folder: String, _ name: String) throws -> [CloudEvent] {
    let url = ProjectPaths.samples.appendingPathComponent(folder).appendingPathComponent(name)
    return try FileTranslation.translate(Array(try Data(contentsOf: url)), fileName: name, registry: shipped)
        .compactMap { if case .event(let e) = $0 { e } else { nil } }
}

@Suite struct FlatFileMappingTests {
    @Test func csvStatusBatchGivesOneStatusPerRowWithTheHubsZone() throws {
        let events = try flatEvents("csv", "status_hub_batch.csv")
        let statuses = events.compactMap { if case .shipmentStatus(let s) = $0.data { s } else { nil } }
        #expect(statuses.map(\.status.code) == ["arrived_pickup", "departed_pickup", "en_route", "arrived_delivery", "delivered", "delayed", "arrived_pickup"])
        #expect(statuses.first?.time == EventTime(at: "2026-11-26T07:42:00-06:00", zone: "-06:00", zoneSource: .message, originalZoneCode: "CST"))
        #expect(events.first?.crossdock.partner == "ACMEHUB")
        #expect(statuses[2].stop == nil)
        #expect(statuses[5].location?.city == "Montréal")
        #expect(events.map(\.crossdock.transactionIndex) == [1, 2, 3, 4, 5, 6, 7])
        #expect(events.allSatisfy { $0.crossdock.format == "csv" && $0.crossdock.mappingName == "csv-hub-shipment-status" })
    }

    @Test func fixedWidthInvoiceBatchGivesOneInvoicePerInvoiceRecordWithItsCharges() throws {
        let events = try flatEvents("fixed", "invoice_batch.txt")
        let invoices = events.compactMap { if case .freightInvoice(let i) = $0.data { i } else { nil } }
        #expect(invoices.map(\.invoiceNumber) == ["INV26-000412", "INV26-000413", "INV26-000414"])
        #expect(invoices.map(\.netAmountDue.amount.text) == ["1793.25", "986.00", "3703.13"])
        #expect(invoices[1].charges?.map(\.charge.code) == ["linehaul", "detention", "discount"])
        #expect(invoices[1].charges?.map(\.amount.amount.text) == ["880.00", "150.00", "-44.00"])
        #expect(invoices[0].charges?.first?.rate?.text == "7.8590")
        #expect(invoices.first?.currency == "USD")
        #expect(invoices.first?.invoiceDate == "2026-11-26")
    }

    @Test func fixedWidthBatchWhoseTrailerDisagreesIsNotTranslated() throws {
        let url = ProjectPaths.samples.appendingPathComponent("fixed/invoice_batch_bad_trailer_count.txt")
        let reports = try FileTranslation.translate(Array(try Data(contentsOf: url)), fileName: url.lastPathComponent, registry: shipped)
        #expect(reports.count == 1)
        guard case .unreadable(let error)? = reports.first else { Issue.record("expected a read error"); return }
        #expect(error.code == .recordCountMismatch)
        #expect(error.position.line == 13)
    }

    @Test func csvBatchKeepsTheRecordsReadBeforeAnUnterminatedQuote() throws {
        let url = ProjectPaths.samples.appendingPathComponent("csv/status_hub_batch_unterminated_quote.csv")
        let reports = try FileTranslation.translate(Array(try Data(contentsOf: url)), fileName: url.lastPathComponent, registry: shipped)
        #expect(reports.filter { if case .event = $0 { true } else { false } }.count == 3)
        guard case .unreadable(let error)? = reports.last else { Issue.record("expected a read error"); return }
        #expect(error.code == .unterminatedQuote)
    }

    @Test func xmlTenderExportGivesTenderEventsByPurpose() throws {
        let events = try flatEvents("xml", "load_tender.xml")
        #expect(events.map(\.type) == [.loadTendered, .loadTenderChanged])
        guard case .loadTender(let tender)? = events.first?.data else { Issue.record("no tender"); return }
        #expect(tender.shipmentId == "SH20261127-0001")
        #expect(tender.stops?.map(\.window?.from?.at) == ["2026-11-28T08:00:00-06:00", "2026-11-29T07:00:00-06:00"])
        #expect(tender.references == [Reference(qualifier: "PO", value: "PO-44120871"), Reference(qualifier: "BM", value: "BOL-7731002")])
        #expect(tender.parties?.shipper?.name == "Acme Widgets & Sons, Inc.")
        #expect(tender.equipment?.type == CodedValue(code: "van", original: "53FT_DRY_VAN"))
    }
}
