import Glibc

/// A blocking TCP socket that speaks lines, enough to prove the test server answers before the IMAP
/// client exists. Loopback only.
final class LineSocket {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(host: String, port: UInt16, timeoutSeconds: Int = 10) throws {
        guard host == "127.0.0.1" else { throw Failure(description: "tests only connect to 127.0.0.1, not \(host)") }
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect to \(host):\(port) failed: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    func send(_ line: String) throws {
        let bytes = Array((line + "\r\n").utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw Failure(description: "send failed: errno \(errno)") }
    }

    func readLine() throws -> String {
        while true {
            if let lf = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<lf], as: UTF8.self)
                buffer.removeSubrange(...lf)
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "connection closed or timed out (errno \(errno))") }
            buffer += chunk[..<count]
        }
    }

    /// Reads lines up to the tagged response for `tag` and returns it.
    func readTagged(_ tag: String) throws -> String {
        for _ in 0..<1000 {
            let line = try readLine()
            if line.hasPrefix(tag + " ") { return line }
        }
        throw Failure(description: "no tagged response for \(tag)")
    }
}
