import Foundation
import Testing

/// `mailsift test` on the shipped packs: `--local-domain` sets the site's domains, several messages are run
/// in one go (each after a `== PATH` line), and `--explain` on a folder lists every score added.
@Suite struct TestCommandRulePacksTests {
    @Test func packsRunOnSeveralMessagesWithLocalDomainsAndExplain() throws {
        let result = try MailsiftProcess.run([
            "test", "--explain", "--local-domain", "ac-exemple.fr", "rules/spam",
            "rules/tests/spam-from-local-outside.eml", "rules/tests/ham-colleague.eml",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let blocks = result.stdout.components(separatedBy: "== ").filter { !$0.isEmpty }
        #expect(blocks.count == 2, "\(result.stdout)")
        #expect(blocks.first?.hasPrefix("rules/tests/spam-from-local-outside.eml\n") == true)
        #expect(
            blocks.first?.contains("Scores added:\n  FROM_LOCAL_OUTSIDE +3\n  SPF_FAIL +1.5\n  DMARC_FAIL +2.5\n")
                == true, "\(result.stdout)")
        #expect(blocks.first?.contains("spam score 7 (FROM_LOCAL_OUTSIDE 3, SPF_FAIL 1.5, DMARC_FAIL 2.5)") == true)
        #expect(
            blocks.last?.hasPrefix("rules/tests/ham-colleague.eml\nResult:\nimplicit keep") == true, "\(result.stdout)")

        let withoutSite = try MailsiftProcess.run(["test", "rules/spam", "rules/tests/spam-from-local-outside.eml"])
        #expect(withoutSite.stdout.contains("spam score 4 (SPF_FAIL 1.5, DMARC_FAIL 2.5)"), "\(withoutSite.stdout)")
    }

    @Test func jsonTakesOneMessage() throws {
        let result = try MailsiftProcess.run([
            "test", "--json", "rules/spam", "rules/tests/ham-colleague.eml", "rules/tests/ham-it-notice.eml",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--json prints one message's result"), "\(result.stderr)")
    }
}
