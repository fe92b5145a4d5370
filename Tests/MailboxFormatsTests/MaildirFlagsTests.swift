import MailboxFormats
import Testing

@Suite struct MaildirFlagsTests {
    @Test func flagsRoundTrip() {
        #expect(
            MaildirFlags.flags(fromFileName: "1700000000.M1P2.host:2,FRS") == ["\\Flagged", "\\Answered", "\\Seen"])
        #expect(MaildirFlags.suffix(for: ["\\Seen", "\\Draft"]) == ":2,DS")
        #expect(MaildirFlags.flags(fromFileName: "no-info").isEmpty)
    }
}
