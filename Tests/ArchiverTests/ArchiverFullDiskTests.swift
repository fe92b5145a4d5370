import Archive
import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// A full disk under the archive, for real: a 6 MiB tmpfs mounted for the test (as root, which scripts/test.sh
/// runs as), mostly taken by a file. The run stops with a clear error and expunges nothing it has not archived;
/// once the file is removed, the next run completes.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct ArchiverFullDiskTests {
    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// About `size` bytes of random letters: compresses little, so the disk fills fast.
    private static func bulky(_ label: String, size: Int = 50_000) -> [UInt8] {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var body = (0..<size).map { _ in letters.randomElement()! }
        for index in stride(from: 76, to: body.count - 1, by: 78) {
            body[index] = 13
            body[index + 1] = 10
        }
        return ArchiverTestAccount.message(label) + body + Array("\r\n".utf8)
    }

    @Test func aFullDiskStopsTheRunExpungesNothingUnarchivedAndTheNextRunCompletes() async throws {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings(rule: .init(olderThanDays: 30)))
        test.configuration.accounts[0].archive.folders = [test.prefix]
        test.configuration.accounts[0].archive.fetchBudgetMiB = 1
        let mountPoint = test.directory.path + "/state"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint]) else {
            if TestServer.required {
                Issue.record("could not mount a tmpfs at \(mountPoint): scripts/test.sh runs as root and needs mount")
            } else {
                print("note: archiver full-disk test not run: mounting a tmpfs needs root (scripts/test.sh runs it)")
            }
            await test.finish()
            return
        }
        defer { _ = Self.run("/bin/umount", [mountPoint]) }
        let filler = mountPoint + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: 5_600_000)))

        let old = (0..<24).map { Self.bulky("plein-\($0)") }
        for message in old { try await test.append(message, to: test.prefix, daysAgo: 60) }
        func text(_ messages: [[UInt8]]) -> Set<String> { Set(messages.map { String(decoding: $0, as: UTF8.self) }) }

        let connection = try await test.archiver.connect()
        let failure = await #expect(throws: ArchiveError.self) { try await test.archiver.run(on: connection) }
        #expect(failure?.isDiskFull == true, "\(String(describing: failure))")
        await connection.close()
        // Nothing lost: what left the server is in the archive; nothing twice.
        let server = try await test.messages(in: test.prefix)
        let archived = try test.archived().map(\.bytes)
        #expect(!server.isEmpty)
        #expect(text(server).union(text(archived)) == text(old))
        // The batch that met the full disk is not in the archive (the store's write is all or nothing) and not
        // expunged; the batches before it are archived and expunged.
        #expect(text(server).isDisjoint(with: text(archived)))
        #expect(archived.count == Set(archived).count)

        try FileManager.default.removeItem(atPath: filler)
        let again = try await test.archiver.connect()
        let report = try await test.archiver.run(on: again)
        await again.logout()
        #expect(report.leftOnServer == 0 && report.mismatched == 0)
        #expect(try await test.messages(in: test.prefix).isEmpty)
        let all = try test.archived().map(\.bytes)
        #expect(all.count == old.count && text(all) == text(old))
        await test.finish()
    }
}

extension AccountRunReport {
    var mismatched: Int { folders.reduce(0) { $0 + $1.mismatched } }
}
