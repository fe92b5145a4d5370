import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of the test Dovecot that hides one capability: every `UIDPLUS` (or the word
/// given) the server sends becomes `XUIDPLU` (an X first, its last letter dropped: same length, so nothing else
/// moves), so the client meets a real Dovecot that does not announce it. The test Dovecot's basic server on ::1
/// announces UIDPLUS, and is missing where IPv6 is off, so it cannot serve here. Test messages must not contain the word. Each
/// connection is relayed by a thread of its own until either side closes.
final class CapabilityHidingProxy: Sendable {
    let port: Int
    private let listener: Int32
    private let targetPort: Int
    private let hidden: [UInt8]
    private let shown: [UInt8]

    init(toPort targetPort: Int, hiding capability: String = "UIDPLUS") throws {
        self.targetPort = targetPort
        hidden = Array(capability.utf8)
        shown = Array(("X" + capability.dropLast()).utf8)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            Thread { [self] in relay(client) }.start()
        }
    }

    private func relay(_ client: Int32) {
        defer { close(client) }
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(server) }
        var address = Self.loopback(port: UInt16(targetPort))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return }
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
