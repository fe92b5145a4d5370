import IMAPCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an IMAP server, with an async API. Commands run one at a time in the order asked;
/// changes the server reports on its own (during IDLE, or between commands) arrive on `events`.
public final class IMAPConnection: Sendable {
    private struct State {
        var capabilities: [String] = []
        var encoder = CommandEncoder()
        var idleCompletion: EventLoopPromise<(CommandCompletion, String)>?
        /// Set when a wait timed out and the connection was closed for it.
        var timedOut: String?
        /// The selected mailbox was selected with CONDSTORE, so FETCH may ask for MODSEQ.
        var condStoreSelected = false

        mutating func acceptUTF8() {
            encoder.utf8Accepted = true
        }

        mutating func setCapabilities(_ names: [String]) {
            capabilities = names
            encoder = CommandEncoder(capabilities: names, utf8Enabled: encoder.utf8Accepted)
        }
    }

    private let channel: Channel
    private let configuration: IMAPClientConfiguration
    private let state = NIOLockedValueBox(State())
    /// Untagged responses that belong to no command: EXISTS, EXPUNGE, FETCH, VANISHED…, and BYE (bounded: see
    /// `IMAPEvents`).
    public let events: IMAPEvents

    /// The server's capabilities, as last announced (they change after STARTTLS and after login).
    public var capabilities: [String] { state.withLockedValue { $0.capabilities } }

    public func hasCapability(_ name: String) -> Bool {
        capabilities.contains { $0.caseInsensitiveCompare(name) }
    }

    /// The bounds this connection holds the server to.
    var limits: IMAPLimits { configuration.limits }
    /// The connection's timeouts, for callers whose own waits follow them.
    public var timeouts: IMAPClientConfiguration.Timeouts { configuration.timeouts }

    /// Whether the mailbox selected last was selected with CONDSTORE (set by `select` and `examine`).
    var condStoreSelected: Bool {
        get { state.withLockedValue { $0.condStoreSelected } }
        set { state.withLockedValue { $0.condStoreSelected = newValue } }
    }

    /// Why the connection failed, as the channel handler saw it.
    private let failure: NIOLockedValueBox<IMAPClientError?>

    private init(
        channel: Channel, configuration: IMAPClientConfiguration, events: IMAPEvents,
        failure: NIOLockedValueBox<IMAPClientError?>
    ) {
        self.channel = channel
        self.configuration = configuration
        self.events = events
        self.failure = failure
    }

    /// Connects, waits for the greeting, secures the connection as configured, and learns the capabilities.
    public static func connect(
        _ configuration: IMAPClientConfiguration, eventLoopGroup: EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> IMAPConnection {
        let loop = eventLoopGroup.next()
        let greeting = loop.makePromise(of: (preauthenticated: Bool, capabilities: [String]?).self)
        let events = IMAPEventBuffer(limits: configuration.limits)
        let failure = NIOLockedValueBox<IMAPClientError?>(nil)
        let tls = configuration.security == .plaintext ? nil : try TLSSetup(configuration)
        let implicitTLS = configuration.security == .tls ? tls : nil
        let limits = configuration.limits
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(configuration.timeouts.connect))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try channel.pipeline.syncOperations.addHandler(try implicitTLS.handler()) }
                    try channel.pipeline.syncOperations.addHandler(
                        IMAPChannelHandler(
                            limits: limits, greeting: greeting,
                            onFailure: { reason in failure.withLockedValue { $0 = $0 ?? reason } }
                        ) { events.yield($0) })
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            greeting.fail(
                IMAPClientError.connection("cannot connect to \(configuration.host):\(configuration.port): \(error)"))
            throw IMAPClientError.connection("cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        channel.closeFuture.whenComplete { _ in events.finish() }
        let connection = IMAPConnection(
            channel: channel, configuration: configuration, events: IMAPEvents(buffer: events), failure: failure)
        let greeted = try await connection.wait(
            greeting, timeout: configuration.timeouts.greeting, what: "the server's greeting")
        connection.state.withLockedValue { $0.setCapabilities(greeted.capabilities ?? []) }
        if configuration.security == .startTLS, let tls {
            try await connection.startTLS(tls)
        } else if greeted.capabilities == nil {
            try await connection.refreshCapabilities()
        }
        return connection
    }

    /// Runs a command; returns its completion when the server answers OK, throws with the server's text otherwise.
    @discardableResult
    public func execute(_ command: Command) async throws -> CommandCompletion {
        try await execute(command, expectedDataBytes: 0)
    }

