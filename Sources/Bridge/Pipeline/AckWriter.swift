public import Store
public import Transport
public import Foundation

/// Where a partner's acknowledgements go: an endpoint (folder or SFTP) and a folder on it.
public struct AckDestination: Sendable {
    public var name: String
    public var endpoint: any Endpoint
    public var folder: RemotePath

    public init(name: String, endpoint: any Endpoint, folder: RemotePath) {
        self.name = name
        self.endpoint = endpoint
        self.folder = folder
    }
}

/// What one pass of the ack writer did.
public struct AckWriteReport: Sendable {
    public var written: [String] = []
    public var failures: [(ack: AckID, reason: String)] = []
}

/// Writes committed ack rows to their partners, whole or not at all (temporary name, then rename), and
/// marks them sent. Only rows that `commitIngest` made durable exist, so an ack never runs ahead of the
/// data it answers for.
///
/// A pass writes its acks first and then marks them all sent in one store transaction
/// (`Store.markAcksSent`). A crash between a write and that mark leaves the row pending: the next pass finds the file
/// already there under its name with the same size and only marks it sent. A partner that took the file
/// away in between gets it a second time, with the same control number (at-least-once, never lost).
public struct AckWriter: Sendable {
    public var store: any Store
    public var targets: [String: AckDestination]
    public var now: @Sendable () -> Date

    public init(store: any Store, targets: [AckDestination], now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.targets = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.now = now
    }

    /// Writes every pending ack (up to `limit`) and answers what happened.
    public func writePending(limit: Int = 500) async throws -> AckWriteReport {
        var report = AckWriteReport()
        var written: [(mark: AckSentMark, fileName: String)] = []
        for ack in try await store.pendingAcks(limit: limit) {
            guard let id = ack.id else { continue }
            guard let target = targets[ack.target] else {
                report.failures.append((id, "no ack target named '\(ack.target)' is configured"))
                continue
            }
            do {
                let path = try target.folder.appending(RemoteName(ack.fileName))
                let bytes = [UInt8](ack.bytes)
                let folder = target.folder
                try await target.endpoint.withSession { session in
                    try session.makeFolder(folder)
                    do {
                        try session.put(.bytes(bytes), as: path)
                    } catch let error as TransportError where error.code == .conflict {
                        // Written before a crash: the same name with the same size is this ack.
                        guard let existing = try session.stat(path), existing.size == Int64(bytes.count) else { throw error }
                    }
                }
                written.append((AckSentMark(id: id, writtenAs: "\(target.name):\(path)"), ack.fileName))
            } catch {
                report.failures.append((id, "\(error)"))
            }
        }
        // Every file above is durable (written whole and synced); one transaction marks them all.
        guard !written.isEmpty else { return report }
        do {
            let missing = Set(try await store.markAcksSent(written.map(\.mark), at: now()))
            for (mark, fileName) in written {
                if missing.contains(mark.id) {
                    report.failures.append((mark.id, "ack \(mark.id) does not exist"))
                } else {
                    report.written.append(fileName)
                }
            }
        } catch {
            // Written but not marked: the next pass finds each file in place and only marks it.
            for (mark, _) in written { report.failures.append((mark.id, "written, not marked sent: \(error)")) }
        }
        return report
    }
}
