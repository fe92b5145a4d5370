import MailMessage
import Testing

@Suite struct EncodedWordsTests {
    private func decode(_ text: String) -> String { EncodedWords.decode(Array(text.utf8)) }

    @Test func decodesBAndQInEitherCase() {
        #expect(decode("=?UTF-8?B?UsOpdW5pb24=?=") == "Réunion")
        #expect(decode("=?utf-8?b?UsOpdW5pb24=?=") == "Réunion")
        #expect(decode("=?iso-8859-1?q?caf=E9_cr=e8me?=") == "café crème")
    }

    @Test func joinsAdjacentWordsAndDropsTheSpaceBetweenThem() {
        #expect(decode("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") == "ab")
        #expect(decode("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=") == "ab")
        #expect(decode("=?UTF-8?Q?a?= plain =?UTF-8?Q?b?=") == "a plain b")
        #expect(decode("Re: =?UTF-8?Q?caf=C3=A9?= ok") == "Re: café ok")
    }

    @Test func joinsAMultibyteCharacterSplitAcrossTwoWords() {
        // "é" is C3 A9 in UTF-8; a mailer put each byte in its own word.
        #expect(decode("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=") == "café")
        #expect(decode("=?UTF-8?B?w6k=?==?UTF-8?B?w6k=?=") == "éé")
    }

    @Test(arguments: [
        ("=?ISO-8859-15?Q?=A4?=", "€"),
        ("=?windows-1250?Q?=9A?=", "š"),
        ("=?windows-1252?Q?=93quoted=94?=", "“quoted”"),
        ("=?windows-1251?B?z/Do4uXy?=", "Привет"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?ISO-8859-2?Q?=B1?=", "ą"),
        ("=?ISO-8859-7?Q?=E1?=", "α"),
        ("=?windows-1256?Q?=C7?=", "ا"),
        ("=?windows-1258?Q?=E0?=", "à"),
        ("=?utf-8*fr?Q?=C3=A9t=C3=A9?=", "été"),
        ("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "テスト"),
        ("=?gb2312?B?1tDOxA==?=", "中文"),
    ])
    func decodesManyCharsets(encoded: String, expected: String) {
        #expect(decode(encoded) == expected)
    }

    @Test func keepsAnUnknownCharsetAsWritten() {
        #expect(decode("=?x-no-such-charset?Q?abc?=") == "=?x-no-such-charset?Q?abc?=")
        #expect(decode("a =?x-bogus?B?AAAA?= b") == "a =?x-bogus?B?AAAA?= b")
    }

    @Test func leavesMalformedWordsAlone() {
        #expect(decode("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=")
        #expect(decode("=?UTF-8?Q?never closed") == "=?UTF-8?Q?never closed")
        #expect(decode("=??Q?x?=") == "=??Q?x?=")
        #expect(decode("price =? 3") == "price =? 3")
    }

    @Test func invalidBytesInAKnownCharsetBecomeReplacementCharacters() {
        #expect(decode("=?UTF-8?Q?a=FFb?=") == "a\u{FFFD}b")
    }
}
