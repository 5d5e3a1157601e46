internal import CZlib

/// Caps on what one compressed file may inflate to. A file over either cap is refused as a possible
/// compression bomb with `.decompressionLimit`.
public struct InflateLimits: Sendable, Hashable {
    /// Largest inflated size in bytes.
    public var maximumOutputBytes: Int64
    /// Largest ratio of inflated to compressed bytes, checked once the output passes `ratioFloorBytes`
    /// (small, very repetitive files are normal).
    public var maximumRatio: Int64
    public var ratioFloorBytes: Int64

    public init(maximumOutputBytes: Int64 = 1 << 30, maximumRatio: Int64 = 200, ratioFloorBytes: Int64 = 1 << 20) {
        self.maximumOutputBytes = maximumOutputBytes
        self.maximumRatio = maximumRatio
        self.ratioFloorBytes = ratioFloorBytes
    }
}

/// Inflates a gzip (or zlib) stream as it is read, with zlib: `windowBits` 15+32 detects the header.
///
/// Concatenated gzip members (`cat a.gz b.gz`) are read whole, one after the other. A stream that ends
/// inside a member is `.truncatedCompressedStream`; bytes zlib cannot decode are `.corruptCompressedStream`.
///
/// - Important: zlib keeps a pointer back to its `z_stream`, so the stream is allocated once, here, and
///   never moved; the class frees it in `deinit` after `inflateEnd`. Not `Sendable`: one reader per task.
public final class GunzipStream<Upstream: ByteStream>: ByteStream {
    private var upstream: Upstream
    private let limits: InflateLimits
    private let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    /// True between members: the last one ended and the next has not started.
    private var betweenMembers = false
    private var finished = false
    private var fed: Int64 = 0
    private var produced: Int64 = 0

    /// - Parameter name: The file's name for errors (never its content).
    /// - Throws: `TransportError` `.localIO` when zlib cannot start.
    public init(_ upstream: Upstream, limits: InflateLimits = InflateLimits(), name: String) throws {
        self.upstream = upstream
        self.limits = limits
        self.name = name
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        let rc = czlib_inflate_init2(stream, 15 + 32)
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw TransportError(code: .localIO, path: name, message: "zlib cannot start (inflateInit2 returned \(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflated bytes handed out so far.
    public var inflatedBytes: Int64 { produced }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        while true {
            if stream.pointee.avail_in == 0 && !inputEnded {
                let n = try upstream.read(into: input)
                if n == 0 {
                    inputEnded = true
                } else {
                    stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_in = uInt(n)
                    fed += Int64(n)
                }
            }
            if stream.pointee.avail_in == 0 && inputEnded {
                if betweenMembers {
                    finished = true
                    return 0
                }
                throw TransportError(
                    code: .truncatedCompressedStream, path: name,
                    message: fed == 0
                        ? "empty compressed file" : "the compressed stream ends inside a member; the file is incomplete"
                )
            }
            if betweenMembers {
                inflateReset(stream)
                betweenMembers = false
            }
            stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(buffer.count)
            let rc = inflate(stream, Z_NO_FLUSH)
            let count = buffer.count - Int(stream.pointee.avail_out)
            switch rc {
            case Z_STREAM_END:
                betweenMembers = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                throw TransportError(
                    code: .corruptCompressedStream, path: name,
                    message: "not a valid gzip or zlib stream (inflate returned \(rc)) after \(produced) inflated bytes"
                )
            }
            produced += Int64(count)
            try checkLimits()
            if count > 0 { return count }
        }
    }

    private func checkLimits() throws {
        if produced > limits.maximumOutputBytes {
            throw TransportError(
                code: .decompressionLimit, path: name,
                message:
                    "inflates to more than \(limits.maximumOutputBytes) bytes; refused as a possible compression bomb")
        }
        let consumed = fed - Int64(stream.pointee.avail_in)
        if produced > limits.ratioFloorBytes && produced > max(consumed, 1) * limits.maximumRatio {
            throw TransportError(
                code: .decompressionLimit, path: name,
                message: "inflates more than \(limits.maximumRatio) times its compressed size;"
                    + " refused as a possible compression bomb")
        }
    }
}
