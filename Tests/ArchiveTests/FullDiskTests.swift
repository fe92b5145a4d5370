import Archive
import Foundation
import TestSupport
import Testing

/// A full disk, for real: a 1 MiB tmpfs mounted for the test (as root, which scripts/test.sh runs as).
@Suite struct FullDiskTests {
    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A message of `size` bytes of random letters: compresses little, so the disk fills fast.
    private func bulky(_ number: Int, size: Int = 40_000) -> IncomingMessage {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var body = (0..<size).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }
        for index in stride(from: 76, to: body.count, by: 77) { body[index] = 10 }
        let header = Array("Subject: pièce jointe \(number)\nMessage-ID: <\(number)@full.example>\n\n".utf8)
        return IncomingMessage(bytes: header + body, origin: ArchiveOrigin(account: "a", folder: "INBOX"))
    }

    @Test func aFullDiskIsAClearErrorAndTheStoreStillOpensWithEverythingAcknowledged() throws {
        let folder = TemporaryFolder("full-disk")
        defer { folder.remove() }
        let mountPoint = folder.path
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint]) else {
            if TestServer.required {
                Issue.record("could not mount a tmpfs at \(mountPoint): scripts/test.sh runs as root and needs mount")
            } else {
                print("note: full-disk test not run: mounting a tmpfs needs root (scripts/test.sh runs it)")
            }
            return
        }
        defer { _ = Self.run("/bin/umount", [mountPoint]) }

        let archive = mountPoint + "/archive"
        let options = ArchiveOptions(blockSize: 64 << 10, compressionLevel: 3)
        var acknowledged: [(Int64, [UInt8])] = []
        var failure: ArchiveError?
        do {
            let store = try ArchiveStore(directory: archive, options: options)
            for batch in 0..<100 {
                let messages = (0..<2).map { bulky(batch * 2 + $0) }
                let receipts = try store.archive(messages)
                acknowledged += zip(receipts.map(\.id), messages.map(\.bytes))
            }
        } catch {
            failure = error
        }
        let error = try #require(failure, "1 MiB should not hold 100 × 80 KB of random text")
        #expect(error.isDiskFull, "\(error)")
        #expect(error.message.contains("disk is full"))
        #expect(!acknowledged.isEmpty)

        let reopened = try ArchiveStore(directory: archive, options: options)
        #expect(try reopened.stats().messages == acknowledged.count)
        #expect(try reopened.verify().isClean)
        for (id, bytes) in acknowledged { #expect(try reopened.message(id) == bytes) }
    }
}
