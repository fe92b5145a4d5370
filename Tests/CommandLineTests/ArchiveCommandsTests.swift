import Foundation
import TestSupport
import Testing

/// `mailsift archive …` as a user runs it, crashes included.
@Suite struct ArchiveCommandsTests {
    /// 120 distinct messages written as .eml files, about 2.1 KB each: with 8 KiB blocks the importer archives
    /// a few to a block, one block per call, some thirty blocks in all.
    private func writeMessages(_ folder: String, count: Int = 120) throws -> [Data] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (1...count).map { number in
            let body = (0..<40).map { "Ligne \($0) du message \(number) : compte rendu du conseil de classe." }.joined(
                separator: "\n")
            let text = """
                From: Direction <direction@ecoles.example.fr>
                To: prof\(number)@ecoles.example.fr
                Subject: Conseil de classe \(number)
                Date: Tue, 3 Jun 2025 10:\(10 + number % 50):00 +0200
                Message-ID: <\(number).conseil@ecoles.example.fr>

                \(body)

                """
            let data = Data(text.utf8)
            FileManager.default.createFile(atPath: folder + "/\(number).eml", contents: data)
            return data
        }
    }

    @Test(
        .enabled(if: faultPointsExist, "fault points exist in debug builds only"),
        arguments: ["block-written:3", "block-synced:3", "committed:3", "block-synced:1"])
    func aKilledImportLosesNothingAndStoresNothingTwice(fault: String) throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let originals = try writeMessages(root + "/in")
        let importArguments = [
            "archive", "import", "--archive", root + "/archive", "--level", "3", "--block-size", "8192", root + "/in",
        ]

        let killed = try MailsiftProcess.run(importArguments, environment: ["MAILSIFT_ARCHIVE_FAULT": fault])
        #expect(killed.wasKilled && killed.status == SIGKILL)
        let afterCrash = try MailsiftProcess.run(["archive", "stats", "--archive", root + "/archive", "--json"])
        let committedBefore = try #require(statsMessages(afterCrash.stdout))
        // Killed on the third block: two blocks (six messages) were acknowledged before it; at "committed" the
        // third was recorded too, though its caller never heard so. Killed on the first block: nothing.
        let blocks = blockSizes(root + "/in", blockSize: 8192)
        let expectedBefore =
            fault.hasPrefix("committed")
            ? blocks[0...2].reduce(0, +) : fault.hasSuffix(":1") ? 0 : blocks[0...1].reduce(0, +)
        #expect(committedBefore == expectedBefore)

        let again = try MailsiftProcess.run(importArguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("\(120 - committedBefore) messages added, \(committedBefore) already archived"))
        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", root + "/archive"])
        #expect(verify.status == 0 && verify.stdout.contains("120 messages checked: all intact"), "\(verify.stdout)")
        let stats = try MailsiftProcess.run(["archive", "stats", "--archive", root + "/archive", "--json"])
        #expect(statsMessages(stats.stdout) == 120)

        let export = try MailsiftProcess.run([
            "archive", "export", "--archive", root + "/archive", "--format", "eml", root + "/out",
        ])
        #expect(export.status == 0)
        let exported = try FileManager.default.contentsOfDirectory(atPath: root + "/out").map {
            FileManager.default.contents(atPath: root + "/out/" + $0)!
        }
        #expect(Set(exported) == Set(originals) && exported.count == 120)
    }

    /// An import stores and catalogues its mail, then indexes the text: killed in the index's first commit, the
    /// mail is all there, search says that it waits for the index, and settle (or the next import) indexes each
    /// message once.
    @Test(.enabled(if: faultPointsExist, "fault points exist in debug builds only"))
    func anImportKilledWhileIndexingLeavesTheTextWaitingThenIndexedOnce() throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        _ = try writeMessages(root + "/in")
        let archive = root + "/archive"
        let importArguments = ["archive", "import", "--archive", archive, "--block-size", "8192", root + "/in"]
        let killed = try MailsiftProcess.run(importArguments, environment: ["MAILSIFT_ARCHIVE_FAULT": "text-indexed"])
        #expect(killed.wasKilled && killed.status == SIGKILL)
        let stats = try MailsiftProcess.run(["archive", "stats", "--archive", archive, "--json"])
        #expect(statsMessages(stats.stdout) == 120)
        let search = ["archive", "search", "--archive", archive, "--limit", "500", "conseil", "classe"]
        let waiting = try MailsiftProcess.run(search)
        #expect(waiting.stdout.isEmpty)
        #expect(waiting.stderr.contains("120 archived messages wait for the text index"), "\(waiting.stderr)")

        let settle = try MailsiftProcess.run(["archive", "settle", "--archive", archive])
        #expect(settle.status == 0, "\(settle.stderr)")
        #expect(settle.stdout.hasPrefix("text of 120 messages indexed for search\n"), "\(settle.stdout)")
        let found = try MailsiftProcess.run(search)
        let ids = found.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
        #expect(ids.count == 120 && Set(ids).count == 120, "\(found.stdout)")
        #expect(!found.stderr.contains("wait for the text index"))
    }

    /// Messages per block, as the importer groups them: files in name order, a block closed before the message
    /// that would take it past `blockSize` bytes.
    private func blockSizes(_ folder: String, blockSize: Int) -> [Int] {
        var blocks: [Int] = []
        var count = 0
        var bytes = 0
        for name in (try! FileManager.default.contentsOfDirectory(atPath: folder)).sorted() {
            let size = FileManager.default.contents(atPath: folder + "/" + name)!.count
            if count > 0 && bytes + size > blockSize {
                blocks.append(count)
                (count, bytes) = (0, 0)
            }
            count += 1
            bytes += size
        }
        return blocks
    }

    private func statsMessages(_ json: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return nil
        }
        return object["messages"] as? Int
    }

    @Test func searchShowAndADamagedMessageAsTheUserSeesThem() throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let originals = try writeMessages(root + "/in")
        let archive = root + "/archive"
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--level", "3", "--block-size", "8192", root + "/in",
        ])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("120 messages added, 0 already archived"))

        let search = try MailsiftProcess.run([
            "archive", "search", "--archive", archive, "conseil", "classe", "--subject", "77", "--json",
        ])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 1 && hits.first?["subject"] as? String == "Conseil de classe 77")
        let id = try #require(hits.first?["id"] as? Int)
        let show = try MailsiftProcess.run(["archive", "show", "--archive", archive, String(id)])
        #expect(Data(show.stdout.utf8) == originals[76])

        let none = try MailsiftProcess.run(["archive", "search", "--archive", archive, "inexistant"])
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("no message found"))
        let badDay = try MailsiftProcess.run(["archive", "search", "--archive", archive, "--after", "2025-13-01"])
        #expect(badDay.status != 0 && badDay.stderr.contains("YYYY-MM-DD"))

        // Damage the middle of the segment: verify names messages, show refuses them, others still read.
        let segment = archive + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count / 2] ^= 0x40
        FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(verify.status == 1)
        let damagedLine = try #require(verify.stdout.split(separator: "\n").first { $0.hasPrefix("damaged: ") })
        let damagedID = try #require(
            damagedLine.split(separator: "messages ").last?.split(separator: ",").first.map { String($0) })
        let refused = try MailsiftProcess.run(["archive", "show", "--archive", archive, damagedID])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("message \(damagedID) is damaged"))
        let missing = try MailsiftProcess.run(["archive", "show", "--archive", root + "/nowhere", "1"])
        #expect(missing.status == 1 && missing.stderr.contains("no archive at"))
    }

    @Test func anExportWritesEveryIntactMessageNamesTheDamagedOnesAndFails() throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let originals = try writeMessages(root + "/in", count: 500)
        let archive = root + "/archive"
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--level", "3", "--block-size", "8192", root + "/in",
        ])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("500 messages added"), "\(imported.stderr)")
        // One damaged block, a quarter of the way in: before the fix, export stopped there.
        let segment = archive + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count / 4] ^= 0x40
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        let damagedLine = try #require(verify.stdout.split(separator: "\n").first { $0.hasPrefix("damaged: ") })
        let damaged = try #require(damagedLine.split(separator: "messages ").last).split(separator: ", ").map(
            String.init)
        #expect(!damaged.isEmpty && damaged.count < 10)

        let export = try MailsiftProcess.run([
            "archive", "export", "--archive", archive, "--format", "eml", root + "/out",
        ])
        #expect(export.status == 1)
        #expect(export.stdout.hasPrefix("\(500 - damaged.count) messages exported to"))
        for id in damaged {
            #expect(
                export.stderr.contains("error: message \(id) not exported: message \(id) is damaged"),
                "\(export.stderr)")
        }
        #expect(export.stderr.contains("\(damaged.count) of 500 messages could not be exported"))
        let exported = try FileManager.default.contentsOfDirectory(atPath: root + "/out")
        #expect(
            exported.count == 500 - damaged.count && !exported.contains { damaged.contains(String($0.dropLast(4))) })
        #expect(
            Set(exported.map { FileManager.default.contents(atPath: root + "/out/" + $0)! }).isSubset(
                of: Set(originals)))

        // Importing the originals again repairs them: the next export is complete.
        let again = try MailsiftProcess.run(["archive", "import", "--archive", archive, root + "/in"])
        #expect(
            again.status == 0 && again.stdout.contains("(\(damaged.count) damaged copies stored again)"),
            "\(again.stdout)")
        let complete = try MailsiftProcess.run([
            "archive", "export", "--archive", archive, "--format", "mbox", root + "/all.mbox",
        ])
        #expect(complete.status == 0 && complete.stdout.hasPrefix("500 messages exported"), "\(complete.stderr)")
    }

    @Test func badFolderNamesAndOversizedSearchesAreClearErrors() throws {
        let temporary = TemporaryFolder("archive-cli")
        defer { temporary.remove() }
        let root = temporary.path
        _ = try writeMessages(root + "/in", count: 3)
        let archive = root + "/archive"
        let empty = try MailsiftProcess.run(["archive", "import", "--archive", archive, "--folder", "", root + "/in"])
        #expect(
            empty.status == 1 && empty.stderr.contains(#"folder name "" is refused: it is empty"#), "\(empty.stderr)")
        let escape = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--folder", "a/\u{1B}[2J", root + "/in",
        ])
        #expect(
            escape.status == 1 && escape.stderr.contains(#"folder name "a/\u{1B}[2J" is refused"#), "\(escape.stderr)")
        #expect(!escape.stderr.contains("\u{1B}"))
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--folder", "Conseils/2025", root + "/in",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")

        let search = try MailsiftProcess.run([
            "archive", "search", "--archive", archive, "co*", "cl*", "di*", "pr*", "ec*",
        ])
        #expect(search.status == 1 && search.stderr.contains("at most 4 are allowed"), "\(search.stderr)")
        let allowed = try MailsiftProcess.run(["archive", "search", "--archive", archive, "co*", "cl*", "di*", "pr*"])
        #expect(allowed.status == 0 && allowed.stdout.split(separator: "\n").count == 3, "\(allowed.stdout)")
    }
}
