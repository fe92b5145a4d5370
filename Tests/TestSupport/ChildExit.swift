import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waiting for a child process the tests started with posix_spawn.
public enum ChildExit {
    /// The exit status of `pid`, or 128 + the signal that ended it; -2 when it ran past `seconds` (it is killed
    /// then), -1 when it cannot be waited for. Polls with sleeps that give the thread back: a wait that held a
    /// thread of the cooperative pool (two on this machine) for seconds would starve the tests beside it.
    public static func wait(_ pid: pid_t, seconds: Double) async -> Int32 {
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
