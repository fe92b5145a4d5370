/// The client side of one IMAP connection, without I/O: it takes commands and server responses, and answers
/// with `ConnectionAction`s (bytes to write, completions, events). The NIO handler only moves bytes.
///
/// One command runs at a time; more wait in a queue. A command whose literal must be synchronized is sent in
/// pieces, each after the server's `+`. IDLE is a command like the others until its `+`; `endIdle()` sends
/// DONE, and the tagged OK completes it.
public struct ConnectionStateMachine: Sendable {
    public enum State: Sendable, Hashable {
        case awaitingGreeting
        case ready
        /// A command was sent; `pendingChunks` wait for continuations.
        case running(tag: String)
        case idling(tag: String)
        case closed
    }

    public private(set) var state: State = .awaitingGreeting
    private var tagPrefix: String
    private var nextTag = 1
    private var queue: [(tag: String, command: EncodedCommand, isIdle: Bool, expectedDataBytes: Int)] = []
    private var pendingChunks: [[UInt8]] = []
    /// The running command's answer to one extra challenge (see `EncodedCommand.challengeReply`).
    private var challengeReply: [UInt8]?
    private var runningIsIdle = false
    private var collected: [UntaggedResponse] = []
    /// `approximateBytes` of `collected`, and how many the running command may collect.
    private var collectedBytes = 0
    private var collectedBytesAllowed = 0
    public let limits: IMAPLimits

    public init(tagPrefix: String = "M", limits: IMAPLimits = .default) {
        self.tagPrefix = tagPrefix
        self.limits = limits
    }

    /// Commands waiting for the running one to finish, and bytes of the running one waiting for a `+`.
    var queuedCount: Int { queue.count }
    var waitingBytes: Int { pendingChunks.reduce(0) { $0 + $1.count } + (challengeReply?.count ?? 0) }

    /// The tag the next `enqueue` will use.
    public var upcomingTag: String { "\(tagPrefix)\(nextTag)" }

    /// Queues a command (encoded for `upcomingTag`); returns its tag and what to do now. `expectedDataBytes`
    /// is what the command's answer is expected to hold (a FETCH of bodies: their sizes): its untagged data may
    /// total that plus `limits.maxUntaggedBytesPerCommand`, and past it the connection is closed.
    public mutating func enqueue(
        _ encode: (String) -> EncodedCommand, isIdle: Bool = false, expectedDataBytes: Int = 0
    ) -> (tag: String, actions: [ConnectionAction]) {
        let tag = upcomingTag
        nextTag += 1
        queue.append((tag, encode(tag), isIdle, max(0, expectedDataBytes)))
        return (tag, startNextIfReady())
    }

    /// Ends IDLE: sends DONE. The server's tagged OK then completes the IDLE command.
    public mutating func endIdle() -> [ConnectionAction] {
        guard case .idling(let tag) = state else { return [] }
        state = .running(tag: tag)
        return [.write(Array("DONE\r\n".utf8))]
    }

    public mutating func receive(_ response: Response) -> [ConnectionAction] {
        switch (state, response) {
        case (.closed, _):
            return []
        case (.awaitingGreeting, .untagged(.state(let status))) where status.kind == .ok:
            state = .ready
            return [.greeted(preauthenticated: false, capabilities: Self.capabilities(status))] + startNextIfReady()
        case (.awaitingGreeting, .untagged(.preauth(let status))):
            state = .ready
            return [.greeted(preauthenticated: true, capabilities: Self.capabilities(status))] + startNextIfReady()
        case (_, .untagged(.bye(let status))):
            // Normal after LOGOUT (its OK follows); otherwise the server is leaving.
            return [.bye(status)]
        case (.awaitingGreeting, _):
            return violation("the server's first response was not a greeting")
        case (.running(let tag), .continuation):
            if runningIsIdle && pendingChunks.isEmpty {
                state = .idling(tag: tag)
                return [.idling]
            }
            if pendingChunks.isEmpty, let reply = challengeReply {
                challengeReply = nil
                return [.write(reply)]
            }
            guard !pendingChunks.isEmpty else { return violation("unexpected continuation request") }
            return [.write(pendingChunks.removeFirst())]
        case (_, .continuation):
            return violation("continuation request while no command waits for one")
        case (.running(let tag), .tagged(let tagged)):
            guard tagged.tag == tag else { return violation("answer for tag \(tagged.tag) while \(tag) runs") }
            let completion = CommandCompletion(tag: tag, state: tagged.state, untagged: collected)
            collected = []
            collectedBytes = 0
            pendingChunks = []
            challengeReply = nil
            state = .ready
            return [.completed(completion)] + startNextIfReady()
        case (_, .tagged(let tagged)):
            return violation("answer for tag \(tagged.tag) while no command runs")
        case (.running, .untagged(let data)):
            collected.append(data)
            collectedBytes += data.approximateBytes
            guard collected.count <= 1_000_000 else { return violation("more than a million untagged responses for one command") }
            guard collectedBytes <= collectedBytesAllowed else {
                return violation(
                    "the untagged data for one command went past \(collectedBytesAllowed) bytes"
                        + " (IMAPLimits.maxUntaggedBytesPerCommand, plus what the command expects)",
                    isLimit: true)
            }
            // New mail or expunges reported alongside another command's answer are events as well: whoever
            // watches the mailbox must not miss an EXISTS that came with a FETCH.
            return data.reportsMailboxChange ? [.unsolicited(data)] : []
        case (_, .untagged(let data)):
            return [.unsolicited(data)]
        }
    }

    /// The connection is gone (closed by either side): nothing more happens.
    public mutating func closed() {
        state = .closed
        queue = []
        pendingChunks = []
        challengeReply = nil
        collected = []
        collectedBytes = 0
    }

    private mutating func startNextIfReady() -> [ConnectionAction] {
        guard state == .ready, !queue.isEmpty else { return [] }
        let next = queue.removeFirst()
        state = .running(tag: next.tag)
        runningIsIdle = next.isIdle
        collected = []
        collectedBytes = 0
        let (allowed, overflow) = limits.maxUntaggedBytesPerCommand.addingReportingOverflow(next.expectedDataBytes)
        collectedBytesAllowed = overflow ? Int.max : allowed
        pendingChunks = Array(next.command.chunks.dropFirst())
        challengeReply = next.command.challengeReply
        return [.write(next.command.chunks.first ?? [])]
    }

    private mutating func violation(_ text: String, isLimit: Bool = false) -> [ConnectionAction] {
        closed()
        return [isLimit ? .limitExceeded(text) : .protocolViolation(text)]
    }

    private static func capabilities(_ status: ResponseState) -> [String]? {
        if case .capability(let names) = status.code { return names }
        return nil
    }
}
