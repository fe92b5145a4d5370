import Foundation
import TestSupport

/// Runs the built `mailsift` binary the way a user does, and captures what it prints.
struct MailsiftProcess {
    struct Result {
        var status: Int32
        /// True when the process was ended by a signal (`status` is then the signal's number).
        var wasKilled = false
        var stdout: String
        var stderr: String
    }

    /// The binary beside the test bundle in the build folder.
    static var binary: URL { built("mailsift") }

    /// Another executable of the package, beside the test bundle (`mailsift-bench`).
    static func built(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }

    /// The project's top folder (for `samples/`).
    static var root: URL { Repository.root }

    /// With `timeout`, a process still running after that many seconds is killed (`wasKilled`, status SIGKILL).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double? = nil, program: URL = binary
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let timeout {
            // Outputs here are small (they fit the pipes), so waiting before reading cannot block the child.
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, wasKilled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
