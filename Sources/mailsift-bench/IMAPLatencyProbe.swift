import ArgumentParser
import Foundation
import Glibc
import IMAPClient
import NIOConcurrencyHelpers

/// Measures the time from an EXISTS written to the socket to the event on `IMAPConnection.events`: a small
/// server on 127.0.0.1 (a thread, blocking sockets) greets, accepts IDLE, then writes `* N EXISTS` every 2 ms,
/// noting the time just before each write; the client notes when each event arrives. The difference includes
/// the kernel's loopback, SwiftNIO, the parser, the state machine and the AsyncStream hop.
struct IMAPLatencyProbe {
    var samples: Int

    /// Latencies in microseconds, sorted.
    func run() async throws -> [Double] {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw ValidationError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 1) == 0 else { throw ValidationError("cannot listen on 127.0.0.1") }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let sent = NIOLockedValueBox([ContinuousClock.Instant]())
        let samples = samples
        let server = Thread {
            defer { close(listener) }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            // Without TCP_NODELAY, Nagle's algorithm holds a small write until the previous one is acknowledged,
            // and the client's delayed ACK makes that 40 ms: measured here, it is the probe's delay, not the client's.
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            func send(_ text: String) {
                _ = text.utf8CString.withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count - 1) }
            }
            send("* OK [CAPABILITY IMAP4rev1 IDLE] latency probe ready\r\n")
            var buffer = [UInt8](repeating: 0, count: 4096)
            var line: [UInt8] = []
            var idleTag = "*"
            while true {
                let count = read(client, &buffer, buffer.count)
                guard count > 0 else { return }
                line += buffer[0..<count]
                guard let end = line.firstIndex(of: 10) else { continue }
                let text = String(decoding: line[..<end], as: UTF8.self)
                line.removeSubrange(...end)
                let tag = text.split(separator: " ").first.map(String.init) ?? "*"
                if text.hasSuffix("IDLE\r") {
                    idleTag = tag
                    send("+ idling\r\n")
                    for number in 1...samples {
                        usleep(2_000)
                        let now = ContinuousClock.now
                        sent.withLockedValue { $0.append(now) }
                        send("* \(number) EXISTS\r\n")
                    }
                } else if text.hasPrefix("DONE") {
                    send("\(idleTag) OK idle done\r\n")
                } else {
                    send("\(tag) OK done\r\n")
                }
                if text.contains("LOGOUT") { return }
            }
        }
        server.start()

        let connection = try await IMAPConnection.connect(
            IMAPClientConfiguration(host: "127.0.0.1", port: port, security: .plaintext))
        try await connection.startIdle()
        var arrived: [ContinuousClock.Instant] = []
        arrived.reserveCapacity(samples)
        for await event in connection.events {
            if case .exists = event { arrived.append(.now) }
            if arrived.count == samples { break }
        }
        await connection.close()
        let written = sent.withLockedValue { $0 }
        return zip(written, arrived).map { ($1 - $0).seconds * 1e6 }.sorted()
    }
}
