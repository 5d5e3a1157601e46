import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The OAuth2 client credentials token of one destination: fetched once, shared by concurrent requests,
/// fetched again shortly before it expires or after the API refused it with 401.
///
/// "Shortly before" is half the token's lifetime or 30 seconds, whichever is less. A token without
/// `expires_in` is kept until a 401. Concurrent callers wait for one fetch, never start their own.
actor OAuth2TokenCache {
    private struct Token {
        var value: String
        var refreshAt: Date?
    }

    private let settings: OAuth2ClientCredentials
    private let destination: String
    private let client: HTTPClient
    private let timeout: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var token: Token?
    private var fetching: Task<Token, any Error>?

    init(
        settings: OAuth2ClientCredentials, destination: String, client: HTTPClient, timeout: Duration,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.settings = settings
        self.destination = destination
        self.client = client
        self.timeout = timeout
        self.now = now
        self.logger = logger
    }

    /// A token that is not about to expire.
    ///
    /// - Throws: `DeliveryError` `.tokenRequest` when the token endpoint fails or answers without a token.
    func current() async throws -> String {
        if let token, token.refreshAt.map({ now() < $0 }) ?? true { return token.value }
        if let fetching { return try await fetching.value.value }
        // One fetch for every waiting caller: the task is awaited right here and cleared when it ends.
        let task = Task { [settings, destination, client, timeout, now, logger] in
            try await Self.fetch(
                settings, destination: destination, client: client, timeout: timeout, now: now, logger: logger)
        }
        fetching = task
        defer { fetching = nil }
        let fresh = try await task.value
        token = fresh
        return fresh.value
    }

    /// The API answered 401 to `value`: forget it (unless a newer token already replaced it).
    func invalidate(_ value: String) {
        if token?.value == value { token = nil }
    }

    private static func fetch(
        _ settings: OAuth2ClientCredentials, destination: String, client: HTTPClient, timeout: Duration,
        now: @Sendable () -> Date, logger: Logger
    ) async throws -> Token {
        func failure(_ message: String) -> DeliveryError {
            DeliveryError(code: .tokenRequest, destination: destination, key: "auth.tokenURL", message: message)
        }
        var form = [("grant_type", "client_credentials")]
        var request = HTTPClientRequest(url: settings.tokenURL)
        request.method = .POST
        switch settings.clientAuthentication {
        case .basic:
            // RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined.
            let pair = formEncoded(settings.clientID) + ":" + formEncoded(settings.clientSecret.value)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        case .body:
            form.append(("client_id", settings.clientID))
            form.append(("client_secret", settings.clientSecret.value))
        }
        if let scope = settings.scope { form.append(("scope", scope)) }
        let body = form.map { formEncoded($0.0) + "=" + formEncoded($0.1) }.joined(separator: "&")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let fetchedAt = now()
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(
                request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)), logger: logger)
            bytes = try await response.body.collect(upTo: 256 * 1024)
        } catch {
            throw failure("the token endpoint could not be reached: \(error)")
        }
        guard (200...299).contains(response.status.code) else {
            throw failure("the token endpoint answered HTTP \(response.status.code)")
        }
        struct Answer: Decodable {
            var access_token: String
            var expires_in: Double?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(bytes.readableBytesView)),
            !answer.access_token.isEmpty
        else {
            throw failure("the token endpoint answered without an access_token")
        }
        let refreshAt = answer.expires_in.map { lifetime in
            fetchedAt.addingTimeInterval(lifetime - min(lifetime / 2, 30))
        }
        logger.debug("fetched an OAuth2 token", metadata: ["destination.name": "\(destination)"])
        return Token(value: answer.access_token, refreshAt: refreshAt)
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value: unreserved characters kept, space
/// as `%20` (accepted by every server, unlike `+` inside Basic credentials), everything else `%XX`.
func formEncoded(_ value: String) -> String { percentEncoded(value) }
