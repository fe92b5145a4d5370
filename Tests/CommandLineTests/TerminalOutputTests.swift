import Foundation
import TestSupport
import Testing

/// What a hostile message can do to a terminal through `inspect` and `archive search`: nothing. Controls and
/// bidirectional overrides are printed visibly, no decoded line break or tab adds a line or a column, and the
/// JSON output keeps the exact values.
@Suite struct TerminalOutputTests {
    /// Retitles the terminal, returns to the line start, backspaces, forges a tab and a line, reverses text,
    /// and sends a C1 CSI.
    static let subject = "\u{1B}]0;pwned\u{7}Hi\rX\u{8}Y\tZ\nFake: line\u{202E}txt.exe\u{9B}31m"
    static let senderName = "Evil\u{1B}[2J\nName"

    /// The hostile message, or its twin with every control replaced by a letter (the same lines and fields).
    static func message(hostile: Bool) -> String {
        func clean(_ text: String) -> String {
            hostile
                ? text
                : String(
                    String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value >= 0x7F ? "_" : $0 })
                )
        }
        let encodedSubject = Data(clean(subject).utf8).base64EncodedString()
        let encodedName = Data(clean(senderName).utf8).base64EncodedString()
        return """
            From: =?utf-8?b?\(encodedName)?= <evil@example.org>
            To: victim@example.org
            Subject: =?utf-8?b?\(encodedSubject)?=
            X-Raw: \(clean("raw\u{1B}[31mred"))
            Date: Tue, 3 Jun 2025 10:00:00 +0200
            Message-ID: <\(hostile ? "hostile" : "twin")@example.org>

            hello \(clean("\u{1B}[2J")) world

            """
    }

    private func write(_ text: String, _ folder: String, _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Scalars a terminal acts on; `tabsAllowed` for lines where a tab is the output's own separator.
    private func rawControls(_ line: Substring, tabsAllowed: Bool) -> [UInt32] {
        line.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && !(tabsAllowed && value == 0x09)) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
    }

    @Test func inspectPrintsControlsVisiblyAndKeepsItsLines() throws {
        let temporary = TemporaryFolder("terminal")
        defer { temporary.remove() }
        let folder = temporary.path
        let hostile = try MailsiftProcess.run([
            "inspect", try write(Self.message(hostile: true), folder, "hostile.eml"),
        ])
        let twin = try MailsiftProcess.run(["inspect", try write(Self.message(hostile: false), folder, "twin.eml")])
        #expect(hostile.status == 0 && twin.status == 0, "\(hostile.stderr)")
        let lines = hostile.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(rawControls(line, tabsAllowed: false).isEmpty, "\(line.debugDescription)")
        }
        #expect(lines.count == twin.stdout.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(!lines.contains { $0.hasPrefix("Fake:") })
        #expect(
            hostile.stdout.contains(#"Subject:    \e]0;pwned\u{7}Hi\rX\u{8}Y\tZ\nFake: line\u{202E}txt.exe\u{9B}31m"#))
        #expect(hostile.stdout.contains(#"From:       Evil\e[2J\nName <evil@example.org>"#))
        #expect(hostile.stdout.contains(#"  X-Raw: raw\e[31mred"#))
        #expect(hostile.stdout.contains(#"  | hello \e[2J world"#))
    }

    @Test func inspectJSONKeepsTheExactValues() throws {
        let temporary = TemporaryFolder("terminal")
        defer { temporary.remove() }
        let folder = temporary.path
        let result = try MailsiftProcess.run([
            "inspect", "--json", try write(Self.message(hostile: true), folder, "m.eml"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == Self.subject)
        let from = try #require(object["from"] as? [[String: Any]])
        #expect(from.first?["name"] as? String == Self.senderName)
        #expect((object["text"] as? String)?.contains("hello \u{1B}[2J world") == true)
    }

    @Test func archiveSearchPrintsOneSafeLinePerMessage() throws {
        let temporary = TemporaryFolder("terminal")
        defer { temporary.remove() }
        let root = temporary.path
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        _ = try write(Self.message(hostile: true), root + "/in", "hostile.eml")
        // A folder name with controls is refused by the archive (FolderNameTests); sender and subject carry them here.
        let folderName = "Boîte rouge"
        let imported = try MailsiftProcess.run(
            ["archive", "import", "--archive", root + "/archive", "--folder", folderName, root + "/in"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let search = try MailsiftProcess.run(["archive", "search", "--archive", root + "/archive", "hello"])
        #expect(search.status == 0, "\(search.stderr)")
        let lines = search.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(rawControls(line, tabsAllowed: true).isEmpty, "\(line.debugDescription)")
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        #expect(columns.count == 5)
        #expect(columns.dropFirst(2).first == "Boîte rouge")
        #expect(columns.last == #"\e]0;pwned\u{7}Hi\rX\u{8}Y\tZ\nFake: line\u{202E}txt.exe\u{9B}31m"#)

        let json = try MailsiftProcess.run(["archive", "search", "--archive", root + "/archive", "--json", "hello"])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(hits.first?["subject"] as? String == Self.subject)
        #expect(hits.first?["folder"] as? String == folderName)
    }
}
