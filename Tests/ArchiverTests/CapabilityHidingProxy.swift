import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of the test Dovecot that hides one capability: every `UIDPLUS` (or the word
/// given) the server sends becomes `XUIDPLU` (an X first, its last letter dropped: same length, so nothing else
/// moves), so the client meets a real Dovecot that does not announce it. The test Dovecot's basic server on ::1
/// announces UIDPLUS, and is missing where IPv6 is off, so it cannot serve here. Test messages must not contain
/// the word. Each connection is relayed by a thread of its own until either side closes (`LoopbackRelay`).
final class CapabilityHidingProxy: Sendable {
    let port: Int
    private let relay: LoopbackRelay
    private let hidden: [UInt8]
    private let shown: [UInt8]

    init(toPort targetPort: Int, hiding capability: String = "UIDPLUS") throws {
        hidden = Array(capability.utf8)
        shown = Array(("X" + capability.dropLast()).utf8)
        relay = try LoopbackRelay(toPort: targetPort)
        port = relay.port
        relay.start { [self] client, server in pass(client, server) }
    }

    func stop() { relay.stop() }

    private func pass(_ client: Int32, _ server: Int32) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            var fds = [
                pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                pollfd(fd: server, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&fds, 2, 120_000) > 0 else { return }
            if fds[0].revents != 0 {
                let count = read(client, &chunk, chunk.count)
                guard count > 0, send(server, chunk, count, Int32(MSG_NOSIGNAL)) == count else { return }
            }
            if fds[1].revents != 0 {
                let count = read(server, &chunk, chunk.count)
                guard count > 0 else { return }
                var start = 0
                while start + hidden.count <= count {
                    if chunk[start..<(start + hidden.count)].elementsEqual(hidden) {
                        chunk.replaceSubrange(start..<(start + hidden.count), with: shown)
                        start += hidden.count
                    } else {
                        start += 1
                    }
                }
                guard send(client, chunk, count, Int32(MSG_NOSIGNAL)) == count else {
                    return
                }
            }
        }
    }
}
