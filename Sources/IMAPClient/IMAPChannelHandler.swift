import IMAPCore
import NIOCore
import NIOSSL

/// Moves bytes between the socket and the protocol: server bytes go through `ResponseParser` into the
/// `ConnectionStateMachine`, whose actions are carried out here (writes, completing promises, events).
/// Everything runs on the channel's event loop.
final class IMAPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = IMAPRequest
    typealias OutboundOut = ByteBuffer

    private var parser: ResponseParser
    private var machine: ConnectionStateMachine
    /// A command after whose OK the bytes change layer (TLS, compression): nothing may come before the switch.
    private enum LayerSwitch { case tls, compression }
    /// Commands sent and not yet answered, by tag. Only what the answer needs is kept, not the command (an
    /// APPEND's message would stay in memory until the server answered).
    private var pending:
        [String: (promise: EventLoopPromise<(CommandCompletion, String)>?, logLine: String, switches: LayerSwitch?)] =
            [:]
    /// Bytes that came after COMPRESS's OK in the same read: compressed, inflated once the read is parsed.
    private var compressedLeftover: (handler: DeflateHandler, bytes: [UInt8])?
    private var idleStarted: EventLoopPromise<Void>?
    private let greeting: EventLoopPromise<(preauthenticated: Bool, capabilities: [String]?)>
    private let onUnsolicited: @Sendable (UntaggedResponse) -> Void
    /// Why the connection failed, once it did; told to `onFailure` too, for a command whose write comes after
    /// the channel closed (it never reaches this handler, and would otherwise fail as merely "closed").
    private var failure: IMAPClientError? {
        didSet { if let failure, oldValue == nil { onFailure(failure) } }
    }
    private let onFailure: @Sendable (IMAPClientError) -> Void
    /// Set once the connection failed for good (a framing error, a limit, a protocol violation): whatever the
    /// server still sends is dropped unread, not appended to the parser. A close may take a while to happen
    /// (TLS says goodbye first) and reads keep coming meanwhile.
    private var stopped = false
    private var greeted = false

    init(
        limits: IMAPLimits, greeting: EventLoopPromise<(preauthenticated: Bool, capabilities: [String]?)>,
        onFailure: @escaping @Sendable (IMAPClientError) -> Void = { _ in },
        onUnsolicited: @escaping @Sendable (UntaggedResponse) -> Void
    ) {
        self.onFailure = onFailure
        parser = ResponseParser(limits: limits)
        machine = ConnectionStateMachine(limits: limits)
        self.greeting = greeting
        self.onUnsolicited = onUnsolicited
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.completion?.fail(failure)
            request.idleStarted?.fail(failure)
            promise?.fail(failure)
            return
        }
        switch request.kind {
        case .command(let command, let encoder):
            var logLine = ""
            let isIdle = command == .idle
            let (tag, actions) = machine.enqueue(
                { tag in
                    let encoded = encoder.encode(command, tag: tag)
                    logLine = encoded.logLine
                    return encoded
                }, isIdle: isIdle, expectedDataBytes: request.expectedDataBytes)
            let switches: LayerSwitch? = command == .startTLS ? .tls : command == .compressDeflate ? .compression : nil
            pending[tag] = (request.completion, logLine, switches)
            if isIdle { idleStarted = request.idleStarted }
            perform(actions, context: context)
        case .endIdle:
            perform(machine.endIdle(), context: context)
        }
        promise?.succeed()
    }

    /// Bytes received and not yet parsed (tests look at it).
    var bufferedBytes: Int { parser.pendingBytes }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !stopped else { return }
        let buffer = unwrapInboundIn(data)
        parser.append(buffer.readableBytesView)
        do {
            while let response = try parser.next() {
                perform(machine.receive(response), context: context)
                if failure != nil { return }
            }
        } catch {
            fail(
                error.isLimitExceeded ? .limit(error.description) : .protocolViolation(error.description),
                context: context)
        }
        if let (handler, bytes) = compressedLeftover {
            compressedLeftover = nil
            guard let handlerContext = try? context.pipeline.syncOperations.context(handler: handler) else { return }
            handler.channelRead(context: handlerContext, data: NIOAny(context.channel.allocator.buffer(bytes: bytes)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine.closed()
        failAll(failure ?? .closed("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? IMAPClientError {
            fail(error, context: context)
        } else if error is NIOSSLError || error is BoringSSLError {
            fail(.tls("TLS failed: \(error)"), context: context)
        } else {
            fail(.connection("connection failed: \(error)"), context: context)
        }
    }

    private func perform(_ actions: [ConnectionAction], context: ChannelHandlerContext) {
        for action in actions {
            switch action {
            case .write(let bytes):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            case .greeted(let preauthenticated, let capabilities):
                greeted = true
                greeting.succeed((preauthenticated, capabilities))
            case .completed(let completion):
                guard let entry = pending.removeValue(forKey: completion.tag) else { continue }
                if entry.switches == .tls && completion.state.kind == .ok && parser.pendingBytes > 0 {
                    // Bytes after STARTTLS's OK would be read as if protected by TLS: a known injection.
                    fail(.protocolViolation("data sent after the STARTTLS answer, before TLS"), context: context)
                    return
                }
                if entry.switches == .compression && completion.state.kind == .ok {
                    // From the OK on the server compresses, and may already send (an EXISTS): the inflater goes
                    // in now, on the event loop, before another byte is read.
                    do {
                        let handler = try DeflateHandler()
                        try context.pipeline.syncOperations.addHandler(handler, position: .before(self))
                        let leftover = parser.takePendingBytes()
                        if !leftover.isEmpty { compressedLeftover = (handler, leftover) }
                    } catch {
                        fail(.connection("cannot start COMPRESS: \(error)"), context: context)
                        return
                    }
                }
                entry.promise?.succeed((completion, entry.logLine))
            case .unsolicited(let data):
                onUnsolicited(data)
            case .idling:
                idleStarted?.succeed()
                idleStarted = nil
            case .bye(let status):
                failure = .closed("the server said BYE: \(status.text)")
                onUnsolicited(.bye(status))
            case .protocolViolation(let text):
                fail(.protocolViolation(text), context: context)
            case .limitExceeded(let text):
                fail(.limit(text), context: context)
            }
        }
    }

    private func fail(_ error: IMAPClientError, context: ChannelHandlerContext) {
        if failure == nil { failure = error }
        stopped = true
        _ = parser.takePendingBytes()
        compressedLeftover = nil
        machine.closed()
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: IMAPClientError) {
        if !greeted {
            greeted = true
            greeting.fail(error)
        }
        idleStarted?.fail(error)
        idleStarted = nil
        for entry in pending.values { entry.promise?.fail(error) }
        pending = [:]
    }
}
