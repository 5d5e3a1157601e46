import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Store

/// A query parameter's value; an empty one (`?partner=`, as a form with an empty field sends it) is absent.
func parameter(_ request: Request, _ name: String) -> String? {
    guard let value = request.uri.queryParameters[name[...]], !value.isEmpty else { return nil }
    return String(value)
}

/// Limit and offset of a paginated route.
struct Page {
    static let defaultLimit = 50
    static let maxLimit = 500
    var limit: Int
    var offset: Int

    init(_ request: Request) throws(ConsoleError) {
        limit = try Self.integer(request, "limit", default: Self.defaultLimit, in: 1...Self.maxLimit)
        offset = try Self.integer(request, "offset", default: 0, in: 0...Int(Int32.max))
    }

    static func integer(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>)
        throws(ConsoleError) -> Int
    {
        guard let text = parameter(request, name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConsoleError(
                .invalidParameter,
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                parameter: name)
        }
        return number
    }

    /// One more row than the page is fetched to know whether a next page exists.
    var fetchLimit: Int { limit + 1 }

    func json<Item: Encodable>(_ rows: [Item]) -> PageJSON<Item> {
        PageJSON(
            items: Array(rows.prefix(limit)), limit: limit, offset: offset,
            nextOffset: rows.count > limit ? offset + limit : nil)
    }
}

extension ConsoleServer {
    func addAPI(_ api: RouterGroup<ConsoleRequestContext>) {
        api.get("files") { request, _ in
            let page = try Page(request)
            let query = try fileQuery(request, page: page)
            return JSONResponse.make(page.json(try await data.store.files(query).map(FileJSON.init)))
        }
        api.get("files/:id") { _, context in
            let id = try fileID(context)
            guard let lineage = try await data.store.lineage(of: id) else {
                throw ConsoleError(.notFound, "no file \(id)")
            }
            return JSONResponse.make(LineageJSON(lineage))
        }
        api.get("events") { request, _ in
            let page = try Page(request)
            var file: FileID?
            if let text = parameter(request, "file") {
                guard let number = Int64(text), number > 0 else {
                    throw ConsoleError(.invalidParameter, "file must be a file id, not '\(text)'", parameter: "file")
                }
                file = FileID(rawValue: number)
            }
            let type = parameter(request, "type")
            let rows = try await data.store.events(
                EventQuery(file: file, type: type, limit: page.fetchLimit, offset: page.offset))
            return JSONResponse.make(page.json(rows.map(EventJSON.init)))
        }
        api.get("dead-letters") { request, _ in
            let page = try Page(request)
            let destination = parameter(request, "destination")
            let rows = try await data.store.deadLetters(
                destination: destination, limit: page.fetchLimit, offset: page.offset)
            return JSONResponse.make(page.json(rows.map(DeadLetterJSON.init)))
        }
        api.post("replay") { request, context in
            let body = try await jsonBody(ReplayRequest.self, request)
            let (selector, target) = try replaySelector(body)
            let count = try await data.store.replay(
                selector, actor: context.actor, reason: body.reason, now: options.clock())
            logger.notice(
                "replay", metadata: ["actor": "\(context.actor)", "target": "\(target)", "rows": "\(count)"])
            return JSONResponse.make(ReplayJSON(replayed: count, target: target, actor: context.actor))
        }
        api.get("partners") { _, _ in JSONResponse.make(try await data.partnerViews()) }
        api.get("destinations") { _, _ in JSONResponse.make(try await data.destinationViews()) }
        api.get("overview") { _, _ in JSONResponse.make(try await data.overview()) }
        api.get("audit") { request, _ in
            let page = try Page(request)
            let rows = try await data.store.auditLog(limit: page.fetchLimit, offset: page.offset)
            return JSONResponse.make(
                page.json(
                    rows.map {
                        AuditJSON(at: $0.at, actor: $0.actor, action: $0.action, target: $0.target, detail: $0.detail)
                    }))
        }
    }

    func fileID(_ context: ConsoleRequestContext) throws(ConsoleError) -> FileID {
        let text = context.parameters.get("id") ?? ""
        guard let number = Int64(text), number > 0 else {
            throw ConsoleError(
                .invalidParameter, "a file id is a positive whole number, not '\(text)'", parameter: "id")
        }
        return FileID(rawValue: number)
    }

    func fileQuery(_ request: Request, page: Page) throws(ConsoleError) -> FileQuery {
        var outcome: FileOutcome?
        if let text = parameter(request, "outcome") {
            guard let value = FileOutcome(rawValue: String(text)) else {
                let known = FileOutcome.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConsoleError(
                    .invalidParameter, "outcome must be one of \(known), not '\(text)'", parameter: "outcome")
            }
            outcome = value
        }
        return FileQuery(
            partner: parameter(request, "partner"), outcome: outcome,
            receivedAfter: try date(request, "from"), receivedBefore: try date(request, "to"),
            limit: page.fetchLimit, offset: page.offset)
    }

    /// A `from`/`to` parameter: a date (`2026-11-27`, midnight UTC) or a time (`2026-11-27T08:00:00Z`).
    func date(_ request: Request, _ name: String) throws(ConsoleError) -> Date? {
        guard let text = parameter(request, name) else { return nil }
        if let time = try? Date(text, strategy: .iso8601) { return time }
        if let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return day }
        throw ConsoleError(
            .invalidParameter,
            "\(name) must be a date (2026-11-27) or an ISO 8601 time (2026-11-27T08:00:00Z), not '\(text)'",
            parameter: name)
    }

    /// The request body, at most `maxBodyBytes`.
    func body(_ request: Request) async throws -> ByteBuffer {
        let limit = options.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw ConsoleError(.bodyTooLarge, "the body has \(length) bytes; at most \(limit) are taken")
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch {
            throw ConsoleError(.bodyTooLarge, "the body has more than \(limit) bytes")
        }
    }

    /// A JSON body decoded as `type`; the error names the key at fault.
    func jsonBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/json") else {
            throw ConsoleError(.unsupportedMediaType, "the body must be JSON (Content-Type: application/json)")
        }
        let buffer = try await body(request)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConsoleError(
                .invalidBody, "the body lacks '\(Self.path(context.codingPath + [key]))'",
                parameter: Self.path(context.codingPath + [key]))
        } catch let DecodingError.typeMismatch(_, context) {
            throw ConsoleError(
                .invalidBody, "'\(Self.path(context.codingPath))' has the wrong type",
                parameter: Self.path(context.codingPath))
        } catch let DecodingError.valueNotFound(_, context) {
            throw ConsoleError(
                .invalidBody, "'\(Self.path(context.codingPath))' is null", parameter: Self.path(context.codingPath))
        } catch {
            throw ConsoleError(.invalidBody, "the body is not a JSON object")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }

    func replaySelector(_ body: ReplayRequest) throws(ConsoleError) -> (ReplaySelector, String) {
        guard !body.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ConsoleError(.invalidBody, "a replay needs a reason for the audit log", parameter: "reason")
        }
        switch (body.event, body.destination, body.file) {
        case (let event?, nil, nil) where !event.isEmpty: return (.event(event), "event \(event)")
        case (nil, let destination?, nil) where !destination.isEmpty:
            return (.deadLetters(destination: destination), "destination \(destination) dead letters")
        case (nil, nil, let file?) where file > 0: return (.file(FileID(rawValue: file)), "file \(file)")
        default:
            throw ConsoleError(.invalidBody, "name exactly one of 'event', 'destination' or 'file'")
        }
    }
}
