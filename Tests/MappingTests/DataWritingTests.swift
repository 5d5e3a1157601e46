import Canonical
import Foundation
@testable import Mapping
import Testing
import TestSupport
import X12

/// Event data written while the fields are evaluated (`Evaluator+JSON.swift`) against the mapped tree it
/// replaced (`MappingRegistry.makingEventsThroughMappedTree()`): the same event lines and the same findings,
/// in the same order, on every sample and corpus file, and on a mapping written to reach the corners.
@Suite struct DataWritingTests {
    /// Events as JSON lines (bytes above 0x7F written `\xHH`, so that a byte that is not UTF-8 shows) and
    /// mapping findings as text, in report order.
    static func rendered(_ reports: [TranslationReport]) throws -> [String] {
        reports.flatMap { report -> [String] in
            switch report {
            case .event(let event):
                [event.jsonBytes().map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()]
            case .mappingFindings(let set, let plan, let findings):
                findings.map { "\(set.controlNumber) \(plan.name): \($0)" }
            case .recordFindings(let position, let plan, let findings):
                findings.map { "\(position) \(plan.name): \($0)" }
            default: []
            }
        }
    }

    static func both(_ bytes: [UInt8], fileName: String, registry: MappingRegistry, partner: String? = nil) throws -> (
        direct: [String], tree: [String]
    ) {
        let direct = try FileTranslation.translate(bytes, fileName: fileName, registry: registry, partner: partner)
        let tree = try FileTranslation.translate(
            bytes, fileName: fileName, registry: registry.makingEventsThroughMappedTree(), partner: partner)
        return (try rendered(direct), try rendered(tree))
    }

