import IMAPCore
import NIOCore
import NIOEmbedded
import Testing

@testable import IMAPClient

/// The channel handler without sockets: what it does when the server breaks the framing.
@Suite struct IMAPChannelHandlerTests {
    /// Holds back the close the handler asks for, as NIOSSL does while it says goodbye: reads keep coming meanwhile.
    final class DelayedClose: ChannelOutboundHandler {
        typealias OutboundIn = NIOAny
        var closeRequested = false

        func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            closeRequested = true
            promise?.succeed()
        }
    }

    @Test func afterAFramingErrorNothingMoreIsBuffered() throws {
        let channel = EmbeddedChannel()
        let greeting = channel.eventLoop.makePromise(of: (preauthenticated: Bool, capabilities: [String]?).self)
        let delayedClose = DelayedClose()
        let handler = IMAPChannelHandler(limits: .default, greeting: greeting) { _ in }
        try channel.pipeline.syncOperations.addHandler(delayedClose)
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.writeInbound(channel.allocator.buffer(string: "* OK ready\r\n"))
        #expect(try greeting.futureResult.wait().preauthenticated == false)

        // A literal announcement no parser can use, then a partial line that would wait in the buffer.
        try channel.writeInbound(
            channel.allocator.buffer(string: "* 1 FETCH (BODY[] {99999999999999999}\r\n* 2 FETCH (UID"))
        #expect(delayedClose.closeRequested)
        #expect(handler.bufferedBytes == 0)
        for _ in 0..<16 {
            try channel.writeInbound(channel.allocator.buffer(string: String(repeating: "x", count: 64 << 10)))
        }
        #expect(handler.bufferedBytes == 0)
        _ = try? channel.finish()
    }
}
