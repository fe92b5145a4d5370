import Foundation
import Testing

@Suite struct SieveCommandsTests {
    private func temporaryScript(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-\(UUID().uuidString).sieve")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func checkReportsEveryErrorWithFileLineAndColumn() throws {
        let path = try temporaryScript("require \"fileinto\";\nfileinto \"a\" \"b\";\n\nfrobnicate;\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try MailsiftProcess.run(["check", path, "rules/examples"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "\(path):2:1: error: the fileinto command takes 1 argument (a string) but was given 2 arguments"))
        #expect(result.stdout.contains("\(path):4:1: error: unknown command 'frobnicate'"))
        #expect(result.stdout.contains("rules/examples/10-listes-de-diffusion.sieve: ok"))
        #expect(result.stdout.contains("1 of 6 scripts have errors"))
    }

    @Test func checkSucceedsOnGoodScripts() throws {
        let result = try MailsiftProcess.run(["check", "rules/examples"])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func testPrintsTheActionsAndExplains() throws {
        let path = try temporaryScript(
            """
            require ["fileinto", "imap4flags"];
            if header :contains "subject" "rentrée" { addflag "\\\\Flagged"; fileinto "Travail"; }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try MailsiftProcess.run([
            "test", "--explain", "--mailbox", "Travail", path, "samples/bienvenue.eml",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "\(path):2:4: header :contains \"subject\" \"rentrée\" → true  (values: \"Réunion de rentrée — jeudi 17 h\")"
            ))
        #expect(result.stdout.contains("file into \"Travail\" with flags \\Flagged"))
    }

    @Test func environmentSettingsAreOptions() throws {
        let path = try temporaryScript(
            """
            require ["subaddress", "envelope", "spamtest", "relational", "comparator-i;ascii-numeric"];
            if envelope :detail "to" "profs" { if spamtest :value "eq" :comparator "i;ascii-numeric" "5" { discard; } }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let message = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-\(UUID().uuidString).eml")
        try Data("From: a@x.fr\nX-Score: 10\n\nx\n".utf8).write(to: message)
        defer { try? FileManager.default.removeItem(at: message) }
        let tuned = try MailsiftProcess.run([
            "test", "--envelope-to", "jeanne-profs@college-exemple.fr", "--subaddress-separator", "-",
            "--spam-header", "X-Score", "--spam-max", "20", path, message.path,
        ])
        #expect(tuned.stdout.contains("discard"), "\(tuned.stdout)\(tuned.stderr)")
        let defaults = try MailsiftProcess.run([
            "test", "--envelope-to", "jeanne-profs@college-exemple.fr", path, message.path,
        ])
        #expect(defaults.stdout.contains("implicit keep"))
    }

    @Test func testJSONIsTheOracleDocument() throws {
        let path = try temporaryScript("require \"fileinto\"; fileinto \"INBOX\"; discard;")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try MailsiftProcess.run(["test", "--json", path, "samples/bienvenue.eml"])
        #expect(
            result.stdout == """
                {
                  "actions": [
                    {
                      "action": "keep",
                      "flags": [],
                      "implicit": false
                    },
                    {
                      "action": "discard"
                    }
                  ],
                  "compile": "ok",
                  "errors": [],
                  "runtime": "ok",
                  "warnings": []
                }

                """)
    }

    @Test func checkRefusesNestedCountsWithTheirPlace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-\(UUID().uuidString).sieve")
            .path
        try Data("require \"regex\";\nif header :regex \"subject\" \"((a{1,100}){1,100}){1,100}\" { discard; }\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try MailsiftProcess.run(["check", path], timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "\(path):2:28: error: the regular expression is too large once its repetitions are expanded"),
            "\(result.stdout)")
    }
}
