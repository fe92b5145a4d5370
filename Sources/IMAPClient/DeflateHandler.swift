import CZlib
import NIOCore

/// COMPRESS=DEFLATE (RFC 4978): raw deflate both ways once the server said OK. Each write is flushed
/// (Z_SYNC_FLUSH) so a command leaves at once; what the server sends is inflated 64 KiB at a time, so a small
/// input that inflates hugely reaches the IMAP parser — and its limits — in pieces, never as one allocation.
final class DeflateHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let chunk = 65_536
    private var deflater = z_stream()
    private var inflater = z_stream()
    private var ready = false
    /// Set once the compressed stream failed: what still comes is dropped, not inflated.
    private var failed = false

    init() throws {
        guard mailsift_deflate_init_raw(&deflater) == Z_OK else { throw IMAPClientError.connection("zlib could not start") }
        guard mailsift_inflate_init_raw(&inflater) == Z_OK else {
            deflateEnd(&deflater)
            throw IMAPClientError.connection("zlib could not start")
        }
        ready = true
    }

    deinit {
        if ready {
            deflateEnd(&deflater)
            inflateEnd(&inflater)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var input = unwrapInboundIn(data)
        let bytes = input.readBytes(length: input.readableBytes) ?? []
        var output = [UInt8](repeating: 0, count: Self.chunk)
        var failure: String?
        bytes.withUnsafeBufferPointer { source in
            inflater.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            inflater.avail_in = UInt32(source.count)
            repeat {
                let (code, produced) = output.withUnsafeMutableBufferPointer { target in
                    inflater.next_out = target.baseAddress
                    inflater.avail_out = UInt32(target.count)
                    let code = inflate(&inflater, Z_SYNC_FLUSH)
                    return (code, target.count - Int(inflater.avail_out))
                }
                if produced > 0 { context.fireChannelRead(wrapInboundOut(context.channel.allocator.buffer(bytes: output[0..<produced]))) }
                if code == Z_STREAM_END {
                    failure = "the server ended its compressed stream"
                    return
                }
                if code != Z_OK && code != Z_BUF_ERROR {
                    failure = "the server's compressed data is damaged (zlib \(code))"
                    return
                }
                if produced == 0 && code == Z_BUF_ERROR { return }
            } while inflater.avail_in > 0 || inflater.avail_out == 0
        }
        inflater.next_in = nil
        if let failure {
            self.failed = true
            context.fireErrorCaught(IMAPClientError.protocolViolation(failure))
            context.close(promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var input = unwrapOutboundIn(data)
        let bytes = input.readBytes(length: input.readableBytes) ?? []
        var compressed: [UInt8] = []
        var output = [UInt8](repeating: 0, count: Self.chunk)
        bytes.withUnsafeBufferPointer { source in
            deflater.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            deflater.avail_in = UInt32(source.count)
            repeat {
                let produced = output.withUnsafeMutableBufferPointer { target in
                    deflater.next_out = target.baseAddress
                    deflater.avail_out = UInt32(target.count)
                    _ = deflate(&deflater, Z_SYNC_FLUSH)
                    return target.count - Int(deflater.avail_out)
                }
                compressed += output[0..<produced]
            } while deflater.avail_out == 0
        }
        deflater.next_in = nil
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: compressed)), promise: promise)
    }
}
