import MailMessage
import Testing

@Suite struct CharsetTests {
    @Test func fastPathsAndAliases() {
        #expect(Charset.decode([0xC3, 0xA9], charset: "UTF8") == "é")
        #expect(Charset.decode([0xE9], charset: "latin1") == "é")
        #expect(Charset.decode([0xE9], charset: "\"ISO-8859-1\"") == "é")
        // US-ASCII that carries 8-bit bytes anyway is read as UTF-8, else Windows-1252.
        #expect(Charset.decode([0xC3, 0xA9], charset: "us-ascii") == "é")
        #expect(Charset.decode([0x93, 0x61, 0x94], charset: "us-ascii") == "“a”")
    }

    @Test(arguments: 1...15)
    func everyISO8859PartIsKnown(part: Int) {
        guard part != 12 else { return }  // ISO-8859-12 was never published.
        #expect(Charset.isKnown("ISO-8859-\(part)"), "ISO-8859-\(part)")
    }

    @Test(arguments: 1250...1258)
    func everyWindowsCodePageIsKnown(page: Int) {
        #expect(Charset.isKnown("windows-\(page)"))
    }

    @Test func unknownCharsetGivesNil() {
        #expect(Charset.decode([0x41], charset: "x-klingon") == nil)
        #expect(!Charset.isKnown("x-klingon"))
    }

    @Test func truncatedMultibyteInputDoesNotCrash() {
        #expect(Charset.decode([0x82], charset: "Shift_JIS") == "\u{FFFD}")
        #expect(Charset.decode([0x1B, 0x24], charset: "ISO-2022-JP") != nil)
    }
}
