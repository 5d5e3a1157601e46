import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import Delivery

/// The request writes of AsyncHTTPClient 1.37, as its connection handler makes them, through the request
/// encoder and the coalescer of a channel whose "socket" is the embedded channel's outbound buffer.
@Suite struct RequestFlushCoalescerTests {
    /// A channel with AsyncHTTPClient's request encoder and the coalescer installed as crossdock installs it.
    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
        try RequestFlushCoalescer.install(on: channel).wait()
        return channel
    }

    /// Everything written to the socket so far, as text.
    private func sent(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let data = try channel.readOutbound(as: IOData.self) {
            guard case .byteBuffer(let buffer) = data else {
                Issue.record("a file region was written")
                continue
            }
            text += String(buffer: buffer)
        }
        return text
    }

    /// Writes and flushes one part without waiting for its write to complete (as AsyncHTTPClient does:
    /// it passes no promise), since a held flush completes no write.
    private func send(_ channel: EmbeddedChannel, _ part: HTTPClientRequestPart) {
        channel.write(part, promise: nil)
        channel.flush()
    }

    private func head(length: Int) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/events/ACME-42")
        head.headers.add(name: "Content-Length", value: "\(length)")
        return head
    }

    @Test func holdsTheHeadUntilTheRequestEndThenSendsHeadAndBodyTogether() throws {
        let channel = try channel()
        // AsyncHTTPClient: writeAndFlush(head), write + flush(body), writeAndFlush(end).
        send(channel, HTTPClientRequestPart.head(head(length: 11)))
        #expect(try sent(channel) == "")
        send(channel, HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: #"{"id":"e1"}"#))))
        #expect(try sent(channel) == "")
        send(channel, HTTPClientRequestPart.end(nil))
        #expect(
            try sent(channel) == "POST /events/ACME-42 HTTP/1.1\r\nContent-Length: 11\r\n\r\n" + #"{"id":"e1"}"#)
        _ = try channel.finish()
    }

    @Test func theNextRequestIsHeldAgain() throws {
        let channel = try channel()
        for _ in 0..<2 {
            send(channel, HTTPClientRequestPart.head(head(length: 2)))
            send(channel, HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: "{}"))))
            #expect(try sent(channel) == "")
            send(channel, HTTPClientRequestPart.end(nil))
            #expect(try sent(channel).hasSuffix("\r\n\r\n{}"))
        }
        _ = try channel.finish()
    }

    @Test func aRequestWithoutBodyGoesOutOnItsOwnFlush() throws {
        let channel = try channel()
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/token")
        head.headers.add(name: "Content-Length", value: "0")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.end(nil), promise: nil)
        channel.flush()
        #expect(try sent(channel) == "GET /token HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        _ = try channel.finish()
    }

    @Test func aBodyPartWhoseWriterWaitsIsFlushedAtOnce() throws {
        let channel = try channel()
        send(channel, HTTPClientRequestPart.head(head(length: 4)))
        #expect(try sent(channel) == "")
        // A streamed body: the writer awaits each part's promise, so holding its flush would stall it.
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: "ab"))), promise: written)
        channel.flush()
        try written.futureResult.wait()
        #expect(try sent(channel) == "POST /events/ACME-42 HTTP/1.1\r\nContent-Length: 4\r\n\r\nab")
        send(channel, HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: "cd"))))
        send(channel, HTTPClientRequestPart.end(nil))
        #expect(try sent(channel) == "cd")
        _ = try channel.finish()
    }

    @Test func aLargeBodyIsNotHeldBack() throws {
        let channel = try channel()
        let size = RequestFlushCoalescer.limit + 1
        send(channel, HTTPClientRequestPart.head(head(length: size)))
        send(
            channel,
            HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(repeating: UInt8(ascii: "x"), count: size))))
        let text = try sent(channel)
        #expect(text.hasPrefix("POST /events/ACME-42 HTTP/1.1\r\n"))
        #expect(text.utf8.count == "POST /events/ACME-42 HTTP/1.1\r\nContent-Length: \(size)\r\n\r\n".utf8.count + size)
        _ = try channel.finish()
    }
}
