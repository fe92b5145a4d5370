import Foundation
import TestSupport
import Testing

/// The text index built after the mail is in reads its messages back from the archive: large ones must not all be
/// held at once (a batch is a few hundred messages, each up to 256 MiB).
@Suite struct ArchiveTextIndexMemoryTests {
    static let count = 16
    static let bodyBytes = 8 << 20

    /// `count` messages of `bodyBytes` of text each, as .eml files.
    private func writeLargeMessages(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let line = "Compte rendu du conseil de classe, pièces jointes recopiées dans le corps du message.\n"
        let body = String(repeating: line, count: Self.bodyBytes / line.utf8.count)
        for number in 1...Self.count {
            let text = """
                From: Direction <direction@ecoles.example.fr>
                To: prof\(number)@ecoles.example.fr
                Subject: Archives du conseil \(number)
                Message-ID: <\(number).gros@ecoles.example.fr>

                \(number) \(body)
                """
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/\(number).eml"))
        }
    }

    /// Runs `mailsift` with `arguments` and returns its exit status and the most memory it held (VmHWM, bytes),
    /// read from /proc while it runs: the high-water mark only grows, so its last reading holds the peak of all
    /// the work before it. (`wait4`'s ru_maxrss would count the test process's own size: a spawned child's
    /// high-water mark starts from its parent's until it execs.)
    private func peakMemory(_ arguments: [String]) throws -> (status: Int32, bytes: Int) {
        let argv = (["mailsift"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, MailsiftProcess.binary.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var peak = 0
        var status: Int32 = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
            {
                peak = max(peak, kilobytes * 1024)
            }
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) { break }
            usleep(5_000)
        }
        return ((status >> 8) & 0xff, peak)
    }

    @Test(.enabled(if: faultPointsExist, "fault points exist in debug builds only"))
    func indexingLargeWaitingMessagesHoldsOneAtATime() throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        try writeLargeMessages(root + "/in")
        try FileManager.default.createDirectory(atPath: root + "/small", withIntermediateDirectories: true)
        try Data("Subject: petit\nMessage-ID: <petit@ecoles.example.fr>\n\nRien.\n".utf8).write(
            to: URL(fileURLWithPath: root + "/small/petit.eml"))
        let archive = root + "/archive"
        // Stored and catalogued, then killed in the text index's first commit: all their text waits.
        let killed = try MailsiftProcess.run(
            ["archive", "import", "--archive", archive, root + "/in"],
            environment: ["MAILSIFT_ARCHIVE_FAULT": "text-indexed"])
        #expect(killed.wasKilled)
        // The next import, of one small message, indexes what waits at its end.
        let (status, peak) = try peakMemory(["archive", "import", "--archive", archive, root + "/small"])
        #expect(status == 0)
        let total = Self.count * Self.bodyBytes
        // One message at a time: the process stays far below the messages' total (128 MiB).
        #expect(peak < total * 3 / 4, "peak \(peak >> 20) MiB while indexing \(total >> 20) MiB of messages")
        let search = try MailsiftProcess.run(
            ["archive", "search", "--archive", archive, "--limit", "100", "conseil"])
        #expect(search.stdout.split(separator: "\n").count == Self.count, "\(search.stdout)\(search.stderr)")
    }
}
