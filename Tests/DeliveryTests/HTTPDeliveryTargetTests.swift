import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTestSupport
import NIOCore
import NIOHTTP1
import Store
import Testing

@testable import Delivery

@Suite struct HTTPDeliveryTargetTests {
    // MARK: Auth headers

    @Test func sendsNoAuthorizationForNoneButTheIdempotencyKeyAndStaticHeaders() async throws {
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(
                    server.baseURL,
                    headers: [
                        HTTPHeaderField(name: "X-Tenant", value: "north"),
                        HTTPHeaderField(name: "Content-Type", value: "application/json"),
                    ]
                ),
                client: client, logger: quietLogger
            )
            let sent = item(eventID: "ev-1")
            #expect(await target.deliver(sent) == .delivered(status: 204))
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/events")
            #expect(request.header("Authorization") == nil)
            #expect(request.header("Idempotency-Key") == IdempotencyKey.make(eventID: "ev-1", destination: "erp"))
            #expect(request.header("X-Tenant") == "north")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.body == Array(sent.body))
        }
        await server.stop()
    }

    @Test func aDestinationHeaderOverridesEveryBuiltInOrPerRequestHeaderOfItsNameOnce() async throws {
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let wrap = BodyTransform(name: "erp-wrap") { json in json }
            let target = try HTTPDeliveryTarget(
                destination: destination(
                    server.baseURL, auth: .bearer(token: "t0"),
                    routes: [EventRoute(eventType: "*", path: "/events", body: wrap)],
                    headers: [
                        HTTPHeaderField(name: "idempotency-key", value: "fixed-key"),
                        HTTPHeaderField(name: "AUTHORIZATION", value: "Token static"),
                        HTTPHeaderField(name: "content-type", value: "text/plain"),
                        HTTPHeaderField(name: "X-Tenant", value: "north"),
                    ]),
                client: client, logger: quietLogger)
            for id in ["ev-1", "ev-2"] {
                #expect(await target.deliver(item(eventID: id)) == .delivered(status: 204))
            }
            #expect(server.requests.count == 2)
            for request in server.requests {
                #expect(request.headerValues("Idempotency-Key") == ["fixed-key"])
                #expect(request.headerValues("Authorization") == ["Token static"])
                #expect(request.headerValues("Content-Type") == ["text/plain"])
                #expect(request.headerValues("X-Tenant") == ["north"])
                #expect(request.headerValues("Accept") == ["application/json, */*;q=0.5"])
                #expect(request.headerValues("User-Agent") == ["crossdock"])
            }
        }
        await server.stop()
    }

    @Test func aRouteBodyTransformMakesTheBodyAndItsContentTypeAndAFailingOneDeadLetters() async throws {
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let wrap = BodyTransform(name: "erp-wrap") { json in Array(#"{"wrapped":"#.utf8) + json + Array("}".utf8) }
            struct Refusal: Error, CustomStringConvertible { var description: String }
            let broken = BodyTransform(name: "erp-broken") { _ in throw Refusal(description: "field 'load' is required") }
            let target = try HTTPDeliveryTarget(
                destination: destination(
                    server.baseURL,
                    routes: [
                        EventRoute(eventType: "shipment.status", path: "/status", body: wrap),
                        EventRoute(eventType: "freight.invoice", path: "/invoices", body: broken),
                        EventRoute(eventType: "*", path: "/events"),
                    ]),
                client: client, logger: quietLogger)
            let status = item(eventID: "ev-1")
            #expect(await target.deliver(status) == .delivered(status: 204))
            let request = try #require(server.requests.first)
            #expect(request.path == "/status")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.body == Array(#"{"wrapped":{"specversion":"1.0","id":"e1"}}"#.utf8))
            #expect(request.header("Idempotency-Key") == IdempotencyKey.make(eventID: "ev-1", destination: "erp"))

            // No transform on the fallback: the CloudEvent itself, with the destination's content type.
            #expect(await target.deliver(item(eventID: "ev-2", type: "load.tendered")) == .delivered(status: 204))
            #expect(server.requests.last?.header("Content-Type") == "application/cloudevents+json")
            #expect(server.requests.last?.body == Array(#"{"specversion":"1.0","id":"e1"}"#.utf8))

            // A body that cannot be made is dead-lettered at once, without a request.
            let outcome = await target.deliver(item(eventID: "ev-3", type: "freight.invoice"))
            guard case .deadLetter(nil, let reason, nil) = outcome else {
                Issue.record("expected a dead letter, got \(outcome)")
                return
            }
            #expect(reason.hasPrefix("body mapping erp-broken cannot make the request body: "))
            #expect(reason.contains("field 'load' is required"))
            #expect(server.requests.count == 2)
        }
        await server.stop()
    }

    @Test func bearerBasicAndAPIKeyHeadersAreExact() async throws {
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            let cases: [(HTTPAuth, String, String)] = [
                (.bearer(token: "tok-123"), "Authorization", "Bearer tok-123"),
                // base64("crossdock:pa:ss wörd")
                (
                    .basic(user: "crossdock", password: "pa:ss wörd"), "Authorization",
                    "Basic " + Data("crossdock:pa:ss wörd".utf8).base64EncodedString()
                ),
                (.apiKey(header: "X-API-Key", value: "k-789"), "X-API-Key", "k-789"),
            ]
            for (auth, header, expected) in cases {
                server.clearRequests()
                let target = try HTTPDeliveryTarget(
                    destination: destination(server.baseURL, auth: auth), client: client, logger: quietLogger
                )
                #expect(await target.deliver(item()) == .delivered(status: 204))
                #expect(server.requests.first?.header(header) == expected)
            }
            #expect(Data("crossdock:pa:ss wörd".utf8).base64EncodedString() == "Y3Jvc3Nkb2NrOnBhOnNzIHfDtnJk")
        }
        await server.stop()
    }

    @Test func signsTheStandardWebhooksWay() async throws {
        let server = try await TestHTTPServer.start()
        let key = Array("a signing key of 32 bytes exactly".utf8)
        let secret = Secret("whsec_" + Data(key).base64EncodedString())
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_123))
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .hmacSHA256(secret: secret)), client: client,
                logger: quietLogger, now: { clock.now }
            )
            let sent = item(eventID: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", body: #"{"test": 2432232314}"#)
            #expect(await target.deliver(sent) == .delivered(status: 204))
        }
        let request = try #require(server.requests.first)
        #expect(request.header("webhook-id") == "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
        #expect(request.header("webhook-timestamp") == "1800000123")
        // Recomputed here from what arrived, as a receiver would.
        let signed = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1800000123." + request.bodyString
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signed.utf8), using: SymmetricKey(data: key))
        #expect(request.header("webhook-signature") == "v1," + Data(mac).base64EncodedString())
        await server.stop()
    }

    @Test func matchesTheStandardWebhooksReferenceSignature() throws {
        // The example of the Standard Webhooks specification.
        let signer = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(
            signer.signature(
                id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8)
            )
                == "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        )
    }

    @Test func rejectsASigningSecretThatIsNotWhsecBase64WithoutRepeatingIt() async throws {
        try await withHTTPClient { client in
            for bad in ["s3cr3t-plain", "whsec_***not base64***", "whsec_"] {
                do throws(DeliveryError) {
                    _ = try HTTPDeliveryTarget(
                        destination: destination("http://127.0.0.1:1", auth: .hmacSHA256(secret: Secret(bad))),
                        client: client, logger: quietLogger
                    )
                    Issue.record("accepted \(bad.count)-character secret")
                } catch {
                    #expect(error.code == .invalidSetting)
                    #expect(error.key == "auth.secret")
                    #expect(!error.description.contains("s3cr3t") && !error.description.contains("not base64***"))
                }
            }
        }
    }

    // MARK: OAuth2

    @Test func fetchesTheTokenOnceCachesItAndRefreshesBeforeExpiry() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(
            .json(#"{"access_token":"tok-1","token_type":"Bearer","expires_in":120}"#),
            .json(#"{"access_token":"tok-2","token_type":"Bearer","expires_in":120}"#),
            path: "/oauth/token"
        )
        let clock = ManualClock()
        let settings = OAuth2ClientCredentials(
            tokenURL: server.baseURL + "/oauth/token", clientID: "crossdock", clientSecret: "cs&1",
            scope: "events.write"
        )
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .oauth2ClientCredentials(settings)), client: client,
                logger: quietLogger, now: { clock.now }
            )
            // Three concurrent sends share one token request.
            await withTaskGroup(of: Void.self) { group in
                for n in 1...3 { group.addTask { _ = await target.deliver(item(eventID: "ev-\(n)")) } }
            }
            clock.advance(by: 89)  // refresh at 120 - min(60, 30) = 90 s
            _ = await target.deliver(item(eventID: "ev-4"))
            clock.advance(by: 1)
            _ = await target.deliver(item(eventID: "ev-5"))
        }
        let tokenRequests = server.requests(path: "/oauth/token")
        #expect(tokenRequests.count == 2)
        let first = try #require(tokenRequests.first)
        #expect(first.method == "POST")
        #expect(first.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(first.header("Authorization") == "Basic " + Data("crossdock:cs%261".utf8).base64EncodedString())
        #expect(first.bodyString == "grant_type=client_credentials&scope=events.write")
        let events = server.requests(path: "/events").sorted { $0.sequence < $1.sequence }
        #expect(
            events.map { $0.header("Authorization") ?? "-" } == [
                "Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2",
            ])
        await server.stop()
    }

    @Test func aTokenWithoutExpiryIsKeptUntilA401() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.json(#"{"access_token":"t1"}"#), .json(#"{"access_token":"t2"}"#), path: "/token")
        server.enqueue(.status(204), .status(204), .status(401), .status(204), path: "/events")
        let clock = ManualClock()
        let settings = OAuth2ClientCredentials(tokenURL: server.baseURL + "/token", clientID: "id", clientSecret: "s")
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .oauth2ClientCredentials(settings)), client: client,
                logger: quietLogger, now: { clock.now }
            )
            _ = await target.deliver(item(eventID: "ev-1"))
            clock.advance(by: 86_400 * 365)
            _ = await target.deliver(item(eventID: "ev-2"))
            #expect(await target.deliver(item(eventID: "ev-3")) == .delivered(status: 204))
        }
        #expect(server.requests.map(\.path) == ["/token", "/events", "/events", "/events", "/token", "/events"])
        #expect(
            server.requests(path: "/events").map { $0.header("Authorization") }
                == ["Bearer t1", "Bearer t1", "Bearer t1", "Bearer t2"]
        )
        await server.stop()
    }

    @Test func fetchesANewTokenAfterA401AndSendsOnceMore() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(
            .json(#"{"access_token":"old","expires_in":3600}"#), .json(#"{"access_token":"new","expires_in":3600}"#),
            path: "/token")
        server.enqueue(.status(401, body: "token revoked"), .status(201), path: "/events")
        let settings = OAuth2ClientCredentials(
            tokenURL: server.baseURL + "/token", clientID: "id", clientSecret: "secret", clientAuthentication: .body
        )
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .oauth2ClientCredentials(settings)), client: client,
                logger: quietLogger
            )
            #expect(await target.deliver(item()) == .delivered(status: 201))
        }
        #expect(server.requests.map(\.path) == ["/token", "/events", "/token", "/events"])
        #expect(server.requests(path: "/events").map { $0.header("Authorization") } == ["Bearer old", "Bearer new"])
        #expect(
            server.requests(path: "/token").first?.bodyString
                == "grant_type=client_credentials&client_id=id&client_secret=secret")
        #expect(server.requests(path: "/token").first?.header("Authorization") == nil)
        await server.stop()
    }

    @Test func a401AfterAFreshTokenIsDeadLetteredAndATokenEndpointDownIsRetried() async throws {
        let server = try await TestHTTPServer.start()
        server.setDefault(.json(#"{"access_token":"t","expires_in":3600}"#), path: "/token")
        server.setDefault(.status(401, body: "no such client"), path: "/events")
        let settings = OAuth2ClientCredentials(
            tokenURL: server.baseURL + "/token", clientID: "id", clientSecret: "secret")
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .oauth2ClientCredentials(settings)), client: client,
                logger: quietLogger
            )
            #expect(
                await target.deliver(item())
                    == .deadLetter(
                        status: 401, reason: "HTTP 401: refused by the destination", responseBody: "no such client")
            )
            #expect(server.requests(path: "/events").count == 2)

            server.setDefault(.status(503), path: "/token")
            let down = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, auth: .oauth2ClientCredentials(settings)), client: client,
                logger: quietLogger
            )
            guard case .retry(nil, let reason, nil) = await down.deliver(item()) else {
                Issue.record("expected a retry")
                return
            }
            #expect(reason == "tokenRequest at destinations.erp.auth.tokenURL: the token endpoint answered HTTP 503")
            #expect(!reason.contains("secret"))
        }
        await server.stop()
    }

    // MARK: Answers

    @Test func classifiesAnswersOfARealServer() async throws {
        let server = try await TestHTTPServer.start()
        let longBody = String(repeating: "x", count: 10_000)
        server.enqueue(
            .status(201), .status(408), .tooManyRequests(retryAfter: "17"), .status(500), .status(503),
            .status(422, body: #"{"error":"unknown consignee"}"#), .status(404, body: longBody)
        )
        let outcomes = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL), client: client, logger: quietLogger)
            var outcomes: [DeliveryOutcome] = []
            for n in 1...7 { outcomes.append(await target.deliver(item(eventID: "ev-\(n)"))) }
            return outcomes
        }
        #expect(outcomes[0] == .delivered(status: 201))
        #expect(outcomes[1] == .retry(status: 408, reason: "HTTP 408", retryAfter: nil))
        #expect(outcomes[2] == .retry(status: 429, reason: "HTTP 429", retryAfter: 17))
        #expect(outcomes[3] == .retry(status: 500, reason: "HTTP 500", retryAfter: nil))
        #expect(outcomes[4] == .retry(status: 503, reason: "HTTP 503", retryAfter: nil))
        #expect(
            outcomes[5]
                == .deadLetter(
                    status: 422, reason: "HTTP 422: refused by the destination",
                    responseBody: #"{"error":"unknown consignee"}"#)
        )
        #expect(
            outcomes[6]
                == .deadLetter(
                    status: 404, reason: "HTTP 404: refused by the destination",
                    responseBody: String(repeating: "x", count: 4096)))
        await server.stop()
    }

    @Test func honoursRetryAfterAsAnHTTPDate() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.tooManyRequests(retryAfter: "Fri, 15 Jan 2027 08:00:45 GMT"))
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15 08:00:00 UTC
        let outcome = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL), client: client, logger: quietLogger, now: { clock.now }
            )
            return await target.deliver(item())
        }
        #expect(outcome == .retry(status: 429, reason: "HTTP 429", retryAfter: 45))
        await server.stop()
    }

    @Test func droppedConnectionIsRetried() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.drop)
        let outcome = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL), client: client, logger: quietLogger)
            return await target.deliver(item())
        }
        #expect(outcome == .retry(status: nil, reason: "connection closed before an answer", retryAfter: nil))
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func slowAnswerTimesOutAndIsRetried() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.ok().delayed(by: .seconds(30)))
        let outcome = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL, requestTimeout: .milliseconds(300)), client: client,
                logger: quietLogger
            )
            return await target.deliver(item())
        }
        #expect(outcome == .retry(status: nil, reason: "timed out", retryAfter: nil))
        await server.stop()
    }

    @Test func refusedConnectionIsRetried() async throws {
        let server = try await TestHTTPServer.start()
        let closedURL = server.baseURL
        await server.stop()
        let outcome = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(closedURL), client: client, logger: quietLogger)
            return await target.deliver(item())
        }
        guard case .retry(nil, let reason, nil) = outcome else {
            Issue.record("expected a retry, got \(outcome)")
            return
        }
        #expect(
            reason.hasPrefix("transport error") || reason.hasPrefix("HTTP client error") || reason.hasPrefix("connect"))
    }

    // MARK: Routes and keys

    @Test func routesByTypeWithFallbackAndPercentEncodedPaths() async throws {
        let server = try await TestHTTPServer.start()
        let routes = [
            EventRoute(eventType: "load.tendered", method: "PUT", path: "/loads/{subject}"),
            EventRoute(eventType: "*", path: "/inbox/{type}/{id}"),
        ]
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL + "/api/v2/", routes: routes), client: client,
                logger: quietLogger
            )
            _ = await target.deliver(item(eventID: "e/1", type: "load.tendered", subject: "SCAC 42/ü"))
            _ = await target.deliver(item(eventID: "e 2", type: "freight.invoice", subject: nil))
        }
        #expect(server.requests.map(\.method) == ["PUT", "POST"])
        #expect(
            server.requests.map(\.path) == ["/api/v2/loads/SCAC%2042%2F%C3%BC", "/api/v2/inbox/freight.invoice/e%202"])
        await server.stop()
    }

    @Test func anEventWithoutARouteIsDeadLetteredWithoutARequest() async throws {
        let server = try await TestHTTPServer.start()
        let outcome = try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(
                    server.baseURL, routes: [EventRoute(eventType: "load.tendered", path: "/loads")]),
                client: client, logger: quietLogger
            )
            return await target.deliver(item(type: "freight.invoice"))
        }
        #expect(
            outcome
                == .deadLetter(
                    status: nil,
                    reason: "no route for event type freight.invoice at destination erp (and no '*' route)",
                    responseBody: nil
                )
        )
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func idempotencyKeyIsTheSameOnRetryAndReplay() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(503), .drop, .status(200))
        try await withHTTPClient { client in
            let target = try HTTPDeliveryTarget(
                destination: destination(server.baseURL), client: client, logger: quietLogger)
            for attempt in 0..<3 { _ = await target.deliver(item(eventID: "ev-9", attempts: attempt)) }
            // A replay after a restart: a new target, the same event.
            let again = try HTTPDeliveryTarget(
                destination: destination(server.baseURL), client: client, logger: quietLogger)
            _ = await again.deliver(item(id: 77, eventID: "ev-9"))
        }
        let keys = server.requests.map { $0.header("Idempotency-Key") }
        #expect(keys.count == 4)
        #expect(Set(keys).count == 1)
        #expect(keys.first == IdempotencyKey.make(eventID: "ev-9", destination: "erp"))
        await server.stop()
    }

    @Test func customIdempotencyHeaderName() async throws {
        let server = try await TestHTTPServer.start()
        try await withHTTPClient { client in
            var settings = destination(server.baseURL)
            settings.idempotencyHeader = "X-Request-Id"
            let target = try HTTPDeliveryTarget(destination: settings, client: client, logger: quietLogger)
            _ = await target.deliver(item(eventID: "ev-1"))
        }
        #expect(
            server.requests.first?.header("X-Request-Id") == IdempotencyKey.make(eventID: "ev-1", destination: "erp"))
        #expect(server.requests.first?.header("Idempotency-Key") == nil)
        await server.stop()
    }

    @Test func rateLimitSpacesRequests() async throws {
        let server = try await TestHTTPServer.start()
        let elapsed = try await withHTTPClient { client in
            var settings = destination(server.baseURL)
            settings.rateLimit = 4
            settings.rateLimitBurst = 1
            let target = try HTTPDeliveryTarget(destination: settings, client: client, logger: quietLogger)
            let clock = ContinuousClock()
            return await clock.measure {
                await withTaskGroup(of: Void.self) { group in
                    for n in 1...3 { group.addTask { _ = await target.deliver(item(eventID: "ev-\(n)")) } }
                }
            }
        }
        // One at once, then one every 250 ms: the third cannot leave before 500 ms. (Arrival times at the server
        // are not compared: the first request also opens the connection and may arrive later than it left.)
        #expect(server.requests.count == 3)
        #expect(elapsed >= .milliseconds(490))
        await server.stop()
    }

    @Test func namesTheBadSetting() async throws {
        try await withHTTPClient { client in
            func key(_ settings: HTTPDestination) -> String? {
                do throws(DeliveryError) {
                    _ = try HTTPDeliveryTarget(destination: settings, client: client, logger: quietLogger)
                    return nil
                } catch {
                    return error.key + " | " + error.message
                }
            }
            #expect(key(destination("ftp://x")) == "baseURL | must be an absolute http:// or https:// URL with a host")
            #expect(key(destination("https://u:p@x")) == "baseURL | must not carry user info; put credentials in auth")
            #expect(
                key(destination("https://x", routes: [EventRoute(eventType: "load.tendered", path: "/a/{ID}")]))
                    == "routes[load.tendered].path | at character 4: unknown placeholder {ID}; use {id}, {type} or {subject}"
            )
            #expect(
                key(destination("https://x", auth: .bearer(token: "tok-s3cr3t\n")))
                    == "auth.token | the token holds a line break or control character (a trailing newline?)"
            )
            #expect(
                key(destination("https://x", headers: [HTTPHeaderField(name: "X-Tenant", value: "a\r\nX-Evil: 1")]))
                    == "headers[X-Tenant] | the value holds a line break or control character"
            )
            #expect(
                key(destination("https://x", auth: .basic(user: "a:b", password: "p")))
                    == "auth.user | a Basic auth user name cannot contain ':' (RFC 7617)"
            )
            #expect(
                key(destination("https://x", auth: .apiKey(header: "X Key", value: "k")))
                    == "auth.header | must be a header name (letters, digits and !#$%&'*+-.^_`|~)"
            )
            #expect(
                key(destination("https://x", routes: [EventRoute(eventType: "*", method: "DELETE", path: "/a")]))
                    == "routes[*].method | must be POST, PUT or PATCH, not DELETE"
            )
        }
    }
}
