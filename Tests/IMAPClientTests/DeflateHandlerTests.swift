import Foundation
import IMAPCore
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

@testable import IMAPClient

/// COMPRESS=DEFLATE's handler without sockets: what one side deflates the other inflates, output comes in
/// pieces of at most 64 KiB however much one input inflates to, and damaged input is an error.
@Suite struct DeflateHandlerTests {
    /// What `DeflateHandler` writes for `bytes` (the compressed stream, flushed).
    private func deflated(_ pieces: [[UInt8]], through channel: EmbeddedChannel) throws -> [UInt8] {
        var out: [UInt8] = []
        for piece in pieces {
            try channel.writeAndFlush(channel.allocator.buffer(bytes: piece)).wait()
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                out += buffer.readBytes(length: buffer.readableBytes)!
            }
        }
        return out
    }

    private func inflated(_ compressed: [UInt8], through channel: EmbeddedChannel, step: Int) throws -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        for start in stride(from: 0, to: compressed.count, by: step) {
            try channel.writeInbound(
                channel.allocator.buffer(bytes: compressed[start..<min(compressed.count, start + step)]))
            while var buffer = try channel.readInbound(as: ByteBuffer.self) {
                pieces.append(buffer.readBytes(length: buffer.readableBytes)!)
            }
        }
        return pieces
    }

    @Test(arguments: [1, 7, 4096])
    func whatOneSideDeflatesTheOtherInflatesHoweverTheBytesArrive(step: Int) throws {
        let sender = EmbeddedChannel(handler: try DeflateHandler())
        let receiver = EmbeddedChannel(handler: try DeflateHandler())
        let commands = [
            Array("M1 NOOP\r\n".utf8), Array("M2 UID FETCH 1:* (FLAGS)\r\n".utf8),
            Array(repeating: UInt8(ascii: "a"), count: 100_000),
        ]
        let compressed = try deflated(commands, through: sender)
        #expect(compressed.count < 2_000)
        #expect(try inflated(compressed, through: receiver, step: step).flatMap { $0 } == commands.flatMap { $0 })
    }

    @Test func aSmallInputThatInflatesHugelyArrivesInBoundedPieces() throws {
        let sender = EmbeddedChannel(handler: try DeflateHandler())
        let receiver = EmbeddedChannel(handler: try DeflateHandler())
        let bomb = try deflated([[UInt8](repeating: 0, count: 8 << 20)], through: sender)
        #expect(bomb.count < 20_000)
        let pieces = try inflated(bomb, through: receiver, step: bomb.count)
        #expect(pieces.allSatisfy { $0.count <= 65_536 } && pieces.reduce(0) { $0 + $1.count } == 8 << 20)
    }

    /// The server compresses from its OK on and may send at once (new mail): compressed bytes that come in the
    /// same read as the OK must be inflated, not parsed as they are.
    @Test func compressedDataRightAfterTheOKIsInflated() async throws {
        let generator = EmbeddedChannel(handler: try DeflateHandler())
        let exists = try deflated([Array("* 3 EXISTS\r\n".utf8)], through: generator)
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] ready\r\n"),
            .expectLine(prefix: "M1 COMPRESS DEFLATE"), .sendBytes(Array("M1 OK DEFLATE active\r\n".utf8) + exists),
        ])
        let connection = try await server.connect()
        try await connection.compress()
        let deadline = Task {
            try await Task.sleep(for: .seconds(10))
            await connection.close()
        }
        defer { deadline.cancel() }
        var seen: UntaggedResponse?
        for await event in connection.events {
            seen = event
            break
        }
        #expect(seen == .exists(3))
        await connection.close()
        await server.finished()
    }

    @Test func damagedInputIsAProtocolViolation() throws {
        let receiver = EmbeddedChannel(handler: try DeflateHandler())
        #expect {
            try receiver.writeInbound(receiver.allocator.buffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x34]))
            try receiver.throwIfErrorCaught()
        } throws: { error in
            (error as? IMAPClientError)?.isProtocolViolation == true
        }
    }
}
