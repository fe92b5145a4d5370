import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of the test Dovecot that puts one fault at the worst moment, on the first
/// command line containing `trigger` (" UID MOVE "); every other connection, before and after, is passed through
/// unchanged.
final class FaultProxy: Sendable {
    enum Fault: Sendable {
        /// The command reaches the server and is carried out, the server's answer is swallowed, then both sides
        /// are closed: the client is left not knowing what the server did — what a network cut or a server crash
        /// right after a MOVE looks like.
        case swallowTheAnswer
        /// The command line is held back this long before it goes on to the server, and all the client sends
        /// after it follows in order; a client that leaves meanwhile is seen to leave only once the server has
        /// answered the command: a server busy with a command past the client's timeout, which finishes it.
        case holdTheCommand(milliseconds: Int)
    }

    let port: Int
    private let relay: LoopbackRelay
    private let trigger: [UInt8]
    private let fault: Fault
    private let state = Mutex((dropped: false, connections: 0, faultEnded: false))

    /// Whether the drop happened, and how many connections came through.
    var dropped: Bool { state.withLock { $0.dropped } }
    var connections: Int { state.withLock { $0.connections } }
    /// Whether the connection the fault was put on has ended on both sides (for `holdTheCommand`: the server
    /// has had the held command and closed the session).
    var faultEnded: Bool { state.withLock { $0.faultEnded } }

    init(toPort targetPort: Int, trigger: String, fault: Fault = .swallowTheAnswer) throws {
        self.trigger = Array(trigger.utf8)
        self.fault = fault
        relay = try LoopbackRelay(toPort: targetPort)
        port = relay.port
        relay.start { [self] client, server in
            state.withLock { $0.connections += 1 }
            pass(client, server)
        }
    }

    /// Stops accepting; connections under way end when either side closes.
    func stop() { relay.stop() }

    private func pass(_ client: Int32, _ server: Int32) {
        if case .holdTheCommand(let milliseconds) = fault {
            relayHolding(client, server, milliseconds: milliseconds)
            return
        }
        var fromClient: [UInt8] = []
        var fromServer: [UInt8] = []
        /// The tag of the command whose answer is swallowed, once the trigger was seen.
        var swallowing: [UInt8]?
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            var fds = [
                pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                pollfd(fd: server, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&fds, 2, 60_000) > 0 else { return }
            if fds[0].revents != 0 {
                let count = read(client, &chunk, chunk.count)
                guard count > 0, send(server, chunk, count, Int32(MSG_NOSIGNAL)) == count else { return }
                fromClient += chunk[..<count]
                while swallowing == nil, let line = Self.takeLine(&fromClient) {
                    if Self.contains(line, trigger), claimTheDrop() {
                        swallowing = Array(line.prefix { $0 != UInt8(ascii: " ") })
                    }
                }
            }
            if fds[1].revents != 0 {
                let count = read(server, &chunk, chunk.count)
                guard count > 0 else { return }
                guard let tag = swallowing else {
                    guard send(client, chunk, count, Int32(MSG_NOSIGNAL)) == count else { return }
                    continue
                }
                fromServer += chunk[..<count]
                while let line = Self.takeLine(&fromServer) {
                    // The server has answered the command: it was carried out. The client never hears of it.
                    if line.starts(with: tag + [UInt8(ascii: " ")]) {
                        shutdown(client, Int32(SHUT_RDWR))
                        return
                    }
                }
            }
        }
    }

    /// Passes both ways, except that from the trigger line on the client's bytes wait `milliseconds` before
    /// they go on; the client's end of stream reaches the server after them, and the server's end closes both.
    private func relayHolding(_ client: Int32, _ server: Int32, milliseconds: Int) {
        var unscanned: [UInt8] = []
        var scanning = true
        defer { if !scanning { state.withLock { $0.faultEnded = true } } }
        var held: [UInt8] = []
        var release: Date?
        var clientEnded = false
        /// The client left while its command was held: the server reads that end only once it has answered
        /// (Dovecot refuses a command that arrives with the end of stream; one it is busy with, it finishes).
        var endAfterAnswer = false
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func forward(_ bytes: [UInt8]) -> Bool {
            bytes.isEmpty || send(server, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count
        }
        while true {
            if let due = release, Date() >= due {
                guard forward(held) else { return }
                held = []
                release = nil
                endAfterAnswer = clientEnded
            }
            let wait = release.map { max(0, Int($0.timeIntervalSinceNow * 1000) + 1) } ?? 60_000
            var fds = [
                pollfd(fd: clientEnded ? -1 : client, events: Int16(POLLIN), revents: 0),
                pollfd(fd: server, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, Int32(wait))
            guard ready >= 0, ready > 0 || release != nil else { return }
            if fds[0].revents != 0 {
                let count = read(client, &chunk, chunk.count)
                if count <= 0 {
                    clientEnded = true
                    if release == nil { shutdown(server, Int32(SHUT_WR)) }
                } else if release != nil {
                    held += chunk[..<count]
                } else if !scanning {
                    guard forward(Array(chunk[..<count])) else { return }
                } else {
                    unscanned += chunk[..<count]
                    while scanning, let line = Self.takeLine(&unscanned) {
                        if Self.contains(line, trigger), claimTheDrop() {
                            scanning = false
                            held = line + [10] + unscanned
                            unscanned = []
                            release = Date().addingTimeInterval(Double(milliseconds) / 1000)
                        } else {
                            guard forward(line + [10]) else { return }
                        }
                    }
                }
            }
            if fds[1].revents != 0 {
                let count = read(server, &chunk, chunk.count)
                guard count > 0 else { return }
                _ = send(client, chunk, count, Int32(MSG_NOSIGNAL))
                if endAfterAnswer {
                    endAfterAnswer = false
                    shutdown(server, Int32(SHUT_WR))
                }
            }
        }
    }

    private func claimTheDrop() -> Bool {
        state.withLock { state in
            if state.dropped { return false }
            state.dropped = true
            return true
        }
    }

    private static func takeLine(_ buffer: inout [UInt8]) -> [UInt8]? {
        guard let newline = buffer.firstIndex(of: 10) else { return nil }
        let line = Array(buffer[..<newline])
        buffer.removeSubrange(...newline)
        return line
    }

    private static func contains(_ line: [UInt8], _ needle: [UInt8]) -> Bool {
        line.indices.contains { start in line[start...].starts(with: needle) }
    }
}
