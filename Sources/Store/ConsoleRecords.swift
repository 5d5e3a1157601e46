public import Foundation

/// A filter over stored events, newest first.
public struct EventQuery: Sendable, Hashable {
    /// Only the events of this file (then in file order, oldest first).
    public var file: FileID?
    public var type: String?
    public var limit: Int
    public var offset: Int
    public init(file: FileID? = nil, type: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.file = file
        self.type = type
        self.limit = limit
        self.offset = offset
    }
}

/// A stored event with the file it came from (its JSON stays in the lineage).
public struct EventListing: Sendable, Hashable, Codable {
    public var fileID: FileID
    public var fileName: String
    public var partner: String?
    public var receivedAt: Date
    public var id: String
    public var type: String
    public var subject: String?
    public var time: String?
    public var transactionIndex: Int
    public init(
        fileID: FileID, fileName: String, partner: String?, receivedAt: Date, id: String, type: String,
        subject: String?,
        time: String?, transactionIndex: Int
    ) {
        self.fileID = fileID
        self.fileName = fileName
        self.partner = partner
        self.receivedAt = receivedAt
        self.id = id
        self.type = type
        self.subject = subject
        self.time = time
        self.transactionIndex = transactionIndex
    }
}

/// One partner (as named on its files and acks) at a glance.
public struct PartnerActivity: Sendable, Hashable {
    public var partner: String
    /// Its newest file, if any.
    public var lastFile: FileRecord?
    /// Its newest ack row (written or not), if any, with when it was created.
    public var lastAck: AckRecord?
    public var lastAckCreatedAt: Date?
    /// Files received since the `since` of the query, and how many of them were not `processed`
    /// (`partial`, `rejected`, `duplicate` or `failed`).
    public var files: Int
    public var filesNotProcessed: Int
    public init(
        partner: String, lastFile: FileRecord?, lastAck: AckRecord?, lastAckCreatedAt: Date?, files: Int,
        filesNotProcessed: Int
    ) {
        self.partner = partner
        self.lastFile = lastFile
        self.lastAck = lastAck
        self.lastAckCreatedAt = lastAckCreatedAt
        self.files = files
        self.filesNotProcessed = filesNotProcessed
    }
}

/// What happened since a time: the overview of the console.
public struct ActivitySummary: Sendable, Hashable, Codable {
    public var since: Date
    /// Files received, by outcome (every outcome present, zero when none).
    public var filesByOutcome: [String: Int]
    /// Events of the files received.
    public var events: Int
    /// Delivery attempts by result (`delivered`, `retry`, `deadLetter`; every result present).
    public var attemptsByResult: [String: Int]
    public init(since: Date, filesByOutcome: [String: Int], events: Int, attemptsByResult: [String: Int]) {
        self.since = since
        self.filesByOutcome = filesByOutcome
        self.events = events
        self.attemptsByResult = attemptsByResult
    }
}
