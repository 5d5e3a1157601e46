import Foundation
import TestSupport
import Testing
import Transport

@Suite("Gunzip as a capped stream")
struct GunzipStreamTests {
    /// Compresses with the system's `gzip` (independent of the code under test), through a file since
    /// `runCommand` decodes output as text.
    func gzipBinary(_ tool: URL, _ bytes: [UInt8]) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data")
        try Data(bytes).write(to: file)
        let result = try runCommand(tool, ["-n", file.path])
        #expect(result.status == 0)
        return [UInt8](try Data(contentsOf: file.appendingPathExtension("gz")))
    }

    func inflate(_ compressed: [UInt8], limits: InflateLimits = InflateLimits(), chunk: Int = 4_096) throws -> [UInt8] {
        let stream = try GunzipStream(MemoryByteStream(compressed), limits: limits, name: "sample.gz")
        var output: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { return output }
            output += buffer[0..<n]
        }
    }

    @Test func readsEveryMemberOfAConcatenatedFile() throws {
        let first = Array("ISA*00*first~".utf8) + [UInt8](repeating: 0x31, count: 70_000)
        let second = Array("ISA*00*second~IEA~".utf8)
        let tool = try #require(TestSSHServer.findExecutable("gzip"))
        let both = try gzipBinary(tool, first) + gzipBinary(tool, second)
        #expect(try inflate(both) == first + second)
        #expect(try inflate(both, chunk: 7) == first + second)
    }

    @Test func refusesATruncatedStream() throws {
        let tool = try #require(TestSSHServer.findExecutable("gzip"))
        let whole = try gzipBinary(tool, (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let error = #expect(throws: TransportError.self) { try inflate(Array(whole.dropLast(12))) }
        #expect(error?.code == .truncatedCompressedStream)
        #expect(error?.path == "sample.gz")
        let empty = #expect(throws: TransportError.self) { try inflate([]) }
        #expect(empty?.code == .truncatedCompressedStream)
    }

    @Test func refusesBytesThatAreNotGzip() throws {
        let error = #expect(throws: TransportError.self) { try inflate(Array("ISA*00*plain text~".utf8)) }
        #expect(error?.code == .corruptCompressedStream)
    }

    @Test func refusesABombByRatioAndBySize() throws {
        let tool = try #require(TestSSHServer.findExecutable("gzip"))
        let bomb = try gzipBinary(tool, [UInt8](repeating: 0, count: 32 << 20))
        #expect(bomb.count < 64 << 10)
        let byRatio = #expect(throws: TransportError.self) { try inflate(bomb) }
        #expect(byRatio?.code == .decompressionLimit)
        #expect(byRatio?.message.contains("times its compressed size") == true)

        let bySize = #expect(throws: TransportError.self) {
            try inflate(bomb, limits: InflateLimits(maximumOutputBytes: 1 << 20, maximumRatio: 1_000_000))
        }
        #expect(bySize?.code == .decompressionLimit)
        #expect(bySize?.message.contains("more than 1048576 bytes") == true)
    }

    @Test func readsASpooledFileThroughTheInflater() throws {
        let root = try makeTemporaryRoot("gz")
        defer { removeTemporaryRoot(root) }
        let tool = try #require(TestSSHServer.findExecutable("gzip"))
        let text = Array("ST*214*0001~".utf8)
        try Data(try gzipBinary(tool, text)).write(to: URL(fileURLWithPath: root.path + "/in.gz"))
        let file = try SpooledFileStream(spool: Spool(root: root), name: try RemoteName("in.gz"))
        let stream = try GunzipStream(file, name: "in.gz")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { buffer.deallocate() }
        let n = try stream.read(into: buffer)
        #expect(Array(buffer[0..<n]) == text)
        #expect(try stream.read(into: buffer) == 0)
    }
}
