import Foundation
import TestSupport
import Testing

/// Whether the binary under test can be killed at a fault point (debug builds, which `swift test` makes).
private let settleFaultPointsExist: Bool = {
    #if DEBUG
        return true
    #else
        return false
    #endif
}()

/// `mailsift archive settle` as a user runs it, killed at every step included.
@Suite struct ArchiveSettleCommandTests {
    /// 60 distinct messages of about 2.1 KB as .eml files: with 8 KiB blocks, some twenty blocks.
    private func writeMessages(_ folder: String) throws -> [Data] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (1...60).map { number in
            let body = (0..<40).map { "Ligne \($0) du message \(number) : bilan du trimestre et absences." }.joined(
                separator: "\n")
            let data = Data(
                """
                From: Vie scolaire <vie.scolaire@ecoles.example.fr>
                To: prof\(number)@ecoles.example.fr
                Subject: Bilan \(number)
                Date: Wed, 4 Jun 2025 09:\(10 + number % 50):00 +0200
                Message-ID: <\(number).bilan@ecoles.example.fr>

                \(body)

                """.utf8)
            FileManager.default.createFile(atPath: folder + "/\(number).eml", contents: data)
            return data
        }
    }

    private func stats(_ archive: String) throws -> [String: Any] {
        let run = try MailsiftProcess.run(["archive", "stats", "--archive", archive, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    /// A fast-written archive of the 60 messages, and its stats.
    private func fastArchive(_ root: String) throws -> (originals: [Data], stats: [String: Any]) {
        let originals = try writeMessages(root + "/in")
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", root + "/archive", "--level", "1", "--block-size", "8192", root + "/in",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (originals, try stats(root + "/archive"))
    }

    /// Killed at each step of moving the second block, or the last: the archive verifies clean with every message
    /// once, and the next run settles everything.
    @Test(
        .enabled(if: settleFaultPointsExist, "fault points exist in debug builds only"),
        arguments: [
            "settle-written:2", "settle-synced:2", "settle-committed:2", "settle-cut:2", "settle-committed:last",
            "settle-cut:last",
        ])
    func aKilledSettleLosesNothingAndTheNextOneFinishes(fault: String) throws {
        let temporary = TemporaryFolder("archive-settle")
        defer { temporary.remove() }
        let root = temporary.path
        let archive = root + "/archive"
        let (originals, before) = try fastArchive(root)
        let blocks = try #require(before["unsettled_blocks"] as? Int)
        #expect(blocks > 10)

        let armed = fault.replacingOccurrences(of: ":last", with: ":\(blocks)")
        let killed = try MailsiftProcess.run(
            ["archive", "settle", "--archive", archive], environment: ["MAILSIFT_ARCHIVE_FAULT": armed])
        #expect(killed.wasKilled && killed.status == SIGKILL)

        // A reader right after the crash: every message there, once, intact.
        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(verify.status == 0 && verify.stdout.contains("60 messages checked: all intact"), "\(verify.stdout)")
        #expect(try stats(archive)["messages"] as? Int == 60)

        let again = try MailsiftProcess.run(["archive", "settle", "--archive", archive])
        #expect(again.status == 0 && again.stdout.contains("all blocks settled"), "\(again.stdout) \(again.stderr)")
        let after = try stats(archive)
        #expect(after["unsettled_bytes"] as? Int == 0 && after["messages"] as? Int == 60)
        #expect(try #require(after["segment_bytes"] as? Int) < (try #require(before["segment_bytes"] as? Int)))
        let verifyAfter = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(verifyAfter.status == 0 && verifyAfter.stdout.contains("60 messages checked: all intact"))
        // Only the newest segment is left: the emptied ones were removed, after a crash too.
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive + "/segments").count == 1)

        let export = try MailsiftProcess.run([
            "archive", "export", "--archive", archive, "--format", "eml", root + "/out",
        ])
        #expect(export.status == 0)
        let exported = try FileManager.default.contentsOfDirectory(atPath: root + "/out").map {
            FileManager.default.contents(atPath: root + "/out/" + $0)!
        }
        #expect(Set(exported) == Set(originals) && exported.count == 60)
    }

    @Test func statsShowUnsettledBytesAndARunOutOfTimeSaysHowToGoOn() throws {
        let temporary = TemporaryFolder("archive-settle")
        defer { temporary.remove() }
        let root = temporary.path
        let archive = root + "/archive"
        _ = try fastArchive(root)
        let statsText = try MailsiftProcess.run(["archive", "stats", "--archive", archive])
        #expect(statsText.stdout.contains("unsettled:") && statsText.stdout.contains("mailsift archive settle"))

        let none = try MailsiftProcess.run(["archive", "settle", "--archive", archive, "--max-seconds", "0"])
        #expect(none.status == 0 && none.stdout.contains("0 blocks recompressed"), "\(none.stdout)")
        #expect(none.stdout.contains("left unsettled: time is up, run settle again to go on"))

        let all = try MailsiftProcess.run(["archive", "settle", "--archive", archive])
        #expect(all.status == 0 && all.stdout.contains("all blocks settled"))
        let settledText = try MailsiftProcess.run(["archive", "stats", "--archive", archive])
        #expect(!settledText.stdout.contains("unsettled:"))
    }
}
