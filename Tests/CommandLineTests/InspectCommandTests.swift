import Foundation
import Testing

@Suite struct InspectCommandTests {
    @Test func printsWhatTheParserUnderstood() throws {
        let result = try MailsiftProcess.run(["inspect", "samples/bienvenue.eml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Subject:    Réunion de rentrée — jeudi 17 h"))
        #expect(result.stdout.contains("From:       Secrétariat du collège <secretariat@college-exemple.fr>"))
        #expect(result.stdout.contains("Date:       2026-11-26T09:12:40+01:00 (UTC 2026-11-26T08:12:40Z, zone +0100)"))
        #expect(
            result.stdout.contains(
                "2  text/plain; charset=utf-8  base64  94 bytes (69 decoded)  attachment  \"ordre du jour de la réunion.txt\""
            ))
        #expect(result.stdout.contains("  | La réunion de rentrée aura lieu jeudi à 17 h en salle B12."))
        #expect(result.stdout.contains("Limits: none reached"))
    }

    @Test func jsonReport() throws {
        let result = try MailsiftProcess.run(["inspect", "--json", "samples/bienvenue.eml"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == "Réunion de rentrée — jeudi 17 h")
        let to = try #require(object["to"] as? [[String: Any]])
        #expect(
            to.map { $0["address"] as? String } == [
                "jeanne.dupont@college-exemple.fr", "marc.lefevre@college-exemple.fr",
            ])
        #expect(to.map { $0["name"] as? String } == ["Dupont, Jeanne", "Marc Lefèvre"])
        let structure = try #require(object["structure"] as? [String: Any])
        #expect(structure["contentType"] as? String == "multipart/mixed")
        let parts = try #require(structure["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["1", "2"])
        #expect(parts[1]["filename"] as? String == "ordre du jour de la réunion.txt")
        #expect((object["text"] as? String)?.hasPrefix("Bonjour à toutes et à tous,") == true)
    }

    @Test func reportsTheLimitsReached() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailsift-deep-\(UUID().uuidString).eml")
        var text = ""
        for level in 0..<40 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try MailsiftProcess.run(["inspect", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Limits reached:\n  - MIME nesting deeper than 32"))
    }

    @Test func missingFileIsAClearError() throws {
        let result = try MailsiftProcess.run(["inspect", "no/such/file.eml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no/such/file.eml: no such file"))
        let folder = try MailsiftProcess.run(["inspect", "samples"])
        #expect(folder.status != 0)
        #expect(folder.stderr.contains("samples: is a folder"))
    }

    @Test func standardInputIsReadInChunksUpToTheCap() throws {
        let small = "Subject: par le tube\nFrom: a@example.org\n\nbonjour\n"
        let (read, written) = try MailsiftProcess.run(
            ["inspect", "-"], input: .init(prefix: Array(small.utf8), total: small.utf8.count))
        #expect(read.status == 0, "\(read.stderr)")
        #expect(written == small.utf8.count)
        #expect(read.stdout.contains("Subject:    par le tube"))

        // 300 MiB offered, more than the 256 MiB cap: refused with a clear error, and reading stopped near the
        // cap (the rest was never taken from the pipe).
        let offered = 300 << 20
        let (large, sent) = try MailsiftProcess.run(
            ["inspect", "-"],
            input: .init(
                prefix: Array("Subject: big\n\n".utf8), repeating: Array("line of body\n".utf8), total: offered))
        #expect(large.status != 0)
        #expect(large.stderr.contains("standard input: more than the 256 MiB a message may have"), "\(large.stderr)")
        #expect(sent < offered)
    }
}
