import Foundation
import TestSupport

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

    func wait(_ seconds: Double) async -> Int32 {
        await ChildExit.wait(pid, seconds: seconds)
    }
}
