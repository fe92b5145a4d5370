import Foundation
import TestSupport

@testable import Daemon

/// The built `mailsift` binary run as a separate process (posix_spawn: Foundation.Process started from async
/// code may never see its child exit), its output appended to `log`, waited for with a deadline.
enum ArchiverProcess {
    /// The binary beside the test bundle in the build folder.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mailsift")
            .path
    }

    /// The exit status, or 128 + the signal that ended it; -2 when it ran past `seconds` (then it is killed).
    static func run(
        _ arguments: [String], environment: [String: String], log: String, seconds: Double = 120
    ) async throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        ChildDescriptors.closeAllButStandard(&actions)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot start \(binary)"])
        }
        return await ChildExit.wait(pid, seconds: seconds)
    }
}
