import MailMessage
import Testing

@Suite struct HTMLTextTests {
    @Test func stripsTagsAndDecodesEntities() {
        #expect(HTMLText.plainText("<b>R&eacute;union</b> &agrave; 17&nbsp;h &amp; plus") == "Réunion à 17 h & plus")
        #expect(HTMLText.plainText("&#233;t&#xE9; &#x1F600; &unknown; &amp") == "été 😀 &unknown; &")
        #expect(HTMLText.plainText("a &#0; b &#xFFFFFFFF; c") == "a \u{FFFD} b \u{FFFD} c")
    }

    @Test func blockElementsBecomeLineBreaksAndSpacesFold() {
        let text = HTMLText.plainText("<p>one\n   two</p><p>three<br>four</p><div>five</div><table><tr><td>a</td><td>b</td></tr></table>")
        #expect(text == "one two\n\nthree\nfour\n\nfive\n\na b")
    }

    @Test func hiddenContentIsDropped() {
        let html = "<html><head><title>t</title><style>p{x:y}</style></head><body><script>var a = '<p>';</script>shown<!-- hidden <b> -->!</body></html>"
        #expect(HTMLText.plainText(html) == "shown!")
    }

    @Test func quotedAttributesMayHoldAngleBrackets() {
        #expect(HTMLText.plainText("<a href=\"x>y\" title='a>b'>link</a>") == "link")
    }

    @Test func brokenMarkupEndsCleanly() {
        #expect(HTMLText.plainText("a < b and c<") == "a < b and c<")
        #expect(HTMLText.plainText("<script>never closed") == "")
        #expect(HTMLText.plainText("<p class=\"x") == "")
        #expect(HTMLText.plainText("") == "")
    }
}
