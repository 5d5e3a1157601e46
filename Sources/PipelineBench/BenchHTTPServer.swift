// The bench's stand-in destination: an HTTP/1.1 responder on 127.0.0.1 that answers every request 200 with
// an empty body and keeps, per request, only what the figures need (arrival time, idempotency key, and the
// body when asked). A real ERP runs on another machine; this one shares the bench machine's 2 cores with
// crossdock, so it is kept as cheap as swift-nio allows: NIOHTTP1's request decoder, one event-loop thread,
// and a fixed answer written as bytes (no response encoder, no per-request head or header objects), flushed
// once per read. The suite's `TestHTTPServer` (scripts, drops, delays, whole recorded requests) stays what the
// tests use; `pipeline-bench --server recording` still measures with it.
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One request as the bench server kept it.
struct Arrival: Sendable {
    /// When its last byte had been read.
    var at: ContinuousClock.Instant
    /// The `Idempotency-Key` header, empty when the request had none.
    var key: String
    /// The request body, when the server keeps bodies (the latency run reads each event's file name from it).
    var body: ByteBuffer?
}

final class BenchHTTPServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let sink: ArrivalSink
    /// The kernel's id of the server's one thread, to read its CPU time apart from the rest of the process.
    private let thread: Int32

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup, sink: ArrivalSink, thread: Int32)
    {
        self.thread = thread
        self.port = port
        self.channel = channel
        self.group = group
        self.sink = sink
    }

    /// Listens on 127.0.0.1, a port the system picks, on one event-loop thread of its own.
    static func start(keepBodies: Bool, expected: Int) async throws -> BenchHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sink = ArrivalSink(expected: expected)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    try channel.pipeline.syncOperations.addHandler(Responder(sink: sink, keepBodies: keepBodies))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let thread = try await group.next().submit { currentThreadID() }.get()
        return BenchHTTPServer(
            port: channel.localAddress?.port ?? 0, channel: channel, group: group, sink: sink, thread: thread)
    }

    /// How many requests have been answered.
    var count: Int { sink.arrivals.withLock { $0.count } }

    /// Every request so far, in arrival order.
    var arrivals: [Arrival] { sink.arrivals.withLock { $0 } }

    /// CPU seconds (user + system) the server's thread has used so far, from `/proc/self/task/TID/stat`.
    func cpuSeconds() -> Double {
        threadCPUSeconds(thread)
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Shared by every connection's responder (Mutex is not copyable, so it travels in a class).
private final class ArrivalSink: Sendable {
    let arrivals: Mutex<[Arrival]>
    init(expected: Int) {
        var initial: [Arrival] = []
        initial.reserveCapacity(expected)
        arrivals = Mutex(initial)
    }
}

/// Answers each request `200 OK` with no body, once its end has been read.
private final class Responder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private static let answer = ByteBuffer(string: "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
    private let sink: ArrivalSink
    private let keepBodies: Bool
    private var key = ""
    private var body: ByteBuffer?

    init(sink: ArrivalSink, keepBodies: Bool) {
        self.sink = sink
        self.keepBodies = keepBodies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            key = head.headers.first(name: "idempotency-key") ?? ""
            body = nil
        case .body(var part):
            guard keepBodies else { return }
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            let arrival = Arrival(at: .now, key: key, body: body)
            body = nil
            sink.arrivals.withLock { $0.append(arrival) }
            context.write(wrapOutboundOut(Self.answer), promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

/// CPU seconds (user + system) of one thread of this process, from `/proc/self/task/TID/stat` (0 when unreadable).
func threadCPUSeconds(_ thread: Int32) -> Double {
    guard let file = fopen("/proc/self/task/\(thread)/stat", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return 0 }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its `)`.
    guard let close = line.lastIndex(of: ")") else { return 0 }
    let fields = line[line.index(after: close)...].split(separator: " ")
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the `)`.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The kernel's id of the calling thread: the last part of `/proc/thread-self` (`PID/task/TID`); -1 when unreadable.
func currentThreadID() -> Int32 {
    var buffer = [CChar](repeating: 0, count: 64)
    let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
    guard count > 0 else { return -1 }
    let link = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return link.split(separator: "/").last.flatMap { Int32($0) } ?? -1
}
