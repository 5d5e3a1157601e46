import Foundation
import Testing
import Transport

@Suite("Folder endpoint and spool")
struct FolderEndpointTests {
    @Test func putsFetchesMovesAndDeletesWithoutEverOverwriting() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        let endpoint = FolderEndpoint(root: hub)
        let spool = Spool(root: spoolRoot, folder: try RemotePath("hub"))
        let bytes = Array("ISA*00*~ST*210*0001~".utf8)
        let file = try await endpoint.withSession { session in
            try session.makeFolder(try RemotePath("in/batch"))
            try session.put(.bytes(bytes), as: try RemotePath("in/batch/210.edi"))
            return try session.fetch(try RemotePath("in/batch/210.edi"), into: spool)
        }
        #expect(file.sha256 == (try sha256Hex(of: bytes)))
        #expect(file.localPath == spoolRoot.path + "/hub/210.edi")
        #expect(FileManager.default.contents(atPath: file.localPath).map { [UInt8]($0) } == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: hub.path + "/in/batch") == ["210.edi"])

        let putConflict = await sessionError(endpoint) { session in
            try session.put(.bytes(Array("new".utf8)), as: try RemotePath("in/batch/210.edi"))
        }
        #expect(putConflict?.code == .conflict)
        let fetchConflict = await sessionError(endpoint) { session in
            try session.fetch(try RemotePath("in/batch/210.edi"), into: spool)
        }
        #expect(fetchConflict?.code == .conflict)
        #expect(try FileManager.default.contentsOfDirectory(atPath: hub.path + "/in/batch") == ["210.edi"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path + "/hub") == ["210.edi"])

        try await endpoint.withSession { session in
            let archived = try session.archive(
                try RemotePath("in/batch/210.edi"), into: try RemotePath("archive"), date: UnixTime(seconds: 86_400))
            #expect(archived.string == "archive/1970/01/02/210.edi")
            try session.put(
                .file(root: spoolRoot, path: try RemotePath("hub/210.edi")), as: try RemotePath("in/copy.edi"))
            let moveConflict = #expect(throws: TransportError.self) {
                try session.move(try RemotePath("in/copy.edi"), to: archived)
            }
            #expect(moveConflict?.code == .conflict)
            try session.delete(try RemotePath("in/copy.edi"))
            #expect(try session.stat(try RemotePath("in/copy.edi")) == nil)
        }
        #expect(
            FileManager.default.contents(atPath: hub.path + "/archive/1970/01/02/210.edi").map { [UInt8]($0) } == bytes)
    }

    @Test func deletesABatchWithTheFolderSyncedOnceAfterwards() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let endpoint = FolderEndpoint(root: hub)
        try await endpoint.withSession { session in
            try session.makeFolder(try RemotePath("in"))
            for name in ["a.edi", "b.edi", "c.edi"] {
                try session.put(.bytes(Array(name.utf8)), as: try RemotePath("in/" + name))
            }
            try session.delete(try RemotePath("in/a.edi"), syncingFolder: false)
            try session.delete(try RemotePath("in/b.edi"), syncingFolder: false)
            try session.syncFolder(try RemotePath("in"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: hub.path + "/in") == ["c.edi"])
        let missingFolder = await sessionError(endpoint) { session in try session.syncFolder(try RemotePath("gone")) }
        #expect(missingFolder?.code == .notFound)
        #expect(missingFolder?.path == "gone")
        let missingFile = await sessionError(endpoint) { session in
            try session.delete(try RemotePath("in/a.edi"), syncingFolder: false)
        }
        #expect(missingFile?.code == .notFound)
    }

    @Test func neverFollowsALinkOutOfTheRoot() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let outside = try temporary.make("outside")
        let spoolRoot = try temporary.make("spool")
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside.path + "/secret.edi"))
        try FileManager.default.createSymbolicLink(atPath: hub.path + "/inbox", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: hub.path + "/leak.edi", withDestinationPath: outside.path + "/secret.edi")
        let endpoint = FolderEndpoint(root: hub)

        let listing = try await endpoint.withSession { session in try session.list(.root) }
        #expect(listing.entries.map(\.kind) == [.other, .other])  // links are listed, never followed
        for path in ["inbox", "inbox/secret.edi"] {
            let error = await sessionError(endpoint) { session in
                _ = try session.fetch(try RemotePath(path), into: Spool(root: spoolRoot))
            }
            #expect(error?.code == .outsideRoot)
        }
        let viaLinkedFolder = await sessionError(endpoint) { session in
            try session.put(.bytes(Array("x".utf8)), as: try RemotePath("inbox/dropped.edi"))
        }
        #expect(viaLinkedFolder?.code == .outsideRoot)
        let viaLinkedFile = await sessionError(endpoint) { session in
            _ = try session.fetch(try RemotePath("leak.edi"), into: Spool(root: spoolRoot))
        }
        #expect(viaLinkedFile?.code == .outsideRoot)
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/dropped.edi"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).isEmpty)

        // A spool whose folder is a link is refused too.
        try FileManager.default.createSymbolicLink(
            atPath: spoolRoot.path + "/linked", withDestinationPath: outside.path)
        let spoolLink = await sessionError(FolderEndpoint(root: outside)) { session in
            _ = try session.fetch(
                try RemotePath("secret.edi"), into: Spool(root: spoolRoot, folder: try RemotePath("linked")))
        }
        #expect(spoolLink?.code == .outsideRoot)
    }

    @Test func listsHostileLocalNamesAsRefused() async throws {
        let hub = try makeTemporaryRoot("hub")
        defer { removeTemporaryRoot(hub) }
        try Data("a".utf8).write(to: URL(fileURLWithPath: hub.path + "/good.edi"))
        try Data("b".utf8).write(to: URL(fileURLWithPath: hub.path + "/bad\\name.edi"))
        let listing = try await FolderEndpoint(root: hub).withSession { session in try session.list(.root) }
        #expect(listing.entries.map(\.name.value) == ["good.edi"])
        #expect(listing.refusedNames == ["\"bad\\\\name.edi\""])
    }

    @Test func removesTemporariesLeftByACrashedFetch() throws {
        let spoolRoot = try makeTemporaryRoot("spool")
        defer { removeTemporaryRoot(spoolRoot) }
        try Data("partial".utf8).write(to: URL(fileURLWithPath: spoolRoot.path + "/.214.edi.part-1f2e"))
        try Data("done".utf8).write(to: URL(fileURLWithPath: spoolRoot.path + "/214.edi"))
        #expect(try Spool(root: spoolRoot).removeStaleTemporaries() == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path) == ["214.edi"])
    }

    @Test func refusesAFileThatGrowsPastTheLimitWhileStreaming() async throws {
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let hub = try temporary.make("hub")
        let spoolRoot = try temporary.make("spool")
        try Data(count: 10_000).write(to: URL(fileURLWithPath: hub.path + "/big.edi"))
        let error = await sessionError(FolderEndpoint(root: hub)) { session in
            _ = try session.fetch(try RemotePath("big.edi"), into: Spool(root: spoolRoot), limit: 4_096)
        }
        #expect(error?.code == .tooLarge)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).isEmpty)
    }
}
