import Foundation
import TestSupport
import Testing

/// `mailsift test` prints values taken from the message (in --explain's trace, in folder names built from
/// variables): a header must not drive the terminal or forge lines there.
@Suite struct TestCommandTerminalTests {
    @Test func messageValuesArePrintedWithControlsEscaped() throws {
        let temporary = TemporaryFolder("terminal")
        defer { temporary.remove() }
        let folder = temporary.url
        let script = folder.appendingPathComponent("a.sieve").path
        try Data(
            """
            require ["fileinto", "variables", "mailbox"];
            if header :matches "subject" "*" { fileinto :create "${1}"; }
            """.utf8
        ).write(to: URL(fileURLWithPath: script))
        // "=1B]0;pwned=07" retitles a terminal; "=0D" returns to the line's start to hide what came before it.
        let message = folder.appendingPathComponent("m.eml").path
        try Data("From: a@x.fr\nSubject: =?utf-8?q?ok=1B]0;pwned=07=0Dhidden=0Aforged?=\n\nx\n".utf8)
            .write(to: URL(fileURLWithPath: message))

        let result = try MailsiftProcess.run(["test", "--explain", script, message])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            !result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
            "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(#"ok\e]0;pwned\u{7}\rhidden\nforged"#), "\(result.stdout)")
        #expect(!result.stdout.contains("\nforged"))

        let json = try MailsiftProcess.run(["test", "--json", script, message])
        #expect(json.stdout.contains(#"ok\u001b]0;pwned"#), "JSON keeps the exact value: \(json.stdout)")
    }
}
