import Foundation

@testable import Daemon

/// A Dovecot of the test's own (scripts/test-imap-server.sh in a folder of its own, on free ports), for tests
/// that stop and start the server under a running daemon without disturbing the tests that share the main one.
final class PrivateDovecot: @unchecked Sendable {
    let directory: String
    let port: Int
    let tlsPort: Int

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/test-imap-server.sh")
        .path

    init() throws {
        directory = "/tmp/mailsift-private-dovecot-" + UUID().uuidString.prefix(8)
        port = Self.freePort(from: 23143)
        tlsPort = Self.freePort(from: port + 1)
        try start()
    }

    func start() throws { try run("start") }
    func stop() throws { try run("stop") }

    deinit {
        try? run("stop")
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + ".log")
    }

    /// Runs the script with posix_spawn and waitpid: Foundation.Process, started from async code, may never
    /// see its child exit (SWIFT-NOTES.md).
    private func run(_ action: String) throws {
        let environment =
            ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MAILSIFT_TEST_IMAP") }
            .map { "\($0.key)=\($0.value)" } + [
                "MAILSIFT_TEST_IMAP_PORT=\(port)", "MAILSIFT_TEST_IMAPS_PORT=\(tlsPort)",
            ]
        let arguments = ["/bin/bash", Self.script, action, directory]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, directory + ".log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // The test process's sockets (SwiftNIO's are not close-on-exec) must not stay open in the server.
        ChildDescriptors.closeAllButStandard(&actions)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, envp) == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot run \(Self.script)"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "test-imap-server.sh \(action) failed"])
        }
    }

    /// A port nothing listens on (checked by binding it), from `start` on.
    static func freePort(from start: Int) -> Int {
        for port in start..<(start + 500) {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound == 0 { return port }
        }
        return start
    }
}
