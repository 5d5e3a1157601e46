import Foundation
import Testing
import TestSupport
@testable import X12

/// A seeded pseudo-random generator (SplitMix64), so a failing mutation can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Mutation {
    static let interesting: [UInt8] = Array("*~:^|>\n\r ISAGSTEIEA0123456789".utf8) + [0x00, 0xFF, 0xC3, 0x96, 0xEF, 0xBB, 0xBF]

    /// One byte flip, insertion, deletion, truncation or splice of two inputs.
    static func mutate(_ input: [UInt8], other: [UInt8], rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return bytes }
        let edits = Int.random(in: 1...4, using: &rng)
        for _ in 0..<edits {
            let at = Int.random(in: 0..<max(1, bytes.count), using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            case 1: if at < bytes.count { bytes[at] = interesting.randomElement(using: &rng)! }
            case 2: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
            case 3: if at < bytes.count { bytes.remove(at: at) }
            case 4: bytes = Array(bytes.prefix(at))
            default:
                let from = Int.random(in: 0..<max(1, other.count), using: &rng)
                bytes = Array(bytes.prefix(at)) + Array(other.suffix(from: min(from, other.count)))
            }
            if bytes.isEmpty { break }
        }
        return bytes
    }
}

@Suite struct MutationTests {
    /// Thousands of mutated samples through the whole engine: each either reads (with a verdict and
    /// acknowledgements) or is refused with an `X12Error`; nothing crashes or hangs.
    @Test func mutatedSamplesAlwaysGetAVerdictOrAClearError() throws {
        let inputs = Sample.all(in: "x12").map(\.bytes)
        try #require(inputs.count >= 10)
        var rng = SeededGenerator(state: 20_261_127)
        var read = 0, refused = 0
        let builder = AckBuilder(controlNumbers: InMemoryControlNumbers(), timestamp: AckTimestamp(date: "20261127", time: "1200"))
        for i in 0..<3_000 {
            let input = inputs[i % inputs.count]
            let mutated = Mutation.mutate(input, other: inputs.randomElement(using: &rng)!, rng: &rng)
            do {
                let report = try X12Validator.validate(
                    MemorySource(mutated), fileName: "mutant-\(i).edi",
                    options: ValidationOptions(leniency: i % 2 == 0 ? .strict : .lenient, keepSegments: i % 3 == 0, keepSetResults: true))
                for interchange in report.interchanges {
                    if let ack = try builder.acknowledge(interchange) { _ = try ack.bytes() }
                }
                read += 1
            } catch let error as X12Error {
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        #expect(read + refused == 3_000)
        #expect(read > 2_000)
    }

    /// The command line on mutated files: always exit 0, 1 or 2, and a message for anything but 0.
    @Test func mutatedFilesGiveTheDocumentedExitCodes() throws {
        let inputs = Sample.all(in: "x12").map(\.bytes)
        var rng = SeededGenerator(state: 7)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-mutants-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for i in 0..<40 {
            let url = dir.appendingPathComponent("m\(i).edi")
            try Data(Mutation.mutate(inputs[i % inputs.count], other: inputs[(i * 7) % inputs.count], rng: &rng)).write(to: url)
            paths.append(url.path)
        }
        for path in paths {
            let result = try runCommand(ProjectPaths.binaries.appendingPathComponent("crossdock"), ["validate", path])
            #expect([0, 1, 2].contains(result.status), "\(path): \(result.status)")
            if result.status != 0 { #expect(!(result.stdout + result.stderr).isEmpty) }
        }
    }
}
