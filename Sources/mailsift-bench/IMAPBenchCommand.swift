import ArgumentParser
import Foundation
import IMAPClient
import IMAPCore

/// `mailsift-bench imap`: UID FETCH of headers, then of whole messages, for N messages of the test Dovecot, with
/// Python's imaplib doing the same commands in the same run; then the time from an EXISTS written to the socket
/// to the event in `IMAPConnection.events`.
struct IMAPBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imap",
        abstract: "IMAP fetch speed next to Python's imaplib, and EXISTS-to-event latency (test Dovecot).")

    @Option(help: "Messages in the benchmark folder (appended from the corpus on the first run).") var messages = 10_000
    @Option(help: "Server (loopback only; default: the test Dovecot of scripts/test-imap-server.sh).") var host: String?
    @Option(help: "Plaintext port (default: $MAILSIFT_TEST_IMAP_PORT).") var port: Int?
    @Option(help: "Account; its password is read from $MAILSIFT_BENCH_PASSWORD, else the test server's.") var user =
        "alice"
    @Option(help: "UIDs per FETCH of headers.") var headerChunk = 1000
    @Option(help: "UIDs per FETCH of whole messages.") var bodyChunk = 250
    @Option(help: "EXISTS samples for the latency figure.") var samples = 2000
    @Option(help: "The imaplib half.") var imaplibScript = "scripts/imaplib-bench.py"
    @Flag(help: "Only the EXISTS-to-event latency (no server needed).") var latencyOnly = false

    func run() async throws {
        if !latencyOnly { try await fetchComparison() }
        let latency = try await IMAPLatencyProbe(samples: samples).run()
        print(
            String(
                format:
                    "EXISTS written to the socket -> event on IMAPConnection.events (IDLE, one every 2 ms, %d samples): p50 %.0f µs, p99 %.0f µs, max %.0f µs",
                latency.count, latency.quantile(0.5), latency.quantile(0.99), latency.last ?? 0))
    }

    private func fetchComparison() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["MAILSIFT_TEST_IMAP_HOST"] ?? "127.0.0.1"
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("the benchmark talks to loopback only")
        }
        guard let port = port ?? environment["MAILSIFT_TEST_IMAP_PORT"].flatMap(Int.init) else {
            throw ValidationError("no port: start the test server (scripts/test-imap-server.sh start) or give --port")
        }
        let password = environment["MAILSIFT_BENCH_PASSWORD"] ?? "\(user)-pass"
        var configuration = IMAPClientConfiguration(host: host, port: port, security: .plaintext)
        configuration.timeouts.command = .seconds(600)
        let folder = "bench-\(messages)"

        let connection = try await IMAPConnection.connect(configuration)
        try await connection.login(user: user, password: password)
        try await fill(folder: MailboxName(folder), connection: connection)
        try await connection.execute(.examine(MailboxName(folder), condStore: false))
        let uids = try await allUIDs(connection)

        // Untimed first pass: whichever client went first would otherwise pay for Dovecot's cold caches.
        _ = try await fetchAll(connection, uids: uids, item: .body, chunk: bodyChunk)
        let headers = try await fetchAll(connection, uids: uids, item: .header, chunk: headerChunk)
        let bodies = try await fetchAll(connection, uids: uids, item: .body, chunk: bodyChunk)
        await connection.logout()
        let python = try imaplib(host: host, port: port, password: password, folder: folder)

        print(
            "IMAP UID FETCH, \(uids.count) messages, plaintext on loopback, chunks of \(headerChunk) (headers) and \(bodyChunk) (bodies)"
        )
        print(Self.line("mailsift headers", headers))
        print(Self.line("imaplib  headers", python.headers))
        print(Self.line("mailsift bodies ", bodies))
        print(Self.line("imaplib  bodies ", python.bodies))
    }

    struct Run: Decodable {
        var messages: Int
        var bytes: Int
        var seconds: Double
        /// The client's own CPU time (the server shares the machine, so wall time is partly Dovecot's).
        var cpu: Double
    }

    private static func line(_ name: String, _ run: Run) -> String {
        String(
            format: "%@  %6d messages  %7.1f MB  %6.2f s  %8.0f msg/s  %7.1f MB/s   client CPU %5.2f s",
            name, run.messages, Double(run.bytes) / 1e6, run.seconds, Double(run.messages) / run.seconds,
            Double(run.bytes) / 1e6 / run.seconds, run.cpu)
    }

    /// Appends corpus messages (line ends made CRLF) until the folder holds `messages`.
    private func fill(folder: MailboxName, connection: IMAPConnection) async throws {
        _ = try? await connection.execute(.create(folder))
        let status = try await connection.execute(.status(folder, items: ["MESSAGES"]))
        var present = 0
        for case .status(_, let items) in status.untagged { present = Int(items["MESSAGES"] ?? 0) }
        guard present < messages else { return }
        let corpus = try MessageFolder.load(ParseBenchCommand.defaultCorpus()).map(Self.crlf)
        var next = present
        while next < messages {
            let batch = (next..<min(messages, next + 100)).map { AppendMessage(bytes: corpus[$0 % corpus.count]) }
            try await connection.append(batch, to: folder)
            next += batch.count
        }
    }

    private static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 40)
        var previous: UInt8 = 0
        for byte in bytes where byte != 0 {
            if byte == 10 && previous != 13 { out.append(13) }
            out.append(byte)
            previous = byte
        }
        return out
    }

    private func allUIDs(_ connection: IMAPConnection) async throws -> [UInt32] {
        let completion = try await connection.execute(.uidSearch(.all, returnOptions: nil))
        for case .search(let uids, _) in completion.untagged { return uids.sorted() }
        return []
    }

    private func fetchAll(_ connection: IMAPConnection, uids: [UInt32], item: FetchItem, chunk: Int) async throws -> Run
    {
        var run = Run(messages: 0, bytes: 0, seconds: 0, cpu: 0)
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = CPUTime.process()
        for first in stride(from: 0, to: uids.count, by: chunk) {
            let part = uids[first..<min(uids.count, first + chunk)]
            let completion = try await connection.execute(
                .uidFetch(UIDSet([part.first!...part.last!]), items: [item], changedSince: nil))
            for case .fetch(_, let attributes) in completion.untagged {
                for case .body(_, _, let data?) in attributes {
                    run.messages += 1
                    run.bytes += data.count
                }
            }
        }
        run.seconds = (clock.now - start).seconds
        run.cpu = CPUTime.process() - cpuStart
        return run
    }

    private func imaplib(host: String, port: Int, password: String, folder: String) throws -> (
        headers: Run, bodies: Run
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [imaplibScript, host, String(port), user, folder, String(headerChunk), String(bodyChunk)]
        var environment = ProcessInfo.processInfo.environment
        environment["MAILSIFT_BENCH_PASSWORD"] = password
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("imaplib run failed (exit \(process.terminationStatus))")
        }
        struct Result: Decodable {
            var headers: Run
            var bodies: Run
        }
        let result = try JSONDecoder().decode(Result.self, from: data)
        return (result.headers, result.bodies)
    }
}

extension [Double] {
    /// The value at `q` of a sorted array.
    fileprivate func quantile(_ q: Double) -> Double {
        isEmpty ? 0 : self[Swift.min(count - 1, Int(Double(count) * q))]
    }
}
