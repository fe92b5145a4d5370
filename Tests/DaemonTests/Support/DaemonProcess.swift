import Foundation

@testable import Daemon

/// The built `mailsift` binary run as a separate process (posix_spawn: Foundation.Process started from async
/// code may never see its child exit), its output appended to `log`.
final class DaemonProcess: @unchecked Sendable {
    let pid: pid_t

    /// The binary beside the test bundle in the build folder.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mailsift")
            .path
    }

    init(_ arguments: [String], log: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The test process's sockets (SwiftNIO's are not close-on-exec) must not stay open in the daemon.
        ChildDescriptors.closeAllButStandard(&actions)
        let argv = ([Self.binary] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, Self.binary, &actions, nil, argv, envp)
        guard result == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot start \(Self.binary)"])
        }
        self.pid = pid
    }

    /// Sends `signal` and waits for the process to end; returns its exit status (or 128 + the signal).
    @discardableResult
    func stop(_ signal: Int32, within seconds: Double = 20) async -> Int32 {
        kill(pid, signal)
        return await wait(seconds)
    }

    /// For a `defer`: SIGKILL, and the (immediate) end reaped.
    func kill9() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// Polls with sleeps that give the thread back: a wait that held a thread of the cooperative pool (two on
    /// this machine) for seconds would starve the tests running beside it, and fail them for timeouts of ours.
    func wait(_ seconds: Double) async -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { return -1 }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return -2
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let signaled = status & 0x7f
        return signaled == 0 ? (status >> 8) & 0xff : 128 + signaled
    }
}
