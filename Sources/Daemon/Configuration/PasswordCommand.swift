import Foundation
import IMAPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `password_command`: a program and its arguments, without a shell (nothing in them is expanded or split),
/// standard input and standard error on /dev/null, its output read as the secret. Bounded: killed (with everything
/// it started, its process group) after `timeout` or once it has printed more than
/// `ConfigurationLimits.secretBytes`. What it prints is never logged nor put in an error: a failure says the exit
/// status only. posix_spawn rather than Foundation.Process: the child's signal mask and dispositions are reset
/// (a child started from async code may otherwise inherit blocked signals), and no thread is left waiting on it.
enum PasswordCommand {
    static func run(
        _ arguments: [String], timeout: Duration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretError) -> Secret {
        guard let program = arguments.first, !program.isEmpty else { throw SecretError("password_command is empty") }
        let name = "password_command \(program)"
        let limit = ConfigurationLimits.secretBytes

        var fds: [Int32] = [-1, -1]
        // pipe2 is not in Swift's Glibc module: close-on-exec set at once, so no other child started by another
        // thread keeps these ends open (that child would hold the output open past the command's end).
        guard pipe(&fds) == 0 else { throw SecretError("\(name): cannot make a pipe: \(errnoText())") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do throws(SpawnError) {
            defer { close(writeEnd) }
            pid = try spawn(program: program, arguments: arguments, environment: environment, stdout: writeEnd)
        } catch {
            close(readEnd)
            throw SecretError("\(name): cannot run it: \(errnoText(error.code))")
        }
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)

        enum Stop {
            case timedOut, tooLarge
            case readFailed(Int32)
        }
        var stop: Stop?
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        defer {
            SecretFile.wipe(&output)
            SecretFile.wipe(&chunk)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        var (endOfOutput, exited) = (false, false)
        watch: while true {
            // Once the command has exited, what it wrote is in the pipe: one last read, then stop, even if
            // something it started in the background still holds the pipe open.
            let exitedBefore = exited
            while !endOfOutput {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count > 0 {
                    guard output.count + count <= limit else {
                        stop = .tooLarge
                        break watch
                    }
                    output.append(contentsOf: chunk[..<count])
                } else if count == 0 {
                    endOfOutput = true
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    break
                } else {
                    stop = .readFailed(errno)
                    break watch
                }
            }
            if exitedBefore { break }
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited < 0 && errno != EINTR) {
                exited = true
                continue
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                stop = .timedOut
                break
            }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: min(50, max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
            if endOfOutput {
                usleep(UInt32(milliseconds) * 1000)
            } else {
                var wanted = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
                _ = poll(&wanted, 1, milliseconds)
            }
        }
        close(readEnd)
        if !exited {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }

        switch stop {
        case .timedOut:
            throw SecretError("\(name) did not finish within \(describe(timeout)); it was stopped")
        case .tooLarge:
            throw SecretError("\(name) printed more than \(limit / 1024) KiB; it was stopped")
        case .readFailed(let code):
            throw SecretError("\(name): reading its output failed: \(errnoText(code))")
        case nil:
            break
        }
        let signal = status & 0x7F
        if signal != 0 { throw SecretError("\(name) was stopped by signal \(signal)") }
        let code = (status >> 8) & 0xFF
        if code != 0 { throw SecretError("\(name) failed (exit status \(code))") }
        return try SecretFile.secret(from: output[...], what: "the output of \(name)")
    }

    struct SpawnError: Error { let code: Int32 }

    /// posix_spawnp: a program without a slash is looked up in PATH, as a shell would, but nothing else is.
    private static func spawn(
        program: String, arguments: [String], environment: [String: String], stdout: Int32
    ) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        ChildDescriptors.closeAllButStandard(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // Its own process group, so that a timeout stops what it started too.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(code: result) }
        return pid
    }

    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
