import Testing

@testable import MailMessage

/// `HTMLText.scan`: the links and the hidden-text measure the spam rules read, from the same single pass as
/// the plain text.
@Suite struct HTMLScanTests {
    @Test func linksKeepTheirHrefAndText() {
        let scan = HTMLText.scan(
            #"<p>Go to <a class=x href="https://a.example/?p=1&amp;q=2">the <b>site</b></a> or <A HREF=http://b.example>b</A>.<a name="top">anchor</a>"#
        )
        #expect(
            scan.links == [
                HTMLLink(href: "https://a.example/?p=1&q=2", text: "the site"),
                HTMLLink(href: "http://b.example", text: "b"),
            ])
        #expect(scan.text == "Go to the site or b.anchor")
    }

    @Test func theTextIsThatOfPlainText() {
        let html = #"<div style="display:none">x</div><p>Bonjour &eacute;l&egrave;ve</p><ul><li>a<li>b</ul>"#
        #expect(HTMLText.scan(html).text == HTMLText.plainText(html))
    }

    @Test func hiddenAndTinyTextIsCounted() {
        let scan = HTMLText.scan(
            """
            <p>Visible</p><div style="DISPLAY: none !important"><div>un</div><div>deux</div>trois</div>
            <span style="font-size:1px">tiny</span><font size="0">zero</font><p hidden>h</p>
            <span style="visibility:hidden">v</span><span style="font-size:12px">ok</span><p>é</p>
            """)
        #expect(scan.hiddenCharacters == 2 + 4 + 5 + 4 + 4 + 1 + 1)
        #expect(scan.visibleCharacters == 7 + 2 + 1)
    }

    @Test func linksAreBounded() {
        let html = String(repeating: #"<a href="https://x.example/">x</a>"#, count: 300)
        let scan = HTMLText.scan(html)
        #expect(scan.links.count == HTMLScan.defaultMaxLinks)
        #expect(scan.linksTruncated)
        let long = HTMLText.scan("<a href=\"https://x.example/\">" + String(repeating: "é", count: 1000) + "</a>")
        #expect(long.links[0].text.utf8.count <= HTMLScan.maxAnchorTextBytes)
    }
}
