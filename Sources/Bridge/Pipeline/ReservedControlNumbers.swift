import Store
import Synchronization
import X12

/// Hands the synchronous `AckBuilder` control numbers the store allocated beforehand (the store is
/// asynchronous; allocation is atomic and durable there). Numbers reserved and not used leave a gap,
/// which partners accept; a number is never handed out twice.
final class ReservedControlNumbers: ControlNumbers {
    private let queues: Mutex<[String: [Int]]>

    private init(_ queues: [String: [Int]]) { self.queues = Mutex(queues) }

    /// Reserves what one acknowledgement of `interchange` may take: one interchange number and one group
    /// number per group version (the builder opens one group per kind and version).
    static func reserve(for interchange: InterchangeResult, from store: any Store) async throws -> ReservedControlNumbers {
        let sender = interchange.header.receiverID
        let receiver = interchange.header.senderID
        let groupCount = Set(interchange.groups.map(\.header.version)).count
        let numbers = try await store.reserveControlNumbers(
            interchanges: 1, groups: groupCount, sender: sender, receiver: receiver)
        var queues: [String: [Int]] = [:]
        queues[key(.interchange, sender, receiver)] = numbers.interchanges
        queues[key(.group, sender, receiver)] = numbers.groups
        return ReservedControlNumbers(queues)
    }

    func next(_ kind: ControlNumberKind, sender: String, receiver: String) throws -> Int {
        try queues.withLock { queues in
            let key = Self.key(kind, sender, receiver)
            guard var queue = queues[key], !queue.isEmpty else { throw ReservationExhausted(kind: kind) }
            let number = queue.removeFirst()
            queues[key] = queue
            return number
        }
    }

    private static func key(_ kind: ControlNumberKind, _ sender: String, _ receiver: String) -> String {
        "\(kind.rawValue)|\(sender)|\(receiver)"
    }
}

/// The builder asked for more numbers than were reserved: a bug in `reserve`, reported rather than
/// answered with a made-up number.
struct ReservationExhausted: Error, CustomStringConvertible {
    var kind: ControlNumberKind
    var description: String { "no reserved \(kind.rawValue) control number left for this acknowledgement" }
}
