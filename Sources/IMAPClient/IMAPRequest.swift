import IMAPCore
import NIOCore

/// What the connection asks its channel handler to do; completed through the promises.
struct IMAPRequest: Sendable {
    enum Kind: Sendable {
        /// Send a command, encoded with `encoder` once its tag is known.
        case command(Command, encoder: CommandEncoder)
        /// End IDLE (DONE).
        case endIdle
    }

    var kind: Kind
    /// Completed with the tagged answer and the command's log line (secrets hidden).
    var completion: EventLoopPromise<(CommandCompletion, String)>? = nil
    /// For IDLE: completed when the server's `+` arrives.
    var idleStarted: EventLoopPromise<Void>? = nil
    /// What the answer is expected to hold (the bodies a FETCH asks for), on top of
    /// `IMAPLimits.maxUntaggedBytesPerCommand`.
    var expectedDataBytes = 0
}
