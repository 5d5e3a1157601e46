import Bridge
import Foundation
import Store

/// What the API and the pages show, computed from the store and the configuration.
struct ConsoleData: Sendable {
    let store: any Store
    let partners: [PartnerSettings]
    let destinations: [DestinationSettings]
    /// The window of a partner's error rate.
    let partnerWindowDays: Int
    let now: @Sendable () -> Date
    let circuitState: @Sendable (String) -> String?

    func partnerViews() async throws -> [PartnerJSON] {
        let since = now().addingTimeInterval(-Double(partnerWindowDays) * 86_400)
        let activity = Dictionary(
            try await store.partnerActivity(since: since).map { ($0.partner, $0) }, uniquingKeysWith: { a, _ in a })
        let configured = Dictionary(partners.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(configured.keys).union(activity.keys).sorted()
        return ids.map { id in
            let seen = activity[id]
            let files = seen?.files ?? 0
            let notProcessed = seen?.filesNotProcessed ?? 0
            return PartnerJSON(
                id: id, name: configured[id]?.name, configured: configured[id] != nil,
                lastFile: seen?.lastFile.map {
                    PartnerJSON.LastFile(
                        id: $0.id?.rawValue ?? 0, name: $0.name, outcome: $0.outcome.rawValue, receivedAt: $0.receivedAt
                    )
                },
                lastAck: seen?.lastAck.map {
                    PartnerJSON.LastAck(
                        kind: $0.kind, code: $0.code, answersInterchange: $0.answersInterchange,
                        controlNumber: $0.controlNumber, createdAt: seen?.lastAckCreatedAt, sentAt: $0.sentAt)
                },
                windowDays: partnerWindowDays, files: files, filesNotProcessed: notProcessed,
                errorRate: files == 0 ? nil : Double(notProcessed) / Double(files))
        }
    }

    func destinationViews() async throws -> [DestinationJSON] {
        let summaries = Dictionary(
            try await store.destinationSummaries().map { ($0.destination, $0) }, uniquingKeysWith: { a, _ in a })
        let configured = Dictionary(destinations.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        return Set(configured.keys).union(summaries.keys).sorted().map { id in
            let summary = summaries[id]
            let kind: String? =
                switch configured[id]?.kind {
                case .some(.http): "http"
                case .some(.folder): "folder"
                case .none: nil
                }
            let pending = summary?.pending ?? 0
            let retrying = summary?.retrying ?? 0
            return DestinationJSON(
                id: id, kind: kind, configured: configured[id] != nil, pending: pending, retrying: retrying,
                delivered: summary?.delivered ?? 0, dead: summary?.dead ?? 0, backlog: pending + retrying,
                oldestWaiting: summary?.oldestWaiting, lastError: summary?.lastError, circuit: circuitState(id))
        }
    }

    func overview() async throws -> OverviewJSON {
        let activity = try await store.activity(since: now().addingTimeInterval(-86_400))
        return OverviewJSON(
            since: activity.since, filesByOutcome: activity.filesByOutcome, events: activity.events,
            attemptsByResult: activity.attemptsByResult, destinations: try await destinationViews())
    }
}
