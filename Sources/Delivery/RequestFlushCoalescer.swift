public import NIOCore
public import NIOHTTP1

/// Sends an HTTP/1.1 request's head and body in one socket write instead of two.
///
/// AsyncHTTPClient 1.37 flushes a request's head on its own and then its body (both in the same event-loop
/// turn), so every POST costs two `write` calls, two TCP segments and two wake-ups of the server. This
/// handler sits between AsyncHTTPClient's connection handler and its request encoder, lets writes through
/// at once and holds back the flushes from a request's head to its end; the flush after the end sends
/// everything in one `writev`. It stops holding early when a body part carries a write promise (a streamed
/// body whose writer waits for each part to go out) or once more than `limit` body bytes are held, so a
/// streamed or large body is never kept back. Responses are untouched.
///
/// Installed on each HTTP/1.1 connection through `HTTPClient.Configuration.http1_1ConnectionDebugInitializer`
/// (`install(on:)`), AsyncHTTPClient's one hook into its connection pipelines; HTTP/2 connections (TLS with
/// ALPN) send frames of their own and do not get it.
public final class RequestFlushCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    public typealias OutboundIn = HTTPClientRequestPart
    public typealias OutboundOut = HTTPClientRequestPart

    /// Body bytes held back at most before flushes go through again.
    public static let limit = 64 * 1024

    /// Whether a request's head has been written and its end not yet (flushes are held).
    private var holding = false
    private var heldBytes = 0

    public init() {}

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head:
            holding = true
            heldBytes = 0
        case .body(let part):
            heldBytes += part.readableBytes
            if promise != nil || heldBytes > Self.limit { holding = false }
        case .end:
            holding = false
        }
        context.write(data, promise: promise)
    }

    public func flush(context: ChannelHandlerContext) {
        if !holding { context.flush() }
    }

    /// Adds a coalescer to an AsyncHTTPClient HTTP/1.1 connection, just before its request encoder (on the
    /// connection's side of it). For `HTTPClient.Configuration.http1_1ConnectionDebugInitializer`.
    @Sendable public static func install(on channel: any Channel) -> EventLoopFuture<Void> {
        @Sendable func add() throws {
            let pipeline = channel.pipeline.syncOperations
            let encoder = try pipeline.handler(type: HTTPRequestEncoder.self)
            try pipeline.addHandler(RequestFlushCoalescer(), position: .after(encoder))
        }
        // AsyncHTTPClient calls this on the connection's event loop; elsewhere the work hops there.
        if channel.eventLoop.inEventLoop {
            return channel.eventLoop.makeCompletedFuture { try add() }
        }
        return channel.eventLoop.submit { try add() }
    }
}