    /// `execute`, for a command whose answer is expected to hold `expectedDataBytes` (the bodies a FETCH asks
    /// for): its untagged data may total that plus `IMAPLimits.maxUntaggedBytesPerCommand`.
    func execute(_ command: Command, expectedDataBytes: Int) async throws -> CommandCompletion {
        if let problem = command.invalidArgument { throw IMAPClientError.invalidArgument(problem) }
        let promise = channel.eventLoop.makePromise(of: (CommandCompletion, String).self)
        let encoder = state.withLockedValue { $0.encoder }
        let request = IMAPRequest(
            kind: .command(command, encoder: encoder), completion: promise, expectedDataBytes: expectedDataBytes)
        send(request, failing: promise)
        let (completion, logLine) = try await wait(
            promise, timeout: configuration.timeouts.command, what: "the answer to a command")
        guard completion.state.kind == .ok else { throw IMAPClientError.refused(logLine, completion.state) }
        if case .capability(let names) = completion.state.code { state.withLockedValue { $0.setCapabilities(names) } }
        return completion
    }

    public func login(user: String, password: String) async throws {
        try await authenticate(.login(user: user, password: Secret(password)))
    }

    /// AUTHENTICATE PLAIN; with `authorizationID`, the credentials of `user` (a Dovecot master user) act for
    /// that other account.
    public func authenticatePlain(authorizationID: String = "", user: String, password: String) async throws {
        try await authenticate(
            .authenticatePlain(authorizationID: authorizationID, user: user, password: Secret(password)))
    }

    /// AUTHENTICATE XOAUTH2 with a bearer token from the caller (Google, Microsoft).
    public func authenticateXOAuth2(user: String, token: String) async throws {
        try await authenticate(.authenticateXOAuth2(user: user, token: Secret(token)))
    }

    /// AUTHENTICATE OAUTHBEARER (RFC 7628) with a bearer token from the caller; host and port are the ones
    /// connected to.
    public func authenticateOAuthBearer(user: String, token: String) async throws {
        try await authenticate(
            .authenticateOAuthBearer(
                user: user, host: configuration.host, port: configuration.port, token: Secret(token)))
    }

    private func authenticate(_ command: Command) async throws {
        do {
            let completion = try await execute(command)
            if case .capability = completion.state.code { return }
            try await refreshCapabilities()
        } catch let error as IMAPClientError where error.isRefused {
            throw IMAPClientError.authentication(error.response!)
        }
    }

    /// Sends IDLE and returns once the server accepted it; changes then arrive on `events` until `endIdle()`.
    public func startIdle() async throws {
        let completion = channel.eventLoop.makePromise(of: (CommandCompletion, String).self)
        let started = channel.eventLoop.makePromise(of: Void.self)
        let encoder = state.withLockedValue { $0.encoder }
        state.withLockedValue { $0.idleCompletion = completion }
        send(
            IMAPRequest(kind: .command(.idle, encoder: encoder), completion: completion, idleStarted: started),
            failing: started)
        try await wait(started, timeout: configuration.timeouts.command, what: "the server's answer to IDLE")
    }

    /// Ends IDLE (DONE) and waits for the server's OK.
    @discardableResult
    public func endIdle() async throws -> CommandCompletion {
        guard let promise = state.withLockedValue({ $0.idleCompletion }) else {
            throw IMAPClientError.protocolViolation("endIdle without startIdle")
        }
        send(IMAPRequest(kind: .endIdle), failing: promise)
        let (completion, logLine) = try await wait(
            promise, timeout: configuration.timeouts.command, what: "the end of IDLE")
        state.withLockedValue { $0.idleCompletion = nil }
        guard completion.state.kind == .ok else { throw IMAPClientError.refused(logLine, completion.state) }
        return completion
    }

    /// LOGOUT, then closes the connection.
    public func logout() async {
        _ = try? await execute(.logout)
        await close()
    }

    public func close() async {
        try? await channel.close()
    }

