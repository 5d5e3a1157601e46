// transport-bench: times Crossdock's SFTP fetch (Transport over libssh2) for bench/sftp_fetch.sh.
//
//   transport-bench HOST PORT USER KEY KNOWN_HOSTS REMOTE_FOLDER SPOOL_FOLDER [READ_BUFFER_BYTES]
//
// Fetches every file of REMOTE_FOLDER (relative to the user's start folder) into SPOOL_FOLDER in one
// session, and prints one line: `files=N bytes=B seconds=S MB/s=R`.
import Foundation
import Transport

let arguments = CommandLine.arguments
guard arguments.count >= 8, let port = Int(arguments[2]) else {
    FileHandle.standardError.write(
        Data(
            "usage: transport-bench HOST PORT USER KEY KNOWN_HOSTS REMOTE_FOLDER SPOOL_FOLDER [READ_BUFFER_BYTES]\n"
                .utf8))
    exit(2)
}
let configuration = SFTPConfiguration(
    host: arguments[1], port: port, user: arguments[3], authentication: .privateKey(path: arguments[4]),
    knownHostsPath: arguments[5], readBufferSize: arguments.count > 8 ? Int(arguments[8]) ?? 1 << 20 : 1 << 20)
let folder = try RemotePath(arguments[6])
// As the intake poller does: one flush of the spool for the whole batch.
let spool = Spool(root: try LocalRoot(arguments[7], create: true), durability: .batch)

let clock = ContinuousClock()
let started = clock.now
let (files, bytes) = try await SFTPEndpoint(configuration: configuration).withSession { session in
    var bytes: Int64 = 0
    let entries = try session.list(folder).entries.filter { $0.kind == .file }
    for entry in entries {
        bytes += try session.fetch(entry.path, into: spool).size
    }
    try spool.syncBatch()
    return (entries.count, bytes)
}
let elapsed = clock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
    String(format: "files=%d bytes=%lld seconds=%.3f MB/s=%.1f", files, bytes, seconds, Double(bytes) / seconds / 1e6))
