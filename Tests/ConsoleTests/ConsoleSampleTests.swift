import Bridge
import Canonical
import Console
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Mapping
import NIOCore
import Store
import TestSupport
import Testing
import Transport

/// The console over what the real pipeline stored: every file of samples/x12 through `FileProcessor`.
@Suite struct ConsoleSampleTests {
    @Test func everySampleFilesLineageHoldsEachOfItsTransactionsExactlyOnce() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(at: folder.url.appendingPathComponent("crossdock.sqlite"))
        let processor = FileProcessor(
            store: store, registry: MappingRegistry(folder: ProjectPaths.root.appendingPathComponent("mappings")),
            partners: [
                PartnerProfile(id: "ACMEFOODS", interchangeSender: "ZZ:ACMEFOODS", ackTarget: "acme-out"),
                PartnerProfile(id: "PRAIRIEFRT", interchangeSender: "ZZ:PRAIRIEFRT", ackTarget: "prairie-out"),
            ],
            route: { type in type == "freight.invoice" ? ["billing"] : ["erp"] })
        let samples = Sample.all(in: "x12")
        #expect(samples.count >= 20)
        var files: [(FileID, String)] = []
        for sample in samples {
            let bytes = sample.bytes
            let input = FileInput(
                identity: FileIdentity(
                    source: "demo-inbound", path: try RemotePath(sample.fileName), size: Int64(bytes.count), modified: 1
                ),
                name: sample.fileName, localPath: sample.url.path, sha256: FileDigest.sha256(bytes))
            let summary = try await processor.process(input)
            guard case .committed(let id) = summary.receipt else {
                Issue.record("\(sample.fileName) was not committed: \(summary.receipt)")
                continue
            }
            files.append((id, sample.fileName))
        }
        let server = try ConsoleServer(
            store: store, settings: ConsoleSettings(port: 0, token: nil), registry: TestMetrics.registry,
            logger: Logger(label: "console-test"))
        let app = Application(router: server.makeRouter())
        let stored = files
        try await app.test(.router) { client in
            let list = try await client.execute(uri: "/api/files?limit=500", method: .get).json()
            #expect(objects(list["items"]).count == stored.count)
            for (id, name) in stored {
                let lineage = try #require(try await store.lineage(of: id))
                let response = try await client.execute(uri: "/api/files/\(id)", method: .get)
                #expect(response.status == .ok, "\(name)")
                let tree = try response.json()
                var indexes: [Int] = objects(tree["records"]).compactMap { $0["index"] as? Int }
                for interchange in objects(tree["interchanges"]) {
                    for group in objects(interchange["groups"]) {
                        indexes += objects(group["transactions"]).compactMap { $0["index"] as? Int }
                    }
                }
                #expect(indexes.sorted() == lineage.transactions.map(\.index).sorted(), "\(name)")
                #expect(objects(tree["interchanges"]).count == lineage.interchanges.count, "\(name)")
                let page = try await client.execute(uri: "/console/files/\(id)", method: .get)
                #expect(page.status == .ok, "\(name)")
                #expect(page.text.contains(HTMLText.escape(name)), "\(name)")
            }
        }
    }
}

/// The same escaping as the pages, for expectations (file names of the samples carry no markup).
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