    static var inputs: [URL] {
        let folders = [
            ProjectPaths.root.appendingPathComponent("samples"), ProjectPaths.root.appendingPathComponent("mappings/tests"),
        ]
        var files: [URL] = []
        for folder in folders {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard ["edi", "x12", "csv", "txt", "xml"].contains(url.pathExtension) else { continue }
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everySampleGivesTheTreesEventsAndFindings() throws {
        var events = 0
        for url in Self.inputs {
            let bytes = try [UInt8](Data(contentsOf: url))
            for partner in [nil, "ACMEFOODS", "PRAIRIEFRT"] as [String?] {
                let (direct, tree) = try Self.both(bytes, fileName: url.lastPathComponent, registry: shipped, partner: partner)
                #expect(direct == tree, "\(url.lastPathComponent) partner \(partner ?? "-")")
                events += direct.filter { $0.hasPrefix("{") }.count
            }
        }
        // The samples make events of every shipped mapping; an empty comparison would prove nothing.
        #expect(events > 100)
    }

    /// Fields out of key order, a part left out, codes, a lookup, escapes, a byte that is not UTF-8, a bad
    /// whole number, and an event whose required field is missing.
    static let mapping = """
        mapping: corners
        version: 1
        applies: {format: x12, transactionSet: "214", versions: ["004010"]}
        event: {type: shipment.status, each: "//0205", time: time}
        fields:
          status: {path: AT701, table: s}
          shipmentId: /B1002
          scac: /B1003
          stop: MS202
          location: {state: MS102, city: MS101, country: {path: MS103, lookup: countries, onMiss: warn}}
          references: {each: /L11, value: L1101, qualifier: {path: L1102, table: q}}
          time: {date: AT705, time: AT706, zone: AT707}
          carrierReference: /B1001
        tables:
          s: {AF: departed_pickup, X1: arrived_delivery}
          q: {BM: BM}
          countries: {USA: US}

        """

    static let interchange = """
        ISA*00*          *00*          *ZZ*PRFL           *ZZ*XDOCK          *261124*0552*U*00401*000000001*0*P*>~\
        GS*QM*PRFL*XDOCK*20261124*0552*1*X*004010~ST*214*0001~B10*PR"O\\1*LD1*PRFL~L11*R1*BM~L11*R2*PO~\
        LX*1~AT7*AF*NS***20261124*0552*CT~MS1*JOLIET*IL*USA~MS2*PRFL*3~\
        LX*2~AT7*X1*NS***20261124*0600~MS1*GREEN\u{E9}BAY*WI*CAN~MS2*PRFL*x~\
        LX*3~AT7*D1*NS***20261124*0700~MS1* PEORIA *IL~\
        SE*16*0001~GE*1*1~IEA*1*000000001~
        """

    @Test func cornersGiveTheTreesEventsAndFindings() throws {
        let registry = MappingRegistry(texts: [("m.yaml", Self.mapping)])
        #expect(registry.errors.map(\.description) == [])
        // GREEN, then a Latin-1 é (not UTF-8: the event says U+FFFD), then BAY.
        var bytes = Array(Self.interchange.utf8)
        let e = Array("\u{E9}".utf8)
        let at = try #require(bytes.indices.first { bytes[$0] == e[0] && bytes[$0 + 1] == e[1] })
        bytes.replaceSubrange(at..<at + 2, with: [0xE9])
        let (direct, tree) = try Self.both(bytes, fileName: "c.edi", registry: registry)
        #expect(direct == tree)
        #expect(direct.count == 14)
        let data = direct.filter { $0.hasPrefix("{") }.map { line -> String in
            let start = line.range(of: "\"data\":")!.upperBound
            let end = line.range(of: ",\"datacontenttype\"")!.lowerBound
            return String(line[start..<end])
        }
        #expect(data == [
            #"{"carrierReference":"PR\"O\\1","location":{"city":"JOLIET","country":"US","state":"IL"},"#
                + #""references":[{"qualifier":"BM","value":"R1"}],"scac":"PRFL","shipmentId":"LD1","#
                + #""status":{"code":"departed_pickup","original":"AF"},"stop":3,"#
                + #""time":{"at":"2026-11-24T05:52:00-06:00","originalZoneCode":"CT","zone":"America/Chicago","zoneSource":"message"}}"#,
            #"{"carrierReference":"PR\"O\\1","location":{"city":"GREEN\xef\xbf\xbdBAY","state":"WI"},"#
                + #""references":[{"qualifier":"BM","value":"R1"}],"scac":"PRFL","shipmentId":"LD1","#
                + #""status":{"code":"arrived_delivery","original":"X1"}}"#,
        ])
        #expect(direct.contains { $0.contains(#""subject":"shipment/LD1","time":"2026-11-24T05:52:00-06:00""#) })
        #expect(direct.filter { !$0.hasPrefix("{") } == [
            "0001 corners: warning at fields.references.qualifier: code 'PO' is not in table q and the table has no '*'",
            "0001 corners: warning at fields.references: left out: no qualifier",
            "0001 corners: warning at fields.stop: not a whole number",
            "0001 corners: warning at fields.location.country: code 'CAN' is not in cross-reference table countries",
            "0001 corners: warning at fields.references.qualifier: code 'PO' is not in table q and the table has no '*'",
            "0001 corners: warning at fields.references: left out: no qualifier",
            "0001 corners: warning at fields.time: the time has no zone, and neither the stop nor the partner gives one (set timeZone:)",
            "0001 corners: warning at fields.status: code 'D1' is not in table s and the table has no '*'",
            "0001 corners: warning at fields.references.qualifier: code 'PO' is not in table q and the table has no '*'",
            "0001 corners: warning at fields.references: left out: no qualifier",
            "0001 corners: warning at fields.time: the time has no zone, and neither the stop nor the partner gives one (set timeZone:)",
            "0001 corners: error at fields.status: required, but the mapping found no value; no event",
        ])
    }

    /// A time whose date and time read plain paths counts their digits on the kept bytes; one that reads
    /// two paths goes through strings. Both trim, take an empty date as no time and an empty time as midnight.
    @Test func timesFromTheBytesReadAsTimesFromStrings() throws {
        let plain = """
            mapping: times
            version: 1
            applies: {format: x12, transactionSet: "214", versions: ["004010"]}
            event: {type: shipment.status, each: "//0205", time: time}
            fields:
              status: {path: AT701, table: s}
              shipmentId: /B1002
              time: {date: ../L1101, time: ../L1103, zone: AT707}
            tables:
              s: {AF: departed_pickup, X1: arrived_delivery}

            """
        let twoPaths = plain.replacingOccurrences(
            of: "time: {date: ../L1101, time: ../L1103, zone: AT707}",
            with: "time: {date: {path: [../L1101, ../L1101]}, time: {path: [../L1103, ../L1103]}, zone: AT707}")
        // Dates and times from free-text elements (L11 in the LX loop, around the AT7 loop), where the validator lets blanks and
        // short values through.
        let interchange = """
            ISA*00*          *00*          *ZZ*PRFL           *ZZ*XDOCK          *261124*0552*U*00401*000000001*0*P*>~\
            GS*QM*PRFL*XDOCK*20261124*0552*1*X*004010~ST*214*0001~B10*PRO1*LD1*PRFL~L11*R1*BM~\
            LX*1~AT7*AF*NS***20261124*0552*CT~L11*  20261124 *ZZ* 05:52 ~\
            LX*2~AT7*X1*NS***20261124*0600*CT~L11*   *ZZ*0600~\
            LX*3~AT7*X1*NS***20261124*0600*CT~L11*20261124*ZZ~\
            LX*4~AT7*X1*NS***20261124*0600*CT~L11*2026112*ZZ*0600~\
            LX*5~AT7*X1*NS***20261124*0600*ED~L11*261125*ZZ*07:05~\
            SE*19*0001~GE*1*1~IEA*1*000000001~
            """
        var results: [[String]] = []
        for mapping in [plain, twoPaths] {
            let registry = MappingRegistry(texts: [("m.yaml", mapping)])
            #expect(registry.errors.map(\.description) == [])
            let (direct, tree) = try Self.both(Array(interchange.utf8), fileName: "t.edi", registry: registry)
            #expect(direct == tree)
            results.append(direct.map { line in
                guard line.hasPrefix("{") else { return line }
                guard let start = line.range(of: #""time":{"#) else { return "no time" }
                return String(line[start.lowerBound...].prefix(while: { $0 != "}" }))
            })
        }
        #expect(results[0] == results[1])
        #expect(results[0] == [
            #""time":{"at":"2026-11-24T05:52:00-06:00","originalZoneCode":"CT","zone":"America/Chicago","zoneSource":"message""#,
            "no time",
            #""time":{"at":"2026-11-24T00:00:00-06:00","originalZoneCode":"CT","zone":"America/Chicago","zoneSource":"message""#,
            "no time",
            #""time":{"at":"2026-11-25T07:05:00-04:00","originalZoneCode":"ED","zone":"-04:00","zoneSource":"message""#,
            // The set's mapping findings come after its events.
            "0001 times: warning at fields.time: not a valid date and time",
        ])
    }

    /// Fields read from the transaction's top are evaluated once per transaction and replayed for its other
    /// events: the replay repeats their findings and their rejection, event by event.
    @Test func topFieldsReplayTheirFindingsAndRejectionForEveryEvent() throws {
        let text = Self.mapping
            .replacingOccurrences(of: "carrierReference: /B1001", with: "carrierReference: {path: /B1001, lookup: carriers, onMiss: reject}")
            .replacingOccurrences(of: "  countries: {USA: US}", with: "  countries: {USA: US}\n  carriers: {PRO1: P1}")
        let registry = MappingRegistry(texts: [("m.yaml", text)])
        #expect(registry.errors.map(\.description) == [])
        let memoized = try #require(registry.plans.first).data.layout.transactionWide
        // status, shipmentId, scac, stop, location, references, time, carrierReference
        #expect(memoized == [false, true, true, false, false, true, false, true])
        let (direct, tree) = try Self.both(Array(Self.interchange.utf8), fileName: "c.edi", registry: registry)
        #expect(direct == tree)
        #expect(direct.filter { $0.hasPrefix("{") } == [])
        let rejections = direct.filter { $0.contains("cross-reference table carriers; no event") }
        #expect(rejections.count == 3)
        #expect(direct.filter { $0.contains("left out: no qualifier") }.count == 3)
    }
}
