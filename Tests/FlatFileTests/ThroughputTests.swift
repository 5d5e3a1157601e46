import FlatFile
import Foundation
import Testing
import TestSupport

/// Rough reading speed of the three readers over about 64 MB made from the samples, from memory.
///
/// Off by default; run it on a release build:
/// `FLATFILE_BENCH=1 swift test -c release --filter FlatFileTests.Throughput`
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["FLATFILE_BENCH"] == "1"))
struct Throughput {
    static let target = 64 << 20

    /// Thread CPU time, which other work on the machine disturbs less than the wall clock.
    private func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    private func report(_ what: String, bytes: Int, records: Int, _ body: () throws -> Void) rethrows {
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let elapsed = try clock.measure(body)
        let cpu = cpuSeconds() - cpuStart
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let megabytes = Double(bytes) / 1_000_000
        let format = { (value: Double) in String(format: "%.0f", value) }
        print(
            "\(what): \(format(megabytes)) MB, \(records) records; CPU \(String(format: "%.2f", cpu)) s = "
                + "\(format(megabytes / cpu)) MB/s, \(format(Double(records) / cpu)) records/s; "
                + "wall \(String(format: "%.2f", wall)) s")
    }

    @Test func csv() throws {
        let text = String(decoding: sample("csv", "status_hub_batch.csv").bytes.dropFirst(3), as: UTF8.self)
        let header = text.prefix { $0 != "\r\n" } + "\r\n"
        let body = text.dropFirst(header.count)
        var bytes = Array(header.utf8)
        while bytes.count < Self.target { bytes += body.utf8 }
        var count = 0
        try report("CSV", bytes: bytes.count, records: 7 * (bytes.count / body.utf8.count)) {
            let reader = try CSVReader(input: MemoryInput(bytes), fileName: "bench.csv")
            try reader.forEach { _ in count += 1 }
        }
        #expect(count > 0)
    }

    @Test func fixedWidth() throws {
        let lines = String(decoding: sample("fixed", "invoice_batch.txt").bytes, as: UTF8.self)
            .split(separator: "\r\n").map { String($0) + "\r\n" }
        let body: String = lines.dropFirst().dropLast().joined()
        let repeats = Self.target / body.utf8.count
        let pad = { (value: Int, width: Int) in String(repeating: "0", count: width - String(value).count) + String(value) }
        let trailer = "TR" + pad(11 * repeats, 7) + pad(3 * repeats, 6) + pad(648_238 * repeats, 13)
        let text: String = lines[0] + String(repeating: body, count: repeats) + trailer + String(repeating: " ", count: 52) + "\r\n"
        let bytes = Array(text.utf8)
        let layout = try FixedWidthLayout(
            json: Data(contentsOf: sample("fixed", "invoice_batch.layout.json").url), name: "invoice_batch.layout.json")
        var count = 0
        try report("fixed-width", bytes: bytes.count, records: 11 * repeats + 2) {
            let reader = try FixedWidthReader(input: MemoryInput(bytes), fileName: "bench.txt", layout: layout)
            try reader.forEach { _ in count += 1 }
        }
        #expect(count == 11 * repeats + 2)
    }

    @Test func xml() throws {
        let text = String(decoding: sample("xml", "load_tender.xml").bytes, as: UTF8.self)
        let start = try #require(text.range(of: "  <LoadTender"))
        let end = try #require(text.range(of: "</Tenders>"))
        let tenders = String(text[start.lowerBound..<end.lowerBound])
        let repeats = Self.target / tenders.utf8.count
        let bytes = Array((text[..<start.lowerBound] + String(repeating: tenders, count: repeats) + "</Tenders>\n").utf8)
        var count = 0
        try report("XML", bytes: bytes.count, records: 2 * repeats) {
            let reader = try XMLRecordReader(input: MemoryInput(bytes), fileName: "bench.xml", recordPath: "/Tenders/LoadTender")
            try reader.forEach { _ in count += 1 }
        }
        #expect(count == 2 * repeats)
    }
}
