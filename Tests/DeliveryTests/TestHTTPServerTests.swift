import AsyncHTTPClient
import Foundation
import HTTPTestSupport
import NIOCore
import NIOHTTP1
import Store
import Testing

/// The test server itself: others' tests lean on it, so its script and records are checked here.
@Suite struct TestHTTPServerTests {
    struct Reply: Equatable {
        var status: Int
        var body: String
        var retryAfter: String?
        init(_ status: Int, _ body: String, _ retryAfter: String?) {
            self.status = status
            self.body = body
            self.retryAfter = retryAfter
        }
    }

    func post(_ client: HTTPClient, _ url: String, body: String, key: String) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Idempotency-Key", value: key)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Reply(Int(response.status.code), String(buffer: bytes), response.headers.first(name: "retry-after"))
    }

    @Test func answersFromTheScriptAndRecordsEveryRequestInOrder() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(503, body: "down"), .tooManyRequests(retryAfter: "3"))
        server.enqueue(.status(400, body: "bad"), path: "/b")
        server.setDefault(.ok("fine"), path: "/c")
        try await withHTTPClient { client in
            var reply = try await post(client, server.baseURL + "/a", body: "1", key: "k1")
            #expect(reply == Reply(503, "down", nil))
            reply = try await post(client, server.baseURL + "/b?x=1", body: "2", key: "k2")
            #expect(reply == Reply(400, "bad", nil))
            reply = try await post(client, server.baseURL + "/a", body: "3", key: "k3")
            #expect(reply == Reply(429, "", "3"))
            reply = try await post(client, server.baseURL + "/a", body: "4", key: "k4")
            #expect(reply == Reply(204, "", nil))
            reply = try await post(client, server.baseURL + "/c", body: "5", key: "k5")
            #expect(reply == Reply(200, "fine", nil))
        }
        let requests = server.requests
        #expect(requests.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(requests.map(\.path) == ["/a", "/b", "/a", "/a", "/c"])
        #expect(requests[1].target == "/b?x=1")
        #expect(requests.map(\.bodyString) == ["1", "2", "3", "4", "5"])
        #expect(requests.map { $0.header("idempotency-key") } == ["k1", "k2", "k3", "k4", "k5"])
        await server.stop()
    }

    @Test func dropsTheConnectionWithoutAnAnswer() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.drop)
        try await withHTTPClient { client in
            await #expect(throws: HTTPClientError.remoteConnectionClosed) {
                try await post(client, server.baseURL + "/x", body: "1", key: "k")
            }
        }
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func stopDoesNotWaitForASlowAnswer() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.ok().delayed(by: .seconds(600)))
        try await withHTTPClient { client in
            var request = HTTPClientRequest(url: server.baseURL + "/slow")
            request.method = .POST
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await client.execute(request, timeout: .milliseconds(200))
            }
        }
        try await server.waitForRequests(count: 1)
        await server.stop()
    }

    @Test func aResponderDecidesBeforeTheQueuesAndCanLeaveRequestsToThem() async throws {
        let server = try await TestHTTPServer.start()
        server.enqueue(.status(202))
        server.setResponder { request in request.path == "/odd" ? .status(418, body: "odd #\(request.sequence)") : nil }
        try await withHTTPClient { client in
            var reply = try await post(client, server.baseURL + "/odd", body: "1", key: "k1")
            #expect(reply == Reply(418, "odd #1", nil))
            reply = try await post(client, server.baseURL + "/even", body: "2", key: "k2")
            #expect(reply == Reply(202, "", nil))
            reply = try await post(client, server.baseURL + "/even", body: "3", key: "k2")
            #expect(reply == Reply(204, "", nil))
        }
        #expect(server.idempotencyKeys() == ["k1", "k2", "k2"])
        await server.stop()
    }
}
