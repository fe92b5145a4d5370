import Foundation
import IMAPClient

#if canImport(Glibc)
    import Glibc
#endif

/// A fake IMAP server on 127.0.0.1 that misbehaves on purpose, for the cases a real Dovecot cannot show:
/// it accepts one connection and plays a script of steps on a background thread.
public final class ScriptedServer: @unchecked Sendable {
    public enum Step: Sendable {
        /// Send these bytes.
        case send(String)
        /// Send these bytes (not text: compressed data).
        case sendBytes([UInt8])
        /// Do nothing for a while.
        case pause(milliseconds: Int)
        /// Read client bytes until a line starting with this prefix has arrived.
        case expectLine(prefix: String)
        /// Close the connection.
        case close
        /// Stay connected without answering, until the client goes away.
        case silence
    }

    public let port: Int
    private let listener: Int32
    private let script: [Step]
    /// Lines the client sent, for the test to look at afterwards.
    public private(set) var received: [String] = []
    private let done = DispatchSemaphore(value: 0)

    public init(_ script: [Step]) throws {
        self.script = script
        // Close-on-exec, both sockets: a child another test starts meanwhile (a daemon, a Dovecot) would
        // otherwise hold them open, and the client would never see the connection close when the script says so.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in self.run() }.start()
    }

    /// Waits until the script has ended (the connection is closed), without blocking a cooperative thread.
    public func finished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.done.wait()
                continuation.resume()
            }
        }
    }

    private func run() {
        defer {
            close(listener)
            done.signal()
        }
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        // (accept4 is not in Swift's Glibc module: a child spawned in between could still inherit it.)
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        defer { close(client) }
        var buffer: [UInt8] = []
        for step in script {
            switch step {
            case .send(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            case .sendBytes(let bytes):
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            case .pause(let milliseconds):
                usleep(UInt32(milliseconds) * 1000)
            case .expectLine(let prefix):
                while true {
                    if let newline = buffer.firstIndex(of: 10) {
                        let line = String(decoding: buffer[..<newline], as: UTF8.self)
                        buffer.removeSubrange(...newline)
                        received.append(line)
                        if line.hasPrefix(prefix) { break }
                        continue
                    }
                    var chunk = [UInt8](repeating: 0, count: 4096)
                    let count = recv(client, &chunk, chunk.count, 0)
                    if count <= 0 { return }
                    buffer += chunk[0..<count]
                }
            case .close:
                return
            case .silence:
                var chunk = [UInt8](repeating: 0, count: 4096)
                while recv(client, &chunk, chunk.count, 0) > 0 {}
                return
            }
        }
        // Script over: keep the connection until the client closes it.
        var chunk = [UInt8](repeating: 0, count: 4096)
        while recv(client, &chunk, chunk.count, 0) > 0 {}
    }
}

extension ScriptedServer {
    /// A plaintext client connection to this server, with a command timeout short enough that a wrong script
    /// fails in seconds and long enough for a loaded machine.
    public func connect(commandTimeout: Duration = .seconds(10)) async throws -> IMAPConnection {
        try await IMAPConnection.connect(
            IMAPClientConfiguration(
                host: "127.0.0.1", port: port, security: .plaintext, timeouts: .init(command: commandTimeout)))
    }
}
