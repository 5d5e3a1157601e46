import Foundation
import Testing

@testable import Delivery

@Suite struct FolderDeliveryTargetTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesEachEventAsItsIdDotJsonWithNothingElseLeft() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = FolderDeliveryTarget(destination: FolderDestination(name: "billing", path: folder.path))
        let first = item(eventID: "6f1c2a4e-0000-5000-8000-000000000001", body: #"{"id":"1"}"#)
        let second = item(eventID: "6f1c2a4e-0000-5000-8000-000000000002", body: #"{"id":"2"}"#)
        #expect(await target.deliver(first) == .delivered(status: nil))
        #expect(await target.deliver(second) == .delivered(status: nil))
        // A replay rewrites the same file with the same bytes.
        #expect(await target.deliver(first) == .delivered(status: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["6f1c2a4e-0000-5000-8000-000000000001.json", "6f1c2a4e-0000-5000-8000-000000000002.json"])
        #expect(try Data(contentsOf: folder.appendingPathComponent(names[0])) == Data(#"{"id":"1"}"#.utf8))
        #expect(try Data(contentsOf: folder.appendingPathComponent(names[1])) == Data(#"{"id":"2"}"#.utf8))
    }

    @Test func replacesAnExistingFileAtomically() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ev-1.json")
        try Data("old".utf8).write(to: file)
        // A reader holding the old file keeps reading the old bytes: rename swaps the name, not the contents.
        let reader = try FileHandle(forReadingFrom: file)
        defer { try? reader.close() }
        let target = FolderDeliveryTarget(destination: FolderDestination(name: "billing", path: folder.path))
        #expect(await target.deliver(item(eventID: "ev-1", body: "new contents")) == .delivered(status: nil))
        #expect(try reader.readToEnd() == Data("old".utf8))
        #expect(try Data(contentsOf: file) == Data("new contents".utf8))
    }

    @Test func aMissingFolderIsRetriedNamingTheStep() async throws {
        let target = FolderDeliveryTarget(
            destination: FolderDestination(name: "billing", path: "/nonexistent-crossdock-\(UUID().uuidString)")
        )
        let outcome = await target.deliver(item(eventID: "ev-1"))
        #expect(
            outcome
                == .retry(
                    status: nil,
                    reason: "write at destinations.billing.path: open ev-1.json failed: No such file or directory",
                    retryAfter: nil
                )
        )
    }

    @Test func fileNamesCannotLeaveTheFolder() {
        #expect(FolderDeliveryTarget.fileName(eventID: "../etc/passwd") == "_.._etc_passwd.json")
        #expect(FolderDeliveryTarget.fileName(eventID: "a b/c") == "a_b_c.json")
        #expect(FolderDeliveryTarget.fileName(eventID: "") == "_.json")
    }
}
