#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import X12

/// What `crossdock validate FILE` does, minus its printer: the reader and the validator over the file,
/// results counted. Every finding's text is folded into one FNV-1a hash, so two builds can be compared on
/// the same file: the same output line means the same findings, codes and positions.
struct Tally: ValidationSink {
    var sets = 0
    var findings = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ list: [Finding]) {
        findings += list.count
        for finding in list {
            for byte in "\(finding)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
    }

    mutating func transaction(_ result: TransactionResult) {
        sets += 1
        add(result.findings)
    }
    mutating func group(_ result: GroupResult) { add(result.findings) }
    mutating func interchange(_ result: InterchangeResult) { add(result.findings) }
    mutating func fileFinding(_ finding: Finding) { add([finding]) }
}

guard CommandLine.arguments.count == 2 else {
    print("usage: x12-driver FILE")
    exit(2)
}
let path = CommandLine.arguments[1]
do {
    let input = try InputFile(path: path)
    var validator = X12Validator(fileName: path, options: ValidationOptions(), sink: Tally())
    try X12Reader(source: input.source, fileName: path).run(&validator)
    let tally = validator.sink
    print("sets \(tally.sets) findings \(tally.findings) hash \(String(tally.hash, radix: 16))")
} catch {
    print("error \(error)")
    exit(2)
}
