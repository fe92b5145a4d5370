import Foundation
import Glibc

extension MailsiftProcess {
    /// Runs `mailsift` with standard input fed `input` from a background thread until all of it is written or
    /// the child stops reading (closes its end or exits). Returns the result and how many bytes went in.
    static func run(_ arguments: [String], input: FileInput) throws -> (Result, written: Int) {
        signal(SIGPIPE, SIG_IGN)  // a child that stops reading must give EPIPE here, not kill the tests
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The parent keeps neither end of the child's standard input: once the child exits, writes fail with
        // EPIPE instead of blocking. The writer owns a duplicate of the write end and closes it when done.
        // Close-on-exec: a child that another test starts meanwhile must not inherit it and hold the pipe open.
        let fd = fcntl(stdin.fileHandleForWriting.fileDescriptor, F_DUPFD_CLOEXEC, 0)
        try stdin.fileHandleForWriting.close()
        try stdin.fileHandleForReading.close()
        let writer = InputWriter(fd: fd, input: input)
        let thread = Thread { writer.write() }
        thread.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        writer.done.wait()
        let result = Result(
            status: process.terminationStatus, wasKilled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
        return (result, writer.written)
    }

    /// What to write: `prefix`, then `repeating` again and again up to `total` bytes.
    struct FileInput: Sendable {
        var prefix: [UInt8]
        var repeating: [UInt8] = []
        var total: Int
    }

    private final class InputWriter: @unchecked Sendable {
        let fd: Int32
        let input: FileInput
        var written = 0
        let done = DispatchSemaphore(value: 0)

        init(fd: Int32, input: FileInput) {
            self.fd = fd
            self.input = input
        }

        func write() {
            defer {
                close(fd)
                done.signal()
            }
            var chunk = input.prefix
            let filler = input.repeating.isEmpty ? [UInt8(ascii: "x")] : input.repeating
            while chunk.count < 1 << 20 { chunk += filler }
            var first = true
            while written < input.total {
                let piece = first ? chunk : Array(chunk[input.prefix.count...])
                first = false
                let count = min(piece.count, input.total - written)
                let result = piece.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, count) }
                if result <= 0 { return }
                written += result
            }
        }
    }
}