    /// Ends a connection that failed or was given up in the middle of a command, for a caller that goes on to
    /// change the same mailboxes on a new one. A server still carries out a command it read before the client
    /// left (a slow server gets to a COPY after the client's timeout): closing at once and redoing the work on
    /// another connection would race it, and a copy would be made twice. So our side is closed for writing,
    /// and the server's end of the session awaited — it reads that end of stream only after the commands sent
    /// before it — for at most `timeouts.serverEnd`, or until the task is cancelled.
    public func abandon() async {
        let channel = self.channel
        guard channel.isActive else { return }
        Self.shutOutput(of: channel, closingAfter: configuration.timeouts.serverEnd)
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Closes the channel for writing, then whole `bound` later if the server has not closed it by then; at
    /// once where half-closing is not possible (a TLS channel that cannot).
    private static func shutOutput(of channel: any Channel, closingAfter bound: Duration) {
        let cutOff = channel.eventLoop.scheduleTask(in: TimeAmount(bound)) { channel.close(promise: nil) }
        channel.closeFuture.whenComplete { _ in cutOff.cancel() }
        let halfClosed = channel.eventLoop.makePromise(of: Void.self)
        halfClosed.futureResult.whenFailure { error in
            // Shut already (a timeout did it): its cut-off stands.
            if error as? ChannelError == .outputClosed { return }
            channel.close(promise: nil)
        }
        channel.close(mode: .output, promise: halfClosed)
    }

    /// Whether the connection is still up (neither side has closed it).
    public var isOpen: Bool { channel.isActive }

    /// ENABLE (RFC 5161): returns what the server enabled. With UTF8=ACCEPT enabled, mailbox names and strings
    /// in UTF-8 are sent as quoted strings from then on.
    @discardableResult
    public func enable(_ extensions: [String]) async throws -> [String] {
        guard hasCapability("ENABLE") else { throw IMAPClientError.unsupported("the server has no ENABLE") }
        let completion = try await execute(.enable(extensions))
        let enabled = completion.untagged.flatMap { data -> [String] in
            if case .enabled(let names) = data { return names } else { return [] }
        }
        if enabled.contains(where: { $0.uppercased() == "UTF8=ACCEPT" }) { state.withLockedValue { $0.acceptUTF8() } }
        return enabled
    }

    /// COMPRESS DEFLATE (RFC 4978): from the server's OK on, both directions are compressed (the channel
    /// handler puts the compression in place as the OK arrives). Worth it on slow links and for whole-message
    /// fetches; an `isUnsupported` error where the server does not offer it.
    public func compress() async throws {
        guard hasCapability("COMPRESS=DEFLATE") else {
            throw IMAPClientError.unsupported("the server does not offer COMPRESS=DEFLATE")
        }
        try await execute(.compressDeflate)
    }

    /// Waits `duration`, or less if the connection closes or the task is cancelled; true if the connection is
    /// still open.
    func pauseWhileOpen(_ duration: Duration) async -> Bool {
        let channel = self.channel
        let woken = channel.eventLoop.makePromise(of: Void.self)
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(duration)) { woken.succeed() }
        channel.closeFuture.whenComplete { _ in woken.succeed() }
        await withTaskCancellationHandler {
            try? await woken.futureResult.get()
        } onCancel: {
            woken.succeed()
        }
        timer.cancel()
        return channel.isActive
    }

    private func refreshCapabilities() async throws {
        let completion = try await execute(.capability)
        for case .capability(let names) in completion.untagged { state.withLockedValue { $0.setCapabilities(names) } }
    }

    private func startTLS(_ tls: TLSSetup) async throws {
        guard hasCapability("STARTTLS") else {
            await close()
            throw IMAPClientError.tls("the server does not offer STARTTLS; refusing to go on in plaintext")
        }
        try await execute(.startTLS)
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(try tls.handler(), position: .first)
        }.get()
        // Capabilities announced before TLS cannot be trusted: ask again.
        state.withLockedValue { $0.setCapabilities([]) }
        try await refreshCapabilities()
    }

    /// Hands a request to the channel; if the channel is already closed the handler never sees it, so the
    /// waiting promise is failed here instead of waiting for ever.
    private func send<T>(_ request: IMAPRequest, failing promise: EventLoopPromise<T>) {
        let failure = self.failure
        channel.writeAndFlush(request).whenFailure { error in
            // A write after the handler failed the connection (a TLS handshake refused while the command was on
            // its way) fails with the reason, not as merely "closed".
            let reason =
                error as? IMAPClientError ?? failure.withLockedValue { $0 }
                ?? IMAPClientError.closed("the connection is closed")
            promise.fail(reason)
            // Every promise of a request that never reached the handler is failed here, or none would be: IDLE's
            // completion, kept by the connection until endIdle, would be dropped uncompleted (a leaked promise,
            // fatal in a debug build) — as after a timeout, when our side is shut for writing.
            request.completion?.fail(reason)
            request.idleStarted?.fail(reason)
        }
    }

    /// Waits for `promise`; past `timeout` it fails with a timeout and the connection is closed. A promise is
    /// completed once: whichever of the answer, a failure or the timer comes first wins.
    ///
    /// The timer is cancelled on the event loop the moment the promise completes, not when the waiting task
    /// resumes: on a busy machine the task may resume long after the answer came, and must not find its
    /// connection closed for a timeout that never happened.
    private func wait<T: Sendable>(_ promise: EventLoopPromise<T>, timeout: Duration, what: String) async throws -> T {
        let channel = self.channel
        let state = self.state
        let serverEnd = configuration.timeouts.serverEnd
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let reason = "no \(what) within \(timeout); connection closed"
            state.withLockedValue { $0.timedOut = reason }
            promise.fail(IMAPClientError.timeout(reason))
            // Only our side is closed: the server may still carry out what it read, and `abandon()` waits for
            // it to end the session. A server that never does is cut off `serverEnd` later.
            Self.shutOutput(of: channel, closingAfter: serverEnd)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch {
            if let reason = state.withLockedValue({ $0.timedOut }) { throw IMAPClientError.timeout(reason) }
            if let error = error as? IMAPClientError { throw error }
            throw IMAPClientError.connection("\(error)")
        }
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool { lowercased() == other.lowercased() }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
