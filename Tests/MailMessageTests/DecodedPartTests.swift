import Testing

@testable import MailMessage

/// A part's decoded text and HTML scan are kept on the part (`DecodedPart`): every copy of the part gives the
/// same text, and the scan's text is the plain text `HTMLText.plainText` gives, which the rules and the
/// tokenizer read from it.
@Suite struct DecodedPartTests {
    static let message = Message(
        Array(
            """
            From: a@x.example
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Bo=EEte pleine
            --b
            Content-Type: text/html; charset=utf-8

            <html><head><style>p{}</style></head><body><p>Votre <a href="http://x.example/?a=1&amp;b=2">bo&icirc;te</a>
            <span style="display:none">cach&eacute;</span> <font size="0">tiny</font></p></body></html>
            --b--
            """.utf8))

    @Test func everyCopyOfAPartGivesTheSameText() throws {
        let parts = Self.message.allParts
        #expect(parts.count == 3)
        let plain = parts[1]
        #expect(plain.text == "Boîte pleine")
        let copy = plain
        #expect(copy.text == "Boîte pleine")
        #expect(Self.message.allParts[1].text == "Boîte pleine")
        #expect(parts[0].text == nil || parts[0].contentType.isMultipart)
    }

    @Test func theScanOfAnHTMLPartHoldsItsPlainText() throws {
        let html = Self.message.allParts[2]
        let text = try #require(html.text)
        let scan = html.htmlScan
        #expect(scan.text == HTMLText.plainText(text))
        #expect(scan == HTMLText.scan(text))
        #expect(scan.links == [HTMLLink(href: "http://x.example/?a=1&b=2", text: "boîte")])
        #expect(scan.hiddenCharacters > 0)
        #expect(Self.message.allParts[2].htmlScan == scan)
    }
}
