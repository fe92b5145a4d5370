import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP listener on 127.0.0.1 (a free port) that connects each client to `targetPort` on 127.0.0.1 and hands the
/// two sockets to a relay function on a thread of their own, closing both when it returns. The base of the tests'
/// proxies that put a fault between mailsift and the test Dovecot (a capability hidden, an answer swallowed, a
/// command held back). Sockets are close-on-exec: a child another test starts must not hold them open.
public final class LoopbackRelay: Sendable {
    public let port: Int
    private let listener: Int32
    private let targetPort: Int

    /// Listens at once; connections wait in the backlog until `start`.
    public init(toPort targetPort: Int) throws {
        self.targetPort = targetPort
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
    }

    /// Accepts connections from now on, each relayed by `relay(client, server)` on a thread of its own.
    public func start(_ relay: @escaping @Sendable (_ client: Int32, _ server: Int32) -> Void) {
        Thread { [self] in
            defer { close(listener) }
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                Thread { [self] in
                    defer { close(client) }
                    guard let server = connectToTarget() else { return }
                    defer { close(server) }
                    relay(client, server)
                }.start()
            }
        }.start()
    }

    /// Stops accepting; connections under way end when either side closes.
    public func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    private func connectToTarget() -> Int32? {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = Self.loopback(port: UInt16(targetPort))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(server)
            return nil
        }
        return server
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }
}
